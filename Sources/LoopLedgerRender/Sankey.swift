import Foundation
import LoopLedger

/// A three-column Sankey diagram of the investment–procurement loop: investors on the left, the
/// companies that receive investment in the middle, and the vendors those companies buy from on the
/// right.
///
/// A company that both invests and sells (Amazon, NVIDIA) appears on both sides, so the picture
/// shows money leaving a vendor as investment and coming back as its revenue.
///
/// Ribbon width is linear in US dollars: the amount's estimate, else its lower bound. An amount
/// the sources do not state is a thin hatched ribbon marked `?`, never zero-width and never a
/// guess. Flows that do not run investor → recipient → vendor (a vendor buying from another
/// vendor, an investor buying from the company it invests in) are listed under the picture.
public struct SankeyChart {
  public let report: LoopReport
  public let ledger: Ledger
  public let language: Language
  public let width: Double
  public let idPrefix: String

  /// One ribbon: an edge of the graph on one side of the picture.
  public struct Flow: Sendable, Equatable {
    public var payer: CompanyID
    public var payee: CompanyID
    public var flowClass: FlowClass
    public var amount: Interval
    public var deals: [DealID]
  }

  /// Investment into the middle column (left side of the picture).
  public let investments: [Flow]
  /// Purchases by the middle column (right side).
  public let purchases: [Flow]
  /// Flows that fit neither side.
  public let leftOut: [Flow]

  private let words: Words
  private let money: MoneyFormat

  public init(
    report: LoopReport, ledger: Ledger, language: Language = .english, width: Double = 820,
    idPrefix: String = "sk"
  ) {
    self.report = report
    self.ledger = ledger
    self.language = language
    self.width = width
    self.idPrefix = idPrefix
    words = Words(language)
    money = MoneyFormat(language)
    let all = LedgerFlows(report: report, ledger: ledger).flows.map {
      Flow(payer: $0.payer, payee: $0.payee, flowClass: $0.flowClass, amount: $0.amount, deals: $0.deals)
    }
    let recipients = Set(all.filter { $0.flowClass == .investment }.map(\.payee))
    investments = all.filter { $0.flowClass == .investment }
    purchases = all.filter { $0.flowClass == .purchase && recipients.contains($0.payer) }
    leftOut = all.filter {
      !($0.flowClass == .investment || ($0.flowClass == .purchase && recipients.contains($0.payer)))
    }
  }

  private func id(_ name: String) -> String { idPrefix + "-" + name }
  private func name(_ company: CompanyID) -> String { ledger.name(of: company, in: language) }

  /// The drawn size of a flow in dollars; nil when not stated.
  static func value(_ amount: Interval) -> Double? {
    let v = amount.estimate ?? amount.low
    return v.flatMap { $0 > 0 ? $0 : nil }
  }

  /// One column of bars.
  ///
  /// Every company in `ids` has an entry in `totals` and `unknowns` (from `add`) and, once placed,
  /// in `top` and `height`; the `default: 0` lookups below never apply.
  private struct Column {
    var ids: [CompanyID] = []
    var totals: [CompanyID: Double] = [:]
    var unknowns: [CompanyID: Int] = [:]
    var top: [CompanyID: Double] = [:]
    var height: [CompanyID: Double] = [:]
  }

  public func svg() -> String {
    var w = XMLWriter()
    let labelSize = 13.0
    let names = Set((investments + purchases).flatMap { [$0.payer, $0.payee] }).sorted()
    let widestLabel = names.map { SVGText.width(name($0), size: labelSize) }.max() ?? 60
    let labelRoom = min(widestLabel, 180) + 14
    let barWidth = 14.0
    let xLeft = 20 + labelRoom
    let xRight = width - 20 - labelRoom - barWidth
    let xMiddle = (xLeft + xRight) / 2
    let top = 118.0
    let unknownHeight = 4.0
    let gap = 34.0

    // Column membership and totals.
    var left = Column()
    var middle = Column()
    var right = Column()
    func add(_ column: inout Column, _ company: CompanyID, _ flow: Flow) {
      if column.totals[company] == nil {
        column.ids.append(company)
        column.totals[company] = 0
        column.unknowns[company] = 0
      }
      if let v = Self.value(flow.amount) {
        column.totals[company, default: 0] += v
      } else {
        column.unknowns[company, default: 0] += 1
      }
    }
    var middleIn = Column()
    var middleOut = Column()
    for flow in investments {
      add(&left, flow.payer, flow)
      add(&middleIn, flow.payee, flow)
    }
    for flow in purchases {
      add(&middleOut, flow.payer, flow)
      add(&right, flow.payee, flow)
    }
    for company in middleIn.ids {
      middle.ids.append(company)
      middle.totals[company] = max(middleIn.totals[company] ?? 0, middleOut.totals[company] ?? 0)
      middle.unknowns[company] = max(middleIn.unknowns[company] ?? 0, middleOut.unknowns[company] ?? 0)
    }

    let available = 470.0
    func need(_ column: Column) -> (Double, Double) {
      let money = column.ids.reduce(0) { $0 + column.totals[$1, default: 0] }
      let fixed =
        column.ids.reduce(0.0) { $0 + Double(column.unknowns[$1, default: 0]) * unknownHeight }
        + Double(max(column.ids.count - 1, 0)) * gap
      return (money, fixed)
    }
    let scale =
      [left, middle, right].map { column -> Double in
        let (m, fixed) = need(column)
        return m > 0 ? max(available - fixed, 120) / m : .infinity
      }.min() ?? 1
    let pxPerDollar = scale.isFinite ? scale : 0

    func heightOf(_ column: Column, _ company: CompanyID) -> Double {
      max(
        4,
        column.totals[company, default: 0] * pxPerDollar + Double(column.unknowns[company, default: 0]) * unknownHeight)
    }
    // Order: middle by size; the sides by the weighted mean position of their partners.
    middle.ids.sort { (middle.totals[$0, default: 0], $1.rawValue) > (middle.totals[$1, default: 0], $0.rawValue) }
    func place(_ column: inout Column) {
      var y = top
      for company in column.ids {
        let height = heightOf(column, company)
        column.top[company] = y
        column.height[company] = height
        y += height + gap
      }
    }
    place(&middle)
    func centre(_ column: Column, _ company: CompanyID) -> Double {
      column.top[company, default: 0] + column.height[company, default: 0] / 2
    }
    func barycentre(_ company: CompanyID, flows: [Flow], partner: (Flow) -> CompanyID?) -> Double {
      var sum = 0.0
      var weight = 0.0
      for flow in flows {
        guard let other = partner(flow), middle.top[other] != nil else { continue }
        let v = Self.value(flow.amount) ?? 1
        sum += centre(middle, other) * v
        weight += v
      }
      return weight > 0 ? sum / weight : 0
    }
    // (key, id) pairs are distinct, so the order does not depend on the sort's stability.
    left.ids = left.ids.map { company in
      (key: barycentre(company, flows: investments) { $0.payer == company ? $0.payee : nil }, company: company)
    }.sorted { ($0.key, $0.company.rawValue) < ($1.key, $1.company.rawValue) }.map(\.company)
    right.ids = right.ids.map { company in
      (key: barycentre(company, flows: purchases) { $0.payee == company ? $0.payer : nil }, company: company)
    }.sorted { ($0.key, $0.company.rawValue) < ($1.key, $1.company.rawValue) }.map(\.company)
    place(&left)
    place(&right)

    let columnsBottom =
      [left, middle, right].map { column in
        column.ids.map { column.top[$0, default: 0] + column.height[$0, default: 0] }.max() ?? top
      }.max() ?? top
    let noteLines = leftOutLines()
    let noteTop = columnsBottom + 36
    let legendTop = noteTop + Double(noteLines.count) * 17 + (noteLines.isEmpty ? 0 : 8)
    let legendItems = [
      (Palette.investment, words.legendInvestment, false), (Palette.purchase, words.legendPurchase, false),
      (Palette.investment, words.sankeyUnknown, true),
    ]
    var legendRows = 1
    var rowX = 20.0
    for item in legendItems {
      let itemWidth = 28 + SVGText.width(item.1, size: 12) + 22
      if rowX > 20, rowX + itemWidth - 22 > width - 20 {
        legendRows += 1
        rowX = 20
      }
      rowX += itemWidth
    }
    let height = (legendTop + 20 * Double(legendRows) + 20).rounded()

    w.openSVG(width: width, height: height, labelledBy: id("title"), cssClass: "sankey", language: language)
    w.element("title", [("id", id("title"))], text: words.sankeyTitle)
    w.open("defs")
    w.element(
      "style",
      text: """
        .flow:hover { fill-opacity: 0.75; }
        .halo { paint-order: stroke; stroke: #ffffff; stroke-width: 3.5px; stroke-linejoin: round; }

        """)
    for flowClass in [FlowClass.investment, .purchase] {
      let colour = Palette.color(of: flowClass)
      w.open(
        "pattern",
        [
          ("id", id("hatch-" + flowClass.rawValue)), ("patternUnits", "userSpaceOnUse"), ("width", "6"),
          ("height", "6"), ("patternTransform", "rotate(45)"),
        ])
      w.element("rect", [("width", "6"), ("height", "6"), ("fill", colour), ("fill-opacity", "0.15")])
      w.element("rect", [("width", "2.2"), ("height", "6"), ("fill", colour), ("fill-opacity", "0.8")])
      w.close()
    }
    w.close()
    w.chartHeading(words.sankeyTitle)
    for (i, line) in SVGText.wrap(words.sankeySubtitle, size: 12.5, maxWidth: width - 40).prefix(2).enumerated() {
      w.element(
        "text",
        [("x", "20"), ("y", SVGNumber.format(56 + Double(i) * 16)), ("font-size", "12.5"), ("fill", Palette.mutedInk)],
        text: line)
    }
    if investments.isEmpty {
      w.element("text", [("x", "20"), ("y", "120"), ("font-size", "14"), ("fill", Palette.ink)], text: words.noSankey)
    } else {
      for (x, title, anchor) in [
        (xLeft + barWidth, words.investorsColumn, "end"), (xMiddle + barWidth / 2, words.labsColumn, "middle"),
        (xRight, words.vendorsColumn, "start"),
      ] {
        w.element(
          "text",
          [
            ("x", SVGNumber.format(x)), ("y", SVGNumber.format(top - 26)), ("font-size", "12"),
            ("font-weight", "700"), ("text-anchor", anchor), ("fill", Palette.mutedInk),
          ],
          text: title.uppercased())
      }
      // Ribbons: at each node, stack its ribbons by the position of their other end, so that
      // they do not cross needlessly.
      struct Ribbon {
        var flow: Flow
        var x1: Double
        var y1 = 0.0
        var x2: Double
        var y2 = 0.0
        var h: Double
      }
      func stack(
        _ ribbons: inout [Ribbon], node: (Flow) -> CompanyID, nodeTop: [CompanyID: Double],
        otherTop: (Flow) -> Double, atStart: Bool
      ) {
        // Every ribbon's end is a placed node, so the `default: 0` lookups never apply.
        var cursor = nodeTop
        let order = ribbons.indices.sorted {
          (nodeTop[node(ribbons[$0].flow), default: 0], otherTop(ribbons[$0].flow), $0)
            < (nodeTop[node(ribbons[$1].flow), default: 0], otherTop(ribbons[$1].flow), $1)
        }
        for i in order {
          let company = node(ribbons[i].flow)
          let y = cursor[company, default: 0]
          if atStart { ribbons[i].y1 = y } else { ribbons[i].y2 = y }
          cursor[company] = y + ribbons[i].h
        }
      }
      func height(_ flow: Flow) -> Double {
        Self.value(flow.amount).map { max($0 * pxPerDollar, 1) } ?? unknownHeight
      }
      var ribbons = investments.map { Ribbon(flow: $0, x1: xLeft + barWidth, x2: xMiddle, h: height($0)) }
      stack(&ribbons, node: \.payer, nodeTop: left.top, otherTop: { middle.top[$0.payee, default: 0] }, atStart: true)
      stack(&ribbons, node: \.payee, nodeTop: middle.top, otherTop: { left.top[$0.payer, default: 0] }, atStart: false)
      var outgoing = purchases.map { Ribbon(flow: $0, x1: xMiddle + barWidth, x2: xRight, h: height($0)) }
      stack(&outgoing, node: \.payer, nodeTop: middle.top, otherTop: { right.top[$0.payee, default: 0] }, atStart: true)
      stack(
        &outgoing, node: \.payee, nodeTop: right.top, otherTop: { middle.top[$0.payer, default: 0] }, atStart: false)
      w.open("g", [("class", "flows")])
      var labels: [(Double, Double, Double, Double)] = []
      for ribbon in ribbons + outgoing {
        let (flow, x1, y1, x2, y2, h) = (ribbon.flow, ribbon.x1, ribbon.y1, ribbon.x2, ribbon.y2, ribbon.h)
        let known = Self.value(flow.amount) != nil
        let mx = (x1 + x2) / 2
        let f = SVGNumber.format
        let d =
          "M\(f(x1)),\(f(y1)) C\(f(mx)),\(f(y1)) \(f(mx)),\(f(y2)) \(f(x2)),\(f(y2)) "
          + "L\(f(x2)),\(f(y2 + h)) C\(f(mx)),\(f(y2 + h)) \(f(mx)),\(f(y1 + h)) \(f(x1)),\(f(y1 + h)) Z"
        w.open("g", [("class", "flow-group")])
        w.element("title", text: tooltip(flow))
        w.element(
          "path",
          [
            ("class", "flow " + flow.flowClass.rawValue), ("d", d),
            ("fill", known ? Palette.color(of: flow.flowClass) : "url(#\(id("hatch-" + flow.flowClass.rawValue)))"),
            ("fill-opacity", known ? "0.42" : "1"),
          ])
        let text = known ? money.interval(flow.amount, style: .compact) : "?"
        let textWidth = SVGText.width(text, size: 11) + 4
        // Beside one of the ribbon's ends, where ribbons are stacked apart; else in the middle.
        let atOuterEnd =
          flow.flowClass == .investment
          ? (Point(x1 + 6, y1 + h / 2), "start") : (Point(x2 - 6, y2 + h / 2), "end")
        let atInnerEnd =
          flow.flowClass == .investment
          ? (Point(x2 - 6, y2 + h / 2), "end") : (Point(x1 + 6, y1 + h / 2), "start")
        let candidates = [atOuterEnd, atInnerEnd, (Point(mx, (y1 + y2 + h) / 2), "middle")]
        for (p, anchor) in candidates {
          let minX = anchor == "start" ? p.x : anchor == "end" ? p.x - textWidth : p.x - textWidth / 2
          let box = (minX, minX + textWidth, p.y - 7, p.y + 7)
          let clash = labels.contains { other in
            other.0 < box.1 && box.0 < other.1 && other.2 < box.3 && box.2 < other.3
          }
          if clash { continue }
          labels.append(box)
          w.element(
            "text",
            [
              ("class", "halo"), ("x", f(p.x)), ("y", f(p.y + 4)), ("font-size", "11"), ("text-anchor", anchor),
              ("fill", Palette.textColor(of: flow.flowClass)),
            ],
            text: text)
          break
        }
        w.close()
      }
      w.close()
      // Nodes.
      w.open("g", [("class", "nodes")])
      for (column, x, side) in [(left, xLeft, -1.0), (middle, xMiddle, 0.0), (right, xRight, 1.0)] {
        for company in column.ids {
          let y = column.top[company, default: 0]
          let h = column.height[company, default: 0]
          w.open("g", [("class", "node")])
          w.element("title", text: name(company))
          w.element(
            "rect",
            [
              ("x", SVGNumber.format(x)), ("y", SVGNumber.format(y)), ("width", SVGNumber.format(barWidth)),
              ("height", SVGNumber.format(h)), ("fill", Palette.ink),
            ])
          let labelX = side < 0 ? x - 6 : side > 0 ? x + barWidth + 6 : x + barWidth / 2
          let labelY = side == 0 ? y - 6 : y + h / 2 + labelSize * 0.35
          w.element(
            "text",
            [
              ("class", "halo"), ("x", SVGNumber.format(labelX)), ("y", SVGNumber.format(labelY)),
              ("font-size", SVGNumber.format(labelSize)), ("font-weight", "600"),
              ("text-anchor", side < 0 ? "end" : side > 0 ? "start" : "middle"), ("fill", Palette.ink),
            ],
            text: name(company))
          w.close()
        }
      }
      w.close()
    }
    // Flows not drawn.
    for (i, line) in noteLines.enumerated() {
      w.element(
        "text",
        [
          ("x", "20"), ("y", SVGNumber.format(noteTop + Double(i) * 17)), ("font-size", "12"),
          ("fill", i == 0 ? Palette.ink : Palette.mutedInk), ("font-weight", i == 0 ? "600" : nil),
        ],
        text: line)
    }
    // Legend.
    var x = 20.0
    var y = legendTop
    for (colour, text, hatch) in legendItems {
      let itemWidth = 28 + SVGText.width(text, size: 12) + 22
      if x > 20, x + itemWidth - 22 > width - 20 {
        x = 20
        y += 20
      }
      w.element(
        "rect",
        [
          ("x", SVGNumber.format(x)), ("y", SVGNumber.format(y - 9)), ("width", "22"), ("height", "12"),
          ("fill", hatch ? "url(#\(id("hatch-investment")))" : colour), ("fill-opacity", hatch ? "1" : "0.42"),
        ])
      w.element(
        "text",
        [("x", SVGNumber.format(x + 28)), ("y", SVGNumber.format(y + 1)), ("font-size", "12"), ("fill", Palette.ink)],
        text: text)
      x += itemWidth
    }
    w.close()
    return w.text
  }

  private func tooltip(_ flow: Flow) -> String {
    var lines = [
      "\(name(flow.payer)) → \(name(flow.payee)) · \(words.flowClass(flow.flowClass))",
      "\(words.amount): \(money.interval(flow.amount))",
    ]
    for id in flow.deals {
      guard let deal = ledger.deal(id) else { continue }
      let written = deal.amount.asWritten ?? words.notStated
      lines.append("• \(words.kind(deal.kind)), \(words.status(deal.status)): \(written)")
      for source in deal.sources { lines.append("  「\(source.quote)」 — \(source.document)") }
    }
    return lines.joined(separator: "\n")
  }

  private func leftOutLines() -> [String] {
    guard !leftOut.isEmpty else { return [] }
    var lines = [words.notDrawn]
    var current = ""
    for flow in leftOut {
      let item =
        "\(name(flow.payer)) → \(name(flow.payee)) (\(words.flowClass(flow.flowClass)), \(money.interval(flow.amount, style: .compact)))"
      let candidate = current.isEmpty ? item : current + " · " + item
      if SVGText.width(candidate, size: 12) > width - 40, !current.isEmpty {
        lines.append(current)
        current = item
      } else {
        current = candidate
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}
