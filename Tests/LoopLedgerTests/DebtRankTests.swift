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
}
