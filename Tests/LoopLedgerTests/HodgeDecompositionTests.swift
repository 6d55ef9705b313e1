import Testing

@testable import LoopLedger

@Suite("Hodge decomposition")
struct HodgeDecompositionTests {
  @Test func aPureCycleIsAllCircular() throws {
    let ring = FlowNetwork(nodeCount: 4, edges: [(0, 1, 3), (1, 2, 3), (2, 3, 3), (3, 0, 3)])
    let result = try ring.hodgeDecomposition()
    #expect(abs(result.circularShare - 1) < 1e-12)
    #expect(result.potential.allSatisfy { abs($0) < 1e-12 })
  }

  @Test func flowOnATreeIsAllGradient() throws {
    let star = FlowNetwork(nodeCount: 5, edges: [(0, 1, 2), (0, 2, 7), (3, 0, 1), (0, 4, 4)])
    let chain = FlowNetwork(nodeCount: 4, edges: [(0, 1, 5), (1, 2, 1), (3, 2, 8)])
    for tree in [star, chain] {
      let result = try tree.hodgeDecomposition()
      #expect(result.circularShare < 1e-20)
      #expect(abs(result.gradient - result.total) < 1e-9)
    }
  }

  @Test func theTriangleWorkedByHand() throws {
    // 0→1 (1), 1→2 (1), 0→2 (5): circular part −1·(e01 + e12 − e02), ‖·‖² = 3 of 27.
    let triangle = FlowNetwork(nodeCount: 3, edges: [(0, 1, 1), (1, 2, 1), (0, 2, 5)])
    let result = try triangle.hodgeDecomposition()
    #expect(abs(result.total - 27) < 1e-9)
    #expect(abs(result.circular - 3) < 1e-9)
    #expect(abs(result.circularShare - 1.0 / 9.0) < 1e-12)
    // Potential (−2, 0, 2) up to the sign convention (Bφ)_ij = φ_j − φ_i.
    #expect(zip(result.potential, [-2.0, 0, 2]).allSatisfy { abs($0 - $1) < 1e-9 })
  }

  @Test func eachComponentHasMeanZeroPotential() throws {
    // The hand-worked triangle on 5, 1, 3 (listed out of order), a star 0 → 4 (2), 4 → 6 (2),
    // 4 → 2 (5) — a tree, so φ4 − φ0 = 2, φ6 − φ4 = 2, φ2 − φ4 = 5 and a mean of zero give
    // φ4 = −5/4 — and node 7 with no pair at all: two components.
    let network = FlowNetwork(
      nodeCount: 8, edges: [(5, 1, 1), (1, 3, 1), (5, 3, 5), (0, 4, 2), (4, 6, 2), (4, 2, 5)])
    for threads in [1, 2] {
      let result = try network.hodgeDecomposition(tolerance: 1e-13, threads: threads)
      #expect(result.components == 2)
      let expected: [Double] = [-3.25, 0, 3.75, 2, -1.25, -2, 0.75, 0]
      #expect(zip(result.potential, expected).allSatisfy { abs($0 - $1) < 1e-9 }, "\(result.potential)")
    }
  }

  @Test func reciprocalFlowsNetOut() throws {
    // a ⇄ b with 10 and 4: net 6 from a to b, acyclic support; a pair that cancels stays in the
    // support with zero flow.
    let network = FlowNetwork(nodeCount: 3, edges: [(0, 1, 10), (1, 0, 4), (1, 2, 3), (2, 1, 3)])
    let result = try network.hodgeDecomposition()
    #expect(result.supportEdges == 2)
    #expect(abs(result.total - 36) < 1e-9)
    #expect(result.circularShare < 1e-20)
  }

  @Test("Agrees with dense least squares; parts are orthogonal", arguments: 0..<25)
  func matchesDenseLeastSquares(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 3_000)
    let n = Int.random(in: 3...10, using: &rng)
    let network = FlowNetwork.random(
      nodeCount: n, edgeProbability: Double.random(in: 0.2...0.6, using: &rng), using: &rng)
    for weighted in [false, true] {
      let result = try network.hodgeDecomposition(weighted: weighted, tolerance: 1e-13)
      let reference = denseHodge(network, weighted: weighted)
      #expect(abs(result.circular - reference.circular) <= 1e-7 * max(1, reference.total))
      #expect(abs(result.gradient + result.circular - result.total) <= 1e-7 * max(1, result.total))
      #expect(result.relativeResidual < 1e-10)
      let twoThreads = try network.hodgeDecomposition(weighted: weighted, tolerance: 1e-13, threads: 2)
      #expect(twoThreads == result)
      #expect(twoThreads.potential == result.potential)
    }
  }

  /// Solves the normal equations densely (Gaussian elimination on L + 11ᵀ per component is
  /// avoided by pinning one node per component to zero) and returns ‖f‖² and ‖f − Bφ‖².
  private func denseHodge(_ network: FlowNetwork, weighted: Bool) -> (total: Double, circular: Double) {
    let n = network.nodeCount
    var pairs: [(Int, Int, Double, Double)] = []
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) {
        let ij = network.edge(from: i, to: j).map { network.weights[$0] }
        let ji = network.edge(from: j, to: i).map { network.weights[$0] }
        if ij != nil || ji != nil {
          pairs.append((i, j, (ij ?? 0) - (ji ?? 0), (ij ?? 0) + (ji ?? 0)))
        }
      }
    }
    var matrix = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    var rhs = [Double](repeating: 0, count: n)
    for (i, j, f, g) in pairs {
      let w = weighted ? g : 1
      matrix[i][i] += w
      matrix[j][j] += w
      matrix[i][j] -= w
      matrix[j][i] -= w
      rhs[j] += w * f
      rhs[i] -= w * f
    }
    // Pin the lowest node of each component: replace its row by φ = 0.
    var seen = [Bool](repeating: false, count: n)
    for root in 0..<n where !seen[root] {
      var stack = [root]
      seen[root] = true
      while let v = stack.popLast() {
        for (i, j, _, _) in pairs where i == v || j == v {
          let other = i == v ? j : i
          if !seen[other] {
            seen[other] = true
            stack.append(other)
          }
        }
      }
      matrix[root] = [Double](repeating: 0, count: n)
      matrix[root][root] = 1
      rhs[root] = 0
    }
    // Gaussian elimination with partial pivoting.
    for column in 0..<n {
      let pivot = (column..<n).max { abs(matrix[$0][column]) < abs(matrix[$1][column]) } ?? column
      matrix.swapAt(column, pivot)
      rhs.swapAt(column, pivot)
      for row in (column + 1)..<max(column + 1, n) where matrix[column][column] != 0 {
        let factor = matrix[row][column] / matrix[column][column]
        for c in column..<n { matrix[row][c] -= factor * matrix[column][c] }
        rhs[row] -= factor * rhs[column]
      }
    }
    var phi = [Double](repeating: 0, count: n)
    for row in stride(from: n - 1, through: 0, by: -1) {
      var sum = rhs[row]
      for c in (row + 1)..<max(row + 1, n) { sum -= matrix[row][c] * phi[c] }
      phi[row] = sum / matrix[row][row]
    }
    var total = 0.0
    var circular = 0.0
    for (i, j, f, g) in pairs {
      let w = weighted ? g : 1
      total += w * f * f
      let residual = f - (phi[j] - phi[i])
      circular += w * residual * residual
    }
    return (total, circular)
  }
}
