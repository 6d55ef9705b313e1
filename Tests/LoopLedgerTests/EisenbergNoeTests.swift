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
