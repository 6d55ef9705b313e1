import Foundation

/// The values a number may take, checked in one place for every way a number comes in: ledger
/// and scenario files, CSV files and command-line flags.
///
/// Every number LoopLedger reads has one rule here; `docs/limits.md` lists them. A rule refuses
/// NaN and the infinities, values outside its range and, for counts, fractions. The ranges are
/// wide enough for any real input and narrow enough that no sum, product or formatted figure
/// built from them can overflow: amounts stop at 10¹⁶, so even 10⁹ of them sum to a finite
/// number, and their squares (the Hodge decomposition) stay finite too.
public struct NumberRule: Sendable, Equatable {
  public var low: Double
  public var high: Double
  /// Whether `low` itself is allowed.
  public var lowIncluded: Bool
  /// Whether only whole numbers are allowed.
  public var whole: Bool
  /// What the number is, for messages: "an amount", "a share".
  public var noun: String

  public init(_ noun: String, _ low: Double, _ high: Double, lowIncluded: Bool = true, whole: Bool = false) {
    self.noun = noun
    self.low = low
    self.high = high
    self.lowIncluded = lowIncluded
    self.whole = whole
  }

  /// The range in words: "an amount from 0 to 10^16", "a number of years above 0, at most 100".
  public var expected: String {
    let kind = whole ? "\(noun) (a whole number)" : noun
    if low == -.greatestFiniteMagnitude, high == .greatestFiniteMagnitude { return "a finite number" }
    if high == .greatestFiniteMagnitude { return "\(kind) of at least \(Self.show(low))" }
    if !lowIncluded { return "\(kind) above \(Self.show(low)) and at most \(Self.show(high))" }
    return "\(kind) from \(Self.show(low)) to \(Self.show(high))"
  }

  /// Whether `value` is allowed.
  public func allows(_ value: Double) -> Bool {
    guard value.isFinite, value <= high, lowIncluded ? value >= low : value > low else { return false }
    return !whole || value == value.rounded()
  }

  /// Nil when `value` is allowed; otherwise what is wrong, in words.
  public func problem(_ value: Double, written: String? = nil) -> String? {
    if allows(value) { return nil }
    let shown = written ?? Self.show(value)
    if value.isNaN { return "must be \(expected); NaN is not a number" }
    if value.isInfinite { return "must be \(expected); \(shown) is beyond the largest number (about 1.8e308)" }
    return "must be \(expected); found \(shown)"
  }

  /// Checks a command-line value.
  ///
  /// - Throws: ``ArgumentValueError`` naming the flag, the rule and the value.
  public func check(_ value: Double, flag: String) throws {
    if let problem = problem(value) { throw ArgumentValueError("'--\(flag)' \(problem).") }
  }

  /// Checks a whole-number command-line value.
  public func check(_ value: Int, flag: String) throws { try check(Double(value), flag: flag) }

  /// A number as people write it: `-5`, `0.25`, `10^16`, `1e-300`.
  public static func show(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "infinity" : "-infinity" }
    if value != 0, value == value.rounded(), abs(value) >= 1e15 {
      let exponent = Int(Foundation.log10(abs(value)).rounded())
      if Foundation.pow(10, Double(exponent)) == abs(value) { return (value < 0 ? "-" : "") + "10^\(exponent)" }
    }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}

extension NumberRule {
  /// Any finite number (a distribution's parameters, whose support is then checked).
  public static let finite = NumberRule("a number", -.greatestFiniteMagnitude, .greatestFiniteMagnitude)

  // MARK: Money

  /// Any amount of money — in a ledger (in its currency), a CSV edge list or node file, a
  /// scenario file or a flag (`--assume`, `--external`, `--resources`).
  public static let amount = NumberRule("an amount", 0, 1e16)
  /// Units of a currency per US dollar (an exchange rate).
  public static let perUSD = NumberRule("a rate in units per US dollar", 1e-4, 1e6)

  // MARK: Shares and rates

  /// A share, probability or fraction between 0 and 1 (stop fractions, `--demand-returns`,
  /// Rogers–Veraart α and β, `--min-confidence`, scenario shares and probabilities).
  public static let share = NumberRule("a number", 0, 1)
  /// A change of a company's outside resources (`--revenue`, `changeResources`): −1 (all lost) to
  /// 10 (elevenfold).
  public static let resourceChange = NumberRule("a fraction", -1, 10)
  /// A yearly revenue growth rate: −1 (−100 %) to 10 (+1000 %).
  public static let growth = NumberRule("a growth rate", -1, 10)
  /// An operating margin: −10 (costs eleven times revenue) to 1 (100 %).
  public static let margin = NumberRule("a margin", -10, 1)
  /// Valuation change per dollar of annual revenue lost (`--multiple`, `revenueMultiple`).
  public static let revenueMultiple = NumberRule("a multiple", 0, 1_000)
  /// Share of pending investments cut per share of loop revenue lost (`--elasticity`).
  public static let elasticity = NumberRule("an elasticity", 0, 100)

  // MARK: Time

  /// A duration in years (terms, `--term-years`, `--investment-years`, horizons).
  public static let years = NumberRule("a number of years", 0.01, 100)
  /// A calendar year (`project --from/--to`, growth periods).
  public static let calendarYear = NumberRule("a year", 1900, 2200, whole: true)
  /// The most years one projection spans.
  public static let projectionSpan = 100

  // MARK: Work

  /// Worker threads (`--threads`, every subcommand).
  public static let threads = NumberRule("a number of threads", 1, 256, whole: true)
  /// Monte Carlo paths (`--paths`, `--sensitivity-paths`, every subcommand).
  public static let paths = NumberRule("a number of paths", 1, 100_000_000, whole: true)
  /// Paths times simulated years (sensitivity runs included): about 15 s of a release build on
  /// two cores.
  public static let pathYears = 200_000_000
  /// Up to this many paths quantiles are exact (memory grows with paths × years).
  public static let exactQuantilePaths = NumberRule("a number of paths", 1, 1_000_000, whole: true)
  /// Items listed (`--limit`, every subcommand).
  public static let listLimit = NumberRule("a number of items", 1, 1_000_000, whole: true)
  /// A loop's length in steps (`--max-length`).
  public static let loopLength = NumberRule("a number of steps", 2, 1_000, whole: true)
  /// A relative tolerance (`--tolerance`).
  public static let tolerance = NumberRule("a tolerance", 0, 0.5, lowIncluded: false)
  /// Iterations of a solver (`--max-iterations`, `maxRounds`).
  public static let iterations = NumberRule("a number of iterations", 1, 1_000_000, whole: true)
  /// Rounds of a stress test (`maxRounds`).
  public static let rounds = NumberRule("a number of rounds", 1, 100_000, whole: true)
  /// A count of nodes, cycles or edges (`--shock`, `--max-cycles`, `--circulation-limit`,
  /// `--highlight`).
  public static let count = NumberRule("a count", 1, 1e15, whole: true)
  /// A count that may be zero (`--circulation-limit`).
  public static let countOrZero = NumberRule("a count", 0, 1e15, whole: true)
}
