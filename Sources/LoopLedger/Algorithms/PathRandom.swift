/// The random stream of one Monte Carlo path: SplitMix64 (Steele, Lea & Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014), seeded from `(seed, path index)`.
///
/// Every path owns its generator, so a path's draws do not depend on which thread runs it or on
/// how the paths are split into chunks: the projection is the same for any number of threads.
/// The starting state is `mix(mix(seed) + mix(path + γ))`, where `mix` is SplitMix64's finaliser
/// and γ its golden-ratio increment. Every path walks the same Weyl cycle of period 2⁶⁴ from its
/// own starting state, so two paths' streams overlap only if their starting states lie within D
/// steps of each other, D the draws per path: for N paths the probability is about
/// N(N − 1)·D / 2⁶⁴, ≈ 1.6·10⁻⁵ for 10⁶ paths of ~300 draws. An overlap would correlate two
/// paths, not bias the run.
public struct PathRandom: RandomNumberGenerator, Sendable {
  public private(set) var state: UInt64

  static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// The generator of path `path` of the run seeded with `seed`.
  ///
  /// - Complexity: O(1).
  public init(seed: UInt64, path: UInt64) {
    state = Self.mix(Self.mix(seed) &+ Self.mix(path &+ Self.gamma))
  }

  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next 64 random bits: one SplitMix64 step.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  public mutating func next() -> UInt64 {
    state &+= Self.gamma
    return Self.mix(state)
  }

  /// A uniform double strictly inside (0, 1): `(k + ½)·2⁻⁵³` for the top 53 bits `k`.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  public mutating func uniform() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1.0p-53
  }
}
