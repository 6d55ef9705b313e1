import Dispatch

/// Clearing payments in a network of obligations: Eisenberg–Noe, with Rogers–Veraart default costs
/// as an option.
///
/// References: L. Eisenberg and T. H. Noe, "Systemic risk in financial systems", Management
/// Science 47(2), 236–249 (2001); L. C. G. Rogers and L. A. M. Veraart, "Failure and rescue in an
/// interbank network", Management Science 59(4), 882–898 (2013).
///
/// Node `i` owes `L_ij` to `j` (an edge `i → j` of the network), in total `p̄_i = Σ_j L_ij`, and
/// holds external assets `e_i`. It pays every creditor the same fraction `r_i = p_i / p̄_i`
/// (pro rata). The clearing vector is the greatest fixed point of
///
///     p_i = min(p̄_i, e_i + Σ_j Π_ji p_j),   Π_ji = L_ji / p̄_j;
///
/// with default costs `(α, β)` a node that cannot pay in full pays `α e_i + β Σ_j Π_ji p_j`.
///
/// **Method and stopping rule.** The map is monotone, so iterating it from `p = p̄` decreases to
/// the greatest fixed point and iterating it from `p = 0` increases to the least one. Both are run,
/// each as Gauss–Seidel sweeps in node order (updating in place keeps a monotone iteration
/// monotone, and roughly halves the sweeps), the two on separate threads — each is sequential, so
/// the numbers do not depend on the number of threads. Every iterate of the upper run is ≥ the
/// greatest clearing vector and every iterate of the lower run ≤ the least; a node whose two
/// bounds meet is exact and leaves the sweeps. Where
/// the clearing vector is unique (Eisenberg–Noe's regularity condition) the two meet, and the
/// iteration stops when `Σ_i (p_upper − p_lower) ≤ tolerance · Σ_i p̄_i`: a proven bound on the
/// error of every reported total. Where it is not unique (a ring with no outside assets) the gap
/// stays open; the iteration then stops when the upper run no longer moves, reports the greatest
/// clearing vector (Eisenberg–Noe's choice) and the remaining gap. With default costs only the
/// upper run is meaningful (the map is not continuous), and it stops when it no longer moves.
public struct ClearingResult: Sendable, Equatable {
  /// Payments `p_i`.
  public var payments: [Double]
  /// `p̄_i`.
  public var obligations: [Double]
  /// `p_i < p̄_i (1 − 1e-9)`.
  public var isInDefault: [Bool]
  public var iterations: Int
  /// `Σ (p_upper − p_lower)` at the end; 0 when the bracket closed exactly.
  public var bracketGap: Double
  /// Whether the bracket closed within the tolerance (false: non-unique, or stopped on stagnation).
  public var isProven: Bool

  /// `Σ p̄_i`.
  ///
  /// - Complexity: O(n).
  public var totalObligations: Double { obligations.reduce(0, +) }
  /// `Σ p_i`.
  ///
  /// - Complexity: O(n).
  public var totalPayments: Double { payments.reduce(0, +) }
  /// The nodes in default.
  ///
  /// - Complexity: O(n).
  public var defaultCount: Int { isInDefault.lazy.filter { $0 }.count }
}

/// Rogers–Veraart default costs: a defaulting node realises `alpha` of its external assets and
/// `beta` of what it receives.
public struct DefaultCosts: Sendable, Equatable, Codable {
  public var alpha: Double
  public var beta: Double
  public init(alpha: Double, beta: Double) {
    self.alpha = alpha
    self.beta = beta
  }
}

/// Computes the clearing payments.
///
/// - Parameters:
///   - liabilities: `L_ij` as edges `i → j`.
///   - externalAssets: `e_i ≥ 0`, one per node.
///   - defaultCosts: Rogers–Veraart `(α, β)`; nil for none (α = β = 1).
///   - tolerance: Relative bound on `Σ (p_upper − p_lower)`.
///   - maxIterations: Most sweeps.
///   - threads: Worker threads; results are the same for any number.
/// - Returns: Each node's clearing payment, obligation and default flag, the iterations, and how
///   far apart the lower and upper bounds ended (whether the result is proven).
/// - Throws: `AnalysisError.dimensionMismatch` if `externalAssets` has the wrong length,
///   `CancellationError`.
/// - Complexity: O(n + m) to set up (obligations and the transpose), then O(n + m) per iteration
///   (one Gauss–Seidel sweep per run, each reading the active nodes' in-edges once):
///   O(k·(n + m)) for n nodes, m edges and k ≤ `maxIterations` iterations. Memory O(n + m) for
///   the transpose.
public func eisenbergNoeClearing(
  liabilities: FlowNetwork, externalAssets: [Double], defaultCosts: DefaultCosts? = nil,
  tolerance: Double = 1e-13, maxIterations: Int = 100_000, threads: Int = 1
) throws -> ClearingResult {
  let n = liabilities.nodeCount
  guard externalAssets.count == n else {
    throw AnalysisError.dimensionMismatch(name: "externalAssets", expected: n, actual: externalAssets.count)
  }
  let obligations = liabilities.outStrength()
  let totalObligations = obligations.reduce(0, +)
  let incoming = liabilities.transposed()
  let twoSided = defaultCosts == nil
  // Repayment ratios r = p / p̄; nodes owing nothing stay at 1 in both runs.
  var upper = [Double](repeating: 1, count: n)
  var lower = obligations.map { $0 > 0 ? 0.0 : 1.0 }
  var active: [Int32] = (0..<n).filter { obligations[$0] > 0 }.map { Int32($0) }
  var iterations = 0
  var gap = twoSided ? totalObligations : 0
  var proven = totalObligations == 0

  /// One Gauss–Seidel sweep over `active`; returns Σ |change| · p̄.
  @Sendable func sweep(_ r: UnsafeMutableBufferPointer<Double>, _ nodes: UnsafeBufferPointer<Int32>) -> Double {
    var moved = 0.0
    for node in nodes {
      let i = Int(node)
      let owed = obligations[i]
      var received = 0.0
      for position in incoming.edges(from: i) {
        received += incoming.weights[position] * r[Int(incoming.targets[position])]
      }
      let available = externalAssets[i] + received
      var ratio: Double
      if available >= owed {
        ratio = 1
      } else if let costs = defaultCosts {
        ratio = min(1, (costs.alpha * externalAssets[i] + costs.beta * received) / owed)
      } else {
        ratio = available / owed
      }
      ratio = max(0, ratio)
      moved += abs(ratio - r[i]) * owed
      r[i] = ratio
    }
    return moved
  }

  while iterations < maxIterations, totalObligations > 0, !active.isEmpty {
    try Task.checkCancellation()
    iterations += 1
    var movedUpper = 0.0
    active.withUnsafeBufferPointer { nodes in
      upper.withUnsafeMutableBufferPointer { up in
        lower.withUnsafeMutableBufferPointer { low in
          let shared = UnsafeSendable((nodes, up, low))
          let results = UnsafeSendable(UnsafeMutablePointer<Double>.allocate(capacity: 2))
          defer { results.value.deallocate() }
          results.value.initialize(repeating: 0, count: 2)
          let work: @Sendable (Int) -> Void = { run in
            let (nodes, up, low) = shared.value
            results.value[run] = sweep(run == 0 ? up : low, nodes)
          }
          let runs = twoSided ? 2 : 1
          if threads > 1, runs == 2 {
            DispatchQueue.concurrentPerform(iterations: 2, execute: work)
          } else {
            for run in 0..<runs { work(run) }
          }
          movedUpper = results.value[0]
        }
      }
    }
    if twoSided {
      var difference = 0.0
      var stillOpen: [Int32] = []
      stillOpen.reserveCapacity(active.count)
      for node in active {
        let i = Int(node)
        let width = upper[i] - lower[i]
        if width > 0 {
          difference += width * obligations[i]
          stillOpen.append(node)
        }
      }
      gap = difference
      if difference <= tolerance * totalObligations {
        proven = true
        break
      }
      // A node whose bounds met is exact; later sweeps read its value but do not revisit it.
      if stillOpen.count < active.count { active = stillOpen }
    }
    if movedUpper <= 1e-16 * totalObligations { break }
  }
  var payments = [Double](repeating: 0, count: n)
  var defaulted = [Bool](repeating: false, count: n)
  for i in 0..<n {
    payments[i] = upper[i] * obligations[i]
    defaulted[i] = payments[i] < obligations[i] * (1 - 1e-9)
  }
  return ClearingResult(
    payments: payments, obligations: obligations, isInDefault: defaulted, iterations: iterations,
    bracketGap: twoSided ? gap : 0, isProven: proven)
}

/// An error raised when the input to an analysis is invalid.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A vector has a different length than the number of nodes.
  case dimensionMismatch(name: String, expected: Int, actual: Int)
  /// An input value is out of range.
  case invalidValue(name: String, value: Double, expected: String)
  /// A result came out NaN or infinite: no answer is given rather than a wrong one.
  case notFinite(what: String, at: String)

  public var description: String {
    switch self {
    case .dimensionMismatch(let name, let expected, let actual):
      "'\(name)' has \(actual) entries; expected \(expected), one per node."
    case .invalidValue(let name, let value, let expected):
      "'\(name)' is \(value); expected \(expected)."
    case .notFinite(let what, let place):
      "\(what) came out as no finite number at \(place); the inputs are too large or degenerate for it, so no result is given"
    }
  }
}

/// The check every analysis of bulk input makes before it reports a number: NaN and infinities
/// are named with the node (or figure) responsible and stop the run, so that no output ever
/// presents a non-finite value as a result, let alone as a proven one.
public enum FiniteCheck {
  /// - Throws: ``AnalysisError/notFinite(what:at:)`` when `value` is NaN or infinite.
  public static func require(_ value: Double, _ what: String, at place: @autoclosure () -> String) throws {
    if !value.isFinite { throw AnalysisError.notFinite(what: what, at: place()) }
  }

  /// - Throws: ``AnalysisError/notFinite(what:at:)`` naming the first entry that is not finite.
  public static func require(_ values: [Double], _ what: String, names: (Int) -> String) throws {
    if let index = values.firstIndex(where: { !$0.isFinite }) {
      throw AnalysisError.notFinite(what: what, at: "node '\(VisibleText.escape(names(index), newlines: false))'")
    }
  }
}
