import Foundation
import LoopLedger

/// Renders a ``StressReport`` as a terminal report or Markdown; JSON is the report itself.
public struct StressRenderer {
  public let report: StressReport
  public let ledger: Ledger
  public let language: Language
  private let money: MoneyFormat
  private var words: Words { money.words }

  public init(report: StressReport, ledger: Ledger, language: Language = .english) {
    self.report = report
    self.ledger = ledger
    self.language = language
    money = MoneyFormat(language)
  }

  public func render(_ format: OutputFormat) throws -> String {
    switch format {
    case .json: try JSONOutput.string(report)
    case .text: text(markdown: false)
    case .markdown: text(markdown: true)
    }
  }

  private func name(_ id: CompanyID) -> String {
    if id == .outsideVendors, ledger.company(id) == nil {
      return words.outsideVendors
    }
    return ledger.name(of: id, in: language)
  }

  /// `$2.1B [$0–$4.6B]`: the estimate run, then the low and high runs.
  private func range(_ pick: (StressRun) -> Double) -> String {
    let values = [pick(report.low), pick(report.high)]
    let estimate = pick(report.estimate)
    let low = values.min() ?? estimate
    let high = values.max() ?? estimate
    let shown = money.usd(estimate)
    if money.usd(low) == money.usd(high), money.usd(low) == shown { return shown }
    return "\(shown) [\(money.usd(low))–\(money.usd(high))]"
  }

  private func text(markdown: Bool) -> String {
    let h1 = markdown ? "# " : ""
    let h2 = markdown ? "## " : ""
    let bullet = markdown ? "- " : "  • "
    // Text from files (scenario name and description, ids, names) is escaped in Markdown.
    func md(_ text: String) -> String { markdown ? Markdown.escape(text) : text }
    func name(_ id: CompanyID) -> String { md(self.name(id)) }
    var out: [String] = []
    out.append(h1 + words.stressHeading(md(report.scenario.name), ledger: md(report.ledger)))
    if !report.scenario.description.isEmpty { out.append(md(report.scenario.description)) }
    out.append("")
    out.append(h2 + words.shocksHeading)
    for shock in report.scenario.shocks { out.append(bullet + md(words.shock(shock))) }
    out.append("")
    out.append(h2 + words.systemHeading)
    out.append("\(bullet)\(words.baselineFlows) \(range { $0.totals.baselineFlows })")
    out.append("\(bullet)\(words.obligationsUnfunded) \(range { $0.totals.unfunded })")
    out.append("\(bullet)\(words.revenueLostByVendors) \(range { $0.totals.revenueLost })")
    out.append("\(bullet)\(words.pendingInvestmentsCut) \(range { $0.totals.investmentCut })")
    out.append(
      bullet
        + words.defaults(
          estimate: report.estimate.totals.defaults, low: report.low.totals.defaults, high: report.high.totals.defaults,
          rounds: report.estimate.rounds, converged: report.estimate.converged))
    let exposed = report.estimate.companies.filter { $0.resources != "unconstrained" }.count
    func fixed4(_ x: Double) -> String { String(format: "%.4f", x) }
    out.append(
      bullet
        + words.debtRankLine(
          fixed4(report.estimate.debtRank), low: fixed4(report.low.debtRank), high: fixed4(report.high.debtRank),
          linear: fixed4(report.estimate.linearDebtRank))
        + (exposed < 2 ? words.onlyLimitedDistressed(exposed) : ""))
    out.append("")
    out.append(h2 + words.companiesEstimateHeading)
    let headers = words.stressCompanyHeaders
    var rows: [[String]] = []
    for row in report.estimate.companies {
      var valuation = money.usd(-row.valuationChange)
      valuation = row.valuationChange < 0 ? "−" + valuation : "0"
      if let share = row.valuationChangeShare { valuation += " (\(money.percent(share)))" }
      rows.append([
        self.name(row.id), cell(row.obligations), cell(row.unfunded), cell(row.revenueLost),
        cell(row.investmentLost), cell(row.investmentCut), valuation,
        row.defaulted ? words.defaulted(round: row.defaultRound.map(String.init) ?? "?") : words.notDefaulted,
        row.distress > 0 ? String(format: "%.3f", row.distress) : "0",
      ])
    }
    if markdown {
      out.append("| " + headers.joined(separator: " | ") + " |")
      out.append("|" + headers.map { _ in "---" }.joined(separator: "|") + "|")
      for row in rows { out.append("| " + row.map(Markdown.escape).joined(separator: " | ") + " |") }
    } else {
      var table = TextTable(headers: headers)
      for row in rows { table.add(row) }
      out.append(table.render(indent: "  "))
    }
    out.append("")
    out.append(h2 + words.brokenLoopsHeading)
    if report.estimate.brokenLoops.isEmpty { out.append(bullet + words.none) }
    for loop in report.estimate.brokenLoops.prefix(20) {
      out.append("\(bullet)\(loop.path.map(name).joined(separator: " → ")): \(money.percent(loop.retention))")
    }
    if report.estimate.brokenLoops.count > 20 {
      out.append(bullet + words.moreLoops(report.estimate.brokenLoops.count - 20))
    }
    out.append("")
    out.append(h2 + words.roundsHeading)
    for round in report.estimate.trace {
      let defaults = round.newDefaults.isEmpty ? nil : round.newDefaults.map(name).joined(separator: ", ")
      out.append(
        bullet
          + words.roundLine(
            round.round, unfunded: money.usd(round.unfunded), revenueLost: money.usd(round.revenueLost),
            investmentCut: money.usd(round.investmentCut), newDefaults: defaults))
    }
    if !report.excludedDeals.isEmpty {
      out.append("")
      out.append(h2 + words.stressLeftOutHeading)
      out.append(bullet + md(report.excludedDeals.map(\.rawValue).joined(separator: ", ")))
    }
    out.append("")
    out.append(h2 + words.assumptionsHeading)
    for line in report.assumptions { out.append(bullet + md(words.say(line))) }
    return out.joined(separator: "\n") + "\n"
  }

  private func cell(_ value: Double) -> String { abs(value) < 0.5 ? "–" : money.usd(value) }

}
