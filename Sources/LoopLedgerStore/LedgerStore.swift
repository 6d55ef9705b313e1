import Foundation
import GRDB
import LoopLedger

/// A ledger kept in an SQLite database for years: every deal, company, document, fact and rate
/// the ledger JSON holds, the review queue of candidates from the news, and the history of every
/// change with who made it and why.
///
/// One `LedgerStore` owns one database file, opened as a GRDB `DatabasePool` in WAL mode: readers
/// never wait for a writer, and a second writer (another process) waits up to `busyTimeout`
/// instead of failing with "database is locked". Foreign keys are on. Every change runs in one
/// transaction: all of it is written, or nothing.
///
/// Opening refuses, with an error naming the file, anything that is not a LoopLedger store: a text
/// file, random bytes, another application's SQLite database, a damaged store, or a store written
/// by a newer schema. A store of an older schema is copied to `PATH.bak-vN` and then migrated.
public final class LedgerStore: Sendable {
  /// The database file.
  public let path: String
  let pool: DatabasePool
  let clock: @Sendable () -> Date

  /// The schema version this build reads and writes.
  public static var schemaVersion: Int { Schema.currentVersion }

  /// The name recorded as the actor of a change when none is given: the operating-system user.
  public static var defaultActor: String {
    let environment = ProcessInfo.processInfo.environment
    return environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
  }

  private init(path: String, pool: DatabasePool, clock: @escaping @Sendable () -> Date) {
    self.path = path
    self.pool = pool
    self.clock = clock
  }

  /// Opens the store at `path`, creating it (and its folder) if there is no file yet.
  ///
  /// - Parameters:
  ///   - path: The database file, e.g. `~/.local/share/loopledger/ledger.sqlite`.
  ///   - busyTimeout: How long a write waits for another process's write to finish.
  ///   - clock: The time recorded in the history (tests pass a fixed clock).
  /// - Returns: The open store, migrated to ``schemaVersion``.
  /// - Throws: ``StoreError/notADatabase(path:detail:)``, ``StoreError/foreignDatabase(path:detail:)``,
  ///   ``StoreError/corrupt(path:detail:)``, ``StoreError/newerSchema(path:found:supported:)`` or
  ///   ``StoreError/cannotOpen(path:detail:)``.
  public static func open(
    path: String, busyTimeout: TimeInterval = 30,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) throws -> LedgerStore {
    try open(path: path, busyTimeout: busyTimeout, clock: clock, migrateUpTo: nil)
  }

  /// `open`, migrating only up to `migrateUpTo` (tests build old-schema fixtures with it).
  static func open(
    path: String, busyTimeout: TimeInterval, clock: @escaping @Sendable () -> Date,
    migrateUpTo target: String?
  ) throws -> LedgerStore {
    let fileManager = FileManager.default
    var isDirectory: ObjCBool = false
    let exists = fileManager.fileExists(atPath: path, isDirectory: &isDirectory)
    if exists, isDirectory.boolValue {
      throw StoreError.cannotOpen(path: path, detail: "it is a directory; give a file path")
    }
    if !exists {
      let folder = (path as NSString).deletingLastPathComponent
      if !folder.isEmpty, !fileManager.fileExists(atPath: folder) {
        do {
          try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
          throw StoreError.cannotOpen(
            path: path, detail: "cannot create the folder \(folder): \(error.localizedDescription)")
        }
      }
    }
    if exists, let size = try? fileManager.attributesOfItem(atPath: path)[.size] as? Int, size > 0 {
      try checkHeader(path)
      let state = try probe(path, busyTimeout: busyTimeout)
      if let newest = state.versions.max(), newest > Schema.currentVersion || state.unknown {
        throw StoreError.newerSchema(
          path: path, found: max(newest, state.userVersion), supported: Schema.currentVersion)
      }
      if state.userVersion > Schema.currentVersion {
        throw StoreError.newerSchema(path: path, found: state.userVersion, supported: Schema.currentVersion)
      }
      let current = state.versions.max() ?? 0
      let goal = target.flatMap(Schema.version(of:)) ?? Schema.currentVersion
      if current > 0, current < goal {
        try keepCopy(of: path, version: current)
      }
    }
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(busyTimeout)
    configuration.label = "LoopLedgerStore"
    configuration.prepareDatabase { db in
      // In WAL mode NORMAL is safe (a crash or kill never damages the file or a committed change;
      // only a power cut may lose the last commits) and spares an fsync per commit.
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
    }
    let pool: DatabasePool
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      if let target {
        try Schema.migrator.migrate(pool, upTo: target)
      } else if try !pool.writeWithoutTransaction({ try Schema.migrator.hasCompletedMigrations($0) }) {
        // Only a store that needs a migration takes the write lock on opening.
        try Schema.migrator.migrate(pool)
      }
    } catch {
      throw StoreError.mapped(error, path: path)
    }
    return LedgerStore(path: path, pool: pool, clock: clock)
  }

  /// The first 16 bytes of every SQLite 3 database.
  private static let sqliteHeader = Array("SQLite format 3\0".utf8)

  private static func checkHeader(_ path: String) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw StoreError.cannotOpen(path: path, detail: "permission denied or unreadable")
    }
    defer { try? handle.close() }
    let bytes = (try? handle.read(upToCount: 100)) ?? Data()
    guard bytes.count >= 16, Array(bytes.prefix(16)) == sqliteHeader else {
      let printable = bytes.prefix(16).allSatisfy { $0 == 9 || $0 == 10 || $0 == 13 || (32..<127).contains($0) }
      throw StoreError.notADatabase(
        path: path,
        detail: printable ? "it starts with text" : "its first bytes are not the SQLite header")
    }
    guard bytes.count == 100 else {
      throw StoreError.corrupt(path: path, detail: "the file ends inside the SQLite header")
    }
  }

  private struct ProbeResult {
    var versions: [Int]
    var unknown: Bool
    var userVersion: Int
  }

  /// Reads, without writing anything, whether the file is a LoopLedger store and of which version.
  private static func probe(_ path: String, busyTimeout: TimeInterval) throws -> ProbeResult {
    var configuration = Configuration()
    configuration.readonly = true
    configuration.label = "LoopLedgerStore.probe"
    // Another process may be writing or checkpointing: wait as a writer would.
    configuration.busyMode = .timeout(busyTimeout)
    do {
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      defer { try? queue.close() }
      return try queue.read { db in
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = try String.fetchAll(
          db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if applicationID != Schema.applicationID {
          if tables.isEmpty { return ProbeResult(versions: [], unknown: false, userVersion: 0) }
          let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
          throw StoreError.foreignDatabase(
            path: path,
            detail: String(format: "application id 0x%08X, tables %@", applicationID, shown))
        }
        var identifiers: [String] = []
        if tables.contains("grdb_migrations") {
          identifiers = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        let versions = identifiers.compactMap(Schema.version(of:))
        let unknown = identifiers.contains { !Schema.identifiers.contains($0) }
        return ProbeResult(versions: versions, unknown: unknown, userVersion: userVersion)
      }
    } catch {
      throw StoreError.mapped(error, path: path)
    }
  }

  /// Copies the database to `PATH.bak-vN` (or `PATH.bak-vN.2`, … if that exists) before a migration.
  private static func keepCopy(of path: String, version: Int) throws {
    var copy = "\(path).bak-v\(version)"
    var counter = 2
    while FileManager.default.fileExists(atPath: copy) {
      copy = "\(path).bak-v\(version).\(counter)"
      counter += 1
    }
    do {
      var configuration = Configuration()
      configuration.readonly = true
      let source = try DatabaseQueue(path: path, configuration: configuration)
      defer { try? source.close() }
      let destination = try DatabaseQueue(path: copy)
      defer { try? destination.close() }
      try source.backup(to: destination)
    } catch {
      throw StoreError.cannotOpen(
        path: path,
        detail: "cannot keep a copy at \(copy) before upgrading the schema: \(StoreError.mapped(error, path: copy))")
    }
  }

  /// The schema version of the open database.
  public func schemaVersionOnDisk() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
  }

  /// Closes the database; the store cannot be used afterwards.
  public func close() throws {
    do { try pool.close() } catch { throw StoreError.mapped(error, path: path) }
  }

  // MARK: - Access with errors in words

  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.read(body)
    } catch {
      throw StoreError.mapped(error, path: path)
    }
  }

  /// A write in one `BEGIN IMMEDIATE` transaction: the write lock is taken at the start, so a
  /// second process's writer waits for it (the busy timeout applies) instead of failing when a
  /// deferred transaction that has read tries to write (SQLite cannot wait there).
  func write<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(db)
          return .commit
        }
        guard let result else { throw StoreError.conflict("\(path): the write produced no result.") }
        return result
      }
    } catch {
      throw StoreError.mapped(error, path: path)
    }
  }
}

extension StoreError {
  /// The error in words: SQLite's codes become the cases that name the file.
  static func mapped(_ error: any Error, path: String) -> any Error {
    switch error {
    case let error as StoreError: return error
    case let error as LedgerError: return StoreError.invalid(error)
    case let error as DatabaseError:
      let detail = error.message ?? "\(error.resultCode)"
      switch error.resultCode.primaryResultCode {
      case .SQLITE_NOTADB: return StoreError.notADatabase(path: path, detail: detail)
      case .SQLITE_CORRUPT: return StoreError.corrupt(path: path, detail: detail)
      case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy(path: path)
      case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
        return StoreError.cannotOpen(path: path, detail: detail)
      case .SQLITE_IOERR:
        // A short read of a truncated file is reported as an I/O error by some SQLite versions.
        return StoreError.corrupt(path: path, detail: detail)
      default: return StoreError.database(path: path, detail: detail)
      }
    default:
      return StoreError.database(path: path, detail: "\(error)")
    }
  }
}
