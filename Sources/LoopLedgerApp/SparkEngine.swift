import LoopLedger
import LoopLedgerIO
import LoopLedgerRender

/// Where a bulk analysis runs: in this process, or on Apache Spark through `spark-submit`.
public enum Engine: String, CaseIterable, Sendable {
  case local, spark
}

/// The Spark engine of `analyze`, `clear` and `debtrank`: the job shipped inside the tool
/// (`Spark/loopledger_spark.py`) run by `spark-submit` with the subcommand's own options, its
/// output passed through unchanged (the same text or JSON as the local engine, plus a `spark`
/// key; docs/spark.md).
public struct SparkEngine: Sendable {
  /// `--master URL`; nil for the job's default (`local[*]`, or spark-defaults.conf).
  public var master: String?
  /// `--conf k=v` settings.
  public var conf: [String]

  public init(master: String? = nil, conf: [String] = []) {
    self.master = master
    self.conf = conf
  }

  func run(_ arguments: [String], format: OutputFormat, file: String) throws -> [Output] {
    if BulkEdgeList.kind(of: file) == .graphFile {
      throw LedgerError.unreadable(
        file: file,
        reason:
          "it is a LoopLedger graph file, which the Spark engine does not read; give Spark the CSV it was converted from"
      )
    }
    let text = try SparkSubmit.run(job: Self.jobSource, arguments: arguments, master: master, conf: conf)
    return [Output(text, to: .standardOutput)]
  }
}

extension AnalyzeJob {
  /// The Spark job's arguments for this analysis: the same options as the local engine.
  public var sparkArguments: [String] {
    var arguments = ["analyze", file, "--format", format.rawValue, "--max-length", maxLength, "--limit", "\(limit)"]
    if !only.isEmpty { arguments += ["--only"] + only.map(\.rawValue) }
    if countOnly { arguments.append("--count-only") }
    if let maxCycles { arguments += ["--max-cycles", "\(maxCycles)"] }
    if weighted { arguments.append("--weighted") }
    arguments += ["--tolerance", "\(tolerance)", "--max-iterations", "\(maxIterations)"]
    if let circulationLimit { arguments += ["--circulation-limit", "\(circulationLimit)"] }
    if let nodesPath { arguments += ["--nodes", nodesPath] }
    if skipBadRows { arguments.append("--skip-bad-rows") }
    return arguments
  }
}

extension InterbankInput {
  var sparkArguments: [String] {
    var arguments = [file]
    if let externalAssets { arguments += ["--external-assets", externalAssets] }
    if skipBadRows { arguments.append("--skip-bad-rows") }
    return arguments
  }
}

extension ClearJob {
  public var sparkArguments: [String] {
    var arguments = ["clear"] + input.sparkArguments + ["--format", format.rawValue, "--tolerance", "\(tolerance)"]
    if let defaultCosts { arguments += ["--alpha", "\(defaultCosts.alpha)", "--beta", "\(defaultCosts.beta)"] }
    return arguments
  }
}

extension DebtRankJob {
  public var sparkArguments: [String] {
    ["debtrank"] + input.sparkArguments + ["--format", format.rawValue, "--shock", "\(shock)"]
  }
}
