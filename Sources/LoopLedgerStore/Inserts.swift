import GRDB

#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// One prepared `INSERT`, run once per row with its values bound straight to SQLite.
///
/// A bulk import runs the same few inserts 10⁵ times: looking the cached statement up by its SQL
/// text and building a `StatementArguments` array per row cost about as much as SQLite's own
/// work. This binds each value with GRDB's `StatementBinding` and steps the statement with the C
/// API (GRDB's documented raw access), in the write transaction the caller is in. Every
/// parameter must be bound on each run (checked); an SQLite error is thrown as GRDB's
/// `DatabaseError`, as `Statement.execute` throws it.
final class BulkInsert {
  private let statement: Statement
  private let parameterCount: CInt

  init(_ db: Database, sql: String) throws {
    // A statement of its own (not GRDB's cache): nothing else binds or resets it.
    statement = try db.makeStatement(sql: sql)
    parameterCount = sqlite3_bind_parameter_count(statement.sqliteStatement)
  }

  /// The values of one row, bound in order to `?1`, `?2`, ….
  struct Row {
    fileprivate let statement: SQLiteStatement
    fileprivate var index: CInt = 1
    fileprivate var failure: CInt = SQLITE_OK

    /// Binds the next parameter (`nil` binds NULL).
    mutating func bind(_ value: some StatementBinding) {
      let code = value.bind(to: statement, at: index)
      if code != SQLITE_OK, failure == SQLITE_OK { failure = code }
      index += 1
    }
  }

  /// Binds one row's values with `values` and inserts it.
  func run(_ values: (inout Row) -> Void) throws {
    let handle = statement.sqliteStatement
    var row = Row(statement: handle)
    values(&row)
    if row.failure != SQLITE_OK { try fail(row.failure) }
    guard row.index - 1 == parameterCount else {
      sqlite3_clear_bindings(handle)
      throw DatabaseError(
        resultCode: .SQLITE_MISUSE,
        message: "wrong number of statement arguments: \(row.index - 1) for \(parameterCount)",
        sql: statement.sql)
    }
    let code = sqlite3_step(handle)
    if code != SQLITE_DONE { try fail(code) }
    sqlite3_reset(handle)
  }

  /// Throws SQLite's error (its message read before the statement is reset).
  private func fail(_ code: CInt) throws -> Never {
    let handle = statement.sqliteStatement
    let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
  }
}
