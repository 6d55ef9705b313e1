import Foundation
import LoopLedger

/// Renders a ``StressReport`` as a terminal report or Markdown; JSON is the report itself.
public struct StressRenderer {
  public let report: StressReport
  public let ledger: Ledger
  public let language: Language
  private let money: MoneyFormat

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
      return Words(language).outsideVendors
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
    var out: [String] = []
    out.append("\(h1)Stress test — \(report.scenario.name) [\(report.ledger)]")
    if !report.scenario.description.isEmpty { out.append(report.scenario.description) }
    out.append("")
    out.append("\(h2)SHOCKS")
    for shock in report.scenario.shocks { out.append(bullet + shock.description) }
    out.append("")
    out.append("\(h2)SYSTEM (annual flows; estimate run [low run – high run])")
    out.append("\(bullet)baseline flows \(range { $0.totals.baselineFlows })")
    out.append("\(bullet)obligations unfunded \(range { $0.totals.unfunded })")
    out.append("\(bullet)revenue lost by vendors \(range { $0.totals.revenueLost })")
    out.append("\(bullet)pending investments cut \(range { $0.totals.investmentCut })")
    out.append(
      "\(bullet)companies in default: \(report.estimate.totals.defaults) (low run \(report.low.totals.defaults), high run \(report.high.totals.defaults)); rounds \(report.estimate.rounds)\(report.estimate.converged ? "" : " — did not converge")")
    let exposed = report.estimate.companies.filter { $0.resources != "unconstrained" }.count
    out.append(
      "\(bullet)DebtRank (second measure) \(String(format: "%.4f", report.estimate.debtRank)) [\(String(format: "%.4f", report.low.debtRank))–\(String(format: "%.4f", report.high.debtRank))], linear DebtRank \(String(format: "%.4f", report.estimate.linearDebtRank))"
        + (exposed < 2 ? " — only companies with limited resources can be distressed; \(exposed) here" : ""))
    out.append("")
    out.append("\(h2)COMPANIES (estimate run)")
    let headers = [
      "Company", "Owes / year", "Unfunded", "Revenue lost", "Investment lost", "Investment not made",
      "Valuation change", "Default (round)", "DebtRank h",
    ]
    var rows: [[String]] = []
    for row in report.estimate.companies {
      var valuation = money.usd(-row.valuationChange)
      valuation = row.valuationChange < 0 ? "−" + valuation : "0"
      if let share = row.valuationChangeShare { valuation += " (\(money.percent(share)))" }
      rows.append([
        name(row.id), cell(row.obligations), cell(row.unfunded), cell(row.revenueLost),
        cell(row.investmentLost), cell(row.investmentCut), valuation,
        row.defaulted ? "yes (\(row.defaultRound.map(String.init) ?? "?"))" : "no",
        row.distress > 0 ? String(format: "%.3f", row.distress) : "0",
      ])
    }
    if markdown {
      out.append("| " + headers.joined(separator: " | ") + " |")
      out.append("|" + headers.map { _ in "---" }.joined(separator: "|") + "|")
      for row in rows { out.append("| " + row.map(escapeCell).joined(separator: " | ") + " |") }
    } else {
      var table = TextTable(headers: headers)
      for row in rows { table.add(row) }
      out.append(table.render(indent: "  "))
    }
    out.append("")
    out.append("\(h2)LOOPS THAT BROKE (share of the weakest step still paid)")
    if report.estimate.brokenLoops.isEmpty { out.append(bullet + "none") }
    for loop in report.estimate.brokenLoops.prefix(20) {
      out.append("\(bullet)\(loop.path.map(name).joined(separator: " → ")): \(money.percent(loop.retention))")
    }
    if report.estimate.brokenLoops.count > 20 { out.append("\(bullet)… \(report.estimate.brokenLoops.count - 20) more (see --format json)") }
    out.append("")
    out.append("\(h2)ROUNDS")
    for round in report.estimate.trace {
      let defaults = round.newDefaults.isEmpty ? "" : "; new defaults: \(round.newDefaults.map(name).joined(separator: ", "))"
      out.append("\(bullet)round \(round.round): unfunded \(money.usd(round.unfunded)), revenue lost \(money.usd(round.revenueLost)), investments cut \(money.usd(round.investmentCut))\(defaults)")
    }
    if !report.excludedDeals.isEmpty {
      out.append("")
      out.append("\(h2)LEFT OUT: amounts not stated (never counted as zero)")
      out.append(bullet + report.excludedDeals.map(\.rawValue).joined(separator: ", "))
    }
    out.append("")
    out.append("\(h2)ASSUMPTIONS")
    for line in report.assumptions { out.append(bullet + line) }
    return out.joined(separator: "\n") + "\n"
  }

  private func cell(_ value: Double) -> String { abs(value) < 0.5 ? "–" : money.usd(value) }

  private func escapeCell(_ text: String) -> String { Markdown.escape(text) }
}
