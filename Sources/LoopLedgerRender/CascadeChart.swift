import Foundation
import LoopLedger

/// The input of ``CascadeChart``: a stress test's losses, round by round.
///
/// Round 1 is usually the shock itself; each later round holds the losses that the previous
/// round's failures passed on. As JSON (for `loopledger draw cascade --data FILE`):
///
/// ```json
/// {"title": "If OpenAI cannot pay", "unit": "USD",
///  "rounds": [
///    {"label": "shock", "losses": [{"company": "OpenAI", "loss": 60e9, "failed": true}]},
///    {"losses": [{"company": "Oracle", "loss": 30e9}, {"company": "NVIDIA", "loss": 12e9}]}
///  ],
///  "subtitle": "…", "note": "…"}
/// ```
///
/// `company` is the display name (already in the report's language); `loss` is non-negative in
/// `unit` (`USD` prints `$12B`); `failed` (optional) marks a company that fails in that round.
public struct CascadeChartData: Codable, Sendable, Equatable {
  public struct Loss: Codable, Sendable, Equatable {
    public var company: String
    public var loss: Double
    public var failed: Bool?
    public init(company: String, loss: Double, failed: Bool? = nil) {
      self.company = company
      self.loss = loss
      self.failed = failed
    }
  }

  public struct Round: Codable, Sendable, Equatable {
    /// Shown under the column; default "Round N".
    public var label: String?
    public var losses: [Loss]
    public init(label: String? = nil, losses: [Loss]) {
      self.label = label
      self.losses = losses
    }
  }

  public var title: String
  public var subtitle: String?
  public var unit: String
  public var rounds: [Round]
  public var note: String?

  public init(title: String, subtitle: String? = nil, unit: String, rounds: [Round], note: String? = nil) {
    self.title = title
    self.subtitle = subtitle
    self.unit = unit
    self.rounds = rounds
    self.note = note
  }

  public func problems() -> [String] {
    var problems: [String] = []
    if rounds.isEmpty { problems.append("rounds: none given") }
    for (r, round) in rounds.enumerated() {
      for (i, loss) in round.losses.enumerated() {
        if let problem = NumberRule.amount.problem(loss.loss) {
          problems.append("rounds[\(r)].losses[\(i)] (\(loss.company)): loss \(problem)")
        }
      }
    }
    return problems
  }

  public func validate() throws {
    let problems = problems()
    if !problems.isEmpty { throw ChartDataError("cascade chart data: " + problems.joined(separator: "; ")) }
  }

  /// Reads and checks chart data.
  ///
  /// - Throws: ``LedgerError/invalid(file:issues:)`` naming the file, the place and the problem.
  public static func decode(_ data: Data, file: String = "cascade chart data") throws -> CascadeChartData {
    let chart = try JSONFile.decode(CascadeChartData.self, from: data, file: file, expected: "cascade chart data")
    let problems = chart.problems()
    if !problems.isEmpty {
      throw LedgerError.invalid(file: file, issues: problems.map { LedgerIssue(file: file, problem: $0, at: nil) })
    }
    return chart
  }

  /// Companies in order of first appearance: the colour order.
  public var companies: [String] {
    var seen: Set<String> = []
    var result: [String] = []
    for round in rounds {
      for loss in round.losses where seen.insert(loss.company).inserted { result.append(loss.company) }
    }
    return result
  }
}

/// A cascade chart: one stacked column per round (each company's loss in that round, in a colour
/// of its own), the running total as a line with dots, and ✕ on companies that fail.
public struct CascadeChart {
  public let data: CascadeChartData
  public let language: Language
  public let width: Double
  public let height: Double
  public let idPrefix: String
  private let words: Words
  private let money: MoneyFormat

  /// - Throws: ``ChartDataError`` listing every problem of `data`.
  public init(
    _ data: CascadeChartData, language: Language = .english, width: Double = 820, height: Double = 480,
    idPrefix: String = "cascade"
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

  private func value(_ v: Double) -> String { ChartAxis.format(v, unit: data.unit, money: money) }

  public func svg() -> String {
    let f = SVGNumber.format
    let companies = data.companies
    let colourOf = Dictionary(
      uniqueKeysWithValues: companies.enumerated().map {
        ($1, $0 < Palette.categorical.count ? Palette.categorical[$0] : "#999999")
      })
    var cumulative: [Double] = []
    var running = 0.0
    for round in data.rounds {
      running += round.losses.reduce(0) { $0 + $1.loss }
      cumulative.append(running)
    }
    let ticks = ChartAxis.ticks(low: 0, high: max(cumulative.max() ?? 1, 1e-9))
    let labelRoom = (ticks.map { SVGText.width(value($0), size: 11) }.max() ?? 30) + 14
    // Legend rows under the chart.
    var legendRows: [[String]] = [[]]
    var rowWidth = 0.0
    for company in companies {
      let itemWidth = 20 + SVGText.width(company, size: 12) + 18
      if rowWidth + itemWidth > width - 40, !legendRows[legendRows.count - 1].isEmpty {
        legendRows.append([])
        rowWidth = 0
      }
      legendRows[legendRows.count - 1].append(company)
      rowWidth += itemWidth
    }
    let legendHeight = Double(legendRows.count + 1) * 20
    let left = 20 + labelRoom
    let right = width - 30
    let top = 100.0
    let bottom = height - 60 - legendHeight
    let yHigh = ticks.last ?? 1
    func y(_ v: Double) -> Double { bottom - (bottom - top) * v / max(yHigh, 1e-300) }
    let slot = (right - left) / Double(max(data.rounds.count, 1))
    let barWidth = min(90, slot * 0.56)
    func centreX(_ r: Int) -> Double { left + slot * (Double(r) + 0.5) }

    var w = XMLWriter()
    w.openSVG(
      width: width, height: height, labelledBy: idPrefix + "-title", cssClass: "cascade", language: language)
    w.element("title", [("id", idPrefix + "-title")], text: data.title)
    w.chartHeading(data.title)
    let subtitle = [data.subtitle, words.lossesByRound].compactMap { $0 }.joined(separator: " · ")
    for (i, line) in SVGText.wrap(subtitle, size: 12.5, maxWidth: width - 40).prefix(2).enumerated() {
      w.element(
        "text", [("x", "20"), ("y", f(56 + Double(i) * 16)), ("font-size", "12.5"), ("fill", Palette.mutedInk)],
        text: line)
    }
    w.open("g", [("class", "axis"), ("font-size", "11"), ("fill", Palette.mutedInk)])
    for tick in ticks {
      w.element(
        "line",
        [
          ("x1", f(left)), ("y1", f(y(tick))), ("x2", f(right)), ("y2", f(y(tick))),
          ("stroke", tick == 0 ? Palette.mutedInk : Palette.grid),
        ])
      w.element("text", [("x", f(left - 8)), ("y", f(y(tick) + 4)), ("text-anchor", "end")], text: value(tick))
    }
    w.close()
    for (r, round) in data.rounds.enumerated() {
      let x = centreX(r) - barWidth / 2
      var base = 0.0
      w.open("g", [("class", "round"), ("id", idPrefix + "-round-\(r + 1)")])
      let total = round.losses.reduce(0) { $0 + $1.loss }
      for loss in round.losses {
        let y0 = y(base)
        let y1 = y(base + loss.loss)
        base += loss.loss
        w.open("g", [("class", "loss" + (loss.failed == true ? " failed" : ""))])
        w.element(
          "title",
          text: "\(round.label ?? "\(words.round) \(r + 1)") · \(loss.company): \(value(loss.loss))"
            + (loss.failed == true ? " · \(words.failed) ✕" : ""))
        w.element(
          "rect",
          [
            ("x", f(x)), ("y", f(y1)), ("width", f(barWidth)), ("height", f(max(y0 - y1, 0))),
            ("fill", colourOf[loss.company] ?? "#999999"), ("stroke", "#ffffff"), ("stroke-width", "1"),
          ])
        if loss.failed == true {
          let cy = (y0 + y1) / 2
          let inside = y0 - y1 >= 16
          w.element(
            "text",
            [
              ("x", f(inside ? x + barWidth / 2 : x + barWidth + 5)), ("y", f(cy + 5)), ("font-size", "14"),
              ("font-weight", "700"), ("text-anchor", inside ? "middle" : "start"),
              ("fill", inside ? "#ffffff" : Palette.ink),
            ],
            text: "✕")
        }
        w.close()
      }
      w.element(
        "text",
        [
          ("x", f(centreX(r))), ("y", f(y(total) - 6)), ("font-size", "11.5"), ("text-anchor", "middle"),
          ("fill", Palette.ink),
        ],
        text: value(total))
      w.element(
        "text",
        [
          ("x", f(centreX(r))), ("y", f(bottom + 18)), ("font-size", "12"), ("text-anchor", "middle"),
          ("fill", Palette.ink),
        ],
        text: round.label ?? "\(words.round) \(r + 1)")
      w.close()
    }
    // Running total.
    let points = cumulative.enumerated().map { Point(centreX($0.offset) + barWidth / 2 + 8, y($0.element)) }
    w.open("g", [("class", "cumulative")])
    w.element("title", text: words.cumulative + ": " + cumulative.map(value).joined(separator: " → "))
    w.element(
      "polyline",
      [
        ("points", points.map(\.svg).joined(separator: " ")), ("fill", "none"), ("stroke", Palette.ink),
        ("stroke-width", "1.5"), ("stroke-dasharray", "5 3"),
      ])
    for p in points {
      w.element("circle", [("cx", f(p.x)), ("cy", f(p.y)), ("r", "3.5"), ("fill", Palette.ink)])
    }
    if let last = points.last, let total = cumulative.last {
      w.element(
        "text",
        [
          ("x", f(min(last.x, right))), ("y", f(last.y - 9)), ("font-size", "11.5"), ("font-weight", "600"),
          ("text-anchor", "end"), ("fill", Palette.ink),
        ],
        text: words.cumulative + " " + value(total))
    }
    w.close()
    // Legend.
    var legendY = bottom + 44
    for row in legendRows {
      var cursor = 20.0
      for company in row {
        w.element(
          "rect",
          [
            ("x", f(cursor)), ("y", f(legendY - 10)), ("width", "14"), ("height", "14"),
            ("fill", colourOf[company] ?? "#999999"),
          ])
        w.element(
          "text", [("x", f(cursor + 20)), ("y", f(legendY + 1)), ("font-size", "12"), ("fill", Palette.ink)],
          text: company)
        cursor += 20 + SVGText.width(company, size: 12) + 18
      }
      legendY += 20
    }
    w.element(
      "line",
      [
        ("x1", "20"), ("y1", f(legendY - 4)), ("x2", "42"), ("y2", f(legendY - 4)), ("stroke", Palette.ink),
        ("stroke-width", "1.5"), ("stroke-dasharray", "5 3"),
      ])
    w.element("circle", [("cx", "31"), ("cy", f(legendY - 4)), ("r", "3.5"), ("fill", Palette.ink)])
    w.element(
      "text", [("x", "48"), ("y", f(legendY + 1)), ("font-size", "12"), ("fill", Palette.ink)],
      text: words.cumulative + " · ✕ " + words.failed)
    if let note = data.note {
      w.element(
        "text", [("x", "20"), ("y", f(height - 12)), ("font-size", "11.5"), ("fill", Palette.mutedInk)],
        text: SVGText.wrap(note, size: 11.5, maxWidth: width - 40).first ?? note)
    }
    w.close()
    return w.text
  }
}
