import Foundation
import LoopLedger
import LoopLedgerIO
import LoopLedgerRender

/// `loopledger project COMPANY`: the Monte Carlo funding projection.
public struct ProjectJob: Job {
  public var company: String
  public var ledger: String
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
  public var sensitivityPaths = 20_000
  public var sensitivity = true
  public var exactQuantileLimit = 100_000
  /// Also write the cash fan as chart data here.
  public var fanDataPath: String?

  public init(company: String, ledger: String, output: OutputSelection) {
    self.company = company
    self.ledger = ledger
    self.output = output
  }

  public func validate() throws {
    if paths < 1 { throw ArgumentValueError("'--paths' must be at least 1; got \(paths).") }
    if let threads, threads < 1 { throw ArgumentValueError("'--threads' must be at least 1; got \(threads).") }
    if sensitivityPaths < 1 {
      throw ArgumentValueError("'--sensitivity-paths' must be at least 1; got \(sensitivityPaths).")
    }
    if let from, let to, to < from { throw ArgumentValueError("'--to \(to)' is before '--from \(from)'.") }
    if let from, let to, to - from > 100 { throw ArgumentValueError("'--from \(from) --to \(to)': at most 100 years.") }
  }

  public var inputs: [String] { (LedgerSource(ledger).path.map { [$0] } ?? []) + (scenarioPath.map { [$0] } ?? []) }

  public func outputs(progress: ProgressLine) throws -> [Output] {
    let loaded = try LedgerLoader.load(ledger)
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
    let window = ProjectionOptions.window(for: loaded, from: from, to: to)
    let options = ProjectionOptions(
      from: window.lowerBound, to: window.upperBound, paths: paths, seed: seed, threads: threads,
      exactQuantileLimit: exactQuantileLimit, sensitivityPaths: sensitivityPaths, sensitivity: sensitivity)
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
