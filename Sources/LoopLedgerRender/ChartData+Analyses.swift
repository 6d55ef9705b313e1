import LoopLedger

extension FanChartData {
  /// The fan chart of a funding projection: cash at the end of each year.
  public init(projection: FundingProjection, language: Language = .english) {
    let bands = projection.fanChart.bands
    let english = language == .english
    self.init(
      title: english
        ? "\(projection.companyName): cash at year end (negative: money still to be found)"
        : "\(projection.companyName):年末現金(負值為尚待籌措的資金)",
      subtitle: english
        ? "\(projection.paths) simulated paths, seed \(projection.seed), ledger \(projection.ledger.id); assumptions in the projection output"
        : "\(projection.paths) 條模擬路徑,種子 \(projection.seed),帳本 \(projection.ledger.id);假設見預測輸出",
      unit: projection.fanChart.unit, years: bands.map(\.year), p5: bands.map(\.p5),
      p25: bands.map(\.p25), p50: bands.map(\.p50), p75: bands.map(\.p75), p95: bands.map(\.p95),
      shortfallYear: projection.firstShortfallYear,
      note: english
        ? "Band p5–p95, inner band p25–p75, line p50. The marked year is the first in which a shortfall is more likely than not."
        : "外帶 p5–p95,內帶 p25–p75,線為 p50。標記年份為首個資金缺口機率過半的年份。")
  }
}

extension CascadeChartData {
  /// The cascade of a stress test, round by round: revenue each company lost in each round
  /// (estimate run), companies that defaulted in that round marked as failed.
  public init(stress: StressReport, ledger: Ledger, language: Language = .english) {
    let english = language == .english
    func name(_ id: CompanyID) -> String {
      if id == .outsideVendors, ledger.company(id) == nil {
        return english ? "Vendors outside the ledger" : "帳外供應商"
      }
      return ledger.name(of: id, in: language)
    }
    let rounds = stress.estimate.trace.map { round in
      let failed = Set(round.newDefaults)
      var losses = round.losses.map {
        Loss(company: name($0.company), loss: $0.revenueLost, failed: failed.contains($0.company) ? true : nil)
      }
      for id in round.newDefaults where !round.losses.contains(where: { $0.company == id }) {
        losses.append(Loss(company: name(id), loss: 0, failed: true))
      }
      return Round(label: english ? "Round \(round.round)" : "第\(round.round)輪", losses: losses)
    }
    // Later rounds often move by cents as the fixed point settles: keep the rounds that add at
    // least 0.5 % of the total loss, or a default, and say how many were left out.
    let total = rounds.reduce(0) { $0 + $1.losses.reduce(0) { $0 + $1.loss } }
    let trimmed = rounds.enumerated().filter { index, round in
      index == 0 || round.losses.contains { $0.failed == true }
        || round.losses.reduce(0) { $0 + $1.loss } >= 0.005 * total
    }.map(\.element)
    let omitted = rounds.count - trimmed.count
    self.init(
      title: english ? "Stress test: \(stress.scenario.name)" : "壓力測試:\(stress.scenario.name)",
      subtitle: stress.scenario.description.isEmpty ? nil : stress.scenario.description,
      unit: "USD", rounds: trimmed,
      note: english
        ? "Annual revenue lost per round (estimate run)."
          + (omitted > 0 ? " \(omitted) later rounds, each under 0.5% of the total, not shown." : "")
        : "每輪損失的年度收入(估計值)。" + (omitted > 0 ? "其後 \(omitted) 輪各不足總額 0.5%,未列出。" : ""))
  }
}

extension HTMLFigure {
  /// The report's what-if figures: the cascade of its stress test and the fan of its projection,
  /// for whichever of the two was computed.
  public static func whatIf(_ analysis: WhatIfAnalysis, ledger: Ledger, language: Language) throws -> [HTMLFigure] {
    let english = language == .english
    var figures: [HTMLFigure] = []
    if let stress = analysis.stress {
      let chart = CascadeChartData(stress: stress, ledger: ledger, language: language)
      figures.append(
        HTMLFigure(
          id: "cascade", title: english ? "If NVIDIA's investment does not arrive" : "若英偉達的投資沒有到位",
          svg: try CascadeChart(chart, language: language).svg(),
          caption: english
            ? "loopledger stress --scenario \(WhatIfAnalysis.stressScenario): revenue lost round by round; every assumption in its output."
            : "loopledger stress --scenario \(WhatIfAnalysis.stressScenario):逐輪損失的收入;所有假設見其輸出。"))
    }
    if let projection = analysis.projection {
      let chart = FanChartData(projection: projection, language: language)
      figures.append(
        HTMLFigure(
          id: "fan", title: english ? "Can OpenAI pay for what it committed to buy?" : "OpenAI 能否支付其承諾的採購?",
          svg: try FanChart(chart, language: language).svg(),
          caption: english
            ? "loopledger project openai (20,000 paths, seed 1, default assumptions, printed by that command)."
            : "loopledger project openai(20,000 條路徑,種子 1,預設假設見該命令輸出)。"))
    }
    return figures
  }
}
