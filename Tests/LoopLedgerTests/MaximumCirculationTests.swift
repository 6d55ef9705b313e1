import Foundation
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

  @Test("Equals the LP optimum, found by enumerating integer dual potentials", arguments: 0..<30)
  func equalsTheLinearProgrammingOptimum(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 77)
    let n = Int.random(in: 2...6, using: &rng)
    var edges: [(source: Int, target: Int, weight: Double)] = []
    for i in 0..<n {
      for j in 0..<n where i != j && Double.random(in: 0..<1, using: &rng) < 0.5 {
        edges.append((i, j, Double(Int.random(in: 1...100, using: &rng))))
      }
    }
    let network = FlowNetwork(nodeCount: n, edges: edges)
    // LP duality: min ΣD = max over potentials y of Σ_e W_e · min(y_tail − y_head, 1). Integral
    // y suffice, and shrinking a gap of more than 1 between consecutive levels never lowers the
    // sum, so y ∈ {0, …, n − 1} covers an optimum: 6^6 candidates at most.
    var best = -Double.infinity
    var y = [Int](repeating: 0, count: n)
    func enumerate(_ k: Int) {
      if k == n {
        var value = 0.0
        for (i, j, w) in edges { value += w * Double(min(y[i] - y[j], 1)) }
        best = max(best, value)
        return
      }
      for level in 0..<n {
        y[k] = level
        enumerate(k + 1)
      }
    }
    enumerate(0)
    let total = edges.reduce(0) { $0 + $1.weight }
    let result = try network.maximumCirculation()
    #expect(abs(result.circulation - (total - best)) <= 1e-9 * max(1, total))
    #expect(abs(result.gap) <= 1e-12, "gap \(result.gap)")
  }

  @Test("The duality gap is zero on larger sparse graphs with spread-out amounts", arguments: 0..<8)
  func dualityGapCertifiesOptimality(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 31)
    let n = 300
    var edges: [(source: Int, target: Int, weight: Double)] = []
    for i in 0..<n {
      for j in 0..<n where i != j && Double.random(in: 0..<1, using: &rng) < 0.02 {
        // Amounts from 0.01 to 10^8, like transaction data.
        edges.append((i, j, (pow(10, Double.random(in: -2...8, using: &rng)) * 100).rounded() / 100))
      }
    }
    let network = FlowNetwork(nodeCount: n, edges: edges)
    let result = try network.maximumCirculation()
    #expect(result.circulation > 0)
    #expect(result.upperBound >= result.circulation * (1 - 1e-12))
    #expect(abs(result.gap) <= 1e-12, "gap \(result.gap)")
  }

  @Test func smallLoopsBesideHugeFlowsAreNotRoundedAway() throws {
    // A triangle of 0.01 each next to a chain carrying 10^12: the loop is 10^-14 of the total.
    let network = FlowNetwork(
      nodeCount: 6,
      edges: [(0, 1, 0.01), (1, 2, 0.01), (2, 0, 0.01), (3, 4, 1e12), (4, 5, 1e12), (5, 3, 0)])
    let result = try network.maximumCirculation()
    #expect(abs(result.circulation - 0.03) < 1e-6)
  }

  @Test func aSelfLoopIsAllCirculation() throws {
    var builder = FlowNetwork.Builder()  // keeps self-loops, unlike the edge-list initialiser
    builder.append(source: 0, target: 0, weight: 5)
    builder.append(source: 0, target: 1, weight: 3)
    let network = builder.build(nodeCount: 2)
    let result = try network.maximumCirculation()
    #expect(result.circulation == 5)
    #expect(result.gap == 0, "\(result)")
  }

  @Test("Balanced, within bounds and certified on many random graphs", arguments: 0..<60)
  func randomGraphsAreSolvedAndCertified(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 5_150)
    let n = Int.random(in: 20...150, using: &rng)
    let degree = Double.random(in: 1...8, using: &rng)
    let unitWeights = seed % 3 == 0  // many ties: a degenerate case for the flow solver
    var edges: [(source: Int, target: Int, weight: Double)] = []
    for _ in 0..<Int(degree * Double(n)) {
      let i = Int.random(in: 0..<n, using: &rng)
      let j = Int.random(in: 0..<n, using: &rng)
      let weight = unitWeights ? 1 : (pow(10, Double.random(in: -2...6, using: &rng)) * 100).rounded() / 100
      edges.append((i, j, weight))
    }
    let network = FlowNetwork(nodeCount: n, edges: edges)
    let result = try network.maximumCirculation()
    let scale = max(1, result.totalFlow)
    var balance = [Double](repeating: 0, count: n)
    for v in 0..<n {
      for position in network.edges(from: v) {
        let c = result.circularFlow[position]
        #expect(c >= 0 && c <= network.weights[position])
        balance[v] += c
        balance[Int(network.targets[position])] -= c
      }
    }
    #expect(balance.allSatisfy { abs($0) <= 1e-12 * scale })
    #expect(abs(result.gap) <= 1e-12, "gap \(result.gap)")
  }

  @Test func cycleDecompositionAddsUpToTheCirculation() throws {
    for seed in 0..<15 as Range<UInt64> {
      var rng = SplitMix64(seed: seed &+ 61)
      let network = FlowNetwork.random(nodeCount: 8, edgeProbability: 0.35, using: &rng)
      let result = try network.maximumCirculation()
      let cycles = result.cycleDecomposition(of: network)
      let total = cycles.reduce(0) { $0 + $1.amount * Double($1.nodes.count) }
      #expect(abs(total - result.circulation) <= 1e-6 * max(1, result.totalFlow))
      // Every cycle is a real cycle of the network.
      for cycle in cycles {
        for (index, node) in cycle.nodes.enumerated() {
          let next = cycle.nodes[(index + 1) % cycle.nodes.count]
          #expect(network.edge(from: Int(node), to: Int(next)) != nil)
        }
      }
    }
  }
}
