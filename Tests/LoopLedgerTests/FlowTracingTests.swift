import Testing

@testable import LoopLedger

@Suite("Proportional flow tracing")
struct FlowTracingTests {
  /// Shares with a tolerance: the solver is exact up to rounding.
  private func expectShares(
    _ actual: [Double?], _ expected: [Double?], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
      switch (a, e) {
      case (nil, nil): break
      case (let a?, let e?): #expect(abs(a - e) < 1e-12, "got \(a), expected \(e)", sourceLocation: sourceLocation)
      default:
        Issue.record("got \(String(describing: a)), expected \(String(describing: e))", sourceLocation: sourceLocation)
      }
    }
  }

  @Test func investorGetsItsOwnMoneyBackThroughALab() {
    // Given A invests 10 in L, and L buys 38 from A; L brings 28 of its own (38 − 10)
    let network = FlowNetwork(nodeCount: 2, edges: [(0, 1, 10), (1, 0, 38)])
    // When traced
    let shares = FlowTracing.selfFundedShares(of: network)
    // Then 10 of A's 38 of revenue began as A's money; L's inflow (A's 10) is funded by L's
    // payments to A only in the share A's pool came from L: A has no external money (in 38 > out
    // 10), so A's pool is all L's money and L's inflow is 100 % self-funded.
    expectShares(shares, [10.0 / 38.0, 1.0])
  }

  @Test func threeNodeRingWithLeak() {
    // Given A → B 10, B → C 6, C → A 4. Pools: A: in 4, out 10 → x 6, T 10;
    // B: in 10, out 6, T 10; C: in 6, out 4, T 6.
    let network = FlowNetwork(nodeCount: 3, edges: [(0, 1, 10), (1, 2, 6), (2, 0, 4)])
    let shares = FlowTracing.selfFundedShares(of: network)
    // A's inflow 4 comes from C, whose pool is all from B, whose pool is all from A: share 1.
    // B's inflow comes from A, whose pool is 4/10 from C, 6/10 external; C's pool is B's money:
    // share of B = 4/10. C's inflow comes from B, pool all from A, A's pool 4/10 from C: 4/10.
    expectShares(shares, [1.0, 0.4, 0.4])
  }

  @Test func externalMoneyDilutesTheShare() {
    // Given the two-node loop, but A has 90 of external money besides L's 38
    let network = FlowNetwork(nodeCount: 2, edges: [(0, 1, 10), (1, 0, 38)])
    let shares = FlowTracing.selfFundedShares(of: network, externalMoney: [90, nil])
    // Then A's revenue share is unchanged (it depends on L's pool), but L's inflow (A's payment)
    // is only 38/128 L's own money
    expectShares(shares, [10.0 / 38.0, 38.0 / 128.0])
  }

  @Test func acyclicFlowIsNeverSelfFunded() {
    let network = FlowNetwork(nodeCount: 3, edges: [(0, 1, 5), (1, 2, 5), (0, 2, 1)])
    expectShares(FlowTracing.selfFundedShares(of: network), [nil, 0, 0])
  }

  @Test func zeroWeightEdgesCarryNothing() {
    // Given the two-node loop plus an edge of weight zero from L to an otherwise empty node E
    // (an amount left out of a scenario): E has no pool at all
    let network = FlowNetwork(nodeCount: 3, edges: [(0, 1, 10), (1, 0, 38), (1, 2, 0)])
    // Then E changes nothing, and no share becomes NaN
    expectShares(FlowTracing.selfFundedShares(of: network), [10.0 / 38.0, 1.0, nil])
  }
}
