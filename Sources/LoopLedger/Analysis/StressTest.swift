/// What breaks, and how far it spreads, when a link in the loop stops paying.
///
/// **Baseline: the loop as announced.** Every deal the filter includes becomes an annual flow
/// from payer to payee (group level by default): a purchase or other contract pays
/// `amount / term` a year (`defaultTermYears` when no term is stated); an investment not yet
/// closed pays `amount / investmentYears` a year (closed investments are in the past and carry no
/// flow). Amounts are taken at one end of their interval (low, estimate or high; every run is
/// reported); a deal without a figure is left out and named, never counted as zero. In the
/// baseline every company can pay: its outside resources (revenue from outside the network,
/// cash) are not constrained unless the scenario says so.
///
/// **Shocks** stop a deal or a link (fully or by a fraction), make a company default (it pays
/// nothing), constrain or cut a company's outside resources, or turn equity received into an
/// obligation of `r` a year to the investor.
///
/// **Rounds.** Round k clears the annual obligations by Eisenberg–Noe (greatest fixed point of
/// `p = min(p̄, e + Πᵀp)`, pro rata; Rogers–Veraart costs optional), with `e_i` the outside
/// resources (`p̄_i` for unconstrained companies, who always pay). Then, for each company `j`:
///
///     revenue lost      ΔR_j = Σ_i (baseline purchases i→j − purchases actually paid i→j)
///     valuation change  ΔV_j = −multiple · ΔR_j
///     investment kept   c_j ← min(c_j, max(0, 1 − ε · ΔR_j / R_j))      (R_j: baseline purchases received)
///
/// and the next round scales `j`'s pending investments by `c_j`. Losses only grow and `c` only
/// falls, so the rounds converge; they stop when no `c` moves by more than `tolerance` and no
/// new company defaults (or after `maxRounds`).
public struct StressParameters: Codable, Sendable, Equatable {
  /// Term of a contract whose term the sources do not state.
  public var defaultTermYears: Double = AnnualRule.defaultTermYears
  /// Years over which a pending (not closed) investment is paid.
  public var investmentYears: Double = 3
  /// Valuation change per dollar of annual revenue lost.
  public var revenueMultiple: Double = 10
  /// Share of pending investments a company cuts per unit share of loop revenue lost.
  public var investmentElasticity: Double = 1
  /// Rogers–Veraart default costs; nil for none.
  public var defaultCosts: DefaultCosts? = nil
  public var maxRounds: Int = 100
  public var tolerance: Double = 1e-9
  /// Whether a company's stated total commitments (a `commitments` fact) beyond its listed deals
  /// are owed to vendors outside the ledger.
  public var commitmentFacts: Bool = false
  /// Years over which those commitments are paid.
  public var commitmentYears: Double = 8

  public init() {}

  /// Every parameter in words, for the assumptions list of every output.
  public var descriptions: [Phrase] {
    var lines = [
      Phrase(
        "Contracts without a stated term are spread over {years} years (defaultTermYears).",
        ["years": .number(defaultTermYears)]),
      Phrase(
        "Investments not yet closed are paid over {years} years (investmentYears); closed investments carry no annual flow.",
        ["years": .number(investmentYears)]),
      Phrase(
        "A company's valuation changes by {multiple}× the annual revenue it loses (revenueMultiple).",
        ["multiple": .number(revenueMultiple)]),
      Phrase(
        "A company cuts its pending investments by {elasticity}× the share of its loop revenue it lost (investmentElasticity).",
        ["elasticity": .number(investmentElasticity)]),
    ]
    if commitmentFacts {
      lines.append(
        Phrase(
          "A company's stated total commitments beyond its listed deals are owed to vendors outside the ledger over {years} years (commitmentFacts, commitmentYears).",
          ["years": .number(commitmentYears)]))
    }
    if let costs = defaultCosts {
      lines.append(
        Phrase(
          "Rogers–Veraart default costs: α = {alpha}, β = {beta}.",
          ["alpha": .text("\(costs.alpha)"), "beta": .text("\(costs.beta)")]))
    } else {
      lines.append(Phrase("No default costs (pure Eisenberg–Noe clearing)."))
    }
    return lines
  }
}

/// One shock of a stress scenario.
public enum StressShock: Codable, Sendable, Equatable, CustomStringConvertible {
  /// A deal does not happen or stops paying, by `fraction` (1 = fully).
  case stopDeal(DealID, fraction: Double)
  /// Every flow from `payer` to `payee` stops, by `fraction`.
  case stopLink(payer: CompanyID, payee: CompanyID, fraction: Double)
  /// The company pays nothing.
  case defaultCompany(CompanyID)
  /// The company's outside resources are limited to `amount` a year (USD).
  case limitResources(CompanyID, amount: Double)
  /// The company's outside resources change by `fraction` (−0.3 = fall by 30 %).
  case changeResources(CompanyID, fraction: Double)
  /// Equity already invested (closed deals) turns into an obligation of `rate` a year to the
  /// investor.
  case demandReturns(rate: Double)

  public var description: String {
    switch self {
    case .stopDeal(let id, let fraction): "deal \(id) stops paying \(percent(fraction))"
    case .stopLink(let payer, let payee, let fraction): "all flows \(payer) → \(payee) stop \(percent(fraction))"
    case .defaultCompany(let id): "\(id) defaults (pays nothing)"
    case .limitResources(let id, let amount):
      "\(id) can pay only from \(MoneyText.plain(amount, currency: "USD")) a year of outside resources plus what it receives"
    case .changeResources(let id, let fraction):
      "\(id)'s outside resources change by \(MoneyText.compact(fraction * 100))%"
    case .demandReturns(let rate):
      "investors demand \(MoneyText.compact(rate * 100))% a year on the equity they have put in"
    }
  }

  private func percent(_ fraction: Double) -> String {
    fraction >= 1 ? "(fully)" : "by \(MoneyText.compact(fraction * 100))%"
  }
}

/// A named set of shocks with its parameters.
public struct StressScenario: Codable, Sendable, Equatable {
  public var name: String
  public var description: String
  public var shocks: [StressShock]
  public var parameters: StressParameters

  public init(
    name: String, description: String, shocks: [StressShock], parameters: StressParameters = StressParameters()
  ) {
    self.name = name
    self.description = description
    self.shocks = shocks
    self.parameters = parameters
  }
}

/// The result of a stress test: one run per end of the amounts' intervals.
public struct StressReport: Codable, Sendable {
  public var reportVersion = 1
  public var ledger: String
  public var scenario: StressScenario
  /// Every assumption behind the figures, in words.
  public var assumptions: [Phrase]
  /// Deals left out because their amount is not stated (never counted as zero).
  public var excludedDeals: [DealID]
  public var low: StressRun
  public var estimate: StressRun
  public var high: StressRun
}

/// One run of the rounds at one end of the amounts.
public struct StressRun: Codable, Sendable, Equatable {
  /// `low`, `estimate` or `high`.
  public var end: String
  public var rounds: Int
  public var converged: Bool
  public var companies: [CompanyStress]
  public var totals: Totals
  public var brokenLoops: [BrokenLoop]
  public var trace: [RoundTrace]
  /// DebtRank of the shock on the baseline flows (Battiston and others, 2012): the second measure.
  public var debtRank: Double
  /// Linear DebtRank (Bardoscia and others, 2015) on the same impacts: distress goes round loops.
  public var linearDebtRank: Double

  public struct Totals: Codable, Sendable, Equatable {
    /// Annual flows in the baseline.
    public var baselineFlows: Double
    /// Annual obligations not paid in the last round.
    public var unfunded: Double
    /// Annual revenue vendors lost.
    public var revenueLost: Double
    /// Annual pending investments cut.
    public var investmentCut: Double
    public var defaults: Int
  }

  public struct BrokenLoop: Codable, Sendable, Equatable {
    public var path: [CompanyID]
    /// The smallest share of a step's baseline flow still paid.
    public var retention: Double
  }

  public struct RoundTrace: Codable, Sendable, Equatable {
    public var round: Int
    public var newDefaults: [CompanyID]
    public var unfunded: Double
    public var revenueLost: Double
    public var investmentCut: Double
    /// Revenue lost per company in this round (companies with a loss only), for the cascade chart.
    public var losses: [CompanyLoss]
  }

  public struct CompanyLoss: Codable, Sendable, Equatable {
    public var company: CompanyID
    public var revenueLost: Double
  }
}

/// One company's outcome.
public struct CompanyStress: Codable, Sendable, Equatable {
  public var id: CompanyID
  /// Annual obligations in the baseline.
  public var baselineObligations: Double
  /// Annual obligations it still had in the last round (after its own cuts and the shocks).
  public var obligations: Double
  public var paid: Double
  /// `obligations − paid`.
  public var unfunded: Double
  public var revenueLost: Double
  /// Investments it was due to receive that did not arrive.
  public var investmentLost: Double
  /// Its own pending investments it cut.
  public var investmentCut: Double
  /// `−multiple × revenueLost`.
  public var valuationChange: Double
  /// `valuationChange` over the valuation stated in the ledger's facts, when there is one.
  @Nullable public var valuationChangeShare: Double?
  public var defaulted: Bool
  /// The round it first defaulted in.
  @Nullable public var defaultRound: Int?
  /// Its DebtRank distress in [0, 1].
  public var distress: Double
  /// How its outside resources were set: `unconstrained`, or the figure and why.
  public var resources: String
}
