import LoopLedger

/// Builds a self-contained ledger (format version 1) from extracted candidates, so that
/// `loopledger validate` can check them and a person can merge them into a ledger.
///
/// New candidates become deals with their quotes as sources. A candidate that duplicates a
/// deal of the reference ledger becomes that deal with the article's quote added to its sources
/// (and the documents, companies and rates it needs are copied along).
public enum CandidateLedger {
  public static func build(
    extractions: [ArticleExtraction], catalog: CompanyCatalog, reference: Ledger?,
    minimumConfidence: Double = 0
  ) -> Ledger {
    var documents: [Document] = []
    var documentIDs = Set<String>()
    var deals: [Deal] = []
    var dealIDs = Set<String>()
    var companyIDs = Set<CompanyID>()
    var fxRates: [FXRate] = []
    var duplicateIndex: [DealID: Int] = [:]

    func uniqueID(_ base: String, in taken: inout Set<String>, avoid: (String) -> Bool) -> String {
      var candidate = base
      var n = 2
      while taken.contains(candidate) || avoid(candidate) {
        candidate = "\(base)-\(n)"
        n += 1
      }
      taken.insert(candidate)
      return candidate
    }

    for extraction in extractions {
      let documentID = uniqueID(
        "article-" + slug(extraction.file), in: &documentIDs, avoid: { reference?.document($0) != nil })
      let title = firstLine(extraction.text)
      documents.append(
        Document(
          id: documentID, title: title.isEmpty ? extraction.file : title, published: extraction.articleDate,
          language: extraction.language.ledgerLanguage,
          note: "candidates extracted by loopledger extract from \(extraction.file)"))
      let language = extraction.language.ledgerLanguage
      for candidate in extraction.candidates where candidate.confidence >= minimumConfidence {
        var sources = [Source(document: documentID, quote: candidate.quote, language: language)]
        for evidence in candidate.alsoIn {
          sources.append(Source(document: documentID, quote: evidence.quote, language: language))
        }
        if let duplicate = candidate.duplicateOf, let existing = reference?.deal(duplicate) {
          if let index = duplicateIndex[duplicate] {
            deals[index].sources.append(contentsOf: sources)
          } else {
            var copy = existing
            copy.sources.append(contentsOf: sources)
            copy.supersedes = nil
            duplicateIndex[duplicate] = deals.count
            deals.append(copy)
            dealIDs.insert(duplicate.rawValue)
          }
          continue
        }
        var amount = candidate.amount
        var notes = candidate.notes
        if let currency = amount.currency, currency != "USD" {
          let hasRate = reference?.perUSD(currency) != nil || fxRates.contains { $0.currency == currency }
          if !hasRate, let stated = extraction.statedRates.first(where: { $0.currency == currency }) {
            fxRates.append(
              FXRate(
                currency: currency, perUSD: stated.perUSD, asOf: extraction.articleDate,
                source: Source(document: documentID, quote: stated.quote, language: language)))
          } else if !hasRate {
            notes.append(
              "Stated as \(amount.asWritten ?? currency); no \(currency) rate in the ledger, so kept as unstated.")
            amount = .unstated
          }
        }
        if amount.qualifier != .unstated, amount.currency == nil { amount.currency = "USD" }
        let base =
          "\(candidate.payer.id.rawValue)-\(candidate.payee.id.rawValue)-\(candidate.kind.rawValue.replacingUnderscores)"
          + (candidate.announced.map { "-\($0.description)" } ?? "")
        let id = uniqueID(slug(base), in: &dealIDs, avoid: { reference?.deal(DealID($0)) != nil })
        let note =
          (["Candidate from \(extraction.file), confidence \(Double(Int(candidate.confidence * 100)) / 100)."] + notes)
          .joined(separator: " ")
        deals.append(
          Deal(
            id: DealID(id), payer: candidate.payer.id, payee: candidate.payee.id, kind: candidate.kind,
            amount: amount, announced: candidate.announced, termYears: candidate.termYears,
            status: candidate.status, sources: sources, note: note))
      }
    }
    // Deals that a copied deal is superseded by come along, so the file stays valid.
    var queue = deals.compactMap(\.supersededBy)
    while let next = queue.popLast() {
      guard !dealIDs.contains(next.rawValue), var deal = reference?.deal(next) else { continue }
      deal.supersedes = nil
      dealIDs.insert(next.rawValue)
      deals.append(deal)
      if let further = deal.supersededBy { queue.append(further) }
    }
    // Documents, companies and rates the copied deals need.
    for deal in deals {
      companyIDs.insert(deal.payer)
      companyIDs.insert(deal.payee)
      for source in deal.sources where !documentIDs.contains(source.document) {
        if let document = reference?.document(source.document) {
          documents.append(document)
          documentIDs.insert(document.id)
        }
      }
      if let currency = deal.amount.currency, currency != "USD", !fxRates.contains(where: { $0.currency == currency }),
        let rate = reference?.fxRates.first(where: { $0.currency == currency })
      {
        fxRates.append(rate)
        if !documentIDs.contains(rate.source.document), let document = reference?.document(rate.source.document) {
          documents.append(document)
          documentIDs.insert(document.id)
        }
      }
    }
    // Organisations no catalog knows keep the name the article gives them.
    var writtenNames: [CompanyID: String] = [:]
    for extraction in extractions {
      for candidate in extraction.candidates {
        writtenNames[candidate.payer.id] = writtenNames[candidate.payer.id] ?? candidate.payer.name
        writtenNames[candidate.payee.id] = writtenNames[candidate.payee.id] ?? candidate.payee.name
      }
    }
    var companies: [Company] = []
    var added = Set<CompanyID>()
    var pending = Array(companyIDs).sorted()
    while let id = pending.first {
      pending.removeFirst()
      guard added.insert(id).inserted else { continue }
      let company =
        reference?.company(id) ?? catalog.company(id)
        ?? Company(id: id, names: LocalizedNames(english: writtenNames[id] ?? id.rawValue))
      companies.append(company)
      if let parent = company.parent, !added.contains(parent) { pending.append(parent) }
    }
    return Ledger(
      id: "extracted", title: "Candidate deals extracted from \(extractions.map(\.file).joined(separator: ", "))",
      asOf: extractions.compactMap(\.articleDate).max(), documents: documents, fxRates: fxRates,
      companies: companies, deals: deals)
  }

  static func slug(_ text: String) -> String {
    var out = ""
    var dash = false
    for scalar in text.lowercased().unicodeScalars {
      let v = scalar.value
      if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
        out.unicodeScalars.append(scalar)
        dash = false
      } else if !dash, !out.isEmpty {
        out += "-"
        dash = true
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "article" : String(out.prefix(60))
  }

  static func firstLine(_ text: String) -> String {
    let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
    return String(line.trimmingSpaces.prefix(160))
  }
}

extension String {
  fileprivate var replacingUnderscores: String {
    String(unicodeScalars.map { $0 == "_" ? "-" : Character($0) })
  }
}
