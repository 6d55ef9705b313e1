import Foundation
import LoopLedger

/// The loop through time as a picture: per period, a stacked bar of the money going round
/// (maximum circulation at the estimates), one segment per certainty tier — what signed deals
/// carry, then what plans, talks and inferences add — with the share of all flows above it.
public struct TimelineChart {
  public let timeline: LedgerTimeline
  public let language: Language
  public let width: Double
  public let idPrefix: String

  private let words: Words
  private let money: MoneyFormat

  public init(timeline: LedgerTimeline, language: Language = .english, width: Double = 820, idPrefix: String = "tl") {
    self.timeline = timeline
    self.language = language
    self.width = width
    self.idPrefix = idPrefix
    words = Words(language)
    money = MoneyFormat(language)
  }

  /// Colours of the tiers, from most to least certain (Okabe–Ito).
  static let tierColors: [CertaintyTier: String] = [
    .signed: "#0072b2", .withPlans: "#56b4e9", .withTalks: "#e69f00", .withInferences: "#cccccc",
  ]

  /// One segment of a bar: the tier and what it adds (USD).
  public struct Segment: Equatable, Sendable {
    public var tier: CertaintyTier
    public var added: Double
  }

  /// The segments of each period's bar: each tier's circulation minus the one before it (never
  /// below 0; a tier missing from a period adds nothing).
  public var segments: [[Segment]] {
    timeline.points.map { point in
      var previous = 0.0
      return CertaintyTier.allCases.map { tier in
        let value = point.circulation.first { $0.tier == tier }?.circulation ?? previous
        defer { previous = max(previous, value) }
        return Segment(tier: tier, added: max(0, value - previous))
      }
    }
  }

  /// The picture's title and caption, for a page that embeds it.
  public var title: String { words.timelineChartTitle }
  public var caption: String {
    let derived = timeline.points.contains { $0.circulation.contains { $0.maxCircularity.isDerived } }
    return words.timelineChartNote + (derived ? words.timelineDerivedNote : "")
  }

  /// The smallest of 1, 2, 2.5, 5 × 10ᵏ at least `raw`: axis steps a reader can add up.
  static func niceStep(_ raw: Double) -> Double {
    let power = pow(10, (log10(raw)).rounded(.down))
    for factor in [1, 2, 2.5, 5, 10] where factor * power >= raw { return factor * power }
    return 10 * power
  }

  public func svg() -> String {
    let f = SVGNumber.format
    let segments = segments
    let totals = segments.map { $0.reduce(0) { $0 + $1.added } }
    let step = Self.niceStep(max(totals.max() ?? 0, 1) / 5)
    let ticks = max(1, Int(((totals.max() ?? 0) / step).rounded(.up)))
    let maxTotal = step * Double(ticks)
    let subtitle = Array(SVGText.wrap(caption, size: 12.5, maxWidth: width - 40).prefix(3))
    let top = 80.0 + 16 * Double(subtitle.count)
    let chartHeight = 260.0
    let bottom = top + chartHeight
    let x0 = 70.0
    let x1 = width - 20
    let count = max(timeline.points.count, 1)
    let slot = (x1 - x0) / Double(count)
    let barWidth = min(48, slot * 0.7)
    let labelWidth = (timeline.points.map { SVGText.width($0.label, size: 11) }.max() ?? 40) + 10
    let labelEvery = max(1, Int((labelWidth / slot).rounded(.up)))
    let height = bottom + 84
    func y(_ value: Double) -> Double { bottom - chartHeight * value / maxTotal }

    var w = XMLWriter()
    w.openSVG(width: width, height: height, labelledBy: idPrefix + "-title", cssClass: "timeline", language: language)
    w.element("title", [("id", idPrefix + "-title")], text: words.timelineChartTitle)
    w.chartHeading(words.timelineChartTitle)
    for (line, text) in subtitle.enumerated() {
      w.element(
        "text", [("x", "20"), ("y", f(56 + Double(line) * 16)), ("font-size", "12.5"), ("fill", Palette.mutedInk)],
        text: text)
    }
    // Axis: four ticks.
    w.open("g", [("class", "axis"), ("font-size", "11"), ("fill", Palette.mutedInk)])
    for tick in 0...ticks {
      let value = step * Double(tick)
      w.element(
        "line",
        [("x1", f(x0)), ("y1", f(y(value))), ("x2", f(x1)), ("y2", f(y(value))), ("stroke", Palette.grid)])
      w.element(
        "text", [("x", f(x0 - 6)), ("y", f(y(value) + 4)), ("text-anchor", "end")], text: money.usd(value))
    }
    w.close()
    if timeline.points.isEmpty {
      w.element(
        "text", [("x", f(x0)), ("y", f(top + 40)), ("font-size", "13"), ("fill", Palette.mutedInk)],
        text: words.noDatedDeals)
    }
    for (index, point) in timeline.points.enumerated() {
      let center = x0 + slot * (Double(index) + 0.5)
      var base = 0.0
      w.open("g", [("class", "period"), ("id", "\(idPrefix)-\(point.label)")])
      let all = point.circulation.last
      var tooltip = "\(point.label): \(point.deals) \(words.dealsColumn.lowercased())"
      for tier in point.circulation {
        tooltip +=
          "\n\(words.tier(tier.tier)): \(money.usd(tier.circulation)) / \(money.usd(tier.totalFlow))"
          + (tier.maxCircularity.isDerived ? "†" : "")
      }
      w.element("title", text: tooltip)
      for segment in segments[index] where segment.added > 0 {
        w.element(
          "rect",
          [
            ("class", "segment \(segment.tier.rawValue)"), ("x", f(center - barWidth / 2)),
            ("y", f(y(base + segment.added))), ("width", f(barWidth)),
            ("height", f(max(0, y(base) - y(base + segment.added)))),
            ("fill", Self.tierColors[segment.tier] ?? Palette.other),
          ])
        base += segment.added
      }
      if let all, all.totalFlow > 0 {
        w.element(
          "text",
          [
            ("x", f(center)), ("y", f(y(base) - 5)), ("font-size", "10.5"), ("text-anchor", "middle"),
            ("fill", Palette.ink),
          ],
          text: money.percent(all.circulation / all.totalFlow))
      }
      if index % labelEvery == 0 {
        w.element(
          "text",
          [
            ("x", f(center)), ("y", f(bottom + 16)), ("font-size", "11"), ("text-anchor", "middle"),
            ("fill", Palette.ink),
          ],
          text: point.label)
      }
      w.close()
    }
    // Legend.
    var cursor = 20.0
    let legendY = bottom + 48
    for tier in CertaintyTier.allCases {
      w.element(
        "rect",
        [
          ("x", f(cursor)), ("y", f(legendY - 10)), ("width", "14"), ("height", "12"),
          ("fill", Self.tierColors[tier] ?? Palette.other),
        ])
      let label = words.tier(tier)
      w.element(
        "text", [("x", f(cursor + 20)), ("y", f(legendY)), ("font-size", "12"), ("fill", Palette.ink)], text: label)
      cursor += 20 + SVGText.width(label, size: 12) + 22
    }
    w.close()
    return w.text
  }
}
