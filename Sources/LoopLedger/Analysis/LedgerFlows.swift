/// How firm a deal's status makes it, for drawing and for tiered figures: stated (announced,
/// closed), intended (planned, talks), implied, or void (cancelled, superseded).
public enum StatusClass: String, Codable, Sendable, CaseIterable, Comparable {
  case stated, intended, implied, void

  public init(_ status: DealStatus) {
    switch status {
    case .announced, .closed: self = .stated
    case .talks, .planned: self = .intended
    case .implied: self = .implied
    case .cancelled, .superseded: self = .void
    }
  }

  public static func < (l: StatusClass, r: StatusClass) -> Bool { l.rank < r.rank }

  /// The position in declaration order: stated, intended, implied, void.
  private var rank: Int {
    switch self {
    case .stated: 0
    case .intended: 1
    case .implied: 2
    case .void: 3
    }
  }
}

extension CompanyID {
  /// The stand-in payee for purchases from vendors that the ledger does not hold (stress tests).
  public static let outsideVendors = CompanyID("outside-vendors")
}

/// The money flows of a report, finished for drawing: the deals grouped into arrows (one per payer,
/// payee, flow class and status class, at the report's graph level) and the graph's edges split by
/// flow class.
///
/// Pictures draw these and compute nothing.
public struct LedgerFlows: Sendable, Equatable {
  /// The deals from one payer to one payee of one flow class and one status class.
  public struct Arrow: Sendable, Equatable {
    public var deals: [DealID]
    public var payer: CompanyID
    public var payee: CompanyID
    public var flowClass: FlowClass
    public var status: StatusClass
    /// The deals' summed amount in US dollars.
    public var amount: Interval
    /// Numbers (1-based) of the report's loops these deals are on.
    public var loops: [Int]
  }

  /// One edge of the graph and one flow class: every included deal of that class between the pair.
  public struct Flow: Sendable, Equatable {
    public var payer: CompanyID
    public var payee: CompanyID
    public var flowClass: FlowClass
    public var amount: Interval
    public var deals: [DealID]
  }

  /// Arrows in ledger order of their first deal.
  public var arrows: [Arrow]
  /// Edge flows in graph order (payer node, then payee), investment before purchase before other.
  public var flows: [Flow]

  /// The flows of `report`, which was computed from `ledger`.
  ///
  /// - Complexity: O(d·l + n + m) for d deals, l loop steps, n companies and m edges.
  public init(report: LoopReport, ledger: Ledger) {
    let excluded = Set(report.excludedDeals.map(\.id))
    let known = Set(report.companies.map(\.id))
    var dealLoops: [DealID: [Int]] = [:]
    for (index, loop) in report.loops.enumerated() {
      for step in loop.steps {
        for deal in step.deals where dealLoops[deal]?.last != index + 1 {
          dealLoops[deal, default: []].append(index + 1)
        }
      }
    }
    var arrows: [Arrow] = []
    var arrowIndex: [String: Int] = [:]
    for deal in ledger.deals where !excluded.contains(deal.id) {
      let payer = report.filter.level == .group ? ledger.group(of: deal.payer) : deal.payer
      let payee = report.filter.level == .group ? ledger.group(of: deal.payee) : deal.payee
      guard payer != payee, known.contains(payer), known.contains(payee) else { continue }
      let status = StatusClass(deal.status)
      let amount = ledger.usdInterval(of: deal.amount) ?? .unknown
      let key = [payer.rawValue, payee.rawValue, deal.kind.flowClass.rawValue, status.rawValue]
        .joined(separator: "\u{1}")
      let loops = dealLoops[deal.id] ?? []
      if let i = arrowIndex[key] {
        arrows[i].deals.append(deal.id)
        arrows[i].amount = arrows[i].amount + amount
        arrows[i].loops = Array(Set(arrows[i].loops + loops)).sorted()
      } else {
        arrowIndex[key] = arrows.count
        arrows.append(
          Arrow(
            deals: [deal.id], payer: payer, payee: payee, flowClass: deal.kind.flowClass, status: status,
            amount: amount, loops: loops))
      }
    }
    self.arrows = arrows

    let graph = LedgerGraph(ledger: ledger, filter: report.filter)
    var flows: [Flow] = []
    for source in 0..<graph.network.nodeCount {
      for position in graph.network.edges(from: source) {
        let target = Int(graph.network.targets[position])
        let amounts = graph.edgeAmounts[position]
        let deals = graph.edgeDeals[position]
        for flowClass in FlowClass.allCases where amounts[flowClass] != .zero {
          let classDeals = deals.filter { ledger.deal($0)?.kind.flowClass == flowClass }
          flows.append(
            Flow(
              payer: graph.companies[source], payee: graph.companies[target], flowClass: flowClass,
              amount: amounts[flowClass], deals: classDeals))
        }
      }
    }
    self.flows = flows
  }
}
