/// How a contract's total is spread over its term.
///
/// Each shape is a density on the term t ∈ [0, 1] (0 = start, 1 = end); a calendar year receives
/// the total times the increase of the cumulative share F over the part of the term inside it.
/// Every shape pays out exactly the total over the whole term.
///
/// | shape | density | F(t) |
/// |---|---|---|
/// | even | 1 | t |
/// | front (front-loaded) | 2(1 − t), falling to zero at the end | 2t − t² |
/// | back (back-loaded, a ramp-up) | 2t, rising from zero | t² |
public enum ScheduleShape: String, Codable, Sendable, CaseIterable {
  case even
  case front
  case back

  /// The share of the total paid by term fraction `t` (clamped to [0, 1]).
  @inline(__always)
  public func cumulative(_ t: Double) -> Double {
    let t = t < 0 ? 0 : t > 1 ? 1 : t
    switch self {
    case .even: return t
    case .front: return t * (2 - t)
    case .back: return t * t
    }
  }
}

/// Which value of an interval amount ("at least $10B", "up to $100B", "$10B–$100B") the
/// projection uses.
///
/// - `estimate`: the ledger's estimate; a range without one uses its midpoint.
/// - `low`: the lower bound ("up to $100B" → 0).
/// - `high`: the upper bound; an amount without one ("at least") falls back to its estimate, and
///   the schedule says so.
/// - `draw`: a uniform draw between the bounds on every path; an amount without an upper bound is
///   held at its estimate.
public enum AmountBasis: String, Codable, Sendable, CaseIterable {
  case low
  case estimate
  case high
  case draw
}

/// Whether revenue growth is drawn once per path for each growth period, or again every year.
public enum GrowthDraw: String, Codable, Sendable, CaseIterable {
  /// One draw per path and period: a company's growth is persistent (the default).
  case perPath
  /// A fresh draw every year: good and bad years average out, so the fan is narrower.
  case perYear
}

/// One assumption of a scenario: a distribution and where it comes from.
public struct ScenarioAssumption: Sendable, Equatable {
  public var distribution: Distribution
  /// Why this value; printed with every projection.
  public var reason: String?
  /// The words of a ledger document the value rests on, if any.
  public var source: Source?

  public init(_ distribution: Distribution, reason: String? = nil, source: Source? = nil) {
    self.distribution = distribution
    self.reason = reason
    self.source = source
  }
}

/// Revenue growth for a run of years.
public struct GrowthPeriod: Sendable, Equatable {
  public var from: Int
  /// The last year of the period; nil means open-ended.
  public var to: Int?
  /// Growth as a fraction: 0.3 is +30 % a year.
  public var growth: ScenarioAssumption

  public init(from: Int, to: Int?, growth: ScenarioAssumption) {
    self.from = from
    self.to = to
    self.growth = growth
  }

  public func contains(_ year: Int) -> Bool { year >= from && (to.map { year <= $0 } ?? true) }
}

/// A scenario's settings for one deal of the ledger.
public struct DealOverride: Sendable, Equatable {
  /// The probability that the deal goes ahead (talks and planned deals; any deal may be given one).
  public var probability: Double?
  /// An assumed amount in US dollars, for a deal whose amount is unknown or to replace a stated one;
  /// labelled as assumed in every output.
  public var amount: Double?
  /// The contract's term in years, replacing the ledger's or the default.
  public var termYears: Double?
  /// Why; printed with the assumption.
  public var reason: String?

  public init(
    probability: Double? = nil, amount: Double? = nil, termYears: Double? = nil,
    reason: String? = nil
  ) {
    self.probability = probability
    self.amount = amount
    self.termYears = termYears
    self.reason = reason
  }
}

/// How the company's opening cash is set.
public enum OpeningCashBasis: String, Sendable, Equatable, CaseIterable {
  /// A share of the ledger's latest `capital_raised` fact.
  case shareOfCapitalRaised
  /// An amount in US dollars.
  case amount
}

/// The assumptions of a funding projection, each a distribution with its reason.
///
/// ``defaults`` holds the values used when no scenario file is given; a file (see
/// ``ProjectionScenarioFile``) changes only the keys it names. `docs/projection.md` documents every key.
public struct ProjectionScenario: Sendable, Equatable {
  public var openingCashBasis: OpeningCashBasis
  /// A share (0…1) of capital raised, or an amount, per ``openingCashBasis``.
  public var openingCash: ScenarioAssumption
  /// Revenue of the base year; nil takes the ledger's latest `revenue` fact of the company.
  public var revenueBase: ScenarioAssumption?
  /// Growth periods, in order and not overlapping.
  ///
  /// Years before the first period take the first period's growth; years after an ended last period
  /// take the last period's.
  public var revenueGrowth: [GrowthPeriod]
  public var growthDraw: GrowthDraw
  /// Cash margin on revenue before the scheduled commitments (which the ledger supplies).
  public var operatingMargin: ScenarioAssumption
  /// The probability (0…1) of a new funding round in a year; drawn once per path.
  public var roundProbability: ScenarioAssumption
  /// The size of a new funding round, in US dollars; drawn for every round.
  public var roundSize: ScenarioAssumption
  /// The probability that a deal in talks goes ahead (fixed).
  public var talksProbability: ScenarioAssumption
  /// The probability that a planned deal goes ahead (fixed).
  public var plannedProbability: ScenarioAssumption
  /// Per-deal settings.
  public var deals: [DealID: DealOverride]
  /// The share (0…1) of a year's committed purchases that can be cut when cash would go negative.
  public var renegotiableShare: ScenarioAssumption
  /// Whether an aggregate `commitments` fact is scheduled as a block.
  public var includeCommitmentBlock: Bool
  /// The fact to use; nil picks the company's latest `commitments` fact.
  public var commitmentFact: String?
  /// Years over which the block is paid, from the fact's date.
  public var blockHorizonYears: ScenarioAssumption
  public var schedule: ScheduleShape
  /// The term of a purchase contract without one.
  public var defaultTermYears: ScenarioAssumption
  /// The term of an agreed-but-unpaid inflow (investment tranches, revenue deals) without one.
  public var defaultInflowTermYears: ScenarioAssumption
  public var amounts: AmountBasis

  public init(
    openingCashBasis: OpeningCashBasis, openingCash: ScenarioAssumption,
    revenueBase: ScenarioAssumption?, revenueGrowth: [GrowthPeriod], growthDraw: GrowthDraw,
    operatingMargin: ScenarioAssumption, roundProbability: ScenarioAssumption,
    roundSize: ScenarioAssumption, talksProbability: ScenarioAssumption,
    plannedProbability: ScenarioAssumption, deals: [DealID: DealOverride],
    renegotiableShare: ScenarioAssumption, includeCommitmentBlock: Bool, commitmentFact: String?,
    blockHorizonYears: ScenarioAssumption, schedule: ScheduleShape,
    defaultTermYears: ScenarioAssumption, defaultInflowTermYears: ScenarioAssumption,
    amounts: AmountBasis
  ) {
    self.openingCashBasis = openingCashBasis
    self.openingCash = openingCash
    self.revenueBase = revenueBase
    self.revenueGrowth = revenueGrowth
    self.growthDraw = growthDraw
    self.operatingMargin = operatingMargin
    self.roundProbability = roundProbability
    self.roundSize = roundSize
    self.talksProbability = talksProbability
    self.plannedProbability = plannedProbability
    self.deals = deals
    self.renegotiableShare = renegotiableShare
    self.includeCommitmentBlock = includeCommitmentBlock
    self.commitmentFact = commitmentFact
    self.blockHorizonYears = blockHorizonYears
    self.schedule = schedule
    self.defaultTermYears = defaultTermYears
    self.defaultInflowTermYears = defaultInflowTermYears
    self.amounts = amounts
  }

  /// The growth assumption for `year`.
  public func growthPeriodIndex(for year: Int) -> Int {
    if let index = revenueGrowth.firstIndex(where: { $0.contains(year) }) { return index }
    if let first = revenueGrowth.first, year < first.from { return 0 }
    // After an ended period or in a gap: the latest period that starts before the year.
    return revenueGrowth.lastIndex(where: { $0.from <= year }) ?? 0
  }

  /// The probability a deal goes ahead under this scenario: the deal's override, else by status.
  public func probability(of deal: Deal) -> Double {
    if let p = deals[deal.id]?.probability { return p }
    switch deal.status {
    case .talks: return talksProbability.distribution.median
    case .planned: return plannedProbability.distribution.median
    case .announced, .closed, .implied: return 1
    case .cancelled, .superseded: return 0
    }
  }

  private static func seed(_ quote: String) -> Source {
    Source(document: "seed", quote: quote, language: .traditionalChinese)
  }

  /// The default assumptions, from the seed article's figures where it gives any.
  ///
  /// Every reason says which parts are the seed's and which are assumed; every quote is verbatim
  /// from the seed.
  public static let defaults = ProjectionScenario(
    openingCashBasis: .shareOfCapitalRaised,
    openingCash: ScenarioAssumption(
      .triangular(0.2, 0.4, 0.6),
      reason:
        "The seed gives capital raised (> $45B) but no cash balance, and losses are widening, so part has been spent. Assumed: 20–60 % (mode 40 %) of capital raised is on hand when the projection starts.",
      source: seed("OpenAI通過多輪股權融資已籌集超過450億美元")),
    revenueBase: nil,
    revenueGrowth: [
      GrowthPeriod(
        from: 2026, to: 2027,
        growth: ScenarioAssumption(
          .triangular(0.2, 0.6, 1.2),
          reason:
            "The seed gives revenue (≈ $20B a year by end-2025) but no growth rate. Assumed: +20 % to +120 % a year (mode +60 %) while the company is young.",
          source: seed("有估計認為該公司年收入將在2025年底達到200億美元"))),
      GrowthPeriod(
        from: 2028, to: 2030,
        growth: ScenarioAssumption(
          .triangular(0.1, 0.3, 0.6),
          reason: "Not in the seed. Assumed: growth slows to +10 % to +60 % a year (mode +30 %).")),
      GrowthPeriod(
        from: 2031, to: nil,
        growth: ScenarioAssumption(
          .triangular(0.0, 0.12, 0.3),
          reason: "Not in the seed. Assumed: a mature company's +0 % to +30 % a year (mode +12 %).")),
    ],
    growthDraw: .perPath,
    operatingMargin: ScenarioAssumption(
      .triangular(-0.2, 0.1, 0.3),
      reason:
        "Cash margin on revenue before the committed compute purchases, which come from the ledger. The seed says losses are widening but gives no figure; with compute as the main cost and scheduled separately, the rest of the business is assumed to run at −20 % to +30 % of revenue (mode +10 %).",
      source: seed("但其虧損額度同時也在持續擴大")),
    roundProbability: ScenarioAssumption(
      .uniform(0.4, 0.9),
      reason:
        "The seed says the bill is paid by continuous financing and revenue. Assumed: a new round (beyond the ledger's deals) closes in a given year with probability 40–90 %, drawn once per path (investor appetite).",
      source: seed("OpenAI必須依賴持續的融資及其業務收入來支付這筆天文數字的帳單")),
    roundSize: ScenarioAssumption(
      .lognormal(median: 20e9, sigma: 0.8, min: 1e9, max: 200e9),
      reason:
        "The seed gives > $45B raised over several rounds, and single investments of ≥ $10B (Amazon) and up to $100B (NVIDIA), which the ledger models as deals. Assumed: a new round's size is lognormal, median $20B, within $1B–$200B.",
      source: seed("OpenAI通過多輪股權融資已籌集超過450億美元")),
    talksProbability: ScenarioAssumption(
      .fixed(0.5),
      reason: "Deals in talks are at an early stage; assumed to go ahead with probability 50 %.",
      source: seed("目前談判仍處初期階段")),
    plannedProbability: ScenarioAssumption(
      .fixed(0.7),
      reason: "Planned deals (letters of intent, announced plans); assumed to go ahead with probability 70 %.",
      source: seed("計劃向OpenAI進行一輪規模驚人、可能高達1000億美元的投資")),
    deals: [:],
    renegotiableShare: ScenarioAssumption(
      .triangular(0, 0.1, 0.3),
      reason:
        "Not in the seed. Assumed: when cash would go negative, 0–30 % (mode 10 %) of that year's committed purchases can be cut or deferred past the horizon by renegotiation; vendors that are also investors have a stake in the buyer's survival."
    ),
    includeCommitmentBlock: true,
    commitmentFact: nil,
    blockHorizonYears: ScenarioAssumption(
      .triangular(5, 8, 10),
      reason:
        "The seed says the bill falls due in the coming years (未來數年); public reports give ≈ 8 years (ledger public-2025: '≈ $1.4T over ≈ 8 years'). Assumed: 5–10 years, mode 8, from the fact's date.",
      source: seed("在未來數年")),
    schedule: .even,
    defaultTermYears: ScenarioAssumption(
      .fixed(5),
      reason:
        "A purchase contract without a stated term is spread over 5 years (the seed's AWS contract runs 7 years; public-2025's Oracle and CoreWeave contracts ≈ 5). Every such deal is labelled 'term defaulted'.",
      source: seed("為期七年、總值高達380億美元")),
    defaultInflowTermYears: ScenarioAssumption(
      .fixed(5),
      reason:
        "An agreed-but-unpaid investment without a term arrives in even tranches over 5 years, alongside the purchases it funds, not as one lump sum.",
      source: seed("OpenAI將把大部分所得資金用於向英偉達購買數百萬顆GPU")),
    amounts: .estimate)
}

extension ProjectionScenario {
  /// Checks the names a scenario uses against a ledger: deals in `deals`, the commitments fact.
  ///
  /// - Throws: ``LedgerError/invalid(file:issues:)`` naming each key that names nothing.
  public func crossCheck(ledger: Ledger, file: String) throws {
    var issues: [LedgerIssue] = []
    for id in deals.keys.sorted() where ledger.deal(id) == nil {
      issues.append(
        LedgerIssue(
          file: file, entry: "", field: "deals.\(VisibleText.escape(id.rawValue, newlines: false))",
          problem: "no deal has this id in ledger '\(ledger.id)'"))
    }
    if let fact = commitmentFact {
      if let found = ledger.facts.first(where: { $0.id == fact }) {
        if found.metric != .commitments || found.value.currency == nil {
          issues.append(
            LedgerIssue(
              file: file, entry: "", field: "commitmentBlock.fact",
              problem: "'\(fact)' is a \(found.metric.rawValue) fact; the block needs a money 'commitments' fact"))
        }
      } else {
        issues.append(
          LedgerIssue(
            file: file, entry: "", field: "commitmentBlock.fact",
            problem: "no fact has the id '\(VisibleText.escape(fact, newlines: false))' in ledger '\(ledger.id)'"))
      }
    }
    if !issues.isEmpty { throw LedgerError.invalid(file: file, issues: issues) }
  }
}
