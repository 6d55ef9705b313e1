import Foundation
import LoopLedger
import LoopLedgerIO
import LoopLedgerRender

/// The analyses `analyze` can run.
public enum BulkAnalysis: String, CaseIterable, Sendable {
  case cycles, hodge, circulation
}

/// `loopledger analyze FILE`: short cycles, Hodge decomposition and maximum circulation of a
/// bulk CSV edge list or graph file.
public struct AnalyzeJob: Job {
  public var file: String
  public var format: OutputFormat = .text
  /// Empty for all.
  public var only: [BulkAnalysis] = []
  /// A number of steps, or `all`.
  public var maxLength = "3"
  public var countOnly = false
  public var limit = 20
  public var maxCycles: Int?
  public var weighted = false
  public var tolerance = 1e-10
  public var maxIterations = 20_000
  public var circulationLimit: Int?
  /// Write each node's Hodge potential here.
  public var nodesPath: String?
  public var skipBadRows = false
  public var threads = ProcessInfo.processInfo.activeProcessorCount
  /// Run on Spark instead of in this process.
  public var spark: SparkEngine?

  public init(file: String) { self.file = file }

  public func validate() throws {
    if maxLength != "all" {
      guard let bound = Int(maxLength) else {
        throw ArgumentValueError(
          "'--max-length' must be \(NumberRule.loopLength.expected), or 'all'; found '\(maxLength)'.")
      }
      try FlagRule.check("max-length", bound)
    }
    try FlagRule.check("threads", threads)
    try FlagRule.check("limit", limit)
    try FlagRule.check("circulation-limit", circulationLimit)
    try FlagRule.check("max-cycles", maxCycles)
    try FlagRule.check("tolerance", tolerance)
    try FlagRule.check("max-iterations", maxIterations)
  }

  public var inputs: [String] { [file] }

  public func outputs(progress: ProgressLine) throws -> [Output] {
    if let spark { return try spark.run(sparkArguments, format: format, file: file) }
    let clock = ContinuousClock()
    let loadStart = clock.now
    let result = try BulkEdgeList.read(
      path: file, skipBadRows: skipBadRows, threads: threads, progress: progress
    ).result
    let loadSeconds = seconds(clock.now - loadStart)
    progress.finish("read \(result.rows) rows: \(result.network.nodeCount) nodes, \(result.network.edgeCount) edges")

    var options = CircularityAnalysis.Options()
    let selected = Set(only.isEmpty ? BulkAnalysis.allCases : only)
    options.cycles = selected.contains(.cycles)
    options.hodge = selected.contains(.hodge)
    options.circulation = selected.contains(.circulation)
    options.maxLength = maxLength == "all" ? nil : Int(maxLength)
    options.listLimit = countOnly ? 0 : limit
    options.cycleBudget = maxCycles ?? .max
    options.threads = threads
    options.weightedHodge = weighted
    options.tolerance = tolerance
    options.maxIterations = maxIterations
    options.circulationEdgeLimit = circulationLimit
    var timings: [String: Double] = ["load": loadSeconds]
    progress.update("analysing…")
    let analysis = try CircularityAnalysis(
      network: result.network, ids: result.ids, options: options,
      timing: { name, elapsed in
        timings[name] = elapsed
        progress.update("\(name) done in \(String(format: "%.2f", elapsed)) s")
      },
      progress: { progress.update($0) })
    progress.finish(nil)
    var outputs: [Output] = []
    if let nodesPath, let hodge = analysis.hodge {
      outputs.append(
        Output(
          NodePotentialsCSV.render(ids: result.ids, network: result.network, potential: hodge.potential),
          to: .file(nodesPath)))
    }
    let renderer = AnalyzeRenderer(
      input: result.summary(file: file), analysis: analysis, timings: timings,
      circulationSkipped: selected.contains(.circulation) && analysis.circulation == nil)
    outputs.append(Output(try renderer.render(format), to: .standardOutput))
    return outputs
  }
}

extension EdgeListCSV.Result {
  func summary(file: String) -> EdgeListSummary {
    EdgeListSummary(file: file, rows: rows, selfLoops: selfLoops, mergedRows: mergedRows, skippedRows: skippedRows)
  }
}

/// The network and external assets that `clear` and `debtrank` read.
public struct InterbankInput: Sendable {
  /// The CSV of obligations (source owes target), or its graph file.
  public var file: String
  /// `id,amount` external assets; nil for the convention.
  public var externalAssets: String?
  public var skipBadRows = false

  public init(file: String, externalAssets: String? = nil, skipBadRows: Bool = false) {
    self.file = file
    self.externalAssets = externalAssets
    self.skipBadRows = skipBadRows
  }

  public var inputs: [String] { [file] + (externalAssets.map { [$0] } ?? []) }

  struct Loaded {
    var edges: EdgeListCSV.Result
    var assets: [Double]
    var source: String
    var missing: Int
    /// Warnings for standard error: ids of the assets file that name no node.
    var warnings: [Output] = []
  }

  /// Reads the network (its plain rows on `threads` threads) and the external assets.
  func load(progress: ProgressLine, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> Loaded {
    let result = try BulkEdgeList.read(
      path: file, skipBadRows: skipBadRows, threads: threads, progress: progress
    ).result
    progress.finish(nil)
    guard let externalAssets else {
      return Loaded(
        edges: result, assets: InterbankConvention.externalAssets(ids: result.ids, liabilities: result.network),
        source: "convention: e_i = p̄_i·(0.25 + 0.5·u_i)", missing: 0)
    }
    let values = try NodeValuesCSV.readWithLines(path: externalAssets)
    var missing = 0
    let assets = result.ids.map { id -> Double in
      if let value = values[id] { return value.amount }
      missing += 1
      return 0
    }
    var loaded = Loaded(edges: result, assets: assets, source: externalAssets, missing: missing)
    let known = Set(result.ids)
    let unknown = values.filter { !known.contains($0.key) }.sorted { $0.value.line < $1.value.line }
    if !unknown.isEmpty {
      let listed = unknown.prefix(5).map { "line \($0.value.line) '\($0.key)'" }.joined(separator: ", ")
      let more = unknown.count > 5 ? ", …" : ""
      loaded.warnings.append(
        Output(
          "warning: \(externalAssets): \(unknown.count) id(s) name no node of \(file), so their amounts are not used: \(listed)\(more)\n",
          to: .standardError))
    }
    return loaded
  }
}

/// `loopledger clear FILE`: Eisenberg–Noe clearing (optionally Rogers–Veraart).
public struct ClearJob: Job {
  public var input: InterbankInput
  public var format: OutputFormat = .text
  public var threads = ProcessInfo.processInfo.activeProcessorCount
  public var defaultCosts: DefaultCosts?
  public var tolerance = 1e-13
  /// Run on Spark instead of in this process.
  public var spark: SparkEngine?

  public init(input: InterbankInput) { self.input = input }

  public func validate() throws {
    try FlagRule.check("threads", threads)
    try FlagRule.check("tolerance", tolerance)
    try FlagRule.checkDefaultCosts(alpha: defaultCosts?.alpha, beta: defaultCosts?.beta)
  }

  public var inputs: [String] { input.inputs }

  public func outputs(progress: ProgressLine) throws -> [Output] {
    if let spark { return try spark.run(sparkArguments, format: format, file: input.file) }
    let clock = ContinuousClock()
    let start = clock.now
    let loaded = try input.load(progress: progress, threads: threads)
    let loadedAt = clock.now
    let result = try eisenbergNoeClearing(
      liabilities: loaded.edges.network, externalAssets: loaded.assets, defaultCosts: defaultCosts,
      tolerance: tolerance, threads: threads)
    try FiniteCheck.require(result.payments, "the clearing payment", names: { loaded.edges.ids[$0] })
    try FiniteCheck.require(result.bracketGap, "the clearing bracket", at: "its gap")
    let renderer = ClearingRenderer(
      file: input.file, network: loaded.edges.network, result: result, externalAssets: loaded.source,
      idsWithoutExternalAssets: loaded.missing, defaultCosts: defaultCosts,
      timings: ["load": seconds(loadedAt - start), "clearing": seconds(clock.now - loadedAt)])
    return loaded.warnings + [Output(try renderer.render(format), to: .standardOutput)]
  }
}

/// `loopledger debtrank FILE`: DebtRank of a network of exposures.
public struct DebtRankJob: Job {
  public var input: InterbankInput
  public var format: OutputFormat = .text
  public var shock = 10
  /// Threads for reading the network.
  public var threads = ProcessInfo.processInfo.activeProcessorCount
  /// Run on Spark instead of in this process.
  public var spark: SparkEngine?

  public init(input: InterbankInput) { self.input = input }

  public func validate() throws {
    try FlagRule.check("shock", shock)
    try FlagRule.check("threads", threads)
  }

  public var inputs: [String] { input.inputs }

  public func outputs(progress: ProgressLine) throws -> [Output] {
    if let spark { return try spark.run(sparkArguments, format: format, file: input.file) }
    let clock = ContinuousClock()
    let start = clock.now
    let loaded = try input.load(progress: progress, threads: threads)
    let loadedAt = clock.now
    let (result, shocked) = try InterbankConvention.debtRank(
      ids: loaded.edges.ids, exposures: loaded.edges.network, externalAssets: loaded.assets, shockCount: shock)
    try FiniteCheck.require(result.distress, "the DebtRank distress", names: { loaded.edges.ids[$0] })
    try FiniteCheck.require(result.debtRank, "DebtRank", at: "R")
    let renderer = DebtRankRenderer(
      file: input.file, network: loaded.edges.network, result: result, shocked: shocked,
      externalAssets: loaded.source, idsWithoutExternalAssets: loaded.missing,
      timings: ["load": seconds(loadedAt - start), "debtRank": seconds(clock.now - loadedAt)])
    return loaded.warnings + [Output(try renderer.render(format), to: .standardOutput)]
  }
}
