/// Whether the graph merges business units into their group.
public enum GraphLevel: String, Codable, Sendable, CaseIterable {
  /// AWS counts as Amazon, Azure as Microsoft (the default).
  case group
  /// Each company and unit is its own node.
  case unit
}

/// Which deals a graph includes.
public struct GraphFilter: Codable, Sendable, Equatable {
  public var level: GraphLevel
  /// Statuses to include; by default all but cancelled and superseded.
  public var statuses: Set<DealStatus>
  /// Kinds to include; nil for all.
  public var kinds: Set<DealKind>?
  /// Earliest announcement date to include (deals without a date are then excluded).
  public var from: PartialDate?
  /// Latest announcement date to include (deals without a date are then excluded).
  public var to: PartialDate?
  /// True for dollars per year (``AnnualRule``: contracts over their terms, investments in
  /// full, in the year paid); nil for the deals' total amounts (and left out of the JSON).
  public var perYear: Bool?

  public init(
    level: GraphLevel = .group, statuses: Set<DealStatus> = DealStatus.defaultIncluded,
    kinds: Set<DealKind>? = nil, from: PartialDate? = nil, to: PartialDate? = nil, perYear: Bool = false
  ) {
    self.level = level
    self.statuses = statuses
    self.kinds = kinds
    self.from = from
    self.to = to
    self.perYear = perYear ? true : nil
  }
}

/// Why a deal is not in a graph.
public enum ExclusionReason: Codable, Sendable, Equatable, CustomStringConvertible {
  case status(DealStatus)
  case kind(DealKind)
  case outsideDates
  case undated
  /// Both sides belong to the same group, and the graph is at group level.
  case withinGroup(CompanyID)

  public var description: String {
    switch self {
    case .status(let status): "status '\(status.rawValue)' not included"
    case .kind(let kind): "kind '\(kind.rawValue)' not included"
    case .outsideDates: "announced outside the date range"
    case .undated: "no announcement date, and a date range was given"
    case .withinGroup(let group): "both sides belong to group '\(group)'"
    }
  }
}

/// The money-flow graph of a ledger: one node per company (or group), one edge per ordered pair
/// that has deals, with the deals' summed amounts as an ``Interval`` in US dollars.
public struct LedgerGraph: Sendable {
  /// The company (or group) at each node, sorted by id.
  public let companies: [CompanyID]
  /// The network; each edge's weight is its amount's ranking value (estimate, else low bound).
  public let network: FlowNetwork
  /// The total amount of each edge, by flow class, in CSR order.
  public let edgeAmounts: [ClassAmounts]
  /// The deals behind each edge, in CSR order.
  public let edgeDeals: [[DealID]]
  /// Deals left out, with the reason.
  public let excluded: [(deal: DealID, reason: ExclusionReason)]
  public let filter: GraphFilter

  private let nodeIndex: [CompanyID: Int]

  /// An edge's amount split by side of the loop; a class with no deals is exactly zero.
  public struct ClassAmounts: Sendable, Equatable {
    public var investment: Interval = .zero
    public var purchase: Interval = .zero
    public var other: Interval = .zero
    public var total: Interval { investment + purchase + other }

    public subscript(flowClass: FlowClass) -> Interval {
      get {
        switch flowClass {
        case .investment: investment
        case .purchase: purchase
        case .other: other
        }
      }
      set {
        switch flowClass {
        case .investment: investment = newValue
        case .purchase: purchase = newValue
        case .other: other = newValue
        }
      }
    }
  }

  /// Builds the graph of `ledger` under `filter`.
  public init(ledger: Ledger, filter: GraphFilter = GraphFilter()) {
    self.filter = filter
    var excluded: [(DealID, ExclusionReason)] = []
    var pairs: [Pair: (amounts: ClassAmounts, deals: [DealID])] = [:]
    var present: Set<CompanyID> = []
    for deal in ledger.deals {
      if !filter.statuses.contains(deal.status) {
        excluded.append((deal.id, .status(deal.status)))
        continue
      }
      if let kinds = filter.kinds, !kinds.contains(deal.kind) {
        excluded.append((deal.id, .kind(deal.kind)))
        continue
      }
      if filter.from != nil || filter.to != nil {
        guard let announced = deal.announced else {
          excluded.append((deal.id, .undated))
          continue
        }
        if !announced.overlaps(from: filter.from, to: filter.to) {
          excluded.append((deal.id, .outsideDates))
          continue
        }
      }
      let payer = filter.level == .group ? ledger.group(of: deal.payer) : deal.payer
      let payee = filter.level == .group ? ledger.group(of: deal.payee) : deal.payee
      if payer == payee {
        excluded.append((deal.id, .withinGroup(payer)))
        continue
      }
      var amount = ledger.usdInterval(of: deal.amount) ?? .unknown
      if filter.perYear == true, deal.kind.flowClass != .investment {
        amount = amount.scaled(by: 1 / AnnualRule.termYears(of: deal))
      }
      let key = Pair(payer: payer, payee: payee)
      var entry = pairs[key] ?? (ClassAmounts(), [])
      entry.amounts[deal.kind.flowClass] = entry.amounts[deal.kind.flowClass] + amount
      entry.deals.append(deal.id)
      pairs[key] = entry
      present.insert(payer)
      present.insert(payee)
    }
    let companies = present.sorted()
    let nodeIndex = Dictionary(uniqueKeysWithValues: companies.enumerated().map { ($1, $0) })
    var builder = FlowNetwork.Builder()
    for (key, entry) in pairs {
      guard let source = nodeIndex[key.payer], let target = nodeIndex[key.payee] else {
        preconditionFailure("both companies of every pair were inserted into present above")
      }
      builder.append(source: Int32(source), target: Int32(target), weight: entry.amounts.total.rankingValue)
    }
    let network = builder.build(nodeCount: companies.count)
    var edgeAmounts: [ClassAmounts] = []
    var edgeDeals: [[DealID]] = []
    for source in 0..<network.nodeCount {
      for position in network.edges(from: source) {
        let key = Pair(
          payer: companies[source], payee: companies[Int(network.targets[position])])
        edgeAmounts.append(pairs[key]?.amounts ?? ClassAmounts())
        edgeDeals.append(pairs[key]?.deals.sorted() ?? [])
      }
    }
    self.companies = companies
    self.nodeIndex = nodeIndex
    self.network = network
    self.edgeAmounts = edgeAmounts
    self.edgeDeals = edgeDeals
    self.excluded = excluded
  }

  /// The node of a company (or group), if it has any deal in the graph.
  public func node(of company: CompanyID) -> Int? { nodeIndex[company] }

  /// The total amount from `payer` to `payee` (exactly zero when there is no edge).
  public func amount(from payer: Int, to payee: Int) -> ClassAmounts {
    network.edge(from: payer, to: payee).map { edgeAmounts[$0] } ?? ClassAmounts()
  }
}

private struct Pair: Hashable {
  var payer: CompanyID
  var payee: CompanyID
}

extension GraphFilter {
  enum CodingKeys: String, CodingKey {
    case level, statuses, kinds, from, to
  }

  /// Writes sets as sorted arrays, so that the same filter always gives the same bytes.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(level, forKey: .level)
    try container.encode(
      DealStatus.allCases.filter { statuses.contains($0) }, forKey: .statuses)
    try container.encode(kinds.map { k in DealKind.allCases.filter { k.contains($0) } }, forKey: .kinds)
    try container.encode(from, forKey: .from)
    try container.encode(to, forKey: .to)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      level: try container.decode(GraphLevel.self, forKey: .level),
      statuses: Set(try container.decode([DealStatus].self, forKey: .statuses)),
      kinds: try container.decodeIfPresent([DealKind].self, forKey: .kinds).map(Set.init),
      from: try container.decodeIfPresent(PartialDate.self, forKey: .from),
      to: try container.decodeIfPresent(PartialDate.self, forKey: .to))
  }
}
