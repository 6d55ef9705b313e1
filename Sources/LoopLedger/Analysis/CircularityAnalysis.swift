import Foundation

/// How much of a large flow network's money goes round in circles: cycle counts, the Hodge
/// decomposition of the net flow, and the maximum circulation.
public struct CircularityAnalysis: Codable, Sendable {
  /// Directed edges after duplicate pairs were summed and self-loops dropped.
  public var edges: Int
  public var nodes: Int
  public var cycles: CycleSummary?
  public var hodge: HodgeDecomposition?
  public var circulation: MaximumCirculation?

  /// Cycle counts, and the first cycles found when listing was asked for.
  public struct CycleSummary: Codable, Sendable, Equatable {
    public var count: Int
    public var sumLength: Int
    public var longest: Int
    /// `histogram[k]` cycles of `k` edges.
    public var histogram: [Int]
    @Nullable public var maxLength: Int?
    /// `short-cycles` (adjacency marking, lengths ≤ 4) or `johnson`.
    public var method: String
    public var threads: Int
    /// False when the cycle budget stopped the count: `count` is then a lower bound.
    public var complete: Bool
    /// The first cycles, as node ids (empty under count-only).
    public var listed: [[String]]
  }

  /// What to compute.
  public struct Options: Sendable {
    public var cycles = true
    public var hodge = true
    public var circulation = true
    /// Longest cycle counted; nil for all (exponential on large graphs).
    public var maxLength: Int? = 3
    /// How many cycles to list (0 for count-only).
    public var listLimit = 0
    /// Stop counting after this many cycles (then `complete` is false).
    public var cycleBudget = Int.max
    public var threads = 1
    public var weightedHodge = false
    public var tolerance = 1e-10
    public var maxIterations = 20_000
    /// Skip the maximum circulation above this many edges (nil: never skip; a heavy-tailed graph
    /// of 10^7 edges took 79–95 s and 790 MiB).
    public var circulationEdgeLimit: Int? = nil
    public init() {}
  }

  /// Runs the analyses.
  ///
  /// - Parameters:
  ///   - network: The flow network.
  ///   - ids: Node ids, for listed cycles.
  ///   - options: What to compute.
  ///   - timing: Called with each analysis's name and seconds taken.
  ///   - progress: Called during long analyses with a short description of where they are.
  /// - Throws: `CancellationError`.
  public init(
    network: FlowNetwork, ids: [String], options: Options,
    timing: ((String, Double) -> Void)? = nil, progress: ((String) -> Void)? = nil
  ) throws {
    edges = network.edgeCount
    nodes = network.nodeCount
    let clock = ContinuousClock()
    func timed<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
      let start = clock.now
      let result = try work()
      let elapsed = clock.now - start
      timing?(name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
      return result
    }
    if options.cycles {
      cycles = try timed("cycles") { try CircularityAnalysis.countCycles(network, ids: ids, options) }
    }
    if options.hodge {
      hodge = try timed("hodge") {
        try network.hodgeDecomposition(
          weighted: options.weightedHodge, tolerance: options.tolerance,
          maxIterations: options.maxIterations, threads: options.threads)
      }
      if let hodge {
        for (name, value) in [
          ("total", hodge.total), ("gradient", hodge.gradient), ("circular", hodge.circular),
          ("circular share", hodge.circularShare),
        ] {
          try FiniteCheck.require(value, "the Hodge decomposition", at: "its \(name) part")
        }
        try FiniteCheck.require(hodge.potential, "the Hodge potential", names: { ids[$0] })
      }
    }
    if options.circulation, network.edgeCount <= options.circulationEdgeLimit ?? .max {
      progress?("maximum circulation…")
      circulation = try timed("circulation") {
        var phase = 0
        return try network.maximumCirculation(edgeFlows: false) { routed in
          phase += 1
          progress?(
            "maximum circulation: phase \(phase), \(String(format: "%.4f", 100 * routed))% of the directional flow routed"
          )
        }
      }
      if let circulation {
        for (name, value) in [
          ("total flow", circulation.totalFlow), ("circulation", circulation.circulation),
          ("upper bound", circulation.upperBound), ("gap", circulation.gap),
        ] {
          try FiniteCheck.require(value, "the maximum circulation", at: "its \(name)")
        }
      }
    }
  }

  private static func countCycles(_ network: FlowNetwork, ids: [String], _ options: Options) throws
    -> CycleSummary
  {
    var statistics: CycleStatistics
    var method = "johnson"
    var complete = true
    if let bound = options.maxLength, bound <= FlowNetwork.maxShortCycleLength,
      options.cycleBudget == .max
    {
      statistics = try network.shortCycleStatistics(maxLength: bound, threads: options.threads)
      method = "short-cycles"
    } else if options.cycleBudget == .max {
      statistics = try network.cycleStatistics(maxLength: options.maxLength, threads: options.threads)
    } else {
      statistics = CycleStatistics()
      complete = try network.forEachElementaryCycle(maxLength: options.maxLength) { cycle in
        statistics.add(length: cycle.count)
        return statistics.count < options.cycleBudget
      }
    }
    var listed: [[String]] = []
    // The cycle budget bounds the listing too: never more cycles listed than counted.
    let listLimit = min(options.listLimit, options.cycleBudget)
    if listLimit > 0 {
      let found = try network.elementaryCycles(maxLength: options.maxLength, limit: listLimit)
      listed = found.cycles.map { $0.map { ids[Int($0)] } }
    }
    return CycleSummary(
      count: statistics.count, sumLength: statistics.sumLength, longest: statistics.longest,
      histogram: statistics.histogram, maxLength: options.maxLength, method: method,
      threads: method == "johnson" && options.cycleBudget != .max ? 1 : options.threads,
      complete: complete, listed: listed)
  }
}
