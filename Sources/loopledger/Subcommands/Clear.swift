import ArgumentParser
import Foundation
import LoopLedger
import LoopLedgerRender

/// Options shared by `clear` and `debtrank`.
struct InterbankOptions: ParsableArguments {
  @Argument(help: ArgumentHelp("CSV edge list source,target,amount: source owes target.", valueName: "liabilities.csv"))
  var file: String

  @Option(
    help: ArgumentHelp(
      "CSV id,amount of external assets; without it, e_i = p̄_i·(0.25 + 0.5·u_i) (docs/interbank.md).",
      valueName: "file.csv"))
  var externalAssets: String?

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @Flag(help: "Skip rows with a bad amount or a missing field, and count them.")
  var skipBadRows = false

  @Option(help: "Worker threads (default: all cores).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  /// Reads the network and the external assets.
  func load(progress: Progress) throws -> (EdgeListCSV.Result, [Double], source: String, missing: Int) {
    let result = try readEdgeList(file, skipBadRows: skipBadRows, progress: progress)
    progress.finish(nil)
    guard let externalAssets else {
      return (
        result, InterbankConvention.externalAssets(ids: result.ids, liabilities: result.network),
        "convention: e_i = p̄_i·(0.25 + 0.5·u_i)", 0
      )
    }
    let text: String
    do {
      text = try String(contentsOfFile: externalAssets, encoding: .utf8)
    } catch {
      throw LedgerError.unreadable(file: externalAssets, reason: error.localizedDescription)
    }
    let values = try NodeValuesCSV.read(text, file: externalAssets)
    var missing = 0
    let assets = result.ids.map { id -> Double in
      if let value = values[id] { return value }
      missing += 1
      return 0
    }
    return (result, assets, externalAssets, missing)
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

    @Option(help: "Rogers–Veraart: share of external assets a defaulting node realises (with --beta).")
    var alpha: Double?

    @Option(help: "Rogers–Veraart: share of received payments a defaulting node passes on.")
    var beta: Double?

    @Option(help: "Relative bound on Σ(p_upper − p_lower) at which to stop.")
    var tolerance: Double = 1e-13

    func validate() throws {
      if (alpha == nil) != (beta == nil) { throw ValidationError("Give both --alpha and --beta, or neither.") }
      for (name, value) in [("alpha", alpha), ("beta", beta)] {
        if let value, !(0...1).contains(value) { throw ValidationError("'--\(name)' must be in [0, 1]; got \(value).") }
      }
    }

    func run() throws {
      let progress = Progress(enabled: isatty(2) == 1)
      let clock = ContinuousClock()
      let start = clock.now
      let (network, assets, source, missing) = try options.load(progress: progress)
      let loaded = clock.now
      let costs = alpha.flatMap { a in beta.map { DefaultCosts(alpha: a, beta: $0) } }
      let result = try eisenbergNoeClearing(
        liabilities: network.network, externalAssets: assets, defaultCosts: costs,
        tolerance: tolerance, threads: options.threads)
      let output = ClearOutput(
        file: options.file, nodes: network.network.nodeCount, edges: network.network.edgeCount,
        defaulted: result.defaultCount, totalLiabilities: result.totalObligations,
        totalPayments: result.totalPayments, shortfall: result.totalObligations - result.totalPayments,
        iterations: result.iterations, bracketGap: result.bracketGap, proven: result.isProven,
        externalAssets: source, idsWithoutExternalAssets: missing,
        defaultCosts: costs, timings: ["load": seconds(loaded - start), "clearing": seconds(clock.now - loaded)])
      switch options.format {
      case .json: print(try JSONOutput.string(output), terminator: "")
      case .text, .markdown:
        print("""
          \(output.file): \(output.nodes) nodes, \(output.edges) obligations
          total owed \(output.totalLiabilities), paid \(output.totalPayments) (shortfall \(output.shortfall))
          \(output.defaulted) nodes in default; \(output.iterations) sweeps; \(output.proven ? "bracket closed: totals proven within tolerance" : "bracket gap \(output.bracketGap): greatest clearing vector reported")
          external assets: \(output.externalAssets)\(missing > 0 ? " (\(missing) ids not in the file: 0)" : "")
          """)
      }
    }
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

    @Option(help: "How many of the largest nodes start fully distressed.")
    var shock: Int = 10

    func run() throws {
      let progress = Progress(enabled: isatty(2) == 1)
      let clock = ContinuousClock()
      let start = clock.now
      let (network, assets, source, missing) = try options.load(progress: progress)
      let loaded = clock.now
      let (result, shocked) = try InterbankConvention.debtRank(
        ids: network.ids, exposures: network.network, externalAssets: assets, shockCount: shock)
      let distressed = result.distress.lazy.filter { $0 > 0 }.count
      let output = DebtRankOutput(
        file: options.file, nodes: network.network.nodeCount, edges: network.network.edgeCount,
        debtRank: result.debtRank, initialLoss: result.initialLoss, steps: result.steps,
        distressedNodes: distressed, shocked: shocked, externalAssets: source,
        idsWithoutExternalAssets: missing,
        timings: ["load": seconds(loaded - start), "debtRank": seconds(clock.now - loaded)])
      switch options.format {
      case .json: print(try JSONOutput.string(output), terminator: "")
      case .text, .markdown:
        print("""
          \(output.file): \(output.nodes) nodes, \(output.edges) exposures
          DebtRank R = \(output.debtRank) (initial loss \(output.initialLoss)); \(distressed) nodes distressed in \(output.steps) steps
          shocked: \(shocked.joined(separator: ", "))
          external assets: \(source)
          """)
      }
    }
  }
}

private struct ClearOutput: Encodable {
  var file: String
  var nodes: Int
  var edges: Int
  var defaulted: Int
  var totalLiabilities: Double
  var totalPayments: Double
  var shortfall: Double
  var iterations: Int
  var bracketGap: Double
  var proven: Bool
  var externalAssets: String
  var idsWithoutExternalAssets: Int
  var defaultCosts: DefaultCosts?
  var timings: [String: Double]
}

private struct DebtRankOutput: Encodable {
  var file: String
  var nodes: Int
  var edges: Int
  var debtRank: Double
  var initialLoss: Double
  var steps: Int
  var distressedNodes: Int
  var shocked: [String]
  var externalAssets: String
  var idsWithoutExternalAssets: Int
  var timings: [String: Double]
}
