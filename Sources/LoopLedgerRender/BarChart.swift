import Foundation
import LoopLedger

/// A horizontal bar chart of each company's self-funded share of inflows (``LoopReport/CompanyRow/selfFundedShare``):
/// a bar to the estimate, a whisker from the low to the high scenario, a diamond at the estimate.
///
/// Companies without inflow have no share and are named under the chart; a company whose
/// inflows have no figures gets a row that says "unknown" rather than a bar.
public struct SharesChart {
  public let report: LoopReport
  public let language: Language
  public let width: Double
  public let idPrefix: String

  private let words: Words
  private let money: MoneyFormat

  public init(report: LoopReport, language: Language = .english, width: Double = 820, idPrefix: String = "sh") {
    self.report = report
    self.language = language
    self.width = width
    self.idPrefix = idPrefix
    words = Words(language)
    money = MoneyFormat(language)
  }

  /// The rows drawn, in the report's company order: those with a share.
  public var rows: [LoopReport.CompanyRow] { report.companies.filter { $0.selfFundedShare != nil } }

  public func svg() -> String {
    let rows = rows
    let none = report.companies.filter { $0.selfFundedShare == nil }
    let labelSize = 13.0
    let names = rows.map { $0.names.name(in: language) }
    let labelRoom = min((names.map { SVGText.width($0, size: labelSize) }.max() ?? 60), 200) + 16
    let x0 = 20 + labelRoom
    let valueRoom = 150.0
    let x1 = width - 20 - valueRoom
    let rowHeight = 30.0
    let top = 112.0
    let chartBottom = top + Double(rows.count) * rowHeight
    let subtitle = SVGText.wrap(words.sharesSubtitle, size: 12.5, maxWidth: width - 40)
    let noneLines =
      none.isEmpty
      ? []
      : SVGText.wrap(
        words.noInflow + " " + none.map { $0.names.name(in: language) }.joined(separator: ", "), size: 12,
        maxWidth: width - 40)
    let height = (chartBottom + 40 + Double(noneLines.count) * 17 + 34).rounded()
    func x(_ share: Double) -> Double { x0 + (x1 - x0) * min(max(share, 0), 1) }
    let f = SVGNumber.format

    var w = XMLWriter()
    w.openSVG(
      width: width, height: height, labelledBy: idPrefix + "-title", cssClass: "shares", language: language)
    w.element("title", [("id", idPrefix + "-title")], text: words.sharesTitle)
    w.chartHeading(words.sharesTitle)
    for (i, line) in subtitle.prefix(3).enumerated() {
      w.element(
        "text", [("x", "20"), ("y", f(56 + Double(i) * 16)), ("font-size", "12.5"), ("fill", Palette.mutedInk)],
        text: line)
    }
    // Grid and axis.
    w.open("g", [("class", "axis"), ("font-size", "11"), ("fill", Palette.mutedInk)])
    for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
      w.element(
        "line",
        [
          ("x1", f(x(tick))), ("y1", f(top - 6)), ("x2", f(x(tick))), ("y2", f(chartBottom)),
          ("stroke", Palette.grid), ("stroke-width", "1"),
        ])
      w.element(
        "text", [("x", f(x(tick))), ("y", f(chartBottom + 16)), ("text-anchor", "middle")],
        text: money.percent(tick))
    }
    w.close()
    for (i, row) in rows.enumerated() {
      guard let share = row.selfFundedShare else { continue }
      let y = top + Double(i) * rowHeight + rowHeight / 2
      w.open("g", [("class", "share-row"), ("id", idPrefix + "-row-\(i + 1)")])
      w.element(
        "title",
        text:
          "\(names[i]): \(money.share(share))\n\(words.purchasesIn): \(money.interval(row.purchasesIn))\n\(words.investmentIn): \(money.interval(row.investmentIn))"
      )
      w.element(
        "text",
        [
          ("x", f(x0 - 10)), ("y", f(y + labelSize * 0.35)), ("font-size", f(labelSize)), ("font-weight", "600"),
          ("text-anchor", "end"), ("fill", Palette.ink),
        ],
        text: names[i])
      if share.isUnknown || (share.low == nil && share.high == nil && share.estimate == nil) {
        w.element(
          "text",
          [
            ("x", f(x0 + 4)), ("y", f(y + 4)), ("font-size", "12"), ("font-style", "italic"),
            ("fill", Palette.mutedInk),
          ],
          text: words.unknownShare)
        w.close()
        continue
      }
      if let estimate = share.estimate {
        w.element(
          "rect",
          [
            ("class", "bar"), ("x", f(x0)), ("y", f(y - 8)), ("width", f(max(x(estimate) - x0, 0))),
            ("height", "16"), ("fill", Palette.investment), ("fill-opacity", "0.28"),
          ])
      }
      if let low = share.low ?? share.estimate, let high = share.high ?? share.estimate, high > low {
        w.element(
          "line",
          [
            ("class", "whisker"), ("x1", f(x(low))), ("y1", f(y)), ("x2", f(x(high))), ("y2", f(y)),
            ("stroke", Palette.ink), ("stroke-width", "2"),
          ])
        for end in [low, high] {
          w.element(
            "line",
            [
              ("x1", f(x(end))), ("y1", f(y - 7)), ("x2", f(x(end))), ("y2", f(y + 7)), ("stroke", Palette.ink),
              ("stroke-width", "2"),
            ])
        }
      }
      if let estimate = share.estimate {
        let cx = x(estimate)
        w.element(
          "polygon",
          [
            ("class", "estimate"),
            (
              "points",
              [Point(cx, y - 6), Point(cx + 6, y), Point(cx, y + 6), Point(cx - 6, y)].map(\.svg).joined(separator: " ")
            ),
            ("fill", Palette.investment), ("stroke", "#ffffff"), ("stroke-width", "1"),
          ])
      }
      w.element(
        "text", [("x", f(x1 + 12)), ("y", f(y + 4)), ("font-size", "12"), ("fill", Palette.ink)],
        text: money.share(share, style: .compact))
      w.close()
    }
    // Legend.
    let legendY = chartBottom + 40
    w.element(
      "rect",
      [
        ("x", "20"), ("y", f(legendY - 9)), ("width", "22"), ("height", "12"), ("fill", Palette.investment),
        ("fill-opacity", "0.28"),
      ])
    w.element(
      "polygon",
      [
        (
          "points",
          [Point(42, legendY - 9), Point(48, legendY - 3), Point(42, legendY + 3), Point(36, legendY - 3)].map(\.svg)
            .joined(separator: " ")
        ),
        ("fill", Palette.investment), ("stroke", "#ffffff"), ("stroke-width", "1"),
      ])
    w.element(
      "text", [("x", "56"), ("y", f(legendY + 1)), ("font-size", "12"), ("fill", Palette.ink)],
      text: words.legendEstimate)
    let cursor = 56 + SVGText.width(words.legendEstimate, size: 12) + 20
    w.element(
      "line",
      [
        ("x1", f(cursor)), ("y1", f(legendY - 3)), ("x2", f(cursor + 26)), ("y2", f(legendY - 3)),
        ("stroke", Palette.ink), ("stroke-width", "2"),
      ])
    for end in [cursor, cursor + 26] {
      w.element(
        "line",
        [
          ("x1", f(end)), ("y1", f(legendY - 9)), ("x2", f(end)), ("y2", f(legendY + 3)), ("stroke", Palette.ink),
          ("stroke-width", "2"),
        ])
    }
    w.element(
      "text", [("x", f(cursor + 32)), ("y", f(legendY + 1)), ("font-size", "12"), ("fill", Palette.ink)],
      text: words.legendRange)
    for (i, line) in noneLines.enumerated() {
      w.element(
        "text",
        [("x", "20"), ("y", f(legendY + 24 + Double(i) * 17)), ("font-size", "12"), ("fill", Palette.mutedInk)],
        text: line)
    }
    w.close()
    return w.text
  }
}
