/// What a deal buys or gives: the money behind it flows from payer to payee.
public enum DealKind: String, Codable, Sendable, CaseIterable {
  case equityInvestment = "equity_investment"
  case computePurchase = "compute_purchase"
  case chipPurchase = "chip_purchase"
  case cloudContract = "cloud_contract"
  case softwareSale = "software_sale"
  case loan
  case warrant
  case other

  /// Which side of the investment–procurement loop the deal stands on.
  public var flowClass: FlowClass {
    switch self {
    case .equityInvestment, .loan, .warrant: .investment
    case .computePurchase, .chipPurchase, .cloudContract, .softwareSale: .purchase
    case .other: .other
    }
  }
}

/// The two halves of the investment–procurement loop, and the rest.
public enum FlowClass: String, Codable, Sendable, CaseIterable {
  /// Capital given: equity, loans, warrants.
  case investment
  /// Revenue paid: chips, cloud, compute, software.
  case purchase
  case other
}

/// How far a deal has gone.
public enum DealStatus: String, Codable, Sendable, CaseIterable {
  /// Under negotiation (擬 / 磋商 / in talks).
  case talks
  /// Intended but not signed (計劃 / plans).
  case planned
  /// Announced or signed.
  case announced
  /// Completed or paid.
  case closed
  /// Not stated, but follows from another deal (a cloud provider renting out GPUs must buy them).
  case implied
  /// Called off.
  case cancelled
  /// Replaced by another deal, named by `supersededBy`.
  case superseded

  /// The statuses a graph includes unless told otherwise: all but cancelled and superseded.
  public static let defaultIncluded: Set<DealStatus> = [
    .talks, .planned, .announced, .closed, .implied,
  ]
}

/// One flow of money between two companies, as the sources report it.
public struct Deal: Codable, Sendable, Equatable, Identifiable {
  public var id: DealID
  /// The side money flows from: the investor, or the buyer.
  public var payer: CompanyID
  /// The side money flows to: the investee, or the seller.
  public var payee: CompanyID
  public var kind: DealKind
  public var amount: Amount
  public var announced: PartialDate?
  /// The length of a multi-year contract.
  public var termYears: Double?
  public var status: DealStatus
  public var supersededBy: DealID?
  /// Deals this one replaces, possibly in a ledger this one extends; loading marks each of them
  /// `superseded` with `supersededBy` pointing here, so a refined figure is never counted twice.
  public var supersedes: [DealID]?
  public var sources: [Source]
  public var note: String?
  /// The statuses the deal has had, oldest first.
  ///
  /// The last equals `status`; nil when it has had only `status`. `--as-of DATE` shows the status
  /// it had then.
  public var statusHistory: [StatusChange]?

  public init(
    id: DealID, payer: CompanyID, payee: CompanyID, kind: DealKind, amount: Amount,
    announced: PartialDate? = nil, termYears: Double? = nil, status: DealStatus,
    supersededBy: DealID? = nil, supersedes: [DealID]? = nil, sources: [Source],
    note: String? = nil, statusHistory: [StatusChange]? = nil
  ) {
    self.id = id
    self.payer = payer
    self.payee = payee
    self.kind = kind
    self.amount = amount
    self.announced = announced
    self.termYears = termYears
    self.status = status
    self.supersededBy = supersededBy
    self.supersedes = supersedes
    self.sources = sources
    self.note = note
    self.statusHistory = statusHistory
  }

  /// The status on `date` (the last change on or before it, by the last day each change's date
  /// can mean; before the first change, the first status), or `status` without a history.
  public func status(on date: PartialDate) -> DealStatus {
    guard let history = statusHistory, let first = history.first else { return status }
    var current = first.status
    for change in history.dropFirst() {
      guard let when = change.date, when.latest <= date.latest else { break }
      current = change.status
    }
    return current
  }
}

/// A dated change of a deal's status, as a source reported it ("announced 2025-09-22,
/// superseded 2026-02-27").
public struct StatusChange: Codable, Sendable, Equatable {
  public var status: DealStatus
  /// When it took this status; nil only for the first entry (from when the deal was first reported).
  public var date: PartialDate?
  /// The words that report the change.
  public var source: Source?
  public var note: String?

  public init(status: DealStatus, date: PartialDate? = nil, source: Source? = nil, note: String? = nil) {
    self.status = status
    self.date = date
    self.source = source
    self.note = note
  }
}

/// What a ``Fact`` measures.
public enum FactMetric: String, Codable, Sendable, CaseIterable {
  case commitments
  case capitalRaised = "capital_raised"
  case revenue
  case valuation
  case loss
  case stake
  case survey
  case capacity
  case other
}

/// A figure that is not a flow between two companies: commitments, revenue, a survey result.
public struct Fact: Codable, Sendable, Equatable, Identifiable {
  public var id: String
  /// The company it describes; nil for context figures such as surveys.
  public var company: CompanyID?
  public var metric: FactMetric
  public var value: Amount
  public var asOf: PartialDate?
  /// One line a reader understands.
  public var label: String?
  public var sources: [Source]
  public var note: String?

  public init(
    id: String, company: CompanyID?, metric: FactMetric, value: Amount, asOf: PartialDate? = nil,
    label: String? = nil, sources: [Source], note: String? = nil
  ) {
    self.id = id
    self.company = company
    self.metric = metric
    self.value = value
    self.asOf = asOf
    self.label = label
    self.sources = sources
    self.note = note
  }
}
