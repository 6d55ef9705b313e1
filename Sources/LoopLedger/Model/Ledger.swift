/// A validated collection of companies, deals, facts, documents and exchange rates.
///
/// A `Ledger` is built by ``LedgerFile`` (which validates everything and reports all problems at
/// once) or by ``EdgeListCSV``. Its lookups are precomputed, so analyses never search arrays.
public struct Ledger: Sendable, Equatable {
  public var id: String
  public var title: String
  public var asOf: PartialDate?
  public private(set) var documents: [Document]
  public private(set) var fxRates: [FXRate]
  public private(set) var companies: [Company]
  public private(set) var deals: [Deal]
  public private(set) var facts: [Fact]
  /// Set on a ledger shown as of a date (``asOf(_:)``): what that view changed.
  public var view: LedgerView? = nil

  private var companyIndex: [CompanyID: Int]
  private var dealIndex: [DealID: Int]
  private var documentIndex: [String: Int]

  /// Creates a ledger from parts that are already valid; ``LedgerFile/validate(_:)`` checks them.
  public init(
    id: String, title: String, asOf: PartialDate? = nil, documents: [Document] = [],
    fxRates: [FXRate] = [], companies: [Company], deals: [Deal], facts: [Fact] = []
  ) {
    self.id = id
    self.title = title
    self.asOf = asOf
    self.documents = documents
    self.fxRates = fxRates
    self.companies = companies
    self.deals = deals
    self.facts = facts
    companyIndex = Dictionary(
      companies.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    dealIndex = Dictionary(
      deals.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    documentIndex = Dictionary(
      documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  public static func == (lhs: Ledger, rhs: Ledger) -> Bool {
    lhs.id == rhs.id && lhs.title == rhs.title && lhs.asOf == rhs.asOf
      && lhs.documents == rhs.documents && lhs.fxRates == rhs.fxRates
      && lhs.companies == rhs.companies && lhs.deals == rhs.deals && lhs.facts == rhs.facts && lhs.view == rhs.view
  }

  public func company(_ id: CompanyID) -> Company? { companyIndex[id].map { companies[$0] } }
  public func deal(_ id: DealID) -> Deal? { dealIndex[id].map { deals[$0] } }
  public func document(_ id: String) -> Document? { documentIndex[id].map { documents[$0] } }

  /// The company's display name in `language`, or its id if it is not in the ledger.
  public func name(of id: CompanyID, in language: Language = .english) -> String {
    company(id)?.names.name(in: language) ?? id.rawValue
  }

  /// The top of the company's parent chain: `aws` → `amazon`.
  public func group(of id: CompanyID) -> CompanyID {
    var current = id
    var seen: Set<CompanyID> = [id]
    while let parent = company(current)?.parent, seen.insert(parent).inserted {
      current = parent
    }
    return current
  }

  /// Units per US dollar for `currency`, from the ledger's rates; 1 for USD; nil if no rate is stored.
  public func perUSD(_ currency: String) -> Double? {
    if currency == "USD" { return 1 }
    return fxRates.first { $0.currency == currency }?.perUSD
  }

  /// The amount in US dollars, or nil when its currency has no rate (validation prevents that).
  public func usdInterval(of amount: Amount) -> Interval? {
    usdInterval(of: amount, depth: 0)
  }

  /// The amount a derivation is a share of: the deal's with that id, else the money fact's.
  public func derivationBase(_ id: DealID) -> Amount? {
    if let deal = deal(id) { return deal.amount }
    return facts.first { $0.id == id.rawValue && $0.value.currency != nil }?.value
  }

  /// A derived amount follows its chain of deals at most this far (the ledger reader refuses
  /// longer chains and cycles).
  public static let derivationDepth = 8

  private func usdInterval(of amount: Amount, depth: Int) -> Interval? {
    if let derivation = amount.derived, amount.assumed == nil {
      guard depth < Self.derivationDepth, let base = derivationBase(derivation.of),
        let interval = usdInterval(of: base, depth: depth + 1)
      else { return Interval(low: nil, high: nil, estimate: nil, isDerived: true) }
      return derivation.apply(to: interval)
    }
    guard let currency = amount.currency else {
      return amount.qualifier == .unstated ? amount.statedInterval : nil
    }
    return perUSD(currency).map { amount.interval(perUSD: $0) }
  }

  /// Returns a copy whose deals carry the given assumptions in place of unknown amounts.
  ///
  /// - Throws: ``LedgerError/unknownDeal(_:)`` if an id names no deal.
  public func assuming(_ assumptions: [DealID: Assumption]) throws -> Ledger {
    var copy = self
    for (id, assumption) in assumptions {
      guard let index = dealIndex[id] else { throw LedgerError.unknownDeal(id.rawValue) }
      copy.deals[index].amount.assumed = assumption
    }
    return copy
  }
}
