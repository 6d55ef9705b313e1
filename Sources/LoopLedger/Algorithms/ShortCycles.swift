/// Counting elementary cycles of length 2, 3 and 4 on large sparse graphs by adjacency marking.
///
/// Every cycle is counted once, from its node of lowest *rank*, where nodes are ranked by total
/// degree (ascending, ties by index) — the ordering that makes triangle counting fast on
/// heavy-tailed graphs (M. Latapy, "Main-memory triangle computations for very large (sparse
/// (power-law)) graphs", Theor. Comput. Sci. 407, 458–473 (2008); T. Schank and D. Wagner,
/// "Finding, counting and listing all triangles in large graphs", WEA 2005): a hub is rarely the
/// lowest-ranked node of a cycle, so it is rarely a start, and adjacency lists are scanned only
/// above the start's rank.
///
/// After relabelling nodes by rank, for a start `u` the in-neighbours of `u` above `u` are marked.
/// Then, with `out⁺(v)` the out-neighbours of `v` ranked above `u`:
///
/// - 2-cycles `u → v → u`: `v ∈ out⁺(u)` marked;
/// - 3-cycles `u → v → w → u`: `v ∈ out⁺(u)`, `w ∈ out⁺(v)`, `w` marked;
/// - 4-cycles `u → v → w → x → u`: with `A(w)` the number of 2-paths `u → v → w` and `B(w)` the
///   number of 2-paths `w → x → u` (walked backwards from `u`, all nodes above `u`), the count is
///   `Σ_w A(w)·B(w)` minus the pairs with `v = x`, i.e. minus `#{(v, w) : u ⇄ v, v ⇄ w}`.
///
/// Work is split between threads by blocks of start nodes; each thread has its own mark arrays,
/// and the integer counts are added in a fixed order.
extension FlowNetwork {
  /// The largest length ``shortCycleStatistics(maxLength:threads:)`` counts.
  public static let maxShortCycleLength = 4

  /// Counts the elementary cycles of 2 to `maxLength` (≤ 4) edges; self-loops count as length 1.
  ///
  /// - Complexity: O(n log n + m log Δ + (n + W) log Δ) for n nodes, m edges, Δ the largest
  ///   degree and W the 2-path work — the 2-paths leaving and entering each start through nodes
  ///   ranked above it, W ≤ Σ_v d(v)²: ranking costs O(n log n), the sorted relabelled rows
  ///   O(m log Δ), then each start a few binary searches plus its 2-path scans. This is not the
  ///   O(m^{3/2}) of the forward triangle algorithm: the middle node's list is scanned above the
  ///   start, not above the middle node, so a hub with k two-way neighbours costs Θ(k²). Memory:
  ///   8 bytes per edge for the relabelled adjacency, 12 bytes per node per thread for the marks.
  public func shortCycleStatistics(maxLength: Int, threads: Int = 1) throws -> CycleStatistics {
    precondition((1...Self.maxShortCycleLength).contains(maxLength), "maxLength must be 1...4")
    let n = nodeCount
    var statistics = CycleStatistics()
    var selfLoops = 0
    for node in 0..<n where edge(from: node, to: node) != nil { selfLoops += 1 }
    for _ in 0..<selfLoops { statistics.add(length: 1) }
    if maxLength == 1 || n == 0 { return statistics }

    let ranked = RankedAdjacency(self)
    let blockSize = 1024
    let blocks = (n + blockSize - 1) / blockSize
    let workers = max(1, min(threads, blocks))
    let partials = try Parallel.map(count: workers) { worker -> [Int] in
      var counts = [Int](repeating: 0, count: 5)
      var mark = [Int32](repeating: -1, count: n)
      var twoPaths = [Int32](repeating: 0, count: n)
      var closing = [Int32](repeating: 0, count: n)
      var touched: [Int32] = []
      var block = worker
      while block < blocks {
        try Task.checkCancellation()
        let end = min(n, (block + 1) * blockSize)
        for u in (block * blockSize)..<end {
          ranked.countCycles(
            from: u, maxLength: maxLength, counts: &counts, mark: &mark, twoPaths: &twoPaths,
            closing: &closing, touched: &touched)
        }
        block += workers
      }
      return counts
    }
    var counts = [Int](repeating: 0, count: 5)
    for partial in partials { for k in 0..<5 { counts[k] += partial[k] } }
    for length in 2...maxLength {
      statistics.count += counts[length]
      statistics.sumLength += counts[length] * length
      if counts[length] > 0 { statistics.longest = max(statistics.longest, length) }
    }
    if statistics.histogram.count < maxLength + 1 {
      statistics.histogram += Array(repeating: 0, count: maxLength + 1 - statistics.histogram.count)
    }
    for length in 2...maxLength { statistics.histogram[length] = counts[length] }
    while statistics.histogram.count > 1, statistics.histogram.last == 0 {
      statistics.histogram.removeLast()
    }
    if statistics.count == 0 { statistics.histogram = [] }
    return statistics
  }
}

/// Out- and in-adjacency relabelled by degree rank, each list sorted, self-loops dropped.
private struct RankedAdjacency: Sendable {
  let outStart: [Int]
  let outList: [Int32]
  let inStart: [Int]
  let inList: [Int32]

  init(_ network: FlowNetwork) {
    let n = network.nodeCount
    var degree = [Int](repeating: 0, count: n)
    for v in 0..<n { degree[v] += network.offsets[v + 1] - network.offsets[v] }
    for target in network.targets { degree[Int(target)] += 1 }
    let order = (0..<n).sorted { (degree[$0], $0) < (degree[$1], $1) }
    var rank = [Int32](repeating: 0, count: n)
    for (position, node) in order.enumerated() { rank[node] = Int32(position) }

    func build(reversed: Bool) -> ([Int], [Int32]) {
      var start = [Int](repeating: 0, count: n + 1)
      for v in 0..<n {
        for position in network.edges(from: v) where Int(network.targets[position]) != v {
          let owner = reversed ? Int(rank[Int(network.targets[position])]) : Int(rank[v])
          start[owner + 1] += 1
        }
      }
      for v in 0..<n { start[v + 1] += start[v] }
      var cursor = start
      var list = [Int32](repeating: 0, count: start[n])
      for v in 0..<n {
        for position in network.edges(from: v) where Int(network.targets[position]) != v {
          let head = rank[Int(network.targets[position])]
          let (owner, other) = reversed ? (Int(head), rank[v]) : (Int(rank[v]), head)
          list[cursor[owner]] = other
          cursor[owner] += 1
        }
      }
      for v in 0..<n { list[start[v]..<start[v + 1]].sort() }
      return (start, list)
    }
    (outStart, outList) = build(reversed: false)
    (inStart, inList) = build(reversed: true)
  }

  /// The first position in `list[range]` holding a value above `u`.
  @inline(__always)
  func above(_ u: Int32, in list: [Int32], _ lower: Int, _ upper: Int) -> Int {
    var low = lower
    var high = upper
    while low < high {
      let middle = (low + high) >> 1
      if list[middle] <= u { low = middle + 1 } else { high = middle }
    }
    return low
  }

  func hasEdge(_ a: Int32, _ b: Int32) -> Bool {
    let lower = outStart[Int(a)]
    let upper = outStart[Int(a) + 1]
    let position = above(b - 1, in: outList, lower, upper)
    return position < upper && outList[position] == b
  }

  func countCycles(
    from u: Int, maxLength: Int, counts: inout [Int], mark: inout [Int32],
    twoPaths: inout [Int32], closing: inout [Int32], touched: inout [Int32]
  ) {
    let u32 = Int32(u)
    let outEnd = outStart[u + 1]
    let outFirst = above(u32, in: outList, outStart[u], outEnd)
    if outFirst == outEnd { return }
    let inEnd = inStart[u + 1]
    let inFirst = above(u32, in: inList, inStart[u], inEnd)
    if inFirst == inEnd { return }
    for position in inFirst..<inEnd { mark[Int(inList[position])] = u32 }

    for position in outFirst..<outEnd {
      let v = Int(outList[position])
      if mark[v] == u32 { counts[2] += 1 }
      guard maxLength >= 3 else { continue }
      let vEnd = outStart[v + 1]
      for second in above(u32, in: outList, outStart[v], vEnd)..<vEnd {
        let w = Int(outList[second])
        if mark[w] == u32 { counts[3] += 1 }
        if maxLength >= 4 {
          if twoPaths[w] == 0 { touched.append(Int32(w)) }
          twoPaths[w] += 1
        }
      }
    }
    if maxLength >= 4 {
      // B(w): the 2-paths w → x → u back to the start, found from u's marked in-neighbours.
      for position in inFirst..<inEnd {
        let x = Int(inList[position])
        let xEnd = inStart[x + 1]
        for second in above(u32, in: inList, inStart[x], xEnd)..<xEnd {
          let w = Int(inList[second])
          if twoPaths[w] != 0 { closing[w] += 1 }
        }
      }
      var fourCycles = 0
      for w32 in touched {
        let w = Int(w32)
        fourCycles += Int(twoPaths[w]) * Int(closing[w])
        twoPaths[w] = 0
        closing[w] = 0
      }
      touched.removeAll(keepingCapacity: true)
      // Remove the pairs where the second and fourth nodes coincide: u ⇄ v and v ⇄ w.
      for position in outFirst..<outEnd {
        let v = outList[position]
        guard mark[Int(v)] == u32 else { continue }
        let vEnd = outStart[Int(v) + 1]
        for second in above(u32, in: outList, outStart[Int(v)], vEnd)..<vEnd {
          let w = outList[second]
          if hasEdge(w, v) { fourCycles -= 1 }
        }
      }
      counts[4] += fourCycles
    }
    for position in inFirst..<inEnd { mark[Int(inList[position])] = -1 }
  }
}
