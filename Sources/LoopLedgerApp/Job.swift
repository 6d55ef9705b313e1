import Foundation
import LoopLedger
import LoopLedgerIO
import LoopLedgerRender
import LoopLedgerStore

/// What one subcommand does, front door to back: load its inputs, run the analysis, render the
/// result.
///
/// The CLI parses arguments into a job and calls ``run()``; a server builds the same job from a
/// request and takes its ``outputs(progress:)``.
public protocol Job {
  /// The rendered results and where each goes.
  func outputs(progress: ProgressLine) throws -> [Output]
  /// The files the job reads; no output may overwrite one of them.
  var inputs: [String] { get }
}

extension Job {
  /// Runs the job and writes its outputs (progress on a terminal's standard error).
  public func run() throws {
    try OutputWriter.write(try outputs(progress: .onTerminal()), inputs: inputs)
  }
}

/// The ledger a command reads and the slice of it that becomes the graph: `--ledger`, `--db`,
/// `--as-of-change`, `--level`, `--status`, `--kind`, `--from`, `--to`, `--assume`.
///
/// Without `--ledger`, the ledger store is read when there is one (``StoreLocation``: `--db`,
/// `LOOPLEDGER_DB`, or the default path), else the bundled `seed`; `--ledger db` always means the
/// store. A command that reads the store says so on standard error, in one line.
public struct LedgerSelection: Sendable, Equatable {
  /// A bundled name, a ledger JSON file, a CSV edge list, or `db`; nil to let the store decide.
  public var source: String?
  /// `--db PATH`.
  public var database: String?
  /// `--as-of-change N`: the store's ledger as it stood after change N.
  public var asOfChange: Int64?
  public var level: GraphLevel
  /// Statuses to include; empty for the default (all but cancelled and superseded).
  public var statuses: [DealStatus]
  /// Kinds to include; empty for all.
  public var kinds: [DealKind]
  public var from: PartialDate?
  public var to: PartialDate?
  /// `DEAL=AMOUNT` or `DEAL=LOW..HIGH`.
  public var assumptions: [String]
  /// `--per-year`: dollars per year (``AnnualRule``) instead of deal totals.
  public var perYear = false
  /// `--as-of DATE`: the ledger as it stood on that date (``Ledger/asOf(_:)``).
  public var asOfDate: PartialDate? = nil
  /// The environment the store's default path is read from (tests pass their own).
  public var environment: [String: String]
  /// Whether reading the store is announced on standard error (the CLI does; a server does not).
  public var announcesStore: Bool

  public init(
    source: String? = nil, database: String? = nil, asOfChange: Int64? = nil, level: GraphLevel = .group,
    statuses: [DealStatus] = [], kinds: [DealKind] = [], from: PartialDate? = nil, to: PartialDate? = nil,
    assumptions: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment,
    announcesStore: Bool = true
  ) {
    self.source = source
    self.database = database
    self.asOfChange = asOfChange
    self.level = level
    self.statuses = statuses
    self.kinds = kinds
    self.from = from
    self.to = to
    self.assumptions = assumptions
    self.environment = environment
    self.announcesStore = announcesStore
  }

  public var filter: GraphFilter {
    GraphFilter(
      level: level, statuses: statuses.isEmpty ? DealStatus.defaultIncluded : Set(statuses),
      kinds: kinds.isEmpty ? nil : Set(kinds), from: from, to: to, perYear: perYear)
  }

  /// The store's place.
  public var storeLocation: StoreLocation { StoreLocation.resolve(flag: database, environment: environment) }

  /// The store to read, or nil for a bundled ledger or a file: `--ledger db`; or no `--ledger`
  /// with `--db` or `LOOPLEDGER_DB` given, or a store at the default place.
  public var readsStore: StoreLocation? {
    if let source { return source == "db" ? storeLocation : nil }
    let location = storeLocation
    if location.origin == "--db" || location.origin == "LOOPLEDGER_DB" || location.exists { return location }
    return nil
  }

  /// Checks the values that can be checked without the ledger.
  ///
  /// - Throws: ``ArgumentValueError``.
  public func validate() throws {
    if let from, let to, to < from {
      throw ArgumentValueError("'--from \(from)' is after '--to \(to)'.")
    }
    if let asOfChange, asOfChange < 1 {
      throw ArgumentValueError("'--as-of-change' must be a change number (1, 2, …); found \(asOfChange).")
    }
    if asOfChange != nil, readsStore == nil {
      throw ArgumentValueError(
        "'--as-of-change' needs the ledger store ('--ledger db', '--db PATH' or LOOPLEDGER_DB); '\(source ?? BundledLedger.defaultName)' has no history."
      )
    }
    _ = try Assumption.parse(commandLine: assumptions)
  }

  /// Loads the ledger and applies the assumptions.
  ///
  /// - Returns: The ledger, from the store, a bundled name or a file.
  /// - Throws: The loader's or the store's errors, every problem at once where it can.
  public func load() throws -> Ledger {
    var ledger: Ledger
    if let location = readsStore {
      let store = try location.openExisting()
      ledger = try asOfChange.map { try store.loadLedger(asOfChange: $0) } ?? store.loadLedger()
      if announcesStore {
        let at = asOfChange.map { " as of change \($0)" } ?? ""
        let note = "loopledger: reading the ledger store \(location.path) (\(location.origin))\(at)"
        FileHandle.standardError.write(Data((VisibleText.escape(note) + "\n").utf8))
      }
    } else {
      ledger = try LedgerLoader.load(source ?? BundledLedger.defaultName)
    }
    let parsed = try Assumption.parse(commandLine: assumptions)
    if !parsed.isEmpty { ledger = try ledger.assuming(parsed) }
    if let asOfDate { ledger = ledger.asOf(asOfDate) }
    return ledger
  }

  /// The file it reads, if any.
  public var inputs: [String] {
    if let location = readsStore { return [location.path] }
    return LedgerSource(source ?? BundledLedger.defaultName).path.map { [$0] } ?? []
  }
}

/// Where and how a command writes its main result: `--format`, `--lang`, `-o`.
public struct OutputSelection: Sendable, Equatable {
  public var format: OutputFormat
  public var language: Language
  /// A file, or nil for standard output.
  public var path: String?

  public init(format: OutputFormat = .text, language: Language = .english, path: String? = nil) {
    self.format = format
    self.language = language
    self.path = path
  }

  public var target: OutputTarget { OutputTarget(path) }
}
