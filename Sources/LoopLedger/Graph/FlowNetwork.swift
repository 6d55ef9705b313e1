import Dispatch

/// A directed, weighted network in compressed sparse row (CSR) form.
///
/// Nodes are `0 ..< nodeCount`. The out-edges of node `v` are the positions
/// `offsets[v] ..< offsets[v + 1]` of `targets` and `weights`, sorted by target, with no
/// duplicates. Memory is 12 bytes per edge plus 8 per node, so one type serves a ledger of
/// twenty companies and a transaction network of 10^7 edges.
public struct FlowNetwork: Sendable, Equatable {
  /// The number of nodes.
  public let nodeCount: Int
  /// `offsets[v] ..< offsets[v + 1]` are node `v`'s out-edges; `offsets.count == nodeCount + 1`.
  public let offsets: [Int]
  /// The head (payee) of each edge.
  public let targets: [Int32]
  /// The weight (amount) of each edge.
  public let weights: [Double]

  /// The number of edges.
  public var edgeCount: Int { targets.count }

  /// Creates a network from CSR arrays that already satisfy the invariants above.
  public init(nodeCount: Int, offsets: [Int], targets: [Int32], weights: [Double]) {
    precondition(offsets.count == nodeCount + 1, "offsets needs nodeCount + 1 entries")
    precondition(targets.count == weights.count, "targets and weights differ in length")
    self.nodeCount = nodeCount
    self.offsets = offsets
    self.targets = targets
    self.weights = weights
  }

  /// Creates a network from an edge list, summing duplicate pairs and dropping self-loops.
  public init(nodeCount: Int, edges: [(source: Int, target: Int, weight: Double)]) {
    var builder = Builder()
    for edge in edges where edge.source != edge.target {
      builder.append(source: Int32(edge.source), target: Int32(edge.target), weight: edge.weight)
    }
    self = builder.build(nodeCount: nodeCount)
  }

  /// The edge positions leaving `node`.
  @inlinable
  public func edges(from node: Int) -> Range<Int> { offsets[node]..<offsets[node + 1] }

  /// The nodes `node` pays.
  public func successors(of node: Int) -> ArraySlice<Int32> { targets[edges(from: node)] }

  /// The position of the edge `source → target`, if there is one (binary search).
  public func edge(from source: Int, to target: Int) -> Int? {
    var low = offsets[source]
    var high = offsets[source + 1]
    let wanted = Int32(target)
    while low < high {
      let middle = (low + high) / 2
      if targets[middle] < wanted { low = middle + 1 } else { high = middle }
    }
    return low < offsets[source + 1] && targets[low] == wanted ? low : nil
  }

  /// The network with every edge reversed, built on two threads when `threads > 1`: each half of
  /// the sources counts and scatters its own edges into its own slots, the first half's before the
  /// second's, so rows stay sorted and the result equals the one-thread transpose.
  ///
  /// - Complexity: O(nodes + edges).
  public func transposed(threads: Int) -> FlowNetwork {
    guard threads > 1, edgeCount >= 1 << 16, nodeCount > 1 else { return transposed() }
    // Split the sources where half of the edges have been seen.
    var split = 0
    while split < nodeCount, offsets[split] < edgeCount / 2 { split += 1 }
    let halves = [0..<split, split..<nodeCount]
    let counts =
      (try? Parallel.map(count: 2) { part -> [Int] in
        var count = [Int](repeating: 0, count: nodeCount)
        for position in offsets[halves[part].lowerBound]..<offsets[halves[part].upperBound] {
          count[Int(targets[position])] += 1
        }
        return count
      }) ?? []
    guard counts.count == 2 else { return transposed() }
    var start = [Int](repeating: 0, count: nodeCount + 1)
    for t in 0..<nodeCount { start[t + 1] = start[t] + counts[0][t] + counts[1][t] }
    var reversedTargets = [Int32](repeating: 0, count: edgeCount)
    var reversedWeights = [Double](repeating: 0, count: edgeCount)
    reversedTargets.withUnsafeMutableBufferPointer { outTargets in
      reversedWeights.withUnsafeMutableBufferPointer { outWeights in
        let shared = UnsafeSendable((outTargets, outWeights))
        let first = counts[0]
        let rowStart = start
        DispatchQueue.concurrentPerform(iterations: 2) { part in
          let (outTargets, outWeights) = shared.value
          var cursor = part == 0 ? rowStart : zip(rowStart, first + [0]).map { $0 + $1 }
          for source in halves[part] {
            for position in offsets[source]..<offsets[source + 1] {
              let target = Int(targets[position])
              outTargets[cursor[target]] = Int32(source)
              outWeights[cursor[target]] = weights[position]
              cursor[target] += 1
            }
          }
        }
      }
    }
    return FlowNetwork(
      nodeCount: nodeCount, offsets: start, targets: reversedTargets, weights: reversedWeights)
  }

  /// The network with every edge reversed; weights follow their edges.
  ///
  /// - Complexity: O(nodes + edges).
  public func transposed() -> FlowNetwork {
    var counts = [Int](repeating: 0, count: nodeCount + 1)
    for target in targets { counts[Int(target) + 1] += 1 }
    for node in 0..<nodeCount { counts[node + 1] += counts[node] }
    var cursor = counts
    var reversedTargets = [Int32](repeating: 0, count: edgeCount)
    var reversedWeights = [Double](repeating: 0, count: edgeCount)
    for source in 0..<nodeCount {
      for position in edges(from: source) {
        let target = Int(targets[position])
        reversedTargets[cursor[target]] = Int32(source)
        reversedWeights[cursor[target]] = weights[position]
        cursor[target] += 1
      }
    }
    // Sources were visited in increasing order, so each reversed row is already sorted.
    return FlowNetwork(
      nodeCount: nodeCount, offsets: counts, targets: reversedTargets, weights: reversedWeights)
  }

  /// The total weight leaving each node.
  public func outStrength() -> [Double] {
    (0..<nodeCount).map { node in edges(from: node).reduce(0) { $0 + weights[$1] } }
  }

  /// The total weight entering each node.
  public func inStrength() -> [Double] {
    var result = [Double](repeating: 0, count: nodeCount)
    for (position, target) in targets.enumerated() { result[Int(target)] += weights[position] }
    return result
  }
}

// MARK: - Builder

extension FlowNetwork {
  /// Collects edges in any order and builds the CSR arrays.
  ///
  /// Memory while building: 16 bytes per appended edge; ``build(nodeCount:)`` sorts with a
  /// counting sort by source and an insertion or heap sort within each row.
  public struct Builder: Sendable {
    private var sources: [Int32] = []
    private var targets: [Int32] = []
    private var weights: [Double] = []

    public init() {}

    /// The number of edges appended so far.
    public var count: Int { sources.count }

    public mutating func reserveCapacity(_ edges: Int) {
      sources.reserveCapacity(edges)
      targets.reserveCapacity(edges)
      weights.reserveCapacity(edges)
    }

    public mutating func append(source: Int32, target: Int32, weight: Double) {
      sources.append(source)
      targets.append(target)
      weights.append(weight)
    }

    /// Appends the first `count` edges of three parallel arrays, in order.
    mutating func append(
      sources newSources: [Int32], targets newTargets: [Int32], weights newWeights: [Double],
      count: Int
    ) {
      sources.append(contentsOf: newSources[0..<count])
      targets.append(contentsOf: newTargets[0..<count])
      weights.append(contentsOf: newWeights[0..<count])
    }

    /// Builds the network on up to `threads` threads (at most 4); the result is the one of
    /// ``build(nodeCount:)``, bit for bit.
    ///
    /// Part `p` of the appended edges counts and scatters its own edges into its own slots of
    /// each row, after part `p − 1`'s, so every row holds its edges in append order; the rows
    /// are then sorted (stably) and merged on node ranges of about equal edge counts, and the
    /// merged ranges moved together.
    ///
    /// - Complexity: O(nodes · parts + edges · log(max degree)); memory 12 bytes per edge and
    ///   8 per node per part besides the appended edges.
    public consuming func build(nodeCount: Int, threads: Int) -> FlowNetwork {
      let edges = sources.count
      let parts = min(max(threads, 1), 4)
      guard parts > 1, edges >= 1 << 16, nodeCount > 1 else { return build(nodeCount: nodeCount) }
      let edgeParts = (0..<parts).map { (edges * $0 / parts)..<(edges * ($0 + 1) / parts) }
      let appendedSources = sources
      let counts =
        (try? Parallel.map(count: parts) { part -> [Int] in
          var count = [Int](repeating: 0, count: nodeCount)
          count.withUnsafeMutableBufferPointer { count in
            appendedSources.withUnsafeBufferPointer { sources in
              for index in edgeParts[part] { count[Int(sources[index])] += 1 }
            }
          }
          return count
        }) ?? []
      precondition(counts.count == parts, "counting the rows failed")
      // Row v: part 0's edges, then part 1's, …; the cursors are absolute positions.
      var offsets = [Int](repeating: 0, count: nodeCount + 1)
      var cursors = [Int](repeating: 0, count: parts * nodeCount)
      var total = 0
      for node in 0..<nodeCount {
        offsets[node] = total
        for part in 0..<parts {
          cursors[part * nodeCount + node] = total
          total += counts[part][node]
        }
      }
      offsets[nodeCount] = total
      var sortedTargets = [Int32](repeating: 0, count: edges)
      var sortedWeights = [Double](repeating: 0, count: edges)
      let appendedTargets = targets
      let appendedWeights = weights
      sources = []
      targets = []
      weights = []
      sortedTargets.withUnsafeMutableBufferPointer { heads in
        sortedWeights.withUnsafeMutableBufferPointer { amounts in
          cursors.withUnsafeMutableBufferPointer { cursors in
            let shared = UnsafeSendable((heads, amounts, cursors))
            _ = try? Parallel.map(count: parts) { part in
              let (heads, amounts, cursors) = shared.value
              let base = part * nodeCount
              appendedSources.withUnsafeBufferPointer { sources in
                appendedTargets.withUnsafeBufferPointer { targets in
                  appendedWeights.withUnsafeBufferPointer { weights in
                    for index in edgeParts[part] {
                      let slot = base + Int(sources[index])
                      heads[cursors[slot]] = targets[index]
                      amounts[cursors[slot]] = weights[index]
                      cursors[slot] += 1
                    }
                  }
                }
              }
            }
          }
        }
      }
      // Sort and merge the rows of each node range, compacting to the range's start.
      var bounds = [0]
      for part in 1..<parts {
        var low = bounds[part - 1]
        var high = nodeCount
        let wanted = edges * part / parts
        while low < high {
          let middle = (low + high) / 2
          if offsets[middle] < wanted { low = middle + 1 } else { high = middle }
        }
        bounds.append(low)
      }
      bounds.append(nodeCount)
      var rowLength = [Int](repeating: 0, count: nodeCount)
      let rowOffsets = offsets
      let ranges = bounds
      sortedTargets.withUnsafeMutableBufferPointer { heads in
        sortedWeights.withUnsafeMutableBufferPointer { amounts in
          rowLength.withUnsafeMutableBufferPointer { rowLength in
            let shared = UnsafeSendable((heads, amounts, rowLength))
            _ = try? Parallel.map(count: parts) { part in
              let (heads, amounts, rowLength) = shared.value
              var write = rowOffsets[ranges[part]]
              for node in ranges[part]..<ranges[part + 1] {
                let start = rowOffsets[node]
                let end = rowOffsets[node + 1]
                sortRow(heads, amounts, start, end)
                let first = write
                var position = start
                while position < end {
                  let head = heads[position]
                  var total = amounts[position]
                  position += 1
                  while position < end, heads[position] == head {
                    total += amounts[position]
                    position += 1
                  }
                  heads[write] = head
                  amounts[write] = total
                  write += 1
                }
                rowLength[node] = write - first
              }
            }
          }
        }
      }
      // Move the compacted ranges together (each moves left, in order).
      var newOffsets = [Int](repeating: 0, count: nodeCount + 1)
      for node in 0..<nodeCount { newOffsets[node + 1] = newOffsets[node] + rowLength[node] }
      sortedTargets.withUnsafeMutableBufferPointer { heads in
        sortedWeights.withUnsafeMutableBufferPointer { amounts in
          for part in 0..<parts {
            let from = offsets[bounds[part]]
            let to = newOffsets[bounds[part]]
            let count = newOffsets[bounds[part + 1]] - to
            guard from != to else { continue }
            for offset in 0..<count {  // to < from: copying forwards is safe
              heads[to + offset] = heads[from + offset]
              amounts[to + offset] = amounts[from + offset]
            }
          }
        }
      }
      let kept = newOffsets[nodeCount]
      sortedTargets.removeLast(edges - kept)
      sortedWeights.removeLast(edges - kept)
      return FlowNetwork(
        nodeCount: nodeCount, offsets: newOffsets, targets: sortedTargets, weights: sortedWeights)
    }

    /// Builds the network; pairs that appear more than once are summed.
    ///
    /// - Complexity: O(nodes + edges · log(max degree)).
    public consuming func build(nodeCount: Int) -> FlowNetwork {
      var offsets = [Int](repeating: 0, count: nodeCount + 1)
      for source in sources { offsets[Int(source) + 1] += 1 }
      for node in 0..<nodeCount { offsets[node + 1] += offsets[node] }
      var cursor = offsets
      var sortedTargets = [Int32](repeating: 0, count: sources.count)
      var sortedWeights = [Double](repeating: 0, count: sources.count)
      for index in sources.indices {
        let source = Int(sources[index])
        sortedTargets[cursor[source]] = targets[index]
        sortedWeights[cursor[source]] = weights[index]
        cursor[source] += 1
      }
      sources = []
      targets = []
      weights = []
      // Sort each row by target and merge duplicates, compacting in place.
      var write = 0
      var newOffsets = [Int](repeating: 0, count: nodeCount + 1)
      sortedTargets.withUnsafeMutableBufferPointer { heads in
        sortedWeights.withUnsafeMutableBufferPointer { amounts in
          for node in 0..<nodeCount {
            let start = offsets[node]
            let end = offsets[node + 1]
            sortRow(heads, amounts, start, end)
            var position = start
            while position < end {
              let head = heads[position]
              var total = amounts[position]
              position += 1
              while position < end, heads[position] == head {
                total += amounts[position]
                position += 1
              }
              heads[write] = head
              amounts[write] = total
              write += 1
            }
            newOffsets[node + 1] = write
          }
        }
      }
      sortedTargets.removeLast(sortedTargets.count - write)
      sortedWeights.removeLast(sortedWeights.count - write)
      return FlowNetwork(
        nodeCount: nodeCount, offsets: newOffsets, targets: sortedTargets, weights: sortedWeights)
    }
  }
}

/// Sorts `heads[start..<end]` ascending, moving `amounts` along; stable for equal heads.
private func sortRow(
  _ heads: UnsafeMutableBufferPointer<Int32>, _ amounts: UnsafeMutableBufferPointer<Double>,
  _ start: Int, _ end: Int
) {
  let count = end - start
  if count < 2 { return }
  if count <= 32 {
    for i in (start + 1)..<end {
      let head = heads[i]
      let amount = amounts[i]
      var j = i
      while j > start, heads[j - 1] > head {
        heads[j] = heads[j - 1]
        amounts[j] = amounts[j - 1]
        j -= 1
      }
      heads[j] = head
      amounts[j] = amount
    }
    return
  }
  var alreadySorted = true
  for i in (start + 1)..<end where heads[i - 1] > heads[i] {
    alreadySorted = false
    break
  }
  if alreadySorted { return }
  // Heads are node numbers (≥ 0): sorting head << 32 | position as plain integers is the stable
  // sort by head, without a comparison closure.
  var keys = [UInt64](unsafeUninitializedCapacity: count) { keys, initialized in
    for offset in 0..<count {
      keys[offset] = UInt64(UInt32(bitPattern: heads[start + offset])) << 32 | UInt64(offset)
    }
    initialized = count
  }
  keys.sort()
  let rowAmounts = Array(amounts[start..<end])
  for (offset, key) in keys.enumerated() {
    heads[start + offset] = Int32(truncatingIfNeeded: key >> 32)
    amounts[start + offset] = rowAmounts[Int(key & 0xFFFF_FFFF)]
  }
}
