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
    _ data: Data, file: String,
    resolveBase: (String) throws -> Ledger = { name in
      try BundledLedger.load(name)
    }
  ) throws -> Ledger {
    var reader = Reader(file: file)
    guard let root = reader.json.parse(data) else { throw LedgerError.invalid(file: file, issues: reader.json.issues) }
    guard case .object(let object) = root.value else {
      reader.json.report(JSONPlace(), root, "the top level must be a JSON object; found \(reader.json.describe(root))")
      throw LedgerError.invalid(file: file, issues: reader.json.issues)
    }
    let header = reader.header(object)
    var base: Ledger? = nil
    if let extends = header.extends {
      do {
        base = try resolveBase(extends)
      } catch let error as LedgerError {
        reader.json.report(
          JSONPlace(entry: "ledger", path: "extends"), at: object["extends"]?.position,
          "cannot load '\(VisibleText.escape(extends, newlines: false))': \(error)")
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
    if !reader.json.issues.isEmpty { throw LedgerError.invalid(file: file, issues: reader.json.issues) }
    return ledger
  }

  /// Decodes one deal entry (a JSON object as in a ledger's `deals` list), checking its fields as
  /// a ledger file's are; references to companies and documents are checked where the deal joins
  /// a ledger (the store validates every change as a whole).
  ///
  /// - Parameters:
  ///   - data: The object's bytes (UTF-8 JSON).
  ///   - file: The name to show in messages, e.g. "request body".
  /// - Returns: The deal.
  /// - Throws: ``LedgerError/invalid(file:issues:)`` listing every problem found.
  public static func decodeDeal(_ data: Data, file: String) throws -> Deal {
    var reader = Reader(file: file)
    guard let root = reader.json.parse(data) else { throw LedgerError.invalid(file: file, issues: reader.json.issues) }
    guard case .object(let object) = root.value else {
      reader.json.report(JSONPlace(), root, "a deal must be a JSON object; found \(reader.json.describe(root))")
      throw LedgerError.invalid(file: file, issues: reader.json.issues)
    }
    let deal = reader.deal(object, JSONPlace(entry: "deal"))
    guard let deal, reader.json.issues.isEmpty else {
      throw LedgerError.invalid(file: file, issues: reader.json.issues)
    }
    return deal
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
}

/// A parsed entry, where it was found and its JSON, for cross-reference messages.
private struct Located<Value> {
  var value: Value
  var entry: String
  var object: JSONObject

  var place: JSONPlace { JSONPlace(entry: entry) }
}

/// What a deal entry that failed to decode still says about other entries, so that its unknown
/// companies and documents are reported with its other problems, all at once.
private struct DealReferences {
  var payer: CompanyID?
  var payee: CompanyID?
  var sources: [Source]
}

/// Walks a ledger's JSON tree with the one ``JSONReader``, building model values.
private struct Reader {
  var json: JSONReader
  /// Deal entries that did not decode, with the references they make.
  var undecodedDeals: [Located<DealReferences>] = []
  /// The `id` of every entry of each list, parsed or not, for duplicate checks.
  var rawIDs: [String: [(id: String, entry: String, position: TextPosition)]] = [:]

  init(file: String) { json = JSONReader(file: file) }

  // MARK: - Header

  struct Header {
    var id: String?
    var title: String?
    var asOf: PartialDate?
    var extends: String?
  }

  mutating func header(_ object: JSONObject) -> Header {
    let place = JSONPlace(entry: "ledger")
    json.checkKeys(
      object, place,
      allowed: [
        "format", "version", "id", "title", "extends", "asOf", "documents", "fxRates", "companies",
        "deals", "facts", "note",
      ])
    switch object["format"] {
    case nil: json.missing(object, "format", place, "missing; expected \"\(LedgerFile.formatName)\"")
    case let format?:
      if format.value == .string(LedgerFile.formatName) { break }
      json.report(
        place.key("format"), format, "expected \"\(LedgerFile.formatName)\"; found \(json.describe(format))")
    }
    switch object["version"] {
    case nil: json.missing(object, "version", place, "missing; expected \(LedgerFile.currentVersion)")
    case let version?:
      if case .number(let number, _) = version.value, number == Double(LedgerFile.currentVersion) { break }
      json.report(
        place.key("version"), version,
        "version \(json.describe(version)) is not supported; this build reads version \(LedgerFile.currentVersion)"
      )
    }
    return Header(
      id: json.string(object, "id", place), title: json.string(object, "title", place),
      asOf: date(object, "asOf", place), extends: json.string(object, "extends", place))
  }

  // MARK: - Lists

  mutating func list<T>(
    _ object: JSONObject, _ key: String, _ parse: (inout Reader, JSONObject, JSONPlace) -> T?
  ) -> [Located<T>] {
    guard let node = object[key], node.value != .null else { return [] }
    guard let items = json.array(node, JSONPlace(entry: "ledger", path: key)) else { return [] }
    var result: [Located<T>] = []
    for (index, item) in items.enumerated() {
      let position = "\(key)[\(index)]"
      guard case .object(let fields) = item.value else {
        json.report(JSONPlace(entry: position), item, "must be an object; found \(json.describe(item))")
        continue
      }
      var entry = position
      if case .string(let id)? = fields["id"]?.value {
        entry += " (\(VisibleText.escape(id, newlines: false)))"
        rawIDs[key, default: []].append((id, entry, fields.position(of: "id")))
      } else if key == "fxRates", case .string(let currency)? = fields["currency"]?.value {
        rawIDs[key, default: []].append((currency, entry, fields.position(of: "currency")))
      }
      if let parsed = parse(&self, fields, JSONPlace(entry: entry)) {
        result.append(Located(value: parsed, entry: entry, object: fields))
      }
    }
    return result
  }

  // MARK: - Entries

  mutating func document(_ object: JSONObject, _ place: JSONPlace) -> Document? {
    json.checkKeys(object, place, allowed: ["id", "title", "publisher", "published", "language", "url", "note"])
    let id = json.string(object, "id", place, required: true)
    let title = json.string(object, "title", place, required: true)
    let document = Document(
      id: id ?? "", title: title ?? "", publisher: json.string(object, "publisher", place),
      published: date(object, "published", place), language: json.enumeration(object, "language", place),
      url: json.string(object, "url", place), note: json.string(object, "note", place))
    return id == nil || title == nil ? nil : document
  }

  mutating func fxRate(_ object: JSONObject, _ place: JSONPlace) -> FXRate? {
    json.checkKeys(object, place, allowed: ["currency", "perUSD", "asOf", "source"])
    let currency = json.string(object, "currency", place, required: true)
    if let currency, !isCurrencyCode(currency), let node = object["currency"] {
      json.report(
        place.key("currency"), node, "\(json.describe(node)) is not a three-letter ISO 4217 code such as HKD")
    }
    let perUSD = json.number(object, "perUSD", place, .perUSD, required: true)
    let sources = sourceList(object, "source", place, single: true)
    guard let currency, let perUSD, let source = sources.first else { return nil }
    return FXRate(currency: currency, perUSD: perUSD, asOf: date(object, "asOf", place), source: source)
  }

  mutating func company(_ object: JSONObject, _ place: JSONPlace) -> Company? {
    json.checkKeys(object, place, allowed: ["id", "names", "aliases", "parent", "role", "note"])
    let id = slug(object, "id", place, required: true)
    var names: LocalizedNames? = nil
    if json.isAbsent(object, "names") {
      json.missing(object, "names", place, "missing; give at least {\"en\": \"Name\"}")
    } else if let node = object["names"], let fields = json.object(node, place.key("names")) {
      let namesPlace = place.key("names")
      json.checkKeys(fields, namesPlace, allowed: ["en", "zh-Hant", "zh-Hans"])
      let english = json.string(fields, "en", namesPlace, required: true)
      names = english.map {
        LocalizedNames(
          english: $0, traditionalChinese: json.string(fields, "zh-Hant", namesPlace),
          simplifiedChinese: json.string(fields, "zh-Hans", namesPlace))
      }
    }
    let aliases = json.stringList(object, "aliases", place)
    let parent = slug(object, "parent", place)
    guard let id, let names else { return nil }
    return Company(
      id: CompanyID(id), names: names, aliases: aliases, parent: parent.map { CompanyID($0) },
      role: json.string(object, "role", place))
  }

  mutating func deal(_ object: JSONObject, _ place: JSONPlace) -> Deal? {
    json.checkKeys(
      object, place,
      allowed: [
        "id", "payer", "payee", "kind", "amount", "announced", "termYears", "status",
        "supersededBy", "supersedes", "sources", "note", "statusHistory",
      ])
    let id = slug(object, "id", place, required: true)
    let payer = slug(object, "payer", place, required: true)
    let payee = slug(object, "payee", place, required: true)
    if let payer, payer == payee, let node = object["payee"] {
      json.report(
        place.key("payee"), node,
        "is the same company as the payer ('\(payer)'); a deal needs two sides")
    }
    let kind: DealKind? = json.enumeration(object, "kind", place, required: true)
    let status: DealStatus? = json.enumeration(object, "status", place, required: true)
    let amount = amountField(object, "amount", place, isMoney: true)
    let announced = date(object, "announced", place)
    let termYears = json.number(object, "termYears", place, .years)
    let supersededBy = slug(object, "supersededBy", place)
    if status == .superseded, object["supersededBy"] == nil {
      json.missing(object, "supersededBy", place, "missing; a superseded deal must name the deal that replaced it")
    }
    if let status, status != .superseded, supersededBy != nil, let node = object["supersededBy"] {
      json.report(
        place.key("supersededBy"), node,
        "is set, but status is '\(status.rawValue)'; use status \"superseded\" or drop the field")
    }
    let supersedes = json.stringList(object, "supersedes", place)
    for (index, other) in supersedes.enumerated() where !other.isSlug {
      json.report(
        place.key("supersedes").index(index), at: object.position(of: "supersedes"),
        "'\(VisibleText.escape(other, newlines: false))' is not a deal id")
    }
    let sources = sourceList(object, "sources", place, single: false)
    let history = statusHistory(object, place, status: status)
    guard let id, let payer, let payee, let kind, let status, let amount else {
      undecodedDeals.append(
        Located(
          value: DealReferences(
            payer: payer.map { CompanyID($0) }, payee: payee.map { CompanyID($0) }, sources: sources),
          entry: place.entry, object: object))
      return nil
    }
    return Deal(
      id: DealID(id), payer: CompanyID(payer), payee: CompanyID(payee), kind: kind,
      amount: amount, announced: announced, termYears: termYears, status: status,
      supersededBy: supersededBy.map { DealID($0) },
      supersedes: supersedes.isEmpty ? nil : supersedes.map { DealID($0) }, sources: sources,
      note: json.string(object, "note", place), statusHistory: history)
  }

  /// `"statusHistory": [{"status": "planned", "date": "2025-09-22", "source": {…}}, …]`: oldest
  /// first, dates in order, only the first without a date, the last equal to `status`.
  mutating func statusHistory(_ object: JSONObject, _ place: JSONPlace, status: DealStatus?) -> [StatusChange]? {
    guard let node = object["statusHistory"], node.value != .null else { return nil }
    let key = place.key("statusHistory")
    guard let items = json.array(node, key) else { return nil }
    if items.isEmpty {
      json.report(key, node, "is empty; list the statuses the deal has had, or drop the field")
      return nil
    }
    var changes: [StatusChange] = []
    var ok = true
    for (index, item) in items.enumerated() {
      let itemPlace = key.index(index)
      guard let fields = json.object(item, itemPlace) else {
        ok = false
        continue
      }
      json.checkKeys(fields, itemPlace, allowed: ["status", "date", "source", "note"])
      let before = json.issues.count
      let changeStatus: DealStatus? = json.enumeration(fields, "status", itemPlace, required: true)
      let date = date(fields, "date", itemPlace)
      if index > 0, date == nil, json.isAbsent(fields, "date") {
        json.missing(fields, "date", itemPlace, "missing; every change after the first needs its date")
      }
      let source = fields["source"] == nil ? nil : sourceList(fields, "source", itemPlace, single: true).first
      if let date, let previous = changes.last?.date, date < previous {
        json.report(
          itemPlace.key("date"), at: fields.position(of: "date"),
          "\(date) comes before the previous change (\(previous)); list the changes oldest first")
      }
      guard json.issues.count == before, let changeStatus else {
        ok = false
        continue
      }
      changes.append(
        StatusChange(status: changeStatus, date: date, source: source, note: json.string(fields, "note", itemPlace)))
    }
    if ok, let status, let last = changes.last, last.status != status {
      json.report(
        key.index(changes.count - 1).key("status"), node,
        "the last change is '\(last.status.rawValue)' but the deal's status is '\(status.rawValue)'; they must agree")
      ok = false
    }
    return ok ? changes : nil
  }

  mutating func fact(_ object: JSONObject, _ place: JSONPlace) -> Fact? {
    json.checkKeys(object, place, allowed: ["id", "company", "metric", "value", "asOf", "label", "sources", "note"])
    let id = slug(object, "id", place, required: true)
    let company = slug(object, "company", place)
    let metric: FactMetric? = json.enumeration(object, "metric", place, required: true)
    let value = amountField(object, "value", place, isMoney: false)
    let sources = sourceList(object, "sources", place, single: false)
    guard let id, let metric, let value else { return nil }
    return Fact(
      id: id, company: company.map { CompanyID($0) }, metric: metric, value: value,
      asOf: date(object, "asOf", place), label: json.string(object, "label", place),
      sources: sources, note: json.string(object, "note", place))
  }

  // MARK: - Amounts and sources

  mutating func amountField(_ object: JSONObject, _ key: String, _ entry: JSONPlace, isMoney: Bool) -> Amount? {
    if json.isAbsent(object, key) {
      json.missing(object, key, entry, "missing; use {\"qualifier\": \"unstated\"} when no figure is given")
      return nil
    }
    let place = entry.key(key)
    guard let node = object[key], let fields = json.object(node, place) else { return nil }
    json.checkKeys(
      fields, place,
      allowed: ["qualifier", "value", "low", "high", "estimate", "currency", "unit", "asWritten", "assumed", "derived"])
    guard let qualifier: AmountQualifier = json.enumeration(fields, "qualifier", place, required: true) else {
      return nil
    }
    let before = json.issues.count
    let value = json.number(fields, "value", place, .amount)
    let low = json.number(fields, "low", place, .amount)
    let high = json.number(fields, "high", place, .amount)
    let estimate = json.number(fields, "estimate", place, .amount)
    var ok = json.issues.count == before
    func fail(_ key: String, _ problem: String) {
      json.report(place.key(key), at: fields.position(of: key), problem)
      ok = false
    }
    switch qualifier {
    case .range:
      if low == nil || high == nil, ok { fail("low", "a range needs both 'low' and 'high'") }
      if fields["value"] != nil { fail("value", "a range takes 'low' and 'high', not 'value'") }
      if let low, let high, low > high {
        fail("low", "low (\(NumberRule.show(low))) is greater than high (\(NumberRule.show(high)))")
      }
      if let low, let high, let estimate, low <= high, estimate < low || estimate > high {
        fail(
          "estimate",
          "estimate \(NumberRule.show(estimate)) lies outside [\(NumberRule.show(low)), \(NumberRule.show(high))]")
      }
    case .unstated:
      if ["value", "low", "high", "estimate"].contains(where: { fields[$0] != nil }) {
        fail("qualifier", "'unstated' takes no figures; use 'assumed' for a figure of your own, or another qualifier")
      }
    default:
      if fields["value"] == nil { fail("value", "missing; '\(qualifier.rawValue)' needs a value") }
      if fields["low"] != nil || fields["high"] != nil {
        fail("low", "'low'/'high' belong to a range; '\(qualifier.rawValue)' takes 'value'")
      }
    }
    let currency = json.string(fields, "currency", place)
    let unit = json.string(fields, "unit", place)
    if fields["currency"] != nil, currency == nil { ok = false }
    if let currency, !isCurrencyCode(currency), let node = fields["currency"] {
      fail("currency", "\(json.describe(node)) is not a three-letter ISO 4217 code")
    }
    if qualifier != .unstated {
      if isMoney, currency == nil, fields["currency"] == nil {
        fail("currency", "missing; a deal's amount needs a currency such as USD")
      }
      if !isMoney, currency == nil, unit == nil, fields["currency"] == nil, fields["unit"] == nil {
        fail("unit", "missing; give 'currency' for money or 'unit' otherwise")
      }
    }
    if isMoney, unit != nil { fail("unit", "a deal's amount is money: give 'currency', not 'unit'") }
    if currency != nil, unit != nil { fail("unit", "give either 'currency' or 'unit', not both") }
    var assumption: Assumption? = nil
    if !json.isAbsent(fields, "assumed"), let node = fields["assumed"] {
      assumption = assumed(node, place.key("assumed"))
      if assumption == nil { ok = false }
    }
    var derivation: Derivation? = nil
    if !json.isAbsent(fields, "derived"), let node = fields["derived"] {
      if !isMoney {
        fail("derived", "only a deal's amount can be derived from another deal's")
      } else if qualifier != .unstated {
        fail(
          "derived",
          "a derived amount states no figure of its own: give \"qualifier\": \"unstated\" (the source's words go in 'asWritten')"
        )
      } else {
        derivation = derived(node, place.key("derived"))
        if derivation == nil { ok = false }
      }
    }
    guard ok else { return nil }
    return Amount(
      qualifier: qualifier, value: value, low: low, high: high, estimate: estimate,
      currency: currency, unit: unit, asWritten: json.string(fields, "asWritten", place),
      assumed: assumption, derived: derivation)
  }

  /// `"derived": {"of": DEAL, "low": 0.5, "high": 1, "estimate": 0.75, "reason": "…"}`.
  mutating func derived(_ node: JSONNode, _ place: JSONPlace) -> Derivation? {
    guard let fields = json.object(node, place) else { return nil }
    json.checkKeys(fields, place, allowed: ["of", "low", "high", "estimate", "reason"])
    let before = json.issues.count
    let of = slug(fields, "of", place, required: true)
    let low = json.number(fields, "low", place, .share)
    let high = json.number(fields, "high", place, .share)
    let estimate = json.number(fields, "estimate", place, .share)
    let reason = json.string(fields, "reason", place, required: true)
    if json.isAbsent(fields, "low") {
      json.missing(fields, "low", place, "missing; the share's lower bound, from 0 to 1")
    }
    if json.isAbsent(fields, "high") {
      json.missing(fields, "high", place, "missing; the share's upper bound, from 0 to 1")
    }
    if let low, let high, low > high {
      json.report(
        place.key("low"), at: fields.position(of: "low"),
        "low (\(NumberRule.show(low))) is greater than high (\(NumberRule.show(high)))")
    }
    if let low, let high, let estimate, low <= high, estimate < low || estimate > high {
      json.report(
        place.key("estimate"), at: fields.position(of: "estimate"),
        "estimate \(NumberRule.show(estimate)) lies outside [\(NumberRule.show(low)), \(NumberRule.show(high))]")
    }
    if let reason, reason.allSatisfy(\.isWhitespace) {
      json.report(
        place.key("reason"), at: fields.position(of: "reason"),
        "is empty; say which words of the source give the share and how they are read")
    }
    guard json.issues.count == before, let of, let low, let high, let reason else { return nil }
    return Derivation(of: DealID(of), low: low, high: high, estimate: estimate, reason: reason)
  }

  mutating func assumed(_ node: JSONNode, _ place: JSONPlace) -> Assumption? {
    guard let fields = json.object(node, place) else { return nil }
    json.checkKeys(fields, place, allowed: ["low", "high", "estimate", "reason"])
    let before = json.issues.count
    let low = json.number(fields, "low", place, .amount)
    let high = json.number(fields, "high", place, .amount)
    let estimate = json.number(fields, "estimate", place, .amount)
    let reason = json.string(fields, "reason", place, required: true)
    var ok = json.issues.count == before
    if let low, let high, low > high {
      json.report(
        place.key("low"), at: fields.position(of: "low"),
        "low (\(NumberRule.show(low))) is greater than high (\(NumberRule.show(high)))")
      ok = false
    }
    if ok, low == nil, high == nil, estimate == nil {
      json.report(place, node, "gives no figure; set low, high or estimate")
      ok = false
    }
    guard ok, let reason else { return nil }
    return Assumption(low: low, high: high, estimate: estimate, reason: reason)
  }

  mutating func sourceList(_ object: JSONObject, _ key: String, _ place: JSONPlace, single: Bool) -> [Source] {
    var items: [(JSONNode, JSONPlace)] = []
    guard let node = object[key], node.value != .null else {
      json.missing(object, key, place, "missing; every figure needs a source with the exact quote")
      return []
    }
    switch node.value {
    case .array(let values) where !single:
      if values.isEmpty { json.report(place.key(key), node, "is empty; give at least one source") }
      items = values.enumerated().map { ($1, place.key(key).index($0)) }
    case _ where single:
      items = [(node, place.key(key))]
    default:
      json.report(place.key(key), node, "must be an array of sources; found \(json.describe(node))")
      return []
    }
    var sources: [Source] = []
    for (value, itemPlace) in items {
      guard let fields = json.object(value, itemPlace) else { continue }
      json.checkKeys(fields, itemPlace, allowed: ["document", "quote", "language"])
      let document = json.string(fields, "document", itemPlace, required: true)
      let quote = json.string(fields, "quote", itemPlace, required: true)
      if let quote, quote.allSatisfy(\.isWhitespace), let node = fields["quote"] {
        json.report(itemPlace.key("quote"), node, "is empty; copy the exact words of the source")
      }
      let language: Language? = json.enumeration(fields, "language", itemPlace)
      if let document, let quote {
        sources.append(Source(document: document, quote: quote, language: language))
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
    // By index, and only the deals that supersede one: copying every entry out of the list cost
    // more than the check.
    for entryIndex in located.indices {
      guard let targets = located[entryIndex].value.supersedes, !targets.isEmpty else { continue }
      let item = located[entryIndex]
      let at = item.object.position(of: "supersedes")
      for (position, target) in targets.enumerated() {
        let field = item.place.key("supersedes").index(position)
        let shown = VisibleText.escape(target.rawValue, newlines: false)
        guard let targetIndex = index[target] else {
          json.report(field, at: at, "names '\(shown)', which is no deal in the ledger")
          continue
        }
        if target == item.value.id {
          json.report(field, at: at, "a deal cannot supersede itself")
          continue
        }
        if let other = deals[targetIndex].supersededBy, other != item.value.id {
          json.report(field, at: at, "'\(shown)' is already superseded by '\(other)'")
          continue
        }
        if deals[targetIndex].status != .superseded, item.value.announced != nil {
          // The change is dated by the deal that supersedes it, so that `--as-of` shows the
          // status the deal had before.
          var history = deals[targetIndex].statusHistory ?? [StatusChange(status: deals[targetIndex].status)]
          history.append(
            StatusChange(
              status: .superseded, date: item.value.announced,
              note: "superseded by \(item.value.id) (its 'supersedes')"))
          deals[targetIndex].statusHistory = history
        }
        deals[targetIndex].status = .superseded
        deals[targetIndex].supersededBy = item.value.id
      }
    }
    // A chain of supersedes must end: a loop would retire every deal on it.
    var byID: [DealID: Int] = [:]
    for (position, deal) in deals.enumerated() where byID[deal.id] == nil { byID[deal.id] = position }
    for entryIndex in located.indices {
      guard let start = byID[located[entryIndex].value.id], deals[start].supersededBy != nil else { continue }
      let item = located[entryIndex]
      var seen: Set<DealID> = [item.value.id]
      var current = deals[start].supersededBy
      while let next = current, let position = byID[next] {
        if !seen.insert(next).inserted {
          json.report(
            item.place.key("supersedes"), at: item.object.position(of: "supersedes"),
            "the supersedes chain loops back to '\(VisibleText.escape(next.rawValue, newlines: false))'; one deal must stay current"
          )
          break
        }
        current = deals[position].supersededBy
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
      var seen: [String: (entry: String, position: TextPosition)] = [:]
      let field = key == "fxRates" ? "currency" : "id"
      for (id, entry, position) in rawIDs[key] ?? [] {
        let shown = VisibleText.escape(id, newlines: false)
        let place = JSONPlace(entry: entry, path: field)
        if inBase.contains(id) {
          json.report(place, at: position, "'\(shown)' is already a \(kind) id in the ledger this one extends")
        } else if let first = seen[id] {
          json.report(
            place, at: position, "duplicate \(kind) id '\(shown)' (first used by \(first.entry) at \(first.position))")
        } else {
          seen[id] = (entry, position)
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

    func checkCompany<T>(_ id: CompanyID?, _ item: Located<T>, _ field: String) {
      if let id, !companyIDs.contains(id) {
        json.report(
          item.place.key(field), at: item.object.position(of: field),
          "unknown company '\(VisibleText.escape(id.rawValue, newlines: false))'; add it to 'companies' or fix the spelling"
        )
      }
    }
    func checkSources<T>(_ sources: [Source], _ item: Located<T>, _ field: String) {
      for (index, source) in sources.enumerated() where !documentIDs.contains(source.document) {
        var position = item.object.position(of: field)
        if case .array(let nodes)? = item.object[field]?.value, index < nodes.count,
          case .object(let fields) = nodes[index].value
        {
          position = fields.position(of: "document")
        } else if case .object(let fields)? = item.object[field]?.value {
          position = fields.position(of: "document")
        }
        let place =
          field == "source" ? item.place.key("source.document") : item.place.key(field).index(index).key("document")
        json.report(
          place, at: position,
          "unknown document '\(VisibleText.escape(source.document, newlines: false))'; add it to 'documents'")
      }
    }
    func checkCurrency<T>(_ amount: Amount, _ item: Located<T>, _ field: String) {
      if let currency = amount.currency, !currencies.contains(currency) {
        var position = item.object.position(of: field)
        if case .object(let fields)? = item.object[field]?.value { position = fields.position(of: "currency") }
        json.report(
          item.place.key(field + ".currency"), at: position,
          "no exchange rate for '\(currency)'; add {\"currency\": \"\(currency)\", \"perUSD\": …, \"source\": …} to 'fxRates'"
        )
      }
    }
    for item in companies {
      checkCompany(item.value.parent, item, "parent")
      if item.value.parent == item.value.id {
        json.report(
          item.place.key("parent"), at: item.object.position(of: "parent"), "a company cannot be its own parent")
      } else if item.value.parent != nil {
        var seen: Set<CompanyID> = [item.value.id]
        var current = item.value.parent
        while let next = current {
          if !seen.insert(next).inserted {
            json.report(
              item.place.key("parent"), at: item.object.position(of: "parent"),
              "the parent chain loops back to '\(next)'")
            break
          }
          current = ledger.company(next)?.parent
        }
      }
    }
    for item in undecodedDeals {
      checkCompany(item.value.payer, item, "payer")
      checkCompany(item.value.payee, item, "payee")
      checkSources(item.value.sources, item, "sources")
    }
    for item in deals {
      let deal = item.value
      checkCompany(deal.payer, item, "payer")
      checkCompany(deal.payee, item, "payee")
      checkSources(deal.sources, item, "sources")
      for (index, change) in (deal.statusHistory ?? []).enumerated() {
        if let source = change.source, !documentIDs.contains(source.document) {
          json.report(
            item.place.key("statusHistory").index(index).key("source").key("document"),
            at: item.object.position(of: "statusHistory"),
            "unknown document '\(VisibleText.escape(source.document, newlines: false))'; add it to 'documents'")
        }
      }
      checkCurrency(deal.amount, item, "amount")
      if let derivation = deal.amount.derived {
        let place = item.place.key("amount").key("derived").key("of")
        let position = (item.object["amount"]?.value).flatMap { value -> TextPosition? in
          if case .object(let amount) = value, case .object(let derived)? = amount["derived"]?.value {
            return derived.position(of: "of")
          }
          return nil
        }
        // The chain of derivations from this deal: each must exist, none may come back.
        var seen: Set<DealID> = [deal.id]
        var next: DealID? = derivation.of
        var steps = 0
        while let id = next {
          steps += 1
          let fact = ledger.facts.first { $0.id == id.rawValue }
          guard let other = ledger.deal(id) else {
            if let fact, fact.value.currency == nil {
              json.report(
                place, at: position,
                "points to fact '\(id)', whose value is no money (\(fact.value.unit ?? "no currency")); a share of it is no amount"
              )
            } else if fact == nil {
              json.report(place, at: position, "points to '\(id)', which is no deal or fact in the ledger")
            }
            break
          }
          if fact != nil {
            json.report(
              place, at: position, "'\(id)' is both a deal and a fact; give one of them another id")
            break
          }
          if !seen.insert(id).inserted {
            json.report(
              place, at: position,
              id == deal.id && steps == 1
                ? "a deal's amount cannot be derived from itself"
                : "the chain of derived amounts comes back to '\(id)'; one deal in it must state a figure")
            break
          }
          if steps > Ledger.derivationDepth {
            json.report(
              place, at: position, "the chain of derived amounts is longer than \(Ledger.derivationDepth) deals")
            break
          }
          next = other.amount.derived?.of
        }
      }
      if let next = deal.supersededBy {
        if !dealIDs.contains(next) {
          json.report(
            item.place.key("supersededBy"), at: item.object.position(of: "supersededBy"),
            "points to '\(next)', which is no deal in the ledger")
        } else if next == deal.id {
          json.report(
            item.place.key("supersededBy"), at: item.object.position(of: "supersededBy"),
            "a deal cannot supersede itself")
        }
      }
    }
    for item in facts {
      checkCompany(item.value.company, item, "company")
      checkSources(item.value.sources, item, "sources")
      checkCurrency(item.value.value, item, "value")
    }
    for item in fxRates {
      checkSources([item.value.source], item, "source")
    }
  }

  // MARK: - Field readers

  mutating func slug(_ object: JSONObject, _ key: String, _ place: JSONPlace, required: Bool = false) -> String? {
    guard let value = json.string(object, key, place, required: required) else { return nil }
    if !value.isSlug, let node = object[key] {
      json.report(
        place.key(key), node,
        "\(json.describe(node)) is not an id: use lower-case letters, digits and '-', e.g. 'google-cloud'")
    }
    return value
  }

  mutating func date(_ object: JSONObject, _ key: String, _ place: JSONPlace) -> PartialDate? {
    guard let text = json.string(object, key, place), let node = object[key] else { return nil }
    guard let date = PartialDate(text) else {
      json.report(place.key(key), node, "\(json.describe(node)) is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
      return nil
    }
    return date
  }

  func isCurrencyCode(_ text: String) -> Bool {
    text.utf8.count == 3 && text.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
  }
}
