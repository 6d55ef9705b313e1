import Foundation

/// Reads and writes the ledger JSON format (version 1), validating every entry.
///
/// The format is documented in `docs/ledger-format.md`. Decoding never stops at the first
/// problem: it collects every issue (unknown company, negative amount, low above high, a currency
/// without a rate, duplicate ids, payer equal to payee, malformed dates, dangling `supersededBy`,
/// unknown fields) and throws them together as ``LedgerError/invalid(file:issues:)``.
public enum LedgerFile {
  /// The value of the `format` field.
  public static let formatName = "loopledger-ledger"
  /// The newest format version this code reads and writes.
  public static let currentVersion = 1

  /// Decodes and validates a ledger.
  ///
  /// - Parameters:
  ///   - data: The file's bytes (UTF-8 JSON).
  ///   - file: The name to show in messages.
  ///   - resolveBase: Loads the ledger named by an `extends` field (a bundled ledger or a path).
  /// - Returns: The ledger, merged with its base if it extends one.
  /// - Throws: ``LedgerError/invalid(file:issues:)`` listing every problem found.
  public static func decode(
    _ data: Data, file: String, resolveBase: (String) throws -> Ledger = { name in
      try BundledLedger.load(name)
    }
  ) throws -> Ledger {
    let root: JSONValue
    do {
      root = try JSONDecoder().decode(JSONValue.self, from: data)
    } catch {
      throw LedgerError.invalid(
        file: file,
        issues: [LedgerIssue(file: file, entry: "file", field: "", problem: syntaxMessage(error))])
    }
    var reader = Reader(file: file)
    guard case .object(let object) = root else {
      reader.report("file", "", "the top level must be a JSON object; found \(root.typeName)")
      throw LedgerError.invalid(file: file, issues: reader.issues)
    }
    let header = reader.header(object)
    var base: Ledger? = nil
    if let extends = header.extends {
      do {
        base = try resolveBase(extends)
      } catch let error as LedgerError {
        reader.report("ledger", "extends", "cannot load '\(extends)': \(error)")
      }
    }
    let documents = reader.list(object, "documents") { $0.document($1, $2) }
    let fxRates = reader.list(object, "fxRates") { $0.fxRate($1, $2) }
    let companies = reader.list(object, "companies") { $0.company($1, $2) }
    let deals = reader.list(object, "deals") { $0.deal($1, $2) }
    let facts = reader.list(object, "facts") { $0.fact($1, $2) }

    var allDeals = (base?.deals ?? []) + deals.map(\.value)
    reader.applySupersedes(&allDeals, located: deals)
    let ledger = Ledger(
      id: header.id ?? base?.id ?? "ledger", title: header.title ?? base?.title ?? "",
      asOf: header.asOf ?? base?.asOf,
      documents: (base?.documents ?? []) + documents.map(\.value),
      fxRates: (base?.fxRates ?? []) + fxRates.map(\.value),
      companies: (base?.companies ?? []) + companies.map(\.value),
      deals: allDeals,
      facts: (base?.facts ?? []) + facts.map(\.value))
    reader.crossCheck(
      ledger, base: base, documents: documents, fxRates: fxRates, companies: companies,
      deals: deals, facts: facts)
    if !reader.issues.isEmpty { throw LedgerError.invalid(file: file, issues: reader.issues) }
    return ledger
  }

  /// Encodes a ledger as a self-contained version-1 file (a base it extended is written in full).
  public static func encode(_ ledger: Ledger) throws -> Data {
    let file = FileContents(
      format: formatName, version: currentVersion, id: ledger.id, title: ledger.title,
      asOf: ledger.asOf, documents: ledger.documents, fxRates: ledger.fxRates,
      companies: ledger.companies, deals: ledger.deals, facts: ledger.facts)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(file)
  }

  private struct FileContents: Encodable {
    var format: String
    var version: Int
    var id: String
    var title: String
    var asOf: PartialDate?
    var documents: [Document]
    var fxRates: [FXRate]
    var companies: [Company]
    var deals: [Deal]
    var facts: [Fact]
  }

  private static func syntaxMessage(_ error: any Error) -> String {
    if case DecodingError.dataCorrupted(let context) = error {
      let detail = context.underlyingError.map { "\($0)" } ?? context.debugDescription
      return "not valid JSON: \(detail)"
    }
    return "not valid JSON: \(error)"
  }
}

/// A parsed entry and where it was found, for cross-reference messages.
private struct Located<Value> {
  var value: Value
  var entry: String
}

/// Walks the JSON tree, building model values and collecting issues.
private struct Reader {
  let file: String
  var issues: [LedgerIssue] = []
  /// The `id` of every entry of each list, parsed or not, for duplicate checks.
  var rawIDs: [String: [(id: String, entry: String)]] = [:]

  init(file: String) { self.file = file }

  mutating func report(_ entry: String, _ field: String, _ problem: String) {
    issues.append(LedgerIssue(file: file, entry: entry, field: field, problem: problem))
  }

  // MARK: - Header

  struct Header {
    var id: String?
    var title: String?
    var asOf: PartialDate?
    var extends: String?
  }

  mutating func header(_ object: [String: JSONValue]) -> Header {
    let entry = "ledger"
    checkKeys(
      object, entry,
      allowed: [
        "format", "version", "id", "title", "extends", "asOf", "documents", "fxRates", "companies",
        "deals", "facts", "note",
      ])
    switch object["format"] {
    case .string(LedgerFile.formatName): break
    case nil: report(entry, "format", "missing; expected \"\(LedgerFile.formatName)\"")
    case let other?:
      report(entry, "format", "expected \"\(LedgerFile.formatName)\"; found \(describe(other))")
    }
    switch object["version"] {
    case .number(let version) where version == Double(LedgerFile.currentVersion): break
    case nil: report(entry, "version", "missing; expected \(LedgerFile.currentVersion)")
    case let other?:
      report(
        entry, "version",
        "version \(describe(other)) is not supported; this build reads version \(LedgerFile.currentVersion)"
      )
    }
    return Header(
      id: string(object, "id", entry), title: string(object, "title", entry),
      asOf: date(object, "asOf", entry), extends: string(object, "extends", entry))
  }

  // MARK: - Lists

  mutating func list<T>(
    _ object: [String: JSONValue], _ key: String,
    _ parse: (inout Reader, [String: JSONValue], String) -> (T, String)?
  ) -> [Located<T>] {
    guard let value = object[key], value != .null else { return [] }
    guard case .array(let items) = value else {
      report("ledger", key, "must be an array; found \(value.typeName)")
      return []
    }
    var result: [Located<T>] = []
    for (index, item) in items.enumerated() {
      let position = "\(key)[\(index)]"
      guard case .object(let fields) = item else {
        report(position, "", "must be an object; found \(item.typeName)")
        continue
      }
      var entry = position
      if case .string(let id) = fields["id"] {
        entry += " (\(id))"
        rawIDs[key, default: []].append((id, entry))
      } else if key == "fxRates", case .string(let currency) = fields["currency"] {
        rawIDs[key, default: []].append((currency, entry))
      }
      if let (parsed, located) = parse(&self, fields, entry) {
        result.append(Located(value: parsed, entry: located))
      }
    }
    return result
  }

  // MARK: - Entries

  mutating func document(_ object: [String: JSONValue], _ entry: String) -> (Document, String)? {
    checkKeys(
      object, entry, allowed: ["id", "title", "publisher", "published", "language", "url", "note"])
    let id = requiredString(object, "id", entry)
    let title = requiredString(object, "title", entry)
    let document = Document(
      id: id ?? "", title: title ?? "", publisher: string(object, "publisher", entry),
      published: date(object, "published", entry), language: language(object, "language", entry),
      url: string(object, "url", entry), note: string(object, "note", entry))
    return id == nil || title == nil ? nil : (document, entry)
  }

  mutating func fxRate(_ object: [String: JSONValue], _ entry: String) -> (FXRate, String)? {
    checkKeys(object, entry, allowed: ["currency", "perUSD", "asOf", "source"])
    let currency = requiredString(object, "currency", entry)
    if let currency, !isCurrencyCode(currency) {
      report(entry, "currency", "'\(currency)' is not a three-letter ISO 4217 code such as HKD")
    }
    let perUSD = number(object, "perUSD", entry)
    if perUSD == nil, object["perUSD"] == nil { report(entry, "perUSD", "missing") }
    if let perUSD, !(perUSD > 0) { report(entry, "perUSD", "must be positive; found \(show(perUSD))") }
    let sources = sourceList(object, "source", entry, single: true)
    guard let currency, let perUSD, perUSD > 0, let source = sources.first else { return nil }
    return (
      FXRate(currency: currency, perUSD: perUSD, asOf: date(object, "asOf", entry), source: source),
      entry
    )
  }

  mutating func company(_ object: [String: JSONValue], _ entry: String) -> (Company, String)? {
    checkKeys(object, entry, allowed: ["id", "names", "aliases", "parent", "role", "note"])
    let id = requiredSlug(object, "id", entry)
    var names: LocalizedNames? = nil
    switch object["names"] {
    case .object(let fields)?:
      checkKeys(fields, entry, allowed: ["en", "zh-Hant", "zh-Hans"], prefix: "names.")
      let english = requiredString(fields, "en", entry, prefix: "names.")
      names = english.map {
        LocalizedNames(
          english: $0, traditionalChinese: string(fields, "zh-Hant", entry, prefix: "names."),
          simplifiedChinese: string(fields, "zh-Hans", entry, prefix: "names."))
      }
    case nil, .null?:
      report(entry, "names", "missing; give at least {\"en\": \"Name\"}")
    case let other?:
      report(entry, "names", "must be an object; found \(other.typeName)")
    }
    let aliases = stringList(object, "aliases", entry)
    let parent = slug(object, "parent", entry)
    guard let id, let names else { return nil }
    return (
      Company(
        id: CompanyID(id), names: names, aliases: aliases, parent: parent.map { CompanyID($0) },
        role: string(object, "role", entry)), entry
    )
  }

  mutating func deal(_ object: [String: JSONValue], _ entry: String) -> (Deal, String)? {
    checkKeys(
      object, entry,
      allowed: [
        "id", "payer", "payee", "kind", "amount", "announced", "termYears", "status",
        "supersededBy", "supersedes", "sources", "note",
      ])
    let id = requiredSlug(object, "id", entry)
    let payer = requiredSlug(object, "payer", entry)
    let payee = requiredSlug(object, "payee", entry)
    if let payer, payer == payee {
      report(entry, "payee", "is the same company as the payer ('\(payer)'); a deal needs two sides")
    }
    let kind: DealKind? = enumeration(object, "kind", entry, required: true)
    let status: DealStatus? = enumeration(object, "status", entry, required: true)
    let amount = amountField(object, "amount", entry, isMoney: true)
    let announced = date(object, "announced", entry)
    let termYears = number(object, "termYears", entry)
    if let termYears, !(termYears > 0) {
      report(entry, "termYears", "must be positive; found \(show(termYears))")
    }
    let supersededBy = slug(object, "supersededBy", entry)
    if status == .superseded, supersededBy == nil, object["supersededBy"] == nil {
      report(entry, "supersededBy", "missing; a superseded deal must name the deal that replaced it")
    }
    if let status, status != .superseded, supersededBy != nil {
      report(
        entry, "supersededBy",
        "is set, but status is '\(status.rawValue)'; use status \"superseded\" or drop the field")
    }
    let supersedes = stringList(object, "supersedes", entry)
    for (index, other) in supersedes.enumerated() where !other.isSlug {
      report(entry, "supersedes[\(index)]", "'\(other)' is not a deal id")
    }
    let sources = sourceList(object, "sources", entry, single: false)
    guard let id, let payer, let payee, let kind, let status, let amount else { return nil }
    return (
      Deal(
        id: DealID(id), payer: CompanyID(payer), payee: CompanyID(payee), kind: kind,
        amount: amount, announced: announced, termYears: termYears, status: status,
        supersededBy: supersededBy.map { DealID($0) },
        supersedes: supersedes.isEmpty ? nil : supersedes.map { DealID($0) }, sources: sources,
        note: string(object, "note", entry)), entry
    )
  }

  mutating func fact(_ object: [String: JSONValue], _ entry: String) -> (Fact, String)? {
    checkKeys(
      object, entry,
      allowed: ["id", "company", "metric", "value", "asOf", "label", "sources", "note"])
    let id = requiredSlug(object, "id", entry)
    let company = slug(object, "company", entry)
    let metric: FactMetric? = enumeration(object, "metric", entry, required: true)
    let value = amountField(object, "value", entry, isMoney: false)
    let sources = sourceList(object, "sources", entry, single: false)
    guard let id, let metric, let value else { return nil }
    return (
      Fact(
        id: id, company: company.map { CompanyID($0) }, metric: metric, value: value,
        asOf: date(object, "asOf", entry), label: string(object, "label", entry),
        sources: sources, note: string(object, "note", entry)), entry
    )
  }

  // MARK: - Amounts and sources

  mutating func amountField(
    _ object: [String: JSONValue], _ key: String, _ entry: String, isMoney: Bool
  ) -> Amount? {
    guard case .object(let fields)? = object[key] else {
      if object[key] == nil || object[key] == .null {
        report(entry, key, "missing; use {\"qualifier\": \"unstated\"} when no figure is given")
      } else if let other = object[key] {
        report(entry, key, "must be an object; found \(other.typeName)")
      }
      return nil
    }
    let prefix = key + "."
    checkKeys(
      fields, entry,
      allowed: [
        "qualifier", "value", "low", "high", "estimate", "currency", "unit", "asWritten", "assumed",
      ], prefix: prefix)
    guard
      let qualifier: AmountQualifier = enumeration(
        fields, "qualifier", entry, required: true, prefix: prefix)
    else { return nil }
    var ok = true
    func nonNegative(_ name: String) -> Double? {
      guard let x = number(fields, name, entry, prefix: prefix) else { return nil }
      if !(x >= 0) || !x.isFinite {
        report(entry, prefix + name, "must be a non-negative number; found \(show(x))")
        ok = false
      }
      return x
    }
    let value = nonNegative("value")
    let low = nonNegative("low")
    let high = nonNegative("high")
    let estimate = nonNegative("estimate")
    switch qualifier {
    case .range:
      if low == nil || high == nil {
        report(entry, prefix + "low", "a range needs both 'low' and 'high'")
        ok = false
      }
      if value != nil {
        report(entry, prefix + "value", "a range takes 'low' and 'high', not 'value'")
        ok = false
      }
      if let low, let high, low > high {
        report(entry, prefix + "low", "low (\(show(low))) is greater than high (\(show(high)))")
        ok = false
      }
      if let low, let high, let estimate, !(low...high).contains(estimate) {
        report(entry, prefix + "estimate", "estimate \(show(estimate)) lies outside [\(show(low)), \(show(high))]")
        ok = false
      }
    case .unstated:
      if value != nil || low != nil || high != nil || estimate != nil {
        report(
          entry, prefix + "qualifier",
          "'unstated' takes no figures; use 'assumed' for a figure of your own, or another qualifier")
        ok = false
      }
    default:
      if value == nil {
        report(entry, prefix + "value", "missing; '\(qualifier.rawValue)' needs a value")
        ok = false
      }
      if low != nil || high != nil {
        report(
          entry, prefix + "low",
          "'low'/'high' belong to a range; '\(qualifier.rawValue)' takes 'value'")
        ok = false
      }
    }
    let currency = string(fields, "currency", entry, prefix: prefix)
    let unit = string(fields, "unit", entry, prefix: prefix)
    if let currency, !isCurrencyCode(currency) {
      report(entry, prefix + "currency", "'\(currency)' is not a three-letter ISO 4217 code")
      ok = false
    }
    if qualifier != .unstated {
      if isMoney, currency == nil {
        report(entry, prefix + "currency", "missing; a deal's amount needs a currency such as USD")
        ok = false
      }
      if !isMoney, currency == nil, unit == nil {
        report(entry, prefix + "unit", "missing; give 'currency' for money or 'unit' otherwise")
        ok = false
      }
    }
    if isMoney, unit != nil {
      report(entry, prefix + "unit", "a deal's amount is money: give 'currency', not 'unit'")
      ok = false
    }
    if currency != nil, unit != nil {
      report(entry, prefix + "unit", "give either 'currency' or 'unit', not both")
      ok = false
    }
    var assumption: Assumption? = nil
    if let raw = fields["assumed"], raw != .null {
      assumption = assumed(raw, entry, prefix: prefix + "assumed.")
      if assumption == nil { ok = false }
    }
    guard ok else { return nil }
    return Amount(
      qualifier: qualifier, value: value, low: low, high: high, estimate: estimate,
      currency: currency, unit: unit, asWritten: string(fields, "asWritten", entry, prefix: prefix),
      assumed: assumption)
  }

  mutating func assumed(_ value: JSONValue, _ entry: String, prefix: String) -> Assumption? {
    guard case .object(let fields) = value else {
      report(entry, String(prefix.dropLast()), "must be an object; found \(value.typeName)")
      return nil
    }
    checkKeys(fields, entry, allowed: ["low", "high", "estimate", "reason"], prefix: prefix)
    let low = number(fields, "low", entry, prefix: prefix)
    let high = number(fields, "high", entry, prefix: prefix)
    let estimate = number(fields, "estimate", entry, prefix: prefix)
    let reason = requiredString(fields, "reason", entry, prefix: prefix)
    var ok = reason != nil
    for (name, x) in [("low", low), ("high", high), ("estimate", estimate)] {
      if let x, !(x >= 0) || !x.isFinite {
        report(entry, prefix + name, "must be a non-negative number; found \(show(x))")
        ok = false
      }
    }
    if let low, let high, low > high {
      report(entry, prefix + "low", "low (\(show(low))) is greater than high (\(show(high)))")
      ok = false
    }
    if low == nil, high == nil, estimate == nil {
      report(entry, String(prefix.dropLast()), "gives no figure; set low, high or estimate")
      ok = false
    }
    guard ok, let reason else { return nil }
    return Assumption(low: low, high: high, estimate: estimate, reason: reason)
  }

  mutating func sourceList(
    _ object: [String: JSONValue], _ key: String, _ entry: String, single: Bool
  ) -> [Source] {
    var items: [(JSONValue, String)] = []
    switch object[key] {
    case nil, .null?:
      report(entry, key, "missing; every figure needs a source with the exact quote")
      return []
    case .array(let values)? where !single:
      if values.isEmpty { report(entry, key, "is empty; give at least one source") }
      items = values.enumerated().map { ($1, "\(key)[\($0)].") }
    case let value? where single:
      items = [(value, key + ".")]
    case let value?:
      report(entry, key, "must be an array of sources; found \(value.typeName)")
      return []
    }
    var sources: [Source] = []
    for (value, prefix) in items {
      guard case .object(let fields) = value else {
        report(entry, String(prefix.dropLast()), "must be an object; found \(value.typeName)")
        continue
      }
      checkKeys(fields, entry, allowed: ["document", "quote", "language"], prefix: prefix)
      let document = requiredString(fields, "document", entry, prefix: prefix)
      let quote = requiredString(fields, "quote", entry, prefix: prefix)
      if let quote, quote.allSatisfy(\.isWhitespace) {
        report(entry, prefix + "quote", "is empty; copy the exact words of the source")
      }
      if let document, let quote {
        sources.append(
          Source(
            document: document, quote: quote,
            language: language(fields, "language", entry, prefix: prefix)))
      }
    }
    return sources
  }

  // MARK: - Cross-references

  /// Marks every deal named in a `supersedes` list as superseded by the deal that names it.
  mutating func applySupersedes(_ deals: inout [Deal], located: [Located<Deal>]) {
    var index: [DealID: Int] = [:]
    for (position, deal) in deals.enumerated() where index[deal.id] == nil {
      index[deal.id] = position
    }
    for item in located {
      for (position, target) in (item.value.supersedes ?? []).enumerated() {
        let field = "supersedes[\(position)]"
        guard let targetIndex = index[target] else {
          report(item.entry, field, "names '\(target)', which is no deal in the ledger")
          continue
        }
        if target == item.value.id {
          report(item.entry, field, "a deal cannot supersede itself")
          continue
        }
        if let other = deals[targetIndex].supersededBy, other != item.value.id {
          report(item.entry, field, "'\(target)' is already superseded by '\(other)'")
          continue
        }
        deals[targetIndex].status = .superseded
        deals[targetIndex].supersededBy = item.value.id
      }
    }
  }

  mutating func crossCheck(
    _ ledger: Ledger, base: Ledger?, documents: [Located<Document>],
    fxRates: [Located<FXRate>], companies: [Located<Company>], deals: [Located<Deal>],
    facts: [Located<Fact>]
  ) {
    func duplicates(_ key: String, baseIDs: [String], kind: String) {
      let inBase = Set(baseIDs)
      var seen: [String: String] = [:]
      for (id, entry) in rawIDs[key] ?? [] {
        if inBase.contains(id) {
          report(entry, key == "fxRates" ? "currency" : "id", "'\(id)' is already a \(kind) id in the ledger this one extends")
        } else if let first = seen[id] {
          report(entry, key == "fxRates" ? "currency" : "id", "duplicate \(kind) id '\(id)' (first used by \(first))")
        } else {
          seen[id] = entry
        }
      }
    }
    duplicates("documents", baseIDs: base?.documents.map(\.id) ?? [], kind: "document")
    duplicates("companies", baseIDs: base?.companies.map(\.id.rawValue) ?? [], kind: "company")
    duplicates("deals", baseIDs: base?.deals.map(\.id.rawValue) ?? [], kind: "deal")
    duplicates("facts", baseIDs: base?.facts.map(\.id) ?? [], kind: "fact")
    duplicates("fxRates", baseIDs: base?.fxRates.map(\.currency) ?? [], kind: "exchange-rate currency")

    let companyIDs = Set(ledger.companies.map(\.id))
    let documentIDs = Set(ledger.documents.map(\.id))
    let dealIDs = Set(ledger.deals.map(\.id))
    let currencies = Set(ledger.fxRates.map(\.currency)).union(["USD"])

    func checkCompany(_ id: CompanyID?, _ entry: String, _ field: String) {
      if let id, !companyIDs.contains(id) {
        report(entry, field, "unknown company '\(id)'; add it to 'companies' or fix the spelling")
      }
    }
    func checkSources(_ sources: [Source], _ entry: String, _ field: String) {
      for (index, source) in sources.enumerated() where !documentIDs.contains(source.document) {
        report(
          entry, "\(field)[\(index)].document",
          "unknown document '\(source.document)'; add it to 'documents'")
      }
    }
    func checkCurrency(_ amount: Amount, _ entry: String, _ field: String) {
      if let currency = amount.currency, !currencies.contains(currency) {
        report(
          entry, field + ".currency",
          "no exchange rate for '\(currency)'; add {\"currency\": \"\(currency)\", \"perUSD\": …, \"source\": …} to 'fxRates'"
        )
      }
    }
    for item in companies {
      checkCompany(item.value.parent, item.entry, "parent")
      if item.value.parent == item.value.id {
        report(item.entry, "parent", "a company cannot be its own parent")
      } else if item.value.parent != nil {
        var seen: Set<CompanyID> = [item.value.id]
        var current = item.value.parent
        while let next = current {
          if !seen.insert(next).inserted {
            report(item.entry, "parent", "the parent chain loops back to '\(next)'")
            break
          }
          current = ledger.company(next)?.parent
        }
      }
    }
    for item in deals {
      let deal = item.value
      checkCompany(deal.payer, item.entry, "payer")
      checkCompany(deal.payee, item.entry, "payee")
      checkSources(deal.sources, item.entry, "sources")
      checkCurrency(deal.amount, item.entry, "amount")
      if let next = deal.supersededBy {
        if !dealIDs.contains(next) {
          report(item.entry, "supersededBy", "points to '\(next)', which is no deal in the ledger")
        } else if next == deal.id {
          report(item.entry, "supersededBy", "a deal cannot supersede itself")
        }
      }
    }
    for item in facts {
      checkCompany(item.value.company, item.entry, "company")
      checkSources(item.value.sources, item.entry, "sources")
      checkCurrency(item.value.value, item.entry, "value")
    }
    for item in fxRates {
      checkSources([item.value.source], item.entry, "source")
    }
  }

  // MARK: - Field readers

  mutating func checkKeys(
    _ object: [String: JSONValue], _ entry: String, allowed: Set<String>, prefix: String = ""
  ) {
    for key in object.keys.sorted() where !allowed.contains(key) {
      report(
        entry, prefix + key,
        "unknown field; expected one of \(allowed.sorted().joined(separator: ", "))")
    }
  }

  mutating func string(
    _ object: [String: JSONValue], _ key: String, _ entry: String, prefix: String = ""
  ) -> String? {
    switch object[key] {
    case nil, .null?: return nil
    case .string(let value)?: return value
    case let other?:
      report(entry, prefix + key, "must be a string; found \(other.typeName)")
      return nil
    }
  }

  mutating func requiredString(
    _ object: [String: JSONValue], _ key: String, _ entry: String, prefix: String = ""
  ) -> String? {
    if object[key] == nil || object[key] == .null {
      report(entry, prefix + key, "missing")
      return nil
    }
    return string(object, key, entry, prefix: prefix)
  }

  mutating func slug(_ object: [String: JSONValue], _ key: String, _ entry: String) -> String? {
    guard let value = string(object, key, entry) else { return nil }
    if !value.isSlug {
      report(
        entry, key,
        "'\(value)' is not an id: use lower-case letters, digits and '-', e.g. 'google-cloud'")
    }
    return value
  }

  mutating func requiredSlug(_ object: [String: JSONValue], _ key: String, _ entry: String)
    -> String?
  {
    if object[key] == nil || object[key] == .null {
      report(entry, key, "missing")
      return nil
    }
    return slug(object, key, entry)
  }

  mutating func number(
    _ object: [String: JSONValue], _ key: String, _ entry: String, prefix: String = ""
  ) -> Double? {
    switch object[key] {
    case nil, .null?: return nil
    case .number(let value)?: return value
    case let other?:
      report(entry, prefix + key, "must be a number; found \(describe(other))")
      return nil
    }
  }

  mutating func date(_ object: [String: JSONValue], _ key: String, _ entry: String) -> PartialDate?
  {
    guard let text = string(object, key, entry) else { return nil }
    guard let date = PartialDate(text) else {
      report(entry, key, "'\(text)' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
      return nil
    }
    return date
  }

  mutating func language(
    _ object: [String: JSONValue], _ key: String, _ entry: String, prefix: String = ""
  ) -> Language? {
    enumeration(object, key, entry, required: false, prefix: prefix)
  }

  mutating func enumeration<T: RawRepresentable & CaseIterable>(
    _ object: [String: JSONValue], _ key: String, _ entry: String, required: Bool,
    prefix: String = ""
  ) -> T? where T.RawValue == String {
    guard let text = required ? requiredString(object, key, entry, prefix: prefix)
      : string(object, key, entry, prefix: prefix)
    else { return nil }
    guard let value = T(rawValue: text) else {
      let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
      report(entry, prefix + key, "'\(text)' is not one of \(allowed)")
      return nil
    }
    return value
  }

  mutating func stringList(_ object: [String: JSONValue], _ key: String, _ entry: String)
    -> [String]
  {
    switch object[key] {
    case nil, .null?: return []
    case .array(let items)?:
      var result: [String] = []
      for (index, item) in items.enumerated() {
        if case .string(let value) = item {
          result.append(value)
        } else {
          report(entry, "\(key)[\(index)]", "must be a string; found \(item.typeName)")
        }
      }
      return result
    case let other?:
      report(entry, key, "must be an array of strings; found \(other.typeName)")
      return []
    }
  }

  func isCurrencyCode(_ text: String) -> Bool {
    text.utf8.count == 3 && text.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
  }

  func describe(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): "\"\(text)\""
    case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    default: value.typeName
    }
  }
}

/// A number as a person writes it: `-5`, `9000000000`, `0.25`.
private func show(_ value: Double) -> String {
  value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
}
