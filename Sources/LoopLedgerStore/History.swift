import Foundation
import GRDB
import LoopLedger

/// One entity's state before and after a change, as JSON (the model's `Codable` form, keys
/// sorted); `nil` means the entity did not exist (before) or no longer exists (after).
public struct ChangeItem: Sendable, Equatable, Codable {
  public var kind: EntityKind
  public var entityID: String
  /// The entity's place in its list (the order the ledger file lists it in).
  public var position: Int
  public var before: String?
  public var after: String?

  public init(kind: EntityKind, entityID: String, position: Int, before: String?, after: String?) {
    self.kind = kind
    self.entityID = entityID
    self.position = position
    self.before = before
    self.after = after
  }
}

/// A change without its items' JSON: what lists of changes show.
public struct ChangeSummary: Sendable, Equatable, Identifiable, Codable {
  public var id: Int64
  public var time: String
  public var actor: String
  public var command: String
  public var reason: String?
  public var undoes: Int64?
  /// How many entities it touched.
  public var itemCount: Int
  /// The first of them, as "deal ID", "company ID", ….
  public var firstEntities: [String]
}

/// One recorded change.
///
/// It holds who made it, when, with which command and why, and every entity it touched. Changes
/// are appended and never rewritten; an undo is a new change.
public struct Change: Sendable, Equatable, Identifiable, Codable {
  /// 1, 2, 3, … in the order the changes were made.
  public var id: Int64
  /// UTC time, ISO 8601 with milliseconds, such as `2025-12-17T09:30:00.000Z`.
  public var time: String
  public var actor: String
  /// The command that made it: `db init`, `deal add`, `company merge`, `undo`, and so on.
  public var command: String
  public var reason: String?
  /// The change this one undoes, for an undo.
  public var undoes: Int64?
  public var items: [ChangeItem]
}

/// Builds one change inside a write transaction.
///
/// Each `set` writes the entity at once (so later sets see it) and records its before and after;
/// `finish` records the change and validates the resulting ledger. Throwing anywhere rolls the
/// whole transaction back.
struct Staging {
  let db: Database
  let path: String
  let command: String
  let actor: String
  let reason: String?
  let undoes: Int64?
  let time: String
  /// The change's prepared inserts, shared by its every write.
  let inserts: Tables.Inserts
  private(set) var changeID: Int64?
  private(set) var items: [ChangeItem] = []
  private var nextPositions: [String: Int] = [:]
  private var touchesLedger = false
  /// The preloaded kinds' entities by id: position and JSON, kept up to date by `set`.
  private var known: [EntityKind: [String: (Int, String)]] = [:]

  init(
    _ db: Database, path: String, command: String, actor: String, reason: String?,
    undoes: Int64? = nil, time: Date
  ) {
    self.db = db
    self.path = path
    self.command = command
    self.actor = actor
    self.reason = reason
    self.undoes = undoes
    self.time = Staging.format(time)
    self.inserts = Tables.Inserts(db)
  }

  static func format(_ date: Date) -> String {
    date.formatted(
      Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC") ?? .gmt))
  }

  /// Loads the current state of every entity of `kinds` once.
  ///
  /// Then `set` and `current` look them up in memory instead of querying the tables per entity
  /// (bulk imports). Only for a staging through which every write of those kinds goes until
  /// `finish`.
  mutating func preload(_ kinds: [EntityKind]) throws {
    for kind in kinds { known[kind] = try Tables.all(kind, db) }
  }

  /// The current position and JSON of an entity, or nil if it does not exist.
  func current(_ kind: EntityKind, _ id: String) throws -> (Int, String)? {
    if let table = known[kind] { return table[id] }
    return try Tables.current(kind, id, db)
  }

  /// Sets an entity to `json` (nil removes it).
  ///
  /// Returns whether anything changed. `value`, when given, is the value `json` encodes (saves
  /// decoding it again to write the columns).
  @discardableResult
  mutating func set(
    _ kind: EntityKind, _ id: String, json: String?, position: Int? = nil, value: Any? = nil
  ) throws -> Bool {
    let current = try current(kind, id)
    if current?.1 == json { return false }
    let position = try position ?? current?.0 ?? nextPosition(kind)
    let change = try ensureChange()
    try Tables.write(
      kind, id, position: position, json: json, value: value, replacing: current != nil, change: change,
      inserts: inserts, db)
    if known[kind] != nil { known[kind]?[id] = json.map { (position, $0) } }
    items.append(ChangeItem(kind: kind, entityID: id, position: position, before: current?.1, after: json))
    if kind.isLedgerContent { touchesLedger = true }
    return true
  }

  @discardableResult
  mutating func set<T: Encodable>(_ kind: EntityKind, _ id: String, to value: T?, position: Int? = nil)
    throws -> Bool
  {
    let json: String? = if let value { try EntityJSON.encode(value) } else { nil }
    return try set(kind, id, json: json, position: position, value: value)
  }

  private mutating func nextPosition(_ kind: EntityKind) throws -> Int {
    if kind == .ledger { return 0 }
    let table = kind.table
    let next =
      try nextPositions[table]
      ?? (Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), -1) + 1 FROM \(table)") ?? 0)
    nextPositions[table] = next + 1
    return next
  }

  private mutating func ensureChange() throws -> Int64 {
    if let changeID { return changeID }
    try db.execute(
      sql: "INSERT INTO change (time, actor, command, reason, undoes) VALUES (?, ?, ?, ?, ?)",
      arguments: [time, actor, command, reason, undoes])
    changeID = db.lastInsertedRowID
    return db.lastInsertedRowID
  }

  /// Whether every kind was preloaded and the store held none of them: the change starts from
  /// an empty store.
  var preloadedEmpty: Bool { !known.isEmpty && known.values.allSatisfy(\.isEmpty) }

  /// Records the items, validates the ledger if the change touched it, and returns the change.
  ///
  /// The change is nil if nothing changed. `alreadyValidated`: the ledger the change leaves is
  /// exactly one `LedgerFile.decode` just validated (a decoded ledger imported into an empty
  /// store), so the check is not run a second time.
  func finish(alreadyValidated: Bool = false) throws -> Change? {
    guard let changeID else { return nil }
    let insert = try inserts(.changeItem)
    for (seq, item) in items.enumerated() {
      try insert.run { row in
        row.bind(changeID)
        row.bind(seq)
        row.bind(item.kind.rawValue)
        row.bind(item.entityID)
        row.bind(item.position)
        row.bind(item.before)
        row.bind(item.after)
      }
    }
    if touchesLedger, !alreadyValidated {
      if let staged = stagedLedgerJSON() {
        try Staging.validate(json: staged, file: path)
      } else {
        try Staging.validate(db, path: path)
      }
    }
    return Change(
      id: changeID, time: time, actor: actor, command: command, reason: reason, undoes: undoes,
      items: items)
  }

  /// The whole ledger as a ledger file, put together from the JSON of every entity.
  ///
  /// Only when all of the ledger's kinds were preloaded (a bulk import); nil otherwise. Every
  /// entity's JSON is its `Codable` form, the same `LedgerFile.encode` writes, so this is that file
  /// without its indentation — and no entity is encoded a second time to check it.
  private func stagedLedgerJSON() -> Data? {
    let lists: [(key: String, kind: EntityKind)] = [
      ("documents", .document), ("fxRates", .fxRate), ("companies", .company), ("deals", .deal), ("facts", .fact),
    ]
    guard let header = known[.ledger]?["ledger"]?.1, header.hasPrefix("{"), header.hasSuffix("}"),
      lists.allSatisfy({ known[$0.kind] != nil })
    else { return nil }
    var json = Data(#"{"format":"\#(LedgerFile.formatName)","version":\#(LedgerFile.currentVersion),"#.utf8)
    json.append(contentsOf: header.utf8.dropFirst().dropLast())
    for (key, kind) in lists {
      json.append(contentsOf: #","\#(key)":["#.utf8)
      for (index, entry) in (known[kind] ?? [:]).values.sorted(by: { $0.0 < $1.0 }).enumerated() {
        if index > 0 { json.append(UInt8(ascii: ",")) }
        json.append(contentsOf: entry.1.utf8)
      }
      json.append(UInt8(ascii: "]"))
    }
    json.append(UInt8(ascii: "}"))
    return json
  }

  /// Checks the ledger the tables now hold exactly as `LedgerFile` checks a file, reporting
  /// every problem at once.
  static func validate(_ db: Database, path: String) throws {
    guard let ledger = try Tables.ledger(db) else {
      // No header: fine only if nothing else is left either (`db init` undone).
      for table in ["document", "fx_rate", "company", "fact"] {
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") != 0 {
          throw StoreError.notInitialized(path: path)
        }
      }
      if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal WHERE removed_by_change IS NULL") != 0 {
        throw StoreError.notInitialized(path: path)
      }
      return
    }
    try validate(ledger, file: path)
  }

  static func validate(_ ledger: Ledger, file: String) throws {
    try validate(json: try LedgerFile.encode(ledger), file: file)
  }

  /// Checks a ledger file's bytes with `LedgerFile.decode`, the one check of a ledger there is.
  static func validate(json data: Data, file: String) throws {
    do {
      _ = try LedgerFile.decode(data, file: file) { name in
        throw LedgerError.unreadable(file: name, reason: "a store does not extend another ledger")
      }
    } catch LedgerError.invalid(let file, let issues) {
      // The positions are in the ledger JSON the check wrote, which the user never sees: the
      // entry and key path name the place.
      let placeless = issues.map {
        LedgerIssue(file: $0.file, entry: $0.entry, field: $0.field, problem: $0.problem)
      }
      throw StoreError.invalid(LedgerError.invalid(file: file, issues: placeless))
    } catch let error as LedgerError {
      throw StoreError.invalid(error)
    }
  }
}

extension LedgerStore {
  /// Runs `body` as one change in one write transaction.
  func change(
    _ command: String, actor: String, reason: String?, undoes: Int64? = nil,
    _ body: (inout Staging) throws -> Void
  ) throws -> Change? {
    let time = clock()
    return try write { db in
      var staging = Staging(
        db, path: path, command: command, actor: actor, reason: reason, undoes: undoes, time: time)
      try body(&staging)
      return try staging.finish()
    }
  }

  // MARK: - History

  /// The recorded changes, oldest first.
  ///
  /// - Parameters:
  ///   - kind: With `id`, only changes that touched that entity (for a deal, its tombstone too).
  ///   - id: The entity's id.
  ///   - since: Only changes made on or after the first day of this date (UTC).
  /// - Returns: The matching changes, oldest first.
  /// - Throws: ``StoreError`` when the store cannot be read (busy, corrupt, cannot open).
  public func history(kind: EntityKind? = nil, id: String? = nil, since: PartialDate? = nil) throws -> [Change] {
    try read { db in try Self.changes(db, kind: kind, id: id, since: since) }
  }

  /// The changes that touched deal `deal` (added, edited, removed, restored), oldest first.
  public func history(deal: DealID, since: PartialDate? = nil) throws -> [Change] {
    try history(kind: .deal, id: deal.rawValue, since: since)
  }

  /// One change by its number.
  public func change(_ id: Int64) throws -> Change {
    try read { db in
      guard let change = try Self.changes(db, ids: [id]).first else {
        throw StoreError.notFound(kind: "change", id: "\(id)")
      }
      return change
    }
  }

  /// The newest `limit` changes, newest first, without their before/after JSON: each with the
  /// number of entities it touched and the first `entities` of them (the dashboard's "what
  /// changed recently"; a change that imported 10⁵ deals stays cheap to list).
  public func recentChanges(limit: Int, entities: Int = 5) throws -> [ChangeSummary] {
    try read { db in
      let rows = try Row.fetchAll(
        db, sql: "SELECT id, time, actor, command, reason, undoes FROM change ORDER BY id DESC LIMIT ?",
        arguments: [max(0, limit)])
      return try rows.map { row in
        let id: Int64 = try row.decode(forColumn: "id")
        let count =
          try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change_item WHERE change_id = ?", arguments: [id]) ?? 0
        let first = try Row.fetchAll(
          db, sql: "SELECT entity_kind, entity_id FROM change_item WHERE change_id = ? ORDER BY seq LIMIT ?",
          arguments: [id, max(0, entities)]
        ).map { item -> String in
          let kind: String = try item.decode(forColumn: "entity_kind")
          let entity: String = try item.decode(forColumn: "entity_id")
          return kind.replacingOccurrences(of: "_", with: " ") + " " + entity
        }
        return ChangeSummary(
          id: id, time: try row.decode(forColumn: "time"), actor: try row.decode(forColumn: "actor"),
          command: try row.decode(forColumn: "command"), reason: try row.decode(forColumn: "reason"),
          undoes: try row.decode(forColumn: "undoes"), itemCount: count, firstEntities: first)
      }
    }
  }

  /// The number of the newest change, or 0 when none was made.
  public func latestChangeID() throws -> Int64 {
    try read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM change") ?? 0 }
  }

  static func changes(_ db: Database, kind: EntityKind?, id: String?, since: PartialDate?) throws -> [Change] {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if let kind, let id {
      let kinds = kind == .deal || kind == .removedDeal ? ["deal", "removed_deal"] : [kind.rawValue]
      conditions.append(
        "id IN (SELECT change_id FROM change_item WHERE entity_id = ? AND entity_kind IN (\(kinds.map { "'\($0)'" }.joined(separator: ", "))))"
      )
      arguments += [id]
    } else if let kind {
      conditions.append("id IN (SELECT change_id FROM change_item WHERE entity_kind = ?)")
      arguments += [kind.rawValue]
    }
    if let since {
      let (year, month, day) = since.earliest
      conditions.append("time >= ?")
      arguments += [String(format: "%04d-%02d-%02d", year, month, day)]
    }
    let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    let ids = try Int64.fetchAll(db, sql: "SELECT id FROM change \(filter) ORDER BY id", arguments: arguments)
    return try changes(db, ids: ids)
  }

  static func changes(_ db: Database, ids: [Int64]) throws -> [Change] {
    var result: [Change] = []
    for id in ids {
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM change WHERE id = ?", arguments: [id]) else {
        continue
      }
      let items = try Row.fetchAll(
        db, sql: "SELECT * FROM change_item WHERE change_id = ? ORDER BY seq", arguments: [id]
      ).map { row in
        let kindText: String = try row.decode(forColumn: "entity_kind")
        guard let kind = EntityKind(rawValue: kindText) else {
          throw StoreError.conflict("Change \(id) records an unknown entity kind '\(kindText)'.")
        }
        return ChangeItem(
          kind: kind, entityID: try row.decode(forColumn: "entity_id"),
          position: try row.decode(forColumn: "position"), before: try row.decode(forColumn: "before"),
          after: try row.decode(forColumn: "after"))
      }
      result.append(
        Change(
          id: id, time: try row.decode(forColumn: "time"), actor: try row.decode(forColumn: "actor"),
          command: try row.decode(forColumn: "command"), reason: try row.decode(forColumn: "reason"),
          undoes: try row.decode(forColumn: "undoes"), items: items))
    }
    return result
  }

  // MARK: - Undo

  /// Undoes the newest `count` changes that are not undos and not undone yet, newest first.
  ///
  /// Each is undone by appending a change that restores every entity it touched. All of them or
  /// none.
  ///
  /// - Throws: ``StoreError/conflict(_:)`` when an entity was changed again since (undo that later
  ///   change first), or when there is nothing left to undo; ``StoreError/invalid(_:)`` when the
  ///   restored ledger would not validate (a company still referenced by a later deal, say).
  @discardableResult
  public func undo(
    _ count: Int = 1, actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> [Change] {
    guard count >= 1 else {
      throw StoreError.conflict("The number of changes to undo must be at least 1; found \(count).")
    }
    let time = clock()
    return try write { db in
      let rows = try Row.fetchAll(db, sql: "SELECT id, undoes FROM change ORDER BY id DESC")
      var undone = Set<Int64>()
      var candidates: [Int64] = []
      for row in rows {
        if let target: Int64 = try row.decode(forColumn: "undoes") { undone.insert(target) }
      }
      for row in rows {
        let id: Int64 = try row.decode(forColumn: "id")
        let isUndo = (try row.decode(Int64?.self, forColumn: "undoes")) != nil
        if !isUndo, !undone.contains(id) { candidates.append(id) }
      }
      guard candidates.count >= count else {
        throw StoreError.conflict(
          candidates.isEmpty
            ? "\(path): there is no change left to undo."
            : "\(path): only \(candidates.count) change(s) can be undone; asked for \(count).")
      }
      var made: [Change] = []
      for target in try Self.changes(db, ids: Array(candidates.prefix(count))) {
        var staging = Staging(
          db, path: path, command: "undo", actor: actor,
          reason: reason ?? "undo change \(target.id) (\(target.command))", undoes: target.id, time: time)
        for item in target.items.reversed() {
          let current = try Tables.current(item.kind, item.entityID, db)?.1
          guard current == item.after else {
            let later = try Int64.fetchOne(
              db,
              sql: """
                SELECT MAX(change_id) FROM change_item WHERE entity_kind = ? AND entity_id = ?
                """, arguments: [item.kind.rawValue, item.entityID])
            throw StoreError.conflict(
              "\(path): cannot undo change \(target.id) (\(target.command)): \(item.kind.rawValue) '\(item.entityID)' "
                + "was changed again by change \(later.map(String.init) ?? "?"); undo that change first.")
          }
          try staging.set(item.kind, item.entityID, json: item.before, position: item.position)
        }
        if let change = try staging.finish() {
          made.append(change)
        } else {
          // A change with no effect still needs recording so the target counts as undone.
          throw StoreError.conflict("\(path): change \(target.id) changed nothing that can be undone.")
        }
      }
      return made
    }
  }

  // MARK: - As of a change

  /// The ledger as it stood right after change `changeID`, rebuilt from the history alone.
  ///
  /// - Throws: ``StoreError/notFound(kind:id:)`` for a change that was never made;
  ///   ``StoreError/notInitialized(path:)`` when the store held no ledger yet at that change.
  public func loadLedger(asOfChange changeID: Int64) throws -> Ledger {
    try read { db in
      guard
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM change WHERE id = ?)", arguments: [changeID]) == true
      else { throw StoreError.notFound(kind: "change", id: "\(changeID)") }
      var state: [EntityKind: [String: (Int, String)]] = [:]
      try Tables.each(
        db,
        """
        SELECT entity_kind, entity_id, position, after FROM change_item
        WHERE change_id <= ? ORDER BY change_id, seq
        """, [changeID]
      ) { row in
        guard let kind = EntityKind(rawValue: try row.decode(forColumn: "entity_kind")) else { return }
        let id: String = try row.decode(forColumn: "entity_id")
        if let after: String = try row.decode(forColumn: "after") {
          state[kind, default: [:]][id] = (try row.decode(forColumn: "position"), after)
        } else {
          state[kind, default: [:]][id] = nil
        }
      }
      func values<T: Decodable>(_ kind: EntityKind, _ type: T.Type) throws -> [T] {
        try (state[kind] ?? [:]).sorted { $0.value.0 < $1.value.0 }.map {
          try EntityJSON.decode(type, $0.value.1, kind: kind, id: $0.key)
        }
      }
      guard let header = try values(.ledger, LedgerHeader.self).first else {
        throw StoreError.notInitialized(path: "\(path) as of change \(changeID)")
      }
      return Ledger(
        id: header.id, title: header.title, asOf: header.asOf, documents: try values(.document, Document.self),
        fxRates: try values(.fxRate, FXRate.self), companies: try values(.company, Company.self),
        deals: try values(.deal, Deal.self), facts: try values(.fact, Fact.self))
    }
  }
}
