import Foundation
import Testing

@testable import LoopLedgerRender

@Suite("Circle order and force layout")
struct LayoutTests {
  /// A cycle whose nodes are numbered in a scrambled order: drawn in index order it crosses
  /// itself; a good circular order has no crossing.
  static func scrambledCycle(_ n: Int, step: Int) -> [GraphLayout.Edge] {
    (0..<n).map { GraphLayout.Edge(($0 * step) % n, (($0 + 1) * step) % n) }
  }

  @Test func crossingsAreCountedForInterleavedChords() {
    // Square with both diagonals: the diagonals cross once.
    let edges = [GraphLayout.Edge(0, 2), GraphLayout.Edge(1, 3), GraphLayout.Edge(0, 1)]
    #expect(GraphLayout.cost(order: [0, 1, 2, 3], edges: edges).crossings == 1)
    #expect(GraphLayout.cost(order: [0, 2, 1, 3], edges: edges).crossings == 0)
    // Chords sharing a node never cross.
    #expect(
      GraphLayout.cost(order: [0, 1, 2, 3], edges: [GraphLayout.Edge(0, 2), GraphLayout.Edge(0, 3)]).crossings == 0)
  }

  @Test func exhaustiveSearchFindsACrossingFreeOrder() {
    let edges = Self.scrambledCycle(7, step: 3)
    #expect(GraphLayout.cost(order: Array(0..<7), edges: edges).crossings > 0)
    let order = GraphLayout.circleOrder(nodeCount: 7, edges: edges)
    #expect(order.first == 0)
    #expect(Set(order) == Set(0..<7))
    #expect(GraphLayout.cost(order: order, edges: edges).crossings == 0)
  }

  @Test func localSearchUntanglesALargerCycle() {
    let edges = Self.scrambledCycle(13, step: 5)
    #expect(GraphLayout.cost(order: Array(0..<13), edges: edges).crossings > 0)
    let order = GraphLayout.circleOrder(nodeCount: 13, edges: edges)
    #expect(order.first == 0 && Set(order) == Set(0..<13))
    #expect(GraphLayout.cost(order: order, edges: edges).crossings == 0)
    #expect(order == GraphLayout.circleOrder(nodeCount: 13, edges: edges))
  }

  @Test func exhaustiveAndLocalSearchAgreeOnSmallRandomGraphs() {
    var state: UInt64 = 0x1234_5678
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    for _ in 0..<20 {
      let n = 6
      var edges: [GraphLayout.Edge] = []
      for a in 0..<n { for b in (a + 1)..<n where next() % 3 == 0 { edges.append(GraphLayout.Edge(a, b)) } }
      let best = GraphLayout.cost(order: GraphLayout.circleOrder(nodeCount: n, edges: edges), edges: edges)
      // Brute force over every order.
      var rest = Array(1..<n)
      var minimum = GraphLayout.cost(order: [0] + rest, edges: edges)
      while GraphLayout.nextPermutation(&rest) {
        minimum = min(minimum, GraphLayout.cost(order: [0] + rest, edges: edges))
      }
      #expect(best.crossings == minimum.crossings && best.length == minimum.length)
      let (_, local) = GraphLayout.localSearch(Array(0..<n), edges: edges, budget: 10_000)
      #expect(local.crossings >= minimum.crossings)
    }
  }

  @Test func circlePositionsStartAtTheTopAndGoClockwise() {
    let points = GraphLayout.circlePositions(count: 4, centre: Point(100, 100), radius: 50)
    #expect(abs(points[0].x - 100) < 1e-9 && abs(points[0].y - 50) < 1e-9)
    #expect(abs(points[1].x - 150) < 1e-9 && abs(points[1].y - 100) < 1e-9)
  }

  @Test func forceLayoutFitsTheSquareAndIsRepeatable() {
    let edges = Self.scrambledCycle(9, step: 2)
    let initial = GraphLayout.circlePositions(count: 9, centre: Point(300, 300), radius: 200)
    let a = GraphLayout.forceDirected(
      initial: initial, edges: edges, centre: Point(300, 300), radius: 200, minDistance: 60)
    let b = GraphLayout.forceDirected(
      initial: initial, edges: edges, centre: Point(300, 300), radius: 200, minDistance: 60)
    #expect(a == b)
    for p in a {
      #expect(p.x >= 100 - 1e-6 && p.x <= 500 + 1e-6 && p.y >= 100 - 1e-6 && p.y <= 500 + 1e-6)
    }
  }
}
