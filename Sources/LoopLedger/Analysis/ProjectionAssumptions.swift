/// The assumption lines every projection output prints: each scenario value with its reason and
/// source, the ledger facts the projection rests on, and the rules applied to the deals.
extension FundingProjection {
  static func assumptionLines(
    ledger: Ledger, scenario: ProjectionScenario, schedule: FundingSchedule,
    compiled: CompiledProjection, origin: String
  ) -> [AssumptionLine] {
    let defaults = ProjectionScenario.defaults
    var lines: [AssumptionLine] = []
    func add(
      _ key: String, _ label: String, _ assumption: ScenarioAssumption, default value: ScenarioAssumption?,
      unit: String = ""
    ) {
      let isDefault = value == assumption
      lines.append(
        AssumptionLine(
          key: key, label: label, value: assumption.distribution.description + unit,
          distribution: DistributionSummary(assumption.distribution), reason: assumption.reason,
          source: assumption.source, origin: isDefault ? "default" : origin))
    }
    func rule(
      _ key: String, _ label: String, _ value: String, reason: String? = nil, source: Source? = nil,
      origin: String = "rule"
    ) {
      lines.append(
        AssumptionLine(
          key: key, label: label, value: value, distribution: nil, reason: reason, source: source,
          origin: origin))
    }
    func money(_ x: Double) -> String { MoneyText.plain(x, currency: "USD") }

    // Ledger facts.
    if let fact = compiled.revenueFact, scenario.revenueBase == nil {
      rule(
        "revenue.base", "Base-year revenue", compiled.revenueBaseText,
        reason: fact.label, source: fact.sources.first, origin: "ledger")
    } else if let base = scenario.revenueBase {
      add("revenue.base", "Base-year revenue", base, default: nil, unit: " USD")
    }
    switch scenario.openingCashBasis {
    case .shareOfCapitalRaised:
      let capital = compiled.capitalFact
      let scale = compiled.model.openingScale
      add(
        "openingCash.shareOfCapitalRaised",
        "Opening cash, as a share of capital raised (\(money(scale))\(capital.map { ", " + $0.id } ?? ""))",
        scenario.openingCash, default: defaults.openingCash)
      if let capital {
        rule(
          "capitalRaised", "Capital raised", capital.value.asWritten ?? money(scale),
          reason: capital.label, source: capital.sources.first, origin: "ledger")
      }
    case .amount:
      add("openingCash.amount", "Opening cash (USD)", scenario.openingCash, default: nil)
    }
    for (index, period) in scenario.revenueGrowth.enumerated() {
      let span = period.to.map { "\(period.from)–\($0)" } ?? "\(period.from) onwards"
      add(
        "revenue.growth[\(index)]", "Revenue growth per year, \(span)", period.growth,
        default: defaults.revenueGrowth.indices.contains(index) ? defaults.revenueGrowth[index].growth : nil)
    }
    rule(
      "revenue.draw", "Revenue growth drawn", scenario.growthDraw.rawValue,
      reason: scenario.growthDraw == .perPath
        ? "one draw per path and period: growth is persistent"
        : "a fresh draw every year")
    add(
      "operatingMargin", "Operating margin before committed purchases", scenario.operatingMargin,
      default: defaults.operatingMargin)
    add(
      "fundingRounds.probability", "Probability of a new funding round in a year (drawn per path)",
      scenario.roundProbability, default: defaults.roundProbability)
    add(
      "fundingRounds.size", "Size of a new funding round (USD)", scenario.roundSize,
      default: defaults.roundSize)
    add(
      "dealProbability.talks", "Probability a deal in talks goes ahead", scenario.talksProbability,
      default: defaults.talksProbability)
    add(
      "dealProbability.planned", "Probability a planned deal goes ahead", scenario.plannedProbability,
      default: defaults.plannedProbability)
    for (id, o) in scenario.deals.sorted(by: { $0.key < $1.key }) {
      var parts: [String] = []
      if let p = o.probability { parts.append("probability \(MoneyText.compact(p))") }
      if let a = o.amount { parts.append("amount \(money(a)) (assumed)") }
      if let t = o.termYears { parts.append("term \(MoneyText.compact(t)) years") }
      rule("deals.\(id)", "Deal \(id)", parts.joined(separator: ", "), reason: o.reason, origin: origin)
    }
    add(
      "renegotiableShare", "Share of a year's committed purchases that can be cut when cash runs out",
      scenario.renegotiableShare, default: defaults.renegotiableShare)
    if let block = schedule.block {
      add(
        "commitmentBlock.horizonYears", "Years over which the aggregate commitments are paid",
        scenario.blockHorizonYears, default: defaults.blockHorizonYears)
      rule(
        "commitmentBlock", "Aggregate commitments scheduled as a block",
        "\(block.fact): \(money(block.total)) − \(money(block.total - block.amount)) in deals it contains = \(money(block.amount))",
        reason:
          "A total without counterparties already contains the company's individually scheduled purchase deals dated on or before it; only the rest is scheduled as a block (never below 0), so nothing is counted twice.",
        source: block.source, origin: "ledger")
    } else {
      rule(
        "commitmentBlock", "Aggregate commitments",
        scenario.includeCommitmentBlock ? "none in the ledger" : "not included (scenario)")
    }
    rule(
      "schedule", "Contract payments spread", scenario.schedule.rawValue,
      reason: "even: equal yearly amounts over the term; front: falling linearly to 0; back: rising linearly from 0")
    add(
      "defaultTermYears", "Term of a purchase contract without one (years)", scenario.defaultTermYears,
      default: defaults.defaultTermYears)
    add(
      "defaultInflowTermYears", "Term of an agreed inflow without one (years)",
      scenario.defaultInflowTermYears, default: defaults.defaultInflowTermYears)
    rule(
      "amounts", "Interval amounts taken at", scenario.amounts.rawValue,
      reason:
        "estimate: the stated figure (a range without one: its midpoint); low/high: a bound; draw: uniform between the bounds on each path"
    )
    rule(
      "statusRule", "Which deals are commitments",
      "announced, closed, implied: certain; talks, planned: with their probability; cancelled, superseded: left out",
      reason:
        "A closed investment received without a term is already in the capital raised and is not scheduled again; uncertain deals with the same counterparty, status and date go ahead or fall through together."
    )
    rule(
      "unknownAmounts", "Deals without a stated amount",
      "left out and listed, never counted as zero (give deals.ID.amount to assume one)")
    return lines
  }
}
