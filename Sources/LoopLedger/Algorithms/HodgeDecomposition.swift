import Dispatch

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
  /// The potential of each node; not encoded.
  ///
  /// `(Bφ)_e = φ_j − φ_i` fits `a_ij − a_ji`, so money flows from lower to higher potential:
  /// upstream nodes (sources) are low, downstream nodes (sinks) high — on the triangle above,
  /// φ = (−2, 0, 2). Kichikawa et al. use the opposite sign.
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
  /// - Returns: The gradient and circular parts of the net flow and the circular share, the node
  ///   potentials, and how the conjugate-gradient solve ended (iterations, residual, convergence).
  /// - Throws: `CancellationError`.
  /// - Complexity: O(n + m + k·(n + s) + (n + s) log n) for n nodes, m edges, s ≤ m support
  ///   pairs and k ≤ `maxIterations` conjugate-gradient iterations: O(n + m) to transpose and build
  ///   the Laplacian, O(n + s) per iteration, O((n + s) log n) for the union–find (path halving,
  ///   linking by index rather than by rank), O(n + s) for the parts. Memory: the transpose
  ///   (12 bytes per edge), 8 bytes per support pair for the Laplacian (16 more when weighted), and
  ///   O(n) vectors.
  public func hodgeDecomposition(
    weighted: Bool = false, tolerance: Double = 1e-10, maxIterations: Int = 20_000,
    threads: Int = 1
  ) throws -> HodgeDecomposition {
    let n = nodeCount
    // Node i's neighbours in the support are the union of its out-row and its in-row (the row of
    // the transpose), both sorted: merging them fills the Laplacian row by row, sequentially.
    // For unit weights (Bᵀf)_i = Σ_j (a_ji − a_ij) = in_i − out_i; weighted, each term is
    // multiplied by w_ij = a_ij + a_ji.
    let reverse = transposed(threads: threads)
    // Fixed blocks of rows (independent of the thread count); sums are combined in block order.
    let blockCount = max(1, min(64, n / 8_192))
    let blocks = (0..<blockCount).map { ($0 * n / blockCount)..<(($0 + 1) * n / blockCount) }
    let workers = max(1, min(threads, blockCount))
    func forEachBlock(_ body: @escaping @Sendable (Int) -> Void) {
      if workers == 1 {
        for block in blocks.indices { body(block) }
      } else {
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
          var block = worker
          while block < blockCount {
            body(block)
            block += workers
          }
        }
      }
    }
    let network = self
    var start = [Int](repeating: 0, count: n + 1)
    start.withUnsafeMutableBufferPointer { counts in
      let shared = UnsafeSendable(counts)
      forEachBlock { block in
        for i in blocks[block] {
          var count = 0
          network.forEachNeighbour(of: i, reverse) { _, _, _ in count += 1 }
          shared.value[i + 1] = count
        }
      }
    }
    for i in 0..<n { start[i + 1] += start[i] }
    let supportEdges = start[n] / 2
    var neighbours = [Int32](repeating: 0, count: start[n])
    var entryWeights = weighted ? [Double](repeating: 0, count: start[n]) : []
    var diagonal = [Double](repeating: 0, count: n)
    var b = [Double](repeating: 0, count: n)
    var blockTotals = [Double](repeating: 0, count: blockCount)
    neighbours.withUnsafeMutableBufferPointer { adjacency in
      entryWeights.withUnsafeMutableBufferPointer { entryWeight in
        diagonal.withUnsafeMutableBufferPointer { diagonalBuffer in
          b.withUnsafeMutableBufferPointer { rhsBuffer in
            blockTotals.withUnsafeMutableBufferPointer { totals in
              let shared = UnsafeSendable((adjacency, entryWeight, diagonalBuffer, rhsBuffer, totals))
              let rowStart = start
              forEachBlock { block in
                let (adjacency, entryWeight, diagonal, rhsOut, totals) = shared.value
                var blockTotal = 0.0
                for i in blocks[block] {
                  var cursor = rowStart[i]
                  var rhs = 0.0
                  var degree = 0.0
                  network.forEachNeighbour(of: i, reverse) { j, out, into in
                    let w = weighted ? out + into : 1
                    adjacency[cursor] = Int32(j)
                    if weighted { entryWeight[cursor] = w }
                    cursor += 1
                    degree += w
                    rhs += w * (into - out)
                    // Each pair is seen from both ends; count ‖f‖² once, from the lower one.
                    if i < j { blockTotal += w * (out - into) * (out - into) }
                  }
                  diagonal[i] = degree
                  rhsOut[i] = rhs
                }
                totals[block] = blockTotal
              }
            }
          }
        }
      }
    }
    let total = blockTotals.reduce(0, +)
    let laplacian = GraphLaplacian(
      nodeCount: n, start: start, neighbours: neighbours, weights: entryWeights,
      diagonal: diagonal)
    let solved = try conjugateGradient(
      laplacian, b, tolerance: tolerance, maxIterations: maxIterations, threads: threads)
    var potential = solved.solution
    // Mean zero on each connected component of the support. Components by union–find over the
    // upper triangle, row by row (roots are the smallest node; path halving), which reads the
    // adjacency in order instead of jumping about as a graph search does.
    var parent = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
      for v in 0..<n { buffer[v] = Int32(v) }
      initialized = n
    }
    var components = 0
    parent.withUnsafeMutableBufferPointer { parent in
      func find(_ v: Int32) -> Int32 {
        var v = v
        while parent[Int(v)] != v {
          let grandparent = parent[Int(parent[Int(v)])]
          parent[Int(v)] = grandparent
          v = grandparent
        }
        return v
      }
      neighbours.withUnsafeBufferPointer { adjacency in
        for i in 0..<n {
          var root = find(Int32(i))
          for entry in start[i]..<start[i + 1] where Int(adjacency[entry]) > i {
            let other = find(adjacency[entry])
            if other == root { continue }
            if other < root {
              parent[Int(root)] = other
              root = other
            } else {
              parent[Int(other)] = root
            }
          }
        }
      }
      var sum = [Double](repeating: 0, count: n)
      var size = [Int32](repeating: 0, count: n)
      for v in 0..<n where start[v + 1] > start[v] {
        let root = Int(find(Int32(v)))
        parent[v] = Int32(root)
        sum[root] += potential[v]
        size[root] += 1
      }
      for v in 0..<n where start[v + 1] > start[v] {
        let root = Int(parent[v])
        if root == v { components += 1 }
        potential[v] -= sum[root] / Double(size[root])
      }
    }
    // Gradient and circular parts, per block, combined in block order.
    var parts = [(Double, Double)](repeating: (0, 0), count: blockCount)
    potential.withUnsafeBufferPointer { phi in
      parts.withUnsafeMutableBufferPointer { out in
        let shared = UnsafeSendable((phi, out))
        forEachBlock { block in
          let (phi, out) = shared.value
          var gradient = 0.0
          var circular = 0.0
          for i in blocks[block] {
            network.forEachNeighbour(of: i, reverse) { j, a, back in
              guard i < j else { return }
              let w = weighted ? a + back : 1
              let flow = a - back
              let g = phi[j] - phi[i]
              gradient += w * g * g
              circular += w * (flow - g) * (flow - g)
            }
          }
          out[block] = (gradient, circular)
        }
      }
    }
    let gradient = parts.reduce(0) { $0 + $1.0 }
    let circular = parts.reduce(0) { $0 + $1.1 }
    return HodgeDecomposition(
      supportEdges: supportEdges, components: components, weighted: weighted, total: total,
      gradient: gradient, circular: circular, iterations: solved.iterations,
      relativeResidual: solved.relativeResidual, converged: solved.converged, potential: potential)
  }

  /// Calls `body(j, a_ij, a_ji)` for every neighbour `j ≠ i` of `i` in the support, in increasing
  /// order of `j`, by merging row `i` of the network with row `i` of its transpose.
  @inline(__always)
  fileprivate func forEachNeighbour(of i: Int, _ reverse: FlowNetwork, _ body: (Int, Double, Double) -> Void) {
    var out = offsets[i]
    let outEnd = offsets[i + 1]
    var into = reverse.offsets[i]
    let intoEnd = reverse.offsets[i + 1]
    while out < outEnd || into < intoEnd {
      let j1 = out < outEnd ? targets[out] : .max
      let j2 = into < intoEnd ? reverse.targets[into] : .max
      if j1 == j2 {
        if Int(j1) != i { body(Int(j1), weights[out], reverse.weights[into]) }
        out += 1
        into += 1
      } else if j1 < j2 {
        if Int(j1) != i { body(Int(j1), weights[out], 0) }
        out += 1
      } else {
        if Int(j2) != i { body(Int(j2), 0, reverse.weights[into]) }
        into += 1
      }
    }
  }
}
