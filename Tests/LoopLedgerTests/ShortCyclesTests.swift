import Testing

@testable import LoopLedger

@Suite("Short cycles")
struct ShortCyclesTests {
  @Test("Short-cycle counting equals the bounded search", arguments: 0..<40)
  func shortCyclesMatchBoundedSearch(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 9_000)
    let n = Int.random(in: 2...40, using: &rng)
    let network = FlowNetwork.random(
      nodeCount: n, edgeProbability: Double.random(in: 0.02...0.5, using: &rng), using: &rng)
    for bound in 2...4 {
      let expected = try network.cycleStatistics(maxLength: bound)
      #expect(try network.shortCycleStatistics(maxLength: bound) == expected, "bound \(bound)")
      #expect(try network.shortCycleStatistics(maxLength: bound, threads: 2) == expected)
    }
  }

  @Test func shortCyclesOnAHubGraph() throws {
    // A hub 0 in a 2-cycle with every other node, plus a ring 1 → 2 → … → 9 → 1.
    var edges: [(source: Int, target: Int, weight: Double)] = []
    for v in 1...9 {
      edges.append((0, v, 1))
      edges.append((v, 0, 1))
      edges.append((v, v % 9 + 1, 1))
    }
    let network = FlowNetwork(nodeCount: 10, edges: edges)
    #expect(try network.shortCycleStatistics(maxLength: 4) == network.cycleStatistics(maxLength: 4))
  }
}
