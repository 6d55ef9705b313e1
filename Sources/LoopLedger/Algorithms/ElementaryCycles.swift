/// Elementary cycles: Johnson's algorithm, and a pruned search when lengths are bounded.
///
/// An elementary (simple) cycle is a closed path `v0 → v1 → … → v(k-1) → v0` with no node
/// repeated. Each cycle is reported once, as the list of its nodes starting at its smallest node.
///
/// **Unbounded** — D. B. Johnson, "Finding all the elementary circuits of a directed graph",
/// SIAM J. Comput. 4(1), 77–84 (1975), whose bound is O((n + e)(c + 1)) for c cycles (here plus
/// the sorting of components, see the Complexity lines below). The graph is split
/// into strongly connected components; in each, the smallest node `s` is the start, every cycle
/// through `s` is found by a depth-first search that blocks nodes which cannot currently reach
/// `s` (a node is unblocked, with the nodes waiting on it in its `B` list, when a cycle is found
/// through it), then `s` is removed and the components of the rest are processed the same way.
///
/// **Bounded** (`maxLength` = K) — Johnson's blocking is not valid when paths are cut at a length,
/// so the search instead prunes with distances: from start `s`, a reverse breadth-first search
/// gives `d(w)`, the fewest edges from `w` back to `s` inside the component; a path of `L` edges
/// that has reached `w` is extended only while `L + d(w) ≤ K`. Only branches that can still close
/// within the bound are explored.
///
/// Both run with explicit stacks (no recursion) and allocate nothing per edge visited.
extension FlowNetwork {
  /// Calls `body` with each elementary cycle of at most `maxLength` edges.
  ///
  /// - Parameters:
  ///   - maxLength: The longest cycle to report, in edges; nil for no bound. Must be ≥ 1.
  ///   - body: Receives the cycle's nodes (valid only during the call); returns false to stop.
  /// - Returns: True if every cycle was visited, false if `body` stopped the search.
  /// - Throws: `CancellationError` if the current task is cancelled.
  /// - Complexity: With n nodes, m edges, Δ the largest out-degree and S the starts (the smallest
  ///   node of each component of ≥ 2 nodes met during the search; S ≤ n, and S ≤ c + 1 without a
  ///   bound): unbounded, O((n + m)(c + 1) + S·n log n) time for the c cycles visited — Johnson's
  ///   bound plus sorting the components each start splits off; bounded by K, O(S·(n log n + m) +
  ///   Σ_s P_s·Δ), with P_s the paths of fewer than K edges from start s that pass the distance
  ///   test, at most O(n·(n log n + m + Δ^K)) — not output-sensitive. Memory O(n + m) (the bounded
  ///   search keeps the transpose) plus the pool of `B` entries, which, without Johnson's
  ///   membership test, can hold repeats.
  @discardableResult
  public func forEachElementaryCycle(
    maxLength: Int? = nil, _ body: (UnsafeBufferPointer<Int32>) -> Bool
  ) throws -> Bool {
    precondition(maxLength.map { $0 >= 1 } ?? true, "maxLength must be at least 1")
    var search = CycleSearch(network: self, maxLength: maxLength)
    return try search.run(body)
  }

  /// Returns the elementary cycles, at most `limit` of them.
  ///
  /// - Returns: The cycles found and whether the list is complete (false when `limit` was hit).
  /// - Complexity: That of ``forEachElementaryCycle(maxLength:_:)`` stopped at the
  ///   `min(c, limit + 1)`-th cycle, plus the output (the listed cycles' lengths).
  public func elementaryCycles(maxLength: Int? = nil, limit: Int = .max) throws -> (
    cycles: [[Int32]], isComplete: Bool
  ) {
    var cycles: [[Int32]] = []
    guard limit > 0 else {
      let none = try forEachElementaryCycle(maxLength: maxLength) { _ in false }
      return ([], none)
    }
    // One search: keep `limit` cycles and stop at the next one, which proves there are more.
    let complete = try forEachElementaryCycle(maxLength: maxLength) { cycle in
      guard cycles.count < limit else { return false }
      cycles.append(Array(cycle))
      return true
    }
    return (cycles, complete)
  }

  /// Counts the elementary cycles and summarises their lengths without storing them.
  ///
  /// With `threads > 1` the searches are split by (component, start, first edge) among threads
  /// that claim them from a shared counter; the counts are the same as with one thread.
  ///
  /// - Throws: `CancellationError` if the current task is cancelled.
  /// - Complexity: On one thread, that of ``forEachElementaryCycle(maxLength:_:)``. On T threads,
  ///   the same search work divided among them plus O(T·S·(n log n + m)), because every thread
  ///   repeats the decomposition into components for every start.
  public func cycleStatistics(maxLength: Int? = nil, threads: Int = 1) throws -> CycleStatistics {
    precondition(maxLength.map { $0 >= 1 } ?? true, "maxLength must be at least 1")
    if threads <= 1 {
      var statistics = CycleStatistics()
      try forEachElementaryCycle(maxLength: maxLength) { cycle in
        statistics.add(length: cycle.count)
        return true
      }
      return statistics
    }
    let counter = TaskCounter()
    let results = try Parallel.map(count: threads) { _ in
      var search = CycleSearch(network: self, maxLength: maxLength)
      var statistics = CycleStatistics()
      _ = try search.run(claim: { counter.next() }) { cycle in
        statistics.add(length: cycle.count)
        return true
      }
      return statistics
    }
    var total = CycleStatistics()
    for partial in results { total.merge(partial) }
    return total
  }
}

/// Counts of elementary cycles by length.
public struct CycleStatistics: Sendable, Equatable, Codable {
  /// The number of cycles.
  public var count: Int = 0
  /// The sum of all cycle lengths, in edges.
  public var sumLength: Int = 0
  /// The longest cycle's length (0 when there is none).
  public var longest: Int = 0
  /// `histogram[k]` is the number of cycles of `k` edges (index 0 unused).
  public var histogram: [Int] = []

  public init() {}

  /// Counts one cycle of `length` edges.
  ///
  /// - Complexity: O(1) amortised (the histogram grows to the longest length seen).
  public mutating func add(length: Int) {
    count += 1
    sumLength += length
    longest = max(longest, length)
    if histogram.count <= length { histogram += Array(repeating: 0, count: length + 1 - histogram.count) }
    histogram[length] += 1
  }

  /// Adds another tally (for combining per-thread counts).
  ///
  /// - Complexity: O(h), h the length of the longer histogram.
  public mutating func merge(_ other: CycleStatistics) {
    count += other.count
    sumLength += other.sumLength
    longest = max(longest, other.longest)
    if histogram.count < other.histogram.count {
      histogram += Array(repeating: 0, count: other.histogram.count - histogram.count)
    }
    for (length, n) in other.histogram.enumerated() { histogram[length] += n }
  }
}

// MARK: - Search state

private struct CycleSearch {
  let network: FlowNetwork
  let maxLength: Int?
  let nodeCount: Int
  /// Component token of each node; a node takes part in the current search when its label
  /// equals the current token.
  var label: [Int32]
  var token: Int32 = 0
  var path: [Int32] = []
  var frames: [(node: Int32, next: Int, closed: Bool)] = []
  // Johnson's blocked set and B lists (a linked list per node in one pool, with a free list).
  var blocked: [Bool]
  var bHead: [Int32]
  var poolNode: [Int32] = []
  var poolNext: [Int32] = []
  var freeEntry: Int32 = -1
  var unblockStack: [Int32] = []
  // Bounded search.
  var reverse: FlowNetwork?
  var distance: [Int32] = []
  var onPath: [Bool] = []
  var queue: [Int32] = []
  var tarjan: TarjanWorkspace

  init(network: FlowNetwork, maxLength: Int?) {
    self.network = network
    self.maxLength = maxLength
    nodeCount = network.nodeCount
    label = [Int32](repeating: -1, count: nodeCount)
    blocked = [Bool](repeating: false, count: nodeCount)
    bHead = [Int32](repeating: -1, count: nodeCount)
    tarjan = TarjanWorkspace(nodeCount: nodeCount)
    if maxLength != nil {
      reverse = network.transposed()
      distance = [Int32](repeating: .max, count: nodeCount)
      onPath = [Bool](repeating: false, count: nodeCount)
    }
  }

  /// Runs every search, or — with `claim` — only the tasks this thread claims.
  ///
  /// With `claim`, each (component, start, first edge) is one task, numbered in the order this
  /// deterministic walk meets it; a thread runs task `i` only if `claim` handed it `i`.
  mutating func run(
    claim: (() -> Int)? = nil, _ body: (UnsafeBufferPointer<Int32>) -> Bool
  ) throws -> Bool {
    var taskIndex = 0
    var claimed = claim?() ?? 0
    // Self-loops are cycles of one edge (counted by the thread that claims task 0).
    let ownsSelfLoops = claim == nil || claimed == 0
    if claim != nil, claimed == 0 {
      claimed = claim?() ?? 0
      taskIndex = 1
    } else if claim != nil {
      taskIndex = 1
    }
    for node in 0..<nodeCount where ownsSelfLoops && network.edge(from: node, to: node) != nil {
      var single = Int32(node)
      let keepGoing = withUnsafePointer(to: &single) {
        body(UnsafeBufferPointer(start: $0, count: 1))
      }
      if !keepGoing { return false }
    }
    if maxLength == 1 { return true }
    var work: [[Int32]] = []
    network.forEachStronglyConnectedComponent { component in
      if component.count > 1 { work.append(Array(component)) }
    }
    work.reverse()
    while let component = work.popLast() {
      try Task.checkCancellation()
      token &+= 1
      if token < 0 { token = 0 }
      for node in component { label[Int(node)] = token }
      let start = component[0]
      if let claim {
        if maxLength != nil { prepareDistances(from: start) }
        for edge in network.edges(from: Int(start)) where label[Int(network.targets[edge])] == token {
          defer { taskIndex += 1 }
          guard taskIndex == claimed else { continue }
          claimed = claim()
          let keepGoing =
            maxLength == nil
            ? johnsonCircuits(from: start, component: component, rootEdge: edge, body)
            : boundedCircuits(from: start, component: component, rootEdge: edge, body)
          if !keepGoing { return false }
        }
        if maxLength != nil { clearDistances() }
      } else {
        if maxLength != nil { prepareDistances(from: start) }
        let keepGoing =
          maxLength == nil
          ? johnsonCircuits(from: start, component: component, rootEdge: nil, body)
          : boundedCircuits(from: start, component: component, rootEdge: nil, body)
        if maxLength != nil { clearDistances() }
        if !keepGoing { return false }
      }
      // Remove the start and split the rest into components.
      label[Int(start)] = -1
      let current = token
      var pieces: [[Int32]] = []
      let labels = label
      tarjan.run(
        network, roots: component.dropFirst(), allowed: { labels[$0] == current }
      ) { piece in
        if piece.count > 1 { pieces.append(Array(piece)) }
      }
      for node in component { label[Int(node)] = -1 }
      // Smallest-start pieces first, for a stable order of output.
      work.append(contentsOf: pieces.reversed())
    }
    return true
  }

  // MARK: Johnson

  mutating func johnsonCircuits(
    from start: Int32, component: [Int32], rootEdge: Int?,
    _ body: (UnsafeBufferPointer<Int32>) -> Bool
  ) -> Bool {
    let offsets = network.offsets
    let targets = network.targets
    let current = token
    path.removeAll(keepingCapacity: true)
    frames.removeAll(keepingCapacity: true)
    path.append(start)
    blocked[Int(start)] = true
    frames.append((start, rootEdge ?? offsets[Int(start)], false))
    let rootEnd = rootEdge.map { $0 + 1 } ?? offsets[Int(start) + 1]
    var keepGoing = true
    while keepGoing, let top = frames.last {
      let v = Int(top.node)
      if top.next < (frames.count == 1 ? rootEnd : offsets[v + 1]) {
        let w = targets[top.next]
        frames[frames.count - 1].next += 1
        if label[Int(w)] != current || Int(w) == v { continue }
        if w == start {
          frames[frames.count - 1].closed = true
          keepGoing = path.withUnsafeBufferPointer { body($0) }
        } else if !blocked[Int(w)] {
          blocked[Int(w)] = true
          path.append(w)
          frames.append((w, offsets[Int(w)], false))
        }
      } else {
        if top.closed {
          unblock(top.node)
        } else {
          for position in offsets[v]..<offsets[v + 1] {
            let w = Int(targets[position])
            if label[w] == current, w != v { addToB(of: w, node: top.node) }
          }
        }
        frames.removeLast()
        path.removeLast()
        if top.closed, !frames.isEmpty { frames[frames.count - 1].closed = true }
      }
    }
    // Reset per-start state for the nodes of this component.
    for node in component {
      blocked[Int(node)] = false
      clearB(of: Int(node))
    }
    return keepGoing
  }

  mutating func addToB(of w: Int, node: Int32) {
    let entry: Int32
    if freeEntry >= 0 {
      entry = freeEntry
      freeEntry = poolNext[Int(entry)]
      poolNode[Int(entry)] = node
    } else {
      entry = Int32(poolNode.count)
      poolNode.append(node)
      poolNext.append(-1)
    }
    poolNext[Int(entry)] = bHead[w]
    bHead[w] = entry
  }

  mutating func clearB(of node: Int) {
    var entry = bHead[node]
    while entry >= 0 {
      let next = poolNext[Int(entry)]
      poolNext[Int(entry)] = freeEntry
      freeEntry = entry
      entry = next
    }
    bHead[node] = -1
  }

  mutating func unblock(_ node: Int32) {
    blocked[Int(node)] = false
    unblockStack.append(node)
    while let x = unblockStack.popLast() {
      var entry = bHead[Int(x)]
      while entry >= 0 {
        let w = poolNode[Int(entry)]
        let next = poolNext[Int(entry)]
        poolNext[Int(entry)] = freeEntry
        freeEntry = entry
        entry = next
        if blocked[Int(w)] {
          blocked[Int(w)] = false
          unblockStack.append(w)
        }
      }
      bHead[Int(x)] = -1
    }
  }

  // MARK: Bounded

  /// Distances back to `start` within the component, up to `maxLength - 1` edges.
  mutating func prepareDistances(from start: Int32) {
    guard let maxLength, let reverse else { return }
    let current = token
    queue.removeAll(keepingCapacity: true)
    queue.append(start)
    distance[Int(start)] = 0
    var head = 0
    while head < queue.count {
      let x = Int(queue[head])
      head += 1
      let next = distance[x] + 1
      if Int(next) > maxLength - 1 { continue }
      for position in reverse.edges(from: x) {
        let y = Int(reverse.targets[position])
        if label[y] == current, distance[y] == .max {
          distance[y] = next
          queue.append(Int32(y))
        }
      }
    }
  }

  mutating func clearDistances() {
    for node in queue { distance[Int(node)] = .max }
    queue.removeAll(keepingCapacity: true)
  }

  mutating func boundedCircuits(
    from start: Int32, component: [Int32], rootEdge: Int?,
    _ body: (UnsafeBufferPointer<Int32>) -> Bool
  ) -> Bool {
    guard let maxLength else { return true }
    let offsets = network.offsets
    let targets = network.targets
    let current = token
    path.removeAll(keepingCapacity: true)
    frames.removeAll(keepingCapacity: true)
    path.append(start)
    onPath[Int(start)] = true
    frames.append((start, rootEdge ?? offsets[Int(start)], false))
    let rootEnd = rootEdge.map { $0 + 1 } ?? offsets[Int(start) + 1]
    var keepGoing = true
    while keepGoing, let top = frames.last {
      let v = Int(top.node)
      if top.next < (frames.count == 1 ? rootEnd : offsets[v + 1]) {
        let w = targets[top.next]
        frames[frames.count - 1].next += 1
        let wi = Int(w)
        if label[wi] != current || wi == v { continue }
        if w == start {
          if path.count <= maxLength { keepGoing = path.withUnsafeBufferPointer { body($0) } }
        } else if !onPath[wi], distance[wi] != .max, path.count + Int(distance[wi]) <= maxLength {
          onPath[wi] = true
          path.append(w)
          frames.append((w, offsets[wi], false))
        }
      } else {
        onPath[v] = false
        frames.removeLast()
        path.removeLast()
      }
    }
    for node in path { onPath[Int(node)] = false }
    return keepGoing
  }
}
