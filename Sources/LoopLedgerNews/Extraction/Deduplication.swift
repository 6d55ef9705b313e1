import LoopLedger

extension DealExtractor {
  /// Marks candidates that restate a deal of the ledger: same payer and payee (at group level),
  /// same kind, overlapping amounts (in one currency, or either unknown) and overlapping dates
  /// (either unknown counts as overlapping).
  ///
  /// The ledger deal's sources and the candidate's quote are merged into `mergedSources`.
  func deduplicated(_ candidates: [Candidate], documentID: String = "article") -> [Candidate] {
    guard let ledger else { return candidates }
    struct Key: Hashable {
      var payer: CompanyID
      var payee: CompanyID
      var kind: DealKind
    }
    var index: [Key: [Deal]] = [:]
    for deal in ledger.deals {
      let key = Key(payer: catalog.group(of: deal.payer), payee: catalog.group(of: deal.payee), kind: deal.kind)
      index[key, default: []].append(deal)
    }
    return candidates.map { candidate in
      var candidate = candidate
      let key = Key(
        payer: catalog.group(of: candidate.payer.id), payee: catalog.group(of: candidate.payee.id), kind: candidate.kind
      )
      let matches = (index[key] ?? []).filter { deal in
        Run.amountsOverlap(deal.amount, candidate.amount) && datesOverlap(deal.announced, candidate.announced)
      }
      // Prefer a live deal over a superseded one, then the one whose amount matches best.
      let best = matches.min { a, b in
        func rank(_ deal: Deal) -> Int {
          (deal.status == .superseded ? 2 : 0)
            + (deal.amount == candidate.amount || deal.amount.value == candidate.amount.value ? 0 : 1)
            + (deal.payer == candidate.payer.id && deal.payee == candidate.payee.id ? 0 : 1)
        }
        return rank(a) < rank(b)
      }
      if let best {
        candidate.duplicateOf = best.id
        candidate.mergedSources = best.sources
      }
      return candidate
    }
  }

  func datesOverlap(_ a: PartialDate?, _ b: PartialDate?) -> Bool {
    guard let a, let b else { return true }
    return a.overlaps(from: b, to: b)
  }
}
