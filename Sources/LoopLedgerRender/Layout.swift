import Foundation

/// Node placement for the loop map: a circle ordered to minimise crossing chords, or a
/// force-directed layout.
///
/// Both are deterministic: no random numbers, a fixed number of steps.
package enum GraphLayout {
  /// An undirected edge between node indices, with an integer weight (the number of deals).
  public struct Edge: Sendable, Equatable {
    public var a: Int
    public var b: Int
    public var weight: Int
    public init(_ a: Int, _ b: Int, weight: Int = 1) {
      self.a = min(a, b)
      self.b = max(a, b)
      self.weight = weight
    }
  }

  /// The cost of a circular order: crossings first, then the weighted length of the chords
  /// (steps around the circle), so connected companies sit close when crossings tie.
  public struct Cost: Sendable, Comparable {
    public var crossings: Int
    public var length: Int
    public static func < (l: Cost, r: Cost) -> Bool {
      (l.crossings, l.length) < (r.crossings, r.length)
    }
  }

  /// Exhaustive search up to this many nodes ((n − 1)! orders); beyond it, local search.
  public static let exhaustiveLimit = 8

  /// Crossings and chord length of `order` (node index at each position on the circle).
  public static func cost(order: [Int], edges: [Edge]) -> Cost {
    var position = [Int](repeating: 0, count: order.count)
    for (p, node) in order.enumerated() { position[node] = p }
    return cost(position: position, edges: edges)
  }

  static func cost(position: [Int], edges: [Edge]) -> Cost {
    let n = position.count
    var chords: [(Int, Int, Int)] = []
    chords.reserveCapacity(edges.count)
    var length = 0
    for edge in edges {
      let p = position[edge.a]
      let q = position[edge.b]
      let low = min(p, q)
      let high = max(p, q)
      chords.append((low, high, edge.weight))
      let d = high - low
      length += min(d, n - d) * edge.weight
    }
    var crossings = 0
    for i in 0..<chords.count {
      let (a, b, w1) = chords[i]
      for j in (i + 1)..<chords.count {
        let (c, d, w2) = chords[j]
        if a == c || a == d || b == c || b == d { continue }
        if (a < c && c < b && b < d) || (c < a && a < d && d < b) { crossings += w1 * w2 }
      }
    }
    return Cost(crossings: crossings, length: length)
  }

  /// An order of `nodeCount` nodes around a circle with few crossing chords.
  ///
  /// Up to ``exhaustiveLimit`` nodes every order with node 0 first is tried and the first best
  /// one (in lexicographic order) kept: the minimum. Beyond, local search from the given order:
  /// segment reversals (2-opt) and single-node moves, taking the first strict improvement,
  /// until none is left or `budget` cost evaluations are spent. Node 0 always stays first.
  public static func circleOrder(nodeCount n: Int, edges: [Edge], budget: Int = 20_000) -> [Int] {
    guard n > 3, !edges.isEmpty else { return Array(0..<n) }
    if n <= exhaustiveLimit {
      var rest = Array(1..<n)
      var best = [0] + rest
      var bestCost = cost(order: best, edges: edges)
      // Lexicographic permutations of `rest` (Narayana Pandita's algorithm).
      while nextPermutation(&rest) {
        let order = [0] + rest
        let c = cost(order: order, edges: edges)
        if c < bestCost {
          best = order
          bestCost = c
        }
      }
      return best
    }
    // Local search from three deterministic starts; the best result wins (the first on ties).
    var best: [Int] = []
    var bestCost = Cost(crossings: .max, length: .max)
    for start in [
      Array(0..<n), breadthFirstOrder(nodeCount: n, edges: edges), insertionOrder(nodeCount: n, edges: edges),
    ] {
      guard let rotation = start.firstIndex(of: 0) else {
        preconditionFailure("every start order is a permutation of 0..<n, so it holds node 0")
      }
      let rotated = Array(start[rotation...] + start[..<rotation])
      let (order, c) = localSearch(rotated, edges: edges, budget: budget / 3)
      if c < bestCost {
        best = order
        bestCost = c
      }
    }
    return best
  }

  /// First-improvement local search: segment reversals (2-opt), then single-node moves.
  static func localSearch(_ start: [Int], edges: [Edge], budget: Int) -> ([Int], Cost) {
    let n = start.count
    var order = start
    var current = cost(order: order, edges: edges)
    var spent = 1
    var improved = true
    while improved, spent < budget {
      improved = false
      search: for i in 1..<(n - 1) {
        for j in (i + 1)..<n {
          var candidate = order
          candidate[i...j].reverse()
          let c = cost(order: candidate, edges: edges)
          spent += 1
          if c < current {
            order = candidate
            current = c
            improved = true
            break search
          }
          if spent >= budget { break search }
        }
      }
      if improved || spent >= budget { continue }
      move: for i in 1..<n {
        for j in 1..<n where j != i {
          var candidate = order
          let node = candidate.remove(at: i)
          candidate.insert(node, at: j)
          let c = cost(order: candidate, edges: edges)
          spent += 1
          if c < current {
            order = candidate
            current = c
            improved = true
            break move
          }
          if spent >= budget { break move }
        }
      }
    }
    return (order, current)
  }

  private static func neighbours(nodeCount n: Int, edges: [Edge]) -> [[(Int, Int)]] {
    var result = [[(Int, Int)]](repeating: [], count: n)
    for edge in edges {
      result[edge.a].append((edge.b, edge.weight))
      result[edge.b].append((edge.a, edge.weight))
    }
    return result.map { $0.sorted { ($1.1, $0.0) < ($0.1, $1.0) } }
  }

  /// Breadth-first from node 0, heavier neighbours first; unreached nodes follow in index order.
  static func breadthFirstOrder(nodeCount n: Int, edges: [Edge]) -> [Int] {
    let adjacency = neighbours(nodeCount: n, edges: edges)
    var seen = [Bool](repeating: false, count: n)
    var order: [Int] = []
    for root in 0..<n where !seen[root] {
      var queue = [root]
      seen[root] = true
      var head = 0
      while head < queue.count {
        let v = queue[head]
        head += 1
        order.append(v)
        for (w, _) in adjacency[v] where !seen[w] {
          seen[w] = true
          queue.append(w)
        }
      }
    }
    return order
  }

  /// Nodes by degree (most connected first), each inserted where it adds the least cost.
  static func insertionOrder(nodeCount n: Int, edges: [Edge]) -> [Int] {
    let adjacency = neighbours(nodeCount: n, edges: edges)
    let byDegree = (0..<n).sorted {
      (adjacency[$1].reduce(0) { $0 + $1.1 }, $0) < (adjacency[$0].reduce(0) { $0 + $1.1 }, $1)
    }
    var order: [Int] = []
    for node in byDegree {
      var placed: Set<Int> = Set(order)
      placed.insert(node)
      let induced = edges.filter { placed.contains($0.a) && placed.contains($0.b) }
      var bestOrder = order + [node]
      var bestCost = Cost(crossings: .max, length: .max)
      for position in 0...order.count {
        var candidate = order
        candidate.insert(node, at: position)
        let c = costOfPartial(candidate, edges: induced, nodeCount: n)
        if c < bestCost {
          bestCost = c
          bestOrder = candidate
        }
      }
      order = bestOrder
    }
    return order
  }

  private static func costOfPartial(_ order: [Int], edges: [Edge], nodeCount: Int) -> Cost {
    var position = [Int](repeating: 0, count: nodeCount)
    for (p, node) in order.enumerated() { position[node] = p }
    // Distances use the partial circle's size.
    var c = cost(position: position, edges: edges)
    if order.count < nodeCount {
      var length = 0
      for edge in edges {
        let d = abs(position[edge.a] - position[edge.b])
        length += min(d, order.count - d) * edge.weight
      }
      c.length = length
    }
    return c
  }

  static func nextPermutation(_ a: inout [Int]) -> Bool {
    guard a.count > 1 else { return false }
    var i = a.count - 2
    while i >= 0, a[i] >= a[i + 1] { i -= 1 }
    if i < 0 { return false }
    var j = a.count - 1
    while a[j] <= a[i] { j -= 1 }
    a.swapAt(i, j)
    a[(i + 1)...].reverse()
    return true
  }

  /// Points on a circle of `radius` around `centre`, position 0 at the top, clockwise.
  public static func circlePositions(count n: Int, centre: Point, radius: Double) -> [Point] {
    guard n > 1 else { return n == 1 ? [centre] : [] }
    let start = n == 2 ? Double.pi : -Double.pi / 2
    let step = n == 2 ? Double.pi : 2 * Double.pi / Double(n)
    return (0..<n).map { k in
      let angle = start + step * Double(k)
      return Point(centre.x + radius * cos(angle), centre.y + radius * sin(angle))
    }
  }

  /// Fruchterman & Reingold (1991) force-directed placement, started from `initial` (the circle),
  /// with a fixed number of iterations and linear cooling, then scaled to fit a circle of `radius`
  /// around `centre`.
  ///
  /// No randomness: coincident nodes are pushed apart along a fixed direction that depends on their
  /// indices.
  public static func forceDirected(
    initial: [Point], edges: [Edge], centre: Point, radius: Double, minDistance: Double = 0,
    iterations: Int = 400
  ) -> [Point] {
    let n = initial.count
    guard n > 2 else { return initial }
    var positions = initial
    let side = 2 * radius
    let k = (side * side / Double(n)).squareRoot()
    var temperature = side / 10
    let cooling = temperature / Double(iterations + 1)
    for _ in 0..<iterations {
      var displacement = [Point](repeating: Point(0, 0), count: n)
      for i in 0..<n {
        for j in (i + 1)..<n {
          var delta = positions[i] - positions[j]
          var distance = delta.length
          if distance < 0.01 {
            let angle = Double(i * 7 + j * 13)
            delta = Point(cos(angle), sin(angle))
            distance = 0.01
          }
          let force = k * k / distance
          let push = delta.normalized * force
          displacement[i] = displacement[i] + push
          displacement[j] = displacement[j] - push
        }
      }
      for edge in edges {
        let delta = positions[edge.a] - positions[edge.b]
        let distance = max(delta.length, 0.01)
        let force = distance * distance / k * (1 + 0.2 * Double(edge.weight - 1))
        let pull = delta.normalized * force
        displacement[edge.a] = displacement[edge.a] - pull
        displacement[edge.b] = displacement[edge.b] + pull
      }
      for i in 0..<n {
        // Gravity keeps disconnected parts on the canvas.
        let toCentre = centre - positions[i]
        displacement[i] = displacement[i] + toCentre * (0.02 * k / max(radius, 1))
        let length = displacement[i].length
        if length > 0 {
          positions[i] = positions[i] + displacement[i].normalized * min(length, temperature)
        }
      }
      temperature = max(temperature - cooling, 0.5)
    }
    // Fit: stretch the bounding box to the square of side 2·radius around the centre.
    positions = fit(positions, centre: centre, radius: radius)
    // Keep nodes apart so that circles and labels do not collide, then fit again.
    if minDistance > 0 {
      for _ in 0..<60 {
        var moved = false
        for i in 0..<n {
          for j in (i + 1)..<n {
            var delta = positions[j] - positions[i]
            if delta.length < 0.01 { delta = Point(1, Double(j - i) * 0.01) }
            let distance = delta.length
            if distance < minDistance {
              let push = delta.normalized * ((minDistance - distance) / 2)
              positions[i] = positions[i] - push
              positions[j] = positions[j] + push
              moved = true
            }
          }
        }
        if !moved { break }
      }
      positions = fit(positions, centre: centre, radius: radius)
    }
    return positions
  }

  /// Scales x and y separately so that the points fill the square of side 2·radius.
  static func fit(_ points: [Point], centre: Point, radius: Double) -> [Point] {
    let xs = points.map(\.x)
    let ys = points.map(\.y)
    guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return points }
    let sx = maxX - minX > 1e-9 ? 2 * radius / (maxX - minX) : 1
    let sy = maxY - minY > 1e-9 ? 2 * radius / (maxY - minY) : 1
    let mid = Point((minX + maxX) / 2, (minY + maxY) / 2)
    return points.map { Point(centre.x + ($0.x - mid.x) * sx, centre.y + ($0.y - mid.y) * sy) }
  }
}
