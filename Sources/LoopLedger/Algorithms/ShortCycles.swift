/// Counting elementary cycles of length 2, 3 and 4 on large sparse graphs by adjacency marking.
///
/// Every cycle is counted once, from its node of lowest *rank*, where nodes are ranked by total
/// degree (ascending, ties by index) — the ordering that makes triangle counting fast on
/// heavy-tailed graphs (M. Latapy, "Main-memory triangle computations for very large (sparse
/// (power-law)) graphs", Theor. Comput. Sci. 407, 458–473 (2008); T. Schank and D. Wagner,
/// "Finding, counting and listing all triangles in large graphs", WEA 2005): a hub is rarely the
/// lowest-ranked node of a cycle, so it is rarely a start.
///
/// **Lengths 2 and 3** (the forward algorithm). Each edge is stored once, at its endpoint of
/// lower rank `v`: in `up(v)` when it leaves `v`, in `down(v)` when it enters `v` — so both lists
/// hold only nodes ranked above `v`, and their lengths are at most √(2m) under the degree order.
/// For a start `u`, mark `down(u)` and `up(u)` (one bit per node, cleared after `u`); a cycle
/// whose lowest node is `u` is one of
///
/// - `u → a → u`: `a ∈ up(u)` marked in `down(u)`;
/// - `u → a → b → u` with `a` below `b`: `a ∈ up(u)`, `b ∈ up(a)`, `b` marked in `down(u)`;
/// - `u → a → b → u` with `b` below `a`: `b ∈ down(u)`, `a ∈ down(b)`, `a` marked in `up(u)`.
///
/// **Length 4.** After relabelling nodes by rank, for a start `u` the in-neighbours of `u` above
/// `u` are marked. With `out⁺(v)` the out-neighbours of `v` ranked above `u`, and `A(w)` the
/// number of 2-paths `u → v → w` and `B(w)` the number of 2-paths `w → x → u` (walked backwards
/// from `u`, all nodes above `u`), the count is `Σ_w A(w)·B(w)` minus the pairs with `v = x`,
/// i.e. minus `#{(v, w) : u ⇄ v, v ⇄ w}`; 2- and 3-cycles are counted on the way
/// (`v ∈ out⁺(u)` marked; `w ∈ out⁺(v)` marked).
///
/// Work is split between threads by blocks of start nodes; each thread has its own mark arrays,
/// and the integer counts are added in a fixed order.
extension FlowNetwork {
  /// The largest length ``shortCycleStatistics(maxLength:threads:)`` counts.
  public static let maxShortCycleLength = 4

  /// Counts the elementary cycles of 2 to `maxLength` (≤ 4) edges; self-loops count as length 1.
  ///
  /// - Complexity: for `maxLength` ≤ 3, O(n + m + Δ + W₃) for n nodes, m edges, Δ the largest
  ///   degree and W₃ = Σ_u (Σ_{a ∈ up(u)} |up(a)| + Σ_{b ∈ down(u)} |down(b)|) ≤ m·√(2m):
  ///   ranking by a counting sort, two passes over the edges to orient them, then the 2-path
  ///   scans; memory 4 bytes per edge plus about 40 + 20·P bytes per node (P = min(threads, 4)
  ///   parts of the sources build it), and 2 bits per node per thread for the marks. For `maxLength` = 4, O(n + Δ + m log Δ + (n + W) log Δ),
  ///   W = the 2-paths leaving and entering each start through nodes ranked above it,
  ///   W ≤ Σ_v d(v)² (a hub with k two-way neighbours costs Θ(k²)); memory 8 bytes per edge for
  ///   the relabelled adjacency, 12 bytes per node per thread for the marks.
  public func shortCycleStatistics(maxLength: Int, threads: Int = 1) throws -> CycleStatistics {
    precondition((1...Self.maxShortCycleLength).contains(maxLength), "maxLength must be 1...4")
    let n = nodeCount
    var statistics = CycleStatistics()
    var selfLoops = 0
    for node in 0..<n where edge(from: node, to: node) != nil { selfLoops += 1 }
    for _ in 0..<selfLoops { statistics.add(length: 1) }
    if maxLength == 1 || n == 0 { return statistics }

    var counts = [Int](repeating: 0, count: 5)
    if maxLength <= 3 {
      let oriented = OrientedAdjacency(self, threads: threads)
      (counts[2], counts[3]) = try oriented.countCycles(maxLength: maxLength, threads: threads)
    } else {
      for (length, count) in try fourCycleCounts(threads: threads).enumerated() {
        counts[length] = count
      }
    }
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

extension FlowNetwork {
  /// Counts 2-, 3- and 4-cycles (at indices 2, 3, 4) by ``RankedAdjacency``.
  fileprivate func fourCycleCounts(threads: Int) throws -> [Int] {
    let n = nodeCount
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
            from: u, maxLength: 4, counts: &counts, mark: &mark, twoPaths: &twoPaths,
            closing: &closing, touched: &touched)
        }
        block += workers
      }
      return counts
    }
    var counts = [Int](repeating: 0, count: 5)
    for partial in partials { for k in 0..<5 { counts[k] += partial[k] } }
    return counts
  }

  /// Each node's position when nodes are ordered by total degree (in + out, self-loops
  /// included), ascending, ties by index: a stable counting sort.
  fileprivate func degreeRanks(inDegrees: [[Int32]]) -> [Int32] {
    let n = nodeCount
    var degree = [Int](repeating: 0, count: n)
    var largest = 0
    offsets.withUnsafeBufferPointer { offsets in
      degree.withUnsafeMutableBufferPointer { degree in
        for v in 0..<n { degree[v] = offsets[v + 1] - offsets[v] }
        for part in inDegrees {
          part.withUnsafeBufferPointer { part in
            for v in 0..<n { degree[v] += Int(part[v]) }
          }
        }
        for v in 0..<n { largest = max(largest, degree[v]) }
      }
    }
    var firstOfDegree = [Int](repeating: 0, count: largest + 2)
    for d in degree { firstOfDegree[d + 1] += 1 }
    for d in 0...largest { firstOfDegree[d + 1] += firstOfDegree[d] }
    var rank = [Int32](repeating: 0, count: n)
    for v in 0..<n {
      rank[v] = Int32(firstOfDegree[degree[v]])
      firstOfDegree[degree[v]] += 1
    }
    return rank
  }

  /// Node ranges holding about equal numbers of edges, one per part.
  fileprivate func sourceParts(_ parts: Int) -> [Range<Int>] {
    var bounds = [0]
    for part in 1..<max(1, parts) {
      let wanted = edgeCount * part / parts
      var low = bounds[part - 1]
      var high = nodeCount
      while low < high {
        let middle = (low + high) / 2
        if offsets[middle] < wanted { low = middle + 1 } else { high = middle }
      }
      bounds.append(low)
    }
    bounds.append(nodeCount)
    return (0..<(bounds.count - 1)).map { bounds[$0]..<bounds[$0 + 1] }
  }

  /// How many edges enter each node, counted separately over each part's sources.
  fileprivate func inDegrees(parts: [Range<Int>]) -> [[Int32]] {
    let n = nodeCount
    return
      (try? Parallel.map(count: parts.count) { part -> [Int32] in
        var count = [Int32](repeating: 0, count: n)
        count.withUnsafeMutableBufferPointer { count in
          targets.withUnsafeBufferPointer { targets in
            for position in offsets[parts[part].lowerBound]..<offsets[parts[part].upperBound] {
              count[Int(targets[position])] &+= 1
            }
          }
        }
        return count
      }) ?? []
  }
}

/// Every edge once, at its endpoint of lower degree rank, self-loops dropped, nodes relabelled
/// by rank (so that the hubs, which most rows name, sit together in memory).
///
/// `bounds[2r] ..< bounds[2r + 1]` of `neighbours` is `up(r)`, the heads of `r`'s out-edges
/// (ranked above `r`); `bounds[2r + 1] ..< bounds[2r + 2]` is `down(r)`, the tails of `r`'s
/// in-edges ranked above `r` (the three bounds of a row share a cache line).
/// Rows are in no particular order (counting by marks does not need one), but the layout is
/// fixed: built on P parts of the sources, `down(r)` holds part 0's tails, then part 1's, …
private struct OrientedAdjacency: Sendable {
  let bounds: [Int]
  let neighbours: [Int32]

  init(_ network: FlowNetwork, threads: Int) {
    let n = network.nodeCount
    let parts = network.sourceParts(network.edgeCount >= 1 << 16 ? min(max(threads, 1), 4) : 1)
    let inDegrees = network.inDegrees(parts: parts)
    precondition(inDegrees.count == parts.count, "counting the in-degrees failed")
    let rank = network.degreeRanks(inDegrees: inDegrees)

    // Count, by rank: up(r) is written by its source's part alone (one shared array, disjoint
    // entries); down(r) gets one count array per part.
    var upCount = [Int](repeating: 0, count: n)
    let downCounts = upCount.withUnsafeMutableBufferPointer { upCount -> [[Int]] in
      let sharedUp = UnsafeSendable(upCount)
      let counted =
        (try? Parallel.map(count: parts.count) { part -> [Int] in
          let upCount = sharedUp.value
          var down = [Int](repeating: 0, count: n)
          network.offsets.withUnsafeBufferPointer { offsets in
            network.targets.withUnsafeBufferPointer { targets in
              rank.withUnsafeBufferPointer { rank in
                down.withUnsafeMutableBufferPointer { down in
                  for s in parts[part] {
                    let sourceRank = rank[s]
                    var up = 0
                    for position in offsets[s]..<offsets[s + 1] {
                      let t = Int(targets[position])
                      if t == s { continue }
                      let targetRank = rank[t]
                      if sourceRank < targetRank { up += 1 } else { down[Int(targetRank)] += 1 }
                    }
                    upCount[Int(sourceRank)] = up
                  }
                }
              }
            }
          }
          return down
        }) ?? []
      return counted
    }
    precondition(downCounts.count == parts.count, "counting the oriented edges failed")

    // Lay out the rows; each part's write cursors into the down rows, as absolute positions.
    var bounds = [Int](repeating: 0, count: 2 * n + 1)
    var cursors = [Int](repeating: 0, count: parts.count * n)
    var total = 0
    downCounts.withUnsafeBufferPointer { downCounts in
      cursors.withUnsafeMutableBufferPointer { cursors in
        for r in 0..<n {
          bounds[2 * r] = total
          total += upCount[r]
          bounds[2 * r + 1] = total
          for part in 0..<parts.count {
            cursors[part * n + r] = total
            total += downCounts[part][r]
          }
        }
      }
    }
    bounds[2 * n] = total

    // Fill: each part writes its sources' up rows and its own slots of every down row.
    var neighbours = [Int32](repeating: 0, count: total)
    neighbours.withUnsafeMutableBufferPointer { output in
      cursors.withUnsafeMutableBufferPointer { cursors in
        let shared = UnsafeSendable((output, cursors))
        let rowBounds = bounds
        _ = try? Parallel.map(count: parts.count) { part in
          let (output, cursors) = shared.value
          let base = part * n
          network.offsets.withUnsafeBufferPointer { offsets in
            network.targets.withUnsafeBufferPointer { targets in
              rank.withUnsafeBufferPointer { rank in
                for s in parts[part] {
                  let sourceRank = rank[s]
                  var up = rowBounds[2 * Int(sourceRank)]
                  for position in offsets[s]..<offsets[s + 1] {
                    let t = Int(targets[position])
                    if t == s { continue }
                    let targetRank = rank[t]
                    if sourceRank < targetRank {
                      output[up] = targetRank
                      up += 1
                    } else {
                      output[cursors[base + Int(targetRank)]] = sourceRank
                      cursors[base + Int(targetRank)] += 1
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    self.bounds = bounds
    self.neighbours = neighbours
  }

  /// The numbers of 2-cycles and (when `maxLength` ≥ 3) 3-cycles.
  func countCycles(maxLength: Int, threads: Int) throws -> (Int, Int) {
    let n = bounds.count / 2
    let blockSize = 1024
    let blocks = (n + blockSize - 1) / blockSize
    let workers = max(1, min(threads, blocks))
    let words = (n + 63) >> 6
    let partials = try Parallel.map(count: workers) { worker -> (Int, Int) in
      // One bit per node: `down(u)` and `up(u)` of the current start, cleared after it, so the
      // marks of a million nodes fit in the processor's second-level cache.
      var markDown = [UInt64](repeating: 0, count: words)
      var markUp = [UInt64](repeating: 0, count: maxLength >= 3 ? words : 0)
      var twoCycles = 0
      var threeCycles = 0
      var block = worker
      try bounds.withUnsafeBufferPointer { bounds in
        try neighbours.withUnsafeBufferPointer { list in
          try markDown.withUnsafeMutableBufferPointer { markDown in
            try markUp.withUnsafeMutableBufferPointer { markUp in
              @inline(__always) func isSet(_ marks: UnsafeMutableBufferPointer<UInt64>, _ node: Int32) -> Int {
                Int(truncatingIfNeeded: (marks[Int(node) >> 6] >> UInt64(node & 63)) & 1)
              }
              @inline(__always) func set(_ marks: UnsafeMutableBufferPointer<UInt64>, _ node: Int32) {
                marks[Int(node) >> 6] |= 1 << UInt64(node & 63)
              }
              while block < blocks {
                try Task.checkCancellation()
                for u in (block * blockSize)..<min(n, (block + 1) * blockSize) {
                  let upRow = bounds[2 * u]..<bounds[2 * u + 1]
                  let downRow = bounds[2 * u + 1]..<bounds[2 * u + 2]
                  if upRow.isEmpty || downRow.isEmpty { continue }
                  for position in downRow { set(markDown, list[position]) }
                  for position in upRow { twoCycles &+= isSet(markDown, list[position]) }
                  if maxLength >= 3 {
                    for position in upRow { set(markUp, list[position]) }
                    // u → a → b → u, a below b: b ∈ up(a) and b → u.
                    for position in upRow {
                      let a = Int(list[position])
                      for second in bounds[2 * a]..<bounds[2 * a + 1] {
                        threeCycles &+= isSet(markDown, list[second])
                      }
                    }
                    // u → a → b → u, b below a: a ∈ down(b) and u → a.
                    for position in downRow {
                      let b = Int(list[position])
                      for second in bounds[2 * b + 1]..<bounds[2 * b + 2] {
                        threeCycles &+= isSet(markUp, list[second])
                      }
                    }
                    for position in upRow { markUp[Int(list[position]) >> 6] = 0 }
                  }
                  for position in downRow { markDown[Int(list[position]) >> 6] = 0 }
                }
                block += workers
              }
            }
          }
        }
      }
      return (twoCycles, threeCycles)
    }
    var totals = (0, 0)
    for partial in partials {
      totals.0 += partial.0
      totals.1 += partial.1
    }
    return totals
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
