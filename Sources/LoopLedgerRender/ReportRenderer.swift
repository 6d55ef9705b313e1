import Foundation
import LoopLedger

/// The output formats of reports.
public enum OutputFormat: String, Sendable, CaseIterable {
  case text
  case markdown
  case json
}

/// Renders a ``LoopReport`` as a terminal report, Markdown, or JSON.
///
/// The renderer computes nothing: every figure comes from the report; the ledger supplies only
/// names, deal details and source quotes.
public struct ReportRenderer {
  public let report: LoopReport
  public let ledger: Ledger
  public let language: Language
  private let money: MoneyFormat

  public init(report: LoopReport, ledger: Ledger, language: Language = .english) {
    self.report = report
    self.ledger = ledger
    self.language = language
    money = MoneyFormat(language)
  }

  private var words: Words { money.words }

  /// The report in `format`.
  public func render(_ format: OutputFormat) throws -> String {
    switch format {
    case .text: text()
    case .markdown: markdown()
    case .json: try JSONOutput.string(report)
    }
  }

  private func name(_ id: CompanyID) -> String { ledger.name(of: id, in: language) }

  private func path(_ loop: LoopReport.Loop) -> String {
    loop.path.map(name).joined(separator: " → ")
  }

  private func stepLine(_ step: LoopReport.Step) -> String {
    let deals = step.deals.map { id -> String in
      guard let deal = ledger.deal(id) else { return id.rawValue }
      return "\(id) (\(words.status(deal.status)))"
    }
    return "\(name(step.payer)) → \(name(step.payee)): \(money.interval(step.amount)) — "
      + deals.joined(separator: ", ")
  }

  private var headerLines: [String] { headerLines(markdown: false) }

  /// The title line and the summary line; in Markdown the ledger's title and id are escaped.
  private func headerLines(markdown: Bool) -> [String] {
    let summary = report.ledger
    let title = markdown ? escape(summary.title) : summary.title
    let id = markdown ? escape(summary.id) : summary.id
    var first = "\(words.reportTitle) — \(title) [\(id)"
    if let asOf = summary.asOf { first += ", \(words.asOf) \(asOf)" }
    first += "]"
    let statuses = DealStatus.allCases.filter { report.filter.statuses.contains($0) }
      .map { words.status($0) }.joined(separator: ", ")
    var second = "\(summary.deals) \(words.deals), \(summary.companies) \(words.companies) · "
    second += "\(words.level): \(words.level(report.filter.level)) · \(words.statuses): \(statuses)"
    if let kinds = report.filter.kinds {
      second += " · kinds: " + DealKind.allCases.filter { kinds.contains($0) }.map(\.rawValue).joined(separator: ", ")
    }
    if report.filter.from != nil || report.filter.to != nil {
      second += " · \(report.filter.from?.description ?? "…")–\(report.filter.to?.description ?? "…")"
    }
    second += " · " + (report.filter.perYear == true ? words.perYearView : words.totalsView)
    return [first, second]
  }

  // MARK: - Text

  /// The terminal report.
  public func text() -> String {
    var out = headerLines
    out.append("")
    out.append("\(words.loopsHeading) (\(report.loops.count), \(words.rankedBy))")
    if report.loops.isEmpty {
      out.append("  " + words.noLoops)
    } else {
      var table = TextTable(
        headers: ["#", words.loop, words.roundTrip, words.type, words.ratio],
        alignments: [.right, .left, .left, .left, .left])
      for (index, loop) in report.loops.enumerated() {
        table.add([
          "\(index + 1)", path(loop), money.interval(loop.roundTrip, style: .compact),
          (loop.isInvestmentProcurement ? words.investmentProcurement : words.otherLoop)
            + (loop.inferred ? " " + words.inferredMark : ""),
          money.share(loop.investmentToPurchaseRatio, style: .compact),
        ])
      }
      out.append(table.render(indent: "  "))
      if report.loops.contains(where: \.inferred) { out.append("  " + words.inferredNote) }
      if report.loops.contains(where: { $0.steps.count > 2 }) { out.append("  " + words.longLoopNote) }
      if let tiers = report.tiers {
        out.append("")
        out.append(words.tiersHeading)
        var byTier = TextTable(
          headers: ["#", words.loop] + tiers.tiers.map(words.tier),
          alignments: [.right, .left] + tiers.tiers.map { _ in .left })
        for (index, loop) in tiers.loops.enumerated() {
          byTier.add(["\(index + 1)", path(loop.path)] + loop.roundTrips.map(tierCell))
        }
        out.append(byTier.render(indent: "  "))
      }
      out.append("")
      for (index, loop) in report.loops.enumerated() {
        out.append("  \(index + 1). \(path(loop))")
        for step in loop.steps { out.append("       " + stepLine(step)) }
      }
    }
    if !report.loopsComplete { out.append("  ⚠ " + words.limitHit) }
    out.append("")
    out.append(words.companiesHeading)
    var companies = TextTable(
      headers: [
        words.company, words.purchasesIn, words.investmentIn, words.investedOut, words.purchasesOut,
        words.selfFunded, words.roundTripRatio, words.loopsColumn,
      ],
      alignments: [.left, .left, .left, .left, .left, .left, .left, .right])
    for row in report.companies {
      companies.add([
        name(row.id), cell(row.purchasesIn), cell(row.investmentIn), cell(row.investedOut),
        cell(row.purchasesOut), money.share(row.selfFundedShare, style: .compact),
        money.share(row.roundTripRatio, style: .compact), "\(row.loops)",
      ])
    }
    out.append(companies.render(indent: "  "))
    out.append("  " + money.legend)
    out += circulationLines(bullet: "  • ")
    out.append("")
    out.append(words.factsHeading)
    for fact in report.facts { out += factLines(fact, bullet: "  • ") }
    appendTail(to: &out, bullet: "  • ")
    return out.joined(separator: "\n") + "\n"
  }

  private func circulationLines(bullet: String) -> [String] {
    guard let circulation = report.circulation else { return [] }
    var lines = ["", words.circulationHeading]
    lines.append(
      "\(bullet)\(words.circulationShare): \(money.share(circulation.maxCircularity)) (\(money.usd(circulation.circulation)) / \(money.usd(circulation.totalFlow)))"
    )
    if let tiers = report.tiers, !tiers.circulation.isEmpty {
      let parts = tiers.circulation.map {
        "\(words.tier($0.tier)) \(money.share($0.maxCircularity)) (\(money.usd($0.circulation)) / \(money.usd($0.totalFlow)))"
      }
      lines.append("\(bullet)\(words.circulationByTier): " + parts.joined(separator: " · "))
    }
    for contribution in circulation.contributions.prefix(8) {
      lines.append(
        "\(bullet)\(contribution.path.map(name).joined(separator: " → ")): \(money.usd(contribution.amount))"
          + (contribution.derived == true ? " [\(words.derived)]" : ""))
    }
    return lines
  }

  private func tierCell(_ value: TieredFigures.TierValue) -> String {
    value.roundTrip.map { money.interval($0, style: .compact) } ?? "–"
  }

  private func path(_ companies: [CompanyID]) -> String { companies.map(name).joined(separator: " → ") }

  private func cell(_ interval: Interval) -> String {
    interval == .zero ? "–" : money.interval(interval, style: .compact)
  }

  private func factValue(_ fact: LoopReport.FactRow) -> String {
    if let usd = fact.valueUSD { return money.interval(usd) }
    let stated = fact.value.statedInterval
    let unit = fact.value.unit ?? ""
    let format: (Double) -> String = { value in
      unit == "percent" ? MoneyText.compact(value) + "%" : MoneyText.compact(value) + (unit.isEmpty ? "" : " \(unit)")
    }
    if stated.isUnknown { return words.notStated }
    switch (stated.low, stated.high) {
    case (let low?, let high?) where low == high: return format(low)
    case (let low?, nil): return "≥ " + format(low)
    case (let low?, let high?) where low == 0: return "≤ " + format(high)
    case (let low?, let high?): return format(low) + "–" + format(high)
    default: return stated.estimate.map(format) ?? words.notStated
    }
  }

  private func factLines(_ fact: LoopReport.FactRow, bullet: String) -> [String] {
    var subject = fact.company.map(name) ?? ""
    if !subject.isEmpty { subject += " " }
    let label = fact.label ?? words.metric(fact.metric)
    var line = "\(bullet)\(subject.isEmpty ? "" : subject + "· ")\(label): \(factValue(fact))"
    if let asOf = fact.asOf { line += " (\(asOf))" }
    var lines = [line]
    for source in fact.sources {
      lines.append(String(repeating: " ", count: bullet.count + 2) + quote(source))
    }
    return lines
  }

  private func quote(_ source: Source) -> String {
    let open =
      language == .english && (source.language ?? ledger.document(source.document)?.language) == .english ? "“" : "「"
    let close = open == "“" ? "”" : "」"
    return "\(open)\(source.quote)\(close) — \(source.document)"
  }

  private func appendTail(to out: inout [String], bullet: String) {
    if !report.unknownAmountDeals.isEmpty {
      out.append("")
      out.append(words.unknownHeading)
      for id in report.unknownAmountDeals {
        guard let deal = ledger.deal(id) else { continue }
        out.append(
          "\(bullet)\(id): \(name(deal.payer)) → \(name(deal.payee)), \(deal.kind.rawValue), \(words.status(deal.status))"
        )
      }
    }
    if !report.excludedDeals.isEmpty {
      out.append("")
      out.append(words.excludedHeading)
      for excluded in report.excludedDeals {
        out.append("\(bullet)\(excluded.id): \(excluded.reason)")
      }
    }
    out.append("")
    out.append(words.assumptionsHeading)
    for assumption in report.assumptions { out.append("\(bullet)\(words.say(assumption))") }
  }

  // MARK: - Markdown

  /// The report as GitHub-flavoured Markdown, with every loop's deals and every fact's quote.
  public func markdown() -> String {
    let header = headerLines(markdown: true)
    var out = ["# " + header[0], "", header[1], ""]
    out.append("## \(words.loopsHeading) (\(report.loops.count))")
    out.append("")
    if report.loops.isEmpty {
      out.append(words.noLoops)
    } else {
      out.append("| # | \(words.loop) | \(words.roundTrip) | \(words.type) | \(words.ratio) |")
      out.append("|---:|---|---|---|---|")
      for (index, loop) in report.loops.enumerated() {
        out.append(
          "| \(index + 1) | \(escape(path(loop))) | \(escape(money.interval(loop.roundTrip, style: .compact))) | "
            + "\(loop.isInvestmentProcurement ? words.investmentProcurement : words.otherLoop)\(loop.inferred ? " " + words.inferredMark : "") | "
            + "\(escape(money.share(loop.investmentToPurchaseRatio, style: .compact))) |")
      }
      if report.loops.contains(where: \.inferred) { out += ["", "_" + escape(words.inferredNote) + "_"] }
      if report.loops.contains(where: { $0.steps.count > 2 }) { out += ["", "_" + escape(words.longLoopNote) + "_"] }
      if let tiers = report.tiers {
        out += ["", "**" + escape(words.tiersHeading) + "**", ""]
        out.append(
          "| # | \(words.loop) | " + tiers.tiers.map { escape(words.tier($0)) }.joined(separator: " | ") + " |")
        out.append("|---:|---|" + tiers.tiers.map { _ in "---|" }.joined())
        for (index, loop) in tiers.loops.enumerated() {
          out.append(
            "| \(index + 1) | \(escape(path(loop.path))) | "
              + loop.roundTrips.map { escape(tierCell($0)) }.joined(separator: " | ") + " |")
        }
      }
      out.append("")
      for (index, loop) in report.loops.enumerated() {
        out.append("\(index + 1). **\(escape(path(loop)))**")
        for step in loop.steps { out.append("   - " + escape(stepLine(step))) }
      }
    }
    if !report.loopsComplete { out += ["", "> ⚠ " + words.limitHit] }
    out += ["", "## \(words.companiesHeading)", ""]
    out.append(
      "| \(words.company) | \(words.purchasesIn) | \(words.investmentIn) | \(words.investedOut) | \(words.purchasesOut) | \(words.selfFunded) | \(words.roundTripRatio) | \(words.loopsColumn) |"
    )
    out.append("|---|---|---|---|---|---|---|---:|")
    for row in report.companies {
      out.append(
        "| \(escape(name(row.id))) | \(escape(cell(row.purchasesIn))) | \(escape(cell(row.investmentIn))) | "
          + "\(escape(cell(row.investedOut))) | \(escape(cell(row.purchasesOut))) | "
          + "\(escape(money.share(row.selfFundedShare, style: .compact))) | "
          + "\(escape(money.share(row.roundTripRatio, style: .compact))) | \(row.loops) |")
    }
    out += ["", "_" + escape(money.legend) + "_"]
    out += circulationLines(bullet: "- ").map { $0.isEmpty || $0.hasPrefix("- ") ? escape($0) : "## " + $0 }
    out += ["", "## \(words.factsHeading)", ""]
    for fact in report.facts {
      let lines = factLines(fact, bullet: "- ")
      out.append(escape(lines[0]))
      for quoteLine in lines.dropFirst() {
        out.append("  > " + escape(quoteLine.trimmingCharacters(in: .whitespaces)))
      }
    }
    var tail: [String] = []
    appendTail(to: &tail, bullet: "- ")
    out += tail.map { line in
      line.isEmpty || line.hasPrefix("- ") ? escape(line) : "## " + line
    }
    return out.joined(separator: "\n") + "\n"
  }

  private func escape(_ text: String) -> String { Markdown.escape(text) }
}

/// Stable JSON: sorted keys, pretty-printed, no escaped slashes, so that equal values give equal bytes.
public enum JSONOutput {
  public static func string<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
  }
}
