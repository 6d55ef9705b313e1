/// The circular–directional flow decomposition (CDFD) with the largest circular part.
///
/// Reference: C. Homs-Dones, R. S. MacKay, B. Sansom and Y. Zhou, "Circular and directional flow
/// decompositions of networks" (2025). A flow `W` splits as `W = C + D` with `C` balanced (inflow
/// equals outflow at every node) and `D` acyclic; the *maximum* circularity is `max ΣC / ΣW`.
///
/// **Method.** `D = W − C` has the same node imbalances as `W`, `b_v = out_v − in_v`. Maximising
/// `ΣC` is minimising `ΣD` subject to `0 ≤ D ≤ W` and those imbalances: a minimum-cost flow with
/// cost 1 per unit per edge, from nodes with `b_v > 0` to nodes with `b_v < 0`, capacities `W`.
/// An optimal `D` is acyclic (a cycle in `D` could be removed, lowering the cost), so `C = W − D`
/// is an exact maximum — no heuristic. Solved by the primal–dual method: Dijkstra shortest paths
/// with node potentials (reduced costs stay non-negative), then blocking flows along
/// zero-reduced-cost arcs (R. K. Ahuja, T. L. Magnanti and J. B. Orlin, *Network Flows*,
/// Prentice Hall 1993, §9.8). With unit costs the number of phases is at most the longest
/// shortest path.
public struct MaximumCirculation: Sendable, Equatable, Codable {
  /// `ΣW`.
  public var totalFlow: Double
  /// `ΣC`, the largest balanced part.
  public var circulation: Double
  /// `ΣC / ΣW` (0 when `ΣW = 0`).
  public var maxCircularity: Double
  /// `C` on each edge of the network, in CSR order.
  public var circularFlow: [Double]
  /// Dijkstra phases of the primal–dual method.
  public var phases: Int

  enum CodingKeys: String, CodingKey { case totalFlow, circulation, maxCircularity, phases }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    totalFlow = try container.decode(Double.self, forKey: .totalFlow)
    circulation = try container.decode(Double.self, forKey: .circulation)
    maxCircularity = try container.decode(Double.self, forKey: .maxCircularity)
    phases = try container.decode(Int.self, forKey: .phases)
    circularFlow = []
  }

  init(totalFlow: Double, circulation: Double, circularFlow: [Double], phases: Int) {
    self.totalFlow = totalFlow
    self.circulation = circulation
    maxCircularity = totalFlow > 0 ? circulation / totalFlow : 0
    self.circularFlow = circularFlow
    self.phases = phases
  }
}

extension FlowNetwork {
  /// Computes the maximum circulation contained in the flow.
  ///
  /// - Throws: `CancellationError`.
  /// - Complexity: O(phases · (E log V + blocking-flow work)); meant for ledgers and networks of up
  ///   to a few hundred thousand edges.
  public func maximumCirculation() throws -> MaximumCirculation {
    let n = nodeCount
    let m = edgeCount
    var total = 0.0
    for weight in weights { total += weight }
    if m == 0 || total == 0 {
      return MaximumCirculation(
        totalFlow: total, circulation: 0, circularFlow: [Double](repeating: 0, count: m), phases: 0)
    }
    let tolerance = 1e-12 * total
    var imbalance = [Double](repeating: 0, count: n)
    for v in 0..<n {
      for position in edges(from: v) {
        imbalance[v] += weights[position]
        imbalance[Int(targets[position])] -= weights[position]
      }
    }
    // Residual network: node n is the super source, n + 1 the super sink.
    let source = n
    let sink = n + 1
    var residual = ResidualNetwork(nodeCount: n + 2)
    var edgeArc = [Int](repeating: 0, count: m)
    for v in 0..<n {
      for position in edges(from: v) where Int(targets[position]) != v {
        edgeArc[position] = residual.addArc(
          from: v, to: Int(targets[position]), capacity: weights[position], cost: 1)
      }
    }
    var required = 0.0
    for v in 0..<n where abs(imbalance[v]) > tolerance {
      if imbalance[v] > 0 {
        _ = residual.addArc(from: source, to: v, capacity: imbalance[v], cost: 0)
        required += imbalance[v]
      } else {
        _ = residual.addArc(from: v, to: sink, capacity: -imbalance[v], cost: 0)
      }
    }
    residual.finish()
    let phases = try residual.minimumCostFlow(
      from: source, to: sink, amount: required, tolerance: tolerance)
    var circularFlow = [Double](repeating: 0, count: m)
    var circulation = 0.0
    for v in 0..<n {
      for position in edges(from: v) {
        let directional =
          Int(targets[position]) == v ? 0 : residual.flow(onArc: edgeArc[position])
        let c = max(0, weights[position] - directional)
        circularFlow[position] = c
        circulation += c
      }
    }
    return MaximumCirculation(
      totalFlow: total, circulation: circulation, circularFlow: circularFlow, phases: phases)
  }
}

/// A residual network with paired arcs, in CSR order after ``finish()``.
private struct ResidualNetwork {
  let nodeCount: Int
  private var tails: [Int32] = []
  private var heads: [Int32] = []
  private var capacity: [Double] = []
  private var cost: [Int32] = []
  private var original: [Double] = []
  // CSR over arcs, built by finish().
  private var start: [Int] = []
  private var order: [Int32] = []

  init(nodeCount: Int) { self.nodeCount = nodeCount }

  /// Adds an arc and its reverse; returns the forward arc's index.
  mutating func addArc(from tail: Int, to head: Int, capacity amount: Double, cost price: Int32)
    -> Int
  {
    let index = heads.count
    tails += [Int32(tail), Int32(head)]
    heads += [Int32(head), Int32(tail)]
    capacity += [amount, 0]
    original += [amount, 0]
    cost += [price, -price]
    return index
  }

  mutating func finish() {
    start = [Int](repeating: 0, count: nodeCount + 1)
    for tail in tails { start[Int(tail) + 1] += 1 }
    for v in 0..<nodeCount { start[v + 1] += start[v] }
    var cursor = start
    order = [Int32](repeating: 0, count: tails.count)
    for (arc, tail) in tails.enumerated() {
      order[cursor[Int(tail)]] = Int32(arc)
      cursor[Int(tail)] += 1
    }
  }

  func flow(onArc arc: Int) -> Double { original[arc] - capacity[arc] }

  /// Sends `amount` from `source` to `sink` at least cost; returns the number of phases.
  mutating func minimumCostFlow(from source: Int, to sink: Int, amount: Double, tolerance: Double)
    throws -> Int
  {
    var potential = [Int](repeating: 0, count: nodeCount)
    var distance = [Int](repeating: .max, count: nodeCount)
    var level = [Int](repeating: 0, count: nodeCount)
    var current = [Int](repeating: 0, count: nodeCount)
    var sent = 0.0
    var phases = 0
    while amount - sent > tolerance {
      try Task.checkCancellation()
      phases += 1
      // Dijkstra on reduced costs (integers, so a bucket queue would also do).
      for v in 0..<nodeCount { distance[v] = .max }
      distance[source] = 0
      var heap = MinHeap()
      heap.push(0, source)
      while let (d, v) = heap.pop() {
        if d > distance[v] { continue }
        for slot in start[v]..<start[v + 1] {
          let arc = Int(order[slot])
          guard capacity[arc] > tolerance else { continue }
          let w = Int(heads[arc])
          let reduced = Int(cost[arc]) + potential[v] - potential[w]
          let candidate = d + reduced
          if candidate < distance[w] {
            distance[w] = candidate
            heap.push(candidate, w)
          }
        }
      }
      guard distance[sink] != .max else { break }
      for v in 0..<nodeCount where distance[v] != .max { potential[v] += distance[v] }
      // Blocking flows on the admissible arcs (zero reduced cost), layered by breadth-first
      // levels so that the admissible graph searched is acyclic (Dinic).
      while amount - sent > tolerance {
        guard layer(from: source, to: sink, potential: potential, level: &level, tolerance: tolerance)
        else { break }
        for v in 0..<nodeCount { current[v] = start[v] }
        while amount - sent > tolerance {
          let pushed = augment(
            from: source, to: sink, limit: amount - sent, potential: potential, level: level,
            current: &current, tolerance: tolerance)
          if pushed <= tolerance { break }
          sent += pushed
        }
      }
    }
    return phases
  }

  private func isAdmissible(_ arc: Int, _ v: Int, _ potential: [Int], _ tolerance: Double) -> Bool {
    capacity[arc] > tolerance && Int(cost[arc]) + potential[v] - potential[Int(heads[arc])] == 0
  }

  /// Breadth-first levels over admissible arcs; returns whether the sink is reached.
  private func layer(
    from source: Int, to sink: Int, potential: [Int], level: inout [Int], tolerance: Double
  ) -> Bool {
    for v in 0..<nodeCount { level[v] = -1 }
    level[source] = 0
    var queue = [source]
    var head = 0
    while head < queue.count {
      let v = queue[head]
      head += 1
      for slot in start[v]..<start[v + 1] {
        let arc = Int(order[slot])
        let w = Int(heads[arc])
        if level[w] < 0, isAdmissible(arc, v, potential, tolerance) {
          level[w] = level[v] + 1
          queue.append(w)
        }
      }
    }
    return level[sink] >= 0
  }

  /// Finds one path in the level graph from `source` to `sink` and pushes its bottleneck.
  private mutating func augment(
    from source: Int, to sink: Int, limit: Double, potential: [Int], level: [Int],
    current: inout [Int], tolerance: Double
  ) -> Double {
    var pathArcs: [Int] = []
    var v = source
    while v != sink {
      var advanced = false
      while current[v] < start[v + 1] {
        let arc = Int(order[current[v]])
        let w = Int(heads[arc])
        if level[w] == level[v] + 1, isAdmissible(arc, v, potential, tolerance) {
          pathArcs.append(arc)
          v = w
          advanced = true
          break
        }
        current[v] += 1
      }
      if !advanced {
        // Dead end: retreat one arc and never try it again in this level graph.
        guard let last = pathArcs.popLast() else { return 0 }
        v = Int(tails[last])
        current[v] += 1
      }
    }
    var bottleneck = limit
    for arc in pathArcs { bottleneck = min(bottleneck, capacity[arc]) }
    for arc in pathArcs {
      capacity[arc] -= bottleneck
      capacity[arc ^ 1] += bottleneck
    }
    return bottleneck
  }
}

/// A binary min-heap of (key, node).
private struct MinHeap {
  private var items: [(Int, Int)] = []

  mutating func push(_ key: Int, _ node: Int) {
    items.append((key, node))
    var child = items.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      if items[parent].0 <= items[child].0 { break }
      items.swapAt(parent, child)
      child = parent
    }
  }

  mutating func pop() -> (Int, Int)? {
    guard let first = items.first else { return nil }
    let last = items.removeLast()
    if !items.isEmpty {
      items[0] = last
      var parent = 0
      while true {
        let left = 2 * parent + 1
        let right = left + 1
        var smallest = parent
        if left < items.count, items[left].0 < items[smallest].0 { smallest = left }
        if right < items.count, items[right].0 < items[smallest].0 { smallest = right }
        if smallest == parent { break }
        items.swapAt(parent, smallest)
        parent = smallest
      }
    }
    return first
  }
}

extension MaximumCirculation {
  /// One decomposition of the circulation into cycles, largest first.
  ///
  /// A balanced flow is a sum of cycle flows. Repeatedly: start at the first edge (in CSR order)
  /// that still carries circulation, follow edges that still carry some until a node repeats, take
  /// the cycle found and subtract its smallest edge. Every step empties at least one edge, so there
  /// are at most E cycles. The decomposition is deterministic but not unique: another order of
  /// edges can split the same circulation into other cycles.
  public func cycleDecomposition(of network: FlowNetwork) -> [(nodes: [Int32], amount: Double)] {
    var remaining = circularFlow
    let tolerance = 1e-9 * max(1, totalFlow)
    var cycles: [(nodes: [Int32], amount: Double)] = []
    var position = [Int](repeating: -1, count: network.nodeCount)
    var first = 0
    while true {
      while first < remaining.count, remaining[first] <= tolerance { first += 1 }
      guard first < remaining.count else { break }
      // The tail of edge `first`.
      var tail = 0
      var high = network.nodeCount
      while tail + 1 < high {
        let middle = (tail + high) / 2
        if network.offsets[middle] <= first { tail = middle } else { high = middle }
      }
      var pathNodes: [Int] = []
      var pathEdges: [Int] = []
      var v = tail
      var edge = first
      while position[v] < 0 {
        position[v] = pathNodes.count
        pathNodes.append(v)
        pathEdges.append(edge)
        v = Int(network.targets[edge])
        guard let next = network.edges(from: v).first(where: { remaining[$0] > tolerance }) else { break }
        if position[v] >= 0 { break }
        edge = next
      }
      guard position[v] >= 0 else {
        // Rounding left a dangling edge: drop it.
        remaining[pathEdges.last ?? first] = 0
        for node in pathNodes { position[node] = -1 }
        continue
      }
      let start = position[v]
      let loopEdges = Array(pathEdges[start...])
      let amount = loopEdges.map { remaining[$0] }.min() ?? 0
      for e in loopEdges { remaining[e] -= amount }
      var nodes = pathNodes[start...].map { Int32($0) }
      // Start at the smallest node, like the cycle enumerations.
      if let smallest = nodes.indices.min(by: { nodes[$0] < nodes[$1] }) {
        nodes = Array(nodes[smallest...] + nodes[..<smallest])
      }
      cycles.append((nodes, amount))
      for node in pathNodes { position[node] = -1 }
    }
    return cycles.sorted { ($0.amount, $1.nodes.count) > ($1.amount, $0.nodes.count) }
  }
}
