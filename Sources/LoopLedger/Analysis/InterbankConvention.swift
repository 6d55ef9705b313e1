/// The convention for bulk interbank-style networks that `loopledger clear` and `debtrank` use
/// when no external assets are given, fixed so that other tools can reproduce every number.
///
/// - `L_ij = a_ij` (row `source,target,amount`: source owes target), `p̄_i = Σ_j L_ij`.
/// - External assets `e_i = p̄_i · (0.25 + 0.5 · u_i)`, where `u_i` is the FNV-1a-64 hash of the
///   id's UTF-8 bytes passed through the splitmix64 finaliser and scaled to [0, 1) by
///   `u = (z >> 11) · 2⁻⁵³`.
/// - DebtRank: capital `E_i = 0.1 · (e_i + Σ_s a_si)`, value `v_i` = share of total assets
///   `e_i + Σ_s a_si`, impact `W_st = min(1, a_st / E_t)`, shock `ψ = 1` on the 10 nodes of largest
///   total assets (ties by ascending id).
public enum InterbankConvention {
  /// `u(id)` in [0, 1).
  public static func unitValue(_ id: String) -> Double {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    var z = hash &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Double(z >> 11) * 0x1p-53
  }

  /// `e_i = p̄_i (0.25 + 0.5 u_i)`.
  public static func externalAssets(ids: [String], liabilities: FlowNetwork) -> [Double] {
    let obligations = liabilities.outStrength()
    return ids.indices.map { obligations[$0] * (0.25 + 0.5 * unitValue(ids[$0])) }
  }

  /// Runs DebtRank under the convention.
  ///
  /// - Parameters:
  ///   - ids: The node ids, indexed by node number; they break ties between equal total assets.
  ///   - exposures: `a_st` as edges `s → t` (s owes t).
  ///   - externalAssets: `e_i`; nil for the convention's.
  ///   - shockCount: How many of the largest nodes (by total assets) start fully distressed.
  /// - Returns: The DebtRank result and the ids of the shocked nodes, largest first.
  /// - Throws: `AnalysisError.dimensionMismatch` when there are fewer `ids` than nodes.
  public static func debtRank(
    ids: [String], exposures: FlowNetwork, externalAssets: [Double]? = nil, shockCount: Int = 10
  ) throws -> (result: DebtRankResult, shocked: [String]) {
    let external = externalAssets ?? self.externalAssets(ids: ids, liabilities: exposures)
    let claims = exposures.inStrength()  // Σ_s a_si: what others owe i
    let assets = ids.indices.map { external[$0] + claims[$0] }
    let totalAssets = assets.reduce(0, +)
    let capital = assets.map { 0.1 * $0 }
    let value = assets.map { totalAssets > 0 ? $0 / totalAssets : 0 }
    let largest = ids.indices.sorted {
      assets[$0] != assets[$1] ? assets[$0] > assets[$1] : ids[$0] < ids[$1]
    }.prefix(shockCount)
    let shock = Dictionary(uniqueKeysWithValues: largest.map { ($0, 1.0) })
    let result = try LoopLedger.debtRank(exposures: exposures, capital: capital, value: value, shock: shock)
    return (result, largest.map { ids[$0] })
  }
}
