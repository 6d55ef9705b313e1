import ArgumentParser
import Foundation
import LoopLedger
import LoopLedgerApp
import LoopLedgerRender

/// Options shared by `clear` and `debtrank`.
struct InterbankOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "CSV edge list source,target,amount: source owes target (or its graph file: loopledger convert).",
      valueName: "liabilities.csv"))
  var file: String

  @Option(
    help: ArgumentHelp(
      "CSV id,amount of external assets; without it, e_i = p̄_i·(0.25 + 0.5·u_i) (docs/interbank.md).",
      valueName: "file.csv"))
  var externalAssets: String?

  @Option(help: "Output format: text or json.")
  var format: TextOrJSON = .text

  @Flag(help: "Skip rows with a bad amount or a missing field, and count them.")
  var skipBadRows = false

  @Option(parsing: .unconditional, help: "Worker threads (default: all cores).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @OptionGroup var engineOptions: EngineOptions

  var input: InterbankInput {
    InterbankInput(file: file, externalAssets: externalAssets, skipBadRows: skipBadRows)
  }
}

extension LoopLedgerCommand {
  struct Clear: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Clear a network of obligations (Eisenberg–Noe, optionally with Rogers–Veraart costs).",
      discussion: """
        Each row says that source owes target the amount. Every node pays all its creditors the \
        same fraction of what it owes, from its external assets and what it receives; the clearing \
        vector is the greatest fixed point. A node has defaulted when it pays less than \
        (1 − 1e-9) of what it owes. The iteration runs from above and from below and stops when \
        the two bound each total within --tolerance (a proven bound; see docs/stress.md).
        """)

    @OptionGroup var options: InterbankOptions

    @Option(
      parsing: .unconditional,
      help: "Rogers–Veraart: share of external assets a defaulting node realises (with --beta).")
    var alpha: Double?

    @Option(parsing: .unconditional, help: "Rogers–Veraart: share of received payments a defaulting node passes on.")
    var beta: Double?

    @Option(parsing: .unconditional, help: "Relative bound on Σ(p_upper − p_lower) at which to stop.")
    var tolerance: Double = 1e-13

    var job: ClearJob {
      var job = ClearJob(input: options.input)
      job.spark = options.engineOptions.spark
      job.format = options.format.outputFormat
      job.threads = options.threads
      job.defaultCosts = alpha.flatMap { a in beta.map { DefaultCosts(alpha: a, beta: $0) } }
      job.tolerance = tolerance
      return job
    }

    func validate() throws {
      try usage { try FlagRule.checkDefaultCosts(alpha: alpha, beta: beta) }
      try usage { try job.validate() }
    }

    func run() throws { try job.runFromCommandLine() }
  }

  struct DebtRankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "debtrank",
      abstract: "DebtRank of a network of exposures (Battiston et al. 2012).",
      discussion: """
        Each row says that source owes target the amount (target is exposed to source). Capital \
        E_i = 0.1·(e_i + Σ_s a_si), value v_i = share of total assets, impact W_st = min(1, a_st/E_t); \
        the --shock largest nodes by total assets (ties by ascending id) start fully distressed; \
        each distressed node propagates once. R = Σ h_final·v − Σ h_initial·v.
        """)

    @OptionGroup var options: InterbankOptions

    @Option(parsing: .unconditional, help: "How many of the largest nodes start fully distressed.")
    var shock: Int = 10

    var job: DebtRankJob {
      var job = DebtRankJob(input: options.input)
      job.spark = options.engineOptions.spark
      job.format = options.format.outputFormat
      job.shock = shock
      job.threads = options.threads
      return job
    }

    func validate() throws {
      try usage { try FlagRule.check("threads", options.threads) }
      try usage { try job.validate() }
    }

    func run() throws { try job.runFromCommandLine() }
  }
}
