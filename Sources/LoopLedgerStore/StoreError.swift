import LoopLedger

/// Everything that can go wrong with a ledger store, each case naming the file, the entity or field,
/// and the problem, in words a user can act on.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file exists but is not an SQLite database at all (a text file, random bytes).
  case notADatabase(path: String, detail: String)
  /// The file is an SQLite database of another application.
  case foreignDatabase(path: String, detail: String)
  /// The file is a LoopLedger database that SQLite reports as damaged (truncated, overwritten).
  case corrupt(path: String, detail: String)
  /// The database was written by a newer LoopLedger whose schema this build does not know.
  case newerSchema(path: String, found: Int, supported: Int)
  /// The file cannot be opened, read or written (permissions, a directory, a missing folder).
  case cannotOpen(path: String, detail: String)
  /// Another process held the database for longer than the busy timeout.
  case busy(path: String)
  /// The ledger the change would produce fails validation; every problem is listed, as by
  /// `LedgerFile`.
  case invalid(LedgerError)
  /// The store holds no ledger yet (`initialize(from:)` or `importLedger` first).
  case notInitialized(path: String)
  /// `initialize(from:)` on a store that already holds a ledger.
  case alreadyInitialized(path: String)
  /// No entity of that kind has that id.
  case notFound(kind: String, id: String)
  /// An entity with that id exists already.
  case alreadyExists(kind: String, id: String, detail: String)
  /// A field assignment such as `amount.value=abc` cannot be applied.
  case badAssignment(String, problem: String)
  /// A change that cannot be made as asked (undo over a later edit, deciding a decided candidate).
  case conflict(String)
  /// An input file (extractor JSON, FtM JSON lines) cannot be read; every problem is listed.
  case badInput(file: String, problems: [String])
  /// Any other database failure, with SQLite's words.
  case database(path: String, detail: String)

  public var description: String {
    switch self {
    case .notADatabase(let path, let detail):
      return "\(path): is not a LoopLedger database (not an SQLite file: \(detail))."
    case .foreignDatabase(let path, let detail):
      return "\(path): is an SQLite database of another application, not a LoopLedger store (\(detail)); "
        + "choose another path with --db."
    case .corrupt(let path, let detail):
      return "\(path): the LoopLedger database is damaged (\(detail)); restore it from a backup "
        + "(a copy ending in .bak-v… is kept before each upgrade)."
    case .newerSchema(let path, let found, let supported):
      return "\(path): was written by a newer LoopLedger (schema version \(found)); this build reads "
        + "schema versions up to \(supported). Update LoopLedger to open it."
    case .cannotOpen(let path, let detail):
      return "\(path): cannot be opened: \(detail)."
    case .busy(let path):
      return "\(path): another process kept the database busy for longer than the wait allowed; try again."
    case .invalid(let error):
      return error.description
    case .notInitialized(let path):
      return "\(path): the store holds no ledger yet; run `loopledger db init` first."
    case .alreadyInitialized(let path):
      return "\(path): the store already holds a ledger; use `loopledger db import` to add to it."
    case .notFound(let kind, let id):
      return "No \(kind) has the id '\(id)' in the store."
    case .alreadyExists(let kind, let id, let detail):
      return "A \(kind) with the id '\(id)' already exists\(detail.isEmpty ? "" : ": \(detail)")."
    case .badAssignment(let assignment, let problem):
      return "'\(assignment)': \(problem)."
    case .conflict(let message):
      return message
    case .badInput(let file, let problems):
      let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
      return "\(file): \(count):\n" + problems.map { "  " + $0 }.joined(separator: "\n")
    case .database(let path, let detail):
      return "\(path): database error: \(detail)."
    }
  }
}
