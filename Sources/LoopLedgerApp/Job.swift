import LoopLedger
import LoopLedgerIO
import LoopLedgerRender

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

/// The ledger a command reads and the slice of it that becomes the graph: `--ledger`, `--level`,
/// `--status`, `--kind`, `--from`, `--to`, `--assume`.
public struct LedgerSelection: Sendable, Equatable {
  public var source: String
  public var level: GraphLevel
  /// Statuses to include; empty for the default (all but cancelled and superseded).
  public var statuses: [DealStatus]
  /// Kinds to include; empty for all.
  public var kinds: [DealKind]
  public var from: PartialDate?
  public var to: PartialDate?
  /// `DEAL=AMOUNT` or `DEAL=LOW..HIGH`.
  public var assumptions: [String]

  public init(
    source: String = BundledLedger.defaultName, level: GraphLevel = .group, statuses: [DealStatus] = [],
    kinds: [DealKind] = [], from: PartialDate? = nil, to: PartialDate? = nil, assumptions: [String] = []
  ) {
    self.source = source
    self.level = level
    self.statuses = statuses
    self.kinds = kinds
    self.from = from
    self.to = to
    self.assumptions = assumptions
  }

  public var filter: GraphFilter {
    GraphFilter(
      level: level, statuses: statuses.isEmpty ? DealStatus.defaultIncluded : Set(statuses),
      kinds: kinds.isEmpty ? nil : Set(kinds), from: from, to: to)
  }

  /// Checks the values that can be checked without the ledger.
  ///
  /// - Throws: ``ArgumentValueError``.
  public func validate() throws {
    if let from, let to, to < from {
      throw ArgumentValueError("'--from \(from)' is after '--to \(to)'.")
    }
    _ = try Assumption.parse(commandLine: assumptions)
  }

  /// Loads the ledger and applies the assumptions.
  public func load() throws -> Ledger {
    var ledger = try LedgerLoader.load(source)
    let parsed = try Assumption.parse(commandLine: assumptions)
    if !parsed.isEmpty { ledger = try ledger.assuming(parsed) }
    return ledger
  }

  /// The file it reads, if any.
  public var inputs: [String] { LedgerSource(source).path.map { [$0] } ?? [] }
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
