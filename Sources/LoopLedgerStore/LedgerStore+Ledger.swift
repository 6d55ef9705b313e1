import Foundation
import GRDB
import LoopLedger

/// What an import did: entity ids by what happened to them, the likely duplicates it brought in,
/// and the recorded change (nil when the store already held everything).
public struct ImportReport: Sendable, Equatable {
  /// `kind:id` of every entity that was not in the store.
  public var added: [String] = []
  /// `kind:id` of every entity whose stored value differed and was replaced.
  public var updated: [String] = []
  /// How many entities were already in the store, unchanged.
  public var unchanged = 0
  /// Deals whose id was a tombstone: the import brought them back.
  public var restored: [DealID] = []
  /// New deals that look like a deal already in the store under another id (see ``DuplicateRule``).
  public var likelyDuplicates: [DuplicateMatch] = []
  public var change: Change?
}

extension LedgerStore {
  /// Fills an empty store with `ledger` (`db init`): one change, one transaction.
  ///
  /// - Throws: ``StoreError/alreadyInitialized(path:)`` if the store holds a ledger;
  ///   ``StoreError/invalid(_:)`` with every problem if the ledger does not validate.
  @discardableResult
  public func initialize(
    from ledger: Ledger, actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> ImportReport {
    try importLedger(ledger, command: "db init", actor: actor, reason: reason, requireEmpty: true)
  }

  /// `initialize(from:)` for a ledger that `LedgerFile.decode` returned (a ledger file or a bundled
  /// ledger, as `LedgerLoader` loads them): the store being empty, the ledger it ends up holding is
  /// exactly the one the decode validated, so it is not validated a second time.
  @discardableResult
  package func initialize(
    decoded ledger: Ledger, actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> ImportReport {
    try importLedger(ledger, command: "db init", actor: actor, reason: reason, requireEmpty: true, decoded: true)
  }

  /// Adds a ledger to the store (`db import`) in one transaction: all of it or nothing.
  ///
  /// Entities the store lacks are added; entities with the same id and a different value are
  /// replaced (the history keeps the old value); identical ones are left alone; nothing is deleted.
  /// A deal whose id is a tombstone is restored. The store's header (id, title, as-of date) is set
  /// only when the store is empty. The result is validated as a whole, like a ledger file.
  @discardableResult
  public func importLedger(
    _ ledger: Ledger, actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> ImportReport {
    try importLedger(ledger, command: "db import", actor: actor, reason: reason, requireEmpty: false)
  }

  /// Decodes a ledger file with `LedgerFile` and imports it.
  ///
  /// A file that fails validation writes nothing and throws ``StoreError/invalid(_:)`` carrying
  /// `LedgerFile`'s report of every problem.
  ///
  /// - Parameters:
  ///   - data: The file's bytes.
  ///   - file: The name shown in messages.
  ///   - resolveBase: Loads the ledger an `extends` field names (default: bundled ledgers).
  ///   - actor: Who makes the change, as recorded in the history.
  ///   - reason: Why, as recorded in the history.
  /// - Returns: What the import did: the entities added, updated, left alone and restored, the
  ///   likely duplicates it brought in, and the change.
  /// - Throws: ``StoreError/invalid(_:)`` when the file or the resulting ledger fails validation;
  ///   other ``StoreError``s when the store cannot be written.
  @discardableResult
  public func importLedgerFile(
    _ data: Data, file: String,
    resolveBase: (String) throws -> Ledger = { try BundledLedger.load($0) },
    actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> ImportReport {
    let ledger: Ledger
    do {
      ledger = try LedgerFile.decode(data, file: file, resolveBase: resolveBase)
    } catch let error as LedgerError {
      throw StoreError.invalid(error)
    }
    return try importLedger(
      ledger, command: "db import", actor: actor, reason: reason, requireEmpty: false, decoded: true)
  }

  /// One import, one change.
  ///
  /// `decoded`: `ledger` is what `LedgerFile.decode` returned, so when the store holds nothing yet
  /// the result needs no second validation.
  private func importLedger(
    _ ledger: Ledger, command: String, actor: String, reason: String?, requireEmpty: Bool,
    decoded: Bool = false
  ) throws -> ImportReport {
    // The entities' history JSON, on every core (the one costly step SQLite is not in).
    let documentJSON = try EntityJSON.encodeAll(ledger.documents)
    let companyJSON = try EntityJSON.encodeAll(ledger.companies)
    let dealJSON = try EntityJSON.encodeAll(ledger.deals)
    let factJSON = try EntityJSON.encodeAll(ledger.facts)
    let time = clock()
    return try write { db in
      let existing = try Tables.ledger(db)
      if requireEmpty, existing != nil { throw StoreError.alreadyInitialized(path: path) }
      var report = ImportReport()
      var staging = Staging(db, path: path, command: command, actor: actor, reason: reason, time: time)
      // Every write below goes through `staging`: the current state is read once, not per entity.
      try staging.preload([.ledger, .document, .fxRate, .company, .deal, .removedDeal, .fact])
      let intoEmpty = staging.preloadedEmpty
      // A bigger page cache for the one large transaction (default: 2 MB), restored afterwards.
      let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
      try db.execute(sql: "PRAGMA cache_size = -131072")
      defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
      func put<T: Encodable>(_ kind: EntityKind, _ id: String, _ value: T, json: String? = nil) throws {
        let existed = try staging.current(kind, id) != nil
        let changed =
          if let json { try staging.set(kind, id, json: json, value: value) } else {
            try staging.set(kind, id, to: value)
          }
        if changed {
          if existed {
            report.updated.append("\(kind.rawValue):\(id)")
          } else {
            report.added.append("\(kind.rawValue):\(id)")
          }
        } else {
          report.unchanged += 1
        }
      }
      if existing == nil {
        try put(.ledger, "ledger", LedgerHeader(id: ledger.id, title: ledger.title, asOf: ledger.asOf))
      }
      for (document, json) in zip(ledger.documents, documentJSON) {
        try put(.document, document.id, document, json: json)
      }
      for rate in ledger.fxRates { try put(.fxRate, rate.currency, rate) }
      for (company, json) in zip(ledger.companies, companyJSON) {
        try put(.company, company.id.rawValue, company, json: json)
      }
      let rule = DuplicateRule()
      let candidates = existing.map { rule.index($0.deals, in: $0) }
      for (deal, json) in zip(ledger.deals, dealJSON) {
        if let tombstone = try staging.current(.removedDeal, deal.id.rawValue) {
          try staging.set(.removedDeal, deal.id.rawValue, json: nil)
          try staging.set(.deal, deal.id.rawValue, json: json, position: tombstone.0, value: deal)
          report.restored.append(deal.id)
          continue
        }
        if let existing, let candidates, existing.deal(deal.id) == nil {
          report.likelyDuplicates += rule.matches(for: deal, among: candidates, in: existing).map {
            DuplicateMatch(deal: deal.id, existing: $0)
          }
        }
        try put(.deal, deal.id.rawValue, deal, json: json)
      }
      for (fact, json) in zip(ledger.facts, factJSON) { try put(.fact, fact.id, fact, json: json) }
      report.change = try staging.finish(alreadyValidated: decoded && intoEmpty)
      return report
    }
  }

  /// The ledger the store holds now, as every analysis takes it.
  ///
  /// - Throws: ``StoreError/notInitialized(path:)`` for an empty store.
  public func loadLedger() throws -> Ledger {
    try read { db in
      guard let ledger = try Tables.ledger(db) else { throw StoreError.notInitialized(path: path) }
      return ledger
    }
  }

  /// The ledger for `db export --format ledger`: encoded with `LedgerFile.encode`, it gives the
  /// same bytes as the imported ledger encoded the same way, so every analysis is unchanged.
  public func exportLedger() throws -> Ledger { try loadLedger() }

  /// Whether the store holds a ledger.
  public func isInitialized() throws -> Bool {
    try read { db in try Tables.header(db) != nil }
  }

  /// How many rows each table holds (for `db` status lines and the safety tests).
  public func counts() throws -> [String: Int] {
    try read { db in
      var counts: [String: Int] = [:]
      for table in [
        "document", "fx_rate", "company", "company_alias", "deal", "deal_source", "fact", "candidate",
        "change", "change_item",
      ] {
        counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
      }
      return counts
    }
  }

  /// SQLite's `PRAGMA integrity_check`: `["ok"]` for a sound file.
  public func integrityCheck() throws -> [String] {
    try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
  }
}
