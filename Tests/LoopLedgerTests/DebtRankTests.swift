import Testing

@testable import LoopLedger

@Suite("DebtRank")
struct DebtRankTests {
  @Test func aChainByHand() throws {
    // s owes t 5, t owes u 20; capital E = (10, 10, 10): W_st = 0.5, W_tu = 1.
    let exposures = FlowNetwork(nodeCount: 3, edges: [(0, 1, 5), (1, 2, 20)])
    let result = try debtRank(
      exposures: exposures, capital: [10, 10, 10], value: [0.2, 0.3, 0.5], shock: [0: 1])
    // h: s = 1 → t = 0.5 → u = 0.5 (each propagates once).
    #expect(result.distress == [1, 0.5, 0.5])
    #expect(abs(result.debtRank - (0.5 * 0.3 + 0.5 * 0.5)) < 1e-15)
    #expect(result.steps == 3)
  }

  @Test func distressOnACycleIsCountedOnce() throws {
    // s ⇄ t with full impact both ways: t becomes distressed, and s is already inactive.
    let exposures = FlowNetwork(nodeCount: 2, edges: [(0, 1, 100), (1, 0, 100)])
    let result = try debtRank(exposures: exposures, capital: [10, 10], value: [0.5, 0.5], shock: [0: 0.4])
    #expect(result.distress == [0.8, 0.4])
    #expect(abs(result.debtRank - (0.8 * 0.5 + 0.4 * 0.5 - 0.4 * 0.5)) < 1e-15)
  }

  @Test("DebtRank stays in [0, 1] and grows with the shock", arguments: 0..<15)
  func boundsAndMonotonicity(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 31)
    let n = Int.random(in: 3...25, using: &rng)
    let exposures = FlowNetwork.random(nodeCount: n, edgeProbability: 0.2, using: &rng)
    let capital = (0..<n).map { _ in Double.random(in: 1...200, using: &rng) }
    let raw = (0..<n).map { _ in Double.random(in: 0.1...1, using: &rng) }
    let value = raw.map { $0 / raw.reduce(0, +) }
    let weak = try debtRank(exposures: exposures, capital: capital, value: value, shock: [0: 0.3])
    let strong = try debtRank(exposures: exposures, capital: capital, value: value, shock: [0: 0.9])
    #expect(weak.distress.allSatisfy { (0...1).contains($0) })
    #expect(weak.debtRank >= 0 && weak.debtRank + weak.initialLoss <= 1 + 1e-12)
    #expect(strong.debtRank + strong.initialLoss >= weak.debtRank + weak.initialLoss - 1e-12)
  }

  @Test func linearDebtRankGoesRoundLoops() throws {
    // A chain: the same as DebtRank (nothing to go round).
    let chain = FlowNetwork(nodeCount: 3, edges: [(0, 1, 5), (1, 2, 20)])
    let linearChain = try linearDebtRank(
      exposures: chain, capital: [10, 10, 10], value: [0.2, 0.3, 0.5], shock: [0: 1])
    #expect(linearChain.distress == [1, 0.5, 0.5])
    // A 2-cycle with impact 0.5 both ways, shock 0.4 on s: increments 0.4 → 0.2 on t → 0.1 on
    // s → 0.05 on t …: h_s = 0.4 + 0.1 + 0.025 + … = 0.4·(4/3), h_t = 0.2·(4/3).
    let ring = FlowNetwork(nodeCount: 2, edges: [(0, 1, 5), (1, 0, 5)])
    let result = try linearDebtRank(exposures: ring, capital: [10, 10], value: [0.5, 0.5], shock: [0: 0.4])
    #expect(abs(result.distress[0] - 0.4 * 4 / 3) < 1e-9)
    #expect(abs(result.distress[1] - 0.2 * 4 / 3) < 1e-9)
    // DebtRank proper lets each node propagate once: s stays at 0.4 + 0.1.
    let once = try debtRank(exposures: ring, capital: [10, 10], value: [0.5, 0.5], shock: [0: 0.4])
    #expect(abs(once.distress[0] - 0.5) < 1e-12 && result.debtRank > once.debtRank)
  }

  // MARK: Linear DebtRank against independent computations

  /// While no node reaches 1 the clip never acts, and linear DebtRank sums the increments
  /// ψ, Wᵀψ, (Wᵀ)²ψ, …: h = (I − Wᵀ)⁻¹ψ, solved here densely.
  @Test("Linear DebtRank equals (I − Wᵀ)⁻¹ψ when nothing saturates", arguments: 0..<20)
  func linearDebtRankSolvesTheLinearSystem(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 4_400)
    let n = Int.random(in: 2...14, using: &rng)
    let exposures = FlowNetwork.random(
      nodeCount: n, edgeProbability: Double.random(in: 0.15...0.6, using: &rng), using: &rng)
    // E_t = (what t is owed) / c_t with c_t ≤ 0.6: the impacts on t sum to c_t, so
    // ‖h‖∞ ≤ max ψ / (1 − 0.6) ≤ 0.875 and no clip (min(1, ·)) is ever reached.
    let owed = exposures.inStrength()
    let capital = owed.map { $0 > 0 ? $0 / Double.random(in: 0.05...0.6, using: &rng) : 1 }
    let raw = (0..<n).map { _ in Double.random(in: 0.1...1, using: &rng) }
    let value = raw.map { $0 / raw.reduce(0, +) }
    var shock: [Int: Double] = [n + 2: 0.5]  // outside the network: ignored
    for node in 0..<n where Bool.random(using: &rng) { shock[node] = Double.random(in: 0.01...0.35, using: &rng) }
    shock[Int.random(in: 0..<n, using: &rng)] = 0.3
    var psi = [Double](repeating: 0, count: n)
    for (node, x) in shock where node < n { psi[node] = x }

    // (I − Wᵀ) h = ψ with W_st = a_st / E_t.
    var matrix = (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : 0 } }
    for s in 0..<n {
      for position in exposures.edges(from: s) {
        let t = Int(exposures.targets[position])
        matrix[t][s] -= exposures.weights[position] / capital[t]
      }
    }
    let expected = solveDense(matrix, psi)
    #expect(expected.allSatisfy { $0 < 1 })

    let result = try linearDebtRank(exposures: exposures, capital: capital, value: value, shock: shock)
    for i in 0..<n {
      #expect(abs(result.distress[i] - expected[i]) <= 1e-10, "node \(i): \(result.distress[i]) vs \(expected[i])")
    }
    let initialLoss = zip(psi, value).reduce(0) { $0 + $1.0 * $1.1 }
    let finalLoss = zip(expected, value).reduce(0) { $0 + $1.0 * $1.1 }
    #expect(abs(result.initialLoss - initialLoss) <= 1e-12)
    #expect(abs(result.debtRank - (finalLoss - initialLoss)) <= 1e-10)
    #expect(result.steps < 10_000)
  }

  @Test func linearDebtRankSaturatesOnAFatalTwoCycle() throws {
    // s ⇄ t with impact 1 both ways (exposure 100 against capital 10), ψ_s = 0.4. By hand, each
    // step moving the last increment across: h = (0.4, 0) → (0.4, 0.4) → (0.8, 0.4) → (0.8, 0.8)
    // → (1, 0.8) [the increment 0.4 is clipped to 0.2] → (1, 1) → nothing moves.
    let ring = FlowNetwork(nodeCount: 2, edges: [(0, 1, 100), (1, 0, 100)])
    let result = try linearDebtRank(exposures: ring, capital: [10, 10], value: [0.25, 0.75], shock: [0: 0.4])
    #expect(result.distress == [1, 1])
    #expect(abs(result.initialLoss - 0.1) < 1e-15)
    #expect(abs(result.debtRank - 0.9) < 1e-15)
    #expect(result.steps == 6)
  }

  @Test func linearDebtRankStopsAtMaxSteps() throws {
    // Impact ½ both ways, ψ_s = 0.4: step 1 gives t 0.2, step 2 gives s 0.1, step 3 gives t 0.05.
    let ring = FlowNetwork(nodeCount: 2, edges: [(0, 1, 5), (1, 0, 5)])
    let result = try linearDebtRank(
      exposures: ring, capital: [10, 10], value: [0.5, 0.5], shock: [0: 0.4], maxSteps: 3)
    #expect(result.steps == 3)
    #expect(abs(result.distress[0] - 0.5) < 1e-15)
    #expect(abs(result.distress[1] - 0.25) < 1e-15)
  }

  // MARK: Conventions

  @Test func zeroCapitalIsFatalAndInfiniteCapitalAbsorbs() throws {
    // 0 owes 1 an exposure of 5. Capital 0: W = 1. Capital ∞ (unknown balance sheet): W = 0.
    let edge = FlowNetwork(nodeCount: 2, edges: [(0, 1, 5)])
    let runs: [(FlowNetwork, [Double], [Double], [Int: Double]) throws -> DebtRankResult] = [
      { try debtRank(exposures: $0, capital: $1, value: $2, shock: $3) },
      { try linearDebtRank(exposures: $0, capital: $1, value: $2, shock: $3) },
    ]
    for run in runs {
      #expect(try run(edge, [10, 0], [0.5, 0.5], [0: 0.3]).distress == [0.3, 0.3])
      #expect(try run(edge, [10, -2], [0.5, 0.5], [0: 0.3]).distress == [0.3, 0.3])
      #expect(try run(edge, [10, .infinity], [0.5, 0.5], [0: 0.3]).distress == [0.3, 0])
      #expect(try run(edge, [10, 2], [0.5, 0.5], [0: 0.3]).distress == [0.3, 0.3])  // min(1, 5/2)
    }
  }

  @Test func shocksAreClampedAndOutOfRangeNodesIgnored() throws {
    let edge = FlowNetwork(nodeCount: 2, edges: [(0, 1, 5)])
    let result = try debtRank(
      exposures: edge, capital: [10, 10], value: [0.5, 0.5], shock: [0: 7, 1: -1, 5: 1, -3: 1])
    #expect(result.distress == [1, 0.5])
    #expect(result.initialLoss == 0.5)
    let linear = try linearDebtRank(
      exposures: edge, capital: [10, 10], value: [0.5, 0.5], shock: [0: 7, 1: -1, 5: 1])
    #expect(linear.distress == [1, 0.5])
  }

  @Test func mismatchedVectorsAreRejected() {
    let edge = FlowNetwork(nodeCount: 2, edges: [(0, 1, 5)])
    #expect(throws: AnalysisError.dimensionMismatch(name: "capital", expected: 2, actual: 1)) {
      _ = try debtRank(exposures: edge, capital: [1], value: [0.5, 0.5], shock: [:])
    }
    #expect(throws: AnalysisError.dimensionMismatch(name: "value", expected: 2, actual: 3)) {
      _ = try linearDebtRank(exposures: edge, capital: [1, 1], value: [0.2, 0.3, 0.5], shock: [:])
    }
  }

  /// DebtRank proper, written again on a dense impact matrix straight from the paper's rules.
  private func denseDebtRank(_ network: FlowNetwork, capital: [Double], shock: [Double]) -> [Double] {
    let n = network.nodeCount
    var w = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for s in 0..<n {
      for position in network.edges(from: s) {
        let t = Int(network.targets[position])
        w[s][t] = capital[t] > 0 ? min(1, network.weights[position] / capital[t]) : 1
      }
    }
    var h = shock
    var state = shock.map { $0 > 0 ? "D" : "U" }
    while state.contains("D") {
      let before = h
      for t in 0..<n {
        var sum = 0.0
        for s in 0..<n where state[s] == "D" { sum += w[s][t] * before[s] }
        h[t] = min(1, h[t] + sum)
      }
      for i in 0..<n {
        if state[i] == "D" { state[i] = "I" } else if state[i] == "U", h[i] > 0 { state[i] = "D" }
      }
    }
    return h
  }

  @Test("DebtRank equals a dense re-implementation of the paper's rules", arguments: 0..<20)
  func debtRankMatchesADenseReference(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 5_100)
    let n = Int.random(in: 2...16, using: &rng)
    let exposures = FlowNetwork.random(
      nodeCount: n, edgeProbability: Double.random(in: 0.1...0.5, using: &rng), using: &rng)
    let capital = (0..<n).map { _ in Double.random(in: 20...400, using: &rng) }
    var psi = [Double](repeating: 0, count: n)
    for node in 0..<n where Double.random(in: 0..<1, using: &rng) < 0.25 {
      psi[node] = Double.random(in: 0.05...1, using: &rng)
    }
    psi[0] = max(psi[0], 0.5)
    var shock: [Int: Double] = [:]
    for (node, x) in psi.enumerated() where x > 0 { shock[node] = x }
    let result = try debtRank(
      exposures: exposures, capital: capital, value: [Double](repeating: 1 / Double(n), count: n), shock: shock)
    let expected = denseDebtRank(exposures, capital: capital, shock: psi)
    for i in 0..<n { #expect(abs(result.distress[i] - expected[i]) <= 1e-12, "node \(i)") }
  }
}
