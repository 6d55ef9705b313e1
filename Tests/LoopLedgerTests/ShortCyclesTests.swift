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

/// 2- and 3-cycles of the oriented (forward) counter against brute force.
@Suite("Short cycles against brute force")
struct ShortCyclesBruteForceTests {
  /// Cycles of two and three edges by walking every 2-path from every node, each cycle from its
  /// lowest-numbered node.
  static func bruteForce(_ network: FlowNetwork) -> (selfLoops: Int, two: Int, three: Int) {
    var selfLoops = 0
    var two = 0
    var three = 0
    for u in 0..<network.nodeCount {
      for v in network.successors(of: u).map(Int.init) {
        if v == u {
          selfLoops += 1
          continue
        }
        guard v > u else { continue }
        if network.edge(from: v, to: u) != nil { two += 1 }
      }
      for v in network.successors(of: u).map(Int.init) where v > u {
        for w in network.successors(of: v).map(Int.init) where w > u && w != v {
          if network.edge(from: w, to: u) != nil { three += 1 }
        }
      }
    }
    return (selfLoops, two, three)
  }

  /// A network from arbitrary rows: duplicate pairs summed, self-loops kept (as CSR allows).
  static func network(nodeCount: Int, rows: [(Int, Int)]) -> FlowNetwork {
    var rowsBySource = [[Int32]](repeating: [], count: nodeCount)
    for (source, target) in rows { rowsBySource[source].append(Int32(target)) }
    var offsets = [0]
    var targets: [Int32] = []
    for row in rowsBySource {
      targets += Set(row).sorted()
      offsets.append(targets.count)
    }
    return FlowNetwork(
      nodeCount: nodeCount, offsets: offsets, targets: targets,
      weights: Array(repeating: 1, count: targets.count))
  }

  static func expectBruteForce(_ network: FlowNetwork, _ label: String) throws {
    let expected = bruteForce(network)
    for threads in [1, 2, 3, 5] {
      let two = try network.shortCycleStatistics(maxLength: 2, threads: threads)
      let three = try network.shortCycleStatistics(maxLength: 3, threads: threads)
      let histogramTwo = two.histogram + Array(repeating: 0, count: max(0, 3 - two.histogram.count))
      let histogramThree =
        three.histogram + Array(repeating: 0, count: max(0, 4 - three.histogram.count))
      #expect(histogramTwo[1] == expected.selfLoops, "\(label), \(threads) threads")
      #expect(histogramTwo[2] == expected.two, "\(label), \(threads) threads")
      #expect(histogramThree[1...3] == [expected.selfLoops, expected.two, expected.three][...])
      #expect(two.count == expected.selfLoops + expected.two)
      #expect(three.count == expected.selfLoops + expected.two + expected.three)
      #expect(three.sumLength == expected.selfLoops + 2 * expected.two + 3 * expected.three)
    }
  }

  @Test("Random graphs with self-loops and repeated rows", arguments: 0..<60)
  func randomSmallGraphs(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 31_000)
    let n = Int.random(in: 1...30, using: &rng)
    let rowCount = Int.random(in: 0...(n * n), using: &rng)
    var rows: [(Int, Int)] = []
    for _ in 0..<rowCount {
      let source = Int.random(in: 0..<n, using: &rng)
      // Repeated rows, self-loops and reciprocal pairs, often.
      switch Int.random(in: 0..<10, using: &rng) {
      case 0: rows.append((source, source))
      case 1 where !rows.isEmpty: rows.append(rows[Int.random(in: 0..<rows.count, using: &rng)])
      case 2 where !rows.isEmpty:
        let (a, b) = rows[Int.random(in: 0..<rows.count, using: &rng)]
        rows.append((b, a))
      default: rows.append((source, Int.random(in: 0..<n, using: &rng)))
      }
    }
    try Self.expectBruteForce(Self.network(nodeCount: n, rows: rows), "seed \(seed)")
    // The same rows through the builder (duplicates summed, self-loops dropped).
    let built = FlowNetwork(nodeCount: n, edges: rows.map { ($0.0, $0.1, 1.0) })
    try Self.expectBruteForce(built, "seed \(seed), built")
    // And the 4-cycle counter's 2- and 3-cycle counts agree with the forward counter's.
    let four = try built.shortCycleStatistics(maxLength: 4)
    let three = try built.shortCycleStatistics(maxLength: 3)
    func firstFour(_ histogram: [Int]) -> [Int] {
      Array((histogram + [0, 0, 0, 0]).prefix(4))
    }
    #expect(firstFour(four.histogram) == firstFour(three.histogram))
  }

  /// Above 2^16 edges the orientation is built on several parts of the sources.
  @Test("A graph large enough to be oriented on several threads", arguments: [1, 2] as [UInt64])
  func largeGraph(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 77)
    let n = 6_000
    var rows: [(Int, Int)] = []
    // A few hubs joined both ways to many nodes, plus uniform edges and their reverses.
    for hub in 0..<5 {
      for _ in 0..<3_000 {
        let other = Int.random(in: 0..<n, using: &rng)
        rows.append((hub * 997 % n, other))
        if Bool.random(using: &rng) { rows.append((other, hub * 997 % n)) }
      }
    }
    while rows.count < 90_000 {
      let (a, b) = (Int.random(in: 0..<n, using: &rng), Int.random(in: 0..<n, using: &rng))
      rows.append((a, b))
      if Int.random(in: 0..<4, using: &rng) == 0 { rows.append((b, a)) }
    }
    let network = Self.network(nodeCount: n, rows: rows)
    #expect(network.edgeCount >= 1 << 16)
    try Self.expectBruteForce(network, "large, seed \(seed)")
  }

  @Test func emptyAndTinyGraphs() throws {
    for n in 0...2 {
      try Self.expectBruteForce(Self.network(nodeCount: n, rows: []), "empty \(n)")
    }
    try Self.expectBruteForce(Self.network(nodeCount: 2, rows: [(0, 1), (1, 0), (1, 1)]), "pair")
    try Self.expectBruteForce(
      Self.network(nodeCount: 3, rows: [(0, 1), (1, 2), (2, 0), (0, 2), (2, 1), (1, 0)]), "K3")
  }
}
