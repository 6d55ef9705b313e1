/// The answer to "where does the money go round, and how much of each company's revenue was its
/// own money coming back?" for one ledger: loops, a per-company table, and the key facts.
///
/// Every value is plain and `Codable`; the JSON form is documented in `docs/report-json.md` and
/// versioned by ``reportVersion``.
public struct LoopReport: Codable, Sendable, Equatable {
  /// Bumped when a field is removed or changes meaning; adding fields keeps the version.
  public static let currentVersion = 1

  public var reportVersion: Int
  public var ledger: LedgerSummary
  public var filter: GraphFilter
  /// Loops ranked by round-trip amount (estimate, else lower bound), largest first.
  public var loops: [Loop]
  /// False when the loop limit was reached before every loop was found.
  public var loopsComplete: Bool
  public var loopLimit: Int
  @Nullable public var maxLength: Int?
  public var companies: [CompanyRow]
  public var facts: [FactRow]
  /// Included deals whose amount is unknown: they count in the loops' paths, never as zero.
  public var unknownAmountDeals: [DealID]
  public var excludedDeals: [ExcludedDeal]
  /// Assumptions behind the figures, in words; every output prints them.
  public var assumptions: [Phrase]
  /// The largest part of the known flows that goes round in loops (maximum circulation).
  @Nullable public var circulation: LedgerCirculation?
  /// The loops' round trips and the money going round per certainty tier (signed, with plans,
  /// with talks, with inferences); nil when the selected deals are all of one tier.
  @Nullable public var tiers: TieredFigures? = nil
  /// For a ledger shown as of a date (`--as-of`): what that view left out or changed; absent otherwise.
  public var view: LedgerView? = nil

  /// The maximum circulation of the ledger's known flows, and one split of it into loops.
  public struct LedgerCirculation: Codable, Sendable, Equatable {
    /// `ΣC / ΣW` as a range over the low / estimate / high scenarios (unknown amounts left out).
    public var maxCircularity: Interval
    /// `ΣC` and `ΣW` in the estimate scenario (USD).
    public var circulation: Double
    public var totalFlow: Double
    /// One decomposition of the estimate scenario's circulation into loops, largest first.
    public var contributions: [Contribution]

    public struct Contribution: Codable, Sendable, Equatable {
      /// Company ids, the first repeated at the end.
      public var path: [CompanyID]
      /// Money going round this loop (USD, each step).
      public var amount: Double
      /// `true` when a step rests on a derived amount (a share of another deal's); absent
      /// otherwise, so JSON without derived amounts is unchanged.
      public var derived: Bool? = nil
    }
  }

  public struct LedgerSummary: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    @Nullable public var asOf: PartialDate?
    public var deals: Int
    public var companies: Int
  }

  /// A closed path of money.
  public struct Loop: Codable, Sendable, Equatable {
    /// Company ids along the loop, the first repeated at the end.
    public var path: [CompanyID]
    public var steps: [Step]
    /// The bottleneck: the smallest step, as an interval (USD).
    public var roundTrip: Interval
    /// Whether the loop has at least one investment step and one purchase step: the
    /// investment–procurement loop of the seed article.
    public var isInvestmentProcurement: Bool
    /// For a loop of two companies where one invests and the other buys back: investment in /
    /// purchases back, seen from the investor (nil otherwise).
    @Nullable public var investmentToPurchaseRatio: Interval?
    /// Unknown amounts on the loop.
    public var unknownDeals: [DealID]
    /// Whether a step of the loop rests only on `implied` deals (inferred, not stated by any
    /// source): such a loop is a path through the graph the sources suggest, listed after the
    /// loops the sources state.
    public var inferred = false
  }

  public struct Step: Codable, Sendable, Equatable {
    public var payer: CompanyID
    public var payee: CompanyID
    public var deals: [DealID]
    /// Total of the step's deals (USD).
    public var amount: Interval
    public var investment: Interval
    public var purchase: Interval
  }

  /// One company's place in the network.
  public struct CompanyRow: Codable, Sendable, Equatable {
    public var id: CompanyID
    /// Display names, from the ledger.
    public var names: LocalizedNames
    /// Investments it made into others in the graph.
    public var investedOut: Interval
    /// Investments it received.
    public var investmentIn: Interval
    /// Purchases others in the graph made from it: its revenue from the network.
    public var purchasesIn: Interval
    /// Purchases it made from others.
    public var purchasesOut: Interval
    /// Share of all its inflows that began as its own outflows (proportional tracing), as a
    /// range over the low / estimate / high scenarios; nil where it has no inflow.
    @Nullable public var selfFundedShare: Interval?
    /// Its investments into companies that buy from it, over their purchases from it.
    @Nullable public var roundTripRatio: Interval?
    /// How many of the listed loops pass through it.
    public var loops: Int
  }

  public struct FactRow: Codable, Sendable, Equatable {
    public var id: String
    @Nullable public var company: CompanyID?
    public var metric: FactMetric
    @Nullable public var label: String?
    public var value: Amount
    /// The value in USD, for money facts.
    @Nullable public var valueUSD: Interval?
    @Nullable public var asOf: PartialDate?
    public var sources: [Source]
  }

  public struct ExcludedDeal: Codable, Sendable, Equatable {
    public var id: DealID
    public var reason: String
  }
}

/// Options of ``LoopReport/init(ledger:options:)``.
public struct LoopReportOptions: Sendable {
  public var filter: GraphFilter
  /// Longest loop to list, in steps; nil for no bound.
  public var maxLength: Int?
  /// Most loops to list.
  public var limit: Int
  /// List only loops through this company (or group).
  public var company: CompanyID?
  /// External money per company for flow tracing (see ``FlowTracing``); others use the default.
  public var externalMoney: [CompanyID: Double]
  /// Whether to compute the figures per certainty tier (``TieredFigures``).
  public var tiers: Bool

  public init(
    filter: GraphFilter = GraphFilter(), maxLength: Int? = nil, limit: Int = 1_000,
    company: CompanyID? = nil, externalMoney: [CompanyID: Double] = [:], tiers: Bool = true
  ) {
    self.tiers = tiers
    self.filter = filter
    self.maxLength = maxLength
    self.limit = limit
    self.company = company
    self.externalMoney = externalMoney
  }
}

extension LoopReport {
  /// Analyses a ledger.
  ///
  /// - Throws: ``LedgerError/unknownCompany(_:)`` if `options.company` is not in the graph, or
  ///   `CancellationError`.
  public init(ledger: Ledger, options: LoopReportOptions = LoopReportOptions()) throws {
    let graph = LedgerGraph(ledger: ledger, filter: options.filter)
    var focus: Int? = nil
    if let company = options.company {
      guard let node = graph.node(of: company) else {
        throw LedgerError.unknownCompany(company.rawValue)
      }
      focus = node
    }

    // Loops; those that need an implied deal come after the stated ones.
    let implied = Set(ledger.deals.filter { $0.status == .implied }.map(\.id))
    var loops: [Loop] = []
    var complete = true
    var stored = 0
    try graph.network.forEachElementaryCycle(maxLength: options.maxLength) { cycle in
      if let focus, !cycle.contains(Int32(focus)) { return true }
      if stored == options.limit {
        complete = false
        return false
      }
      loops.append(LoopReport.loop(cycle, graph: graph, implied: implied))
      stored += 1
      return true
    }
    loops.sort {
      if $0.inferred != $1.inferred { return !$0.inferred }
      return ($0.roundTrip.rankingValue, $1.path.count, $1.path.map(\.rawValue).joined(separator: ","))
        > ($1.roundTrip.rankingValue, $0.path.count, $0.path.map(\.rawValue).joined(separator: ","))
    }

    // Per-company table.
    let n = graph.network.nodeCount
    var investedOut = [Interval](repeating: .zero, count: n)
    var investmentIn = [Interval](repeating: .zero, count: n)
    var purchasesIn = [Interval](repeating: .zero, count: n)
    var purchasesOut = [Interval](repeating: .zero, count: n)
    for source in 0..<n {
      for position in graph.network.edges(from: source) {
        let target = Int(graph.network.targets[position])
        let amounts = graph.edgeAmounts[position]
        investedOut[source] = investedOut[source] + amounts.investment
        investmentIn[target] = investmentIn[target] + amounts.investment
        purchasesOut[source] = purchasesOut[source] + amounts.purchase
        purchasesIn[target] = purchasesIn[target] + amounts.purchase
      }
    }
    let shares = LoopReport.tracedShares(graph: graph, externalMoney: options.externalMoney)
    var loopCounts = [Int](repeating: 0, count: n)
    for loop in loops {
      for company in loop.path.dropLast() {
        if let node = graph.node(of: company) { loopCounts[node] += 1 }
      }
    }
    var rows: [CompanyRow] = []
    for node in 0..<n {
      rows.append(
        CompanyRow(
          id: graph.companies[node],
          names: ledger.company(graph.companies[node])?.names
            ?? LocalizedNames(english: graph.companies[node].rawValue),
          investedOut: investedOut[node],
          investmentIn: investmentIn[node], purchasesIn: purchasesIn[node],
          purchasesOut: purchasesOut[node], selfFundedShare: shares[node],
          roundTripRatio: LoopReport.roundTripRatio(of: node, graph: graph),
          loops: loopCounts[node]))
    }
    rows.sort {
      ($0.purchasesIn.rankingValue, $1.id.rawValue) > ($1.purchasesIn.rankingValue, $0.id.rawValue)
    }

    // Facts, deals of unknown amount, exclusions, assumptions.
    let facts = ledger.facts.map { fact in
      FactRow(
        id: fact.id, company: fact.company, metric: fact.metric, label: fact.label,
        value: fact.value, valueUSD: fact.value.currency == nil ? nil : ledger.usdInterval(of: fact.value),
        asOf: fact.asOf, sources: fact.sources)
    }
    var unknown: [DealID] = []
    var assumptions: [Phrase] = []
    let excludedIDs = Set(graph.excluded.map(\.deal))
    for deal in ledger.deals where !excludedIDs.contains(deal.id) {
      if deal.amount.qualifier == .unstated, deal.amount.assumed == nil { unknown.append(deal.id) }
      if let assumed = deal.amount.assumed {
        let parts = [("low", assumed.low), ("estimate", assumed.estimate), ("high", assumed.high)]
          .compactMap { name, value in
            value.map { "\(name) \(MoneyText.plain($0, currency: deal.amount.currency ?? "USD"))" }
          }
        assumptions.append(
          Phrase(
            "Deal {deal} is ASSUMED ({amounts}): {reason}",
            [
              "deal": .text(deal.id.rawValue), "amounts": .text(parts.joined(separator: ", ")),
              "reason": .text(assumed.reason),
            ]))
      }
    }
    assumptions.append(
      Phrase(
        "Self-funded share: proportional flow tracing; a company's external money is taken as max(0, outflows − inflows) unless given; the range spans three scenarios (every amount at its low end, its estimate, its high end) and is not a guaranteed bound."
      ))
    for (company, money) in options.externalMoney.sorted(by: { $0.key < $1.key }) {
      assumptions.append(
        Phrase(
          "External money of {company} ASSUMED to be {amount} for flow tracing.",
          ["company": .text(company.rawValue), "amount": .money(money)]))
    }
    assumptions.append(
      ledger.fxRates.isEmpty
        ? Phrase("Amounts in other currencies are converted with the ledger's own rates: none stored.")
        : Phrase(
          "Amounts in other currencies are converted with the ledger's own rates: {rates}.",
          ["rates": .text(ledger.fxRates.map { "1 USD = \($0.perUSD) \($0.currency)" }.joined(separator: ", "))]))

    if options.filter.perYear == true {
      let included = Set(graph.edgeDeals.flatMap { $0 })
      let withoutTerm = ledger.deals.filter {
        included.contains($0.id) && $0.kind.flowClass != .investment && $0.termYears == nil
      }.count
      assumptions.append(
        Phrase(
          "Per-year view: contracts are spread over their terms ({count} without a stated term over {years} years, ASSUMED); investments count in full, in the year they are paid.",
          ["count": .number(Double(withoutTerm)), "years": .number(AnnualRule.defaultTermYears)]))
    }
    if let view = ledger.view { assumptions += LoopReport.viewPhrases(view) }
    let circulation = try LoopReport.circulation(graph: graph)
    assumptions.append(
      Phrase(
        "Maximum circulation: the largest balanced part of the known flows (amounts not stated left out); its split into loops is one decomposition among several."
      ))
    self.init(
      reportVersion: LoopReport.currentVersion,
      ledger: LedgerSummary(
        id: ledger.id, title: ledger.title, asOf: ledger.asOf, deals: ledger.deals.count,
        companies: ledger.companies.count),
      filter: options.filter, loops: loops, loopsComplete: complete, loopLimit: options.limit,
      maxLength: options.maxLength, companies: rows, facts: facts, unknownAmountDeals: unknown,
      excludedDeals: graph.excluded.map { ExcludedDeal(id: $0.deal, reason: $0.reason.description) },
      assumptions: assumptions, circulation: circulation)
    view = ledger.view
    if options.tiers {
      tiers = try TieredFigures.compute(ledger: ledger, options: options, full: self)
    }
  }

  /// Maximum circulation of the graph's known flows, per scenario, and its loops.
  private static func circulation(graph: LedgerGraph) throws -> LedgerCirculation? {
    let network = graph.network
    guard network.edgeCount > 0 else { return nil }
    func scenario(_ pick: (Interval) -> Double) throws -> (FlowNetwork, MaximumCirculation) {
      let scenarioNetwork = FlowNetwork(
        nodeCount: network.nodeCount, offsets: network.offsets, targets: network.targets,
        weights: graph.edgeAmounts.map { pick($0.total) })
      return (scenarioNetwork, try scenarioNetwork.maximumCirculation())
    }
    let low = try scenario { $0.low ?? 0 }.1
    let (estimateNetwork, estimate) = try scenario { $0.estimate ?? $0.low ?? 0 }
    let high = try scenario { $0.high ?? $0.estimate ?? $0.low ?? 0 }.1
    guard estimate.totalFlow > 0 else { return nil }
    let values = [low, estimate, high].filter { $0.totalFlow > 0 }.map(\.maxCircularity)
    let contributions = estimate.cycleDecomposition(of: estimateNetwork).map { cycle in
      let derived = cycle.nodes.indices.contains { index in
        let payer = Int(cycle.nodes[index])
        let payee = Int(cycle.nodes[(index + 1) % cycle.nodes.count])
        return graph.network.edge(from: payer, to: payee).map { graph.edgeAmounts[$0].total.isDerived } ?? false
      }
      return LedgerCirculation.Contribution(
        path: cycle.nodes.map { graph.companies[Int($0)] } + [graph.companies[Int(cycle.nodes[0])]],
        amount: cycle.amount, derived: derived ? true : nil)
    }
    return LedgerCirculation(
      maxCircularity: Interval(
        low: values.min(), high: values.max(), estimate: estimate.maxCircularity, missingEstimates: 0,
        isDerived: graph.edgeAmounts.contains { $0.total.isDerived }),
      circulation: estimate.circulation, totalFlow: estimate.totalFlow, contributions: contributions)
  }

  private static func loop(_ cycle: UnsafeBufferPointer<Int32>, graph: LedgerGraph, implied: Set<DealID>) -> Loop {
    var steps: [Step] = []
    var roundTrip: Interval? = nil
    var unknownDeals: [DealID] = []
    for index in 0..<cycle.count {
      let payer = Int(cycle[index])
      let payee = Int(cycle[(index + 1) % cycle.count])
      let position = graph.network.edge(from: payer, to: payee)
      let amounts = position.map { graph.edgeAmounts[$0] } ?? LedgerGraph.ClassAmounts()
      let deals = position.map { graph.edgeDeals[$0] } ?? []
      let total = amounts.total
      steps.append(
        Step(
          payer: graph.companies[payer], payee: graph.companies[payee], deals: deals,
          amount: total, investment: amounts.investment, purchase: amounts.purchase))
      roundTrip = roundTrip.map { Interval.minimum($0, total) } ?? total
      if total.missingEstimates > 0 { unknownDeals.append(contentsOf: deals) }
    }
    // Start the loop at its largest investment step, so that it reads investor → … → investor.
    let investmentSteps = steps.indices.filter { steps[$0].investment != .zero }
    if let first = investmentSteps.max(by: {
      (steps[$0].investment.rankingValue, $1) < (steps[$1].investment.rankingValue, $0)
    }) {
      steps = Array(steps[first...] + steps[..<first])
    }
    let hasInvestment = !investmentSteps.isEmpty
    let hasPurchase = steps.contains { $0.purchase != .zero }
    var ratio: Interval? = nil
    if steps.count == 2 {
      for (out, back) in [(steps[0], steps[1]), (steps[1], steps[0])]
      where out.investment != .zero && back.purchase != .zero && ratio == nil {
        ratio = Interval.ratio(out.investment, back.purchase)
      }
    }
    var path = steps.map(\.payer)
    path.append(steps[0].payer)
    let inferred = steps.contains { step in !step.deals.isEmpty && step.deals.allSatisfy(implied.contains) }
    return Loop(
      path: path, steps: steps, roundTrip: roundTrip ?? .unknown,
      isInvestmentProcurement: hasInvestment && hasPurchase, investmentToPurchaseRatio: ratio,
      unknownDeals: unknownDeals, inferred: inferred)
  }

  /// Self-funded shares as a range over three scenarios of the interval amounts.
  private static func tracedShares(graph: LedgerGraph, externalMoney: [CompanyID: Double])
    -> [Interval?]
  {
    let network = graph.network
    let n = network.nodeCount
    guard n <= FlowTracing.maxNodes else { return [Interval?](repeating: nil, count: n) }
    let external: [Double?] = graph.companies.map { externalMoney[$0] }
    func scenario(_ pick: (Interval) -> Double) -> [Double?] {
      let weights = graph.edgeAmounts.map { pick($0.total) }
      let scenarioNetwork = FlowNetwork(
        nodeCount: n, offsets: network.offsets, targets: network.targets, weights: weights)
      return FlowTracing.selfFundedShares(of: scenarioNetwork, externalMoney: external)
    }
    let low = scenario { $0.low ?? 0 }
    let estimate = scenario { $0.estimate ?? $0.low ?? 0 }
    let high = scenario { $0.high ?? $0.estimate ?? $0.low ?? 0 }
    let reverse = network.transposed()
    return (0..<n).map { node in
      let values = [low[node], estimate[node], high[node]].compactMap { $0 }
      guard !values.isEmpty else {
        // Inflows exist but none has a figure: the share is unknown, not absent.
        return reverse.edges(from: node).isEmpty ? nil : .unknown
      }
      let assumed = graph.edgeAmounts.contains { $0.total.isAssumed }
      return Interval(
        low: values.min(), high: values.max(), estimate: estimate[node],
        missingEstimates: 0, isAssumed: assumed || externalMoney[graph.companies[node]] != nil)
    }
  }

  /// Investments from `node` into companies that buy from it, over those companies' purchases.
  ///
  /// Bounds use every such counterparty; the estimate uses only counterparties whose investment
  /// and purchases both have an estimate (the others, and unstated deals within them, are counted
  /// in `missingEstimates`), so an investment is never set against purchases that are not stated.
  private static func roundTripRatio(of node: Int, graph: LedgerGraph) -> Interval? {
    var invested = Interval.zero
    var boughtBack = Interval.zero
    var estimatedInvested = 0.0
    var estimatedBack = 0.0
    var left = 0
    var any = false
    for position in graph.network.edges(from: node) {
      let other = Int(graph.network.targets[position])
      let out = graph.edgeAmounts[position].investment
      let back = graph.amount(from: other, to: node).purchase
      guard out != .zero, back != .zero else { continue }
      invested = invested + out
      boughtBack = boughtBack + back
      any = true
      if let x = out.estimate, let y = back.estimate {
        estimatedInvested += x
        estimatedBack += y
        left += out.missingEstimates + back.missingEstimates
      } else {
        left += 1
      }
    }
    guard any else { return nil }
    var ratio = Interval.ratio(invested, boughtBack)
    ratio.estimate = estimatedBack > 0 ? estimatedInvested / estimatedBack : nil
    ratio.missingEstimates = left
    return ratio
  }
}

extension LoopReport {
  /// What an as-of view did to the ledger (``Ledger/asOf(_:)``), in words a report lists among
  /// its assumptions: deals left out or shown with an earlier status, deals placed at their
  /// sources' date (an assumption), deals with no date at all.
  public static func viewPhrases(_ view: LedgerView) -> [Phrase] {
    var phrases = [
      Phrase(
        "As of {date}: the ledger as it stood then — {later} deals reported later left out, {earlier} shown with the status they had then, {facts} facts dated later left out.",
        [
          "date": .text(view.asOf.description), "later": .number(Double(view.notYetReported.count)),
          "earlier": .number(Double(view.earlierStatus.count)), "facts": .number(Double(view.factsNotYet.count)),
        ])
    ]
    if !view.placedBySources.isEmpty {
      phrases.append(
        Phrase(
          "As of {date}: {count} deals without an announcement date are placed at the date their sources were published (ASSUMED; they may be older): {deals}.",
          [
            "date": .text(view.asOf.description), "count": .number(Double(view.placedBySources.count)),
            "deals": .text(view.placedBySources.map(\.rawValue).joined(separator: ", ")),
          ]))
    }
    if !view.undated.isEmpty {
      phrases.append(
        Phrase(
          "As of {date}: {count} deals with no date at all are left out: {deals}.",
          [
            "date": .text(view.asOf.description), "count": .number(Double(view.undated.count)),
            "deals": .text(view.undated.map(\.rawValue).joined(separator: ", ")),
          ]))
    }
    return phrases
  }
}
