import Foundation
import LoopLedger

/// What the CSV reader did, shown beside every bulk result.
public struct EdgeListSummary: Sendable, Equatable {
  public var file: String
  public var rows: Int
  public var selfLoops: Int
  public var mergedRows: Int
  public var skippedRows: Int

  public init(file: String, rows: Int, selfLoops: Int, mergedRows: Int, skippedRows: Int) {
    self.file = file
    self.rows = rows
    self.selfLoops = selfLoops
    self.mergedRows = mergedRows
    self.skippedRows = skippedRows
  }
}

/// The `analyze` result: the analysis plus what the reader did and how long each step took,
/// as text or as the JSON documented in `docs/analyze-json.md`.
public struct AnalyzeRenderer: Encodable {
  public var input: EdgeListSummary
  public var analysis: CircularityAnalysis
  public var timings: [String: Double]
  public var circulationSkipped: Bool

  public init(
    input: EdgeListSummary, analysis: CircularityAnalysis, timings: [String: Double], circulationSkipped: Bool
  ) {
    self.input = input
    self.analysis = analysis
    self.timings = timings
    self.circulationSkipped = circulationSkipped
  }

  enum CodingKeys: String, CodingKey {
    case file, rows, selfLoops, mergedRows, skippedRows, edges, nodes, cycles, hodge, circulation,
      timings, circulationSkipped
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(input.file, forKey: .file)
    try container.encode(input.rows, forKey: .rows)
    try container.encode(input.selfLoops, forKey: .selfLoops)
    try container.encode(input.mergedRows, forKey: .mergedRows)
    try container.encode(input.skippedRows, forKey: .skippedRows)
    try container.encode(analysis.edges, forKey: .edges)
    try container.encode(analysis.nodes, forKey: .nodes)
    try container.encode(analysis.cycles, forKey: .cycles)
    try container.encode(analysis.hodge, forKey: .hodge)
    try container.encode(analysis.circulation, forKey: .circulation)
    try container.encode(timings, forKey: .timings)
    try container.encode(circulationSkipped, forKey: .circulationSkipped)
  }

  /// The result as text or JSON (Markdown is the text).
  public func render(_ format: OutputFormat) throws -> String {
    format == .json ? try JSONOutput.string(self) : text()
  }

  public func text() -> String {
    let i = input
    var lines = [
      "\(i.file): \(analysis.nodes) nodes, \(analysis.edges) edges (\(i.rows) rows; \(i.mergedRows) merged into earlier pairs, \(i.selfLoops) self-loops dropped, \(i.skippedRows) bad rows skipped)"
    ]
    if let cycles = analysis.cycles {
      let bound = cycles.maxLength.map { "≤ \($0) steps" } ?? "any length"
      lines.append("")
      lines.append("Cycles (\(bound), \(cycles.method), \(cycles.threads) thread\(cycles.threads == 1 ? "" : "s")):")
      lines.append(
        "  count \(cycles.complete ? "" : "≥ ")\(cycles.count), total length \(cycles.sumLength), longest \(cycles.longest)"
      )
      let histogram = cycles.histogram.enumerated().filter { $0.offset > 0 && $0.element > 0 }
        .map { "\($0.offset): \($0.element)" }
      if !histogram.isEmpty { lines.append("  by length  " + histogram.joined(separator: "  ")) }
      if !cycles.complete { lines.append("  ⚠ stopped at --max-cycles; the count is a lower bound") }
      for cycle in cycles.listed { lines.append("  " + (cycle + [cycle[0]]).joined(separator: " → ")) }
    }
    if let hodge = analysis.hodge {
      lines.append("")
      lines.append("Hodge decomposition of the net flow\(hodge.weighted ? " (weighted by gross flow)" : ""):")
      lines.append(
        "  circular share \(String(format: "%.6f", hodge.circularShare))  (‖f‖² \(hodge.total), gradient \(hodge.gradient), circular \(hodge.circular))"
      )
      lines.append(
        "  \(hodge.supportEdges) pairs in \(hodge.components) components; \(hodge.iterations) CG iterations, relative residual \(String(format: "%.2e", hodge.relativeResidual))\(hodge.converged ? "" : " — NOT converged")"
      )
    }
    if let circulation = analysis.circulation {
      lines.append("")
      lines.append(
        "Maximum circulation: \(String(format: "%.6f", circulation.maxCircularity)) of all flow goes round (\(circulation.circulation) of \(circulation.totalFlow))"
      )
      lines.append(
        "  proven optimal to \(String(format: "%.1e", abs(circulation.gap))) of the flow by the dual bound \(circulation.upperBound); \(circulation.phases) phases"
      )
    } else if circulationSkipped {
      lines.append("")
      lines.append("Maximum circulation skipped: more edges than --circulation-limit.")
    }
    lines.append("")
    lines.append(
      "Timings (s): "
        + timings.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.3f", $0.value))" }
        .joined(separator: ", "))
    return lines.joined(separator: "\n") + "\n"
  }
}

/// Each node's Hodge potential with its inflow and outflow, as CSV (`analyze --nodes`).
public enum NodePotentialsCSV {
  public static func render(ids: [String], network: FlowNetwork, potential: [Double]) -> String {
    let inflow = network.inStrength()
    let outflow = network.outStrength()
    var text = "id,potential,inflow,outflow\n"
    for node in 0..<network.nodeCount {
      let id =
        ids[node].contains(",") || ids[node].contains("\"")
        ? "\"" + ids[node].replacingOccurrences(of: "\"", with: "\"\"") + "\"" : ids[node]
      text += "\(id),\(potential[node]),\(inflow[node]),\(outflow[node])\n"
    }
    return text
  }
}

/// The `clear` result.
public struct ClearingRenderer: Encodable {
  public var file: String
  public var nodes: Int
  public var edges: Int
  public var defaulted: Int
  public var totalLiabilities: Double
  public var totalPayments: Double
  public var shortfall: Double
  public var iterations: Int
  public var bracketGap: Double
  public var proven: Bool
  public var externalAssets: String
  public var idsWithoutExternalAssets: Int
  public var defaultCosts: DefaultCosts?
  public var timings: [String: Double]

  public init(
    file: String, network: FlowNetwork, result: ClearingResult, externalAssets: String,
    idsWithoutExternalAssets: Int, defaultCosts: DefaultCosts?, timings: [String: Double]
  ) {
    self.file = file
    nodes = network.nodeCount
    edges = network.edgeCount
    defaulted = result.defaultCount
    totalLiabilities = result.totalObligations
    totalPayments = result.totalPayments
    shortfall = result.totalObligations - result.totalPayments
    iterations = result.iterations
    bracketGap = result.bracketGap
    proven = result.isProven
    self.externalAssets = externalAssets
    self.idsWithoutExternalAssets = idsWithoutExternalAssets
    self.defaultCosts = defaultCosts
    self.timings = timings
  }

  public func render(_ format: OutputFormat) throws -> String {
    if format == .json { return try JSONOutput.string(self) }
    let missing = idsWithoutExternalAssets
    return """
      \(file): \(nodes) nodes, \(edges) obligations
      total owed \(totalLiabilities), paid \(totalPayments) (shortfall \(shortfall))
      \(defaulted) nodes in default; \(iterations) sweeps; \(proven ? "bracket closed: totals proven within tolerance" : "bracket gap \(bracketGap): greatest clearing vector reported")
      external assets: \(externalAssets)\(missing > 0 ? " (\(missing) ids not in the file: 0)" : "")

      """
  }
}

/// The `debtrank` result.
public struct DebtRankRenderer: Encodable {
  public var file: String
  public var nodes: Int
  public var edges: Int
  public var debtRank: Double
  public var initialLoss: Double
  public var steps: Int
  public var distressedNodes: Int
  public var shocked: [String]
  public var externalAssets: String
  public var idsWithoutExternalAssets: Int
  public var timings: [String: Double]

  public init(
    file: String, network: FlowNetwork, result: DebtRankResult, shocked: [String], externalAssets: String,
    idsWithoutExternalAssets: Int, timings: [String: Double]
  ) {
    self.file = file
    nodes = network.nodeCount
    edges = network.edgeCount
    debtRank = result.debtRank
    initialLoss = result.initialLoss
    steps = result.steps
    distressedNodes = result.distress.lazy.filter { $0 > 0 }.count
    self.shocked = shocked
    self.externalAssets = externalAssets
    self.idsWithoutExternalAssets = idsWithoutExternalAssets
    self.timings = timings
  }

  public func render(_ format: OutputFormat) throws -> String {
    if format == .json { return try JSONOutput.string(self) }
    return """
      \(file): \(nodes) nodes, \(edges) exposures
      DebtRank R = \(debtRank) (initial loss \(initialLoss)); \(distressedNodes) nodes distressed in \(steps) steps
      shocked: \(shocked.joined(separator: ", "))
      external assets: \(externalAssets)\(idsWithoutExternalAssets > 0 ? " (\(idsWithoutExternalAssets) ids not in the file: 0)" : "")

      """
  }
}

/// `loops`: one line per loop with the deals on each step.
public struct LoopListRenderer {
  public let report: LoopReport
  public let ledger: Ledger
  public let language: Language
  /// The `--limit` the loops were listed with, named when it was reached.
  public let limit: Int

  public init(report: LoopReport, ledger: Ledger, language: Language, limit: Int) {
    self.report = report
    self.ledger = ledger
    self.language = language
    self.limit = limit
  }

  private struct LoopList: Encodable {
    var loops: [LoopReport.Loop]
    var complete: Bool
  }

  public func render(_ format: OutputFormat) throws -> String {
    if format == .json { return try JSONOutput.string(LoopList(loops: report.loops, complete: report.loopsComplete)) }
    let money = MoneyFormat(language)
    // Names and ids come from files: escaped in Markdown.
    let md: (String) -> String = { format == .markdown ? Markdown.escape($0) : $0 }
    func name(_ id: CompanyID) -> String { md(ledger.name(of: id, in: language)) }
    var out = ""
    for (index, loop) in report.loops.enumerated() {
      let names = loop.path.map(name).joined(separator: " → ")
      let line = "\(index + 1). \(names)   \(money.interval(loop.roundTrip))"
      out += (format == .markdown ? "- " + line : line) + "\n"
      for step in loop.steps {
        let deals = step.deals.map { md($0.rawValue) }.joined(separator: ", ")
        out += "     \(name(step.payer)) → \(name(step.payee)): \(money.interval(step.amount)) [\(deals)]\n"
      }
    }
    if report.loops.isEmpty { out += "No loops.\n" }
    if !report.loopsComplete { out += "⚠ Loop limit (\(limit)) reached: more loops exist; raise --limit.\n" }
    return out
  }
}

/// `stress --sweep`: the links ranked by the damage their breaking does.
public struct SweepRenderer {
  public let ranking: [LinkDamage]
  public let scenario: StressScenario
  public let ledger: Ledger
  public let language: Language

  public init(ranking: [LinkDamage], scenario: StressScenario, ledger: Ledger, language: Language) {
    self.ranking = ranking
    self.scenario = scenario
    self.ledger = ledger
    self.language = language
  }

  public func render(_ format: OutputFormat) throws -> String {
    if format == .json { return try JSONOutput.string(ranking) }
    let money = MoneyFormat(language)
    let words = Words(language)
    var table = TextTable(
      headers: words.sweepHeaders, alignments: [.right, .left, .left, .left, .left, .left, .right])
    let md: (String) -> String = { format == .markdown ? Markdown.escape($0) : $0 }
    for (index, link) in ranking.enumerated() {
      table.add([
        "\(index + 1)",
        md("\(ledger.name(of: link.payer, in: language)) → \(ledger.name(of: link.payee, in: language))"),
        money.usd(link.damage), money.usd(link.unfunded), money.usd(link.revenueLost),
        money.usd(link.investmentCut), "\(link.defaults)",
      ])
    }
    let shocks = scenario.shocks.isEmpty ? nil : md(scenario.shocks.map(words.shock).joined(separator: "; "))
    var lines = [words.sweepHeading(onTopOf: shocks), ""]
    lines.append(table.render(indent: "  "))
    lines.append("")
    lines.append(words.assumptionsLabel + scenario.parameters.descriptions.map(words.say).joined(separator: " "))
    return lines.joined(separator: "\n") + "\n"
  }
}
