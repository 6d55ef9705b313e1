/// Strongly connected components by Tarjan's algorithm, iterative.
///
/// Reference: R. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2),
/// 146–160 (1972). Each component is a set of nodes that can all reach one another.
extension FlowNetwork {
  /// Returns the strongly connected components, each a list of nodes in increasing order.
  ///
  /// Components are listed in reverse topological order of the condensation (a component is
  /// listed before any component that reaches it).
  ///
  /// - Parameter allowed: When given, only nodes `v` with `allowed(v)` are part of the graph.
  /// - Returns: The components in reverse topological order, each sorted ascending.
  /// - Complexity: O(n + m + Σ_C |C| log |C|) for n nodes and m edges — Tarjan's O(n + m) plus
  ///   sorting each component C, at most O(n log n + m) — plus O(n + m) calls of `allowed` when
  ///   given; O(n) memory besides the result (which copies the components), with an explicit
  ///   stack (no recursion).
  public func stronglyConnectedComponents(where allowed: ((Int) -> Bool)? = nil) -> [[Int32]] {
    var components: [[Int32]] = []
    forEachStronglyConnectedComponent(where: allowed) { components.append(Array($0)) }
    return components
  }

  /// Calls `body` with each strongly connected component (sorted ascending).
  ///
  /// - Complexity: O(n + m + Σ_C |C| log |C|), at most O(n log n + m), plus O(n + m) calls of
  ///   `allowed` when given; O(n) memory.
  public func forEachStronglyConnectedComponent(
    where allowed: ((Int) -> Bool)? = nil, _ body: (ArraySlice<Int32>) -> Void
  ) {
    var workspace = TarjanWorkspace(nodeCount: nodeCount)
    let roots = (0..<nodeCount).lazy.map { Int32($0) }
    workspace.run(self, roots: roots, allowed: allowed, body)
  }
}

/// Reusable arrays for Tarjan's algorithm, so that repeated runs on parts of a large graph cost
/// time proportional to the part, not to the whole graph.
struct TarjanWorkspace {
  private var index: [Int32]
  private var lowLink: [Int32]
  private var onStack: [Bool]
  private var stack: [Int32] = []
  private var callStack: [(node: Int32, next: Int)] = []
  private var touched: [Int32] = []

  init(nodeCount: Int) {
    index = [Int32](repeating: -1, count: nodeCount)
    lowLink = [Int32](repeating: 0, count: nodeCount)
    onStack = [Bool](repeating: false, count: nodeCount)
  }

  /// Finds the components reachable from `roots` among nodes with `allowed(v)`.
  ///
  /// - Complexity: O(n' + m' + Σ_C |C| log |C|) for the n' nodes reached and the m' edges they
  ///   scan (only the touched nodes are reset); creating the workspace costs O(n).
  mutating func run<Roots: Sequence<Int32>>(
    _ network: FlowNetwork, roots: Roots, allowed: ((Int) -> Bool)?,
    _ body: (ArraySlice<Int32>) -> Void
  ) {
    let offsets = network.offsets
    let targets = network.targets
    var counter: Int32 = 0
    for rootNode in roots {
      let root = Int(rootNode)
      guard index[root] < 0, allowed?(root) ?? true else { continue }
      callStack.append((rootNode, offsets[root]))
      index[root] = counter
      lowLink[root] = counter
      counter += 1
      touched.append(rootNode)
      stack.append(rootNode)
      onStack[root] = true
      while let frame = callStack.last {
        let v = Int(frame.node)
        let end = offsets[v + 1]
        var position = frame.next
        var descended = false
        while position < end {
          let w = Int(targets[position])
          position += 1
          if let allowed, !allowed(w) { continue }
          if index[w] < 0 {
            callStack[callStack.count - 1].next = position
            index[w] = counter
            lowLink[w] = counter
            counter += 1
            touched.append(Int32(w))
            stack.append(Int32(w))
            onStack[w] = true
            callStack.append((Int32(w), offsets[w]))
            descended = true
            break
          } else if onStack[w] {
            lowLink[v] = min(lowLink[v], index[w])
          }
        }
        if descended { continue }
        callStack.removeLast()
        if let parent = callStack.last {
          lowLink[Int(parent.node)] = min(lowLink[Int(parent.node)], lowLink[v])
        }
        if lowLink[v] == index[v] {
          var start = stack.count - 1
          while stack[start] != Int32(v) { start -= 1 }
          for node in stack[start...] { onStack[Int(node)] = false }
          stack[start...].sort()
          body(stack[start...])
          stack.removeSubrange(start...)
        }
      }
    }
    for node in touched { index[Int(node)] = -1 }
    touched.removeAll(keepingCapacity: true)
  }
}
