import LoopLedger

/// The one rule of each numeric flag, the same in every subcommand (and for the same field of a
/// server request).
///
/// The rules themselves are ``NumberRule``s, shared with the file readers.
public enum FlagRule {
  /// Flag name (without `--`) → its rule.
  public static let rules: [String: NumberRule] = [
    "threads": .threads,
    "paths": .paths,
    "sensitivity-paths": .paths,
    "exact-quantile-limit": .exactQuantilePaths,
    "limit": .listLimit,
    "max-length": .loopLength,
    "tolerance": .tolerance,
    "max-iterations": .iterations,
    "max-cycles": .count,
    "circulation-limit": .countOrZero,
    "shock": .count,
    "highlight": .count,
    "alpha": .share,
    "beta": .share,
    "demand-returns": .share,
    "min-confidence": .share,
    "term-years": .years,
    "investment-years": .years,
    "multiple": .revenueMultiple,
    "elasticity": .elasticity,
    "from": .calendarYear,
    "to": .calendarYear,
  ]

  /// Checks a flag's value against its rule; nil passes.
  ///
  /// - Throws: ``ArgumentValueError``: `'--threads' must be a number of threads (a whole number)
  ///   from 1 to 256; found 0.`
  public static func check(_ flag: String, _ value: Double?) throws {
    guard let value else { return }
    guard let rule = rules[flag] else { preconditionFailure("no rule for --\(flag)") }
    try rule.check(value, flag: flag)
  }

  public static func check(_ flag: String, _ value: Int?) throws {
    try check(flag, value.map(Double.init))
  }

  /// `--alpha` and `--beta` come together.
  public static func checkDefaultCosts(alpha: Double?, beta: Double?) throws {
    if (alpha == nil) != (beta == nil) { throw ArgumentValueError("Give both --alpha and --beta, or neither.") }
    try check("alpha", alpha)
    try check("beta", beta)
  }
}
