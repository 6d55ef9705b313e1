/// DebtRank: how much of a network's economic value is lost when distress spreads from a shock.
///
/// Reference: S. Battiston, M. Puliga, R. Kaushik, P. Tasca and G. Caldarelli, "DebtRank: too
/// central to fail? Financial networks, the FED and systemic risk", Sci. Rep. 2, 541 (2012).
///
/// Node `s` owes `a_st` to `t` (edge `s → t`), so `t` is exposed to `s`. With capital `E_t`, the
/// impact of `s` on `t` is `W_st = min(1, a_st / E_t)`. Distress `h ∈ [0, 1]`; states undistressed
/// (U), distressed (D), inactive (I). At the start the shocked nodes have `h = ψ` and state D.
/// Each step:
///
///     h_t ← min(1, h_t + Σ_{s in D} W_st h_s)      for every t,
///     then D → I, and U → D where h > 0,
///
/// so each node propagates its distress exactly once. It ends when no node is in D. The DebtRank
/// is `R = Σ_i h_i(end) v_i − Σ_i h_i(start) v_i` with economic weights `v` (shares of total assets).
public struct DebtRankResult: Sendable, Equatable {
  /// Final distress of each node.
  public var distress: [Double]
  /// `R`, the value lost beyond the initial shock.
  public var debtRank: Double
  /// `Σ h(start) v`.
  public var initialLoss: Double
  public var steps: Int
}

/// Runs DebtRank (Battiston and others, 2012).
///
/// - Parameters:
///   - exposures: `a_st` as edges `s → t` (s owes t).
///   - capital: `E_t` per node (0 means any exposure is fatal: `W = 1`).
///   - value: `v_i`, summing to 1.
///   - shock: Initial distress `ψ` per shocked node.
/// - Returns: Each node's final distress, the DebtRank `R` beyond the initial loss, the initial
///   loss `Σ h(start) v` and the number of propagation steps.
/// - Throws: `AnalysisError.dimensionMismatch`.
/// - Complexity: O(n log n + m + s log s) for n nodes, m edges and s shock entries: every node
///   propagates at most once, so every edge is read at most once; sorting the shock and each
///   round's newly distressed nodes costs the logarithmic terms. Memory O(n).
public func debtRank(
  exposures: FlowNetwork, capital: [Double], value: [Double], shock: [Int: Double]
) throws -> DebtRankResult {
  let n = exposures.nodeCount
  guard capital.count == n else {
    throw AnalysisError.dimensionMismatch(name: "capital", expected: n, actual: capital.count)
  }
  guard value.count == n else {
    throw AnalysisError.dimensionMismatch(name: "value", expected: n, actual: value.count)
  }
  var h = [Double](repeating: 0, count: n)
  // 0 = undistressed, 1 = distressed, 2 = inactive.
  var state = [UInt8](repeating: 0, count: n)
  var distressed: [Int] = []
  for (node, psi) in shock.sorted(by: { $0.key < $1.key }) where (0..<n).contains(node) {
    h[node] = min(1, max(0, psi))
    if h[node] > 0 {
      state[node] = 1
      distressed.append(node)
    }
  }
  var initialLoss = 0.0
  for i in 0..<n { initialLoss += h[i] * value[i] }
  var steps = 0
  var increment = [Double](repeating: 0, count: n)
  var touched: [Int] = []
  while !distressed.isEmpty {
    try Task.checkCancellation()
    steps += 1
    for s in distressed {
      for position in exposures.edges(from: s) {
        let t = Int(exposures.targets[position])
        let impact = capital[t] > 0 ? min(1, exposures.weights[position] / capital[t]) : 1
        if increment[t] == 0 { touched.append(t) }
        increment[t] += impact * h[s]
      }
    }
    for s in distressed { state[s] = 2 }
    var next: [Int] = []
    for t in touched {
      h[t] = min(1, h[t] + increment[t])
      increment[t] = 0
      if state[t] == 0, h[t] > 0 {
        state[t] = 1
        next.append(t)
      }
    }
    touched.removeAll(keepingCapacity: true)
    next.sort()
    distressed = next
  }
  var finalLoss = 0.0
  for i in 0..<n { finalLoss += h[i] * value[i] }
  return DebtRankResult(distress: h, debtRank: finalLoss - initialLoss, initialLoss: initialLoss, steps: steps)
}

/// Runs linear DebtRank (Bardoscia, Battiston, Caccioli and Caldarelli, 2015).
///
/// Reference: M. Bardoscia, S. Battiston, F. Caccioli and G. Caldarelli, "DebtRank: a microscopic
/// foundation for shock propagation", PLoS ONE 10(6), e0130406 (2015).
///
/// Distress propagates linearly and repeatedly — not once per node — through the same impacts:
///
///     h_t(k+1) = min(1, h_t(k) + Σ_s W_st (h_s(k) − h_s(k−1))),   h(−1) = 0, h(0) = ψ,
///
/// so on a cycle distress goes round until the increments die out (or everything is at 1). It
/// stops when the largest increment is below `tolerance` or after `maxSteps`. `R = Σ (h − h(0)) v`.
///
/// - Complexity: O(n + m) per step, O(k·(n + m) + s) for n nodes, m edges, k ≤ `maxSteps` steps
///   and s shock entries; memory O(n).
public func linearDebtRank(
  exposures: FlowNetwork, capital: [Double], value: [Double], shock: [Int: Double],
  tolerance: Double = 1e-12, maxSteps: Int = 10_000
) throws -> DebtRankResult {
  let n = exposures.nodeCount
  guard capital.count == n else {
    throw AnalysisError.dimensionMismatch(name: "capital", expected: n, actual: capital.count)
  }
  guard value.count == n else {
    throw AnalysisError.dimensionMismatch(name: "value", expected: n, actual: value.count)
  }
  var h = [Double](repeating: 0, count: n)
  for (node, psi) in shock where (0..<n).contains(node) { h[node] = min(1, max(0, psi)) }
  let initial = h
  var increment = h
  var steps = 0
  while steps < maxSteps {
    try Task.checkCancellation()
    steps += 1
    var next = [Double](repeating: 0, count: n)
    for s in 0..<n where increment[s] > 0 {
      for position in exposures.edges(from: s) {
        let t = Int(exposures.targets[position])
        let impact = capital[t] > 0 ? min(1, exposures.weights[position] / capital[t]) : 1
        next[t] += impact * increment[s]
      }
    }
    var largest = 0.0
    for t in 0..<n {
      let raised = min(1, h[t] + next[t])
      increment[t] = raised - h[t]
      largest = max(largest, increment[t])
      h[t] = raised
    }
    if largest <= tolerance { break }
  }
  var initialLoss = 0.0
  var finalLoss = 0.0
  for i in 0..<n {
    initialLoss += initial[i] * value[i]
    finalLoss += h[i] * value[i]
  }
  return DebtRankResult(distress: h, debtRank: finalLoss - initialLoss, initialLoss: initialLoss, steps: steps)
}
