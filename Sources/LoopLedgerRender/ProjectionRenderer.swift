import Foundation
import LoopLedger

/// Renders a ``FundingProjection`` as a terminal report, Markdown, or JSON.
///
/// The renderer computes nothing: every figure comes from the projection; the ledger supplies
/// only names. JSON is the projection itself (documented in `docs/projection.md`).
public struct ProjectionRenderer {
  public let projection: FundingProjection
  public let ledger: Ledger
  public let language: Language
  private let money: MoneyFormat

  public init(projection: FundingProjection, ledger: Ledger, language: Language = .english) {
    self.projection = projection
    self.ledger = ledger
    self.language = language
    money = MoneyFormat(language)
  }

  public func render(_ format: OutputFormat) throws -> String {
    switch format {
    case .text: text()
    case .markdown: markdown()
    case .json: try JSONOutput.string(projection)
    }
  }

  // MARK: - Words

  private var words: Words { money.words }

  private func name(_ id: CompanyID) -> String { ledger.name(of: id, in: language) }

  /// Signed money: `−$120B`, `$0`.
  private func usd(_ value: Double) -> String {
    if value < 0 { return "−" + usd(-value) }
    if value < 0.5 { return language == .english ? "$0" : "0" }
    return money.usd(NumberText.significant(value))
  }

  /// A fractional year as the month it falls in: 2025.875 → 2025-11.
  private func month(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e6 else { return MoneyText.compact(value) }
    let year = Int(value.rounded(.down))
    let month = min(12, Int(((value - Double(year)) * 12).rounded(.down)) + 1)
    return "\(year)-" + (month < 10 ? "0\(month)" : "\(month)")
  }

  private func percent(_ value: Double) -> String {
    if value >= 0.995 && value < 1 { return ">99%" }
    return money.percent(value)
  }

  private func years(_ value: Double) -> String { MoneyText.compact((value * 100).rounded() / 100) }

  private var title: String {
    let p = projection
    var line = words.projectionTitle
    line += " — \(name(p.company)), \(p.from)–\(p.to) ["
    line += words.ledgerPrefix + p.ledger.id
    if let asOf = p.ledger.asOf { line += ", \(words.asOf) \(asOf)" }
    return line + "]"
  }

  private var subtitle: String {
    let p = projection
    var parts = [
      "\(p.paths) " + words.pathsWord, words.seedWord + " \(p.seed)",
      p.quantiles.method == "exact"
        ? words.exactQuantiles
        : words.histogramQuantiles
          + money.percent(p.quantiles.relativeError) + words.closeParen,
    ]
    if p.simulationStart < p.from {
      parts.append(words.simulatedFrom + "\(p.simulationStart)" + words.simulatedFromSuffix)
    }
    return parts.joined(separator: " · ")
  }

  private var headline: [String] {
    let p = projection
    var lines: [String] = []
    if let year = p.firstShortfallYear, let row = p.years.first(where: { $0.year == year }) {
      lines.append(
        words.firstShortfallPrefix
          + "\(year) (P = \(percent(row.shortfallProbability)))")
    } else {
      lines.append(
        words.noShortfallPrefix + "\(p.to)"
          + words.noShortfallSuffix)
    }
    if let last = p.years.last {
      lines.append(
        words.fundingNeededPrefix + "\(last.year)"
          + words.fundingNeededSuffix + usd(last.fundingNeeded.p50)
          + " (p5 \(usd(last.fundingNeeded.p5)), p95 \(usd(last.fundingNeeded.p95)))")
      lines.append(
        words.shortfallByThenPrefix + "\(last.year)"
          + words.shortfallByThenSuffix + percent(last.cumulativeShortfallProbability))
    }
    if let top = p.sensitivity?.rows.first {
      lines.append(
        words.hingesMostPrefix + label(top.key, top.label)
          + " (\(usd(top.gapAtLow)) ↔ \(usd(top.gapAtHigh)))")
    }
    return lines
  }

  /// A label for an assumption or tornado row, translated for the keys the renderer knows.
  private func label(_ key: String, _ english: String) -> String {
    guard language != .english else { return english }
    if key.hasPrefix("package:") {
      return english.replacingOccurrences(of: "Goes ahead", with: words.goesAheadLabel)
    }
    if key.hasPrefix("amount:") {
      return english.replacingOccurrences(of: "Amount of ", with: words.amountOfLabel)
    }
    if let label = words.assumptionLabel(key) { return label }
    if key.hasPrefix("revenue.growth[") {
      let span = english.replacingOccurrences(of: "Revenue growth per year, ", with: "")
        .replacingOccurrences(of: "Revenue growth ", with: "")
        .replacingOccurrences(of: " onwards", with: "")
      return words.revenueGrowthLabel + span
    }
    return english
  }

  private func origin(_ value: String) -> String {
    switch value {
    case "default": words.originDefault
    case "scenario": words.originScenario
    case "ledger": words.originLedger
    default: words.originRule
    }
  }

  private func quote(_ source: Source) -> String {
    let english = (source.language ?? ledger.document(source.document)?.language) == .english
    return (english ? "“\(source.quote)”" : "「\(source.quote)」") + " — \(source.document)"
  }

  // MARK: - Tables

  var yearHeaders: [String] {
    [
      words.yearHeader, words.revenueP50, words.cashP5,
      words.cashP50, words.cashP95,
      words.neededP5, words.neededP50, words.neededP95,
      words.shortProbability, words.shortByThenProbability,
    ]
  }

  var yearRows: [[String]] {
    projection.years.map { y in
      [
        "\(y.year)", usd(y.revenue.p50), usd(y.cash.p5), usd(y.cash.p50), usd(y.cash.p95),
        usd(y.fundingNeeded.p5), usd(y.fundingNeeded.p50), usd(y.fundingNeeded.p95),
        percent(y.shortfallProbability), percent(y.cumulativeShortfallProbability),
      ]
    }
  }

  private var fanHeaders: [String] { [words.yearHeader, "p5", "p25", "p50", "p75", "p95"] }

  private var fanRows: [[String]] {
    projection.fanChart.bands.map { b in
      ["\(b.year)", usd(b.p5), usd(b.p25), usd(b.p50), usd(b.p75), usd(b.p95)]
    }
  }

  private var flowHeaders: [String] {
    [
      words.dealHeader, words.counterpartyHeader, words.statusHeader,
      "P", words.amount, words.basisHeader, words.termHeader,
      words.startHeader,
    ]
  }

  private func flowRows(_ flows: [ScheduledFlow]) -> [[String]] {
    flows.map { f in
      [
        f.deal.rawValue + (f.package.map { _ in " †" } ?? ""), name(f.counterparty), words.status(f.status),
        percent(f.probability), usd(f.amount) + (f.assumed ? "*" : ""), f.amountBasis,
        years(f.termYears) + words.yearsSuffix + (f.termDefaulted ? words.defaultedSuffix : ""),
        month(f.start),
      ]
    }
  }

  private var totalHeaders: [String] {
    [
      words.yearHeader, words.committedOut,
      words.uncertainOutTimesP,
      words.aggregateBlock, words.inflowsTimesP,
    ]
  }

  private var totalRows: [[String]] {
    projection.schedule.totals.map { t in
      ["\(t.year)", usd(t.committed), usd(t.expectedUncertain), usd(t.block), usd(t.expectedInflows)]
    }
  }

  private var tornadoHeaders: [String] {
    [
      "#", words.assumptionHeader, words.lowHeader, words.gapAtLow,
      words.highHeader, words.gapAtHigh, words.swing,
    ]
  }

  private func tornadoRows(_ s: Sensitivity) -> [[String]] {
    s.rows.enumerated().map { index, r in
      let (low, high) = settings(r)
      return [
        "\(index + 1)", label(r.key, r.label), low, usd(r.gapAtLow), high, usd(r.gapAtHigh), usd(r.swing),
      ]
    }
  }

  /// The low and high settings of a tornado row, in the output's language.
  private func settings(_ r: SensitivityRow) -> (String, String) {
    if r.key.hasPrefix("package:") {
      return (words.fallsThrough, words.goesAhead)
    }
    if r.key.hasPrefix("amount:") {
      return (words.lowPrefix + usd(r.low), words.highPrefix + usd(r.high))
    }
    let money = ["openingCash", "fundingRounds.size", "revenue.base"].contains(r.key)
    func show(_ x: Double) -> String { money ? usd(x) : NumberText.short(NumberText.significant(x)) }
    return ("p10 " + show(r.low), "p90 " + show(r.high))
  }

  private var tornadoIntro: String? {
    guard let s = projection.sensitivity else { return nil }
    return words.sensitivityMeasurePrefix + "\(s.year)"
      + words.sensitivityBase(usd(s.base), paths: s.paths) + words.sensitivityMethod(english: s.method)
  }

  private func assumptionLines(bullet: String, indent: String) -> [String] {
    var out: [String] = []
    for a in projection.assumptions {
      out.append("\(bullet)\(label(a.key, a.label)): \(a.value) [\(origin(a.origin))]")
      if let d = a.distribution, d.type != "fixed" {
        out.append(
          "\(indent)p10 \(NumberText.short(d.p10)) · " + words.medianWord
            + " \(NumberText.short(d.median)) · p90 \(NumberText.short(d.p90))")
      }
      if let reason = a.reason { out.append(indent + reason) }
      if let source = a.source { out.append(indent + quote(source)) }
    }
    return out
  }

  private var unscheduledLines: [String] {
    projection.schedule.unscheduled.map { u in
      "\(u.deal) (\(u.direction == .outflow ? words.pays : words.receives) \(name(u.counterparty)), \(u.kind.rawValue), \(words.status(u.status))): \(u.explanation)"
    }
  }

  private var blockLines: [String] {
    guard let b = projection.schedule.block else { return [] }
    var lines = [
      "\(b.fact): \(b.asWritten ?? usd(b.total)) → " + words.totalPrefix + usd(b.total)
        + words.minusContained + usd(b.total - b.amount) + " = " + usd(b.amount)
        + (b.floored ? words.flooredAtZero : ""),
      words.horizonPrefix + b.horizonYears + words.yearsFromInfix + b.startRule,
    ]
    if !b.contains.isEmpty {
      lines.append(words.containsPrefix + b.contains.map { "\($0.deal) \(usd($0.amount))" }.joined(separator: ", "))
    }
    if let source = b.source { lines.append(quote(source)) }
    return lines
  }

  // MARK: - Text

  public func text() -> String {
    var out = [title, subtitle, ""]
    out += headline.map { "  " + $0 }
    out += ["", words.byYearHeading]
    var table = TextTable(headers: yearHeaders, alignments: [.left] + Array(repeating: .right, count: 9))
    for row in yearRows { table.add(row) }
    out.append(table.render(indent: "  "))
    out += ["", words.fanDataHeading]
    var fan = TextTable(headers: fanHeaders, alignments: [.left] + Array(repeating: .right, count: 5))
    for row in fanRows { fan.add(row) }
    out.append(fan.render(indent: "  "))
    if let intro = tornadoIntro, let s = projection.sensitivity {
      out += ["", words.sensitivityHeading, "  " + intro]
      var tornado = TextTable(
        headers: tornadoHeaders, alignments: [.right, .left, .left, .right, .left, .right, .right])
      for row in tornadoRows(s) { tornado.add(row) }
      out.append(tornado.render(indent: "  "))
      if !s.fixed.isEmpty {
        out.append("  " + words.fixedNoRow + s.fixed.joined(separator: ", "))
      }
    }
    out += ["", words.scheduleHeading]
    let s = projection.schedule
    if !s.outflows.isEmpty {
      out.append("  " + words.outflows)
      var t = TextTable(headers: flowHeaders, alignments: [.left, .left, .left, .right, .right, .left, .left, .right])
      for row in flowRows(s.outflows) { t.add(row) }
      out.append(t.render(indent: "    "))
    }
    if !s.inflows.isEmpty {
      out.append("  " + words.inflows)
      var t = TextTable(headers: flowHeaders, alignments: [.left, .left, .left, .right, .right, .left, .left, .right])
      for row in flowRows(s.inflows) { t.add(row) }
      out.append(t.render(indent: "    "))
    }
    if !blockLines.isEmpty {
      out.append("  " + words.aggregateCommitmentsBlock)
      out += blockLines.map { "    " + $0 }
    }
    out.append("  " + words.totalsPerYear)
    var totals = TextTable(headers: totalHeaders, alignments: [.left, .right, .right, .right, .right])
    for row in totalRows { totals.add(row) }
    out.append(totals.render(indent: "    "))
    if !unscheduledLines.isEmpty {
      out += ["", words.notScheduledHeading]
      out += unscheduledLines.map { "  • " + $0 }
    }
    out += ["", words.assumptionsHeading]
    out += assumptionLines(bullet: "  • ", indent: "      ")
    if !projection.notes.isEmpty {
      out += ["", words.notesHeading]
      out += projection.notes.map { "  • " + words.say($0) }
    }
    return out.joined(separator: "\n") + "\n"
  }

  // MARK: - Markdown

  public func markdown() -> String {
    func row(_ cells: [String]) -> String { "| " + cells.map(escape).joined(separator: " | ") + " |" }
    func table(_ headers: [String], _ rows: [[String]], right: Set<Int>) -> [String] {
      [row(headers), "|" + headers.indices.map { right.contains($0) ? "---:|" : "---|" }.joined()]
        + rows.map(row)
    }
    var out = ["# " + escape(title), "", escape(subtitle), ""]
    out += headline.map { "- " + escape($0) }
    out += ["", "## " + words.byYearHeadingMarkdown, ""]
    out += table(yearHeaders, yearRows, right: Set(1..<10))
    out += ["", "## " + words.fanDataHeadingMarkdown, ""]
    out += table(fanHeaders, fanRows, right: Set(1..<6))
    if let intro = tornadoIntro, let s = projection.sensitivity {
      out += ["", "## " + words.sensitivityHeadingMarkdown, "", escape(intro), ""]
      out += table(tornadoHeaders, tornadoRows(s), right: [0, 3, 5, 6])
      if !s.fixed.isEmpty { out += ["", escape(words.fixedNoRow + s.fixed.joined(separator: ", "))] }
    }
    out += ["", "## " + words.scheduleHeadingMarkdown, ""]
    out.append(escape(words.scheduleNoteMarkdown))
    let s = projection.schedule
    if !s.outflows.isEmpty {
      out += ["", "### " + words.outflows, ""]
      out += table(flowHeaders, flowRows(s.outflows), right: [3, 4, 7])
    }
    if !s.inflows.isEmpty {
      out += ["", "### " + words.inflows, ""]
      out += table(flowHeaders, flowRows(s.inflows), right: [3, 4, 7])
    }
    if !blockLines.isEmpty {
      out += ["", "### " + words.aggregateCommitmentsBlock, ""]
      out += blockLines.map { "- " + escape($0) }
    }
    out += ["", "### " + words.totalsPerYear, ""]
    out += table(totalHeaders, totalRows, right: [1, 2, 3, 4])
    if !unscheduledLines.isEmpty {
      out += ["", "## " + words.notScheduledHeadingMarkdown, ""]
      out += unscheduledLines.map { "- " + escape($0) }
    }
    out += ["", "## " + words.assumptionsHeading, ""]
    for line in assumptionLines(bullet: "- ", indent: "  ") {
      out.append(line.hasPrefix("- ") ? escape(line) : "  " + escape(line.trimmingCharacters(in: .whitespaces)) + "  ")
    }
    if !projection.notes.isEmpty {
      out += ["", "## " + words.notesHeadingMarkdown, ""]
      out += projection.notes.map { "- " + escape(words.say($0)) }
    }
    return out.joined(separator: "\n") + "\n"
  }

  private func escape(_ text: String) -> String { Markdown.escape(text) }
}
