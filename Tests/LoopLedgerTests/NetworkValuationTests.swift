import Testing

@testable import LoopLedger

@Suite("Network valuation (NEVA)")
struct NetworkValuationTests {
  @Test func nevaModelsOrderTheLosses() throws {
    // A ring of claims; node 0 loses its outside assets. Furfine (all or nothing) hurts at least
    // as much as linear DebtRank here, and every equity is at most its book value.
    let claims = FlowNetwork(nodeCount: 3, edges: [(0, 1, 10), (1, 2, 10), (2, 0, 10)])
    let outside = [0.0, 3, 3]
    for model in ValuationModel.allCases {
      let result = try networkValuation(claims: claims, externalAssets: outside, model: model)
      #expect(zip(result.equity, result.bookEquity).allSatisfy { $0 <= $1 + 1e-9 })
    }
    let furfine = try networkValuation(claims: claims, externalAssets: [-1, 3, 3], model: .furfine)
    #expect(furfine.isInDefault[0])
  }

  /// With the linear-DebtRank valuation, a solvent node's relative equity loss is
  /// h_i = Σ_j (A_ij / E_i(0)) h_j, and a node with no book equity has h = 1.
  ///
  /// While no solvent node loses everything, h_S = (I − Λ_SS)⁻¹ Λ_SD 1: solved densely here, and
  /// compared with the `linearDebtRank` function on the exposures (the transpose of the claims).
  @Test("The linear-DebtRank valuation equals the linear system and linearDebtRank", arguments: 0..<20)
  func linearDebtRankValuationMatchesIndependentComputations(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 9_100)
    let n = Int.random(in: 3...14, using: &rng)
    let claims = FlowNetwork.random(
      nodeCount: n, edgeProbability: Double.random(in: 0.15...0.6, using: &rng), using: &rng)
    let held = claims.outStrength()  // Σ_j A_ij
    let owed = claims.inStrength()  // Σ_j A_ji
    let insolvent = Set((0..<Int.random(in: 1...2, using: &rng)).map { _ in Int.random(in: 0..<n, using: &rng) })
    // Book equity: negative for the insolvent nodes, held / c_i with c_i ≤ 0.6 for the others,
    // so that Σ_j Λ_ij ≤ 0.6 and no solvent node's loss reaches its equity.
    let book = (0..<n).map { i -> Double in
      if insolvent.contains(i) { return -Double.random(in: 1...50, using: &rng) }
      return held[i] > 0 ? held[i] / Double.random(in: 0.05...0.6, using: &rng) : Double.random(in: 1...50, using: &rng)
    }
    let external = (0..<n).map { book[$0] - held[$0] + owed[$0] }

    // Dense: (I − Λ_SS) h_S = Λ_SD · 1, and h = 1 on the insolvent nodes.
    let solvent = (0..<n).filter { !insolvent.contains($0) }
    let index = Dictionary(uniqueKeysWithValues: solvent.enumerated().map { ($1, $0) })
    var matrix = solvent.indices.map { r in solvent.indices.map { c in r == c ? 1.0 : 0 } }
    var rhs = [Double](repeating: 0, count: solvent.count)
    for i in solvent {
      for position in claims.edges(from: i) {
        let j = Int(claims.targets[position])
        let lambda = claims.weights[position] / book[i]
        if let column = index[j] { matrix[index[i]!][column] -= lambda } else { rhs[index[i]!] += lambda }
      }
    }
    let hSolvent = solveDense(matrix, rhs)
    var h = [Double](repeating: 1, count: n)
    for (row, i) in solvent.enumerated() { h[i] = hSolvent[row] }
    #expect(solvent.allSatisfy { h[$0] < 1 })
    // Equity from the losses: E_i = a_i + Σ_j A_ij (1 − h_j) − Σ_j A_ji for every node.
    let expected = (0..<n).map { i in
      external[i] - owed[i]
        + claims.edges(from: i).reduce(0) { $0 + claims.weights[$1] * (1 - h[Int(claims.targets[$1])]) }
    }

    let result = try networkValuation(claims: claims, externalAssets: external, model: .linearDebtRank)
    let scale = max(1, book.map(abs).max()!)
    for i in 0..<n {
      #expect(abs(result.bookEquity[i] - book[i]) <= 1e-9 * scale)
      #expect(abs(result.equity[i] - expected[i]) <= 1e-8 * scale, "node \(i)")
      #expect(abs(result.valuation[i] - (1 - h[i])) <= 1e-8, "node \(i)")
    }
    #expect(result.isInDefault == (0..<n).map { insolvent.contains($0) })

    // The same losses from linear DebtRank: exposures j → i (j owes i), capital E(0), ψ = 1 on
    // the insolvent nodes.
    let shock = Dictionary(uniqueKeysWithValues: insolvent.map { ($0, 1.0) })
    let linear = try linearDebtRank(
      exposures: claims.transposed(), capital: book, value: [Double](repeating: 1 / Double(n), count: n), shock: shock)
    for i in 0..<n { #expect(abs(linear.distress[i] - h[i]) <= 1e-9, "node \(i)") }
  }
}
