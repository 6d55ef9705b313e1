import Foundation

/// How to run a projection.
public struct ProjectionOptions: Sendable, Equatable {
  /// The first and last reported year.
  public var from: Int
  public var to: Int
  /// Monte Carlo paths.
  public var paths: Int
  public var seed: UInt64
  /// Worker threads; nil uses every active processor.
  ///
  /// The output never depends on it.
  public var threads: Int?
  /// Up to this many paths, quantiles are exact (sorted buffers); above, streaming sketches.
  public var exactQuantileLimit: Int
  /// Paths per run of the sensitivity table (at most ``paths``).
  public var sensitivityPaths: Int
  /// Whether to compute the sensitivity table.
  public var sensitivity: Bool

  public init(
    from: Int = 2026, to: Int = 2035, paths: Int = 100_000, seed: UInt64 = 1,
    threads: Int? = nil, exactQuantileLimit: Int = 100_000, sensitivityPaths: Int = 20_000,
    sensitivity: Bool = true
  ) {
    self.from = from
    self.to = to
    self.paths = paths
    self.seed = seed
    self.threads = threads
    self.exactQuantileLimit = exactQuantileLimit
    self.sensitivityPaths = sensitivityPaths
    self.sensitivity = sensitivity
  }

  /// How many years a projection reports unless told otherwise.
  public static let defaultYears = 10

  /// The reported years: from `from`, else the year after the ledger's as-of date (2026 for a
  /// ledger without one), to `to`, else ``defaultYears`` years in all.
  public static func window(for ledger: Ledger, from: Int? = nil, to: Int? = nil) -> ClosedRange<Int> {
    let first = from ?? ((ledger.asOf?.year).map { $0 + 1 } ?? 2026)
    return first...(to ?? first + defaultYears - 1)
  }
}

/// The 5th, 50th and 95th percentiles of a yearly figure, in US dollars.
public struct Percentiles: Codable, Sendable, Equatable {
  public var p5: Double
  public var p50: Double
  public var p95: Double
}

/// One reported year of a projection.
public struct ProjectionYear: Codable, Sendable, Equatable {
  public var year: Int
  /// Cash at the end of the year; negative is money the company does not have.
  public var cash: Percentiles
  /// Funding still needed: the deepest cash deficit so far, max(0, −min(C₀…C_t)) — what must be
  /// raised beyond the modelled sources to stay solvent through this year.
  public var fundingNeeded: Percentiles
  /// Revenue in the year.
  public var revenue: Percentiles
  /// P(cash at the end of the year < 0).
  public var shortfallProbability: Double
  /// P(cash fell below 0 in this year or any earlier simulated year).
  public var cumulativeShortfallProbability: Double
}

/// One band of the fan chart: percentiles of cash at the end of a year.
public struct ProjectionFanBand: Codable, Sendable, Equatable {
  public var year: Int
  public var p5: Double
  public var p25: Double
  public var p50: Double
  public var p75: Double
  public var p95: Double
}

/// The fan chart as data, for a renderer to draw: per year, the 5/25/50/75/95th percentiles of
/// `metric` in `unit`.
///
/// The outer band is p5–p95, the inner p25–p75, the line p50.
public struct ProjectionFanChart: Codable, Sendable, Equatable {
  /// Always `cash`: cash at the end of each year.
  public var metric: String
  /// Always `USD`.
  public var unit: String
  public var bands: [ProjectionFanBand]
}

/// How the quantiles were estimated and how far they can be off.
public struct QuantileMethod: Codable, Sendable, Equatable {
  /// `exact` (sorted values) or `histogram` (``QuantileSketch``).
  public var method: String
  /// |estimate − exact| ≤ max(relativeError·|exact|, absoluteError); both 0 when exact.
  public var relativeError: Double
  public var absoluteError: Double
  /// The quantile definition: the order statistic x₍ₖ₎ with k = ⌈q·n⌉.
  public var definition: String
}

/// A distribution as the outputs show it.
public struct DistributionSummary: Codable, Sendable, Equatable {
  /// fixed, uniform, triangular, normal, lognormal.
  public var type: String
  public var parameters: [String: Double]
  public var p10: Double
  public var median: Double
  public var p90: Double
  public var text: String

  public init(_ distribution: Distribution) {
    switch distribution.kind {
    case .fixed(let value):
      type = "fixed"
      parameters = ["value": value]
    case .uniform(let min, let max):
      type = "uniform"
      parameters = ["min": min, "max": max]
    case .triangular(let min, let mode, let max):
      type = "triangular"
      parameters = ["min": min, "mode": mode, "max": max]
    case .normal(let mean, let sd, let min, let max):
      type = "normal"
      parameters = ["mean": mean, "sd": sd]
      if let min { parameters["min"] = min }
      if let max { parameters["max"] = max }
    case .lognormal(let median, let sigma, let min, let max):
      type = "lognormal"
      parameters = ["median": median, "sigma": sigma]
      if let min { parameters["min"] = min }
      if let max { parameters["max"] = max }
    }
    p10 = distribution.quantile(0.1)
    median = distribution.median
    p90 = distribution.quantile(0.9)
    text = distribution.description
  }
}

/// One assumption as every output prints it.
public struct AssumptionLine: Codable, Sendable, Equatable {
  /// The scenario key (`operatingMargin`, `revenue.growth[0]`) or a rule's name.
  public var key: String
  public var label: String
  /// What it is, in one line.
  public var value: String
  @Nullable public var distribution: DistributionSummary?
  @Nullable public var reason: String?
  @Nullable public var source: Source?
  /// `default` (built-in), `scenario` (the scenario file), `ledger` (a fact or deal) or `rule`.
  public var origin: String
}

/// One row of the tornado table.
public struct SensitivityRow: Codable, Sendable, Equatable {
  public var key: String
  public var label: String
  /// The assumption's low and high settings, as numbers and words.
  public var low: Double
  public var high: Double
  public var lowLabel: String
  public var highLabel: String
  /// The p50 of funding still needed in the last year, with the assumption at its low / high.
  public var gapAtLow: Double
  public var gapAtHigh: Double
  /// |gapAtHigh − gapAtLow|: the rows are sorted by it, largest first.
  public var swing: Double
}

/// Which assumption moves the p50 funding gap most (tornado).
public struct Sensitivity: Codable, Sendable, Equatable {
  /// What the rows measure.
  public var metric: String
  public var year: Int
  public var paths: Int
  /// The p50 gap with no assumption pinned, on the same paths.
  public var base: Double
  public var rows: [SensitivityRow]
  /// Assumptions without a spread (fixed), hence without a row.
  public var fixed: [String]
  public var method: String
}

/// A Monte Carlo projection of whether a company can pay for what it has committed to buy.
///
/// Built from a ``Ledger`` (the company's deals and facts), a ``ProjectionScenario`` (every other
/// assumption, as distributions) and ``ProjectionOptions``. Deterministic for a seed, whatever the
/// number of threads. See ``ProjectionModel`` for the cash equations and `docs/projection.md`.
public struct FundingProjection: Codable, Sendable, Equatable {
  public struct LedgerInfo: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    @Nullable public var asOf: PartialDate?
  }

  public var company: CompanyID
  public var companyName: String
  public var ledger: LedgerInfo
  public var from: Int
  public var to: Int
  /// The first simulated year (the year after the ledger's as-of date); years before `from` are
  /// simulated but not reported.
  public var simulationStart: Int
  public var paths: Int
  public var seed: UInt64
  public var quantiles: QuantileMethod
  public var years: [ProjectionYear]
  /// The first reported year whose shortfall probability exceeds 50 %; nil if none.
  @Nullable public var firstShortfallYear: Int?
  public var fanChart: ProjectionFanChart
  public var schedule: FundingSchedule
  public var assumptions: [AssumptionLine]
  @Nullable public var sensitivity: Sensitivity?
  public var notes: [Phrase]

  /// Runs the projection.
  ///
  /// - Throws: ``LedgerError/unknownCompany(_:)``; ``LedgerError/invalid(file:issues:)`` when the scenario names deals
  ///   or facts the ledger lacks; ``ProjectionError`` for impossible options.
  public init(
    ledger: Ledger, company: CompanyID, scenario: ProjectionScenario,
    options: ProjectionOptions = ProjectionOptions(), scenarioOrigin: String = "default"
  ) throws {
    guard ledger.company(company) != nil else { throw LedgerError.unknownCompany(company.rawValue) }
    try scenario.crossCheck(ledger: ledger, file: "scenario")
    let group = ledger.group(of: company)
    let simulationStart = (ledger.asOf?.year).map { $0 + 1 } ?? options.from
    guard options.from >= simulationStart else {
      throw ProjectionError.fromBeforeLedger(from: options.from, asOf: ledger.asOf?.description ?? "")
    }
    guard options.to >= options.from else {
      throw ProjectionError.badWindow(from: options.from, to: options.to)
    }
    guard options.paths >= 1 else { throw ProjectionError.badPaths(options.paths) }
    let years = simulationStart...options.to
    let schedule = FundingSchedule.build(ledger: ledger, group: group, scenario: scenario, years: years)
    var notes: [Phrase] = []
    let compiled = Self.compile(
      ledger: ledger, group: group, scenario: scenario, schedule: schedule, years: years,
      from: options.from, notes: &notes)
    let model = compiled.model
    let threads = max(1, options.threads ?? Parallel.defaultThreads)

    self.company = group
    self.companyName = ledger.name(of: group)
    self.ledger = LedgerInfo(id: ledger.id, title: ledger.title, asOf: ledger.asOf)
    self.from = options.from
    self.to = options.to
    self.simulationStart = simulationStart
    self.paths = options.paths
    self.seed = options.seed
    self.schedule = schedule

    let stats = Self.simulate(
      model: model, paths: options.paths, seed: options.seed, threads: threads,
      exact: options.paths <= options.exactQuantileLimit)
    quantiles =
      stats.exact
      ? QuantileMethod(
        method: "exact", relativeError: 0, absoluteError: 0,
        definition: "order statistic x(k), k = ceil(q·n)")
      : QuantileMethod(
        method: "histogram", relativeError: QuantileSketch.relativeError,
        absoluteError: QuantileSketch.absoluteError,
        definition: "order statistic x(k), k = ceil(q·n), estimated by a log-linear histogram")
    var rows: [ProjectionYear] = []
    var bands: [ProjectionFanBand] = []
    for (index, year) in (options.from...options.to).enumerated() {
      let c = stats.cash[index]
      let d = stats.needed[index]
      let v = stats.revenue[index]
      rows.append(
        ProjectionYear(
          year: year, cash: Percentiles(p5: c[0], p50: c[2], p95: c[4]),
          fundingNeeded: Percentiles(p5: d[0], p50: d[1], p95: d[2]),
          revenue: Percentiles(p5: v[0], p50: v[1], p95: v[2]),
          shortfallProbability: Double(stats.short[index]) / Double(options.paths),
          cumulativeShortfallProbability: Double(stats.everShort[index]) / Double(options.paths)))
      bands.append(ProjectionFanBand(year: year, p5: c[0], p25: c[1], p50: c[2], p75: c[3], p95: c[4]))
    }
    self.years = rows
    firstShortfallYear = rows.first { $0.shortfallProbability > 0.5 }?.year
    fanChart = ProjectionFanChart(metric: "cash", unit: "USD", bands: bands)
    assumptions = Self.assumptionLines(
      ledger: ledger, scenario: scenario, schedule: schedule, compiled: compiled,
      origin: scenarioOrigin)
    sensitivity =
      options.sensitivity
      ? Self.sensitivity(
        model: model, slots: compiled.slots, paths: min(options.paths, options.sensitivityPaths),
        seed: options.seed, threads: threads, year: options.to) : nil
    self.notes = notes
  }
}

/// Impossible projection options.
public enum ProjectionError: Error, Equatable, Sendable, CustomStringConvertible {
  case fromBeforeLedger(from: Int, asOf: String)
  case badWindow(from: Int, to: Int)
  case badPaths(Int)

  public var description: String {
    switch self {
    case .fromBeforeLedger(let from, let asOf):
      "'--from \(from)' is not after the ledger's as-of date (\(asOf)); a projection starts the year after it."
    case .badWindow(let from, let to): "'--to \(to)' is before '--from \(from)'."
    case .badPaths(let paths): "'--paths' must be at least 1; got \(paths)."
    }
  }
}

// MARK: - Compiling the model

/// A slot of the model that the sensitivity table can pin.
struct SlotInfo {
  enum Kind {
    /// A distribution: pinned at its 10th and 90th percentiles.
    case continuous(Distribution, scale: Double)
    /// A package of uncertain deals: pinned at "falls through" (u = 1) and "goes ahead" (u = 0).
    case event
    /// An interval amount: pinned at its low and high bound.
    case amount(low: Double, high: Double)
  }
  var slot: Int
  var key: String
  var label: String
  var kind: Kind
}

struct CompiledProjection {
  var model: ProjectionModel
  var slots: [SlotInfo]
  var revenueBaseText: String
  var revenueFact: Fact?
  var capitalFact: Fact?
  var packages: [String]
}

extension FundingProjection {
  static func latestFact(_ ledger: Ledger, group: CompanyID, metric: FactMetric) -> Fact? {
    ledger.facts.filter {
      $0.metric == metric && $0.company.map { ledger.group(of: $0) } == group
        && $0.value.currency != nil && ledger.usdInterval(of: $0.value).map { !$0.isUnknown } == true
    }.max { a, b in
      let da = a.asOf.map(ScheduleMath.fractionalYear) ?? -.infinity
      let db = b.asOf.map(ScheduleMath.fractionalYear) ?? -.infinity
      return da != db ? da < db : a.id > b.id
    }
  }

  static func compile(
    ledger: Ledger, group: CompanyID, scenario: ProjectionScenario, schedule: FundingSchedule,
    years: ClosedRange<Int>, from: Int, notes: inout [Phrase]
  ) -> CompiledProjection {
    let n = years.count
    let name = ledger.name(of: group)
    var slots: [SlotInfo] = []

    // Opening cash.
    let capitalFact = latestFact(ledger, group: group, metric: .capitalRaised)
    var openingScale = 1.0
    if scenario.openingCashBasis == .shareOfCapitalRaised {
      if let capitalFact, let interval = ledger.usdInterval(of: capitalFact.value),
        let resolved = ResolvedAmount.resolve(interval, basis: .estimate, override: nil)
      {
        openingScale = resolved.value
      } else {
        openingScale = 0
        notes.append(
          Phrase(
            "{company} has no capital-raised fact in the ledger: opening cash is 0. Give openingCash.amount in a scenario.",
            ["company": .text(name)]))
      }
    }
    slots.append(
      SlotInfo(
        slot: ProjectionModel.Slot.openingCash, key: "openingCash", label: "Opening cash",
        kind: .continuous(scenario.openingCash.distribution, scale: openingScale)))

    // Revenue base.
    let revenueFact = latestFact(ledger, group: group, metric: .revenue)
    var revenueBase = Distribution.fixed(0)
    var baseYear = years.lowerBound - 1
    var revenueBaseText = "0 (no revenue fact)"
    if let base = scenario.revenueBase {
      revenueBase = base.distribution
      baseYear = ledger.asOf?.year ?? baseYear
      revenueBaseText = base.distribution.description
      slots.append(
        SlotInfo(
          slot: ProjectionModel.Slot.revenueBase, key: "revenue.base", label: "Base-year revenue",
          kind: .continuous(base.distribution, scale: 1)))
    } else if let revenueFact, let interval = ledger.usdInterval(of: revenueFact.value),
      let resolved = ResolvedAmount.resolve(interval, basis: .estimate, override: nil)
    {
      revenueBase = .fixed(resolved.value)
      baseYear = revenueFact.asOf?.year ?? baseYear
      revenueBaseText = MoneyText.plain(resolved.value, currency: "USD") + " in \(baseYear) (\(revenueFact.id))"
    } else {
      notes.append(
        Phrase(
          "{company} has no revenue fact in the ledger: revenue starts at 0. Give revenue.base in a scenario.",
          ["company": .text(name)]))
    }
    let preYearPeriods =
      baseYear + 1 < years.lowerBound
      ? (baseYear + 1..<years.lowerBound).map { scenario.growthPeriodIndex(for: $0) } : []
    let yearPeriod = years.map { scenario.growthPeriodIndex(for: $0) }

    // Path-level assumptions.
    slots.append(
      SlotInfo(
        slot: ProjectionModel.Slot.margin, key: "operatingMargin", label: "Operating margin",
        kind: .continuous(scenario.operatingMargin.distribution, scale: 1)))
    slots.append(
      SlotInfo(
        slot: ProjectionModel.Slot.roundProbability, key: "fundingRounds.probability",
        label: "Funding round probability per year",
        kind: .continuous(scenario.roundProbability.distribution, scale: 1)))
    slots.append(
      SlotInfo(
        slot: ProjectionModel.Slot.renegotiable, key: "renegotiableShare",
        label: "Renegotiable share of commitments",
        kind: .continuous(scenario.renegotiableShare.distribution, scale: 1)))
    if let block = schedule.block, block.amount > 0 {
      slots.append(
        SlotInfo(
          slot: ProjectionModel.Slot.horizon, key: "commitmentBlock.horizonYears",
          label: "Years to pay the aggregate commitments",
          kind: .continuous(scenario.blockHorizonYears.distribution, scale: 1)))
    }
    slots.append(
      SlotInfo(
        slot: ProjectionModel.Slot.roundSize, key: "fundingRounds.size", label: "Funding round size",
        kind: .continuous(scenario.roundSize.distribution, scale: 1)))
    let usedPeriods = Set(yearPeriod + preYearPeriods)
    for (index, period) in scenario.revenueGrowth.enumerated() where usedPeriods.contains(index) {
      let span = period.to.map { "\(period.from)–\($0)" } ?? "\(period.from)–"
      slots.append(
        SlotInfo(
          slot: ProjectionModel.Slot.firstGrowth + index, key: "revenue.growth[\(index)]",
          label: "Revenue growth \(span)", kind: .continuous(period.growth.distribution, scale: 1)))
    }

    // Deals.
    var fixedIn = Array(repeating: 0.0, count: n)
    var fixedCommit = fixedIn
    var fixedOther = fixedIn
    var itemShares: [Double] = []
    var itemKind: [Int] = []
    var itemProbability: [Double] = []
    var itemPackage: [Int] = []
    var itemAmount: [Double] = []
    var itemLow: [Double] = []
    var itemSpan: [Double] = []
    var itemAmountSlot: [Int] = []
    var itemDraws: [Bool] = []
    var packages: [String] = []
    var packageIndex: [String: Int] = [:]
    var amountSlots = 0
    let firstPackageSlot = ProjectionModel.Slot.firstGrowth + scenario.revenueGrowth.count
    var amountSlotLabels: [(Int, ScheduledFlow)] = []
    for flow in schedule.outflows + schedule.inflows {
      let kind = flow.direction == .inflow ? 0 : flow.renegotiable ? 1 : 2
      let shares = flow.byYear.map { flow.amount == 0 ? 0 : $0.amount / flow.amount }
      let swing = flow.low.flatMap { l in flow.high.map { (l, $0) } }
      if flow.probability >= 1, swing == nil {
        for t in 0..<n {
          let v = flow.byYear[t].amount
          switch kind {
          case 0: fixedIn[t] += v
          case 1: fixedCommit[t] += v
          default: fixedOther[t] += v
          }
        }
        continue
      }
      itemShares += shares
      itemKind.append(kind)
      itemProbability.append(flow.probability)
      itemAmount.append(flow.amount)
      if let package = flow.package, flow.probability < 1 {
        if let index = packageIndex[package] {
          itemPackage.append(index)
        } else {
          packageIndex[package] = packages.count
          itemPackage.append(packages.count)
          packages.append(package)
        }
      } else {
        itemPackage.append(-1)
      }
      if let (low, high) = swing {
        itemLow.append(low)
        itemSpan.append(high - low)
        itemAmountSlot.append(amountSlots)
        amountSlotLabels.append((amountSlots, flow))
        amountSlots += 1
        itemDraws.append(flow.amountBasis.hasSuffix("draw"))
      } else {
        itemLow.append(flow.amount)
        itemSpan.append(0)
        itemAmountSlot.append(-1)
        itemDraws.append(false)
      }
    }
    for (index, package) in packages.enumerated() {
      let members = (schedule.outflows + schedule.inflows).filter { $0.package == package }
      let ids = members.map(\.deal.rawValue).joined(separator: ", ")
      let p = members.map(\.probability).max() ?? 0
      slots.append(
        SlotInfo(
          slot: firstPackageSlot + index, key: "package:\(package)",
          label: "Goes ahead (p = \(MoneyText.compact((p * 100).rounded()))%): \(ids)", kind: .event))
    }
    let firstAmountSlot = firstPackageSlot + packages.count
    for (slot, flow) in amountSlotLabels {
      slots.append(
        SlotInfo(
          slot: firstAmountSlot + slot, key: "amount:\(flow.deal)",
          label: "Amount of \(flow.deal) (\(flow.asWritten ?? "interval"))",
          kind: .amount(low: flow.low ?? 0, high: flow.high ?? 0)))
    }

    // The aggregate block.
    var blockAmount = 0.0
    var blockStart = 0.0
    var blockFixedShares: [Double]? = nil
    if let block = schedule.block {
      blockAmount = block.amount
      blockStart = block.start
      if scenario.blockHorizonYears.distribution.isFixed || block.amount == 0 {
        blockFixedShares =
          ScheduleMath.shares(
            start: block.start, termYears: scenario.blockHorizonYears.distribution.median,
            shape: scenario.schedule, years: years
          ).byYear
      }
    }

    // Notes on what the schedule leaves out or assumes.
    let unknown = schedule.unscheduled.filter { $0.reason == .amountUnknown }
    if !unknown.isEmpty {
      let values: [String: Phrase.Value] = [
        "count": .number(Double(unknown.count)), "company": .text(name),
        "deals": .text(unknown.map(\.deal.rawValue).joined(separator: ", ")),
      ]
      notes.append(
        schedule.block == nil
          ? Phrase(
            "{count} deal(s) of {company} have no stated amount and are left out (not counted as zero): {deals}.",
            values)
          : Phrase(
            "{count} deal(s) of {company} have no stated amount and are left out (not counted as zero): {deals}; those dated on or before the aggregate commitments fact are inside its block.",
            values))
    }
    let defaulted = (schedule.outflows + schedule.inflows).filter(\.termDefaulted)
    if !defaulted.isEmpty {
      notes.append(
        Phrase(
          "No term in the ledger, default term used: {deals}.",
          [
            "deals": .text(
              defaulted.map { "\($0.deal) (\(MoneyText.compact($0.termYears)) years)" }.joined(separator: ", "))
          ]))
    }
    let assumed = (schedule.outflows + schedule.inflows).filter(\.assumed)
    if !assumed.isEmpty {
      notes.append(
        Phrase(
          "Assumed amounts (not from the sources): {deals}.",
          [
            "deals": .text(
              assumed.map { "\($0.deal) = \(MoneyText.plain($0.amount, currency: "USD"))" }.joined(separator: ", "))
          ]))
    }
    if let block = schedule.block {
      let contained = block.contains.map { "\($0.deal) \(MoneyText.plain($0.amount, currency: "USD"))" }
      notes.append(
        Phrase(
          block.floored
            ? "Aggregate commitments {fact} ({written}) scheduled as a block of {amount} = {total} minus the deals it already contains{contained}, floored at 0, over a drawn horizon of {horizon} years from {start}."
            : "Aggregate commitments {fact} ({written}) scheduled as a block of {amount} = {total} minus the deals it already contains{contained}, over a drawn horizon of {horizon} years from {start}.",
          [
            "fact": .text(block.fact),
            "written": .text(block.asWritten ?? MoneyText.plain(block.total, currency: "USD")),
            "amount": .money(block.amount), "total": .money(block.total),
            "contained": .text(contained.isEmpty ? "" : " (" + contained.joined(separator: ", ") + ")"),
            "horizon": .text(block.horizonYears),
            "start": .text(block.startRule),
          ]))
      if !block.notUsed.isEmpty {
        notes.append(
          Phrase(
            "Other aggregate commitment facts not used, so the same contracts are not counted twice: {facts}.",
            ["facts": .text(block.notUsed.joined(separator: ", "))]))
      }
    }
    if years.lowerBound < from {
      notes.append(
        Phrase(
          "Years {first}–{last} are simulated (cash carries over) but not reported.",
          ["first": .text("\(years.lowerBound)"), "last": .text("\(from - 1)")]))
    }
    notes.append(
      Phrase(
        "Nominal US dollars; no interest, taxes or debt service. Inflows agreed in the ledger (investments, revenue deals) come on top of the revenue projection."
      ))

    let model = ProjectionModel(
      years: years, reportOffset: from - years.lowerBound, reportCount: years.upperBound - from + 1,
      openingCash: scenario.openingCash.distribution, openingScale: openingScale,
      revenueBase: revenueBase,
      growth: scenario.revenueGrowth.map(\.growth.distribution), yearPeriod: yearPeriod,
      preYearPeriods: preYearPeriods, perYearGrowth: scenario.growthDraw == .perYear,
      margin: scenario.operatingMargin.distribution,
      roundProbability: scenario.roundProbability.distribution,
      roundSize: scenario.roundSize.distribution,
      renegotiable: scenario.renegotiableShare.distribution,
      horizon: scenario.blockHorizonYears.distribution, fixedIn: fixedIn,
      fixedCommit: fixedCommit, fixedOther: fixedOther, itemShares: itemShares,
      itemKind: itemKind, itemProbability: itemProbability, itemPackage: itemPackage,
      itemAmount: itemAmount, itemLow: itemLow, itemSpan: itemSpan,
      itemAmountSlot: itemAmountSlot, itemDraws: itemDraws, packageCount: packages.count,
      amountSlotCount: amountSlots, blockAmount: blockAmount, blockStart: blockStart,
      blockShape: scenario.schedule, blockFixedShares: blockFixedShares)
    return CompiledProjection(
      model: model, slots: slots, revenueBaseText: revenueBaseText, revenueFact: revenueFact,
      capitalFact: capitalFact, packages: packages)
  }
}

// MARK: - Simulation and statistics

struct SimulationStats {
  var exact: Bool
  /// Per reported year: cash p5, p25, p50, p75, p95; needed p5, p50, p95; revenue p5, p50, p95.
  var cash: [[Double]]
  var needed: [[Double]]
  var revenue: [[Double]]
  var short: [Int]
  var everShort: [Int]
}

extension FundingProjection {
  static let cashQuantiles = [0.05, 0.25, 0.5, 0.75, 0.95]
  static let tailQuantiles = [0.05, 0.5, 0.95]

  static func simulate(
    model: ProjectionModel, paths: Int, seed: UInt64, threads: Int, exact: Bool,
    pins: [Double]? = nil
  ) -> SimulationStats {
    precondition(paths >= 1, "a projection has at least one path (FundingProjection.init checks --paths)")
    let pins = pins ?? model.noPins()
    let years = model.reportCount
    if exact {
      let buffers = ExactBuffers(paths: paths, years: years, onlyLastNeeded: false)
      _ = model.runAll(
        paths: paths, seed: seed, threads: threads, pins: pins,
        makeRecorder: { ExactRecorder(buffers: buffers) })
      var stats = SimulationStats(
        exact: true, cash: [], needed: [], revenue: [], short: [], everShort: [])
      for year in 0..<years {
        let cash = buffers.sorted(buffers.cash, year: year)
        let needed = buffers.sorted(buffers.needed, year: year)
        let revenue = buffers.sorted(buffers.revenue, year: year)
        stats.cash.append(exactQuantiles(sorted: cash, cashQuantiles))
        stats.needed.append(exactQuantiles(sorted: needed, tailQuantiles))
        stats.revenue.append(exactQuantiles(sorted: revenue, tailQuantiles))
        stats.short.append(cash.firstIndex { $0 >= 0 } ?? cash.count)
        stats.everShort.append(needed.count - (needed.firstIndex { $0 > 0 } ?? needed.count))
      }
      return stats
    }
    let parts = model.runAll(
      paths: paths, seed: seed, threads: threads, pins: pins,
      makeRecorder: { SketchRecorder(years: years) })
    var total = SketchRecorder(years: years)
    for part in parts { total.merge(part) }
    return SimulationStats(
      exact: false,
      cash: total.cash.map { sketchQuantiles($0, cashQuantiles) },
      needed: total.needed.map { sketchQuantiles($0, tailQuantiles) },
      revenue: total.revenue.map { sketchQuantiles($0, tailQuantiles) },
      short: total.short, everShort: total.everShort)
  }

  /// The `quantiles` of one year's values, one per path (never empty: `simulate` has at least one path).
  private static func exactQuantiles(sorted values: [Double], _ quantiles: [Double]) -> [Double] {
    quantiles.map { q in
      guard let value = QuantileSketch.exactQuantile(sorted: values, q) else {
        preconditionFailure("quantile of no values; simulate has at least one path")
      }
      return value
    }
  }

  /// The `quantiles` of one year's sketch, which holds one value per path (never empty).
  private static func sketchQuantiles(_ sketch: QuantileSketch, _ quantiles: [Double]) -> [Double] {
    guard let values = sketch.quantiles(quantiles) else {
      preconditionFailure("quantiles of an empty sketch; simulate has at least one path")
    }
    return values
  }

  /// The exact p50 of funding needed in the last reported year.
  static func medianFinalGap(
    model: ProjectionModel, paths: Int, seed: UInt64, threads: Int, pins: [Double]
  ) -> Double {
    let buffers = ExactBuffers(paths: paths, years: model.reportCount, onlyLastNeeded: true)
    _ = model.runAll(
      paths: paths, seed: seed, threads: threads, pins: pins,
      makeRecorder: { ExactRecorder(buffers: buffers) })
    let values = Array(buffers.needed).sorted()
    return QuantileSketch.exactQuantile(sorted: values, 0.5) ?? 0
  }

  static func sensitivity(
    model: ProjectionModel, slots: [SlotInfo], paths: Int, seed: UInt64, threads: Int, year: Int
  ) -> Sensitivity {
    let base = medianFinalGap(model: model, paths: paths, seed: seed, threads: threads, pins: model.noPins())
    var rows: [SensitivityRow] = []
    var fixed: [String] = []
    func money(_ x: Double) -> String { MoneyText.plain(NumberText.significant(x), currency: "USD") }
    for info in slots {
      var lowPins = model.noPins()
      var highPins = model.noPins()
      let low: Double
      let high: Double
      let lowLabel: String
      let highLabel: String
      switch info.kind {
      case .continuous(let distribution, let scale):
        let a = distribution.quantile(0.1)
        let b = distribution.quantile(0.9)
        if distribution.isFixed || a == b {
          fixed.append(info.key)
          continue
        }
        lowPins[info.slot] = 0.1
        highPins[info.slot] = 0.9
        low = a * scale
        high = b * scale
        let isMoney = scale != 1 || info.key == "fundingRounds.size" || info.key == "revenue.base"
        lowLabel = "p10 " + (isMoney ? money(low) : NumberText.short(NumberText.significant(low)))
        highLabel = "p90 " + (isMoney ? money(high) : NumberText.short(NumberText.significant(high)))
      case .event:
        lowPins[info.slot] = 1
        highPins[info.slot] = 0
        low = 0
        high = 1
        lowLabel = "falls through"
        highLabel = "goes ahead"
      case .amount(let a, let b):
        lowPins[info.slot] = 0
        highPins[info.slot] = 1
        low = a
        high = b
        lowLabel = "low " + money(a)
        highLabel = "high " + money(b)
      }
      let gapLow = medianFinalGap(model: model, paths: paths, seed: seed, threads: threads, pins: lowPins)
      let gapHigh = medianFinalGap(model: model, paths: paths, seed: seed, threads: threads, pins: highPins)
      rows.append(
        SensitivityRow(
          key: info.key, label: info.label, low: low, high: high, lowLabel: lowLabel,
          highLabel: highLabel, gapAtLow: gapLow, gapAtHigh: gapHigh, swing: abs(gapHigh - gapLow)))
    }
    rows.sort { $0.swing != $1.swing ? $0.swing > $1.swing : $0.key < $1.key }
    return Sensitivity(
      metric: "p50 of funding still needed at the end of \(year)", year: year, paths: paths,
      base: base, rows: rows, fixed: fixed.sorted(),
      method:
        "Each assumption pinned at its 10th and 90th percentile (an uncertain deal package: falls through / goes ahead; an interval amount: its low and high bound) while every other assumption keeps its distribution, on the same paths and draws (common random numbers)."
    )
  }
}

extension FundingProjection {
  /// The company a user names: its id, or (case-insensitively) its name in any language or an alias.
  ///
  /// - Throws: ``LedgerError/noSuchCompany(_:known:)``, listing the ledger's companies.
  public static func resolveCompany(_ text: String, in ledger: Ledger) throws -> CompanyID {
    if ledger.company(CompanyID(text)) != nil { return CompanyID(text) }
    let wanted = text.lowercased()
    for company in ledger.companies {
      let names =
        [
          company.id.rawValue, company.names.english, company.names.traditionalChinese,
          company.names.simplifiedChinese,
        ].compactMap { $0 } + company.aliases
      if names.contains(where: { $0.lowercased() == wanted }) { return company.id }
    }
    throw LedgerError.noSuchCompany(text, known: ledger.companies.map(\.id.rawValue))
  }
}
