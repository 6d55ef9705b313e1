import Dispatch

/// A graph Laplacian `L = Bᵀ W B` stored as symmetric adjacency, applied without forming a matrix.
///
/// With unit weights only the neighbour indices are stored (4 bytes per adjacency entry): the
/// product `(L x)_i = d_i x_i − Σ_{j ~ i} x_j` reads no matrix values at all.
struct GraphLaplacian: Sendable {
  let nodeCount: Int
  /// `start[i] ..< start[i + 1]` are the neighbour entries of node `i`.
  let start: [Int]
  let neighbours: [Int32]
  /// Weight of each neighbour entry; empty for unit weights.
  let weights: [Double]
  /// The diagonal `d_i = Σ_j w_ij`.
  let diagonal: [Double]
  /// Fixed row blocks of roughly equal work; partial sums are combined in this order, so results
  /// do not depend on the number of threads.
  let blocks: [Range<Int>]

  /// - Complexity: O(n) to cut the rows into blocks.
  init(nodeCount: Int, start: [Int], neighbours: [Int32], weights: [Double], diagonal: [Double]) {
    self.nodeCount = nodeCount
    self.start = start
    self.neighbours = neighbours
    self.weights = weights
    self.diagonal = diagonal
    let blockCount = max(1, min(64, nodeCount / 4_096))
    let perBlock = (neighbours.count + nodeCount) / blockCount + 1
    var blocks: [Range<Int>] = []
    var lower = 0
    var work = 0
    for node in 0..<nodeCount {
      work += start[node + 1] - start[node] + 1
      if work >= perBlock || node == nodeCount - 1 {
        blocks.append(lower..<(node + 1))
        lower = node + 1
        work = 0
      }
    }
    if blocks.isEmpty { blocks = [0..<0] }
    self.blocks = blocks
  }

  /// `y[rows] = (L x)[rows]`, returning `Σ_rows x_i y_i`.
  ///
  /// - Complexity: O(|rows| + the neighbour entries of those rows).
  func apply(
    _ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>, rows: Range<Int>
  ) -> Double {
    var dot = 0.0
    if weights.isEmpty {
      neighbours.withUnsafeBufferPointer { adjacency in
        for i in rows {
          var sum = 0.0
          for entry in start[i]..<start[i + 1] { sum += x[Int(adjacency[entry])] }
          let value = diagonal[i] * x[i] - sum
          y[i] = value
          dot += x[i] * value
        }
      }
    } else {
      neighbours.withUnsafeBufferPointer { adjacency in
        weights.withUnsafeBufferPointer { w in
          for i in rows {
            var sum = 0.0
            for entry in start[i]..<start[i + 1] { sum += w[entry] * x[Int(adjacency[entry])] }
            let value = diagonal[i] * x[i] - sum
            y[i] = value
            dot += x[i] * value
          }
        }
      }
    }
    return dot
  }
}

/// The outcome of a conjugate-gradient solve.
struct ConjugateGradientResult: Sendable {
  var solution: [Double]
  var iterations: Int
  /// `‖b − L x‖ / ‖b‖` at the end (0 when `b = 0`).
  var relativeResidual: Double
  var converged: Bool
}

/// Solves `L x = b` for a graph Laplacian by the Jacobi-preconditioned conjugate-gradient method.
///
/// Reference: M. R. Hestenes and E. Stiefel, "Methods of conjugate gradients for solving linear
/// systems", J. Res. Natl. Bur. Stand. 49(6), 409–436 (1952); preconditioned form as in
/// Y. Saad, *Iterative Methods for Sparse Linear Systems*, 2nd ed., Algorithm 9.1 (2003).
///
/// `L` is singular (constants per connected component lie in its null space), but `b` here is
/// `Bᵀ f`, which sums to zero on every component, so the system is consistent and CG converges to a
/// solution; the caller removes each component's mean. Iterations stop when
/// `‖r‖ ≤ tolerance · ‖b‖` or after `maxIterations`.
///
/// Each iteration makes three passes over the data, each split into the Laplacian's fixed blocks
/// and run on `threads` threads: `q = L p` with `p·q`; `x += αp`, `r −= αq`, `z = D⁻¹r` with `r·z`
/// and `r·r`; `p = z + βp`.
///
/// - Complexity: O(n + s) per iteration (three passes) for n nodes and s stored neighbour
///   entries, O(k·(n + s)) for k ≤ `maxIterations` iterations, plus one more product for the
///   final residual; memory O(n) besides the Laplacian.
func conjugateGradient(
  _ laplacian: GraphLaplacian, _ b: [Double], tolerance: Double, maxIterations: Int,
  threads: Int
) throws -> ConjugateGradientResult {
  let n = laplacian.nodeCount
  let blocks = laplacian.blocks
  let workers = max(1, min(threads, blocks.count))
  var x = [Double](repeating: 0, count: n)
  var r = b
  var z = [Double](repeating: 0, count: n)
  var p = [Double](repeating: 0, count: n)
  var q = [Double](repeating: 0, count: n)
  let inverseDiagonal = laplacian.diagonal.map { $0 > 0 ? 1 / $0 : 0 }
  var normB2 = 0.0
  for value in b { normB2 += value * value }
  let normB = normB2.squareRoot()
  if normB == 0 {
    return ConjugateGradientResult(solution: x, iterations: 0, relativeResidual: 0, converged: true)
  }
  var rz = 0.0
  for i in 0..<n {
    z[i] = inverseDiagonal[i] * r[i]
    p[i] = z[i]
    rz += r[i] * z[i]
  }
  var iterations = 0
  var residual = 1.0
  var partialA = [Double](repeating: 0, count: blocks.count)
  var partialB = [Double](repeating: 0, count: blocks.count)
  var partialC = [Double](repeating: 0, count: blocks.count)

  /// Runs `body(block)` for every block on the worker threads.
  func forEachBlock(_ body: (Int) -> Void) {
    if workers == 1 {
      for block in blocks.indices { body(block) }
    } else {
      withoutActuallyEscaping(body) { body in
        let shared = UnsafeSendable(body)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
          var block = worker
          while block < blocks.count {
            shared.value(block)
            block += workers
          }
        }
      }
    }
  }

  while iterations < maxIterations {
    try Task.checkCancellation()
    iterations += 1
    // q = L p, p·q
    p.withUnsafeBufferPointer { pBuffer in
      q.withUnsafeMutableBufferPointer { qBuffer in
        partialA.withUnsafeMutableBufferPointer { partial in
          let pointers = UnsafeSendable((pBuffer, qBuffer, partial))
          forEachBlock { block in
            let (pb, qb, part) = pointers.value
            part[block] = laplacian.apply(pb, into: qb, rows: blocks[block])
          }
        }
      }
    }
    let pq = partialA.reduce(0, +)
    guard pq > 0 else { break }
    let alpha = rz / pq
    // x += αp, r −= αq, z = D⁻¹ r, r·z, r·r
    x.withUnsafeMutableBufferPointer { xb in
      r.withUnsafeMutableBufferPointer { rb in
        z.withUnsafeMutableBufferPointer { zb in
          p.withUnsafeBufferPointer { pb in
            q.withUnsafeBufferPointer { qb in
              inverseDiagonal.withUnsafeBufferPointer { db in
                partialB.withUnsafeMutableBufferPointer { pB in
                  partialC.withUnsafeMutableBufferPointer { pC in
                    let pointers = UnsafeSendable((xb, rb, zb, pb, qb, db, pB, pC))
                    forEachBlock { block in
                      let (x, r, z, p, q, d, rzPart, rrPart) = pointers.value
                      var rzSum = 0.0
                      var rrSum = 0.0
                      for i in blocks[block] {
                        x[i] += alpha * p[i]
                        let ri = r[i] - alpha * q[i]
                        r[i] = ri
                        let zi = d[i] * ri
                        z[i] = zi
                        rzSum += ri * zi
                        rrSum += ri * ri
                      }
                      rzPart[block] = rzSum
                      rrPart[block] = rrSum
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    let rzNew = partialB.reduce(0, +)
    residual = partialC.reduce(0, +).squareRoot() / normB
    if residual <= tolerance { break }
    let beta = rzNew / rz
    rz = rzNew
    p.withUnsafeMutableBufferPointer { pb in
      z.withUnsafeBufferPointer { zb in
        let pointers = UnsafeSendable((pb, zb))
        forEachBlock { block in
          let (p, z) = pointers.value
          for i in blocks[block] { p[i] = z[i] + beta * p[i] }
        }
      }
    }
  }
  // The true residual, recomputed (the recursive one drifts slightly).
  var lx = [Double](repeating: 0, count: n)
  x.withUnsafeBufferPointer { xb in
    lx.withUnsafeMutableBufferPointer { yb in
      _ = laplacian.apply(xb, into: yb, rows: 0..<n)
    }
  }
  var rr = 0.0
  for i in 0..<n {
    let d = b[i] - lx[i]
    rr += d * d
  }
  let trueResidual = rr.squareRoot() / normB
  return ConjugateGradientResult(
    solution: x, iterations: iterations, relativeResidual: trueResidual,
    converged: residual <= tolerance)
}

/// Wraps pointers for use from worker threads.
///
/// `@unchecked Sendable` is safe here because every worker writes only the indices of its own
/// blocks, and the buffers outlive the `concurrentPerform` call that uses them.
struct UnsafeSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
