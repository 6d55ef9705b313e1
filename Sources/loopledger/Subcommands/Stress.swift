import ArgumentParser
import LoopLedger
import LoopLedgerApp

extension LoopLedgerCommand {
  struct Stress: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Stress-test the loop: break a link and follow the damage round by round.",
      discussion: """
        The baseline is the loop as announced: every included deal pays its annual share \
        (contracts over their term, pending investments over --investment-years). Shocks stop \
        deals or links, make a company default, limit or cut its outside resources, or make \
        investors demand returns. Each round clears the obligations (Eisenberg–Noe), then vendors \
        that lost revenue lose valuation (--multiple) and cut their pending investments \
        (--elasticity), which starts the next round. Amounts are run at their low, estimate and \
        high ends; unstated amounts are left out and named. Built-in scenarios from the seed: \
        \(StressScenario.builtInNames.joined(separator: ", ")). Scenario files: docs/stress.md.
        """)

    @OptionGroup var ledgerOptions: LedgerOptions
    @OptionGroup var outputOptions: OutputOptions

    @Option(help: ArgumentHelp("A built-in scenario name or a scenario JSON file.", valueName: "name-or-file"))
    var scenario: String?

    @Option(
      name: .customLong("stop"),
      help: ArgumentHelp(
        "Stop a deal or a link: DEAL-ID or PAYER:PAYEE, optionally =FRACTION (default 1).",
        valueName: "deal|payer:payee[=f]"))
    var stops: [String] = []

    @Option(name: .customLong("default"), help: ArgumentHelp("A company that pays nothing.", valueName: "company"))
    var defaults: [String] = []

    @Option(
      name: .customLong("resources"),
      help: ArgumentHelp("Limit a company's outside resources: COMPANY=AMOUNT a year.", valueName: "company=amount"))
    var resources: [String] = []

    @Option(
      name: .customLong("revenue"),
      help: ArgumentHelp(
        "Change a company's outside resources by a fraction: COMPANY=-0.3.", valueName: "company=fraction"))
    var revenue: [String] = []

    @Option(parsing: .unconditional, help: "Investors demand this return a year on equity they put in (e.g. 0.1).")
    var demandReturns: Double?

    @Flag(help: "Break each link in turn and rank the links by the damage.")
    var sweep = false

    @Option(parsing: .unconditional, help: "Term of contracts without a stated term, in years.")
    var termYears: Double?

    @Option(parsing: .unconditional, help: "Years over which pending investments are paid.")
    var investmentYears: Double?

    @Option(parsing: .unconditional, help: "Valuation change per dollar of annual revenue lost.")
    var multiple: Double?

    @Option(parsing: .unconditional, help: "Share of pending investments cut per share of loop revenue lost.")
    var elasticity: Double?

    @Option(parsing: .unconditional, help: "Rogers–Veraart α (with --beta).")
    var alpha: Double?

    @Option(parsing: .unconditional, help: "Rogers–Veraart β (with --alpha).")
    var beta: Double?

    var job: StressJob {
      var job = StressJob(ledger: ledgerOptions.selection, output: outputOptions.selection)
      job.scenario = scenario
      job.stops = stops
      job.defaults = defaults
      job.resources = resources
      job.revenue = revenue
      job.demandReturns = demandReturns
      job.sweep = sweep
      job.termYears = termYears
      job.investmentYears = investmentYears
      job.multiple = multiple
      job.elasticity = elasticity
      job.defaultCosts = alpha.flatMap { a in beta.map { DefaultCosts(alpha: a, beta: $0) } }
      return job
    }

    func validate() throws {
      try usage { try FlagRule.checkDefaultCosts(alpha: alpha, beta: beta) }
      try usage { try job.validate() }
    }

    func run() throws { try job.runFromCommandLine() }
  }
}
