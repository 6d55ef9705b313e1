import Foundation
import Testing

@testable import LoopLedger

/// Dated status changes, `--as-of DATE` and the timeline (issue 15, item 5).
@Suite("The loop through time")
struct LedgerTimelineTests {
  private let source = #""sources": [{"document": "d", "quote": "q"}]"#

  /// Companies a and b; a document published 2025-12-17; `deals` and `facts` spliced in.
  private func json(deals: String, facts: String = "") -> String {
    """
    {"format": "loopledger-ledger", "version": 1, "id": "t", "title": "t",
     "documents": [{"id": "d", "title": "d", "published": "2025-12-17"}],
     "companies": [{"id": "a", "names": {"en": "A"}}, {"id": "b", "names": {"en": "B"}}],
     "deals": [\(deals)], "facts": [\(facts)]}
    """
  }

  /// a invests in b (2025-09, planned; cancelled 2026-01-30 per its history); b buys from a
  /// (2025-10, announced); a second investment (2026-02-27) supersedes an undated one; one deal
  /// has no date at all (its document is undated); a fact from 2026-03.
  private var ledger: Ledger {
    get throws {
      let text = """
        {"format": "loopledger-ledger", "version": 1, "id": "t", "title": "t",
         "documents": [{"id": "d", "title": "d", "published": "2025-12-17"}, {"id": "x", "title": "undated"}],
         "companies": [{"id": "a", "names": {"en": "A"}}, {"id": "b", "names": {"en": "B"}}],
         "deals": [
          {"id": "invest", "payer": "a", "payee": "b", "kind": "equity_investment", "status": "cancelled",
           "amount": {"qualifier": "exact", "value": 10, "currency": "USD"}, "announced": "2025-09", \(source),
           "statusHistory": [{"status": "planned", "date": "2025-09-22"},
                             {"status": "cancelled", "date": "2026-01-30", "source": {"document": "d", "quote": "q"}}]},
          {"id": "buy", "payer": "b", "payee": "a", "kind": "chip_purchase", "status": "announced",
           "amount": {"qualifier": "exact", "value": 8, "currency": "USD"}, "announced": "2025-10", \(source)},
          {"id": "old-stake", "payer": "a", "payee": "b", "kind": "equity_investment", "status": "closed",
           "amount": {"qualifier": "exact", "value": 3, "currency": "USD"}, \(source)},
          {"id": "new-stake", "payer": "a", "payee": "b", "kind": "equity_investment", "status": "closed",
           "amount": {"qualifier": "exact", "value": 5, "currency": "USD"}, "announced": "2026-02-27",
           "supersedes": ["old-stake"], \(source)},
          {"id": "nowhen", "payer": "b", "payee": "a", "kind": "other", "status": "talks",
           "amount": {"qualifier": "unstated"}, "sources": [{"document": "x", "quote": "q"}]}
         ],
         "facts": [{"id": "revenue", "company": "b", "metric": "revenue", "asOf": "2026-03",
                    "value": {"qualifier": "exact", "value": 1, "currency": "USD"}, \(source)}]}
        """
      return try LedgerFile.decode(Data(text.utf8), file: "t.json")
    }
  }

  @Test func aStatusOnADate() throws {
    let invest = try #require(try ledger.deal("invest"))
    #expect(invest.status(on: PartialDate("2025-10")!) == .planned)
    #expect(invest.status(on: PartialDate("2026-01-29")!) == .planned)
    #expect(invest.status(on: PartialDate("2026-01-30")!) == .cancelled)
    // A month means its last day: by the end of January 2026 it was cancelled.
    #expect(invest.status(on: PartialDate("2026-01")!) == .cancelled)
    // Without a history, the status is the deal's.
    #expect(try #require(try ledger.deal("buy")).status(on: PartialDate("2020")!) == .announced)
  }

  @Test func supersedesIsADatedStatusChange() throws {
    let old = try #require(try ledger.deal("old-stake"))
    #expect(old.status == .superseded && old.supersededBy == "new-stake")
    #expect(
      old.statusHistory?.map(\.status) == [.closed, .superseded]
        && old.statusHistory?.last?.date == PartialDate("2026-02-27"))
    #expect(old.status(on: PartialDate("2026-02-26")!) == .closed)
  }

  @Test func theLedgerAsOfADate() throws {
    let full = try ledger
    // End of 2025: the investment is still planned, the old stake current (its successor is not yet
    // reported), the undated stake placed at its document's date, the dateless deal and the 2026 fact out.
    let end2025 = full.asOf(PartialDate("2025-12-31")!)
    #expect(end2025.asOf == PartialDate("2025-12-31"))
    #expect(end2025.deals.map(\.id) == ["invest", "buy", "old-stake"])
    #expect(end2025.deal("invest")?.status == .planned)
    #expect(end2025.deal("old-stake")?.status == .closed && end2025.deal("old-stake")?.supersededBy == nil)
    let view = try #require(end2025.view)
    #expect(view.notYetReported == ["new-stake"] && view.undated == ["nowhen"])
    #expect(view.placedBySources == ["old-stake"] && view.factsNotYet == ["revenue"])
    #expect(
      view.earlierStatus == [
        .init(deal: "invest", then: .planned, now: .cancelled),
        .init(deal: "old-stake", then: .closed, now: .superseded),
      ])
    // Before the document was published, the undated stake is not known yet.
    #expect(full.asOf(PartialDate("2025-12-16")!).deals.map(\.id) == ["invest", "buy"])
    // Before anything was reported: no deals.
    #expect(full.asOf(PartialDate("2025-08-31")!).deals.isEmpty)
    // After everything: every dated deal as in the full ledger.
    let later = full.asOf(PartialDate("2030")!)
    #expect(later.deals == full.deals.filter { $0.id != "nowhen" })
    #expect(later.facts == full.facts && later.view?.earlierStatus.isEmpty == true)
  }

  @Test func theReportSaysWhatTheViewDid() throws {
    let report = try LoopReport(ledger: try ledger.asOf(PartialDate("2025-12-31")!))
    let texts = report.assumptions.map(\.description)
    #expect(texts.contains { $0.hasPrefix("As of 2025-12-31: the ledger as it stood then — 1 deals reported later") })
    #expect(texts.contains { $0.contains("placed at the date their sources were published (ASSUMED") })
    #expect(texts.contains { $0.contains("no date at all are left out: nowhen") })
    // In 2025 the investment (planned) and the purchase make a loop: min(10, 8) = 8.
    #expect(report.loops.map(\.roundTrip.estimate) == [8])
    // Once the investment is cancelled, only the stakes and the purchase remain: min(3 or 5, 8).
    let march = try LoopReport(ledger: try ledger.asOf(PartialDate("2026-03-31")!))
    #expect(march.loops.map(\.roundTrip.estimate) == [5])
  }

  @Test func statusHistoryProblemsAllAtOnce() {
    let deal = { (id: String, status: String, history: String) in
      """
      {"id": "\(id)", "payer": "a", "payee": "b", "kind": "other", "status": "\(status)",
       "amount": {"qualifier": "unstated"}, \(source), "statusHistory": \(history)}
      """
    }
    let found = ledgerIssues(
      json(
        deals: [
          deal(
            "order", "closed", #"[{"status": "talks", "date": "2026-02"}, {"status": "closed", "date": "2025-01"}]"#),
          deal("nodate", "closed", #"[{"status": "talks"}, {"status": "closed"}]"#),
          deal(
            "disagree", "closed", #"[{"status": "talks", "date": "2025"}, {"status": "announced", "date": "2026"}]"#),
          deal("empty", "closed", "[]"),
          deal(
            "nodoc", "closed",
            #"[{"status": "closed", "date": "2025", "source": {"document": "ghost", "quote": "q"}, "colour": 1}]"#),
        ].joined(separator: ",")))
    func has(_ entry: String, _ field: String, _ words: String) -> Bool {
      found.contains { $0.entry.contains("(\(entry))") && $0.field == field && $0.problem.contains(words) }
    }
    #expect(has("order", "statusHistory[1].date", "comes before the previous change"))
    #expect(has("nodate", "statusHistory[1].date", "every change after the first needs its date"))
    #expect(
      has("disagree", "statusHistory[1].status", "the last change is 'announced' but the deal's status is 'closed'"))
    #expect(has("empty", "statusHistory", "is empty"))
    #expect(has("nodoc", "statusHistory[0].source.document", "unknown document 'ghost'"))
    #expect(has("nodoc", "statusHistory[0].colour", "unknown key"))
    #expect(found.allSatisfy { $0.line != nil })
  }

  @Test func theSeedByQuarterHandChecked() throws {
    let seed = try BundledLedger.load("seed")
    let timeline = try LedgerTimeline(ledger: seed, period: .quarter, options: LoopReportOptions())
    // From the quarter of the earliest dated deal (2023, counted from its last day: 2023-Q4) to
    // the ledger's date (2025-12-16).
    #expect(timeline.points.first?.label == "2023-Q4" && timeline.points.last?.label == "2025-Q4")
    #expect(timeline.points.count == 9)
    // 2023-Q4: Amazon's stake in Anthropic and Anthropic's AWS contract, one loop.
    let first = try #require(timeline.points.first)
    #expect(first.deals == 2 && first.loops.map(\.path) == [["amazon", "anthropic", "amazon"]])
    // 2025-Q3: NVIDIA's letter of intent and the derived GPU purchase join (September 2025).
    let q3 = try #require(timeline.points.first { $0.label == "2025-Q3" })
    #expect(q3.deals == 4 && q3.loops.contains { $0.path == ["nvidia", "openai", "nvidia"] })
    // Nothing signed goes round through NVIDIA: the loop exists only with plans.
    let nvidia = try #require(q3.loops.first { $0.path == ["nvidia", "openai", "nvidia"] })
    #expect(nvidia.roundTrips.first { $0.tier == .signed }?.roundTrip == nil)
    #expect(nvidia.roundTrips.first { $0.tier == .withPlans }?.roundTrip?.isDerived == true)
    // The deals only grow (nothing in the seed is withdrawn).
    #expect(zip(timeline.points, timeline.points.dropFirst()).allSatisfy { $0.deals <= $1.deals })
    // The last quarter is the whole ledger: the same loops and round trips as the report.
    let report = try LoopReport(ledger: seed)
    let last = try #require(timeline.points.last)
    #expect(last.deals == seed.deals.count)
    #expect(last.loops.map(\.path) == report.loops.map(\.path))
    #expect(last.loops.map(\.roundTrip) == report.loops.map(\.roundTrip))
    #expect(last.circulation.last?.circulation == report.circulation?.circulation)
  }

  @Test func public2026ShowsTheNVIDIALetterReplaced() throws {
    let ledger = try BundledLedger.load("public-2026")
    let timeline = try LedgerTimeline(ledger: ledger, period: .quarter, options: LoopReportOptions())
    func nvidia(_ label: String) throws -> LedgerTimeline.LoopPoint? {
      try #require(timeline.points.first { $0.label == label }).loops.first {
        $0.path == ["nvidia", "openai", "nvidia"]
      }
    }
    // 2025-Q4: the seed's letter of intent (up to $100B, planned): nothing signed.
    let before = try #require(try nvidia("2025-Q4"))
    #expect(before.roundTrips.first { $0.tier == .signed }?.roundTrip == nil)
    #expect(before.roundTrip.high == 100e9)
    // 2026-Q1: the $30B stake (closed, 27 Feb 2026) replaced it; the hardware purchase is planned.
    let after = try #require(try nvidia("2026-Q1"))
    #expect(after.roundTrip.high == 30e9 && after.roundTrip.isDerived)
    #expect(after.roundTrips.first { $0.tier == .signed }?.roundTrip == nil)
    // Signed money going round grows from 2025-Q4 to 2026-Q2.
    func signed(_ label: String) -> Double? {
      timeline.points.first { $0.label == label }?.circulation.first { $0.tier == .signed }?.circulation
    }
    #expect((signed("2025-Q4") ?? 0) < (signed("2026-Q2") ?? 0))
  }

  @Test func byYear() throws {
    let seed = try BundledLedger.load("seed")
    let timeline = try LedgerTimeline(ledger: seed, period: .year, options: LoopReportOptions())
    #expect(timeline.points.map(\.label) == ["2023", "2024", "2025"])
    #expect(
      timeline.points.map(\.end) == [PartialDate("2023-12-31"), PartialDate("2024-12-31"), PartialDate("2025-12-31")])
  }
}
