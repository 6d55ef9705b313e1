/// Proportional flow tracing: how much of each node's inflow began as its own outflow.
///
/// **Model.** Node `j` receives `in_j = Σ_i a_ij` from the network and brings in external money
/// `x_j` (by default `x_j = max(0, out_j − in_j)`: whatever it paid beyond what it received came
/// from outside the network — J. Bialek, "Tracing the flow of electricity", IEE Proc. Gener.
/// Transm. Distrib. 143(4), 313–320 (1996), applied to money). Its pool `T_j = in_j + x_j` is
/// mixed: each dollar it pays out carries the origin mix of the pool (proportional sharing).
///
/// For a target `k`, let `h_j` be the share of `j`'s pool that began as `k`'s own outflow.
/// Money in `k`'s outflow is `k`'s, whatever `k` had received before, so
///
///     h_j = Σ_i (a_ij / T_j) · (1 if i = k else h_i)      for j ≠ k,
///
/// and `h_j = 0` for nodes `k` cannot reach through edges of positive weight (an edge of
/// weight zero — an amount left out of a scenario — carries nothing). On the nodes `k` reaches the system
/// `(I − P) h = b` has `P_ji = a_ij / T_j`; every such node has an inflow path from `k`, so no set
/// of them is closed and `I − P` is invertible. The self-funded share of `k` is
///
///     s_k = Σ_j a_jk · h_j / in_k,
///
/// the fraction of `k`'s inflow that traces back to `k`'s own payments.
///
/// The system is solved by Gaussian elimination with partial pivoting, one per node with
/// inflows: O(n⁴) in the worst case, meant for ledgers (hundreds of companies), not bulk networks.
public enum FlowTracing {
  /// The largest network ``selfFundedShares(of:externalMoney:)`` accepts.
  public static let maxNodes = 400

  /// Returns each node's self-funded share of inflow; nil for nodes without inflow.
  ///
  /// - Parameters:
  ///   - network: Flows `a_ij` as edge weights (non-negative).
  ///   - externalMoney: Each node's external money `x_j`; nil entries use `max(0, out − in)`.
  /// - Returns: One entry per node: the fraction of its inflow that traces back to its own
  ///   payments, or nil when it has no inflow.
  /// - Precondition: `network.nodeCount ≤ maxNodes`.
  /// - Complexity: O(n·(n + m) + Σ_k r_k³) for n nodes, m edges and r_k ≤ n − 1 the nodes k
  ///   reaches — a breadth-first search and a dense elimination for each node with inflow — which
  ///   is O(n⁴) for a strongly connected network; memory O(n²) for one dense system at a time.
  public static func selfFundedShares(of network: FlowNetwork, externalMoney: [Double?]? = nil)
    -> [Double?]
  {
    let n = network.nodeCount
    precondition(n <= maxNodes, "flow tracing is limited to \(maxNodes) nodes")
    let inflow = network.inStrength()
    let outflow = network.outStrength()
    var pool = [Double](repeating: 0, count: n)
    for j in 0..<n {
      let external = externalMoney?[j] ?? max(0, outflow[j] - inflow[j])
      pool[j] = inflow[j] + external
    }
    let reverse = network.transposed()
    var shares = [Double?](repeating: nil, count: n)
    for k in 0..<n where inflow[k] > 0 {
      // Nodes reachable from k (excluding k).
      var position = [Int](repeating: -1, count: n)
      var reached: [Int] = []
      var queue = [k]
      var head = 0
      while head < queue.count {
        let v = queue[head]
        head += 1
        for edge in network.edges(from: v) where network.weights[edge] > 0 {
          let w = Int(network.targets[edge])
          if w != k, position[w] < 0 {
            position[w] = reached.count
            reached.append(w)
            queue.append(w)
          }
        }
      }
      let m = reached.count
      var matrix = [Double](repeating: 0, count: m * m)
      var rhs = [Double](repeating: 0, count: m)
      for (row, j) in reached.enumerated() {
        matrix[row * m + row] = 1
        for edge in reverse.edges(from: j) where reverse.weights[edge] > 0 {
          let i = Int(reverse.targets[edge])
          let share = reverse.weights[edge] / pool[j]
          if i == k {
            rhs[row] += share
          } else if position[i] >= 0 {
            matrix[row * m + position[i]] -= share
          }
        }
      }
      let h = solve(&matrix, &rhs, m)
      var traced = 0.0
      for edge in reverse.edges(from: k) {
        let j = Int(reverse.targets[edge])
        if position[j] >= 0 { traced += reverse.weights[edge] * h[position[j]] }
      }
      shares[k] = min(1, max(0, traced / inflow[k]))
    }
    return shares
  }

  /// Solves `A x = b` in place (A is m×m, row-major) by Gaussian elimination with partial pivoting.
  private static func solve(_ a: inout [Double], _ b: inout [Double], _ m: Int) -> [Double] {
    for column in 0..<m {
      var pivot = column
      for row in (column + 1)..<max(column + 1, m) where abs(a[row * m + column]) > abs(a[pivot * m + column]) {
        pivot = row
      }
      if pivot != column {
        for c in 0..<m { a.swapAt(column * m + c, pivot * m + c) }
        b.swapAt(column, pivot)
      }
      let diagonal = a[column * m + column]
      guard diagonal != 0 else { continue }
      for row in (column + 1)..<max(column + 1, m) {
        let factor = a[row * m + column] / diagonal
        if factor == 0 { continue }
        for c in column..<m { a[row * m + c] -= factor * a[column * m + c] }
        b[row] -= factor * b[column]
      }
    }
    var x = [Double](repeating: 0, count: m)
    for row in stride(from: m - 1, through: 0, by: -1) {
      var sum = b[row]
      for c in (row + 1)..<max(row + 1, m) { sum -= a[row * m + c] * x[c] }
      let diagonal = a[row * m + row]
      x[row] = diagonal == 0 ? 0 : sum / diagonal
    }
    return x
  }
}
