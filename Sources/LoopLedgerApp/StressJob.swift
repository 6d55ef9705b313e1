import LoopLedger
import LoopLedgerIO
import LoopLedgerRender

/// `loopledger stress`: break links and follow the damage, or sweep every link.
public struct StressJob: Job {
  public var ledger: LedgerSelection
  public var output: OutputSelection
  /// A built-in scenario name or a scenario file.
  public var scenario: String?
  public var stops: [String] = []
  public var defaults: [String] = []
  public var resources: [String] = []
  public var revenue: [String] = []
  public var demandReturns: Double?
  public var sweep = false
  public var termYears: Double?
  public var investmentYears: Double?
  public var multiple: Double?
  public var elasticity: Double?
  public var defaultCosts: DefaultCosts?

  public init(ledger: LedgerSelection, output: OutputSelection) {
    self.ledger = ledger
    self.output = output
  }

  public func validate() throws {
    try FlagRule.check("demand-returns", demandReturns)
    try FlagRule.check("term-years", termYears)
    try FlagRule.check("investment-years", investmentYears)
    try FlagRule.check("multiple", multiple)
    try FlagRule.check("elasticity", elasticity)
    try FlagRule.checkDefaultCosts(alpha: defaultCosts?.alpha, beta: defaultCosts?.beta)
    _ = try StressShock.parse(stops: stops, defaults: defaults, resources: resources, revenue: revenue)
  }

  public var inputs: [String] {
    ledger.inputs + (scenario.map { StressScenario.builtInNames.contains($0) ? [] : [$0] } ?? [])
  }

  public func outputs(progress: ProgressLine) throws -> [Output] {
    let loaded = try ledger.load()
    var scenario =
      try self.scenario.map { try StressScenario.resolve($0, ledger: loaded) }
      ?? StressScenario(name: "command line", description: "", shocks: [])
    scenario.shocks += try StressShock.parse(
      stops: stops, defaults: defaults, resources: resources, revenue: revenue, demandReturns: demandReturns)
    if let termYears { scenario.parameters.defaultTermYears = termYears }
    if let investmentYears { scenario.parameters.investmentYears = investmentYears }
    if let multiple { scenario.parameters.revenueMultiple = multiple }
    if let elasticity { scenario.parameters.investmentElasticity = elasticity }
    if let defaultCosts { scenario.parameters.defaultCosts = defaultCosts }
    let text: String
    if sweep {
      let ranking = try StressReport.sweep(ledger: loaded, scenario: scenario, filter: ledger.filter)
      text = try SweepRenderer(ranking: ranking, scenario: scenario, ledger: loaded, language: output.language)
        .render(output.format)
    } else {
      let report = try StressReport(ledger: loaded, scenario: scenario, filter: ledger.filter)
      text = try StressRenderer(report: report, ledger: loaded, language: output.language).render(output.format)
    }
    return [Output(text, to: output.target)]
  }
}
