import Foundation
import LoopLedger

/// A problem with the data handed to a chart.
public struct ChartDataError: Error, CustomStringConvertible, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The input of ``FanChart``: percentiles of a projected quantity per year.
///
/// A plain structure so that any projection can be mapped into it. As JSON (for
/// `loopledger draw fan --data FILE`):
///
/// ```json
/// {"title": "OpenAI cash position", "unit": "USD", "years": [2025, 2026, 2027],
///  "p5": [-10e9, -40e9, -90e9], "p25": [...], "p50": [...], "p75": [...], "p95": [...],
///  "shortfallYear": 2027, "subtitle": "10,000 simulated paths", "note": "…"}
/// ```
///
/// `unit` is `USD` (values in dollars, printed `$12B`) or any other label printed after the
/// number (`GW`, `%`). Every array has one value per year; at every year
/// `p5 ≤ p25 ≤ p50 ≤ p75 ≤ p95`. `shortfallYear` (optional) is the year the median path runs out
/// of money, marked with a vertical line; it must lie within `years`.
public struct FanChartData: Codable, Sendable, Equatable {
  public var title: String
  public var subtitle: String?
  public var unit: String
  public var years: [Int]
  public var p5: [Double]
  public var p25: [Double]
  public var p50: [Double]
  public var p75: [Double]
  public var p95: [Double]
  public var shortfallYear: Int?
  /// A line under the chart: the assumptions behind the projection.
  public var note: String?

  public init(
    title: String, subtitle: String? = nil, unit: String, years: [Int], p5: [Double], p25: [Double],
    p50: [Double], p75: [Double], p95: [Double], shortfallYear: Int? = nil, note: String? = nil
  ) {
    self.title = title
    self.subtitle = subtitle
    self.unit = unit
    self.years = years
    self.p5 = p5
    self.p25 = p25
    self.p50 = p50
    self.p75 = p75
    self.p95 = p95
    self.shortfallYear = shortfallYear
    self.note = note
  }

  /// Every problem at once.
  public func problems() -> [String] {
    var problems: [String] = []
    if years.count < 2 { problems.append("years: needs at least two years, got \(years.count)") }
    for (i, pair) in zip(years, years.dropFirst()).enumerated() where pair.1 <= pair.0 {
      problems.append("years[\(i + 1)]: \(pair.1) does not follow \(pair.0); years must increase")
    }
    let series = [("p5", p5), ("p25", p25), ("p50", p50), ("p75", p75), ("p95", p95)]
    for (name, values) in series {
      if values.count != years.count {
        problems.append("\(name): \(values.count) values for \(years.count) years")
      }
      for (i, v) in values.enumerated() where !v.isFinite || abs(v) > NumberRule.amount.high {
        problems.append("\(name)[\(i)]: must be a number from -10^16 to 10^16; found \(NumberRule.show(v))")
      }
    }
    if problems.isEmpty {
      for i in years.indices {
        let column = series.map { $0.1[i] }
        for k in 1..<column.count where column[k] < column[k - 1] {
          problems.append(
            "year \(years[i]): \(series[k].0) (\(column[k])) is below \(series[k - 1].0) (\(column[k - 1])); percentiles must not decrease"
          )
        }
      }
    }
    if let year = shortfallYear, let first = years.first, let last = years.last, !(first...last).contains(year) {
      problems.append("shortfallYear: \(year) is outside the years \(first)–\(last)")
    }
    return problems
  }

  public func validate() throws {
    let problems = problems()
    if !problems.isEmpty { throw ChartDataError("fan chart data: " + problems.joined(separator: "; ")) }
  }

  /// Reads and checks chart data.
  ///
  /// - Throws: ``LedgerError/invalid(file:issues:)`` naming the file, the place and the problem.
  public static func decode(_ data: Data, file: String = "fan chart data") throws -> FanChartData {
    let chart = try JSONFile.decode(FanChartData.self, from: data, file: file, expected: "fan chart data")
    let problems = chart.problems()
    if !problems.isEmpty {
      throw LedgerError.invalid(file: file, issues: problems.map { LedgerIssue(file: file, problem: $0, at: nil) })
    }
    return chart
  }
}

/// Shared axis helpers of the fan and cascade charts.
enum ChartAxis {
  /// About `count` round tick values (1, 2 or 5 × 10ᵏ apart) covering `low…high`.
  static func ticks(low: Double, high: Double, count: Int = 5) -> [Double] {
    guard high > low, low.isFinite, high.isFinite, (high - low).isFinite else { return [low] }
    let raw = (high - low) / Double(max(count, 1))
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    let start = floor(low / step) * step
    let end = ceil(high / step) * step
    guard step > 0, start.isFinite, end.isFinite else { return [low, high] }
    var ticks: [Double] = []
    var k = 0
    // At most a few more than `count` ticks; the bound also stops a loop that rounding would keep going.
    while k <= 4 * max(count, 1) + 4 {
      let value = start + Double(k) * step
      if value > end + step * 1e-9 { break }
      ticks.append(abs(value) < step * 1e-9 ? 0 : value)
      k += 1
    }
    return ticks
  }

  /// A value in `unit`: money for `USD`, else the number and the unit.
  static func format(_ value: Double, unit: String, money: MoneyFormat) -> String {
    let sign = value < 0 ? "−" : ""
    if unit == "USD" { return sign + money.usd(abs(value)) }
    let number = MoneyText.compact((abs(value) * 1000).rounded() / 1000)
    return sign + number + (unit.isEmpty ? "" : unit == "%" ? "%" : " " + unit)
  }
}

/// A fan chart of a funding projection: the 5th–95th and 25th–75th percentile bands, the median
/// line, and the year of the shortfall.
public struct FanChart {
  public let data: FanChartData
  public let language: Language
  public let width: Double
  public let height: Double
  public let idPrefix: String
  private let words: Words
  private let money: MoneyFormat

  /// - Throws: ``ChartDataError`` listing every problem of `data`.
  public init(
    _ data: FanChartData, language: Language = .english, width: Double = 820, height: Double = 460,
    idPrefix: String = "fan"
  ) throws {
    try data.validate()
    self.data = data
    self.language = language
    self.width = width
    self.height = height
    self.idPrefix = idPrefix
    words = Words(language)
    money = MoneyFormat(language)
  }

  /// Plot area.
  struct Frame {
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double
    var yLow: Double
    var yHigh: Double
    var firstYear: Int
    var lastYear: Int

    func x(_ year: Double) -> Double {
      left + (right - left) * (year - Double(firstYear)) / Double(max(lastYear - firstYear, 1))
    }
    func y(_ value: Double) -> Double {
      bottom - (bottom - top) * (value - yLow) / max(yHigh - yLow, 1e-300)
    }
  }

  func frame() -> (Frame, [Double]) {
    let low = min(data.p5.min() ?? 0, 0)
    let high = max(data.p95.max() ?? 1, low + 1e-9)
    let ticks = ChartAxis.ticks(low: low, high: high)
    let labelRoom =
      (ticks.map { SVGText.width(ChartAxis.format($0, unit: data.unit, money: money), size: 11) }.max() ?? 30) + 14
    let frame = Frame(
      left: 20 + labelRoom, right: width - 30, top: 96, bottom: height - 92, yLow: ticks.first ?? low,
      yHigh: ticks.last ?? high, firstYear: data.years.first ?? 0, lastYear: data.years.last ?? 1)
    return (frame, ticks)
  }

  /// The band between two series as a closed path: along `upper`, back along `lower`.
  func bandPath(lower: [Double], upper: [Double], frame: Frame) -> String {
    var points: [Point] = []
    for (i, year) in data.years.enumerated() { points.append(Point(frame.x(Double(year)), frame.y(upper[i]))) }
    for (i, year) in data.years.enumerated().reversed() {
      points.append(Point(frame.x(Double(year)), frame.y(lower[i])))
    }
    return "M" + points.map(\.svg).joined(separator: " L") + " Z"
  }

  public func svg() -> String {
    let (frame, ticks) = frame()
    let f = SVGNumber.format
    var w = XMLWriter()
    w.openSVG(
      width: width, height: height, labelledBy: idPrefix + "-title", cssClass: "fan", language: language)
    w.element("title", [("id", idPrefix + "-title")], text: data.title)
    w.chartHeading(data.title)
    if let subtitle = data.subtitle {
      for (i, line) in SVGText.wrap(subtitle, size: 12.5, maxWidth: width - 40).prefix(2).enumerated() {
        w.element(
          "text", [("x", "20"), ("y", f(56 + Double(i) * 16)), ("font-size", "12.5"), ("fill", Palette.mutedInk)],
          text: line)
      }
    }
    // Grid.
    w.open("g", [("class", "axis"), ("font-size", "11"), ("fill", Palette.mutedInk)])
    for tick in ticks {
      let y = frame.y(tick)
      w.element(
        "line",
        [
          ("x1", f(frame.left)), ("y1", f(y)), ("x2", f(frame.right)), ("y2", f(y)),
          ("stroke", tick == 0 ? Palette.mutedInk : Palette.grid), ("stroke-width", tick == 0 ? "1.2" : "1"),
        ])
      w.element(
        "text", [("x", f(frame.left - 8)), ("y", f(y + 4)), ("text-anchor", "end")],
        text: ChartAxis.format(tick, unit: data.unit, money: money))
    }
    let every = max(1, Int((Double(data.years.count) / 12).rounded(.up)))
    for (i, year) in data.years.enumerated() where i % every == 0 || i == data.years.count - 1 {
      w.element(
        "text", [("x", f(frame.x(Double(year)))), ("y", f(frame.bottom + 18)), ("text-anchor", "middle")],
        text: String(year))
    }
    w.close()
    // Bands, outer first.
    let light = "#9ecae1"
    let dark = "#4f8fc0"
    w.open("g", [("class", "bands")])
    w.element(
      "path",
      [
        ("class", "band band-90"), ("d", bandPath(lower: data.p5, upper: data.p95, frame: frame)), ("fill", light),
        ("fill-opacity", "0.7"),
      ])
    w.element(
      "path",
      [
        ("class", "band band-50"), ("d", bandPath(lower: data.p25, upper: data.p75, frame: frame)), ("fill", dark),
        ("fill-opacity", "0.65"),
      ])
    w.close()
    let median = data.years.enumerated().map { Point(frame.x(Double($0.element)), frame.y(data.p50[$0.offset])) }
    w.element(
      "polyline",
      [
        ("class", "median"), ("points", median.map(\.svg).joined(separator: " ")), ("fill", "none"),
        ("stroke", Palette.ink), ("stroke-width", "2.5"), ("stroke-linejoin", "round"),
      ])
    // Per-year tooltips: invisible columns.
    for (i, year) in data.years.enumerated() {
      let half = (frame.right - frame.left) / Double(max(data.years.count - 1, 1)) / 2
      let x = frame.x(Double(year))
      w.open("g", [("class", "year")])
      w.element(
        "title",
        text:
          "\(year)\n95%: \(value(data.p95[i]))\n75%: \(value(data.p75[i]))\n50%: \(value(data.p50[i]))\n25%: \(value(data.p25[i]))\n5%: \(value(data.p5[i]))"
      )
      w.element(
        "rect",
        [
          ("x", f(max(x - half, frame.left))), ("y", f(frame.top)),
          ("width", f(min(2 * half, frame.right - max(x - half, frame.left)))),
          ("height", f(frame.bottom - frame.top)), ("fill", "#ffffff"), ("fill-opacity", "0"),
        ])
      w.close()
    }
    if let year = data.shortfallYear {
      let x = frame.x(Double(year))
      w.open("g", [("class", "shortfall")])
      w.element(
        "line",
        [
          ("x1", f(x)), ("y1", f(frame.top - 6)), ("x2", f(x)), ("y2", f(frame.bottom)), ("stroke", Palette.shortfall),
          ("stroke-width", "2"), ("stroke-dasharray", "6 4"),
        ])
      let label = words.shortfall(year)
      let labelWidth = SVGText.width(label, size: 12)
      let anchorEnd = x + 6 + labelWidth > frame.right
      w.element(
        "text",
        [
          ("x", f(anchorEnd ? x - 6 : x + 6)), ("y", f(frame.top + 6)), ("font-size", "12"), ("font-weight", "700"),
          ("text-anchor", anchorEnd ? "end" : "start"), ("fill", Palette.shortfall),
        ],
        text: label)
      w.close()
    }
    // Legend.
    let legendY = height - 44
    var cursor = 20.0
    for (kind, text) in [("band90", words.band90), ("band50", words.band50), ("median", words.median)] {
      switch kind {
      case "band90":
        w.element(
          "rect",
          [
            ("x", f(cursor)), ("y", f(legendY - 9)), ("width", "22"), ("height", "12"), ("fill", light),
            ("fill-opacity", "0.7"),
          ])
      case "band50":
        // Drawn over the outer band, as in the chart.
        w.element(
          "rect",
          [
            ("x", f(cursor)), ("y", f(legendY - 9)), ("width", "22"), ("height", "12"), ("fill", light),
            ("fill-opacity", "0.7"),
          ])
        w.element(
          "rect",
          [
            ("x", f(cursor)), ("y", f(legendY - 9)), ("width", "22"), ("height", "12"), ("fill", dark),
            ("fill-opacity", "0.65"),
          ])
      default:
        w.element(
          "line",
          [
            ("x1", f(cursor)), ("y1", f(legendY - 3)), ("x2", f(cursor + 22)), ("y2", f(legendY - 3)),
            ("stroke", Palette.ink), ("stroke-width", "2.5"),
          ])
      }
      w.element(
        "text", [("x", f(cursor + 28)), ("y", f(legendY + 1)), ("font-size", "12"), ("fill", Palette.ink)], text: text)
      cursor += 28 + SVGText.width(text, size: 12) + 22
    }
    if data.shortfallYear != nil {
      w.element(
        "line",
        [
          ("x1", f(cursor + 6)), ("y1", f(legendY - 10)), ("x2", f(cursor + 6)), ("y2", f(legendY + 4)),
          ("stroke", Palette.shortfall), ("stroke-width", "2"), ("stroke-dasharray", "4 3"),
        ])
      let text = words.shortfallYear
      w.element(
        "text", [("x", f(cursor + 14)), ("y", f(legendY + 1)), ("font-size", "12"), ("fill", Palette.ink)], text: text)
    }
    if let note = data.note {
      for (i, line) in SVGText.wrap(note, size: 11.5, maxWidth: width - 40).prefix(2).enumerated() {
        w.element(
          "text",
          [("x", "20"), ("y", f(height - 20 + Double(i) * 14)), ("font-size", "11.5"), ("fill", Palette.mutedInk)],
          text: line)
      }
    }
    w.close()
    return w.text
  }

  private func value(_ v: Double) -> String { ChartAxis.format(v, unit: data.unit, money: money) }
}
