import Foundation
import GRDB
import LoopLedger

/// The ledger's header: what a ledger file says above its lists.
public struct LedgerHeader: Codable, Sendable, Equatable {
  public var id: String
  public var title: String
  public var asOf: PartialDate?

  public init(id: String, title: String, asOf: PartialDate? = nil) {
    self.id = id
    self.title = title
    self.asOf = asOf
  }
}

/// The kinds of entity the store keeps, and that the history records.
public enum EntityKind: String, Codable, Sendable, CaseIterable {
  /// The header (id, title, as-of date); one per store, id `ledger`.
  case ledger
  case document
  /// An exchange rate, identified by its currency.
  case fxRate = "fx_rate"
  case company
  /// A live deal.
  case deal
  /// A tombstone: a removed deal, kept with all its data.
  case removedDeal = "removed_deal"
  case fact
  /// A candidate of the review queue.
  case candidate

  /// Whether the kind is part of the ledger (and so checked by validation after a change).
  var isLedgerContent: Bool { self != .candidate && self != .removedDeal }

  /// The table holding the kind, for positions.
  var table: String {
    switch self {
    case .ledger: "ledger_info"
    case .document: "document"
    case .fxRate: "fx_rate"
    case .company: "company"
    case .deal, .removedDeal: "deal"
    case .fact: "fact"
    case .candidate: "candidate"
    }
  }
}

/// JSON of entities as the history stores them: the model's own `Codable` form, keys sorted, so
/// that equal values give equal text.
enum EntityJSON {
  /// One encoder and decoder for all (their configuration never changes after this).
  private static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()
  private static let decoder = JSONDecoder()

  static func encode<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// The entity's JSON through ``EntityJSONWriter``.
  ///
  /// The same bytes as `encode` through `JSONEncoder` (tested), several times faster. A
  /// non-finite number, which `JSONEncoder` refuses, goes to `JSONEncoder` for its error.
  static func encode<T: EntityJSONWritable>(_ value: T) throws -> String {
    var writer = EntityJSONWriter()
    value.write(to: &writer)
    if writer.hasNonFinite { return String(decoding: try encoder.encode(value), as: UTF8.self) }
    return writer.text
  }

  /// `values.map(encode)` through ``EntityJSONWriter``, one writer reused for all; on two
  /// threads for long lists: the same strings, in the same order.
  static func encodeAll<T: EntityJSONWritable & Sendable>(_ values: [T]) throws -> [String] {
    let parts = values.count < 20_000 ? 1 : min(ProcessInfo.processInfo.activeProcessorCount, 2)
    if parts <= 1 { return try encodePart(values[...]) }
    let size = (values.count + parts - 1) / parts
    nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Result<[String], any Error>?>.allocate(capacity: parts)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      let range = (part * size)..<min(values.count, (part + 1) * size)
      results[part] = Result { try encodePart(values[range]) }
    }
    var strings: [String] = []
    strings.reserveCapacity(values.count)
    for part in 0..<parts { strings += try results[part]?.get() ?? [] }
    return strings
  }

  private static func encodePart<T: EntityJSONWritable>(_ part: ArraySlice<T>) throws -> [String] {
    var writer = EntityJSONWriter(capacity: 4096)
    var strings: [String] = []
    strings.reserveCapacity(part.count)
    for value in part {
      writer.reset()
      value.write(to: &writer)
      if writer.hasNonFinite {
        strings.append(String(decoding: try encoder.encode(value), as: UTF8.self))
      } else {
        strings.append(writer.text)
      }
    }
    return strings
  }

  /// `values.map(encode)` through `JSONEncoder`, split over the processor's cores for long lists
  /// (each part with its own encoder): the same strings, in the same order.
  static func encodeAll<T: Encodable & Sendable>(_ values: [T]) throws -> [String] {
    let parts = values.count < 2_000 ? 1 : min(ProcessInfo.processInfo.activeProcessorCount, 8)
    if parts <= 1 { return try values.map(encode) }
    let size = (values.count + parts - 1) / parts
    // Each part writes only its own slot.
    nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Result<[String], any Error>?>.allocate(capacity: parts)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      let range = (part * size)..<min(values.count, (part + 1) * size)
      results[part] = Result { try encodeBatch(values[range], encoder) }
    }
    var strings: [String] = []
    strings.reserveCapacity(values.count)
    for part in 0..<parts { strings += try results[part]?.get() ?? [] }
    return strings
  }

  /// The values encoded one by one, by encoding them as one JSON array and cutting it at the
  /// commas between its elements: an element of a compact array is written exactly as the value
  /// alone, and one encoder call per thousand values costs far less than a thousand calls.
  static func encodeBatch<T: Encodable>(_ values: ArraySlice<T>, _ encoder: JSONEncoder) throws -> [String] {
    var strings: [String] = []
    strings.reserveCapacity(values.count)
    var start = values.startIndex
    while start < values.endIndex {
      let end = min(values.endIndex, start + 1_000)
      let data = try encoder.encode(Array(values[start..<end]))
      data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
        var depth = 0
        var inString = false
        var escaped = false
        var elementStart = 1
        for index in 0..<bytes.count {
          let byte = bytes[index]
          if inString {
            if escaped {
              escaped = false
            } else if byte == UInt8(ascii: "\\") {
              escaped = true
            } else if byte == UInt8(ascii: "\"") {
              inString = false
            }
            continue
          }
          switch byte {
          case UInt8(ascii: "\""): inString = true
          case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
          case UInt8(ascii: "}"), UInt8(ascii: "]"):
            depth -= 1
            if depth == 0, index > elementStart {
              strings.append(
                String(decoding: UnsafeRawBufferPointer(rebasing: bytes[elementStart..<index]), as: UTF8.self))
            }
          case UInt8(ascii: ",") where depth == 1:
            strings.append(
              String(decoding: UnsafeRawBufferPointer(rebasing: bytes[elementStart..<index]), as: UTF8.self))
            elementStart = index + 1
          default: break
          }
        }
      }
      start = end
    }
    return strings
  }

  static func decode<T: Decodable>(_ type: T.Type, _ text: String, kind: EntityKind, id: String)
    throws -> T
  {
    do {
      return try decoder.decode(type, from: Data(text.utf8))
    } catch {
      throw StoreError.conflict(
        "The stored JSON of \(kind.rawValue) '\(id)' cannot be read as a \(type): \(error)")
    }
  }
}

/// Reading and writing each entity kind to its tables.
///
/// Every value goes in as columns (amounts as qualifier, figures, currency, words as written and
/// assumption; sources as rows), and comes out equal to what went in.
enum Tables {
  // MARK: - Reading

  static func header(_ db: Database) throws -> LedgerHeader? {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ledger_info WHERE singleton = 1")
    else { return nil }
    return LedgerHeader(
      id: try row.decode(forColumn: "ledger_id"), title: try row.decode(forColumn: "title"),
      asOf: try date(row, "as_of"))
  }

  static func documents(_ db: Database, id: String? = nil) throws -> [(Int, Document)] {
    try rows(db, "document", where: id.map { ("id", $0) }) { row in
      (
        try row.decode(forColumn: "position"),
        Document(
          id: try row.decode(forColumn: "id"), title: try row.decode(forColumn: "title"),
          publisher: try row.decode(forColumn: "publisher"), published: try date(row, "published"),
          language: try enumeration(row, "language"), url: try row.decode(forColumn: "url"),
          note: try row.decode(forColumn: "note"))
      )
    }
  }

  static func fxRates(_ db: Database, currency: String? = nil) throws -> [(Int, FXRate)] {
    try rows(db, "fx_rate", where: currency.map { ("currency", $0) }) { row in
      (
        try row.decode(forColumn: "position"),
        FXRate(
          currency: try row.decode(forColumn: "currency"), perUSD: try row.decode(forColumn: "per_usd"),
          asOf: try date(row, "as_of"),
          source: Source(
            document: try row.decode(forColumn: "source_document"),
            quote: try row.decode(forColumn: "source_quote"),
            language: try enumeration(row, "source_language")))
      )
    }
  }

  static func companies(_ db: Database, id: String? = nil) throws -> [(Int, Company)] {
    var aliases: [String: [String]] = [:]
    try each(
      db,
      id == nil
        ? "SELECT * FROM company_alias ORDER BY company_id, position"
        : "SELECT * FROM company_alias WHERE company_id = ? ORDER BY position",
      id.map { [$0] } ?? []
    ) { row in
      aliases[try row.decode(forColumn: "company_id"), default: []].append(
        try row.decode(forColumn: "alias"))
    }
    return try rows(db, "company", where: id.map { ("id", $0) }) { row in
      let id: String = try row.decode(forColumn: "id")
      return (
        try row.decode(forColumn: "position"),
        Company(
          id: CompanyID(id),
          names: LocalizedNames(
            english: try row.decode(forColumn: "name_en"),
            traditionalChinese: try row.decode(forColumn: "name_zh_hant"),
            simplifiedChinese: try row.decode(forColumn: "name_zh_hans")),
          aliases: aliases[id] ?? [], parent: (try row.decode(String?.self, forColumn: "parent")).map(CompanyID.init),
          role: try row.decode(forColumn: "role"))
      )
    }
  }

  /// Live deals (`removed == false`) or tombstones (`removed == true`), with the change that
  /// removed each tombstone.
  static func deals(_ db: Database, removed: Bool, id: String? = nil) throws
    -> [(position: Int, deal: Deal, removedBy: Int64?)]
  {
    var result: [(position: Int, deal: Deal, removedBy: Int64?)] = []
    try eachDeal(db, removed: removed, id: id) { result.append(($0, $1, $2)) }
    return result
  }

  /// The live deals in their order, for a whole ledger: built in place, without the position and
  /// tombstone of each and without copying every deal out of a list of those (the load of 10⁵ deals).
  ///
  /// The rows are read in the order they were written, not sorted by SQLite: that is their order
  /// unless a deal was edited or restored since (rewritten at the end of the table), and only then
  /// are they sorted here, by position (then that order).
  static func liveDeals(_ db: Database) throws -> [Deal] {
    let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal") ?? 0
    var deals: [Deal] = []
    var positions: [Int] = []
    deals.reserveCapacity(count)
    positions.reserveCapacity(count)
    try eachDeal(db, removed: false, id: nil, sorted: false) { position, deal, _ in
      deals.append(deal)
      positions.append(position)
    }
    if zip(positions, positions.dropFirst()).allSatisfy({ $0 <= $1 }) { return deals }
    return positions.indices.sorted { (positions[$0], $0) < (positions[$1], $1) }.map { deals[$0] }
  }

  /// Calls `body` with each live deal (`removed == false`) or tombstone, in order (`sorted: false`:
  /// in the table's order): its position, the deal, and the change that removed it.
  private static func eachDeal(
    _ db: Database, removed: Bool, id: String?, sorted: Bool = true, _ body: (Int, Deal, Int64?) throws -> Void
  ) throws {
    var sql = "SELECT * FROM deal WHERE removed_by_change IS \(removed ? "NOT " : "")NULL"
    var arguments: StatementArguments = []
    if let id {
      sql += " AND id = ?"
      arguments = [id]
    }
    let sources = try sourceRows(db, table: "deal_source", owner: "deal_id", id: id)
    var supersedes: [String: [DealID]] = [:]
    try each(
      db,
      id == nil
        ? "SELECT * FROM deal_supersedes ORDER BY deal_id, position"
        : "SELECT * FROM deal_supersedes WHERE deal_id = ? ORDER BY position",
      id.map { [$0] } ?? []
    ) { row in
      supersedes[try row.decode(forColumn: "deal_id"), default: []].append(
        DealID(try row.decode(String.self, forColumn: "superseded")))
    }
    // Columns by index, found once per query: looking each up by name per row cost more than
    // reading it (the load of 10⁵ deals).
    let statement = try db.cachedStatement(sql: sorted ? sql + " ORDER BY position" : sql)
    let column = ColumnIndex(statement)
    let idColumn = try column["id"]
    let payerColumn = try column["payer"]
    let payeeColumn = try column["payee"]
    let kindColumn = try column["kind"]
    let announcedColumn = try column["announced"]
    let termColumn = try column["term_years"]
    let statusColumn = try column["status"]
    let supersededByColumn = try column["superseded_by"]
    let noteColumn = try column["note"]
    let historyColumn = try column["status_history"]
    let positionColumn = try column["position"]
    let removedColumn = try column["removed_by_change"]
    let amountColumns = try AmountColumns(column, prefix: "amount")
    let cursor = try Row.fetchCursor(statement, arguments: arguments)
    while let row = try cursor.next() {
      let id = try row.decode(String.self, atIndex: idColumn)
      let deal = Deal(
        id: DealID(id), payer: CompanyID(try row.decode(String.self, atIndex: payerColumn)),
        payee: CompanyID(try row.decode(String.self, atIndex: payeeColumn)),
        kind: try required(row, kindColumn, "kind"), amount: try amount(row, amountColumns),
        announced: try date(row, announcedColumn, "announced"),
        termYears: try row.decode(Double?.self, atIndex: termColumn),
        status: try required(row, statusColumn, "status"),
        supersededBy: (try row.decode(String?.self, atIndex: supersededByColumn)).map(DealID.init),
        supersedes: supersedes[id], sources: sources[id] ?? [],
        note: try row.decode(String?.self, atIndex: noteColumn),
        statusHistory: try (row.decode(String?.self, atIndex: historyColumn)).map {
          try EntityJSON.decode([StatusChange].self, $0, kind: .deal, id: id)
        })
      try body(
        try row.decode(Int.self, atIndex: positionColumn), deal, try row.decode(Int64?.self, atIndex: removedColumn))
    }
  }

  static func facts(_ db: Database, id: String? = nil) throws -> [(Int, Fact)] {
    let sources = try sourceRows(db, table: "fact_source", owner: "fact_id", id: id)
    return try rows(db, "fact", where: id.map { ("id", $0) }) { row in
      let id: String = try row.decode(forColumn: "id")
      return (
        try row.decode(forColumn: "position"),
        Fact(
          id: id, company: (try row.decode(String?.self, forColumn: "company")).map(CompanyID.init),
          metric: try required(row, "metric"), value: try amount(row, "value"),
          asOf: try date(row, "as_of"), label: try row.decode(forColumn: "label"),
          sources: sources[id] ?? [], note: try row.decode(forColumn: "note"))
      )
    }
  }

  /// The whole ledger as the tables hold it now, or nil if the store holds none.
  static func ledger(_ db: Database) throws -> Ledger? {
    guard let header = try header(db) else { return nil }
    return Ledger(
      id: header.id, title: header.title, asOf: header.asOf,
      documents: try documents(db).map(\.1), fxRates: try fxRates(db).map(\.1),
      companies: try companies(db).map(\.1), deals: try liveDeals(db),
      facts: try facts(db).map(\.1))
  }

  /// The current JSON and position of one entity, or nil if it does not exist.
  static func current(_ kind: EntityKind, _ id: String, _ db: Database) throws -> (Int, String)? {
    switch kind {
    case .ledger:
      return try header(db).map { (0, try EntityJSON.encode($0)) }
    case .document:
      return try documents(db, id: id).first.map { ($0.0, try EntityJSON.encode($0.1)) }
    case .fxRate:
      return try fxRates(db, currency: id).first.map { ($0.0, try EntityJSON.encode($0.1)) }
    case .company:
      return try companies(db, id: id).first.map { ($0.0, try EntityJSON.encode($0.1)) }
    case .deal, .removedDeal:
      return try deals(db, removed: kind == .removedDeal, id: id).first.map {
        ($0.position, try EntityJSON.encode($0.deal))
      }
    case .fact:
      return try facts(db, id: id).first.map { ($0.0, try EntityJSON.encode($0.1)) }
    case .candidate:
      return try ReviewTables.candidates(db, id: id).first.map {
        ($0.position, try EntityJSON.encode($0.candidate))
      }
    }
  }

  // MARK: - Writing

  /// Sets one entity to `json` (nil: removes it), keeping `position`.
  ///
  /// `value`, when given, is the value `json` encodes; `replacing: false` says the entity does not
  /// exist yet (nothing to delete). The rows go in through `inserts`, the change's prepared
  /// inserts: a bulk import prepares each once and binds its values straight to SQLite.
  static func write(
    _ kind: EntityKind, _ id: String, position: Int, json: String?, value: Any? = nil,
    replacing: Bool = true, change: Int64, inserts: Inserts, _ db: Database
  ) throws {
    func run(_ sql: String, _ arguments: StatementArguments) throws {
      try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }
    func decoded<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
      if let value = value as? T { return value }
      return try EntityJSON.decode(type, json, kind: kind, id: id)
    }
    switch kind {
    case .ledger:
      if replacing { try run("DELETE FROM ledger_info", []) }
      if let json {
        let header = try decoded(LedgerHeader.self, json)
        try run(
          "INSERT INTO ledger_info (singleton, ledger_id, title, as_of) VALUES (1, ?, ?, ?)",
          [header.id, header.title, header.asOf?.description])
      }
    case .document:
      if replacing { try run("DELETE FROM document WHERE id = ?", [id]) }
      if let json {
        let document = try decoded(Document.self, json)
        try inserts(.document).run { row in
          row.bind(document.id)
          row.bind(position)
          row.bind(document.title)
          row.bind(document.publisher)
          row.bind(document.published?.description)
          row.bind(document.language?.rawValue)
          row.bind(document.url)
          row.bind(document.note)
        }
      }
    case .fxRate:
      if replacing { try run("DELETE FROM fx_rate WHERE currency = ?", [id]) }
      if let json {
        let rate = try decoded(FXRate.self, json)
        try inserts(.fxRate).run { row in
          row.bind(rate.currency)
          row.bind(position)
          row.bind(rate.perUSD)
          row.bind(rate.asOf?.description)
          row.bind(rate.source.document)
          row.bind(rate.source.quote)
          row.bind(rate.source.language?.rawValue)
        }
      }
    case .company:
      if replacing { try run("DELETE FROM company WHERE id = ?", [id]) }
      if let json {
        let company = try decoded(Company.self, json)
        try inserts(.company).run { row in
          row.bind(company.id.rawValue)
          row.bind(position)
          row.bind(company.names.english)
          row.bind(company.names.traditionalChinese)
          row.bind(company.names.simplifiedChinese)
          row.bind(company.parent?.rawValue)
          row.bind(company.role)
        }
        for (index, alias) in company.aliases.enumerated() {
          try inserts(.companyAlias).run { row in
            row.bind(company.id.rawValue)
            row.bind(index)
            row.bind(alias)
          }
        }
      }
    case .deal, .removedDeal:
      if replacing {
        try run(
          "DELETE FROM deal WHERE id = ? AND removed_by_change IS \(kind == .deal ? "" : "NOT ")NULL", [id])
      }
      if let json {
        let deal = try decoded(Deal.self, json)
        let history = try deal.statusHistory.map { try EntityJSON.encode($0) }
        try inserts(.deal).run { row in
          row.bind(deal.id.rawValue)
          row.bind(position)
          row.bind(deal.payer.rawValue)
          row.bind(deal.payee.rawValue)
          row.bind(deal.kind.rawValue)
          bindAmount(deal.amount, &row)
          row.bind(deal.announced?.description)
          row.bind(deal.termYears)
          row.bind(deal.status.rawValue)
          row.bind(deal.supersededBy?.rawValue)
          row.bind(deal.note)
          row.bind(kind == .removedDeal ? change : nil)
          row.bind(history)
        }
        try insertSources(deal.sources, id: id, into: inserts(.dealSource))
        for (index, superseded) in (deal.supersedes ?? []).enumerated() {
          try inserts(.dealSupersedes).run { row in
            row.bind(id)
            row.bind(index)
            row.bind(superseded.rawValue)
          }
        }
      }
    case .fact:
      if replacing { try run("DELETE FROM fact WHERE id = ?", [id]) }
      if let json {
        let fact = try decoded(Fact.self, json)
        try inserts(.fact).run { row in
          row.bind(fact.id)
          row.bind(position)
          row.bind(fact.company?.rawValue)
          row.bind(fact.metric.rawValue)
          bindAmount(fact.value, &row)
          row.bind(fact.asOf?.description)
          row.bind(fact.label)
          row.bind(fact.note)
        }
        try insertSources(fact.sources, id: id, into: inserts(.factSource))
      }
    case .candidate:
      try ReviewTables.write(id, position: position, json: json, value: value as? ReviewCandidate, db)
    }
  }

  /// The prepared inserts of one change, each prepared when first used.
  final class Inserts {
    /// A table the inserts write, with its `INSERT`.
    enum Table: Int, CaseIterable {
      case document, fxRate, company, companyAlias, deal, dealSource, dealSupersedes, fact, factSource, changeItem

      var sql: String {
        switch self {
        case .document:
          "INSERT INTO document (id, position, title, publisher, published, language, url, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        case .fxRate:
          """
          INSERT INTO fx_rate (currency, position, per_usd, as_of, source_document, source_quote,
            source_language) VALUES (?, ?, ?, ?, ?, ?, ?)
          """
        case .company:
          """
          INSERT INTO company (id, position, name_en, name_zh_hant, name_zh_hans, parent, role)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """
        case .companyAlias: "INSERT INTO company_alias (company_id, position, alias) VALUES (?, ?, ?)"
        case .deal:
          """
          INSERT INTO deal (id, position, payer, payee, kind, \(amountColumnList("amount")),
            announced, term_years, status, superseded_by, note, removed_by_change, status_history)
          VALUES (?, ?, ?, ?, ?, \(placeholders(amountFields.count)), ?, ?, ?, ?, ?, ?, ?)
          """
        case .dealSource:
          "INSERT INTO deal_source (deal_id, position, document, quote, language) VALUES (?, ?, ?, ?, ?)"
        case .dealSupersedes: "INSERT INTO deal_supersedes (deal_id, position, superseded) VALUES (?, ?, ?)"
        case .fact:
          """
          INSERT INTO fact (id, position, company, metric, \(amountColumnList("value")), as_of, label,
            note) VALUES (?, ?, ?, ?, \(placeholders(amountFields.count)), ?, ?, ?)
          """
        case .factSource:
          "INSERT INTO fact_source (fact_id, position, document, quote, language) VALUES (?, ?, ?, ?, ?)"
        case .changeItem:
          """
          INSERT INTO change_item (change_id, seq, entity_kind, entity_id, position, before, after)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """
        }
      }
    }

    private let db: Database
    private var prepared: [BulkInsert?] = Array(repeating: nil, count: Table.allCases.count)

    init(_ db: Database) { self.db = db }

    /// The insert into `table`, prepared on first use.
    func callAsFunction(_ table: Table) throws -> BulkInsert {
      if let insert = prepared[table.rawValue] { return insert }
      let insert = try BulkInsert(db, sql: table.sql)
      prepared[table.rawValue] = insert
      return insert
    }
  }

  /// Every entity of `kind` as `current` gives each: id → position and JSON.
  static func all(_ kind: EntityKind, _ db: Database) throws -> [String: (Int, String)] {
    var result: [String: (Int, String)] = [:]
    func add<T: Encodable>(_ id: String, _ position: Int, _ value: T) throws {
      result[id] = (position, try EntityJSON.encode(value))
    }
    switch kind {
    case .ledger:
      if let header = try header(db) { try add("ledger", 0, header) }
    case .document:
      for (position, document) in try documents(db) { try add(document.id, position, document) }
    case .fxRate:
      for (position, rate) in try fxRates(db) { try add(rate.currency, position, rate) }
    case .company:
      for (position, company) in try companies(db) { try add(company.id.rawValue, position, company) }
    case .deal, .removedDeal:
      for stored in try deals(db, removed: kind == .removedDeal) {
        try add(stored.deal.id.rawValue, stored.position, stored.deal)
      }
    case .fact:
      for (position, fact) in try facts(db) { try add(fact.id, position, fact) }
    case .candidate:
      for stored in try ReviewTables.candidates(db) { try add(stored.candidate.id, stored.position, stored.candidate) }
    }
    return result
  }

  // MARK: - Helpers

  /// Runs `body` on each row of a query, in order.
  ///
  /// The rows come from a cursor over a cached statement: GRDB then finds a column by name with one
  /// dictionary lookup, where a fetched `[Row]` compares every column name case-insensitively on
  /// each access.
  @discardableResult
  static func each<T>(
    _ db: Database, _ sql: String, _ arguments: StatementArguments = [], _ body: (Row) throws -> T
  ) throws -> [T] {
    let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
    var result: [T] = []
    while let row = try cursor.next() { result.append(try body(row)) }
    return result
  }

  private static func rows<T>(
    _ db: Database, _ table: String, where filter: (String, String)?, _ body: (Row) throws -> T
  ) throws -> [T] {
    if let (column, value) = filter {
      return try each(db, "SELECT * FROM \(table) WHERE \(column) = ?", [value], body)
    }
    return try each(db, "SELECT * FROM \(table) ORDER BY position", [], body)
  }

  private static func sourceRows(_ db: Database, table: String, owner: String, id: String?) throws
    -> [String: [Source]]
  {
    var sources: [String: [Source]] = [:]
    let statement = try db.cachedStatement(
      sql: id == nil
        ? "SELECT * FROM \(table) ORDER BY \(owner), position"
        : "SELECT * FROM \(table) WHERE \(owner) = ? ORDER BY position")
    let column = ColumnIndex(statement)
    let ownerColumn = try column[owner]
    let documentColumn = try column["document"]
    let quoteColumn = try column["quote"]
    let languageColumn = try column["language"]
    let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(id.map { [$0] } ?? []))
    // The rows come ordered by owner: one dictionary entry per owner, filled from a local list.
    var currentOwner: String? = nil
    var list: [Source] = []
    while let row = try cursor.next() {
      let rowOwner = try row.decode(String.self, atIndex: ownerColumn)
      if rowOwner != currentOwner {
        if let currentOwner { sources[currentOwner, default: []] += list }
        currentOwner = rowOwner
        list = []
      }
      var language: Language? = nil
      if let text = try row.decode(String?.self, atIndex: languageColumn) {
        guard let value = Language(rawValue: text) else {
          throw StoreError.conflict("The stored value '\(text)' of column language is not a \(Language.self).")
        }
        language = value
      }
      list.append(
        Source(
          document: try row.decode(String.self, atIndex: documentColumn),
          quote: try row.decode(String.self, atIndex: quoteColumn), language: language))
    }
    if let currentOwner { sources[currentOwner, default: []] += list }
    return sources
  }

  private static func insertSources(_ sources: [Source], id: String, into insert: BulkInsert) throws {
    for (index, source) in sources.enumerated() {
      try insert.run { row in
        row.bind(id)
        row.bind(index)
        row.bind(source.document)
        row.bind(source.quote)
        row.bind(source.language?.rawValue)
      }
    }
  }

  private static let amountFields = [
    "qualifier", "value", "low", "high", "estimate", "currency", "unit", "as_written",
    "assumed_low", "assumed_high", "assumed_estimate", "assumed_reason",
    "derived_of", "derived_low", "derived_high", "derived_estimate", "derived_reason",
  ]

  private static func amountColumnList(_ prefix: String) -> String {
    amountFields.map { "\(prefix)_\($0)" }.joined(separator: ", ")
  }

  private static func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
  }

  /// Binds an amount's columns, in the order of `amountFields`.
  private static func bindAmount(_ amount: Amount, _ row: inout BulkInsert.Row) {
    row.bind(amount.qualifier.rawValue)
    row.bind(amount.value)
    row.bind(amount.low)
    row.bind(amount.high)
    row.bind(amount.estimate)
    row.bind(amount.currency)
    row.bind(amount.unit)
    row.bind(amount.asWritten)
    row.bind(amount.assumed?.low)
    row.bind(amount.assumed?.high)
    row.bind(amount.assumed?.estimate)
    row.bind(amount.assumed?.reason)
    row.bind(amount.derived?.of.rawValue)
    row.bind(amount.derived?.low)
    row.bind(amount.derived?.high)
    row.bind(amount.derived?.estimate)
    row.bind(amount.derived?.reason)
  }

  /// A statement's columns by name, looked up once per query.
  struct ColumnIndex {
    private var indices: [String: Int] = [:]

    init(_ statement: Statement) {
      for (index, name) in statement.columnNames.enumerated() where indices[name] == nil {
        indices[name] = index
      }
    }

    subscript(_ name: String) -> Int {
      get throws {
        guard let index = indices[name] else { throw StoreError.conflict("The stored table lacks the column \(name).") }
        return index
      }
    }
  }

  /// The indices of an amount's columns (`amount_…` or `value_…`).
  struct AmountColumns {
    var qualifier, value, low, high, estimate, currency, unit, asWritten: Int
    var assumedLow, assumedHigh, assumedEstimate, assumedReason: Int
    var derivedOf, derivedLow, derivedHigh, derivedEstimate, derivedReason: Int
    var prefix: String

    init(_ column: ColumnIndex, prefix: String) throws {
      self.prefix = prefix
      qualifier = try column[prefix + "_qualifier"]
      value = try column[prefix + "_value"]
      low = try column[prefix + "_low"]
      high = try column[prefix + "_high"]
      estimate = try column[prefix + "_estimate"]
      currency = try column[prefix + "_currency"]
      unit = try column[prefix + "_unit"]
      asWritten = try column[prefix + "_as_written"]
      assumedLow = try column[prefix + "_assumed_low"]
      assumedHigh = try column[prefix + "_assumed_high"]
      assumedEstimate = try column[prefix + "_assumed_estimate"]
      assumedReason = try column[prefix + "_assumed_reason"]
      derivedOf = try column[prefix + "_derived_of"]
      derivedLow = try column[prefix + "_derived_low"]
      derivedHigh = try column[prefix + "_derived_high"]
      derivedEstimate = try column[prefix + "_derived_estimate"]
      derivedReason = try column[prefix + "_derived_reason"]
    }
  }

  private static func amount(_ row: Row, _ c: AmountColumns) throws -> Amount {
    var assumption: Assumption? = nil
    if let reason = try row.decode(String?.self, atIndex: c.assumedReason) {
      assumption = Assumption(
        low: try row.decode(Double?.self, atIndex: c.assumedLow),
        high: try row.decode(Double?.self, atIndex: c.assumedHigh),
        estimate: try row.decode(Double?.self, atIndex: c.assumedEstimate), reason: reason)
    }
    var derivation: Derivation? = nil
    if let of = try row.decode(String?.self, atIndex: c.derivedOf) {
      let low = try row.decode(Double?.self, atIndex: c.derivedLow)
      let high = try row.decode(Double?.self, atIndex: c.derivedHigh)
      let reason = try row.decode(String?.self, atIndex: c.derivedReason)
      guard let low, let high, let reason else {
        throw StoreError.conflict("The stored derived amount of column \(c.prefix) lacks its share or reason.")
      }
      derivation = Derivation(
        of: DealID(of), low: low, high: high, estimate: try row.decode(Double?.self, atIndex: c.derivedEstimate),
        reason: reason)
    }
    return Amount(
      qualifier: try required(row, c.qualifier, c.prefix + "_qualifier"),
      value: try row.decode(Double?.self, atIndex: c.value),
      low: try row.decode(Double?.self, atIndex: c.low), high: try row.decode(Double?.self, atIndex: c.high),
      estimate: try row.decode(Double?.self, atIndex: c.estimate),
      currency: try row.decode(String?.self, atIndex: c.currency),
      unit: try row.decode(String?.self, atIndex: c.unit),
      asWritten: try row.decode(String?.self, atIndex: c.asWritten), assumed: assumption, derived: derivation)
  }

  private static func date(_ row: Row, _ index: Int, _ column: String) throws -> PartialDate? {
    guard let text = try row.decode(String?.self, atIndex: index) else { return nil }
    guard let date = PartialDate(text) else {
      throw StoreError.conflict("The stored value '\(text)' of column \(column) is not a date.")
    }
    return date
  }

  private static func required<T: RawRepresentable>(_ row: Row, _ index: Int, _ column: String) throws -> T
  where T.RawValue == String {
    guard let text = try row.decode(String?.self, atIndex: index) else {
      throw StoreError.conflict("The stored column \(column) is empty.")
    }
    guard let value = T(rawValue: text) else {
      throw StoreError.conflict("The stored value '\(text)' of column \(column) is not a \(T.self).")
    }
    return value
  }

  private static func amount(_ row: Row, _ prefix: String) throws -> Amount {
    var assumption: Assumption? = nil
    if let reason: String = try row.decode(forColumn: prefix + "_assumed_reason") {
      assumption = Assumption(
        low: try row.decode(forColumn: prefix + "_assumed_low"),
        high: try row.decode(forColumn: prefix + "_assumed_high"),
        estimate: try row.decode(forColumn: prefix + "_assumed_estimate"), reason: reason)
    }
    var derivation: Derivation? = nil
    if let of: String = try row.decode(forColumn: prefix + "_derived_of") {
      let low: Double? = try row.decode(forColumn: prefix + "_derived_low")
      let high: Double? = try row.decode(forColumn: prefix + "_derived_high")
      let reason: String? = try row.decode(forColumn: prefix + "_derived_reason")
      guard let low, let high, let reason else {
        throw StoreError.conflict("The stored derived amount of column \(prefix) lacks its share or reason.")
      }
      derivation = Derivation(
        of: DealID(of), low: low, high: high, estimate: try row.decode(forColumn: prefix + "_derived_estimate"),
        reason: reason)
    }
    return Amount(
      qualifier: try required(row, prefix + "_qualifier"), value: try row.decode(forColumn: prefix + "_value"),
      low: try row.decode(forColumn: prefix + "_low"), high: try row.decode(forColumn: prefix + "_high"),
      estimate: try row.decode(forColumn: prefix + "_estimate"),
      currency: try row.decode(forColumn: prefix + "_currency"), unit: try row.decode(forColumn: prefix + "_unit"),
      asWritten: try row.decode(forColumn: prefix + "_as_written"), assumed: assumption, derived: derivation)
  }

  private static func date(_ row: Row, _ column: String) throws -> PartialDate? {
    guard let text: String = try row.decode(forColumn: column) else { return nil }
    guard let date = PartialDate(text) else {
      throw StoreError.conflict("The stored value '\(text)' of column \(column) is not a date.")
    }
    return date
  }

  private static func enumeration<T: RawRepresentable>(_ row: Row, _ column: String) throws -> T?
  where T.RawValue == String {
    guard let text: String = try row.decode(forColumn: column) else { return nil }
    guard let value = T(rawValue: text) else {
      throw StoreError.conflict("The stored value '\(text)' of column \(column) is not a \(T.self).")
    }
    return value
  }

  private static func required<T: RawRepresentable>(_ row: Row, _ column: String) throws -> T
  where T.RawValue == String {
    guard let value: T = try enumeration(row, column) else {
      throw StoreError.conflict("The stored column \(column) is empty.")
    }
    return value
  }
}
