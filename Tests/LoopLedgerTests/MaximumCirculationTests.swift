import Testing

@testable import LoopLedger

@Suite("Maximum circulation")
struct MaximumCirculationTests {
  @Test func aPureCycleIsAllCirculation() throws {
    let ring = FlowNetwork(nodeCount: 3, edges: [(0, 1, 4), (1, 2, 4), (2, 0, 4)])
    #expect(try ring.maximumCirculation().maxCircularity == 1)
  }

  @Test func aDAGHasNone() throws {
    let dag = FlowNetwork(nodeCount: 4, edges: [(0, 1, 4), (1, 2, 4), (0, 2, 1), (2, 3, 9)])
    #expect(try dag.maximumCirculation().circulation == 0)
  }

  @Test func twoLoopsSharingAnEdgeByHand() throws {
    // Triangle 0→1→2→0 and 2-cycle 0⇄1 share 0→1 (5): x ≤ 3 on the triangle, y ≤ 1 on the
    // 2-cycle, x + y ≤ 5: maximise 3x + 2y → 11 of 12.
    let network = FlowNetwork(nodeCount: 3, edges: [(0, 1, 5), (1, 2, 3), (2, 0, 3), (1, 0, 1)])
    let result = try network.maximumCirculation()
    #expect(abs(result.circulation - 11) < 1e-9)
    #expect(abs(result.maxCircularity - 11.0 / 12.0) < 1e-12)
  }

  @Test func theLongerLoopWinsAContestedEdge() throws {
    // 0→1 (1) is shared by the triangle (3 edges) and the 2-cycle (2 edges): the triangle wins.
    let network = FlowNetwork(nodeCount: 3, edges: [(0, 1, 1), (1, 0, 1), (1, 2, 1), (2, 0, 1)])
    #expect(abs(try network.maximumCirculation().circulation - 3) < 1e-12)
  }

  @Test("Optimal by the negative-cycle certificate", arguments: 0..<40)
  func optimalityCertificate(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 4_242)
    let network = FlowNetwork.random(
      nodeCount: Int.random(in: 2...12, using: &rng),
      edgeProbability: Double.random(in: 0.1...0.5, using: &rng), using: &rng)
    let result = try network.maximumCirculation()
    let n = network.nodeCount
    let scale = max(1, result.totalFlow)
    // C is within bounds and balanced.
    var balance = [Double](repeating: 0, count: n)
    for v in 0..<n {
      for position in network.edges(from: v) {
        let c = result.circularFlow[position]
        #expect(c >= -1e-9 && c <= network.weights[position] + 1e-9)
        balance[v] += c
        balance[Int(network.targets[position])] -= c
      }
    }
    #expect(balance.allSatisfy { abs($0) < 1e-9 * scale })
    // D = W − C is a minimum-cost flow: its residual graph (forward arcs where D < W cost +1,
    // backward arcs where D > 0 cost −1) has no negative cycle.
    var arcs: [(Int, Int, Int)] = []
    for v in 0..<n {
      for position in network.edges(from: v) {
        let w = Int(network.targets[position])
        let d = network.weights[position] - result.circularFlow[position]
        if d < network.weights[position] - 1e-9 * scale { arcs.append((v, w, 1)) }
        if d > 1e-9 * scale { arcs.append((w, v, -1)) }
      }
    }
    var distance = [Int](repeating: 0, count: n)
    for _ in 0..<n {
      for (a, b, c) in arcs where distance[a] + c < distance[b] { distance[b] = distance[a] + c }
    }
    let improvable = arcs.contains { distance[$0.0] + $0.2 < distance[$0.1] }
    #expect(!improvable, "a negative cycle remains: the circulation is not maximal")
    // And it is at least as large as the simple cycles' greedy packing could be bounded by ΣW.
    #expect(result.circulation <= result.totalFlow + 1e-9)
  }
}
