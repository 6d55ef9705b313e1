import Foundation
import LoopLedger

/// One FollowTheMoney entity, as a line of FtM JSON lines: `{"id", "schema", "properties"}` with
/// every property a list of strings.
public struct FtMEntity: Codable, Sendable, Equatable {
  public var id: String
  public var schema: String
  public var properties: [String: [String]]

  public init(id: String, schema: String, properties: [String: [String]] = [:]) {
    self.id = id
    self.schema = schema
    self.properties = properties
  }

  func first(_ property: String) -> String? { properties[property]?.first }
}

/// Companies, deals and their documents to and from FollowTheMoney (OCCRP's data model, used by
/// Aleph), so investigators can load a ledger into their tools and bring theirs in.
///
/// The mapping (docs/ftm.md has the full table):
///
/// - a company → `Company` (`name` the English name, `alias` the other names and aliases, `parent`,
///   `sector` the role);
/// - an equity investment or warrant → `Ownership` (`owner` the payer, `asset` the payee,
///   `sharesValue` and `sharesCurrency`, `ownershipType` the kind);
/// - a loan → `Debt` (`creditor` the payer, `debtor` the payee, `amount`, `currency`);
/// - a purchase, sale or other deal → `Payment` (`payer`, `beneficiary`, `amount`, `currency`,
///   `purpose` the kind);
/// - every deal: `date` and `startDate` the announcement, `endDate` the end of the term,
///   `sourceUrl` its documents' addresses, `recordId` the deal id, and `summary` the amount in
///   words with its qualifier and interval, and the status ("at least 10000000000 USD; interval
///   [10000000000, ∞]; as written: 至少100億美元; status: talks"); `status` too on `Ownership`, the
///   only one of the three schemas that has it;
/// - a document → `Article`; a deal's sources → its `proof` (the articles, in order) and its
///   `description` (the exact quotes, in the same order). (FtM's `Documentation` cannot link an
///   article to a deal: its `entity` must be a `Thing`, and deals are `Interval`s.)
///
/// FtM has no place for an amount's qualifier, range bounds, estimate, words as written or
/// assumption, nor for the kind beyond the schema, the term, `supersedes` or the exact names per
/// script: those travel as JSON after `loopledger:` in `description`, so a round trip is exact.
/// Without that line (data from elsewhere) the import reads the FtM properties alone. Facts and
/// exchange rates have no FtM schema and are not exported.
public enum FollowTheMoney {
  static let companyPrefix = "ll-company-"
  static let documentPrefix = "ll-document-"
  static let dealPrefix = "ll-deal-"
  static let marker = "loopledger:"

  // MARK: - Export

  /// The ledger's documents, companies and deals as FtM entities, in ledger order.
  public static func entities(_ ledger: Ledger) throws -> [FtMEntity] {
    var result: [FtMEntity] = []
    for document in ledger.documents {
      var entity = FtMEntity(id: documentPrefix + document.id, schema: "Article")
      entity.properties["title"] = [document.title]
      entity.properties["name"] = [document.title]
      entity.properties["publisher"] = document.publisher.map { [$0] }
      entity.properties["publishedAt"] = document.published.map { [$0.description] }
      entity.properties["sourceUrl"] = document.url.map { [$0] }
      entity.properties["language"] = document.language.map { [$0 == .english ? "eng" : "zho"] }
      entity.properties["description"] = [marker + (try EntityJSON.encode(document))]
      result.append(entity)
    }
    for company in ledger.companies {
      var entity = FtMEntity(id: companyPrefix + company.id.rawValue, schema: "Company")
      entity.properties["name"] = [company.names.english]
      var aliases: [String] = []
      for name in [company.names.traditionalChinese, company.names.simplifiedChinese].compactMap({ $0 })
        + company.aliases
      where name != company.names.english && !aliases.contains(name) {
        aliases.append(name)
      }
      if !aliases.isEmpty { entity.properties["alias"] = aliases }
      entity.properties["parent"] = company.parent.map { [companyPrefix + $0.rawValue] }
      entity.properties["sector"] = company.role.map { [$0] }
      entity.properties["description"] = [marker + (try EntityJSON.encode(company))]
      result.append(entity)
    }
    for deal in ledger.deals { result.append(try dealEntity(deal, ledger: ledger)) }
    return result
  }

  /// The FtM schema a deal kind maps to.
  public static func schema(of kind: DealKind) -> String {
    switch kind {
    case .equityInvestment, .warrant: "Ownership"
    case .loan: "Debt"
    case .computePurchase, .chipPurchase, .cloudContract, .softwareSale, .other: "Payment"
    }
  }

  private static func dealEntity(_ deal: Deal, ledger: Ledger) throws -> FtMEntity {
    var entity = FtMEntity(id: dealPrefix + deal.id.rawValue, schema: schema(of: deal.kind))
    let payer = [companyPrefix + deal.payer.rawValue]
    let payee = [companyPrefix + deal.payee.rawValue]
    let figures: [String]? =
      switch deal.amount.qualifier {
      case .unstated: nil
      case .range: [deal.amount.low, deal.amount.high].compactMap { $0.map(number) }
      default: deal.amount.value.map { [number($0)] }
      }
    let currency = deal.amount.currency.map { [$0] }
    switch entity.schema {
    case "Ownership":
      entity.properties["owner"] = payer
      entity.properties["asset"] = payee
      entity.properties["sharesValue"] = figures
      entity.properties["sharesCurrency"] = currency
      entity.properties["ownershipType"] = [deal.kind.rawValue]
    case "Debt":
      entity.properties["creditor"] = payer
      entity.properties["debtor"] = payee
      entity.properties["amount"] = figures
      entity.properties["currency"] = currency
    default:
      entity.properties["payer"] = payer
      entity.properties["beneficiary"] = payee
      entity.properties["amount"] = figures
      entity.properties["currency"] = currency
      entity.properties["purpose"] = [deal.kind.rawValue]
    }
    if let announced = deal.announced {
      entity.properties["date"] = [announced.description]
      entity.properties["startDate"] = [announced.description]
      if let years = deal.termYears, let end = endDate(announced, years: years) {
        entity.properties["endDate"] = [end.description]
      }
    }
    // Only Ownership has a `status` in FtM; the summary says it for every deal.
    if entity.schema == "Ownership" { entity.properties["status"] = [deal.status.rawValue] }
    entity.properties["recordId"] = [deal.id.rawValue]
    let urls = deal.sources.compactMap { ledger.document($0.document)?.url }
    if !urls.isEmpty { entity.properties["sourceUrl"] = unique(urls) }
    let publishers = deal.sources.compactMap { ledger.document($0.document)?.publisher }
    if !publishers.isEmpty { entity.properties["publisher"] = unique(publishers) }
    entity.properties["summary"] = [summary(deal.amount) + "; status: \(deal.status.rawValue)"]
    // The sources: `proof` names each source's article, `description` holds its quote, in order.
    if !deal.sources.isEmpty { entity.properties["proof"] = deal.sources.map { documentPrefix + $0.document } }
    entity.properties["description"] = deal.sources.map(\.quote) + [marker + (try EntityJSON.encode(deal))]
    return entity
  }

  /// The amount in words with its qualifier and interval, for FtM's `summary`.
  public static func summary(_ amount: Amount) -> String {
    let unit = amount.currency ?? amount.unit ?? ""
    func show(_ value: Double?) -> String { value.map(number) ?? "unknown" }
    let interval = amount.statedInterval
    let bounds = "interval [\(interval.low.map(number) ?? "unknown"), \(interval.high.map(number) ?? "∞")]"
    var text: String
    switch amount.qualifier {
    case .unstated: text = "amount not stated (unknown, not zero)"
    case .exact: text = "exactly \(show(amount.value)) \(unit); \(bounds)"
    case .about: text = "about \(show(amount.value)) \(unit); \(bounds)"
    case .atLeast: text = "at least \(show(amount.value)) \(unit); \(bounds)"
    case .moreThan: text = "more than \(show(amount.value)) \(unit); \(bounds)"
    case .upTo: text = "up to \(show(amount.value)) \(unit); \(bounds)"
    case .range: text = "between \(show(amount.low)) and \(show(amount.high)) \(unit); \(bounds)"
    }
    if let estimate = amount.estimate { text += "; estimate \(number(estimate))" }
    if let words = amount.asWritten { text += "; as written: \(words)" }
    if let derived = amount.derived {
      text += "; derived: \(derived.shareText) of \(derived.of) (\(derived.reason))"
    }
    if let assumed = amount.assumed { text += "; assumed by the user: \(assumed.reason)" }
    return text
  }

  /// FtM JSON lines: one entity per line, keys sorted.
  public static func encode(_ ledger: Ledger) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = Data()
    for entity in try entities(ledger) {
      data.append(try encoder.encode(entity))
      data.append(0x0A)
    }
    return data
  }

  // MARK: - Import

  /// What an FtM file holds in ledger terms.
  public struct Contents: Sendable, Equatable {
    public var documents: [Document] = []
    public var companies: [Company] = []
    public var deals: [Deal] = []
    /// Entities of schemas the ledger has no place for, by schema.
    public var skipped: [String: Int] = [:]
  }

  /// Reads FtM JSON lines into documents, companies and deals.
  ///
  /// - Throws: ``StoreError/badInput(file:problems:)`` with every problem, by line.
  public static func decode(_ data: Data, file: String) throws -> Contents {
    var problems: [String] = []
    var entities: [(line: Int, entity: FtMEntity)] = []
    let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
      do {
        entities.append((index + 1, try JSONDecoder().decode(FtMEntity.self, from: Data(line))))
      } catch {
        problems.append("line \(index + 1): not an FtM entity (\(LedgerStore.describe(error)))")
      }
    }
    var contents = Contents()
    var companyIDs: [String: CompanyID] = [:]
    var documentIDs: [String: String] = [:]
    var dealIDs: [String: Int] = [:]
    // Companies and documents first: deals refer to them.
    for (line, entity) in entities {
      switch entity.schema {
      case "Company", "LegalEntity", "Organization", "PublicBody":
        let company = self.company(entity, line: line, problems: &problems)
        companyIDs[entity.id] = company.id
        contents.companies.append(company)
      case "Article", "Document", "PlainText", "HyperText", "Pages":
        let document = self.document(entity, line: line, problems: &problems)
        documentIDs[entity.id] = document.id
        contents.documents.append(document)
      default: break
      }
    }
    func company(_ reference: String?, _ field: String, _ line: Int) -> CompanyID {
      guard let reference else {
        problems.append("line \(line): \(field): missing")
        return CompanyID("")
      }
      guard let id = companyIDs[reference] else {
        problems.append("line \(line): \(field): '\(reference)' is no Company or LegalEntity in the file")
        return CompanyID(reference)
      }
      return id
    }
    for (line, entity) in entities {
      let parties: (String, String)?
      switch entity.schema {
      case "Ownership": parties = ("owner", "asset")
      case "Debt": parties = ("creditor", "debtor")
      case "Payment": parties = ("payer", "beneficiary")
      default: parties = nil
      }
      guard let (payerField, payeeField) = parties else {
        if ![
          "Company", "LegalEntity", "Organization", "PublicBody", "Article", "Document", "PlainText", "HyperText",
          "Pages",
        ].contains(entity.schema) {
          contents.skipped[entity.schema, default: 0] += 1
        }
        continue
      }
      var deal = self.deal(entity, line: line, problems: &problems)
      deal.payer = company(entity.first(payerField), payerField, line)
      deal.payee = company(entity.first(payeeField), payeeField, line)
      if extras(entity) == nil {
        // Data from elsewhere: each `proof` article is a source, its quote the matching description.
        let quotes = (entity.properties["description"] ?? []).filter { !$0.hasPrefix(marker) }
        for (index, reference) in (entity.properties["proof"] ?? []).enumerated() {
          guard let document = documentIDs[reference] else {
            problems.append("line \(line): proof: '\(reference)' is no Article or Document in the file")
            continue
          }
          let quote = index < quotes.count ? quotes[index] : "(no quote in the FollowTheMoney data)"
          deal.sources.append(Source(document: document, quote: quote))
        }
      }
      dealIDs[entity.id] = contents.deals.count
      contents.deals.append(deal)
    }
    if !problems.isEmpty { throw StoreError.badInput(file: file, problems: problems) }
    return contents
  }

  private static func extras(_ entity: FtMEntity) -> String? {
    entity.properties["description"]?.first { $0.hasPrefix(marker) }.map { String($0.dropFirst(marker.count)) }
  }

  private static func localID(_ entity: FtMEntity, prefix: String, fallback: String?) -> String {
    if entity.id.hasPrefix(prefix) { return String(entity.id.dropFirst(prefix.count)) }
    return slug(fallback ?? entity.id)
  }

  private static func company(_ entity: FtMEntity, line: Int, problems: inout [String]) -> Company {
    if let json = extras(entity), let company = try? JSONDecoder().decode(Company.self, from: Data(json.utf8)) {
      return company
    }
    let name = entity.first("name") ?? entity.id
    let id = localID(entity, prefix: companyPrefix, fallback: name)
    return Company(
      id: CompanyID(id), names: LocalizedNames(english: name),
      aliases: Array((entity.properties["name"] ?? []).dropFirst()) + (entity.properties["alias"] ?? []),
      parent: entity.first("parent").map {
        CompanyID($0.hasPrefix(companyPrefix) ? String($0.dropFirst(companyPrefix.count)) : slug($0))
      },
      role: entity.first("sector"))
  }

  private static func document(_ entity: FtMEntity, line: Int, problems: inout [String]) -> Document {
    if let json = extras(entity), let document = try? JSONDecoder().decode(Document.self, from: Data(json.utf8)) {
      return document
    }
    let title = entity.first("title") ?? entity.first("name") ?? entity.id
    return Document(
      id: localID(entity, prefix: documentPrefix, fallback: entity.id), title: title,
      publisher: entity.first("publisher"),
      published: entity.first("publishedAt").flatMap { PartialDate(String($0.prefix(10))) },
      language: entity.first("language").flatMap { $0 == "eng" ? .english : nil }, url: entity.first("sourceUrl"))
  }

  private static func deal(_ entity: FtMEntity, line: Int, problems: inout [String]) -> Deal {
    if let json = extras(entity), let deal = try? JSONDecoder().decode(Deal.self, from: Data(json.utf8)) {
      return deal
    }
    // Data from elsewhere: the FtM properties alone.
    let kind: DealKind =
      switch entity.schema {
      case "Ownership": entity.first("ownershipType").flatMap(DealKind.init(rawValue:)) ?? .equityInvestment
      case "Debt": .loan
      default: entity.first("purpose").flatMap(DealKind.init(rawValue:)) ?? .other
      }
    let valueField = entity.schema == "Ownership" ? "sharesValue" : "amount"
    let currencyField = entity.schema == "Ownership" ? "sharesCurrency" : "currency"
    var figures: [Double] = []
    for text in entity.properties[valueField] ?? [] {
      if let value = Double(text), value >= 0, value.isFinite {
        figures.append(value)
      } else {
        problems.append("line \(line): \(valueField): '\(text)' is not a non-negative number")
      }
    }
    let currency = entity.first(currencyField)?.uppercased()
    let amount: Amount =
      switch figures.count {
      case 0: .unstated
      case 1: Amount(qualifier: .exact, value: figures[0], currency: currency ?? "USD")
      default: Amount(qualifier: .range, low: figures.min(), high: figures.max(), currency: currency ?? "USD")
      }
    let date = (entity.first("date") ?? entity.first("startDate")).flatMap { PartialDate(String($0.prefix(10))) }
    var termYears: Double? = nil
    if let start = entity.first("startDate").flatMap({ PartialDate(String($0.prefix(7))) }),
      let end = entity.first("endDate").flatMap({ PartialDate(String($0.prefix(7))) }),
      let startMonth = start.month, let endMonth = end.month
    {
      let months = (end.year - start.year) * 12 + endMonth - startMonth
      if months > 0 { termYears = Double(months) / 12 }
    }
    let id = entity.first("recordId").map(slug) ?? localID(entity, prefix: dealPrefix, fallback: entity.id)
    return Deal(
      id: DealID(id), payer: "", payee: "", kind: kind, amount: amount, announced: date, termYears: termYears,
      status: entity.first("status").flatMap(DealStatus.init(rawValue:)) ?? statusInSummary(entity) ?? .announced,
      sources: [])
  }

  /// The status a LoopLedger summary states (`…; status: closed`), for schemas without `status`.
  private static func statusInSummary(_ entity: FtMEntity) -> DealStatus? {
    guard let summary = entity.first("summary"), let range = summary.range(of: "; status: ", options: .backwards)
    else { return nil }
    return DealStatus(rawValue: String(summary[range.upperBound...]))
  }

  /// The day, month or year `years` after `date`, at the same precision.
  ///
  /// Nil when the precision cannot hold it, such as half a year after a year.
  static func endDate(_ date: PartialDate, years: Double) -> PartialDate? {
    let months = Int((years * 12).rounded())
    guard let month = date.month else {
      return months % 12 == 0 ? PartialDate(year: date.year + months / 12) : nil
    }
    let total = date.year * 12 + (month - 1) + months
    var end = PartialDate(year: total / 12, month: total % 12 + 1)
    if let day = date.day {
      end.day = min(day, lastDay(end))
    }
    return end
  }

  private static func lastDay(_ month: PartialDate) -> Int {
    for day in [31, 30, 29, 28] where PartialDate(month.description + "-\(day)") != nil { return day }
    return 28
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
  }

  private static func unique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
  }

  /// A slug of any text: lower-case ASCII letters and digits joined by `-`.
  static func slug(_ text: String) -> String {
    var result = ""
    for scalar in text.lowercased().unicodeScalars {
      if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
        result.unicodeScalars.append(scalar)
      } else if !result.isEmpty, !result.hasSuffix("-") {
        result += "-"
      }
    }
    while result.hasSuffix("-") { result.removeLast() }
    return result.isEmpty ? "entity" : result
  }
}

extension LedgerStore {
  /// The store's ledger as FtM JSON lines (`db export --format ftm`).
  public func exportFollowTheMoney() throws -> Data {
    try FollowTheMoney.encode(try loadLedger())
  }

  /// Imports FtM JSON lines (`db import FILE.ftm.json`).
  ///
  /// Their companies, documents and deals are added or updated as by
  /// ``importLedger(_:actor:reason:)``, in one transaction. Into an empty store, the ledger's id is
  /// `ftm` and its title the file's name.
  @discardableResult
  public func importFollowTheMoney(
    _ data: Data, file: String, actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> ImportReport {
    let contents = try FollowTheMoney.decode(data, file: file)
    let ledger = Ledger(
      id: "ftm", title: file, documents: contents.documents, companies: contents.companies, deals: contents.deals)
    return try importLedger(ledger, actor: actor, reason: reason ?? "FollowTheMoney import of \(file)")
  }
}
