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

@Suite("Elementary cycles on several threads")
struct ParallelCycleCountTests {
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
}
