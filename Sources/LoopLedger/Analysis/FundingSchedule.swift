/// Which way money moves for the projected company.
public enum FlowDirection: String, Codable, Sendable {
  /// The company pays (its purchases, its investments in others).
  case outflow
  /// The company receives (investments in it, purchases from it).
  case inflow
}

/// One deal of the ledger, as the projection schedules it.
public struct ScheduledFlow: Codable, Sendable, Equatable {
  public var deal: DealID
  public var direction: FlowDirection
  public var counterparty: CompanyID
  public var kind: DealKind
  public var status: DealStatus
  /// The probability it goes ahead: 1 for announced, closed and implied deals; the scenario's for
  /// talks and planned deals (or a per-deal override).
  public var probability: Double
  /// Deals of the same counterparty, status and announcement date (talks or planned) go ahead or
  /// fall through together; they share this id.
  @Nullable public var package: String?
  /// The amount scheduled (US dollars).
  public var amount: Double
  /// How ``amount`` was chosen: `estimate`, `midpoint`, `low`, `high`, `draw`,
  /// `estimate (no upper bound)`, `assumed (scenario)`, `assumed (ledger)`.
  public var amountBasis: String
  /// Whether the amount rests on an assumption rather than the sources.
  public var assumed: Bool
  /// The amount's stated bounds, used by `draw` and by the sensitivity table.
  @Nullable public var low: Double?
  @Nullable public var high: Double?
  /// The words of the source (`總值高達380億美元`).
  @Nullable public var asWritten: String?
  public var termYears: Double
  /// True when the ledger gives no term and the scenario's default was used.
  public var termDefaulted: Bool
  /// When payments start, as a fractional year (2025.875 is mid-November 2025), and why.
  public var start: Double
  public var startRule: String
  /// Purchases can be renegotiated (cut) under the scenario's renegotiable share; investments cannot.
  public var renegotiable: Bool
  /// Amount per simulated year at full size (before the probability).
  public var byYear: [YearAmount]
  /// Parts of the amount that fall before the simulation starts (treated as settled) or after it ends.
  public var beforeProjection: Double
  public var afterProjection: Double
}

/// An amount in one calendar year.
public struct YearAmount: Codable, Sendable, Equatable {
  public var year: Int
  public var amount: Double
  public init(year: Int, amount: Double) {
    self.year = year
    self.amount = amount
  }
}

/// A deal of the company the projection does not schedule, and why.
public struct UnscheduledFlow: Codable, Sendable, Equatable {
  public enum Reason: String, Codable, Sendable {
    /// The sources state no amount and the scenario assumes none: left out, never counted as 0.
    case amountUnknown = "amount_unknown"
    /// A closed investment without a term: already received (it is in the capital raised).
    case alreadyReceived = "already_received"
    case superseded
    case cancelled
    /// Both sides belong to the company's group.
    case internalToGroup = "internal"
    /// The scenario gives it probability 0.
    case probabilityZero = "probability_zero"
  }

  public var deal: DealID
  public var direction: FlowDirection
  public var counterparty: CompanyID
  public var kind: DealKind
  public var status: DealStatus
  public var reason: Reason
  /// One line for people.
  public var explanation: String
}

/// An aggregate `commitments` fact (a total without counterparties, such as "> $1.4T of compute
/// contracts") scheduled as one block, net of the deals it already contains.
public struct CommitmentBlock: Codable, Sendable, Equatable {
  public var fact: String
  @Nullable public var label: String?
  @Nullable public var asWritten: String?
  /// The fact's value at the scenario's amount basis.
  public var total: Double
  /// The company's scheduled purchase deals dated on or before the fact (or undated): the fact
  /// already contains them, so they are subtracted.
  public var contains: [YearlessAmount]
  /// `max(0, total − Σ contains)`: the part of the fact no deal of the ledger accounts for.
  public var amount: Double
  /// Whether the subtraction went below zero and was floored.
  public var floored: Bool
  public var start: Double
  public var startRule: String
  /// The horizon distribution, and the schedule at its median horizon (the simulation draws the
  /// horizon on every path).
  public var horizonYears: String
  public var medianHorizonYears: Double
  public var byYearAtMedianHorizon: [YearAmount]
  /// Other aggregate commitment facts of the company, not used so as not to count the same
  /// contracts twice.
  public var notUsed: [String]
  @Nullable public var source: Source?
}

/// A deal and an amount.
public struct YearlessAmount: Codable, Sendable, Equatable {
  public var deal: DealID
  public var amount: Double
}

/// The schedule's totals for one year.
public struct ScheduleYearTotal: Codable, Sendable, Equatable {
  public var year: Int
  /// Outflows that are certain (announced, closed, implied), at the amount basis.
  public var committed: Double
  /// Uncertain outflows (talks, planned) times their probability.
  public var expectedUncertain: Double
  /// The aggregate block at its median horizon.
  public var block: Double
  /// Inflows times their probability.
  public var expectedInflows: Double
}

/// What the ledger says the company will pay and receive, spread over the years.
public struct FundingSchedule: Codable, Sendable, Equatable {
  public var outflows: [ScheduledFlow]
  public var inflows: [ScheduledFlow]
  @Nullable public var block: CommitmentBlock?
  public var unscheduled: [UnscheduledFlow]
  /// Per simulated year: what the schedule adds up to before any Monte Carlo draw.
  public var totals: [ScheduleYearTotal]
}

/// Turning dates, terms and shapes into yearly amounts.
package enum ScheduleMath {
  /// A date as a fractional year: the middle of the period it names.
  ///
  /// `2025` → 2025.5, `2025-11` → 2025 + 10.5/12, `2025-11-04` → 2025 + (day of year − 1)/days in
  /// year.
  public static func fractionalYear(_ date: PartialDate) -> Double {
    let year = Double(date.year)
    guard let month = date.month else { return year + 0.5 }
    guard let day = date.day else { return year + (Double(month) - 0.5) / 12 }
    var dayOfYear = day
    for m in 1..<month { dayOfYear += PartialDate.daysIn(month: m, year: date.year) }
    let days = PartialDate.daysIn(month: 2, year: date.year) == 29 ? 366.0 : 365.0
    return year + Double(dayOfYear - 1) / days
  }

  /// The shares of a total paid in each year of `years`, plus the shares before the first and
  /// after the last; they sum to 1 (up to rounding).
  public static func shares(
    start: Double, termYears: Double, shape: ScheduleShape, years: ClosedRange<Int>
  ) -> (byYear: [Double], before: Double, after: Double) {
    func f(_ time: Double) -> Double { shape.cumulative((time - start) / termYears) }
    let byYear = years.map { f(Double($0) + 1) - f(Double($0)) }
    return (byYear, f(Double(years.lowerBound)), 1 - f(Double(years.upperBound) + 1))
  }

  /// `total` spread over `years`: amounts per year, before and after.
  public static func spread(
    total: Double, start: Double, termYears: Double, shape: ScheduleShape, years: ClosedRange<Int>
  ) -> (byYear: [YearAmount], before: Double, after: Double) {
    let s = shares(start: start, termYears: termYears, shape: shape, years: years)
    return (
      zip(years, s.byYear).map { YearAmount(year: $0, amount: total * $1) }, total * s.before,
      total * s.after
    )
  }
}

/// An amount resolved to one number for the projection.
struct ResolvedAmount {
  var value: Double
  var basis: String
  var assumed: Bool
  /// Finite stated bounds with low < high, for `draw` and the sensitivity table.
  var low: Double?
  var high: Double?
}

extension ResolvedAmount {
  /// The number the basis picks from an interval; nil when nothing is known.
  static func resolve(_ interval: Interval, basis: AmountBasis, override: Double?)
    -> ResolvedAmount?
  {
    if let override {
      return ResolvedAmount(value: override, basis: "assumed (scenario)", assumed: true)
    }
    if interval.isUnknown { return nil }
    let low = interval.low
    let high = interval.high
    let midpoint = low.flatMap { l in high.map { (l + $0) / 2 } }
    var swingLow: Double? = nil
    var swingHigh: Double? = nil
    if let low, let high, high > low {
      swingLow = low
      swingHigh = high
    }
    let point: (Double, String)?
    switch basis {
    case .estimate, .draw:
      if let e = interval.estimate {
        point = (e, basis == .draw && swingLow != nil ? "draw" : "estimate")
      } else if let midpoint {
        point = (midpoint, basis == .draw && swingLow != nil ? "draw" : "midpoint")
      } else if let low {
        point = (low, "low (no estimate)")
      } else {
        point = high.map { ($0, "high (no estimate)") }
      }
    case .low:
      if let low {
        point = (low, "low")
      } else {
        point = interval.estimate.map { ($0, "estimate (no lower bound)") }
      }
    case .high:
      if let high {
        point = (high, "high")
      } else if let e = interval.estimate {
        point = (e, "estimate (no upper bound)")
      } else {
        point = low.map { ($0, "low (no upper bound, no estimate)") }
      }
    }
    guard let point else { return nil }
    var label = point.1
    if interval.isAssumed { label = "assumed (ledger), " + label }
    if interval.isDerived, !interval.isAssumed { label = "derived, " + label }
    return ResolvedAmount(
      value: point.0, basis: label, assumed: interval.isAssumed, low: swingLow, high: swingHigh)
  }
}

extension FundingSchedule {
  /// The company's deals and aggregate commitments, spread over `years` under `scenario`.
  ///
  /// Rules (documented in `docs/projection.md`):
  /// - deals are taken at group level: a deal of AWS counts for Amazon;
  /// - outflows are deals the group pays (purchases are commitments and renegotiable; investments
  ///   in others are not); inflows are deals it receives;
  /// - announced, closed and implied outflows are commitments (probability 1); talks and planned
  ///   ones go ahead with the scenario's probability; cancelled and superseded deals are left out;
  /// - a closed inflow without a term has been received (it is in the capital raised); with a
  ///   term it is a staged tranche and is scheduled;
  /// - an amount the sources do not state is left out and listed, never counted as zero, unless
  ///   the scenario assumes one (labelled);
  /// - payments start at the announcement (the middle of the period the date names); a deal not
  ///   yet agreed (talks, planned) starts no earlier than the ledger's as-of date; an undated deal
  ///   starts at the as-of date; a deal without a term takes the scenario's default and says so.
  static func build(
    ledger: Ledger, group: CompanyID, scenario: ProjectionScenario, years: ClosedRange<Int>
  ) -> FundingSchedule {
    let asOf = ledger.asOf.map(ScheduleMath.fractionalYear) ?? Double(years.lowerBound)
    var outflows: [ScheduledFlow] = []
    var inflows: [ScheduledFlow] = []
    var unscheduled: [UnscheduledFlow] = []

    for deal in ledger.deals {
      let payer = ledger.group(of: deal.payer)
      let payee = ledger.group(of: deal.payee)
      guard payer == group || payee == group else { continue }
      let direction: FlowDirection = payer == group ? .outflow : .inflow
      let counterparty = direction == .outflow ? deal.payee : deal.payer
      func skip(_ reason: UnscheduledFlow.Reason, _ text: String) {
        unscheduled.append(
          UnscheduledFlow(
            deal: deal.id, direction: direction, counterparty: counterparty, kind: deal.kind,
            status: deal.status, reason: reason, explanation: text))
      }
      if payer == payee {
        skip(.internalToGroup, "both sides belong to \(ledger.name(of: group))")
        continue
      }
      switch deal.status {
      case .superseded:
        skip(.superseded, "replaced by \(deal.supersededBy?.rawValue ?? "another deal"), which is scheduled instead")
        continue
      case .cancelled:
        skip(.cancelled, "called off")
        continue
      default: break
      }
      let override = scenario.deals[deal.id]
      if direction == .inflow, deal.status == .closed, deal.termYears == nil, override?.termYears == nil {
        skip(.alreadyReceived, "closed without a term: already received, part of the capital raised")
        continue
      }
      let probability = scenario.probability(of: deal)
      if probability <= 0 {
        skip(.probabilityZero, "the scenario gives it probability 0")
        continue
      }
      guard
        let interval = ledger.usdInterval(of: deal.amount),
        let amount = ResolvedAmount.resolve(interval, basis: scenario.amounts, override: override?.amount)
      else {
        skip(
          .amountUnknown,
          "amount not stated (\(deal.amount.asWritten ?? "no figure")): left out, not counted as zero; give one with deals.\(deal.id).amount in a scenario"
        )
        continue
      }
      var term = override?.termYears ?? deal.termYears
      let defaulted = term == nil
      if term == nil {
        term =
          (direction == .outflow ? scenario.defaultTermYears : scenario.defaultInflowTermYears)
          .distribution.median
      }
      let termYears = term ?? 5
      var start: Double
      var rule: String
      if let announced = deal.announced {
        start = ScheduleMath.fractionalYear(announced)
        rule = "announced \(announced)"
        if deal.status == .talks || deal.status == .planned, start < asOf {
          start = asOf
          rule += "; not yet agreed, so from the ledger's as-of date \(ledger.asOf?.description ?? "")"
        }
      } else {
        start = asOf
        rule = "undated: from the ledger's as-of date \(ledger.asOf?.description ?? "")"
      }
      let spread = ScheduleMath.spread(
        total: amount.value, start: start, termYears: termYears, shape: scenario.schedule,
        years: years)
      let flow = ScheduledFlow(
        deal: deal.id, direction: direction, counterparty: counterparty, kind: deal.kind,
        status: deal.status, probability: min(1, probability), package: nil, amount: amount.value,
        amountBasis: amount.basis, assumed: amount.assumed, low: amount.low, high: amount.high,
        asWritten: override?.amount == nil ? deal.amount.asWritten : nil, termYears: termYears,
        termDefaulted: defaulted, start: start, startRule: rule,
        renegotiable: direction == .outflow && deal.kind.flowClass != .investment,
        byYear: spread.byYear, beforeProjection: spread.before, afterProjection: spread.after)
      if direction == .outflow { outflows.append(flow) } else { inflows.append(flow) }
    }

    // Packages: uncertain deals with the same counterparty group, status and date go together.
    func key(_ flow: ScheduledFlow) -> String? {
      guard flow.probability < 1, flow.status == .talks || flow.status == .planned else { return nil }
      let date = ledger.deal(flow.deal)?.announced?.description ?? "undated"
      return "\(ledger.group(of: flow.counterparty))/\(flow.status.rawValue)/\(date)"
    }
    for index in outflows.indices { outflows[index].package = key(outflows[index]) }
    for index in inflows.indices { inflows[index].package = key(inflows[index]) }

    let block =
      scenario.includeCommitmentBlock
      ? commitmentBlock(
        ledger: ledger, group: group, scenario: scenario, outflows: outflows, years: years,
        asOf: asOf) : nil
    let totals = years.enumerated().map { index, year in
      ScheduleYearTotal(
        year: year,
        committed: outflows.filter { $0.probability >= 1 }.reduce(0) { $0 + $1.byYear[index].amount },
        expectedUncertain: outflows.filter { $0.probability < 1 }.reduce(0) {
          $0 + $1.probability * $1.byYear[index].amount
        },
        block: block?.byYearAtMedianHorizon[index].amount ?? 0,
        expectedInflows: inflows.reduce(0) { $0 + $1.probability * $1.byYear[index].amount })
    }
    return FundingSchedule(
      outflows: outflows, inflows: inflows, block: block, unscheduled: unscheduled, totals: totals)
  }

  private static func commitmentBlock(
    ledger: Ledger, group: CompanyID, scenario: ProjectionScenario, outflows: [ScheduledFlow],
    years: ClosedRange<Int>, asOf: Double
  ) -> CommitmentBlock? {
    let candidates = ledger.facts.filter {
      $0.metric == .commitments && $0.company.map { ledger.group(of: $0) } == group
        && $0.value.currency != nil
    }
    let fact: Fact?
    if let chosen = scenario.commitmentFact {
      fact = ledger.facts.first { $0.id == chosen }
    } else {
      // The latest fact; ties by id, so the choice never depends on file order.
      fact = candidates.max { a, b in
        let da = a.asOf.map(ScheduleMath.fractionalYear) ?? -.infinity
        let db = b.asOf.map(ScheduleMath.fractionalYear) ?? -.infinity
        return da != db ? da < db : a.id > b.id
      }
    }
    guard let fact, let interval = ledger.usdInterval(of: fact.value),
      let total = ResolvedAmount.resolve(
        interval, basis: scenario.amounts == .draw ? .estimate : scenario.amounts, override: nil)
    else { return nil }
    let contained = outflows.filter { flow in
      guard flow.renegotiable, let deal = ledger.deal(flow.deal) else { return false }
      guard let dated = deal.announced, let factDate = fact.asOf else { return true }
      return dated.earliest <= factDate.latest
    }
    let subtracted = contained.reduce(0) { $0 + $1.amount }
    let amount = max(0, total.value - subtracted)
    let start = fact.asOf.map(ScheduleMath.fractionalYear) ?? asOf
    let horizon = scenario.blockHorizonYears.distribution
    let spread = ScheduleMath.spread(
      total: amount, start: start, termYears: horizon.median, shape: scenario.schedule,
      years: years)
    return CommitmentBlock(
      fact: fact.id, label: fact.label, asWritten: fact.value.asWritten, total: total.value,
      contains: contained.map { YearlessAmount(deal: $0.deal, amount: $0.amount) },
      amount: amount, floored: total.value - subtracted < 0, start: start,
      startRule: fact.asOf.map { "the fact's date \($0)" } ?? "undated: from the ledger's as-of date",
      horizonYears: horizon.description, medianHorizonYears: horizon.median,
      byYearAtMedianHorizon: spread.byYear,
      notUsed: candidates.map(\.id).filter { $0 != fact.id }.sorted(),
      source: fact.sources.first)
  }
}
