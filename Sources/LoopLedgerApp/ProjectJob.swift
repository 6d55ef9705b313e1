import Foundation
import LoopLedger
import LoopLedgerIO
import LoopLedgerRender

/// `loopledger project COMPANY`: the Monte Carlo funding projection.
public struct ProjectJob: Job {
  public var company: String
  public var ledger: LedgerSelection
  public var output: OutputSelection
  public var from: Int?
  public var to: Int?
  /// A scenario file changing the default assumptions.
  public var scenarioPath: String?
  /// Write the effective scenario here and stop.
  public var writeScenarioPath: String?
  public var paths = 100_000
  public var seed: UInt64 = 1
  public var threads: Int?
  public var schedule: ScheduleShape?
  /// Paths per sensitivity run; nil for the default, 20 000 or `paths` if fewer.
  public var sensitivityPaths: Int?
  public var sensitivity = true
  public var exactQuantileLimit = 100_000
  /// Also write the cash fan as chart data here.
  public var fanDataPath: String?

  public init(company: String, ledger: LedgerSelection, output: OutputSelection) {
    self.company = company
    self.ledger = ledger
    self.output = output
  }

  public func validate() throws {
    try ledger.validate()
    try FlagRule.check("paths", paths)
    try FlagRule.check("threads", threads)
    try FlagRule.check("sensitivity-paths", sensitivityPaths)
    if let sensitivityPaths, sensitivityPaths > paths {
      throw ArgumentValueError("'--sensitivity-paths' (\(sensitivityPaths)) must be at most '--paths' (\(paths)).")
    }
    try FlagRule.check("exact-quantile-limit", exactQuantileLimit)
    try FlagRule.check("from", from)
    try FlagRule.check("to", to)
    if let from, let to, to < from { throw ArgumentValueError("'--to \(to)' is before '--from \(from)'.") }
    if let from, let to, to - from + 1 > NumberRule.projectionSpan {
      throw ArgumentValueError(
        "'--from \(from) --to \(to)': a projection spans at most \(NumberRule.projectionSpan) years.")
    }
  }

  /// The reported years, checked against what can finish and fit: at most
  /// ``NumberRule/projectionSpan`` years, at most ``NumberRule/pathYears`` paths × simulated
  /// years, and exact quantiles within 1 GiB.
  ///
  /// - Throws: ``ArgumentValueError`` saying which limit and by how much.
  public func checkedWindow(for ledger: Ledger) throws -> ClosedRange<Int> {
    let start = (ledger.asOf?.year).map { $0 + 1 }
    let first = from ?? start ?? 2026
    let last = to ?? first + ProjectionOptions.defaultYears - 1
    guard last >= first else {
      throw ArgumentValueError("'--to \(last)' is before the first projected year, \(first).")
    }
    let simulated = last - min(first, start ?? first) + 1
    guard last - first + 1 <= NumberRule.projectionSpan else {
      throw ArgumentValueError(
        "a projection spans at most \(NumberRule.projectionSpan) years; \(first)–\(last) is \(last - first + 1).")
    }
    try ProjectionBudget.check(
      paths: paths, sensitivityPaths: sensitivity ? effectiveSensitivityPaths : 0, simulatedYears: simulated)
    let exactBytes = min(paths, exactQuantileLimit) * (last - first + 1) * 24
    if exactBytes > 1 << 30 {
      throw ArgumentValueError(
        "exact quantiles of \(min(paths, exactQuantileLimit)) paths over \(last - first + 1) years need \(exactBytes >> 20) MiB; the limit is 1024 MiB. Use fewer paths."
      )
    }
    return first...last
  }

  /// `--sensitivity-paths`, or its default: 20 000, or `--paths` if fewer.
  public var effectiveSensitivityPaths: Int { sensitivityPaths ?? min(20_000, paths) }

  public var inputs: [String] { ledger.inputs + (scenarioPath.map { [$0] } ?? []) }

  public func outputs(progress: ProgressLine) throws -> [Output] {
    let loaded = try ledger.load()
    var scenario = ProjectionScenario.defaults
    var origin = "default"
    if let path = scenarioPath {
      scenario = try ProjectionScenarioFile.load(path: path)
      try scenario.crossCheck(ledger: loaded, file: path)
      origin = "scenario"
    }
    if let schedule { scenario.schedule = schedule }
    if let path = writeScenarioPath {
      let data = try ProjectionScenarioFile.encode(scenario)
      return [Output(String(decoding: data, as: UTF8.self), to: .file(path))]
    }
    let id = try FundingProjection.resolveCompany(company, in: loaded)
    let window = try checkedWindow(for: loaded)
    let options = ProjectionOptions(
      from: window.lowerBound, to: window.upperBound, paths: paths, seed: seed, threads: threads,
      exactQuantileLimit: exactQuantileLimit, sensitivityPaths: effectiveSensitivityPaths, sensitivity: sensitivity)
    let projection = try FundingProjection(
      ledger: loaded, company: id, scenario: scenario, options: options, scenarioOrigin: origin)
    var outputs: [Output] = []
    if let path = fanDataPath {
      outputs.append(
        Output(try JSONOutput.string(FanChartData(projection: projection, language: output.language)), to: .file(path)))
    }
    let renderer = ProjectionRenderer(projection: projection, ledger: loaded, language: output.language)
    outputs.append(Output(try renderer.render(output.format), to: output.target))
    return outputs
  }
}

/// The work a projection may take: ``NumberRule/pathYears`` simulated path-years, counting each
/// sensitivity path as ``sensitivityRuns`` (one run per pinned end of each assumption).
public enum ProjectionBudget {
  /// Runs of the sensitivity table per path, about (two per assumption, plus the base).
  public static let sensitivityRuns = 30

  /// - Throws: ``ArgumentValueError`` naming the work and the limit.
  public static func check(paths: Int, sensitivityPaths: Int, simulatedYears: Int) throws {
    let (main, overflowMain) = paths.multipliedReportingOverflow(by: simulatedYears)
    let (side, overflowSide) = sensitivityPaths.multipliedReportingOverflow(by: simulatedYears * sensitivityRuns)
    let total = main.addingReportingOverflow(side)
    if overflowMain || overflowSide || total.overflow || total.partialValue > NumberRule.pathYears {
      let shown = overflowMain || overflowSide || total.overflow ? "beyond \(Int.max)" : "\(total.partialValue)"
      throw ArgumentValueError(
        "\(paths) paths over \(simulatedYears) simulated years\(sensitivityPaths > 0 ? ", with \(sensitivityPaths) paths per sensitivity run," : "") is \(shown) path-years of work; the limit is \(NumberRule.pathYears) (about 15 s of a release build on two cores). Use fewer paths or years, or --no-sensitivity."
      )
    }
  }
}
