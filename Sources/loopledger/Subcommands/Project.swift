import ArgumentParser
import LoopLedger
import LoopLedgerApp

extension LoopLedgerCommand {
  struct Project: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Project, year by year, whether a company can pay for what it has committed to buy.",
      discussion: """
        A Monte Carlo projection of the company's cash: its committed purchases from the ledger \
        (spread over their terms; an aggregate commitments fact as a block, net of the deals it \
        contains), agreed inflows, revenue growing from its revenue fact, an operating margin, new \
        funding rounds, deals in talks or planned going ahead with a probability, and a share of \
        commitments that can be renegotiated. Every assumption is a distribution; defaults come \
        from the seed article's figures and are printed with every output; --scenario FILE \
        changes them (--write-scenario FILE writes the full default file to edit). Output per \
        year: cash and funding still needed (p5/p50/p95), the probability of a shortfall, the \
        first year a shortfall is more likely than not, the fan chart as data and a tornado table \
        of which assumption moves the p50 gap most. The same --seed gives the same output for any \
        --threads. Documented in docs/projection.md.
        """)

    @Argument(help: ArgumentHelp("The company: an id (openai), a name or an alias.", valueName: "company"))
    var company: String

    @OptionGroup var source: LedgerSourceOptions

    @Option(parsing: .unconditional, help: "First reported year (default: the year after the ledger's as-of date).")
    var from: Int?

    @Option(parsing: .unconditional, help: "Last reported year (default: 9 years after --from).")
    var to: Int?

    @Option(help: ArgumentHelp("A scenario file (JSON) changing the default assumptions.", valueName: "file"))
    var scenario: String?

    @Option(help: ArgumentHelp("Write the effective scenario as a complete JSON file and stop.", valueName: "file"))
    var writeScenario: String?

    @Option(parsing: .unconditional, help: "Monte Carlo paths.")
    var paths: Int = 100_000

    @Option(parsing: .unconditional, help: "Random seed; the same seed gives the same output for any --threads.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Worker threads (default: every active processor).")
    var threads: Int?

    @Option(
      help:
        "How contract payments are spread over a term: even, front (front-loaded) or back (back-loaded); overrides the scenario."
    )
    var schedule: ScheduleShape?

    @Option(
      parsing: .unconditional,
      help: "Paths per run of the sensitivity table, at most --paths (default: 20000, or --paths if fewer).")
    var sensitivityPaths: Int?

    @Flag(help: "Skip the sensitivity table.")
    var noSensitivity = false

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp("Exact quantiles up to this many paths; streaming histograms above.", visibility: .hidden))
    var exactQuantileLimit: Int = 100_000

    @Option(
      help: ArgumentHelp(
        "Also write the cash fan as FanChartData JSON, for 'loopledger draw fan --data FILE'.", valueName: "file"))
    var fanData: String?

    @OptionGroup var outputOptions: OutputOptions

    var job: ProjectJob {
      var job = ProjectJob(company: company, ledger: source.selection, output: outputOptions.selection)
      job.from = from
      job.to = to
      job.scenarioPath = scenario
      job.writeScenarioPath = writeScenario
      job.paths = paths
      job.seed = seed
      job.threads = threads
      job.schedule = schedule
      job.sensitivityPaths = sensitivityPaths
      job.sensitivity = !noSensitivity
      job.exactQuantileLimit = exactQuantileLimit
      job.fanDataPath = fanData
      return job
    }

    func validate() throws { try usage { try job.validate() } }

    func run() throws { try job.runFromCommandLine() }
  }
}
