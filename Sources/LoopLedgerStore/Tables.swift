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
  static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  static func decode<T: Decodable>(_ type: T.Type, _ text: String, kind: EntityKind, id: String)
    throws -> T
  {
    do {
      return try JSONDecoder().decode(type, from: Data(text.utf8))
    } catch {
      throw StoreError.conflict(
        "The stored JSON of \(kind.rawValue) '\(id)' cannot be read as a \(type): \(error)")
    }
  }
}

/// Reading and writing each entity kind to its tables. Every value goes in as columns (amounts as
/// qualifier, figures, currency, words as written and assumption; sources as rows), and comes out
/// equal to what went in.
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
    let rows = try rows(db, "document", where: id.map { ("id", $0) })
    return try rows.map { row in
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
    let rows = try rows(db, "fx_rate", where: currency.map { ("currency", $0) })
    return try rows.map { row in
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
    let rows = try rows(db, "company", where: id.map { ("id", $0) })
    var aliases: [String: [String]] = [:]
    let aliasRows =
      if let id {
        try Row.fetchAll(
          db, sql: "SELECT * FROM company_alias WHERE company_id = ? ORDER BY position",
          arguments: [id])
      } else {
        try Row.fetchAll(db, sql: "SELECT * FROM company_alias ORDER BY company_id, position")
      }
    for row in aliasRows {
      aliases[try row.decode(forColumn: "company_id"), default: []].append(
        try row.decode(forColumn: "alias"))
    }
    return try rows.map { row in
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
    var sql = "SELECT * FROM deal WHERE removed_by_change IS \(removed ? "NOT " : "")NULL"
    var arguments: StatementArguments = []
    if let id {
      sql += " AND id = ?"
      arguments = [id]
    }
    let rows = try Row.fetchAll(db, sql: sql + " ORDER BY position", arguments: arguments)
    let sources = try sourceRows(db, table: "deal_source", owner: "deal_id", id: id)
    var supersedes: [String: [DealID]] = [:]
    let supersedeRows =
      if let id {
        try Row.fetchAll(
          db, sql: "SELECT * FROM deal_supersedes WHERE deal_id = ? ORDER BY position", arguments: [id])
      } else {
        try Row.fetchAll(db, sql: "SELECT * FROM deal_supersedes ORDER BY deal_id, position")
      }
    for row in supersedeRows {
      supersedes[try row.decode(forColumn: "deal_id"), default: []].append(
        DealID(try row.decode(String.self, forColumn: "superseded")))
    }
    return try rows.map { row in
      let id: String = try row.decode(forColumn: "id")
      let deal = Deal(
        id: DealID(id), payer: CompanyID(try row.decode(String.self, forColumn: "payer")),
        payee: CompanyID(try row.decode(String.self, forColumn: "payee")),
        kind: try required(row, "kind"), amount: try amount(row, "amount"),
        announced: try date(row, "announced"), termYears: try row.decode(forColumn: "term_years"),
        status: try required(row, "status"),
        supersededBy: (try row.decode(String?.self, forColumn: "superseded_by")).map(DealID.init),
        supersedes: supersedes[id], sources: sources[id] ?? [], note: try row.decode(forColumn: "note"))
      return (try row.decode(forColumn: "position"), deal, try row.decode(forColumn: "removed_by_change"))
    }
  }

  static func facts(_ db: Database, id: String? = nil) throws -> [(Int, Fact)] {
    let rows = try rows(db, "fact", where: id.map { ("id", $0) })
    let sources = try sourceRows(db, table: "fact_source", owner: "fact_id", id: id)
    return try rows.map { row in
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
      companies: try companies(db).map(\.1), deals: try deals(db, removed: false).map(\.deal),
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
  static func write(
    _ kind: EntityKind, _ id: String, position: Int, json: String?, change: Int64, _ db: Database
  ) throws {
    switch kind {
    case .ledger:
      try db.execute(sql: "DELETE FROM ledger_info")
      if let json {
        let header = try EntityJSON.decode(LedgerHeader.self, json, kind: kind, id: id)
        try db.execute(
          sql: "INSERT INTO ledger_info (singleton, ledger_id, title, as_of) VALUES (1, ?, ?, ?)",
          arguments: [header.id, header.title, header.asOf?.description])
      }
    case .document:
      try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [id])
      if let json {
        let document = try EntityJSON.decode(Document.self, json, kind: kind, id: id)
        try db.execute(
          sql: """
            INSERT INTO document (id, position, title, publisher, published, language, url, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            document.id, position, document.title, document.publisher,
            document.published?.description, document.language?.rawValue, document.url, document.note,
          ])
      }
    case .fxRate:
      try db.execute(sql: "DELETE FROM fx_rate WHERE currency = ?", arguments: [id])
      if let json {
        let rate = try EntityJSON.decode(FXRate.self, json, kind: kind, id: id)
        try db.execute(
          sql: """
            INSERT INTO fx_rate (currency, position, per_usd, as_of, source_document, source_quote,
              source_language) VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            rate.currency, position, rate.perUSD, rate.asOf?.description, rate.source.document,
            rate.source.quote, rate.source.language?.rawValue,
          ])
      }
    case .company:
      try db.execute(sql: "DELETE FROM company WHERE id = ?", arguments: [id])
      if let json {
        let company = try EntityJSON.decode(Company.self, json, kind: kind, id: id)
        try db.execute(
          sql: """
            INSERT INTO company (id, position, name_en, name_zh_hant, name_zh_hans, parent, role)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            company.id.rawValue, position, company.names.english, company.names.traditionalChinese,
            company.names.simplifiedChinese, company.parent?.rawValue, company.role,
          ])
        for (index, alias) in company.aliases.enumerated() {
          try db.execute(
            sql: "INSERT INTO company_alias (company_id, position, alias) VALUES (?, ?, ?)",
            arguments: [company.id.rawValue, index, alias])
        }
      }
    case .deal, .removedDeal:
      try db.execute(
        sql: "DELETE FROM deal WHERE id = ? AND removed_by_change IS \(kind == .deal ? "" : "NOT ")NULL",
        arguments: [id])
      if let json {
        let deal = try EntityJSON.decode(Deal.self, json, kind: kind, id: id)
        var arguments: StatementArguments = [
          deal.id.rawValue, position, deal.payer.rawValue, deal.payee.rawValue, deal.kind.rawValue,
        ]
        arguments += amountArguments(deal.amount)
        arguments += [
          deal.announced?.description, deal.termYears, deal.status.rawValue,
          deal.supersededBy?.rawValue, deal.note, kind == .removedDeal ? change : nil,
        ]
        try db.execute(
          sql: """
            INSERT INTO deal (id, position, payer, payee, kind, \(amountColumnList("amount")),
              announced, term_years, status, superseded_by, note, removed_by_change)
            VALUES (?, ?, ?, ?, ?, \(placeholders(12)), ?, ?, ?, ?, ?, ?)
            """, arguments: arguments)
        try insertSources(deal.sources, table: "deal_source", owner: "deal_id", id: id, db)
        for (index, superseded) in (deal.supersedes ?? []).enumerated() {
          try db.execute(
            sql: "INSERT INTO deal_supersedes (deal_id, position, superseded) VALUES (?, ?, ?)",
            arguments: [id, index, superseded.rawValue])
        }
      }
    case .fact:
      try db.execute(sql: "DELETE FROM fact WHERE id = ?", arguments: [id])
      if let json {
        let fact = try EntityJSON.decode(Fact.self, json, kind: kind, id: id)
        var arguments: StatementArguments = [fact.id, position, fact.company?.rawValue, fact.metric.rawValue]
        arguments += amountArguments(fact.value)
        arguments += [fact.asOf?.description, fact.label, fact.note]
        try db.execute(
          sql: """
            INSERT INTO fact (id, position, company, metric, \(amountColumnList("value")), as_of, label,
              note) VALUES (?, ?, ?, ?, \(placeholders(12)), ?, ?, ?)
            """, arguments: arguments)
        try insertSources(fact.sources, table: "fact_source", owner: "fact_id", id: id, db)
      }
    case .candidate:
      try ReviewTables.write(id, position: position, json: json, db)
    }
  }

  // MARK: - Helpers

  private static func rows(_ db: Database, _ table: String, where filter: (String, String)?) throws
    -> [Row]
  {
    if let (column, value) = filter {
      return try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE \(column) = ?", arguments: [value])
    }
    return try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY position")
  }

  private static func sourceRows(_ db: Database, table: String, owner: String, id: String?) throws
    -> [String: [Source]]
  {
    let rows =
      if let id {
        try Row.fetchAll(
          db, sql: "SELECT * FROM \(table) WHERE \(owner) = ? ORDER BY position", arguments: [id])
      } else {
        try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(owner), position")
      }
    var sources: [String: [Source]] = [:]
    for row in rows {
      sources[try row.decode(forColumn: owner), default: []].append(
        Source(
          document: try row.decode(forColumn: "document"), quote: try row.decode(forColumn: "quote"),
          language: try enumeration(row, "language")))
    }
    return sources
  }

  private static func insertSources(
    _ sources: [Source], table: String, owner: String, id: String, _ db: Database
  ) throws {
    for (index, source) in sources.enumerated() {
      try db.execute(
        sql: "INSERT INTO \(table) (\(owner), position, document, quote, language) VALUES (?, ?, ?, ?, ?)",
        arguments: [id, index, source.document, source.quote, source.language?.rawValue])
    }
  }

  private static let amountFields = [
    "qualifier", "value", "low", "high", "estimate", "currency", "unit", "as_written",
    "assumed_low", "assumed_high", "assumed_estimate", "assumed_reason",
  ]

  private static func amountColumnList(_ prefix: String) -> String {
    amountFields.map { "\(prefix)_\($0)" }.joined(separator: ", ")
  }

  private static func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
  }

  private static func amountArguments(_ amount: Amount) -> StatementArguments {
    [
      amount.qualifier.rawValue, amount.value, amount.low, amount.high, amount.estimate,
      amount.currency, amount.unit, amount.asWritten, amount.assumed?.low, amount.assumed?.high,
      amount.assumed?.estimate, amount.assumed?.reason,
    ]
  }

  private static func amount(_ row: Row, _ prefix: String) throws -> Amount {
    var assumption: Assumption? = nil
    if let reason: String = try row.decode(forColumn: prefix + "_assumed_reason") {
      assumption = Assumption(
        low: try row.decode(forColumn: prefix + "_assumed_low"),
        high: try row.decode(forColumn: prefix + "_assumed_high"),
        estimate: try row.decode(forColumn: prefix + "_assumed_estimate"), reason: reason)
    }
    return Amount(
      qualifier: try required(row, prefix + "_qualifier"), value: try row.decode(forColumn: prefix + "_value"),
      low: try row.decode(forColumn: prefix + "_low"), high: try row.decode(forColumn: prefix + "_high"),
      estimate: try row.decode(forColumn: prefix + "_estimate"),
      currency: try row.decode(forColumn: prefix + "_currency"), unit: try row.decode(forColumn: prefix + "_unit"),
      asWritten: try row.decode(forColumn: prefix + "_as_written"), assumed: assumption)
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
