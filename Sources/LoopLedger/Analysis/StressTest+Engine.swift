/// Which end of an amount's interval a run uses.
public enum AmountEnd: String, Codable, Sendable, CaseIterable {
  case low, estimate, high

  /// The value of `interval` at this end, or nil when it is unknown there.
  ///
  /// `high` falls back to the estimate for amounts without an upper bound ("at least"); the
  /// estimate falls back to the low end for ranges without an estimate. Both are labelled.
  func pick(_ interval: Interval) -> Double? {
    switch self {
    case .low: interval.low
    case .estimate:
      interval.missingEstimates > 0 && interval.estimate == nil ? interval.low : interval.estimate ?? interval.low
    case .high: interval.high ?? interval.estimate
    }
  }
}

/// An error in a stress scenario.
public enum StressError: Error, Equatable, Sendable, CustomStringConvertible {
  case unknownCompany(String)
  case unknownDeal(String)
  case noResourcesFor(String)
  case unknownScenario(String, available: [String])

  public var description: String {
    switch self {
    case .unknownCompany(let id):
      "No company '\(id)' has deals in the graph; company ids are lower-case slugs such as 'openai'."
    case .unknownDeal(let id): "No deal has the id '\(id)'."
    case .noResourcesFor(let id):
      "'\(id)' has no outside resources to change: the ledger states no revenue for it. Limit them first (--resources \(id)=AMOUNT)."
    case .unknownScenario(let name, let available):
      "There is no built-in scenario '\(name)'; available: \(available.joined(separator: ", "))."
    }
  }
}

extension StressReport {
  /// Runs a scenario on a ledger at the low, estimate and high ends of the amounts.
  ///
  /// - Throws: ``StressError`` for shocks that name nothing in the graph; `CancellationError`.
  public init(ledger: Ledger, scenario: StressScenario, filter: GraphFilter = GraphFilter()) throws {
    let model = try StressModel(ledger: ledger, filter: filter, scenario: scenario)
    var assumptions = scenario.parameters.descriptions
    assumptions.append(
      Phrase(
        "Baseline: the loop as announced — every included deal pays its annual share; companies without limited resources can always pay (assumed)."
      ))
    assumptions.append(
      Phrase(
        "Low run: every amount at its lower bound (\"up to\" amounts at 0). High run: upper bounds, and estimates where there is none (\"at least\"). Estimate run: estimates, and the low end of ranges without one."
      ))
    for line in model.resourceNotes { assumptions.append(line) }
    self.init(
      ledger: ledger.id, scenario: scenario, assumptions: assumptions,
      excludedDeals: model.unknownDeals,
      low: try model.run(.low), estimate: try model.run(.estimate), high: try model.run(.high))
  }

  /// Breaks each link of the graph in turn (on top of `scenario`'s shocks) and ranks the links by
  /// the damage: annual obligations unfunded + revenue lost + investments cut, estimate run.
  public static func sweep(ledger: Ledger, scenario: StressScenario, filter: GraphFilter = GraphFilter())
    throws -> [LinkDamage]
  {
    let base = try StressModel(ledger: ledger, filter: filter, scenario: scenario)
    var results: [LinkDamage] = []
    for (payer, payee) in base.links() {
      try Task.checkCancellation()
      var shocked = scenario
      shocked.shocks.append(.stopLink(payer: payer, payee: payee, fraction: 1))
      let model = try StressModel(ledger: ledger, filter: filter, scenario: shocked)
      let run = try model.run(.estimate)
      results.append(
        LinkDamage(
          payer: payer, payee: payee,
          damage: run.totals.unfunded + run.totals.revenueLost + run.totals.investmentCut,
          defaults: run.totals.defaults, revenueLost: run.totals.revenueLost,
          unfunded: run.totals.unfunded, investmentCut: run.totals.investmentCut))
    }
    return results.sorted { ($0.damage, $1.payer, $1.payee) > ($1.damage, $0.payer, $0.payee) }
  }
}

/// The damage of breaking one link, from ``StressReport/sweep(ledger:scenario:filter:)``.
public struct LinkDamage: Codable, Sendable, Equatable {
  public var payer: CompanyID
  public var payee: CompanyID
  public var damage: Double
  public var defaults: Int
  public var revenueLost: Double
  public var unfunded: Double
  public var investmentCut: Double
}

extension StressScenario {
  /// The scenarios drawn from the seed article, for a ledger that states OpenAI's revenue.
  public static func builtIn(_ name: String, ledger: Ledger) throws -> StressScenario {
    let names = builtInNames
    let revenue = ledger.facts.last {
      $0.company == "openai" && $0.metric == .revenue && $0.value.currency != nil
    }.flatMap { ledger.usdInterval(of: $0.value)?.estimate }
    guard let revenue else { throw StressError.noResourcesFor("openai") }
    let limit = StressShock.limitResources("openai", amount: revenue)
    switch name {
    case "nvidia-stops":
      return StressScenario(
        name: name,
        description:
          "NVIDIA's up-to-$100B investment does not arrive; OpenAI must pay from its ≈\(MoneyText.plain(revenue, currency: "USD")) revenue and what it still receives.",
        shocks: [.stopDeal("nvidia-openai-equity-2025-09", fraction: 1), limit])
    case "amazon-talks-fail":
      let talks = ledger.deals.filter {
        $0.status == .talks
          && Set([ledger.group(of: $0.payer), ledger.group(of: $0.payee)]) == ["amazon", "openai"]
      }
      return StressScenario(
        name: name,
        description:
          "The Amazon–OpenAI talks (the ≥ $10B investment and the deals tied to it) fail; OpenAI pays from its revenue.",
        shocks: talks.map { .stopDeal($0.id, fraction: 1) } + [limit])
    case "openai-revenue-stalls":
      var parameters = StressParameters()
      parameters.commitmentFacts = true
      return StressScenario(
        name: name,
        description:
          "OpenAI's revenue stalls at ≈\(MoneyText.plain(revenue, currency: "USD")) a year: it must pay all its compute commitments, including the stated total beyond the listed deals, from that and the investments it receives.",
        shocks: [limit], parameters: parameters)
    case "investors-demand-returns":
      var parameters = StressParameters()
      parameters.commitmentFacts = true
      let pending = ledger.deals.filter {
        $0.kind.flowClass == .investment && $0.status != .closed && $0.status != .cancelled
          && $0.status != .superseded
      }
      return StressScenario(
        name: name,
        description:
          "Investors stop injecting new money (every pending investment stops) and demand 10% a year on the equity they have put in; OpenAI pays its commitments from its revenue.",
        shocks: pending.map { .stopDeal($0.id, fraction: 1) } + [.demandReturns(rate: 0.1), limit],
        parameters: parameters)
    default:
      throw StressError.unknownScenario(name, available: names)
    }
  }

  public static let builtInNames = [
    "nvidia-stops", "amazon-talks-fail", "openai-revenue-stalls", "investors-demand-returns",
  ]
}

// MARK: - The model

private struct StressModel {
  struct Flow {
    var deal: DealID?
    var payer: Int
    var payee: Int
    var flowClass: FlowClass
    /// Pending investments can be cut by the payer.
    var isPendingInvestment: Bool
    /// Per end: the baseline annual amount (nil where unknown).
    var amounts: [AmountEnd: Double]
    /// Share remaining after the scenario's stop shocks.
    var kept: Double = 1
  }

  let ledger: Ledger
  let scenario: StressScenario
  var companies: [CompanyID]
  var index: [CompanyID: Int]
  var flows: [Flow] = []
  var unknownDeals: [DealID] = []
  var forcedDefault: Set<Int> = []
  /// Outside resources per company; nil = unconstrained.
  var resources: [Double?]
  var resourceNotes: [Phrase] = []
  var returnRate: Double? = nil
  let loops: [LoopReport.Loop]
  let valuations: [CompanyID: Double]

  init(ledger: Ledger, filter: GraphFilter, scenario: StressScenario) throws {
    self.ledger = ledger
    self.scenario = scenario
    let parameters = scenario.parameters
    func group(_ id: CompanyID) -> CompanyID { filter.level == .group ? ledger.group(of: id) : id }
    let graph = LedgerGraph(ledger: ledger, filter: filter)
    companies = graph.companies
    index = Dictionary(uniqueKeysWithValues: companies.enumerated().map { ($1, $0) })
    resources = [Double?](repeating: nil, count: companies.count)
    let excluded = Set(graph.excluded.map(\.deal))
    for deal in ledger.deals where !excluded.contains(deal.id) {
      guard let payer = index[group(deal.payer)], let payee = index[group(deal.payee)] else { continue }
      let interval = ledger.usdInterval(of: deal.amount) ?? .unknown
      if interval.isUnknown {
        unknownDeals.append(deal.id)
        continue
      }
      let flowClass = deal.kind.flowClass
      let pending = flowClass == .investment && deal.status != .closed
      if flowClass == .investment && !pending { continue }
      let years =
        pending ? parameters.investmentYears : AnnualRule.termYears(of: deal, default: parameters.defaultTermYears)
      var amounts: [AmountEnd: Double] = [:]
      for end in AmountEnd.allCases {
        if let value = end.pick(interval) { amounts[end] = value / years }
      }
      flows.append(
        Flow(
          deal: deal.id, payer: payer, payee: payee, flowClass: flowClass,
          isPendingInvestment: pending, amounts: amounts))
    }
    // Valuations stated in the ledger, for relative valuation changes.
    var valuations: [CompanyID: Double] = [:]
    for fact in ledger.facts where fact.metric == .valuation {
      if let company = fact.company, let value = ledger.usdInterval(of: fact.value)?.estimate {
        valuations[group(company)] = value
      }
    }
    self.valuations = valuations
    loops = (try? LoopReport(ledger: ledger, options: LoopReportOptions(filter: filter, limit: 10_000)).loops) ?? []
    // Shocks.
    for shock in scenario.shocks {
      switch shock {
      case .stopDeal(let id, let fraction):
        guard ledger.deal(id) != nil else { throw StressError.unknownDeal(id.rawValue) }
        for position in flows.indices where flows[position].deal == id {
          flows[position].kept *= max(0, 1 - fraction)
        }
      case .stopLink(let payer, let payee, let fraction):
        guard let p = index[payer] else { throw StressError.unknownCompany(payer.rawValue) }
        guard let q = index[payee] else { throw StressError.unknownCompany(payee.rawValue) }
        for position in flows.indices where flows[position].payer == p && flows[position].payee == q {
          flows[position].kept *= max(0, 1 - fraction)
        }
      case .defaultCompany(let id):
        guard let node = index[id] else { throw StressError.unknownCompany(id.rawValue) }
        forcedDefault.insert(node)
      case .limitResources(let id, let amount):
        guard let node = index[id] else { throw StressError.unknownCompany(id.rawValue) }
        resources[node] = amount
      case .changeResources(let id, let fraction):
        guard let node = index[id] else { throw StressError.unknownCompany(id.rawValue) }
        if resources[node] == nil {
          let revenue = ledger.facts.last { $0.company.map(group) == id && $0.metric == .revenue }
            .flatMap { ledger.usdInterval(of: $0.value)?.estimate }
          guard let revenue else { throw StressError.noResourcesFor(id.rawValue) }
          resources[node] = revenue
        }
        resources[node] = max(0, (resources[node] ?? 0) * (1 + fraction))
      case .demandReturns(let rate):
        returnRate = rate
      }
    }
    if parameters.commitmentFacts {
      addCommitmentBlocks(group: group, excluded: excluded)
    }
    if let rate = returnRate {
      // Equity already invested (closed equity deals) owes `rate` a year back.
      var returns: [Flow] = []
      for deal in ledger.deals
      where !excluded.contains(deal.id) && deal.kind == .equityInvestment && deal.status == .closed {
        guard let investor = index[group(deal.payer)], let investee = index[group(deal.payee)],
          let interval = ledger.usdInterval(of: deal.amount), !interval.isUnknown
        else { continue }
        var amounts: [AmountEnd: Double] = [:]
        for end in AmountEnd.allCases { if let value = end.pick(interval) { amounts[end] = value * rate } }
        returns.append(
          Flow(
            deal: nil, payer: investee, payee: investor, flowClass: .other, isPendingInvestment: false, amounts: amounts
          ))
      }
      flows += returns
    }
    for (node, value) in resources.enumerated() {
      let name = companies[node]
      if let value {
        resourceNotes.append(
          Phrase(
            "{company}: outside resources limited to {amount} a year (scenario).",
            ["company": .text("\(name)"), "amount": .money(value)]))
      }
    }
    resourceNotes.append(
      Phrase(
        "Companies not listed above are assumed able to pay all their obligations (their outside revenue is not in the ledger)."
      ))
  }

  /// The id of the node standing for vendors outside the ledger.
  static let outside = CompanyID.outsideVendors

  /// For each company with a `commitments` fact, owes the part not covered by its listed
  /// purchases to vendors outside the ledger, over `commitmentYears`.
  mutating func addCommitmentBlocks(group: (CompanyID) -> CompanyID, excluded: Set<DealID>) {
    let years = scenario.parameters.commitmentYears
    var blocks: [(Int, [AmountEnd: Double], String)] = []
    var latest: [CompanyID: Fact] = [:]
    for fact in ledger.facts where fact.metric == .commitments && fact.value.currency != nil {
      if let company = fact.company { latest[group(company)] = fact }
    }
    for (company, fact) in latest.sorted(by: { $0.key < $1.key }) {
      guard let node = index[company], let total = ledger.usdInterval(of: fact.value) else { continue }
      var amounts: [AmountEnd: Double] = [:]
      for end in AmountEnd.allCases {
        guard let stated = end.pick(total) else { continue }
        var listed = 0.0
        for flow in flows where flow.payer == node && flow.flowClass == .purchase && flow.deal != nil {
          guard let deal = flow.deal.flatMap({ ledger.deal($0) }),
            let interval = ledger.usdInterval(of: deal.amount), let value = end.pick(interval)
          else { continue }
          listed += value
        }
        amounts[end] = max(0, stated - listed) / years
      }
      blocks.append((node, amounts, fact.id))
    }
    guard !blocks.isEmpty else { return }
    let outsideNode = companies.count
    companies.append(StressModel.outside)
    index[StressModel.outside] = outsideNode
    resources.append(nil)
    for (node, amounts, factID) in blocks {
      flows.append(
        Flow(
          deal: DealID("fact:" + factID), payer: node, payee: outsideNode, flowClass: .purchase,
          isPendingInvestment: false, amounts: amounts))
      if let estimate = amounts[.estimate] {
        resourceNotes.append(
          Phrase(
            "{company}: commitments beyond its listed deals (fact {fact}) owed to vendors outside the ledger: {amount} a year at the estimate.",
            ["company": .text("\(companies[node])"), "fact": .text("\(factID)"), "amount": .money(estimate)]))
      }
    }
  }

  /// Every (payer, payee) pair with a baseline flow, sorted.
  func links() -> [(CompanyID, CompanyID)] {
    let pairs = Set(
      flows.filter { $0.deal != nil && !($0.deal?.rawValue.hasPrefix("fact:") ?? false) }.map { [$0.payer, $0.payee] })
    return pairs.map { (companies[$0[0]], companies[$0[1]]) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
  }

  func run(_ end: AmountEnd) throws -> StressRun {
    let n = companies.count
    let parameters = scenario.parameters
    func baseline(_ flow: Flow) -> Double { flow.amounts[end] ?? 0 }
    var purchasesIn = [Double](repeating: 0, count: n)
    var investmentsIn = [Double](repeating: 0, count: n)
    var baselineOut = [Double](repeating: 0, count: n)
    for flow in flows where flow.deal != nil {
      let amount = baseline(flow)
      baselineOut[flow.payer] += amount
      if flow.flowClass == .purchase { purchasesIn[flow.payee] += amount }
      if flow.isPendingInvestment {
        investmentsIn[flow.payee] += amount
      }
    }
    var keep = [Double](repeating: 1, count: n)
    var defaultRound = [Int?](repeating: nil, count: n)
    var trace: [StressRun.RoundTrace] = []
    var owedFlows = [Double](repeating: 0, count: flows.count)
    var paidFlows = [Double](repeating: 0, count: flows.count)
    var ratios = [Double](repeating: 1, count: n)
    var converged = false
    var rounds = 0
    var previousLoss = [Double](repeating: 0, count: n)
    while rounds < parameters.maxRounds {
      try Task.checkCancellation()
      rounds += 1
      // Obligations this round.
      var edges: [(source: Int, target: Int, weight: Double)] = []
      for (position, flow) in flows.enumerated() {
        var owed = baseline(flow) * flow.kept
        if flow.isPendingInvestment { owed *= keep[flow.payer] }
        owedFlows[position] = owed
        if owed > 0, !forcedDefault.contains(flow.payer) {
          edges.append((flow.payer, flow.payee, owed))
        }
      }
      let network = FlowNetwork(nodeCount: n, edges: edges)
      let obligations = network.outStrength()
      let outside = (0..<n).map { resources[$0] ?? .infinity }
      let clearing = try eisenbergNoeClearing(
        liabilities: network, externalAssets: outside, defaultCosts: parameters.defaultCosts)
      for node in 0..<n {
        ratios[node] =
          forcedDefault.contains(node) ? 0 : (obligations[node] > 0 ? clearing.payments[node] / obligations[node] : 1)
      }
      var revenueLost = [Double](repeating: 0, count: n)
      for (position, flow) in flows.enumerated() {
        paidFlows[position] = owedFlows[position] * ratios[flow.payer]
        if flow.flowClass == .purchase, flow.deal != nil {
          revenueLost[flow.payee] += baseline(flow) - paidFlows[position]
        }
      }
      var newDefaults: [CompanyID] = []
      for node in 0..<n where defaultRound[node] == nil {
        let owes = owedFlows.indices.contains { flows[$0].payer == node && owedFlows[$0] > 0 }
        if forcedDefault.contains(node) || (owes && ratios[node] < 1 - 1e-9) {
          defaultRound[node] = rounds
          newDefaults.append(companies[node])
        }
      }
      var moved = 0.0
      var nextKeep = keep
      for node in 0..<n where purchasesIn[node] > 0 {
        let share = max(0, revenueLost[node]) / purchasesIn[node]
        nextKeep[node] = min(keep[node], max(0, 1 - parameters.investmentElasticity * share))
        moved = max(moved, keep[node] - nextKeep[node])
      }
      let unfunded = zip(owedFlows, paidFlows).reduce(0) { $0 + $1.0 - $1.1 }
      var cut = 0.0
      for (position, flow) in flows.enumerated() where flow.isPendingInvestment {
        cut += baseline(flow) - owedFlows[position]
      }
      trace.append(
        StressRun.RoundTrace(
          round: rounds, newDefaults: newDefaults, unfunded: unfunded,
          revenueLost: revenueLost.reduce(0) { $0 + max(0, $1) }, investmentCut: cut,
          losses: (0..<n).compactMap { node in
            let increase = revenueLost[node] - previousLoss[node]
            return increase > 1e-6 ? StressRun.CompanyLoss(company: companies[node], revenueLost: increase) : nil
          }))
      previousLoss = revenueLost
      keep = nextKeep
      if moved <= parameters.tolerance && newDefaults.isEmpty {
        converged = true
        break
      }
    }
    // Per-company outcome from the last round.
    var rows: [CompanyStress] = []
    let (distress, linear) = debtRankDistress(end)
    var totalRevenueLost = 0.0
    var totalCut = 0.0
    var totalUnfunded = 0.0
    for node in 0..<n {
      var owed = 0.0
      var paid = 0.0
      var revenueLost = 0.0
      var investmentLost = 0.0
      var cut = 0.0
      for (position, flow) in flows.enumerated() {
        if flow.payer == node {
          owed += owedFlows[position]
          paid += paidFlows[position]
          if flow.isPendingInvestment { cut += baseline(flow) - owedFlows[position] }
        }
        if flow.payee == node, flow.deal != nil {
          if flow.flowClass == .purchase { revenueLost += baseline(flow) - paidFlows[position] }
          if flow.isPendingInvestment { investmentLost += baseline(flow) - paidFlows[position] }
        }
      }
      let id = companies[node]
      // Vendors outside the ledger are not one company: no valuation for them.
      let valuationChange = id == StressModel.outside ? 0 : -parameters.revenueMultiple * revenueLost
      totalRevenueLost += revenueLost
      totalCut += cut
      totalUnfunded += owed - paid
      rows.append(
        CompanyStress(
          id: id, baselineObligations: baselineOut[node], obligations: owed, paid: paid,
          unfunded: owed - paid, revenueLost: revenueLost, investmentLost: investmentLost,
          investmentCut: cut, valuationChange: valuationChange,
          valuationChangeShare: valuations[id].map { $0 > 0 ? valuationChange / $0 : 0 },
          defaulted: defaultRound[node] != nil, defaultRound: defaultRound[node],
          distress: distress.distress[node],
          resources: resources[node].map { "limited to \(MoneyText.plain($0, currency: "USD")) a year" }
            ?? "unconstrained"))
    }
    rows.sort { ($0.revenueLost + $0.unfunded, $1.id) > ($1.revenueLost + $1.unfunded, $0.id) }
    // Loops whose flow fell.
    var broken: [StressRun.BrokenLoop] = []
    for loop in loops {
      var retention = Double.infinity
      for step in loop.steps {
        guard let p = index[step.payer], let q = index[step.payee] else { continue }
        var before = 0.0
        var after = 0.0
        for (position, flow) in flows.enumerated() where flow.payer == p && flow.payee == q && flow.deal != nil {
          before += baseline(flow)
          after += paidFlows[position]
        }
        if before > 0 { retention = min(retention, after / before) }
      }
      if retention.isFinite, retention < 1 - 1e-9 {
        broken.append(StressRun.BrokenLoop(path: loop.path, retention: retention))
      }
    }
    broken.sort { ($0.retention, $0.path.count) < ($1.retention, $1.path.count) }
    return StressRun(
      end: end.rawValue, rounds: rounds, converged: converged, companies: rows,
      totals: StressRun.Totals(
        baselineFlows: flows.filter { $0.deal != nil }.reduce(0) { $0 + baseline($1) },
        unfunded: totalUnfunded, revenueLost: totalRevenueLost, investmentCut: totalCut,
        defaults: defaultRound.lazy.compactMap { $0 }.count),
      brokenLoops: broken, trace: trace, debtRank: distress.debtRank, linearDebtRank: linear.debtRank)
  }

  /// DebtRank of the shock on the baseline flows: the impact of `s` on `t` is the share of `t`'s
  /// annual resources (outside resources plus baseline inflows) that flows from `s`; companies with
  /// unconstrained resources are not exposed.
  ///
  /// The shock's initial distress is the share of each company's resources it removes directly (1
  /// for a company that defaults).
  private func debtRankDistress(_ end: AmountEnd) -> (DebtRankResult, DebtRankResult) {
    let n = companies.count
    var inflow = [Double](repeating: 0, count: n)
    var pair: [Int: [Int: Double]] = [:]
    for flow in flows where flow.deal != nil {
      let amount = flow.amounts[end] ?? 0
      inflow[flow.payee] += amount
      pair[flow.payer, default: [:]][flow.payee, default: 0] += amount
    }
    let capacity = (0..<n).map { node in resources[node].map { $0 + inflow[node] } }
    var edges: [(source: Int, target: Int, weight: Double)] = []
    for (s, targets) in pair {
      for (t, amount) in targets where capacity[t] != nil { edges.append((s, t, amount)) }
    }
    let exposures = FlowNetwork(nodeCount: n, edges: edges)
    let capital = (0..<n).map { capacity[$0] ?? .infinity }
    let finite = capacity.compactMap { $0 }.reduce(0, +)
    let value = (0..<n).map { node in finite > 0 ? (capacity[node] ?? 0) / finite : 0 }
    var shock: [Int: Double] = [:]
    for node in forcedDefault { shock[node] = 1 }
    for flow in flows where flow.deal != nil && flow.kept < 1 {
      if let c = capacity[flow.payee], c > 0 {
        shock[flow.payee, default: 0] += (flow.amounts[end] ?? 0) * (1 - flow.kept) / c
      }
    }
    for node in shock.keys { shock[node] = min(1, shock[node] ?? 0) }
    let none = DebtRankResult(distress: [Double](repeating: 0, count: n), debtRank: 0, initialLoss: 0, steps: 0)
    return (
      (try? debtRank(exposures: exposures, capital: capital, value: value, shock: shock)) ?? none,
      (try? linearDebtRank(exposures: exposures, capital: capital, value: value, shock: shock)) ?? none
    )
  }
}
