import Testing

@testable import LoopLedger

@Suite("Conjugate gradient")
struct ConjugateGradientTests {
  /// An undirected graph's Laplacian twice: as the solver's adjacency and as a dense matrix.
  private struct Problem {
    var laplacian: GraphLaplacian
    var dense: [[Double]]
    /// The connected component of each node.
    var component: [Int]
  }

  /// `dense: false` leaves the dense matrix empty (for graphs too large to hold one).
  private func problem(nodeCount n: Int, edges: [(Int, Int, Double)], weighted: Bool, dense wanted: Bool = true)
    -> Problem
  {
    var neighbours = [[(Int32, Double)]](repeating: [], count: n)
    var dense = [[Double]](repeating: [Double](repeating: 0, count: wanted ? n : 0), count: wanted ? n : 0)
    for (i, j, w) in edges where i != j {
      let weight = weighted ? w : 1
      neighbours[i].append((Int32(j), weight))
      neighbours[j].append((Int32(i), weight))
      guard wanted else { continue }
      dense[i][i] += weight
      dense[j][j] += weight
      dense[i][j] -= weight
      dense[j][i] -= weight
    }
    var start = [0]
    for row in neighbours { start.append(start.last! + row.count) }
    let laplacian = GraphLaplacian(
      nodeCount: n, start: start, neighbours: neighbours.flatMap { $0.map(\.0) },
      weights: weighted ? neighbours.flatMap { $0.map(\.1) } : [],
      diagonal: neighbours.map { $0.reduce(0) { $0 + $1.1 } })
    var component = [Int](repeating: -1, count: n)
    for root in 0..<n where component[root] < 0 {
      component[root] = root
      var stack = [root]
      while let v = stack.popLast() {
        for (w, _) in neighbours[v] where component[Int(w)] < 0 {
          component[Int(w)] = root
          stack.append(Int(w))
        }
      }
    }
    return Problem(laplacian: laplacian, dense: dense, component: component)
  }

  private func multiply(_ matrix: [[Double]], _ x: [Double]) -> [Double] {
    matrix.map { row in zip(row, x).reduce(0) { $0 + $1.0 * $1.1 } }
  }

  /// `x` minus its mean on each connected component (the part of a solution that is unique).
  private func centred(_ x: [Double], _ component: [Int]) -> [Double] {
    var sum: [Int: Double] = [:]
    var count: [Int: Double] = [:]
    for (value, c) in zip(x, component) {
      sum[c, default: 0] += value
      count[c, default: 0] += 1
    }
    return zip(x, component).map { $0 - sum[$1]! / count[$1]! }
  }

  private func norm(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 }.squareRoot() }

  @Test("Agrees with a dense direct solve on small Laplacians", arguments: 0..<24)
  func matchesADenseSolve(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 8_800)
    let n = Int.random(in: 2...14, using: &rng)
    let p = Double.random(in: 0.1...0.7, using: &rng)
    var edges: [(Int, Int, Double)] = []
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) where Double.random(in: 0..<1, using: &rng) < p {
        edges.append((i, j, Double.random(in: 0.1...50, using: &rng)))
      }
    }
    let weighted = seed % 2 == 1
    let problem = problem(nodeCount: n, edges: edges, weighted: weighted)
    // A right-hand side in the range of L (consistent on every component): b = L y.
    let y = (0..<n).map { _ in Double.random(in: -10...10, using: &rng) }
    let b = multiply(problem.dense, y)

    // The operator agrees with the dense matrix, and returns xᵀLx.
    var product = [Double](repeating: 0, count: n)
    let quadratic = y.withUnsafeBufferPointer { yb in
      product.withUnsafeMutableBufferPointer { pb in problem.laplacian.apply(yb, into: pb, rows: 0..<n) }
    }
    for i in 0..<n { #expect(abs(product[i] - b[i]) <= 1e-9 * max(1, abs(b[i]))) }
    #expect(abs(quadratic - zip(y, b).reduce(0) { $0 + $1.0 * $1.1 }) <= 1e-9 * max(1, abs(quadratic)))

    let solved = try conjugateGradient(problem.laplacian, b, tolerance: 1e-13, maxIterations: 10_000, threads: 1)
    // Dense reference: pin the first node of each component to 0, then solve.
    var pinned = problem.dense
    var rhs = b
    for v in 0..<n where problem.component[v] == v {
      pinned[v] = [Double](repeating: 0, count: n)
      pinned[v][v] = 1
      rhs[v] = 0
    }
    let reference = centred(solveDense(pinned, rhs), problem.component)
    let solution = centred(solved.solution, problem.component)
    let scale = max(1, reference.map(abs).max() ?? 0)
    if norm(b) > 0 {
      #expect(solved.converged)
      for i in 0..<n { #expect(abs(solution[i] - reference[i]) <= 1e-7 * scale, "node \(i)") }
      #expect(solved.relativeResidual < 1e-11)
    }
    // The reported residual is ‖b − Lx‖ / ‖b‖ of the returned x.
    let lx = multiply(problem.dense, solved.solution)
    let trueResidual = norm(zip(b, lx).map { $0 - $1 }) / norm(b)
    if norm(b) > 0 { #expect(abs(solved.relativeResidual - trueResidual) <= 1e-12 + 1e-6 * trueResidual) }
  }

  @Test(arguments: [3, 5, 10, 33])
  func theCompleteGraphIsSolvedInOneIteration(n: Int) throws {
    // L = nI − J, so L b = n b for every b that sums to zero, and D = (n − 1)I: the first step
    // α = (n − 1)/n lands exactly on x = b / n.
    var edges: [(Int, Int, Double)] = []
    for i in 0..<n { for j in (i + 1)..<n { edges.append((i, j, 1)) } }
    let problem = problem(nodeCount: n, edges: edges, weighted: false)
    var b = (0..<n).map { Double($0 * $0 % 7) - 3 }
    let mean = b.reduce(0, +) / Double(n)
    b = b.map { $0 - mean }
    let solved = try conjugateGradient(problem.laplacian, b, tolerance: 1e-12, maxIterations: 100, threads: 1)
    #expect(solved.iterations == 1)
    #expect(solved.converged)
    for i in 0..<n { #expect(abs(solved.solution[i] - b[i] / Double(n)) <= 1e-13) }
  }

  @Test func aZeroRightHandSideNeedsNoIteration() throws {
    let problem = problem(nodeCount: 4, edges: [(0, 1, 1), (1, 2, 1), (2, 3, 1)], weighted: false)
    let solved = try conjugateGradient(
      problem.laplacian, [0, 0, 0, 0], tolerance: 1e-10, maxIterations: 50, threads: 2)
    #expect(solved.solution == [0, 0, 0, 0])
    #expect(solved.iterations == 0 && solved.relativeResidual == 0 && solved.converged)
  }

  @Test func anExhaustedBudgetIsReportedAsNotConverged() throws {
    // A path of 200 nodes, a dipole at its ends: CG needs about 100 steps, and gets 3.
    let n = 200
    let problem = problem(nodeCount: n, edges: (0..<(n - 1)).map { ($0, $0 + 1, 1) }, weighted: false)
    var b = [Double](repeating: 0, count: n)
    b[0] = 1
    b[n - 1] = -1
    let solved = try conjugateGradient(problem.laplacian, b, tolerance: 1e-10, maxIterations: 3, threads: 1)
    #expect(solved.iterations == 3)
    #expect(!solved.converged)
    #expect(solved.relativeResidual > 1e-3)
    let full = try conjugateGradient(problem.laplacian, b, tolerance: 1e-13, maxIterations: 10_000, threads: 1)
    #expect(full.converged && full.iterations > 3)
    // The exact potential of a dipole on a path falls by 1 per edge.
    let exact = centred((0..<n).map { -Double($0) }, [Int](repeating: 0, count: n))
    let solution = centred(full.solution, [Int](repeating: 0, count: n))
    for i in 0..<n { #expect(abs(solution[i] - exact[i]) <= 1e-6 * Double(n)) }
  }

  @Test func anInconsistentRightHandSideBreaksDownInsteadOfLooping() throws {
    // b = D·1 is not in the range of L: z = 1, L z = 0, so pᵀLp = 0 at once and the loop ends.
    let problem = problem(nodeCount: 3, edges: [(0, 1, 1), (1, 2, 1)], weighted: false)
    let solved = try conjugateGradient(
      problem.laplacian, [1, 2, 1], tolerance: 1e-10, maxIterations: 1_000, threads: 1)
    #expect(solved.iterations == 1)
    #expect(!solved.converged)
    #expect(solved.solution == [0, 0, 0])
    #expect(solved.relativeResidual == 1)
  }

  @Test func severalBlocksGiveTheSameBitsOnAnyNumberOfThreads() throws {
    // 12,305 nodes → three fixed blocks. A ring plus seeded chords (an expander: few iterations).
    let n = 3 * 4_096 + 17
    var rng = SplitMix64(seed: 41)
    var edges: [(Int, Int, Double)] = (0..<n).map { ($0, ($0 + 1) % n, 1) }
    for i in 0..<n { edges.append((i, Int.random(in: 0..<n, using: &rng), Double.random(in: 0.5...2, using: &rng))) }
    let problem = problem(nodeCount: n, edges: edges, weighted: true, dense: false)
    let blocks = problem.laplacian.blocks
    #expect(blocks.count == 3)
    #expect(blocks.first?.lowerBound == 0 && blocks.last?.upperBound == n)
    #expect(zip(blocks, blocks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    let y = (0..<n).map { _ in Double.random(in: -1...1, using: &rng) }
    let b = multiply(sparse: problem, y)
    let one = try conjugateGradient(problem.laplacian, b, tolerance: 1e-12, maxIterations: 5_000, threads: 1)
    #expect(one.converged)
    for threads in [2, 3, 4] {
      let many = try conjugateGradient(problem.laplacian, b, tolerance: 1e-12, maxIterations: 5_000, threads: threads)
      #expect(many.solution == one.solution, "\(threads) threads")
      #expect(many.iterations == one.iterations && many.relativeResidual == one.relativeResidual)
    }
    let solution = centred(one.solution, [Int](repeating: 0, count: n))
    let expected = centred(y, [Int](repeating: 0, count: n))
    #expect(zip(solution, expected).allSatisfy { abs($0 - $1) <= 1e-7 })
  }

  /// `L y` straight from the edge list (not through `GraphLaplacian.apply`).
  private func multiply(sparse problem: Problem, _ y: [Double]) -> [Double] {
    let laplacian = problem.laplacian
    return (0..<laplacian.nodeCount).map { i in
      var value = laplacian.diagonal[i] * y[i]
      for entry in laplacian.start[i]..<laplacian.start[i + 1] {
        value -= laplacian.weights[entry] * y[Int(laplacian.neighbours[entry])]
      }
      return value
    }
  }
}
