/// The Hodge decomposition of a money-flow network's net flow into a gradient part (flow from
/// upstream to downstream, explained by a potential) and a circular part (loops).
///
/// References: X. Jiang, L.-H. Lim, Y. Yao and Y. Ye, "Statistical ranking and combinatorial Hodge
/// theory", Math. Program. 127, 203–244 (2011); Y. Kichikawa, H. Iyetomi, T. Iino and H. Inoue,
/// "Community structure based on circular flow in a large-scale transaction network", Appl. Netw.
/// Sci. 4, 92 (2019).
///
/// **Support.** One undirected edge per unordered pair {i, j} with money in either direction,
/// oriented i < j (by node index), with net flow `f = a_ij − a_ji`; pairs whose flows cancel stay.
/// `B` is the edge–node incidence, `(Bφ)_e = φ_j − φ_i`.
///
/// **Potential.** `φ = argmin ‖Bφ − f‖²_W`, i.e. `L φ = Bᵀ W f` with `L = Bᵀ W B`, where `W = I`
/// (unit weights, the default) or `W = diag(a_ij + a_ji)` (weighted by gross flow, as HodgeRank
/// weights comparisons). Each connected component's potential has mean zero.
///
/// **Shares.** `‖f‖²_W = ‖Bφ‖²_W + ‖f − Bφ‖²_W` (the parts are orthogonal); the circular share is
/// `‖f − Bφ‖²_W / ‖f‖²_W`: 1 for a pure cycle, 0 for a flow that is a potential difference (for
/// example any flow on a tree). An acyclic flow can still have a circular part: on the triangle
/// 0→1 (1), 1→2 (1), 0→2 (5) the share is 1/9, because 5 ≠ 1 + 1.
public struct HodgeDecomposition: Sendable, Codable, Equatable {
  /// Undirected support edges.
  public var supportEdges: Int
  /// Connected components of the support.
  public var components: Int
  public var weighted: Bool
  /// `‖f‖²`.
  public var total: Double
  /// `‖Bφ‖²`.
  public var gradient: Double
  /// `‖f − Bφ‖²`.
  public var circular: Double
  /// `circular / total` (0 when `total` is 0).
  public var circularShare: Double
  /// Conjugate-gradient iterations.
  public var iterations: Int
  /// `‖Bᵀf − Lφ‖ / ‖Bᵀf‖`.
  public var relativeResidual: Double
  public var converged: Bool
  /// The potential of each node (upstream nodes high, downstream low); not encoded.
  public var potential: [Double]

  enum CodingKeys: String, CodingKey {
    case supportEdges, components, weighted, total, gradient, circular, circularShare, iterations,
      relativeResidual, converged
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    supportEdges = try container.decode(Int.self, forKey: .supportEdges)
    components = try container.decode(Int.self, forKey: .components)
    weighted = try container.decode(Bool.self, forKey: .weighted)
    total = try container.decode(Double.self, forKey: .total)
    gradient = try container.decode(Double.self, forKey: .gradient)
    circular = try container.decode(Double.self, forKey: .circular)
    circularShare = try container.decode(Double.self, forKey: .circularShare)
    iterations = try container.decode(Int.self, forKey: .iterations)
    relativeResidual = try container.decode(Double.self, forKey: .relativeResidual)
    converged = try container.decode(Bool.self, forKey: .converged)
    potential = []
  }

  init(
    supportEdges: Int, components: Int, weighted: Bool, total: Double, gradient: Double,
    circular: Double, iterations: Int, relativeResidual: Double, converged: Bool,
    potential: [Double]
  ) {
    self.supportEdges = supportEdges
    self.components = components
    self.weighted = weighted
    self.total = total
    self.gradient = gradient
    self.circular = circular
    circularShare = total > 0 ? circular / total : 0
    self.iterations = iterations
    self.relativeResidual = relativeResidual
    self.converged = converged
    self.potential = potential
  }
}

extension FlowNetwork {
  /// Decomposes the net flow into gradient and circular parts.
  ///
  /// - Parameters:
  ///   - weighted: Weight each pair by its gross flow `a_ij + a_ji` instead of 1.
  ///   - tolerance: Stop when `‖r‖ ≤ tolerance·‖Bᵀf‖`.
  ///   - maxIterations: The most conjugate-gradient iterations.
  ///   - threads: Worker threads (results are identical for any number).
  /// - Throws: `CancellationError`.
  /// - Complexity: O(edges) per iteration; memory 8 bytes per support edge for the Laplacian
  ///   (16 more when weighted) plus six vectors of nodes.
  public func hodgeDecomposition(
    weighted: Bool = false, tolerance: Double = 1e-10, maxIterations: Int = 20_000,
    threads: Int = 1
  ) throws -> HodgeDecomposition {
    let n = nodeCount
    // Reciprocal edges are found by merging each node's out-row with its in-row (sequential
    // access), not by a search per edge.
    let reverse = transposed()
    // Pass 1: support degree of every node.
    var degree = [Int](repeating: 0, count: n + 1)
    var supportEdges = 0
    forEachSupportPair(reverse) { low, high, _, _ in
      degree[low + 1] += 1
      degree[high + 1] += 1
      supportEdges += 1
    }
    var start = degree
    for i in 0..<n { start[i + 1] += start[i] }
    var cursor = start
    var neighbours = [Int32](repeating: 0, count: start[n])
    var entryWeights = weighted ? [Double](repeating: 0, count: start[n]) : []
    var diagonal = [Double](repeating: 0, count: n)
    var b = [Double](repeating: 0, count: n)
    var total = 0.0
    // Pass 2: adjacency, diagonal, right-hand side Bᵀ W f, ‖f‖².
    forEachSupportPair(reverse) { low, high, flow, gross in
      let w = weighted ? gross : 1
      neighbours[cursor[low]] = Int32(high)
      neighbours[cursor[high]] = Int32(low)
      if weighted {
        entryWeights[cursor[low]] = w
        entryWeights[cursor[high]] = w
      }
      cursor[low] += 1
      cursor[high] += 1
      diagonal[low] += w
      diagonal[high] += w
      b[high] += w * flow
      b[low] -= w * flow
      total += w * flow * flow
    }
    let laplacian = GraphLaplacian(
      nodeCount: n, start: start, neighbours: neighbours, weights: entryWeights,
      diagonal: diagonal)
    let solved = try conjugateGradient(
      laplacian, b, tolerance: tolerance, maxIterations: maxIterations, threads: threads)
    var potential = solved.solution
    // Mean zero on each connected component of the support.
    var component = [Int32](repeating: -1, count: n)
    var components = 0
    var stack: [Int32] = []
    for root in 0..<n where component[root] < 0 && start[root + 1] > start[root] {
      var members: [Int32] = [Int32(root)]
      component[root] = Int32(components)
      stack.append(Int32(root))
      while let v = stack.popLast() {
        for entry in start[Int(v)]..<start[Int(v) + 1] {
          let w = Int(neighbours[entry])
          if component[w] < 0 {
            component[w] = Int32(components)
            members.append(Int32(w))
            stack.append(Int32(w))
          }
        }
      }
      var mean = 0.0
      for v in members { mean += potential[Int(v)] }
      mean /= Double(members.count)
      for v in members { potential[Int(v)] -= mean }
      components += 1
    }
    // Gradient and circular parts.
    var gradient = 0.0
    var circular = 0.0
    forEachSupportPair(reverse) { low, high, flow, gross in
      let w = weighted ? gross : 1
      let g = potential[high] - potential[low]
      gradient += w * g * g
      circular += w * (flow - g) * (flow - g)
    }
    return HodgeDecomposition(
      supportEdges: supportEdges, components: components, weighted: weighted, total: total,
      gradient: gradient, circular: circular, iterations: solved.iterations,
      relativeResidual: solved.relativeResidual, converged: solved.converged, potential: potential)
  }

  /// Calls `body(i, j, a_ij − a_ji, a_ij + a_ji)` once per unordered pair with i < j, in order of
  /// `i` then `j`, by merging row `i` of the network with row `i` of its transpose.
  private func forEachSupportPair(_ reverse: FlowNetwork, _ body: (Int, Int, Double, Double) -> Void) {
    for i in 0..<nodeCount {
      var out = offsets[i]
      let outEnd = offsets[i + 1]
      var into = reverse.offsets[i]
      let intoEnd = reverse.offsets[i + 1]
      while out < outEnd, Int(targets[out]) <= i { out += 1 }
      while into < intoEnd, Int(reverse.targets[into]) <= i { into += 1 }
      while out < outEnd || into < intoEnd {
        let j1 = out < outEnd ? targets[out] : .max
        let j2 = into < intoEnd ? reverse.targets[into] : .max
        if j1 == j2 {
          body(i, Int(j1), weights[out] - reverse.weights[into], weights[out] + reverse.weights[into])
          out += 1
          into += 1
        } else if j1 < j2 {
          body(i, Int(j1), weights[out], weights[out])
          out += 1
        } else {
          body(i, Int(j2), -reverse.weights[into], reverse.weights[into])
          into += 1
        }
      }
    }
  }
}
