import Foundation
import LoopLedger

/// Options of ``LoopMap``.
public struct LoopMapOptions: Sendable {
  public enum Layout: String, Sendable, CaseIterable {
    /// Companies on a circle, ordered to minimise crossing arrows (the default).
    case circle
    /// Fruchterman–Reingold, deterministic; for larger ledgers.
    case force
  }

  public var language: Language
  public var layout: Layout
  /// A loop to highlight (1-based, as numbered in the report); others are dimmed.
  public var highlight: Int?
  /// Print each arrow's amount beside it.
  public var showAmounts: Bool
  /// Prefix of every `id` in the SVG, so that several pictures can share one HTML page.
  public var idPrefix: String
  /// Add `:target` rules so that `map.svg#loop-3` highlights loop 3 in a browser.
  ///
  /// The HTML report uses its own rules instead.
  public var standalone: Bool
  /// Width of the picture in SVG units (pixels at 100 %).
  public var width: Double

  public init(
    language: Language = .english, layout: Layout = .circle, highlight: Int? = nil,
    showAmounts: Bool = true, idPrefix: String = "lm", standalone: Bool = true, width: Double = 820
  ) {
    self.language = language
    self.layout = layout
    self.highlight = highlight
    self.showAmounts = showAmounts
    self.idPrefix = idPrefix
    self.standalone = standalone
    self.width = width
  }
}

/// The loop map: companies as nodes, deals as arrows, every loop of the report highlightable.
///
/// - Colour: investment (equity, loans, warrants) blue, purchase (chips, cloud, compute,
///   software) vermilion, other grey (``Palette``).
/// - Width: square root of the amount in US dollars, relative to the largest on the map.
///   A range is a solid core at its low end inside a hatched band at its high end; "at least"
///   has a narrow hatched band (no upper bound); an unstated amount is a thin line marked `?`.
/// - Line: solid for announced or closed, dashed for talks or planned, dotted for implied, faded
///   for cancelled or superseded (shown only if the filter includes them).
/// - Every arrow carries a `<title>` tooltip: payer, payee, kind, status, amount as written and
///   in US dollars, and every source quote; every arrow and node carries the CSS classes `l1`,
///   `l2`, … of the loops it is on, which the HTML report and ``LoopMapOptions/highlight`` use.
///
/// The renderer computes no metric: nodes are the report's companies, arrows the ledger's deals
/// that the report included, amounts the ledger's own conversion to US dollars.
public struct LoopMap {
  public struct Node: Sendable, Equatable {
    public var id: CompanyID
    public var name: String
    public var position: Point
    /// Numbers (1-based) of the loops through this company.
    public var loops: [Int]
  }

  /// How an arrow's line is drawn, from the status of its deals.
  public enum LineStyle: String, Sendable, CaseIterable, Comparable {
    /// Announced or closed.
    case solid
    /// In talks or planned.
    case dashed
    /// Implied: not stated, but follows from another deal.
    case dotted
    /// Cancelled or superseded (drawn only when the filter includes them).
    case faded

    public init(_ status: DealStatus) { self.init(StatusClass(status)) }

    public init(_ status: StatusClass) {
      switch status {
      case .stated: self = .solid
      case .intended: self = .dashed
      case .implied: self = .dotted
      case .void: self = .faded
      }
    }

    public static func < (l: LineStyle, r: LineStyle) -> Bool { l.rank < r.rank }

    /// The position in declaration order: solid, dashed, dotted, faded.
    private var rank: Int {
      switch self {
      case .solid: 0
      case .dashed: 1
      case .dotted: 2
      case .faded: 3
      }
    }
  }

  /// One arrow: the deals from one payer to one payee of one flow class and one line style
  /// (three announced cloud contracts make one arrow; the tooltip lists each).
  public struct Arrow: Sendable, Equatable {
    public var deals: [DealID]
    public var payer: CompanyID
    public var payee: CompanyID
    public var flowClass: FlowClass
    public var style: LineStyle
    /// The deals' summed amount in US dollars.
    public var amount: Interval
    /// Numbers (1-based) of the loops these deals are on.
    public var loops: [Int]
  }

  public let report: LoopReport
  public let ledger: Ledger
  public let options: LoopMapOptions
  /// Nodes in circle order (position 0 at the top, clockwise).
  public let nodes: [Node]
  public let arrows: [Arrow]

  private let words: Words
  private let money: MoneyFormat
  private let nodeRadius: Double
  private let centre: Point
  private let radius: Double
  private let mapBottom: Double

  static let minWidth = 1.5
  static let maxWidth = 16.0

  public init(report: LoopReport, ledger: Ledger, options: LoopMapOptions = LoopMapOptions()) {
    self.report = report
    self.ledger = ledger
    self.options = options
    words = Words(options.language)
    money = MoneyFormat(options.language)

    // Arrows: the report's included deals, at the report's graph level, as the analysis groups them.
    var companyLoops: [CompanyID: [Int]] = [:]
    for (index, loop) in report.loops.enumerated() {
      for company in loop.path.dropLast() where companyLoops[company]?.last != index + 1 {
        companyLoops[company, default: []].append(index + 1)
      }
    }
    arrows = LedgerFlows(report: report, ledger: ledger).arrows.map {
      Arrow(
        deals: $0.deals, payer: $0.payer, payee: $0.payee, flowClass: $0.flowClass, style: LineStyle($0.status),
        amount: $0.amount, loops: $0.loops)
    }

    // Layout.
    let ids = report.companies.map(\.id)
    let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    var pairWeights: [Int: Int] = [:]
    // Arrows come from the report's own graph, so both ends are among its companies.
    for arrow in arrows {
      guard let a = index[arrow.payer], let b = index[arrow.payee] else { continue }
      pairWeights[min(a, b) * ids.count + max(a, b), default: 0] += 1
    }
    let edges = pairWeights.sorted { $0.key < $1.key }.map {
      GraphLayout.Edge($0.key / ids.count, $0.key % ids.count, weight: $0.value)
    }
    let names = ids.map { ledger.name(of: $0, in: options.language) }
    let labelSize = 14.0
    let widest = names.map { SVGText.width($0, size: labelSize) }.max() ?? 0
    let n = ids.count
    let r = n > 14 ? max(9, 22 - Double(n - 14)) : 22.0
    nodeRadius = r
    let sideRoom = min(widest, 170) + r + 22
    radius = max(120, min(290, options.width / 2 - sideRoom))
    centre = Point(options.width / 2, 112 + radius + r + 16)
    mapBottom = centre.y + radius + r + 34
    let order = GraphLayout.circleOrder(nodeCount: n, edges: edges)
    let circle = GraphLayout.circlePositions(count: n, centre: centre, radius: radius)
    var positions = [Point](repeating: centre, count: n)
    for (p, node) in order.enumerated() { positions[node] = circle[p] }
    if options.layout == .force {
      positions = GraphLayout.forceDirected(
        initial: positions, edges: edges, centre: centre, radius: radius, minDistance: 5 * r)
    }
    nodes = order.map { node in
      Node(
        id: ids[node], name: names[node], position: positions[node],
        loops: companyLoops[ids[node]] ?? [])
    }
  }

  // MARK: - Scales

  private var largest: Double {
    arrows.map { $0.amount.high ?? $0.amount.low ?? $0.amount.estimate ?? 0 }.max() ?? 0
  }

  private func width(_ value: Double?) -> Double {
    guard let value, value > 0, largest > 0 else { return Self.minWidth }
    return Self.minWidth + (Self.maxWidth - Self.minWidth) * (min(value, largest) / largest).squareRoot()
  }

  /// Core and band widths of an amount; the band is nil when the amount is not a range.
  func widths(_ amount: Interval) -> (core: Double, band: Double?, open: Bool) {
    if amount.isUnknown { return (Self.minWidth, nil, false) }
    if let low = amount.low, let high = amount.high {
      if high > low { return (width(low), width(high), false) }
      return (width(low), nil, false)
    }
    if let low = amount.low, amount.high == nil { return (width(low), width(low) + 6, true) }
    if let high = amount.high { return (Self.minWidth, width(high), false) }
    return (width(amount.estimate), nil, false)
  }

  // MARK: - SVG

  private func id(_ name: String) -> String { options.idPrefix + "-" + name }

  private func loopClasses(_ loops: [Int]) -> String {
    loops.map { "l\($0)" }.joined(separator: " ")
  }

  private func dash(_ style: LineStyle, width w: Double) -> (String?, String) {
    switch style {
    case .solid: (nil, "butt")
    case .dashed: (SVGNumber.format(max(7, 2.2 * w)) + " " + SVGNumber.format(max(4.5, 1.3 * w)), "butt")
    case .dotted: ("0.1 " + SVGNumber.format(w + 4), "round")
    case .faded: ("4 3 1 3", "butt")
    }
  }

  /// The picture.
  public func svg() -> String {
    var w = XMLWriter()
    let legendLines = legendEntries()
    let legendHeight = legendBlockHeight(legendLines)
    let height = (mapBottom + legendHeight + 16).rounded()
    w.openSVG(
      width: options.width, height: height, labelledBy: id("title") + " " + id("desc"),
      cssClass: "loopmap", id: id("svg"), language: options.language)
    w.element("title", [("id", id("title"))], text: words.loopMapTitle)
    w.element(
      "desc", [("id", id("desc"))],
      text: report.loops.enumerated().map { "\(words.loopWord) \($0.offset + 1): \(path($0.element))" }
        .joined(separator: "\n"))
    writeDefs(&w)
    w.chartHeading(words.loopMapTitle)
    var subtitle = report.ledger.title + " [" + report.ledger.id
    if let asOf = report.ledger.asOf { subtitle += ", " + words.asOf + " " + asOf.description }
    subtitle += "] · " + words.loopMapSubtitle(companies: nodes.count, deals: arrows.count, loops: report.loops.count)
    for (i, line) in SVGText.wrap(subtitle, size: 13, maxWidth: options.width - 40).prefix(2).enumerated() {
      w.element(
        "text",
        [("x", "20"), ("y", SVGNumber.format(56 + Double(i) * 17)), ("font-size", "13"), ("fill", Palette.mutedInk)],
        text: line)
    }
    if let number = options.highlight, report.loops.indices.contains(number - 1) {
      w.element(
        "text",
        [("x", "20"), ("y", "96"), ("font-size", "13"), ("font-weight", "700"), ("fill", Palette.ink)],
        text: words.highlighted(number, path: path(report.loops[number - 1])))
    }
    if options.standalone {
      for number in report.loops.indices.map({ $0 + 1 }) {
        w.element("g", [("id", "loop-\(number)"), ("class", "loop-target")])
      }
    }
    if nodes.isEmpty {
      w.element(
        "text", [("x", "20"), ("y", "120"), ("font-size", "14"), ("fill", Palette.ink)],
        text: words.noFlows)
    }
    writeArrows(&w)
    writeNodes(&w)
    writeLegend(&w, entries: legendLines, top: mapBottom)
    w.close()
    return w.text
  }

  private func path(_ loop: LoopReport.Loop) -> String {
    loop.path.map { ledger.name(of: $0, in: options.language) }.joined(separator: " → ")
  }

  private var style: String {
    var css = """
      .deal .core, .deal .band, .deal .head { transition: opacity .15s; }
      .deal:hover .core, .deal:hover .head { filter: brightness(0.8); }
      .deal:hover .band { opacity: 1; }
      .amount { paint-order: stroke; stroke: #ffffff; stroke-width: 3.5px; stroke-linejoin: round; }
      .label { paint-order: stroke; stroke: #ffffff; stroke-width: 4px; stroke-linejoin: round; }
      .dim { opacity: 0.13; }

      """
    if options.standalone, options.highlight == nil {
      for number in report.loops.indices.map({ $0 + 1 }) {
        css +=
          "svg:has(#loop-\(number):target) .deal:not(.l\(number)), svg:has(#loop-\(number):target) .node:not(.l\(number)) { opacity: 0.13; }\n"
      }
    }
    return css
  }

  private func writeDefs(_ w: inout XMLWriter) {
    w.open("defs")
    w.element("style", text: style)
    for flowClass in FlowClass.allCases {
      let colour = Palette.color(of: flowClass)
      w.open(
        "pattern",
        [
          ("id", id("hatch-" + flowClass.rawValue)), ("patternUnits", "userSpaceOnUse"),
          ("width", "6"), ("height", "6"), ("patternTransform", "rotate(45)"),
        ])
      w.element("rect", [("width", "6"), ("height", "6"), ("fill", colour), ("fill-opacity", "0.16")])
      w.element("rect", [("width", "2.2"), ("height", "6"), ("fill", colour), ("fill-opacity", "0.75")])
      w.close()
    }
    w.close()
  }

  private struct Geometry {
    var start: Point
    var control: Point
    var end: Point

    func point(_ t: Double) -> Point {
      let u = 1 - t
      return start * (u * u) + control * (2 * u * t) + end * (t * t)
    }

    /// The sub-curve between parameters `u` and `v` (blossoming).
    func segment(_ u: Double, _ v: Double) -> Geometry {
      let q1 = start * ((1 - u) * (1 - v)) + control * (u * (1 - v) + v * (1 - u)) + end * (u * v)
      return Geometry(start: point(u), control: q1, end: point(v))
    }

    /// The parameter where the curve is `distance` from `centre`, searching from the end
    /// (`fromEnd`) or the start; the distance changes monotonically there for our curves.
    func parameter(atDistance distance: Double, from centre: Point, fromEnd: Bool) -> Double {
      var inside = fromEnd ? 1.0 : 0.0
      var outside = 0.5
      for _ in 0..<40 {
        let middle = (inside + outside) / 2
        if (point(middle) - centre).length < distance { inside = middle } else { outside = middle }
      }
      return (inside + outside) / 2
    }

    var pathData: String {
      "M" + start.svg + " Q" + control.svg + " " + end.svg
    }
  }

  private func writeArrows(_ w: inout XMLWriter) {
    let position = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0.position) })
    // Arrows between the same two companies, per direction, fan out.
    var groups: [[Int]] = []  // in order of first appearance
    var groupIndex: [String: Int] = [:]
    for (i, arrow) in arrows.enumerated() {
      let key = arrow.payer.rawValue + "\u{1}" + arrow.payee.rawValue
      if let g = groupIndex[key] {
        groups[g].append(i)
      } else {
        groupIndex[key] = groups.count
        groups.append([i])
      }
    }
    func classOrder(_ flowClass: FlowClass) -> Int {
      switch flowClass {
      case .investment: 0
      case .purchase: 1
      case .other: 2
      }
    }
    var placedLabels: [(Point, Double, Double)] = nodes.map { ($0.position, nodeRadius * 2 + 4, nodeRadius * 2 + 4) }
    w.open("g", [("class", "deals"), ("fill", "none")])
    for group in groups {
      let members = group.sorted {
        (classOrder(arrows[$0].flowClass), $0) < (classOrder(arrows[$1].flowClass), $1)
      }
      var offset = 0.0
      var previousHalf = 0.0
      for (k, i) in members.enumerated() {
        let arrow = arrows[i]
        // Every arrow's companies have a node (the nodes are the report's companies).
        guard let a = position[arrow.payer], let b = position[arrow.payee] else { continue }
        let chord = (b - a).length
        let (core, band, open) = widths(arrow.amount)
        let half = max(core, band ?? 0) / 2
        if k == 0 {
          offset = max(0.13 * chord, 2 * (half + 4))
        } else {
          offset += 2 * (previousHalf + half + 3)
        }
        previousHalf = half
        let normal = (b - a).normalized.perpendicular
        // Reciprocal arrows leave and enter a node on opposite sides of the centre line.
        let shift = normal * min(nodeRadius * 0.5, half + 2)
        let curve = Geometry(start: a + shift, control: (a + b) * 0.5 + normal * offset, end: b + shift)
        let outer = max(core, band ?? 0)
        let headLength = 7 + 0.75 * outer
        let headHalf = max(4.5, outer / 2 + 3)
        let gap = nodeRadius + 2.5
        let t0 = curve.parameter(atDistance: gap, from: a, fromEnd: false)
        let tip = curve.parameter(atDistance: gap, from: b, fromEnd: true)
        let base = curve.parameter(atDistance: gap + headLength * 0.85, from: b, fromEnd: true)
        let body = curve.segment(t0, base)
        let tipPoint = curve.point(tip)
        let direction = (tipPoint - curve.point(base)).normalized
        let headBase = tipPoint - direction * headLength
        let side = direction.perpendicular * headHalf
        let colour = Palette.color(of: arrow.flowClass)
        let faded = arrow.style == .faded
        var classes = "deal " + arrow.flowClass.rawValue + " " + arrow.style.rawValue
        if !arrow.loops.isEmpty { classes += " " + loopClasses(arrow.loops) }
        let dimmed = options.highlight.map { !arrow.loops.contains($0) } ?? false
        if dimmed { classes += " dim" }
        w.open(
          "g",
          [
            ("class", classes), ("id", id("arrow-\(i + 1)")),
            ("opacity", faded ? "0.45" : nil),
          ])
        w.element("title", text: tooltip(arrow))
        if let band {
          w.element(
            "path",
            [
              ("class", "band"), ("d", body.pathData), ("stroke", "url(#\(id("hatch-" + arrow.flowClass.rawValue)))"),
              ("stroke-width", SVGNumber.format(band)), ("stroke-linecap", "butt"),
              ("opacity", open ? "0.9" : "0.85"),
            ])
        }
        let coreWidth = arrow.style == .dotted ? max(core, 2.6) : core
        let (dashArray, cap) = dash(arrow.style, width: coreWidth)
        w.element(
          "path",
          [
            ("class", "core"), ("d", body.pathData), ("stroke", colour),
            ("stroke-width", SVGNumber.format(coreWidth)),
            ("stroke-dasharray", dashArray), ("stroke-linecap", cap),
          ])
        w.element(
          "polygon",
          [
            ("class", "head"),
            ("points", [tipPoint, headBase + side, headBase - side].map(\.svg).joined(separator: " ")),
            ("fill", colour),
          ])
        if options.showAmounts {
          let text = arrow.amount.isUnknown ? "?" : money.interval(arrow.amount, style: .compact)
          let size = 11.0
          let textWidth = SVGText.width(text, size: size) + 4
          let candidates = [0.5, 0.4, 0.6, 0.32, 0.68, 0.25, 0.75]
          var chosen = curve.point(0.5)
          for t in candidates {
            let p = curve.point(t)
            let overlaps = placedLabels.contains { other in
              abs(other.0.x - p.x) * 2 < other.1 + textWidth && abs(other.0.y - p.y) * 2 < other.2 + size + 2
            }
            if !overlaps {
              chosen = p
              break
            }
          }
          placedLabels.append((chosen, textWidth, size + 2))
          w.element(
            "text",
            [
              ("class", "amount"), ("x", SVGNumber.format(chosen.x)),
              ("y", SVGNumber.format(chosen.y + size * 0.35)), ("font-size", SVGNumber.format(size)),
              ("text-anchor", "middle"), ("fill", Palette.textColor(of: arrow.flowClass)),
            ],
            text: text)
        }
        w.close()
      }
    }
    w.close()
  }

  private func tooltip(_ arrow: Arrow) -> String {
    let payer = ledger.name(of: arrow.payer, in: options.language)
    let payee = ledger.name(of: arrow.payee, in: options.language)
    var lines = ["\(payer) → \(payee) · \(words.flowClass(arrow.flowClass)) · \(money.interval(arrow.amount))"]
    for id in arrow.deals {
      guard let deal = ledger.deal(id) else { continue }
      let written = deal.amount.asWritten ?? (deal.amount.qualifier == .unstated ? words.notStated : "–")
      var line = "• \(words.kind(deal.kind)) · \(words.statusWord): \(words.status(deal.status)) · "
      line += "\(words.amount): \(written)"
      if let usd = ledger.usdInterval(of: deal.amount), !usd.isUnknown {
        line += " (\(money.interval(usd)))"
      }
      if let announced = deal.announced { line += " · \(announced)" }
      lines.append(line)
      for source in deal.sources {
        lines.append("  「\(source.quote)」 — \(source.document)")
      }
      lines.append("  [\(id)]")
    }
    if !arrow.loops.isEmpty {
      lines.append("\(words.onLoops): " + arrow.loops.map { "#\($0)" }.joined(separator: ", "))
    }
    return lines.joined(separator: "\n")
  }

  private func writeNodes(_ w: inout XMLWriter) {
    let rows = Dictionary(uniqueKeysWithValues: report.companies.map { ($0.id, $0) })
    let labelSize = nodes.count > 14 ? 12.0 : 14.0
    let positionOf = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0.position) })
    w.open("g", [("class", "nodes")])
    for (index, node) in nodes.enumerated() {
      var classes = "node"
      if !node.loops.isEmpty { classes += " " + loopClasses(node.loops) }
      if let h = options.highlight, !node.loops.contains(h) { classes += " dim" }
      w.open("g", [("class", classes), ("id", id("node-\(index + 1)"))])
      var tip = [node.name]
      if let row = rows[node.id] {
        let cell: (Interval) -> String = { $0 == .zero ? "–" : money.interval($0, style: .compact) }
        tip.append("\(words.purchasesIn): \(cell(row.purchasesIn))")
        tip.append("\(words.investmentIn): \(cell(row.investmentIn))")
        tip.append("\(words.investedOut): \(cell(row.investedOut))")
        tip.append("\(words.purchasesOut): \(cell(row.purchasesOut))")
        tip.append("\(words.selfFunded): \(money.share(row.selfFundedShare, style: .compact))")
        tip.append("\(words.loopsColumn): \(row.loops)")
      }
      w.element("title", text: tip.joined(separator: "\n"))
      w.element(
        "circle",
        [
          ("cx", SVGNumber.format(node.position.x)), ("cy", SVGNumber.format(node.position.y)),
          ("r", SVGNumber.format(nodeRadius)), ("fill", Palette.node), ("stroke", Palette.ink),
          ("stroke-width", "1.5"),
        ])
      // Initials inside, the full name outside.
      let outward: Point
      if options.layout == .circle || nodes.count < 3 {
        outward = (node.position - centre).normalized
      } else {
        // Away from the node's arrows: opposite to the mean direction of its neighbours.
        var pull = Point(0, 0)
        for arrow in arrows where arrow.payer == node.id || arrow.payee == node.id {
          let other = arrow.payer == node.id ? arrow.payee : arrow.payer
          if let p = positionOf[other] { pull = pull + (p - node.position).normalized }
        }
        let away = pull.length > 0.2 ? pull * -1 : node.position - centre
        outward = away.length > 0.01 ? away.normalized : Point(0, 1)
      }
      let labelPoint = node.position + outward * (nodeRadius + 7)
      let anchor = outward.x > 0.3 ? "start" : outward.x < -0.3 ? "end" : "middle"
      let baseline =
        outward.y > 0.3
        ? labelPoint.y + labelSize * 0.95 : outward.y < -0.3 ? labelPoint.y - 3 : labelPoint.y + labelSize * 0.35
      w.element(
        "text",
        [
          ("class", "label"), ("x", SVGNumber.format(labelPoint.x)), ("y", SVGNumber.format(baseline)),
          ("font-size", SVGNumber.format(labelSize)), ("font-weight", "600"), ("text-anchor", anchor),
          ("fill", Palette.ink),
        ],
        text: node.name)
      w.element(
        "text",
        [
          ("x", SVGNumber.format(node.position.x)),
          ("y", SVGNumber.format(node.position.y + 4)), ("font-size", "11"),
          ("text-anchor", "middle"), ("fill", Palette.mutedInk),
        ],
        text: "\(rows[node.id]?.loops ?? 0)")
      w.close()
    }
    w.close()
  }

  // MARK: - Legend

  /// What the legend shows, so that tests can check it against the arrows drawn.
  public enum LegendEntry: String, Sendable, CaseIterable {
    case investment, purchase, other, solid, dashed, dotted, faded, width, band, openBand, unknown, node
  }

  /// The legend entries this map needs: every colour, line style and mark that appears on it.
  public func legendEntries() -> [LegendEntry] {
    var entries: [LegendEntry] = [.investment, .purchase]
    if arrows.contains(where: { $0.flowClass == .other }) { entries.append(.other) }
    let styles = Set(arrows.map(\.style))
    if styles.contains(.solid) { entries.append(.solid) }
    if styles.contains(.dashed) { entries.append(.dashed) }
    if styles.contains(.dotted) { entries.append(.dotted) }
    if styles.contains(.faded) { entries.append(.faded) }
    entries.append(.width)
    let bands = arrows.map { widths($0.amount) }
    if bands.contains(where: { $0.band != nil && !$0.open }) { entries.append(.band) }
    if bands.contains(where: { $0.open }) { entries.append(.openBand) }
    if arrows.contains(where: { $0.amount.isUnknown }) { entries.append(.unknown) }
    entries.append(.node)
    return entries
  }

  private func legendText(_ entry: LegendEntry) -> String {
    switch entry {
    case .investment: words.legendInvestment
    case .purchase: words.legendPurchase
    case .other: words.legendOther
    case .solid: words.legendSolid
    case .dashed: words.legendDashed
    case .dotted: words.legendDotted
    case .faded: words.legendFaded
    case .width: words.legendWidth
    case .band: words.legendBand
    case .openBand: words.legendOpenBand
    case .unknown: words.legendUnknown
    case .node: words.legendNode
    }
  }

  private var legendColumns: Int { options.width >= 700 ? 2 : 1 }
  private var legendColumnWidth: Double { (options.width - 40) / Double(legendColumns) }
  private static let legendRow = 22.0

  private func legendBlockHeight(_ entries: [LegendEntry]) -> Double {
    let rows = (entries.count + legendColumns - 1) / legendColumns
    return Double(rows) * Self.legendRow + 14
  }

  /// Sample amounts for the width key: the largest, a tenth and a hundredth of it, rounded down.
  private var widthSamples: [Double] {
    guard largest > 0 else { return [] }
    let magnitude = pow(10, floor(log10(largest)))
    let top = floor(largest / magnitude) * magnitude
    return [top, top / 10, top / 100].filter { $0 > 0 }
  }

  private func writeLegend(_ w: inout XMLWriter, entries: [LegendEntry], top: Double) {
    let rowsPerColumn = (entries.count + legendColumns - 1) / legendColumns
    w.open("g", [("class", "legend"), ("font-size", "12"), ("fill", Palette.ink)])
    w.element(
      "line",
      [
        ("x1", "20"), ("y1", SVGNumber.format(top - 8)), ("x2", SVGNumber.format(options.width - 20)),
        ("y2", SVGNumber.format(top - 8)), ("stroke", Palette.grid),
      ])
    for (i, entry) in entries.enumerated() {
      let column = i / rowsPerColumn
      let row = i % rowsPerColumn
      let x = 20 + Double(column) * legendColumnWidth
      let y = top + 10 + Double(row) * Self.legendRow
      w.open("g", [("class", "legend-entry legend-" + entry.rawValue)])
      let x1 = SVGNumber.format(x)
      let x2 = SVGNumber.format(x + 34)
      let ys = SVGNumber.format(y)
      func line(_ colour: String, _ width: Double, dash: String? = nil, cap: String = "butt") -> XMLWriter.Attributes {
        [
          ("x1", x1), ("y1", ys), ("x2", x2), ("y2", ys), ("stroke", colour),
          ("stroke-width", SVGNumber.format(width)), ("stroke-dasharray", dash), ("stroke-linecap", cap),
        ]
      }
      var textX = x + 44
      switch entry {
      case .investment: w.element("line", line(Palette.investment, 5))
      case .purchase: w.element("line", line(Palette.purchase, 5))
      case .other: w.element("line", line(Palette.other, 5))
      case .solid: w.element("line", line(Palette.ink, 2.5))
      case .dashed: w.element("line", line(Palette.ink, 2.5, dash: dash(.dashed, width: 2.5).0))
      case .dotted: w.element("line", line(Palette.ink, 2.6, dash: dash(.dotted, width: 2.6).0, cap: "round"))
      case .faded:
        var attributes = line(Palette.ink, 2.5, dash: dash(.faded, width: 2.5).0)
        attributes.append(("opacity", "0.45"))
        w.element("line", attributes)
      case .band:
        w.element(
          "line",
          line("url(#\(id("hatch-investment")))", 12))
        w.element("line", line(Palette.investment, 2))
      case .openBand:
        w.element("line", line("url(#\(id("hatch-investment")))", 8))
        w.element("line", line(Palette.investment, 2))
      case .unknown:
        w.element("line", line(Palette.ink, Self.minWidth))
        w.element(
          "text",
          [
            ("x", SVGNumber.format(x + 17)), ("y", SVGNumber.format(y - 3)), ("text-anchor", "middle"),
            ("font-size", "11"),
          ],
          text: "?")
      case .node:
        w.element(
          "circle",
          [
            ("cx", SVGNumber.format(x + 17)), ("cy", ys), ("r", "8"), ("fill", Palette.node),
            ("stroke", Palette.ink), ("stroke-width", "1.2"),
          ])
      case .width:
        textX = x
      }
      if entry == .width {
        let label = legendText(entry)
        w.element("text", [("x", SVGNumber.format(textX)), ("y", SVGNumber.format(y + 4))], text: label)
        var cursor = x + SVGText.width(label, size: 12) + 8
        for sample in widthSamples {
          let stroke = width(sample)
          w.element(
            "line",
            [
              ("x1", SVGNumber.format(cursor)), ("y1", ys), ("x2", SVGNumber.format(cursor + 26)),
              ("y2", ys), ("stroke", Palette.mutedInk), ("stroke-width", SVGNumber.format(stroke)),
            ])
          let text = money.usd(sample)
          w.element("text", [("x", SVGNumber.format(cursor + 30)), ("y", SVGNumber.format(y + 4))], text: text)
          cursor += 30 + SVGText.width(text, size: 12) + 12
        }
      } else {
        w.element("text", [("x", SVGNumber.format(textX)), ("y", SVGNumber.format(y + 4))], text: legendText(entry))
      }
      w.close()
    }
    w.close()
  }
}

extension Palette {
  /// Darker shades for text in a flow class's colour: at least 4.5 : 1 on white (WCAG AA).
  public static func textColor(of flowClass: FlowClass) -> String {
    switch flowClass {
    case .investment: "#005b8f"
    case .purchase: "#a94a00"
    case .other: "#555555"
    }
  }
}
