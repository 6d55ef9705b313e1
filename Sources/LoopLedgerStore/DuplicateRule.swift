import LoopLedger

/// A deal that looks like one already in the store.
public struct DuplicateMatch: Sendable, Equatable, Codable {
  /// The new deal (or the candidate's draft deal).
  public var deal: DealID
  /// The stored deal it probably restates.
  public var existing: DealID

  public init(deal: DealID, existing: DealID) {
    self.deal = deal
    self.existing = existing
  }
}

/// When two deals are probably the same deal reported twice.
///
/// Two deals are **likely duplicates** when all of these hold:
///
/// 1. **Same payer and same payee**, compared at group level (the top of each company's parent
///    chain, so `aws` and `amazon` are the same side), in the same direction.
/// 2. **Same kind** (`chip_purchase`, `equity_investment`, …).
/// 3. **Overlapping amounts**: each amount's interval in US dollars at the ledger's rates
///    (`exact`/`about` `[v, v]`, `at_least`/`more_than` `[v, ∞)`, `up_to` `[0, v]`, `range`
///    `[low, high]`), widened by ``amountTolerance`` on both sides (reports round: "about $10B" and
///    "$10.3B" are the same deal), intersect. An unstated amount, or one in a currency without a
///    rate, is unknown: `[0, ∞)`, which overlaps every amount — unknown is never taken for zero.
/// 4. **Nearby dates**: the announcement dates lie within ``maxDays`` days of each other, measured
///    between the closest days the two partial dates can mean (`2025-09` and `2025-10-02` are 2 days
///    apart). A deal without a date matches any date.
///
/// A deal is never its own duplicate, and a deal and the deal that supersedes it (either way) are
/// a known restatement, not a duplicate.
public struct DuplicateRule: Sendable, Equatable {
  /// How many days apart two announcement dates may be.
  public var maxDays: Int
  /// How far each amount interval is widened, as a share of its bounds (0.1 = 10 %).
  public var amountTolerance: Double

  public init(maxDays: Int = 31, amountTolerance: Double = 0.1) {
    self.maxDays = maxDays
    self.amountTolerance = amountTolerance
  }

  /// Whether `a` and `b` are likely the same deal, reading groups and rates from `ledger`.
  public func isLikelyDuplicate(_ a: Deal, _ b: Deal, in ledger: Ledger) -> Bool {
    guard a.id != b.id, a.kind == b.kind else { return false }
    if a.supersededBy == b.id || b.supersededBy == a.id { return false }
    if a.supersedes?.contains(b.id) == true || b.supersedes?.contains(a.id) == true { return false }
    guard ledger.group(of: a.payer) == ledger.group(of: b.payer),
      ledger.group(of: a.payee) == ledger.group(of: b.payee)
    else { return false }
    return amountsOverlap(a.amount, b.amount, in: ledger) && datesNear(a.announced, b.announced)
  }

  /// The ids of the deals among `deals` that `deal` likely duplicates, in their order.
  public func matches(for deal: Deal, among deals: [Deal], in ledger: Ledger) -> [DealID] {
    deals.filter { isLikelyDuplicate(deal, $0, in: ledger) }.map(\.id)
  }

  /// `deals` grouped by what a duplicate must share (kind, payer's group, payee's group), each
  /// group in their order: an import checks each new deal against its group only, not every deal.
  struct Index {
    fileprivate var groups: [Key: [Deal]] = [:]
    fileprivate struct Key: Hashable {
      var kind: DealKind
      var payer: CompanyID
      var payee: CompanyID
    }
  }

  func index(_ deals: [Deal], in ledger: Ledger) -> Index {
    var index = Index()
    for deal in deals { index.groups[key(deal, ledger), default: []].append(deal) }
    return index
  }

  /// `matches(for:among:in:)` over the deals of `index`: the same ids, in the same order.
  func matches(for deal: Deal, among index: Index, in ledger: Ledger) -> [DealID] {
    matches(for: deal, among: index.groups[key(deal, ledger)] ?? [], in: ledger)
  }

  private func key(_ deal: Deal, _ ledger: Ledger) -> Index.Key {
    Index.Key(kind: deal.kind, payer: ledger.group(of: deal.payer), payee: ledger.group(of: deal.payee))
  }

  /// Every pair of likely duplicates within one ledger, each pair once, in ledger order.
  public func pairs(in ledger: Ledger) -> [DuplicateMatch] {
    var result: [DuplicateMatch] = []
    let deals = ledger.deals
    for i in deals.indices {
      for j in deals.indices where j > i && isLikelyDuplicate(deals[j], deals[i], in: ledger) {
        result.append(DuplicateMatch(deal: deals[j].id, existing: deals[i].id))
      }
    }
    return result
  }

  /// Whether the two amounts' widened USD intervals intersect (unknown overlaps everything).
  public func amountsOverlap(_ a: Amount, _ b: Amount, in ledger: Ledger) -> Bool {
    func bounds(_ amount: Amount) -> (Double, Double) {
      guard amount.qualifier != .unstated, let interval = ledger.usdInterval(of: amount) else {
        return (0, .infinity)
      }
      let low = (interval.low ?? 0) * (1 - amountTolerance)
      let high = (interval.high ?? .infinity) * (1 + amountTolerance)
      return (low, high)
    }
    let (aLow, aHigh) = bounds(a)
    let (bLow, bHigh) = bounds(b)
    return aLow <= bHigh && bLow <= aHigh
  }

  /// Whether two partial dates can be at most ``maxDays`` days apart (nil matches anything).
  public func datesNear(_ a: PartialDate?, _ b: PartialDate?) -> Bool {
    guard let a, let b else { return true }
    return Self.daysApart(a, b) <= maxDays
  }

  /// The fewest days between any day `a` can mean and any day `b` can mean (0 if they overlap).
  public static func daysApart(_ a: PartialDate, _ b: PartialDate) -> Int {
    let (aFirst, aLast) = (dayNumber(a.earliest), dayNumber(a.latest))
    let (bFirst, bLast) = (dayNumber(b.earliest), dayNumber(b.latest))
    return max(0, aFirst - bLast, bFirst - aLast)
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
  static func dayNumber(_ date: (Int, Int, Int)) -> Int {
    let (y0, m, d) = date
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
