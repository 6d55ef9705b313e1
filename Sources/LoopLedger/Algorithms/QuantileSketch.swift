/// Quantiles of a stream of values in memory that does not grow with the stream: a fixed-bin
/// log-linear histogram (the layout of HdrHistogram and DDSketch), with exact counts, minimum and
/// maximum.
///
/// **Bins.** A value with |x| ≥ 1 falls in the bin of its binary exponent e (0…63) and the top
/// ``subBits`` = 8 bits of its mantissa k: the bin is [2ᵉ(1 + k/256), 2ᵉ(1 + (k+1)/256)). Values
/// with |x| < 1 share one bin around zero. Negative values mirror positive ones, and bins are
/// numbered in value order, so the sketch holds 2·64·256 + 1 = 32 769 counters (256 KiB).
///
/// **Quantile.** The q-quantile of n values is the order statistic x₍ₖ₎ with k = max(1, ⌈q·n⌉)
/// (the inverse of the empirical distribution function). The sketch finds the bin holding the
/// k-th smallest value — counts are exact, so this bin is exact — and returns the bin's midpoint,
/// clamped to the exact [minimum, maximum].
///
/// **Error bound.** A bin is at most 2ᵉ/256 wide and its values are at least 2ᵉ, so the midpoint
/// lies within 2ᵉ/512 of every value in it:
///
///     |estimate − x₍ₖ₎| ≤ max(|x₍ₖ₎| / 512, 1)      (≈ 0.2 % of the value, or one unit)
///
/// Clamping into [min, max] only moves the estimate towards x₍ₖ₎. Values beyond ±2⁶⁴ (≈ 1.8·10¹⁹)
/// share the outermost bins and lose the bound (never reached by dollar amounts).
///
/// **Merging** adds counts: the result does not depend on how the stream was split between
/// threads or in which order the parts are merged.
public struct QuantileSketch: Sendable, Equatable {
  /// Mantissa bits per binary order of magnitude.
  public static let subBits = 8
  /// The guaranteed relative error of a quantile estimate (for |x| ≥ 1): 2^-(subBits+1).
  public static let relativeError = 1.0 / Double(1 << (subBits + 1))
  /// The guaranteed absolute error for |x| < 1.
  public static let absoluteError = 1.0

  static let perSide = 64 << subBits
  static let binCount = 2 * perSide + 1
  static let zeroBin = perSide

  public private(set) var counts: [Int]
  public private(set) var count: Int = 0
  public private(set) var minimum: Double = .infinity
  public private(set) var maximum: Double = -.infinity

  /// An empty sketch.
  ///
  /// - Complexity: O(B) time and memory, B = 32 769 bins (256 KiB).
  public init() { counts = Array(repeating: 0, count: Self.binCount) }

  /// The bin of `x`, in value order.
  @inline(__always)
  static func bin(_ x: Double) -> Int {
    let magnitude = x.magnitude
    if !(magnitude >= 1) { return zeroBin }  // also catches NaN
    let bits = magnitude.bitPattern
    var exponent = Int(truncatingIfNeeded: bits >> 52) &- 1023
    var sub = Int(truncatingIfNeeded: (bits >> UInt64(52 - subBits)) & UInt64((1 << subBits) - 1))
    if exponent > 63 {
      exponent = 63
      sub = (1 << subBits) - 1
    }
    let m = (exponent << subBits) | sub  // 0 ..< perSide
    return x > 0 ? zeroBin + 1 + m : zeroBin - 1 - m
  }

  /// The midpoint of bin `index`.
  static func representative(_ index: Int) -> Double {
    if index == zeroBin { return 0 }
    let m = index > zeroBin ? index - zeroBin - 1 : zeroBin - 1 - index
    let exponent = m >> subBits
    let sub = m & ((1 << subBits) - 1)
    let value =
      Double(sign: .plus, exponent: exponent, significand: 1)
      * (1 + (Double(sub) + 0.5) / Double(1 << subBits))
    return index > zeroBin ? value : -value
  }

  /// Adds one value.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  public mutating func add(_ x: Double) {
    counts[Self.bin(x)] &+= 1
    count &+= 1
    if x < minimum { minimum = x }
    if x > maximum { maximum = x }
  }

  /// Adds `other`'s values to this sketch.
  ///
  /// - Complexity: O(B), B = 32 769 bins (nothing when `other` is empty).
  public mutating func merge(_ other: QuantileSketch) {
    guard other.count > 0 else { return }
    counts.withUnsafeMutableBufferPointer { mine in
      other.counts.withUnsafeBufferPointer { theirs in
        for i in 0..<mine.count { mine[i] &+= theirs[i] }
      }
    }
    count += other.count
    minimum = Swift.min(minimum, other.minimum)
    maximum = Swift.max(maximum, other.maximum)
  }

  /// The estimated q-quantile (0 ≤ q ≤ 1), within ``relativeError`` of the exact order statistic;
  /// nil for an empty sketch.
  ///
  /// - Complexity: O(B), B = 32 769 bins.
  public func quantile(_ q: Double) -> Double? {
    guard count > 0 else { return nil }
    let rank = Self.rank(q, count: count)
    var seen = 0
    for (index, c) in counts.enumerated() where c > 0 {
      seen += c
      if seen >= rank {
        return Swift.min(Swift.max(Self.representative(index), minimum), maximum)
      }
    }
    return maximum
  }

  /// Several quantiles in one pass over the bins (`qs` in any order).
  ///
  /// - Complexity: O(B + Q log Q) for Q quantiles, B = 32 769 bins.
  public func quantiles(_ qs: [Double]) -> [Double]? {
    guard count > 0 else { return nil }
    let ranks = qs.map { Self.rank($0, count: count) }
    let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
    var result = Array(repeating: maximum, count: qs.count)
    var next = 0
    var seen = 0
    for (index, c) in counts.enumerated() where c > 0 {
      seen += c
      while next < order.count, seen >= ranks[order[next]] {
        result[order[next]] = Swift.min(Swift.max(Self.representative(index), minimum), maximum)
        next += 1
      }
      if next == order.count { break }
    }
    return result
  }

  /// k = max(1, ⌈q·n⌉), at most n (q·n is taken 10⁻⁹ low so that 0.05·100 000 is 5 000, not 5 001).
  ///
  /// - Complexity: O(1).
  public static func rank(_ q: Double, count: Int) -> Int {
    Swift.min(count, Swift.max(1, Int((q * Double(count) - 1e-9).rounded(.up))))
  }

  /// The exact q-quantile of sorted values, by the same definition (a reference for tests and
  /// for small runs).
  ///
  /// - Complexity: O(1) on already-sorted values.
  public static func exactQuantile(sorted values: [Double], _ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    return values[rank(q, count: values.count) - 1]
  }
}
