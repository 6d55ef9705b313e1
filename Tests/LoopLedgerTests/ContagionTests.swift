import Testing

@testable import LoopLedger

@Suite("Eisenberg–Noe clearing")
struct EisenbergNoeTests {
  private func network(_ matrix: [[Double]]) -> FlowNetwork {
    var edges: [(source: Int, target: Int, weight: Double)] = []
    for (i, row) in matrix.enumerated() {
      for (j, value) in row.enumerated() where value > 0 { edges.append((i, j, value)) }
    }
    return FlowNetwork(nodeCount: matrix.count, edges: edges)
  }

  @Test func chainWithShortfallPropagates() throws {
    // A owes B 10, B owes C 10, only A holds 4 outside the network.
    let result = try eisenbergNoeClearing(
      liabilities: network([[0, 10, 0], [0, 0, 10], [0, 0, 0]]), externalAssets: [4, 0, 0])
    #expect(result.payments == [4, 4, 0])
    #expect(result.isInDefault == [true, true, false])
    #expect(result.isProven)
  }

  @Test func ringWithPartialShortfallNetsOut() throws {
    let result = try eisenbergNoeClearing(
      liabilities: network([[0, 10, 0], [0, 0, 10], [10, 0, 0]]), externalAssets: [1, 0, 0])
    #expect(result.payments.allSatisfy { abs($0 - 10) < 1e-9 })
    #expect(result.defaultCount == 0)
  }

  @Test func ringWithoutOutsideMoneyHasTheGreatestSolution() throws {
    // Any common payment in [0, 10] clears a ring with no outside money; EN picks the greatest.
    let result = try eisenbergNoeClearing(
      liabilities: network([[0, 10, 0], [0, 0, 10], [10, 0, 0]]), externalAssets: [0, 0, 0])
    #expect(result.payments == [10, 10, 10])
    #expect(!result.isProven)
  }

  @Test func starPaysProRata() throws {
    // The centre owes three leaves 10 each and has 15: everyone gets half.
    let result = try eisenbergNoeClearing(
      liabilities: network([[0, 10, 10, 10], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]),
      externalAssets: [15, 0, 0, 0])
    #expect(result.payments == [15, 0, 0, 0])
    #expect(result.isInDefault == [true, false, false, false])
  }

  @Test func rogersVeraartCostsDeepenTheCascade() throws {
    // α = β = 0.5: A has 4 < 10 and pays 0.5·4 = 2; B receives 2 and pays 0.5·2 = 1.
    let result = try eisenbergNoeClearing(
      liabilities: network([[0, 10, 0], [0, 0, 10], [0, 0, 0]]), externalAssets: [4, 0, 0],
      defaultCosts: DefaultCosts(alpha: 0.5, beta: 0.5))
    #expect(result.payments == [2, 1, 0])
  }

  @Test("Fixed point, conservation and monotonicity on random networks", arguments: 0..<25)
  func invariants(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 777)
    let n = Int.random(in: 2...30, using: &rng)
    let liabilities = FlowNetwork.random(
      nodeCount: n, edgeProbability: Double.random(in: 0.05...0.4, using: &rng), using: &rng)
    let external = (0..<n).map { _ in Double.random(in: 0...60, using: &rng) }
    let result = try eisenbergNoeClearing(liabilities: liabilities, externalAssets: external)
    let obligations = liabilities.outStrength()
    // p = min(p̄, e + Πᵀ p), and 0 ≤ p ≤ p̄.
    var received = [Double](repeating: 0, count: n)
    for i in 0..<n where obligations[i] > 0 {
      for position in liabilities.edges(from: i) {
        received[Int(liabilities.targets[position])] +=
          liabilities.weights[position] / obligations[i] * result.payments[i]
      }
    }
    for i in 0..<n {
      #expect(result.payments[i] >= -1e-12 && result.payments[i] <= obligations[i] + 1e-9)
      #expect(abs(result.payments[i] - min(obligations[i], external[i] + received[i])) < 1e-7)
    }
    // Conservation: Σ paid = Σ received.
    #expect(abs(result.totalPayments - received.reduce(0, +)) < 1e-7)
    // A larger shock (less outside money) never raises payments.
    let poorer = external.map { $0 * 0.5 }
    let shocked = try eisenbergNoeClearing(liabilities: liabilities, externalAssets: poorer)
    #expect(shocked.totalPayments <= result.totalPayments + 1e-9)
    #expect(zip(shocked.payments, result.payments).allSatisfy { $0 <= $1 + 1e-9 })
    // Any number of threads gives the same numbers.
    let twoThreads = try eisenbergNoeClearing(liabilities: liabilities, externalAssets: external, threads: 2)
    #expect(twoThreads == result)
    // NEVA with the Eisenberg–Noe valuation reproduces the clearing vector.
    let neva = try networkValuation(
      claims: liabilities.transposed(), externalAssets: external, model: .eisenbergNoe)
    for i in 0..<n where obligations[i] > 0 {
      #expect(abs(neva.valuation[i] * obligations[i] - result.payments[i]) < 1e-6)
    }
  }

  @Test func mismatchedVectorsAreRejected() {
    #expect(throws: AnalysisError.dimensionMismatch(name: "externalAssets", expected: 3, actual: 2)) {
      _ = try eisenbergNoeClearing(liabilities: network([[0, 1, 0], [0, 0, 1], [0, 0, 0]]), externalAssets: [1, 2])
    }
  }
}

@Suite("DebtRank and NEVA")
struct DebtRankTests {
  @Test func theConventionMatchesItsTestVectors() {
    #expect(InterbankConvention.unitValue("n0") == 0.3906519805240266)
    #expect(InterbankConvention.unitValue("n1") == 0.3581209366717161)
    #expect(InterbankConvention.unitValue("n42") == 0.3983263275201029)
  }

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
}
