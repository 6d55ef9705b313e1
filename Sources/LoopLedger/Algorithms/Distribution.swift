import Foundation

/// A probability distribution of one projection assumption, sampled through its quantile
/// function (inverse transform sampling): a draw is `quantile(u)` for a uniform `u` in (0, 1).
///
/// Sampling by quantile keeps the Monte Carlo reproducible and makes sensitivity runs cheap: an
/// assumption pinned at its 10th percentile is the same path with `u = 0.1`, every other draw
/// unchanged (common random numbers).
///
/// | kind | parameters | quantile |
/// |---|---|---|
/// | fixed | value | value |
/// | uniform | min < max | min + u·(max − min) |
/// | triangular | min ≤ mode ≤ max, min < max | min + √(u·(max−min)(mode−min)) below F(mode), else max − √((1−u)(max−min)(max−mode)) |
/// | normal | mean, sd > 0, optional min/max (truncation) | mean + sd·Φ⁻¹(Φ(a) + u·(Φ(b) − Φ(a))) |
/// | lognormal | median > 0 (μ = ln median), sigma > 0, optional min/max > 0 (truncation) | exp(μ + σ·Φ⁻¹(…)) |
///
/// Truncation is exact (the uniform is mapped into [Φ(a), Φ(b)]), not clamping, so no mass piles
/// up at a bound. Φ⁻¹ is Acklam's rational approximation (relative error < 1.2·10⁻⁹).
public struct Distribution: Sendable, Equatable, CustomStringConvertible {
  /// The distribution as the scenario states it.
  public enum Kind: Sendable, Equatable {
    case fixed(Double)
    case uniform(min: Double, max: Double)
    case triangular(min: Double, mode: Double, max: Double)
    /// Optionally truncated to `[min, max]`.
    case normal(mean: Double, sd: Double, min: Double?, max: Double?)
    /// `median` is e^μ; optionally truncated to `[min, max]`.
    case lognormal(median: Double, sigma: Double, min: Double?, max: Double?)
  }

  public let kind: Kind
  // Precomputed for the normal family: the uniform is mapped to [cdfLow, cdfLow + cdfSpan].
  private let cdfLow: Double
  private let cdfSpan: Double

  /// The distribution of `kind`; the truncation bounds' Φ values are computed once, here.
  ///
  /// - Complexity: O(1).
  public init(_ kind: Kind) {
    self.kind = kind
    switch kind {
    case .normal(let mean, let sd, let min, let max):
      cdfLow = min.map { NormalMath.cdf(($0 - mean) / sd) } ?? 0
      cdfSpan = (max.map { NormalMath.cdf(($0 - mean) / sd) } ?? 1) - cdfLow
    case .lognormal(let median, let sigma, let min, let max):
      let mu = Foundation.log(median)
      cdfLow = min.map { $0 > 0 ? NormalMath.cdf((Foundation.log($0) - mu) / sigma) : 0 } ?? 0
      cdfSpan = (max.map { NormalMath.cdf((Foundation.log($0) - mu) / sigma) } ?? 1) - cdfLow
    default:
      cdfLow = 0
      cdfSpan = 1
    }
  }

  /// Always `value`.
  ///
  /// - Complexity: O(1).
  public static func fixed(_ value: Double) -> Distribution { Distribution(.fixed(value)) }
  /// Uniform on `[min, max]`.
  ///
  /// - Complexity: O(1).
  public static func uniform(_ min: Double, _ max: Double) -> Distribution {
    Distribution(.uniform(min: min, max: max))
  }
  /// Triangular on `[min, max]` with its peak at `mode`.
  ///
  /// - Complexity: O(1).
  public static func triangular(_ min: Double, _ mode: Double, _ max: Double) -> Distribution {
    Distribution(.triangular(min: min, mode: mode, max: max))
  }
  /// Normal, optionally truncated to `[min, max]`.
  ///
  /// - Complexity: O(1).
  public static func normal(mean: Double, sd: Double, min: Double? = nil, max: Double? = nil)
    -> Distribution
  {
    Distribution(.normal(mean: mean, sd: sd, min: min, max: max))
  }
  /// Lognormal with the given median, optionally truncated to `[min, max]`.
  ///
  /// - Complexity: O(1).
  public static func lognormal(
    median: Double, sigma: Double, min: Double? = nil, max: Double? = nil
  ) -> Distribution {
    Distribution(.lognormal(median: median, sigma: sigma, min: min, max: max))
  }

  public static func == (lhs: Distribution, rhs: Distribution) -> Bool { lhs.kind == rhs.kind }

  /// Whether every draw gives the same value.
  ///
  /// - Complexity: O(1).
  public var isFixed: Bool {
    if case .fixed = kind { return true }
    return false
  }

  /// The value at cumulative probability `u` (0 < u < 1; 0 and 1 give the bounds where finite).
  ///
  /// - Complexity: O(1).
  @inline(__always)
  public func quantile(_ u: Double) -> Double {
    switch kind {
    case .fixed(let value):
      return value
    case .uniform(let min, let max):
      return min + u * (max - min)
    case .triangular(let min, let mode, let max):
      let width = max - min
      guard width > 0 else { return min }
      let split = (mode - min) / width
      if u < split { return min + (u * width * (mode - min)).squareRoot() }
      return max - ((1 - u) * width * (max - mode)).squareRoot()
    case .normal(let mean, let sd, let min, let max):
      let x = mean + sd * NormalMath.inverseCDF(cdfLow + u * cdfSpan)
      return clamp(x, min, max)
    case .lognormal(let median, let sigma, let min, let max):
      let x = median * Foundation.exp(sigma * NormalMath.inverseCDF(cdfLow + u * cdfSpan))
      return clamp(x, min, max)
    }
  }

  @inline(__always)
  private func clamp(_ x: Double, _ low: Double?, _ high: Double?) -> Double {
    var x = x
    if let low, x < low { x = low }
    if let high, x > high { x = high }
    return x
  }

  /// The value at `u = ½`.
  ///
  /// - Complexity: O(1).
  public var median: Double { quantile(0.5) }

  /// The smallest and largest values a draw can take (infinite where unbounded).
  ///
  /// - Complexity: O(1).
  public var support: (low: Double, high: Double) {
    switch kind {
    case .fixed(let value): (value, value)
    case .uniform(let min, let max), .triangular(let min, _, let max): (min, max)
    case .normal(_, _, let min, let max): (min ?? -.infinity, max ?? .infinity)
    case .lognormal(_, _, let min, let max): (min ?? 0, max ?? .infinity)
    }
  }

  /// A short description: `fixed 0.5`, `triangular(0.2, 0.4, 0.6)`, `lognormal(median 2e10, σ 0.7) in [1e9, 1.5e11]`.
  ///
  /// - Complexity: O(1).
  public var description: String {
    func n(_ x: Double) -> String { NumberText.short(x) }
    func bounds(_ min: Double?, _ max: Double?) -> String {
      if min == nil, max == nil { return "" }
      return " in [\(min.map(n) ?? "−∞"), \(max.map(n) ?? "∞")]"
    }
    switch kind {
    case .fixed(let value): return "fixed \(n(value))"
    case .uniform(let min, let max): return "uniform(\(n(min)), \(n(max)))"
    case .triangular(let min, let mode, let max): return "triangular(\(n(min)), \(n(mode)), \(n(max)))"
    case .normal(let mean, let sd, let min, let max):
      return "normal(mean \(n(mean)), sd \(n(sd)))" + bounds(min, max)
    case .lognormal(let median, let sigma, let min, let max):
      return "lognormal(median \(n(median)), sigma \(n(sigma)))" + bounds(min, max)
    }
  }
}

/// The standard normal distribution function and its inverse.
package enum NormalMath {
  /// Φ(x) = erfc(−x/√2)/2.
  ///
  /// - Complexity: O(1).
  public static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  /// Φ⁻¹(p) by Acklam's algorithm (2003); relative error below 1.15·10⁻⁹ on (0, 1).
  ///
  /// Returns ∓∞ at 0 and 1.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  public static func inverseCDF(_ p: Double) -> Double {
    if p <= 0 { return -.infinity }
    if p >= 1 { return .infinity }
    let a1 = -3.969683028665376e+01
    let a2 = 2.209460984245205e+02
    let a3 = -2.759285104469687e+02
    let a4 = 1.383577518672690e+02
    let a5 = -3.066479806614716e+01
    let a6 = 2.506628277459239e+00
    let b1 = -5.447609879822406e+01
    let b2 = 1.615858368580409e+02
    let b3 = -1.556989798598866e+02
    let b4 = 6.680131188771972e+01
    let b5 = -1.328068155288572e+01
    let c1 = -7.784894002430293e-03
    let c2 = -3.223964580411365e-01
    let c3 = -2.400758277161838e+00
    let c4 = -2.549732539343734e+00
    let c5 = 4.374664141464968e+00
    let c6 = 2.938163982698783e+00
    let d1 = 7.784695709041462e-03
    let d2 = 3.224671290700398e-01
    let d3 = 2.445134137142996e+00
    let d4 = 3.754408661907416e+00
    let low = 0.02425
    if p < low {
      let q = (-2 * Foundation.log(p)).squareRoot()
      return (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6)
        / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1)
    }
    if p > 1 - low {
      let q = (-2 * Foundation.log(1 - p)).squareRoot()
      return -(((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6)
        / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1)
    }
    let q = p - 0.5
    let r = q * q
    return (((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q
      / (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1)
  }
}

/// Short, signed numbers for assumption lines: `-0.2`, `0.078`, `6.225`, `20B`, `1.4T`.
package enum NumberText {
  /// The number in at most three significant digits, with an M/B/T suffix from 10⁶ up.
  ///
  /// - Complexity: O(1).
  public static func short(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "∞" : "−∞" }
    if value < 0 { return "-" + short(-value) }
    if value >= 1e12 { return MoneyText.compact(significant(value / 1e12)) + "T" }
    if value >= 1e9 { return MoneyText.compact(significant(value / 1e9)) + "B" }
    if value >= 1e6 { return MoneyText.compact(significant(value / 1e6)) + "M" }
    return MoneyText.compact(value)
  }

  /// `value` rounded to `digits` significant digits.
  ///
  /// - Complexity: O(1).
  public static func significant(_ value: Double, digits: Int = 3) -> Double {
    guard value != 0, value.isFinite else { return value }
    let magnitude = Foundation.floor(Foundation.log10(Swift.abs(value)))
    let factor = Foundation.pow(10, Double(digits - 1) - magnitude)
    return (value * factor).rounded() / factor
  }
}
