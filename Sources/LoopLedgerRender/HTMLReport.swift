import Foundation
import LoopLedger

/// A picture to add to the HTML report: fan and cascade charts, once their analyses exist.
public struct HTMLFigure: Sendable {
  public var id: String
  public var title: String
  /// An SVG made by one of this module's charts (trusted markup: it is embedded as is).
  public var svg: String
  public var caption: String?

  public init(id: String, title: String, svg: String, caption: String? = nil) {
    self.id = id
    self.title = title
    self.svg = svg
    self.caption = caption
  }
}

/// The report as one self-contained HTML file: inline SVG and CSS, no script, no external
/// fetch, readable offline and printable.
///
/// It holds the loop map (each loop highlightable: click a loop's number or point at its row),
/// the loops with their steps, the money-flow Sankey, the company table with the self-funded
/// share chart, the key facts, every deal with every source quote, the amounts not stated, the
/// deals left out, the assumptions and the documents. Highlighting uses CSS `:target`, `:hover`
/// and `:has()`; without them the page still reads in full.
///
/// The output is also well-formed XML (every text escaped by ``XMLWriter``), which the tests
/// use to check it.
public struct HTMLReport {
  public let report: LoopReport
  public let ledger: Ledger
  public let language: Language
  public var figures: [HTMLFigure]
  /// What-if figures that could not be computed, each said in the page.
  public var notComputed: [WhatIfAnalysis.Missing]
  public var mapLayout: LoopMapOptions.Layout

  private let words: Words
  private let money: MoneyFormat

  /// Most loops given their own highlight rules (the CSS grows with each).
  public static let highlightLimit = 300

  public init(
    report: LoopReport, ledger: Ledger, language: Language = .english, figures: [HTMLFigure] = [],
    notComputed: [WhatIfAnalysis.Missing] = [], mapLayout: LoopMapOptions.Layout = .circle
  ) {
    self.notComputed = notComputed
    self.report = report
    self.ledger = ledger
    self.language = language
    self.figures = figures
    self.mapLayout = mapLayout
    words = Words(language)
    money = MoneyFormat(language)
  }

  private var w0: Words { words }
  private func name(_ id: CompanyID) -> String { ledger.name(of: id, in: language) }
  private func path(_ loop: LoopReport.Loop) -> String { loop.path.map(name).joined(separator: " → ") }
  private func cell(_ interval: Interval) -> String {
    interval == .zero ? "–" : money.interval(interval, style: .compact)
  }

  /// Deal ids → anchor ids (`deal-1`, …, in ledger order), so that any id is a valid anchor.
  private var dealAnchors: [DealID: String] {
    Dictionary(ledger.deals.enumerated().map { ($1.id, "deal-\($0 + 1)") }, uniquingKeysWith: { a, _ in a })
  }

  public func html() -> String {
    var w = XMLWriter()
    w.raw("<!DOCTYPE html>")
    w.open("html", [("lang", words.htmlLang)])
    w.open("head")
    w.element("meta", [("charset", "utf-8")])
    w.element("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
    w.element("meta", [("name", "generator"), ("content", "LoopLedger")])
    w.element("title", text: "\(w0.reportTitle) — \(report.ledger.title)")
    w.open("style")
    w.raw(css)
    w.close()
    w.close()
    w.open("body")
    header(&w)
    toc(&w)
    mapSection(&w)
    loopsSection(&w)
    sankeySection(&w)
    companiesSection(&w)
    factsSection(&w)
    dealsSection(&w)
    tailSections(&w)
    if !figures.isEmpty || !notComputed.isEmpty {
      w.open("section", [("id", "more")])
      w.element("h2", text: words.furtherPictures)
      for figure in figures {
        w.open("figure", [("id", "figure-" + figure.id)])
        w.raw(figure.svg)
        w.element("figcaption", text: figure.caption ?? figure.title)
        w.close()
      }
      for missing in notComputed {
        w.element("p", [("class", "not-computed")], text: words.notComputed(missing.figure, reason: missing.reason))
      }
      w.close()
    }
    w.open("footer")
    var generated = "\(words.generatedBy) “\(report.ledger.id)”"
    if let asOf = report.ledger.asOf { generated += " (\(w0.asOf) \(asOf))" }
    generated += " · reportVersion \(report.reportVersion)"
    w.element("p", text: generated)
    w.close()
    w.close()
    w.close()
    return w.text
  }

  // MARK: - CSS

  private var css: String {
    var css = """
      :root { color-scheme: light; }
      body { font-family: \(SVGText.fontStack(language)); color: #1a1a1a; background: #ffffff;
        margin: 0 auto; max-width: 1040px; padding: 24px 28px 48px; line-height: 1.5; font-size: 15px; }
      h1 { font-size: 1.7em; margin: 0 0 .2em; line-height: 1.25; }
      h2 { font-size: 1.3em; margin: 2em 0 .5em; padding-bottom: .2em; border-bottom: 2px solid #1a1a1a; }
      h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
      .meta, .hint, figcaption, .notation, footer { color: #555555; font-size: .92em; }
      nav.toc { margin: 1em 0; padding: .6em .9em; background: #f4f4f4; border-radius: 6px; font-size: .93em; }
      nav.toc a { margin-right: .9em; white-space: nowrap; }
      a { color: #005b8f; }
      figure { margin: 1em 0; }
      svg { max-width: 100%; height: auto; display: block; }
      table { border-collapse: collapse; width: 100%; font-size: .93em; margin: .5em 0 1em; }
      th, td { text-align: left; padding: .3em .55em; border-bottom: 1px solid #d9d9d9; vertical-align: top; }
      th { background: #f4f4f4; font-weight: 600; }
      .table-wrap { overflow-x: auto; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      tr.loop-row:hover { background: #fff3c4; }
      blockquote { margin: .2em 0 .5em 1.2em; padding: .1em .8em; border-left: 3px solid #d9d9d9; color: #333333; }
      blockquote .doc { color: #555555; font-size: .9em; }
      ol.steps, ul.deals, ul.facts, ul.plain { padding-left: 1.4em; }
      ol.steps li, ul.facts li { margin-bottom: .5em; }
      .inv { color: #005b8f; font-weight: 600; }
      .pur { color: #a94a00; font-weight: 600; }
      .oth { color: #555555; font-weight: 600; }
      .deal-card { border: 1px solid #d9d9d9; border-radius: 6px; padding: .5em .8em; margin: .6em 0; }
      .deal-card:target { outline: 3px solid #e69f00; }
      .deal-card h3 { margin: 0 0 .2em; font-size: 1em; }
      .deal-id { font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: .85em; color: #555555; }
      .loop-anchor { display: block; position: relative; top: -8px; height: 0; }
      .hl-caption { display: none; font-weight: 600; background: #fff3c4; padding: .2em .6em; border-radius: 4px; }
      @media print {
        @page { margin: 14mm; }
        body { max-width: none; padding: 0; font-size: 10pt; }
        nav.toc, .hint, .hl-caption { display: none !important; }
        a { color: inherit; text-decoration: none; }
        h2 { break-after: avoid; }
        figure, tr, .deal-card, ul.facts li, ol.steps li { break-inside: avoid; }
        svg .dim { opacity: 1 !important; }
        figure svg { max-height: 185mm; width: auto; max-width: 100%; margin: 0 auto; }
      }

      """
    for number in report.loops.indices.prefix(Self.highlightLimit).map({ $0 + 1 }) {
      let on = "body:has(#loop-\(number):target)"
      let hover = "body:has(tr.loop-\(number):hover)"
      css +=
        "\(on) #map .deal:not(.l\(number)), \(on) #map .node:not(.l\(number)), "
        + "\(hover) #map .deal:not(.l\(number)), \(hover) #map .node:not(.l\(number)) { opacity: 0.12; }\n"
      css += "\(on) .hl-\(number) { display: inline-block; } \(on) tr.loop-\(number) { background: #fff3c4; }\n"
    }
    return css
  }

  // MARK: - Sections

  private func header(_ w: inout XMLWriter) {
    w.open("header")
    w.element("h1", text: "\(w0.reportTitle) — \(report.ledger.title)")
    let summary = report.ledger
    var line = "[\(summary.id)"
    if let asOf = summary.asOf { line += ", \(w0.asOf) \(asOf)" }
    line += "] \(summary.deals) \(w0.deals), \(summary.companies) \(w0.companies) · "
    let statuses = DealStatus.allCases.filter { report.filter.statuses.contains($0) }.map { w0.status($0) }
    line += "\(w0.level): \(w0.level(report.filter.level)) · \(w0.statuses): \(statuses.joined(separator: ", "))"
    if let kinds = report.filter.kinds {
      line += " · " + DealKind.allCases.filter { kinds.contains($0) }.map { words.kind($0) }.joined(separator: ", ")
    }
    if report.filter.from != nil || report.filter.to != nil {
      line += " · \(report.filter.from?.description ?? "…")–\(report.filter.to?.description ?? "…")"
    }
    w.element("p", [("class", "meta")], text: line)
    w.element("p", [("class", "notation")], text: "\(words.notation): \(money.legend)")
    w.close()
  }

  private var sections: [(String, String)] {
    var list = [
      ("map", words.loopMapShort), ("loops", w0.loopsHeading.capitalizedFirst), ("flow", words.moneyFlowShort),
      ("companies", w0.companiesHeading.capitalizedFirst), ("facts", w0.factsHeading.capitalizedFirst),
      ("deals", words.dealsHeading),
    ]
    if !report.unknownAmountDeals.isEmpty { list.append(("unknown", words.amountsNotStated)) }
    if !report.excludedDeals.isEmpty { list.append(("excluded", w0.excludedHeading.capitalizedFirst)) }
    list.append(("assumptions", w0.assumptionsHeading.capitalizedFirst))
    if !ledger.documents.isEmpty { list.append(("documents", words.documentsHeading)) }
    if !figures.isEmpty || !notComputed.isEmpty { list.append(("more", words.furtherPictures)) }
    return list
  }

  private func toc(_ w: inout XMLWriter) {
    w.open("nav", [("class", "toc"), ("aria-label", words.contents)])
    w.element("strong", text: words.contents + ": ")
    for (id, title) in sections { w.element("a", [("href", "#" + id)], text: title) }
    w.close()
  }

  private func mapSection(_ w: inout XMLWriter) {
    w.open("section", [("id", "map")])
    w.element("h2", text: words.loopMapShort)
    for number in report.loops.indices.prefix(Self.highlightLimit).map({ $0 + 1 }) {
      w.element("span", [("id", "loop-\(number)"), ("class", "loop-anchor")], text: "")
    }
    w.element("p", [("class", "hint")], text: words.highlightHint)
    w.open("p")
    for (index, loop) in report.loops.enumerated().prefix(Self.highlightLimit) {
      w.element(
        "span", [("class", "hl-caption hl-\(index + 1)")],
        text: words.highlighted(index + 1, path: path(loop)))
    }
    w.close()
    w.open("figure")
    let map = LoopMap(
      report: report, ledger: ledger,
      options: LoopMapOptions(language: language, layout: mapLayout, idPrefix: "map", standalone: false))
    w.raw(map.svg())
    w.close()
    w.close()
  }

  /// Each loop's round trip per certainty tier (signed, + plans, + talks, + inferred).
  private func tiersTable(_ w: inout XMLWriter, _ tiers: TieredFigures) {
    w.element("h3", text: w0.tiersHeading)
    w.open("div", [("class", "table-wrap")])
    w.open("table", [("class", "tiers")])
    w.open("thead")
    w.open("tr")
    w.element("th", [("class", "num")], text: "#")
    w.element("th", text: w0.loop)
    for tier in tiers.tiers { w.element("th", text: w0.tier(tier)) }
    w.close()
    w.close()
    w.open("tbody")
    for (index, loop) in tiers.loops.enumerated() {
      w.open("tr")
      w.element("td", [("class", "num")], text: "\(index + 1)")
      w.element("td", text: loop.path.map(name).joined(separator: " → "))
      for value in loop.roundTrips {
        w.element("td", text: value.roundTrip.map { money.interval($0, style: .compact) } ?? "–")
      }
      w.close()
    }
    w.close()
    w.close()
    w.close()
    if !tiers.circulation.isEmpty {
      let parts = tiers.circulation.map {
        "\(w0.tier($0.tier)) \(money.share($0.maxCircularity)) (\(money.usd($0.circulation)) / \(money.usd($0.totalFlow)))"
      }
      w.element(
        "p", [("class", "meta")],
        text: "\(w0.circulationShare), \(w0.circulationByTier): " + parts.joined(separator: " · "))
    }
  }

  private func loopsSection(_ w: inout XMLWriter) {
    w.open("section", [("id", "loops")])
    w.element("h2", text: "\(w0.loopsHeading.capitalizedFirst) (\(report.loops.count), \(w0.rankedBy))")
    if report.loops.isEmpty {
      w.element("p", text: w0.noLoops)
    } else {
      w.open("div", [("class", "table-wrap")])
      w.open("table")
      w.open("thead")
      w.open("tr")
      w.element("th", [("class", "num")], text: "#")
      for header in [w0.loop, w0.roundTrip, w0.type, w0.ratio] { w.element("th", text: header) }
      w.close()
      w.close()
      w.open("tbody")
      for (index, loop) in report.loops.enumerated() {
        let number = index + 1
        w.open("tr", [("class", "loop-row loop-\(number)")])
        w.open("td", [("class", "num")])
        if number <= Self.highlightLimit {
          w.element(
            "a", [("href", "#loop-\(number)"), ("title", words.highlighted(number, path: path(loop)))],
            text: "\(number)")
        } else {
          w.content("\(number)")
        }
        w.close()
        w.open("td")
        w.element("a", [("href", "#steps-\(number)")], text: path(loop))
        w.close()
        w.element("td", text: money.interval(loop.roundTrip, style: .compact))
        w.element(
          "td",
          text: (loop.isInvestmentProcurement ? w0.investmentProcurement : w0.otherLoop)
            + (loop.inferred ? " " + w0.inferredMark : ""))
        w.element("td", text: money.share(loop.investmentToPurchaseRatio, style: .compact))
        w.close()
      }
      w.close()
      w.close()
      w.close()
      if !report.loopsComplete { w.element("p", [("class", "meta")], text: "⚠ " + w0.limitHit) }
      if let tiers = report.tiers { tiersTable(&w, tiers) }
      w.element("h3", text: words.loopDetails)
      w.open("ol", [("class", "steps")])
      let anchors = dealAnchors
      for (index, loop) in report.loops.enumerated() {
        w.open("li", [("id", "steps-\(index + 1)")])
        w.element("strong", text: path(loop))
        w.content(" — \(w0.roundTrip): \(money.interval(loop.roundTrip))")
        w.open("ul", [("class", "plain")])
        for step in loop.steps {
          w.open("li")
          w.content("\(name(step.payer)) → \(name(step.payee)): \(money.interval(step.amount)) — ")
          for (k, id) in step.deals.enumerated() {
            let deal = ledger.deal(id)
            let cls = deal.map { flowClassCSS($0.kind.flowClass) }
            w.element("a", [("href", "#" + (anchors[id] ?? "deals")), ("class", cls)], text: id.rawValue)
            if let deal {
              w.content(
                " (\(words.kind(deal.kind)), \(w0.status(deal.status)))" + (k < step.deals.count - 1 ? "," : ""))
            }
          }
          w.close()
        }
        w.close()
        w.close()
      }
      w.close()
    }
    w.close()
  }

  private func flowClassCSS(_ flowClass: FlowClass) -> String {
    switch flowClass {
    case .investment: "inv"
    case .purchase: "pur"
    case .other: "oth"
    }
  }

  private func sankeySection(_ w: inout XMLWriter) {
    w.open("section", [("id", "flow")])
    w.element("h2", text: words.moneyFlowShort)
    w.open("figure")
    w.raw(SankeyChart(report: report, ledger: ledger, language: language, idPrefix: "flow").svg())
    w.close()
    w.close()
  }

  private func companiesSection(_ w: inout XMLWriter) {
    w.open("section", [("id", "companies")])
    w.element("h2", text: w0.companiesHeading.capitalizedFirst)
    w.open("div", [("class", "table-wrap")])
    w.open("table")
    w.open("thead")
    w.open("tr")
    for header in [
      w0.company, w0.purchasesIn, w0.investmentIn, w0.investedOut, w0.purchasesOut, w0.selfFunded, w0.roundTripRatio,
    ] {
      w.element("th", text: header)
    }
    w.element("th", [("class", "num")], text: w0.loopsColumn)
    w.close()
    w.close()
    w.open("tbody")
    for row in report.companies {
      w.open("tr")
      w.element("th", text: name(row.id))
      for value in [row.purchasesIn, row.investmentIn, row.investedOut, row.purchasesOut] {
        w.element("td", [("class", "fig")], text: cell(value))
      }
      w.element("td", [("class", "fig")], text: money.share(row.selfFundedShare, style: .compact))
      w.element("td", [("class", "fig")], text: money.share(row.roundTripRatio, style: .compact))
      w.element("td", [("class", "num")], text: "\(row.loops)")
      w.close()
    }
    w.close()
    w.close()
    w.close()
    w.element("p", [("class", "notation")], text: money.legend)
    w.open("figure")
    w.raw(SharesChart(report: report, language: language, idPrefix: "shares").svg())
    w.close()
    w.close()
  }

  private func factValue(_ fact: LoopReport.FactRow) -> String {
    if let usd = fact.valueUSD { return money.interval(usd) }
    let stated = fact.value.statedInterval
    let unit = fact.value.unit ?? ""
    let format: (Double) -> String = { value in
      unit == "percent"
        ? MoneyText.compact(value) + "%" : MoneyText.compact(value) + (unit.isEmpty ? "" : " \(unit)")
    }
    if stated.isUnknown { return w0.notStated }
    switch (stated.low, stated.high) {
    case (let low?, let high?) where low == high: return format(low)
    case (let low?, nil): return "≥ " + format(low)
    case (let low?, let high?) where low == 0: return "≤ " + format(high)
    case (let low?, let high?): return format(low) + "–" + format(high)
    default: return stated.estimate.map(format) ?? w0.notStated
    }
  }

  private func quotes(_ w: inout XMLWriter, _ sources: [Source]) {
    for source in sources {
      let language = source.language ?? ledger.document(source.document)?.language
      w.open("blockquote", [("lang", language?.rawValue)])
      w.content(source.quote)
      w.open("div", [("class", "doc")])
      w.content("— ")
      w.element(
        "a", [("href", "#doc-" + anchor(source.document))],
        text: ledger.document(source.document)?.title ?? source.document)
      w.close()
      w.close()
    }
  }

  /// An id attribute value made from arbitrary text: letters and digits kept, the rest as `_XX`.
  private func anchor(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      if (scalar.value < 128 && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))) || scalar == "-" {
        result.unicodeScalars.append(scalar)
      } else {
        result += "_" + String(scalar.value, radix: 16)
      }
    }
    return result
  }

  private func factsSection(_ w: inout XMLWriter) {
    w.open("section", [("id", "facts")])
    w.element("h2", text: w0.factsHeading.capitalizedFirst)
    w.open("ul", [("class", "facts")])
    for fact in report.facts {
      w.open("li")
      var line = fact.company.map { name($0) + " · " } ?? ""
      line += (fact.label ?? words.metric(fact.metric)) + ": "
      w.content(line)
      w.element("strong", text: factValue(fact))
      if let asOf = fact.asOf { w.content(" (\(asOf))") }
      if let written = fact.value.asWritten { w.content(" · \(words.asWritten): \(written)") }
      quotes(&w, fact.sources)
      w.close()
    }
    w.close()
    w.close()
  }

  private func dealsSection(_ w: inout XMLWriter) {
    w.open("section", [("id", "deals")])
    w.element("h2", text: words.dealsHeading)
    let excluded = Dictionary(report.excludedDeals.map { ($0.id, $0.reason) }, uniquingKeysWith: { a, _ in a })
    for (index, deal) in ledger.deals.enumerated() {
      w.open("div", [("class", "deal-card"), ("id", "deal-\(index + 1)")])
      w.open("h3")
      w.element(
        "span", [("class", flowClassCSS(deal.kind.flowClass))], text: "\(name(deal.payer)) → \(name(deal.payee))")
      w.content(" · \(words.kind(deal.kind)) · \(w0.status(deal.status))")
      w.close()
      w.open("p")
      let written = deal.amount.asWritten ?? (deal.amount.qualifier == .unstated ? w0.notStated : "–")
      w.content("\(words.amount): \(written)")
      if let usd = ledger.usdInterval(of: deal.amount), !usd.isUnknown {
        w.content(" · \(words.inUSD): \(money.interval(usd))")
      }
      if let announced = deal.announced { w.content(" · \(announced)") }
      if let term = deal.termYears { w.content(" · \(MoneyText.compact(term)) " + words.years) }
      w.content(" · ")
      w.element("span", [("class", "deal-id")], text: deal.id.rawValue)
      if let reason = excluded[deal.id] {
        w.content(" · " + words.leftOut + ": " + reason)
      }
      w.close()
      if let note = deal.note { w.element("p", [("class", "meta")], text: note) }
      quotes(&w, deal.sources)
      w.close()
    }
    w.close()
  }

  private func tailSections(_ w: inout XMLWriter) {
    if !report.unknownAmountDeals.isEmpty {
      w.open("section", [("id", "unknown")])
      w.element("h2", text: w0.unknownHeading.capitalizedFirst)
      w.open("ul", [("class", "plain")])
      let anchors = dealAnchors
      for id in report.unknownAmountDeals {
        guard let deal = ledger.deal(id) else { continue }
        w.open("li")
        w.element("a", [("href", "#" + (anchors[id] ?? "deals"))], text: id.rawValue)
        w.content(": \(name(deal.payer)) → \(name(deal.payee)), \(words.kind(deal.kind)), \(w0.status(deal.status))")
        w.close()
      }
      w.close()
      w.close()
    }
    if !report.excludedDeals.isEmpty {
      w.open("section", [("id", "excluded")])
      w.element("h2", text: w0.excludedHeading.capitalizedFirst)
      w.open("ul", [("class", "plain")])
      for excluded in report.excludedDeals {
        w.element("li", text: "\(excluded.id): \(excluded.reason)")
      }
      w.close()
      w.close()
    }
    w.open("section", [("id", "assumptions")])
    w.element("h2", text: w0.assumptionsHeading.capitalizedFirst)
    w.open("ul", [("class", "plain")])
    for assumption in report.assumptions { w.element("li", text: w0.say(assumption)) }
    w.close()
    w.close()
    if !ledger.documents.isEmpty {
      w.open("section", [("id", "documents")])
      w.element("h2", text: words.documentsHeading)
      w.open("ul", [("class", "plain")])
      for document in ledger.documents {
        w.open("li", [("id", "doc-" + anchor(document.id))])
        w.element("strong", [("lang", document.language?.rawValue)], text: document.title)
        var parts: [String] = []
        if let publisher = document.publisher { parts.append(publisher) }
        if let published = document.published { parts.append(published.description) }
        // Addresses are printed, not linked: the report fetches nothing and links nowhere.
        if let url = document.url { parts.append(url) }
        parts.append("[\(document.id)]")
        w.content(" — " + parts.joined(separator: " · "))
        if let note = document.note { w.element("div", [("class", "meta")], text: note) }
        w.close()
      }
      w.close()
      w.close()
    }
  }
}

extension String {
  /// `LOOPS` → `Loops`; text that is not all upper case (Chinese) is left alone.
  fileprivate var capitalizedFirst: String {
    guard self == uppercased(), let first else { return self }
    return String(first) + dropFirst().lowercased()
  }
}
