import Foundation
import Testing

@testable import LoopLedger

/// A small, fast, reproducible generator (Steele, Lea, Flood 2014).
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension FlowNetwork {
  /// A random digraph with each ordered pair (no self-loops) present with probability `p`.
  static func random(nodeCount: Int, edgeProbability p: Double, using rng: inout SplitMix64) -> FlowNetwork {
    var edges: [(source: Int, target: Int, weight: Double)] = []
    for i in 0..<nodeCount {
      for j in 0..<nodeCount where i != j && Double.random(in: 0..<1, using: &rng) < p {
        edges.append((i, j, Double(Int.random(in: 1...100, using: &rng))))
      }
    }
    return FlowNetwork(nodeCount: nodeCount, edges: edges)
  }

  /// The complete digraph on `n` nodes.
  static func complete(_ n: Int) -> FlowNetwork {
    var edges: [(source: Int, target: Int, weight: Double)] = []
    for i in 0..<n { for j in 0..<n where i != j { edges.append((i, j, 1)) } }
    return FlowNetwork(nodeCount: n, edges: edges)
  }

  /// Figure 1 of Johnson (1975): exactly 3k elementary cycles (checked against networkx 3.6.1).
  static func johnsonWorstCase(k: Int) -> FlowNetwork {
    var edges: [(source: Int, target: Int, weight: Double)] = []
    func add(_ a: Int, _ b: Int) { edges.append((a - 1, b - 1, 1)) }
    for n in 2..<(k + 2) {
      add(1, n)
      add(n, k + 2)
    }
    add(2 * k + 1, 1)
    for n in (k + 2)..<(2 * k + 2) {
      add(n, 2 * k + 2)
      add(n, n + 1)
    }
    add(2 * k + 3, k + 2)
    for n in (2 * k + 3)..<(3 * k + 3) {
      add(2 * k + 2, n)
      add(n, 3 * k + 3)
    }
    add(3 * k + 3, 2 * k + 2)
    return FlowNetwork(nodeCount: 3 * k + 3, edges: edges)
  }

  /// Every elementary cycle by plain depth-first search over all simple paths (exponential; a
  /// reference for tests).
  ///
  /// Each cycle starts at its smallest node.
  func bruteForceCycles(maxLength: Int = .max) -> Set<[Int32]> {
    var result: Set<[Int32]> = []
    for start in 0..<nodeCount {
      var path: [Int32] = [Int32(start)]
      func extend(_ v: Int) {
        for w in successors(of: v) {
          if Int(w) == start {
            if path.count <= maxLength { result.insert(path) }
          } else if Int(w) > start, !path.contains(w), path.count < maxLength {
            path.append(w)
            extend(Int(w))
            path.removeLast()
          }
        }
      }
      extend(start)
    }
    return result
  }
}

/// The text of a test fixture.
func fixture(_ name: String) throws -> String {
  guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
    throw CocoaError(.fileNoSuchFile)
  }
  return try String(contentsOf: url, encoding: .utf8)
}

/// Solves the square system `A x = b` by Gaussian elimination with partial pivoting (dense, for
/// small reference computations in tests).
///
/// A zero pivot leaves its unknown at 0.
func solveDense(_ matrix: [[Double]], _ rhs: [Double]) -> [Double] {
  var a = matrix
  var b = rhs
  let n = b.count
  for column in 0..<n {
    let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) } ?? column
    a.swapAt(column, pivot)
    b.swapAt(column, pivot)
    guard a[column][column] != 0 else { continue }
    for row in (column + 1)..<max(column + 1, n) {
      let factor = a[row][column] / a[column][column]
      if factor == 0 { continue }
      for c in column..<n { a[row][c] -= factor * a[column][c] }
      b[row] -= factor * b[column]
    }
  }
  var x = [Double](repeating: 0, count: n)
  for row in stride(from: n - 1, through: 0, by: -1) where a[row][row] != 0 {
    var sum = b[row]
    for c in (row + 1)..<max(row + 1, n) { sum -= a[row][c] * x[c] }
    x[row] = sum / a[row][row]
  }
  return x
}

/// The problems `LedgerFile` finds in a ledger's text (none when it decodes).
func ledgerIssues(_ text: String, file: String = "t.json") -> [LedgerIssue] {
  do {
    _ = try LedgerFile.decode(Data(text.utf8), file: file)
    return []
  } catch let LedgerError.invalid(_, issues) {
    return issues
  } catch {
    Issue.record("unexpected error \(error)")
    return []
  }
}
