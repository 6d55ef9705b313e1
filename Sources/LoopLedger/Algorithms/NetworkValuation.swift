/// NEVA: one solver for the equity of every node in a network of claims, with the model of how
/// a claim's value depends on the debtor's equity as a plug-in function.
///
/// Reference: P. Barucca, M. Bardoscia, F. Caccioli, M. D'Errico, G. Visentin, G. Caldarelli and
/// S. Battiston, "Network valuation in financial systems", Mathematical Finance 30(4), 1181–1204
/// (2020).
///
/// Node `i` holds claims `A_ij` on `j` (edge `i → j`), external assets `a_i` and external
/// liabilities `ℓ_i`; it owes `Σ_j A_ji` to the network. Its equity solves
///
///     E_i = a_i − ℓ_i + Σ_j A_ij · V(E_j; j) − Σ_j A_ji,
///
/// where `V ∈ [0, 1]` is the valuation function — the only thing that differs between models:
///
/// - **Furfine** (C. Furfine, J. Money Credit Bank. 35(1), 2003): `V = 1` if `E_j > 0`, else the
///   recovery rate `R`;
/// - **Eisenberg–Noe**: `V = clamp((E_j + L̄_j) / L̄_j, 0, 1)` with `L̄_j` all of `j`'s
///   liabilities — the fraction `j` repays, so the solution reproduces the clearing vector;
/// - **linear DebtRank** (M. Bardoscia, S. Battiston, F. Caccioli and G. Caldarelli, "DebtRank:
///   a microscopic foundation for shock propagation", PLoS ONE 10(6), e0130406 (2015)):
///   `V = clamp(E_j / E_j(0), 0, 1)`, losses passed on in proportion to equity lost.
///
/// The solver iterates `E ← Φ(E)` from book equity `E(0)` (every claim at face value). `Φ` is
/// monotone and `E(1) ≤ E(0)`, so the iterates decrease to the greatest fixed point; it stops when
/// no equity moves by more than `tolerance` times the largest book equity. A new model is a new
/// `ValuationModel` case and one line in ``ValuationModel/value(equity:bookEquity:liabilities:)``.
public enum ValuationModel: String, Sendable, Codable, CaseIterable {
  case furfine
  case eisenbergNoe = "eisenberg-noe"
  case linearDebtRank = "linear-debtrank"

  /// The fraction of a claim's face value that a claim on a debtor with `equity` is worth.
  ///
  /// - Complexity: O(1).
  @inlinable
  public func value(equity: Double, bookEquity: Double, liabilities: Double, recovery: Double = 0)
    -> Double
  {
    switch self {
    case .furfine:
      equity > 0 ? 1 : recovery
    case .eisenbergNoe:
      liabilities > 0 ? min(1, max(0, (equity + liabilities) / liabilities)) : 1
    case .linearDebtRank:
      bookEquity > 0 ? min(1, max(0, equity / bookEquity)) : (equity > 0 ? 1 : 0)
    }
  }
}

/// The equities NEVA finds.
public struct NetworkValuationResult: Sendable, Equatable {
  /// Book equity `E(0)`.
  public var bookEquity: [Double]
  /// Equity at the fixed point.
  public var equity: [Double]
  /// `V` of each node's debts at the fixed point.
  public var valuation: [Double]
  public var iterations: Int
  /// Nodes whose equity is not positive at the fixed point.
  public var isInDefault: [Bool]
}

/// Solves for equities with a pluggable valuation model.
///
/// - Parameters:
///   - claims: `A_ij` as edges `i → j` (i's claim on j).
///   - externalAssets: `a_i`.
///   - externalLiabilities: `ℓ_i` (zeros if nil).
///   - model: The valuation function.
///   - recovery: Furfine's recovery rate.
///   - tolerance: Stop when no equity moves by more than this times the largest book equity (at
///     least 1).
///   - maxIterations: The most iterations of `E ← Φ(E)`.
/// - Returns: Book equity, equity and the value of each node's debts at the fixed point, the
///   iterations, and the nodes in default.
/// - Throws: `AnalysisError.dimensionMismatch`, `CancellationError`.
/// - Complexity: O(n + m) per iteration, O(k·(n + m)) for n nodes, m edges and
///   k ≤ `maxIterations` iterations; memory O(n).
public func networkValuation(
  claims: FlowNetwork, externalAssets: [Double], externalLiabilities: [Double]? = nil,
  model: ValuationModel, recovery: Double = 0, tolerance: Double = 1e-13,
  maxIterations: Int = 100_000
) throws -> NetworkValuationResult {
  let n = claims.nodeCount
  guard externalAssets.count == n else {
    throw AnalysisError.dimensionMismatch(name: "externalAssets", expected: n, actual: externalAssets.count)
  }
  let external = externalLiabilities ?? [Double](repeating: 0, count: n)
  guard external.count == n else {
    throw AnalysisError.dimensionMismatch(name: "externalLiabilities", expected: n, actual: external.count)
  }
  let owedToNetwork = claims.inStrength()  // Σ_j A_ji: what i owes
  let heldClaims = claims.outStrength()
  var book = [Double](repeating: 0, count: n)
  var liabilities = [Double](repeating: 0, count: n)
  for i in 0..<n {
    book[i] = externalAssets[i] - external[i] + heldClaims[i] - owedToNetwork[i]
    liabilities[i] = owedToNetwork[i] + external[i]
  }
  let scale = max(1, book.map(abs).max() ?? 1)
  var equity = book
  var valuation = [Double](repeating: 1, count: n)
  var iterations = 0
  while iterations < maxIterations {
    try Task.checkCancellation()
    iterations += 1
    for j in 0..<n {
      valuation[j] = model.value(
        equity: equity[j], bookEquity: book[j], liabilities: liabilities[j], recovery: recovery)
    }
    var moved = 0.0
    for i in 0..<n {
      var claimValue = 0.0
      for position in claims.edges(from: i) {
        claimValue += claims.weights[position] * valuation[Int(claims.targets[position])]
      }
      let next = externalAssets[i] - external[i] + claimValue - owedToNetwork[i]
      moved = max(moved, abs(next - equity[i]))
      equity[i] = next
    }
    if moved <= tolerance * scale { break }
  }
  for j in 0..<n {
    valuation[j] = model.value(
      equity: equity[j], bookEquity: book[j], liabilities: liabilities[j], recovery: recovery)
  }
  return NetworkValuationResult(
    bookEquity: book, equity: equity, valuation: valuation, iterations: iterations,
    isInDefault: equity.map { $0 <= 0 })
}
