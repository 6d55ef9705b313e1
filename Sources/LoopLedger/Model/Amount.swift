/// How a figure was stated: exactly, approximately, as a floor, as a ceiling, as a range, or not at all.
public enum AmountQualifier: String, Codable, Sendable, CaseIterable {
  /// "$38 billion": the interval is `[v, v]`.
  case exact
  /// "約80億美元", "about $8 billion": `[v, v]`, flagged as approximate.
  case about
  /// "至少100億美元", "at least $10 billion": `[v, ∞)`.
  case atLeast = "at_least"
  /// "超過130億美元", "more than $13 billion": `[v, ∞)`.
  case moreThan = "more_than"
  /// "高達1000億美元", "up to $100 billion": `[0, v]`.
  case upTo = "up_to"
  /// "數百億美元", "tens of billions": `[low, high]`.
  case range
  /// No figure was given: unknown, never zero.
  case unstated
}

/// A user's assumption standing in for what the sources do not state.
///
/// Every output that uses an assumed figure labels it as assumed.
public struct Assumption: Codable, Sendable, Equatable {
  public var low: Double?
  public var high: Double?
  public var estimate: Double?
  /// Why the user assumes this; printed beside the figure.
  public var reason: String

  public init(low: Double? = nil, high: Double? = nil, estimate: Double? = nil, reason: String) {
    self.low = low
    self.high = high
    self.estimate = estimate
    self.reason = reason
  }
}

/// An amount a source states only relative to another deal's.
///
/// "Most of the proceeds" (大部分所得資金), "a third of it": the amount is the other deal's, in US
/// dollars, times a share in [low, high]; every output labels it *derived*, never stated.
///
/// The share bounds are the reading of the source's words, an assumption written in the ledger
/// with its reason ("most" = 50–100 %, docs/ledger-format.md); change them there, or override the
/// whole amount with `--assume`.
public struct Derivation: Codable, Sendable, Equatable {
  /// The deal whose amount this one is a share of — or, when no deal has this id, the fact with
  /// a money value ("a large chunk of its new capital": the round's total, a fact).
  public var of: DealID
  /// The share's bounds, from 0 to 1.
  public var low: Double
  public var high: Double
  /// A point estimate of the share, if the reading gives one.
  public var estimate: Double?
  /// Why these bounds: the words and how they are read.
  public var reason: String

  public init(of: DealID, low: Double, high: Double, estimate: Double? = nil, reason: String) {
    self.of = of
    self.low = low
    self.high = high
    self.estimate = estimate
    self.reason = reason
  }

  /// The share in percent, language-neutral: `50–100 % (estimate 75 %)`, `33.33 %`.
  public var shareText: String {
    func percent(_ share: Double) -> String {
      let value = (share * 10_000).rounded() / 100
      return value == value.rounded() ? String(Int(value)) : String(value)
    }
    var text = low == high ? "\(percent(low)) %" : "\(percent(low))–\(percent(high)) %"
    if let estimate, low != high { text += " (estimate \(percent(estimate)) %)" }
    return text
  }

  /// The amount `base` (the other deal's, in US dollars) times this share: bounds times bounds,
  /// estimate times the estimate (no estimate without one), marked derived.
  public func apply(to base: Interval) -> Interval {
    let estimate = self.estimate.flatMap { share in base.estimate.map { $0 * share } }
    return Interval(
      low: base.low.map { $0 * low }, high: base.high.map { $0 * high }, estimate: estimate,
      missingEstimates: estimate == nil ? max(1, base.missingEstimates) : base.missingEstimates,
      isAssumed: base.isAssumed, isDerived: true)
  }
}

/// A figure exactly as a source states it: qualifier, number or bounds, and currency or unit.
///
/// An `Amount` is never converted or rounded in the ledger. ``interval(perUSD:)`` turns it into an
/// ``Interval`` in US dollars for the analyses, using a rate from the ledger file.
public struct Amount: Codable, Sendable, Equatable {
  public var qualifier: AmountQualifier
  /// The stated number, for every qualifier except `range` and `unstated`.
  public var value: Double?
  /// The lower bound of a `range`.
  public var low: Double?
  /// The upper bound of a `range`.
  public var high: Double?
  /// A point estimate when the source gives one beyond `value`.
  public var estimate: Double?
  /// ISO 4217 code for money (`USD`, `HKD`); nil for non-money facts and unstated amounts.
  public var currency: String?
  /// The unit of a non-money fact: `percent`, `count`, `GW`.
  public var unit: String?
  /// The words of the source that state the amount, such as `至少100億美元`.
  public var asWritten: String?
  /// A user's assumption, used by the analyses in place of the stated bounds where it gives them.
  public var assumed: Assumption?
  /// A share of another deal's amount, for an amount the source states only relative to it.
  public var derived: Derivation?

  public init(
    qualifier: AmountQualifier, value: Double? = nil, low: Double? = nil, high: Double? = nil,
    estimate: Double? = nil, currency: String? = nil, unit: String? = nil, asWritten: String? = nil,
    assumed: Assumption? = nil, derived: Derivation? = nil
  ) {
    self.qualifier = qualifier
    self.value = value
    self.low = low
    self.high = high
    self.estimate = estimate
    self.currency = currency
    self.unit = unit
    self.asWritten = asWritten
    self.assumed = assumed
    self.derived = derived
  }

  /// An amount the sources do not state.
  public static let unstated = Amount(qualifier: .unstated)

  /// An exact amount in US dollars.
  public static func usd(_ value: Double, _ qualifier: AmountQualifier = .exact) -> Amount {
    Amount(qualifier: qualifier, value: value, currency: "USD")
  }

  /// The interval this amount stands for, in its own currency or unit (no conversion).
  public var statedInterval: Interval {
    var interval: Interval
    switch qualifier {
    case .exact, .about:
      interval = Interval(low: value, high: value, estimate: estimate ?? value)
    case .atLeast, .moreThan:
      interval = Interval(low: value, high: nil, estimate: estimate ?? value)
    case .upTo:
      interval = Interval(low: value == nil ? nil : 0, high: value, estimate: estimate ?? value)
    case .range:
      interval = Interval(low: low, high: high, estimate: estimate)
    case .unstated:
      interval = .unknown
    }
    if let assumed {
      interval = Interval(
        low: assumed.low ?? interval.low, high: assumed.high ?? interval.high,
        estimate: assumed.estimate ?? interval.estimate, isAssumed: true)
    }
    return interval
  }

  /// The interval in US dollars, dividing by `perUSD` (units of this currency per dollar).
  public func interval(perUSD: Double) -> Interval {
    statedInterval.scaled(by: 1 / perUSD)
  }
}

/// What is known of a non-negative quantity: bounds and a point estimate, each possibly unknown.
///
/// `low == nil` means no lower bound above zero is known; `high == nil` means no upper bound is
/// known. A wholly unknown quantity is ``unknown``, never zero.
///
/// Arithmetic keeps what can be proven: the sum of a known and an unknown non-negative quantity is
/// at least the known one and has no upper bound. Estimates are handled differently, so that one
/// unstated amount does not erase every estimate it touches: the estimate of a sum adds the terms
/// that have one, and ``missingEstimates`` counts the amounts left out. Every output shows that
/// count beside the estimate.
public struct Interval: Codable, Sendable, Equatable, CustomStringConvertible {
  public var low: Double?
  public var high: Double?
  public var estimate: Double?
  /// How many amounts behind this figure have no estimate and are left out of `estimate`.
  public var missingEstimates: Int
  /// Whether any part of the figure rests on a user's assumption.
  public var isAssumed: Bool
  /// Whether any part of the figure is derived from another deal's amount (``Derivation``).
  public var isDerived: Bool

  public init(
    low: Double?, high: Double?, estimate: Double?, missingEstimates: Int? = nil,
    isAssumed: Bool = false, isDerived: Bool = false
  ) {
    self.low = low
    self.high = high
    self.estimate = estimate
    self.missingEstimates = missingEstimates ?? (estimate == nil ? 1 : 0)
    self.isAssumed = isAssumed
    self.isDerived = isDerived
  }

  /// Nothing known.
  public static let unknown = Interval(low: nil, high: nil, estimate: nil)
  /// Exactly zero, as a sum of no terms.
  public static let zero = Interval(low: 0, high: 0, estimate: 0)

  /// An exactly known value.
  public static func exact(_ value: Double) -> Interval {
    Interval(low: value, high: value, estimate: value)
  }

  /// Whether nothing at all is known.
  public var isUnknown: Bool { low == nil && high == nil && estimate == nil }

  /// Whether low and high are both known and equal.
  public var isExact: Bool { low != nil && low == high }

  /// The value used to rank intervals: the estimate, else the lower bound, else zero.
  public var rankingValue: Double { estimate ?? low ?? 0 }

  /// The interval of `a + b` for non-negative `a` and `b`.
  ///
  /// Where one side is unknown, the other side's lower bound and estimate carry over only if
  /// they are positive: a zero known part plus an unknown part is unknown, not zero.
  public static func + (a: Interval, b: Interval) -> Interval {
    func partial(_ x: Double?, _ y: Double?) -> Double? {
      switch (x, y) {
      case (let x?, let y?): x + y
      case (let x?, nil), (nil, let x?): x > 0 ? x : nil
      case (nil, nil): nil
      }
    }
    return Interval(
      low: partial(a.low, b.low),
      high: a.high.flatMap { x in b.high.map { x + $0 } },
      estimate: partial(a.estimate, b.estimate),
      missingEstimates: a.missingEstimates + b.missingEstimates,
      isAssumed: a.isAssumed || b.isAssumed, isDerived: a.isDerived || b.isDerived)
  }

  /// The interval of `min(a, b)`; the estimate is unknown when either side has none at all.
  public static func minimum(_ a: Interval, _ b: Interval) -> Interval {
    let high: Double? =
      switch (a.high, b.high) {
      case (nil, nil): nil
      case (let x?, nil), (nil, let x?): x
      case (let x?, let y?): Swift.min(x, y)
      }
    return Interval(
      low: a.low.flatMap { x in b.low.map { Swift.min(x, $0) } },
      high: high,
      estimate: a.estimate.flatMap { x in b.estimate.map { Swift.min(x, $0) } },
      missingEstimates: a.missingEstimates + b.missingEstimates,
      isAssumed: a.isAssumed || b.isAssumed, isDerived: a.isDerived || b.isDerived)
  }

  /// The interval of `a / b` for non-negative `a` and positive `b`; bounds that cannot be proven are nil.
  public static func ratio(_ a: Interval, _ b: Interval) -> Interval {
    var low: Double? = nil
    if let numerator = a.low, let denominator = b.high, denominator > 0 {
      low = numerator / denominator
    }
    var high: Double? = nil
    if let numerator = a.high, let denominator = b.low, denominator > 0 {
      high = numerator / denominator
    }
    var estimate: Double? = nil
    if let numerator = a.estimate, let denominator = b.estimate, denominator > 0 {
      estimate = numerator / denominator
    }
    return Interval(
      low: low, high: high, estimate: estimate,
      missingEstimates: a.missingEstimates + b.missingEstimates,
      isAssumed: a.isAssumed || b.isAssumed, isDerived: a.isDerived || b.isDerived)
  }

  /// Every known part multiplied by `factor` (which must be positive).
  public func scaled(by factor: Double) -> Interval {
    Interval(
      low: low.map { $0 * factor }, high: high.map { $0 * factor },
      estimate: estimate.map { $0 * factor }, missingEstimates: missingEstimates,
      isAssumed: isAssumed, isDerived: isDerived)
  }

  public var description: String {
    func show(_ x: Double?) -> String { x.map { "\($0)" } ?? "?" }
    return "[\(show(low)), \(show(high))] ~\(show(estimate))"
      + (missingEstimates > 0 ? " (+\(missingEstimates) without estimate)" : "")
      + (isAssumed ? " (assumed)" : "") + (isDerived ? " (derived)" : "")
  }
}
