import Foundation

/// How a deal's amount becomes dollars per year, one rule for the stress model and the per-year
/// view of the report.
///
/// A contract (every flow that is not an investment: purchases, cloud, chips, loans) runs over
/// its stated term, else over ``defaultTermYears`` — an assumption that every output names.
public enum AnnualRule {
  /// Years a contract without a stated term is spread over.
  public static let defaultTermYears: Double = 5

  /// The years the deal's amount is spread over: its term, else `defaultYears`.
  ///
  /// - Parameters:
  ///   - deal: A contract (a deal that is not an investment).
  ///   - defaultYears: The term assumed when the deal states none.
  /// - Returns: A positive number of years.
  public static func termYears(of deal: Deal, default defaultYears: Double = defaultTermYears) -> Double {
    deal.termYears ?? defaultYears
  }
}
