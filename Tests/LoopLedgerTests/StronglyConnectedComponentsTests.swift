import Testing

@testable import LoopLedger

@Suite("Strongly connected components")
struct StronglyConnectedComponentsTests {
  @Test func componentsOfTwoRingsAndABridge() {
    // 0 ⇄ 1, 2 → 3 → 4 → 2, 1 → 2, 5 alone
    let network = FlowNetwork(
      nodeCount: 6, edges: [(0, 1, 1), (1, 0, 1), (2, 3, 1), (3, 4, 1), (4, 2, 1), (1, 2, 1)])
    let components = Set(network.stronglyConnectedComponents())
    #expect(components == [[0, 1], [2, 3, 4], [5]])
  }

  @Test("Components agree with mutual reachability", arguments: 0..<20)
  func matchesReachability(seed: UInt64) {
    var rng = SplitMix64(seed: seed &+ 77)
    let network = FlowNetwork.random(nodeCount: 9, edgeProbability: 0.2, using: &rng)
    var reach = [[Bool]](repeating: [Bool](repeating: false, count: 9), count: 9)
    for s in 0..<9 {
      var stack = [s]
      reach[s][s] = true
      while let v = stack.popLast() {
        for w in network.successors(of: v) where !reach[s][Int(w)] {
          reach[s][Int(w)] = true
          stack.append(Int(w))
        }
      }
    }
    var componentOf = [Int](repeating: -1, count: 9)
    for (index, component) in network.stronglyConnectedComponents().enumerated() {
      for v in component { componentOf[Int(v)] = index }
    }
    for a in 0..<9 {
      for b in 0..<9 {
        #expect((componentOf[a] == componentOf[b]) == (reach[a][b] && reach[b][a]))
      }
    }
  }
}
