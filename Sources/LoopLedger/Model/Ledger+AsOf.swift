/// What `--as-of DATE` did to a ledger.
///
/// The deals it left out, where it placed undated deals, and the deals it shows with an earlier
/// status. Every output of an as-of ledger says so.
public struct LedgerView: Codable, Sendable, Equatable {
  /// The date the ledger is shown as of.
  public var asOf: PartialDate
  /// Deals reported after the date: left out.
  public var notYetReported: [DealID]
  /// Deals without an announcement date, placed at the earliest date their sources were
  /// published (an assumption: the deal existed by then, perhaps earlier).
  public var placedBySources: [DealID]
  /// Deals with no date at all (no announcement date, no dated status, no dated source): left out.
  public var undated: [DealID]
  /// Deals shown with the status they had on the date.
  public var earlierStatus: [EarlierStatus]
  /// Facts dated after the date: left out.
  public var factsNotYet: [String]

  public struct EarlierStatus: Codable, Sendable, Equatable {
    public var deal: DealID
    /// The status on the date.
    public var then: DealStatus
    /// The status in the full ledger.
    public var now: DealStatus
  }
}

extension Ledger {
  /// When the ledger first knows `deal`: its announcement date; else the date of its first status;
  /// else the earliest publication date of its sources (`bySources` true); nil when none is known.
  public func knownDate(of deal: Deal) -> (date: PartialDate, bySources: Bool)? {
    if let announced = deal.announced { return (announced, false) }
    if let first = deal.statusHistory?.first?.date { return (first, false) }
    let published = deal.sources.compactMap { document($0.document)?.published }
    return published.min().map { ($0, true) }
  }

  /// The ledger as it stood on `date`.
  ///
  /// - a deal counts once it has been reported: from the last day its date can mean (announced
  ///   `2025-09` counts from 30 September 2025); an undated deal from the earliest publication of
  ///   its sources (listed in ``LedgerView/placedBySources``); a deal with no date at all is left out;
  /// - a deal with a ``Deal/statusHistory`` shows the status it had on the date (the history
  ///   includes the change a later deal's `supersedes` made, dated by that deal);
  /// - facts dated after the date are left out; undated facts stay;
  /// - a derived amount whose base is left out becomes unknown (and stays marked derived).
  ///
  /// - Complexity: O(d·h + f + s), d deals with h status changes each, f facts, s sources.
  public func asOf(_ date: PartialDate) -> Ledger {
    var view = LedgerView(
      asOf: date, notYetReported: [], placedBySources: [], undated: [], earlierStatus: [], factsNotYet: [])
    var kept: [Deal] = []
    for deal in deals {
      guard let known = knownDate(of: deal) else {
        view.undated.append(deal.id)
        continue
      }
      guard known.date.latest <= date.latest else {
        view.notYetReported.append(deal.id)
        continue
      }
      if known.bySources { view.placedBySources.append(deal.id) }
      var shown = deal
      let then = deal.status(on: date)
      if then != deal.status {
        view.earlierStatus.append(LedgerView.EarlierStatus(deal: deal.id, then: then, now: deal.status))
        shown.status = then
        if then != .superseded { shown.supersededBy = nil }
      }
      kept.append(shown)
    }
    let facts = self.facts.filter { fact in
      guard let asOf = fact.asOf, asOf.latest > date.latest else { return true }
      view.factsNotYet.append(fact.id)
      return false
    }
    var result = Ledger(
      id: id, title: title, asOf: date, documents: documents, fxRates: fxRates, companies: companies,
      deals: kept, facts: facts)
    result.view = view
    return result
  }
}
