import Foundation
import LoopLedger

/// The loop through time on the dashboard: the timeline page, and the as-of form of the overview.
extension WebPage {
  /// Every period's money going round per certainty tier, as the picture of `draw timeline` and
  /// the table of `report --timeline`; each period links to the overview as of its last day.
  ///
  /// - Parameters:
  ///   - timeline: The ledger's timeline by quarter or year.
  ///   - ledger: The ledger.
  /// - Returns: The whole page.
  public func timeline(_ timeline: LedgerTimeline, ledger: Ledger) -> String {
    document(title: words.navTimeline, current: "timeline") { w in
      w.element("h1", text: words.navTimeline)
      w.open("nav", [("class", "pages")])
      for (period, label) in [(TimelinePeriod.quarter, words.byQuarter), (.year, words.byYear)] {
        w.element(
          "a",
          [
            ("href", "/timeline?period=\(period.rawValue)"),
            ("aria-current", period == timeline.period ? "page" : nil),
          ], text: label)
      }
      w.close()
      w.element("p", [("class", "meta")], text: words.timelineExplanation)
      guard !timeline.points.isEmpty else {
        w.element("p", text: words.noDatedDeals)
        return
      }
      let chart = TimelineChart(timeline: timeline, language: language, idPrefix: "tl")
      // The picture carries its own title and caption.
      w.open("figure", [("class", "chart")])
      w.raw(chart.svg())
      w.close()
      w.element("h2", text: words.goingRoundHeading)
      let tiers = CertaintyTier.allCases
      table(
        &w,
        headers: [(words.periodColumn, false), (words.dealsColumn, true), (words.loopsCountColumn, true)]
          + tiers.map { (words.tier($0), true) } + [(words.shareAllColumn, true)]
      ) { w in
        for point in timeline.points {
          w.open("tr")
          w.open("td")
          w.element(
            "a", [("href", "/?as_of=\(point.end.description)"), ("title", words.periodOverviewLink)],
            text: point.label)
          w.close()
          w.element("td", [("class", "num")], text: "\(point.deals)")
          w.element("td", [("class", "num")], text: "\(point.loops.count)")
          for tier in tiers {
            let value = point.circulation.first { $0.tier == tier }
            w.element(
              "td", [("class", "num")],
              text: value.map { money.usd($0.circulation) + ($0.maxCircularity.isDerived ? "†" : "") } ?? "–")
          }
          w.element(
            "td", [("class", "num")],
            text: point.circulation.last.map { money.share($0.maxCircularity, style: .compact) } ?? "–")
          w.close()
        }
      }
      w.element("p", [("class", "meta")], text: money.legend)
    }
  }

  /// For a ledger shown as of a date: the date and what the view left out.
  func asOfNotes(_ w: inout XMLWriter, _ ledger: Ledger) {
    guard let view = ledger.view else { return }
    w.element("h2", text: words.asOfHeading(view.asOf.description))
    w.open("ul", [("class", "meta")])
    for phrase in LoopReport.viewPhrases(view) { w.element("li", text: words.say(phrase)) }
    w.close()
  }

  /// The address of the loops page for the ledger shown (as of its date, if it is a view).
  static func loopsHref(_ ledger: Ledger, loop: Int? = nil) -> String {
    "/loops" + (ledger.view.map { "?as_of=\($0.asOf.description)" } ?? "") + (loop.map { "#loop-\($0)" } ?? "")
  }

  /// The overview's as-of form: a date, and a way back to the whole ledger when one is shown.
  func asOfForm(_ w: inout XMLWriter, shown: PartialDate?) {
    w.open("form", [("method", "get"), ("action", "/"), ("class", "scenario")])
    w.open("label")
    w.content(words.asOfLabel + " ")
    w.element(
      "input",
      [
        ("type", "text"), ("name", "as_of"), ("value", shown?.description ?? ""), ("placeholder", words.asOfHint),
        ("pattern", "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"), ("size", "10"),
      ])
    w.close()
    w.element("button", [("type", "submit")], text: words.asOfShow)
    if shown != nil {
      w.content(" ")
      w.element("a", [("href", "/")], text: words.asOfToday)
    }
    w.content(" · ")
    w.element("a", [("href", "/timeline")], text: words.navTimeline)
    w.close()
  }
}
