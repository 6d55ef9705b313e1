import Testing

@testable import LoopLedger

@Suite("Elementary cycles")
struct ElementaryCyclesTests {
  @Test func emptyAndAcyclicGraphsHaveNoCycles() throws {
    #expect(try FlowNetwork(nodeCount: 0, edges: []).elementaryCycles().cycles.isEmpty)
    let chain = FlowNetwork(nodeCount: 4, edges: [(0, 1, 1), (1, 2, 1), (2, 3, 1), (0, 3, 1)])
    #expect(try chain.elementaryCycles().cycles.isEmpty)
  }

  @Test func twoCycleAndTriangle() throws {
    let network = FlowNetwork(nodeCount: 3, edges: [(0, 1, 1), (1, 0, 1), (1, 2, 1), (2, 0, 1)])
    let cycles = try network.elementaryCycles().cycles
    #expect(Set(cycles) == [[0, 1], [0, 1, 2]])
  }

  /// Σ_{k=2}^{n} C(n, k)·(k − 1)! cycles in the complete digraph on n nodes.
  @Test(
    "Complete digraphs have the closed-form number of cycles",
    arguments: zip([2, 3, 4, 5, 6, 7], [1, 5, 20, 84, 409, 2365]))
  func completeDigraph(n: Int, expected: Int) throws {
    #expect(try FlowNetwork.complete(n).cycleStatistics().count == expected)
  }

  @Test("Johnson's worst-case graph has exactly 3k cycles", arguments: 3...9)
  func johnsonWorstCase(k: Int) throws {
    #expect(try FlowNetwork.johnsonWorstCase(k: k).cycleStatistics().count == 3 * k)
  }

  @Test("Johnson's algorithm equals brute force on random digraphs", arguments: 0..<60)
  func matchesBruteForce(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let n = Int.random(in: 1...8, using: &rng)
    let p = Double.random(in: 0.1...0.6, using: &rng)
    let network = FlowNetwork.random(nodeCount: n, edgeProbability: p, using: &rng)
    let cycles = try network.elementaryCycles().cycles
    // No duplicates, each starts at its smallest node, and the set equals brute force.
    #expect(Set(cycles).count == cycles.count)
    #expect(cycles.allSatisfy { $0.first == $0.min() })
    #expect(Set(cycles) == network.bruteForceCycles())
  }

  @Test("The bounded search equals brute force filtered by length", arguments: 0..<60)
  func boundedMatchesBruteForce(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 1_000)
    let n = Int.random(in: 2...9, using: &rng)
    let network = FlowNetwork.random(
      nodeCount: n, edgeProbability: Double.random(in: 0.15...0.6, using: &rng), using: &rng)
    let bound = Int.random(in: 2...5, using: &rng)
    let bounded = try network.elementaryCycles(maxLength: bound).cycles
    #expect(Set(bounded).count == bounded.count)
    #expect(bounded.allSatisfy { $0.count <= bound })
    #expect(Set(bounded) == network.bruteForceCycles(maxLength: bound))
    let all = try network.elementaryCycles().cycles
    #expect(Set(bounded) == Set(all.filter { $0.count <= bound }))
  }

  @Test func statisticsCountLengths() throws {
    let statistics = try FlowNetwork.complete(4).cycleStatistics()
    // K4: C(4,2)·1 = 6 two-cycles, C(4,3)·2 = 8 triangles, 6 four-cycles.
    #expect(statistics.count == 20)
    #expect(statistics.histogram == [0, 0, 6, 8, 6])
    #expect(statistics.sumLength == 6 * 2 + 8 * 3 + 6 * 4)
    #expect(statistics.longest == 4)
  }

  @Test func limitStopsAndSaysSo() throws {
    let network = FlowNetwork.complete(5)
    let limited = try network.elementaryCycles(limit: 10)
    #expect(limited.cycles.count == 10)
    #expect(!limited.isComplete)
    let exact = try network.elementaryCycles(limit: 84)
    #expect(exact.cycles.count == 84)
    #expect(exact.isComplete)
  }

  @Test func selfLoopsAreCyclesOfOneEdge() throws {
    var builder = FlowNetwork.Builder()
    builder.append(source: 0, target: 0, weight: 1)
    builder.append(source: 0, target: 1, weight: 1)
    builder.append(source: 1, target: 0, weight: 1)
    let cycles = try builder.build(nodeCount: 2).elementaryCycles().cycles
    #expect(Set(cycles) == [[0], [0, 1]])
  }
}

@Suite("Cycles at scale")
struct CyclesAtScaleTests {
  @Test("Two threads count what one thread counts", arguments: 0..<12)
  func parallelCountsEqualSequential(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 500)
    let network = FlowNetwork.random(
      nodeCount: Int.random(in: 5...11, using: &rng),
      edgeProbability: Double.random(in: 0.2...0.5, using: &rng), using: &rng)
    for bound in [nil, 3, 5] as [Int?] {
      let one = try network.cycleStatistics(maxLength: bound, threads: 1)
      let two = try network.cycleStatistics(maxLength: bound, threads: 2)
      let three = try network.cycleStatistics(maxLength: bound, threads: 3)
      #expect(one == two && one == three)
      #expect(one.count == network.bruteForceCycles(maxLength: bound ?? .max).count)
    }
  }

  @Test func parallelCountOnJohnsonsFamilyAndCompleteGraphs() throws {
    #expect(try FlowNetwork.johnsonWorstCase(k: 7).cycleStatistics(threads: 2).count == 21)
    #expect(try FlowNetwork.complete(7).cycleStatistics(threads: 2).count == 2365)
  }

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

@Suite("Flow network")
struct FlowNetworkTests {
  @Test func builderSumsDuplicatesAndSortsRows() {
    var builder = FlowNetwork.Builder()
    builder.append(source: 1, target: 0, weight: 2)
    builder.append(source: 0, target: 2, weight: 1)
    builder.append(source: 0, target: 1, weight: 3)
    builder.append(source: 0, target: 2, weight: 4)
    let network = builder.build(nodeCount: 3)
    #expect(network.offsets == [0, 2, 3, 3])
    #expect(network.targets == [1, 2, 0])
    #expect(network.weights == [3, 5, 2])
    #expect(network.edge(from: 0, to: 2) == 1)
    #expect(network.edge(from: 2, to: 0) == nil)
  }

  @Test func longRowsAreSortedToo() {
    var builder = FlowNetwork.Builder()
    for target in (1...100).reversed() { builder.append(source: 0, target: Int32(target), weight: Double(target)) }
    builder.append(source: 0, target: 50, weight: 1)
    let network = builder.build(nodeCount: 101)
    #expect(network.targets == (1...100).map { Int32($0) })
    #expect(network.weights[49] == 51)
  }

  @Test func transposeReversesEveryEdge() {
    var rng = SplitMix64(seed: 5)
    let network = FlowNetwork.random(nodeCount: 12, edgeProbability: 0.3, using: &rng)
    let reverse = network.transposed()
    #expect(reverse.edgeCount == network.edgeCount)
    for source in 0..<12 {
      for position in network.edges(from: source) {
        let target = Int(network.targets[position])
        let back = reverse.edge(from: target, to: source)
        #expect(back.map { reverse.weights[$0] } == network.weights[position])
      }
    }
    #expect(reverse.transposed() == network)
  }

  @Test func theTwoThreadTransposeEqualsTheOneThreadTranspose() {
    var rng = SplitMix64(seed: 17)
    var builder = FlowNetwork.Builder()
    for _ in 0..<200_000 {
      builder.append(
        source: Int32.random(in: 0..<5_000, using: &rng), target: Int32.random(in: 0..<5_000, using: &rng),
        weight: Double(Int.random(in: 1...9, using: &rng)))
    }
    let network = builder.build(nodeCount: 5_000)
    #expect(network.transposed(threads: 2) == network.transposed())
  }
}
