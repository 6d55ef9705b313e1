import Foundation

/// How sure a headline figure is, by the statuses of the deals it counts.
///
/// Tiers are cumulative: *signed* counts closed deals and announced contracts or investments;
/// each next tier adds one status — plans, then talks, then inferences (`implied`).
public enum CertaintyTier: String, Codable, Sendable, CaseIterable {
  case signed
  case withPlans = "with_plans"
  case withTalks = "with_talks"
  case withInferences = "with_inferences"

  /// The statuses the tier counts.
  public var statuses: Set<DealStatus> {
    switch self {
    case .signed: [.closed, .announced]
    case .withPlans: [.closed, .announced, .planned]
    case .withTalks: [.closed, .announced, .planned, .talks]
    case .withInferences: [.closed, .announced, .planned, .talks, .implied]
    }
  }
}

/// The report's headline figures per certainty tier: each loop's round trip and the money going
/// round, counting only the deals each tier allows.
///
/// A figure that rests on plans, talks or inferences then reads as such: the NVIDIA → OpenAI →
/// NVIDIA loop of the seed is "signed: none · with plans: ≤ $100B". Computed by
/// ``LoopReport/init(ledger:options:)`` when the selected deals span more than one tier.
public struct TieredFigures: Codable, Sendable, Equatable {
  /// A loop's round trip in one tier.
  public struct TierValue: Codable, Sendable, Equatable {
    public var tier: CertaintyTier
    /// Nil when the loop does not exist with only this tier's deals.
    @Nullable public var roundTrip: Interval?
  }

  /// One loop of the report with its round trip per tier.
  public struct LoopTiers: Codable, Sendable, Equatable {
    public var path: [CompanyID]
    public var roundTrips: [TierValue]
  }

  /// The money going round in one tier (see ``LoopReport/LedgerCirculation``).
  public struct CirculationTier: Codable, Sendable, Equatable {
    public var tier: CertaintyTier
    /// The share of the tier's known flows that can go round, as an interval.
    public var maxCircularity: Interval
    public var circulation: Double
    public var totalFlow: Double
  }

  /// The tiers shown, from the surest; the last one counts every selected status.
  public var tiers: [CertaintyTier]
  /// The report's loops, in its order.
  public var loops: [LoopTiers]
  /// The money going round per tier; a tier with no known flow is left out.
  public var circulation: [CirculationTier]

  /// The tiers of the statuses `filter` selects, or nil when those deals are all of one tier.
  ///
  /// - Complexity: One ``LoopReport`` per tier below the last (at most three), each with its
  ///   loop search, flow tracing and maximum circulation.
  static func compute(
    ledger: Ledger, options: LoopReportOptions, full: LoopReport
  ) throws -> TieredFigures? {
    let selected = options.filter.statuses
    let present = Set(
      ledger.deals.filter { selected.contains($0.status) && (options.filter.kinds?.contains($0.kind) ?? true) }.map(
        \.status))
    // Tiers that change what is counted: those whose statuses, within the selection, differ.
    var tiers: [CertaintyTier] = []
    var seen: Set<Set<DealStatus>> = []
    for tier in CertaintyTier.allCases {
      let counted = tier.statuses.intersection(selected).intersection(present)
      if counted.isEmpty || seen.contains(counted) { continue }
      seen.insert(counted)
      tiers.append(tier)
    }
    guard tiers.count > 1 else { return nil }
    var loops = full.loops.map { LoopTiers(path: $0.path, roundTrips: []) }
    var index: [[CompanyID]: Int] = [:]
    for (position, loop) in full.loops.enumerated() { index[canonical(loop.path)] = position }
    var circulation: [CirculationTier] = []
    for tier in tiers {
      let counted = tier.statuses.intersection(selected)
      let report: LoopReport
      if counted.intersection(present) == present {
        report = full
      } else {
        var nested = options
        nested.filter.statuses = counted
        nested.tiers = false
        do {
          report = try LoopReport(ledger: ledger, options: nested)
        } catch LedgerError.unknownCompany {
          // The focus company has no deal in this tier, so no loop runs through it here.
          nested.company = nil
          nested.limit = 0
          report = try LoopReport(ledger: ledger, options: nested)
        }
      }
      var found: [Int: Interval] = [:]
      for loop in report.loops {
        if let position = index[canonical(loop.path)] { found[position] = loop.roundTrip }
      }
      for position in loops.indices {
        loops[position].roundTrips.append(TierValue(tier: tier, roundTrip: found[position]))
      }
      if let known = report.circulation, known.totalFlow > 0 {
        circulation.append(
          CirculationTier(
            tier: tier, maxCircularity: known.maxCircularity, circulation: known.circulation,
            totalFlow: known.totalFlow))
      }
    }
    return TieredFigures(tiers: tiers, loops: loops, circulation: circulation)
  }

  /// A loop's path (first company repeated at the end) rotated to start at its smallest id, so
  /// that one loop found in two graphs has one key.
  static func canonical(_ path: [CompanyID]) -> [CompanyID] {
    let cycle = Array(path.dropLast())
    guard let start = cycle.indices.min(by: { cycle[$0].rawValue < cycle[$1].rawValue }) else { return path }
    let rotated = Array(cycle[start...] + cycle[..<start])
    return rotated + [rotated[0]]
  }
}
