/// The length of one step of a timeline.
public enum TimelinePeriod: String, Codable, Sendable, CaseIterable {
  case quarter
  case year
}

/// The loop through time: the ledger as it stood at the end of each quarter (or year), its loops
/// with their round trips per certainty tier, and the money going round per tier.
///
/// Each point is a ``LoopReport`` on ``Ledger/asOf(_:)`` at the period's last day, so a deal counts
/// from the day it was reported, with the status it had then, and a deal another one supersedes
/// counts until that one is reported. The points run from the period of the earliest dated deal to
/// the period of the ledger's `asOf` date (else of its latest dated deal).
public struct LedgerTimeline: Codable, Sendable, Equatable {
  public var period: TimelinePeriod
  public var points: [Point]

  public struct Point: Codable, Sendable, Equatable {
    /// `2025-Q4`, or `2025` for years.
    public var label: String
    /// The period's last day: the date the ledger is shown as of.
    public var end: PartialDate
    /// Deals reported by then (every status).
    public var deals: Int
    /// The loops then, stated ones first, largest first (as ``LoopReport`` ranks them).
    public var loops: [LoopPoint]
    /// The money going round then, per certainty tier (each tier counts the ones before it);
    /// a tier without flows is left out.
    public var circulation: [TieredFigures.CirculationTier]
  }

  public struct LoopPoint: Codable, Sendable, Equatable {
    public var path: [CompanyID]
    /// Whether a step rests only on implied deals.
    public var inferred: Bool
    /// The round trip counting every selected status.
    public var roundTrip: Interval
    /// The round trip per tier; nil where the loop does not exist in that tier yet.
    public var roundTrips: [TieredFigures.TierValue]
  }

  /// The timeline of `ledger` under `options` (its filter's statuses bound every tier).
  ///
  /// - Complexity: P periods × (T + 1) loop reports, T = 4 tiers.
  public init(ledger: Ledger, period: TimelinePeriod, options: LoopReportOptions) throws {
    self.period = period
    points = []
    let dates = ledger.deals.compactMap { ledger.knownDate(of: $0)?.date }
    guard let first = dates.min(), let last = ledger.asOf ?? dates.max() else { return }
    var (year, index) = Self.period(of: first, period)
    let (lastYear, lastIndex) = Self.period(of: last, period)
    while (year, index) <= (lastYear, lastIndex) {
      try Task.checkCancellation()
      let end = Self.end(year: year, index: index, period)
      let view = ledger.asOf(end)
      var full = options
      full.tiers = false
      let report = try LoopReport(ledger: view, options: full)
      var circulation: [TieredFigures.CirculationTier] = []
      var byTier: [CertaintyTier: [[CompanyID]: Interval]] = [:]
      for tier in CertaintyTier.allCases {
        var nested = options
        nested.filter.statuses = tier.statuses.intersection(options.filter.statuses)
        nested.tiers = false
        let tierReport: LoopReport
        do {
          tierReport = try LoopReport(ledger: view, options: nested)
        } catch LedgerError.unknownCompany {
          // The company is not in this tier's graph yet: no loops through it.
          nested.company = nil
          nested.limit = 0
          tierReport = try LoopReport(ledger: view, options: nested)
        }
        byTier[tier] = Dictionary(
          tierReport.loops.map { (TieredFigures.canonical($0.path), $0.roundTrip) }, uniquingKeysWith: { a, _ in a })
        if let known = tierReport.circulation, known.totalFlow > 0 {
          circulation.append(
            TieredFigures.CirculationTier(
              tier: tier, maxCircularity: known.maxCircularity, circulation: known.circulation,
              totalFlow: known.totalFlow))
        }
      }
      let loops = report.loops.map { loop in
        let key = TieredFigures.canonical(loop.path)
        return LoopPoint(
          path: loop.path, inferred: loop.inferred, roundTrip: loop.roundTrip,
          roundTrips: CertaintyTier.allCases.map { TieredFigures.TierValue(tier: $0, roundTrip: byTier[$0]?[key]) })
      }
      points.append(
        Point(
          label: period == .quarter ? "\(year)-Q\(index)" : "\(year)", end: end, deals: view.deals.count,
          loops: loops, circulation: circulation))
      (year, index) = period == .quarter ? (index == 4 ? (year + 1, 1) : (year, index + 1)) : (year + 1, 1)
    }
  }

  /// The period a date falls in, by its last day: (year, quarter 1–4), or (year, 1) for years.
  static func period(of date: PartialDate, _ period: TimelinePeriod) -> (Int, Int) {
    let (year, month, _) = date.latest
    return period == .quarter ? (year, (month - 1) / 3 + 1) : (year, 1)
  }

  /// The last day of a period.
  static func end(year: Int, index: Int, _ period: TimelinePeriod) -> PartialDate {
    let month = period == .quarter ? index * 3 : 12
    return PartialDate(year: year, month: month, day: PartialDate.daysIn(month: month, year: year))
  }
}
