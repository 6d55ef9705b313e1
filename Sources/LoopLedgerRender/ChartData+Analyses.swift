import LoopLedger

extension FanChartData {
  /// The fan chart of a funding projection: cash at the end of each year.
  public init(projection: FundingProjection, language: Language = .english) {
    let bands = projection.fanChart.bands
    let words = Words(language)
    self.init(
      title: words.fanTitle(projection.companyName),
      subtitle: words.fanSubtitle(paths: projection.paths, seed: projection.seed, ledger: projection.ledger.id),
      unit: projection.fanChart.unit, years: bands.map(\.year), p5: bands.map(\.p5),
      p25: bands.map(\.p25), p50: bands.map(\.p50), p75: bands.map(\.p75), p95: bands.map(\.p95),
      shortfallYear: projection.firstShortfallYear, note: words.fanNote)
  }
}

extension CascadeChartData {
  /// The cascade of a stress test, round by round: revenue each company lost in each round
  /// (estimate run), companies that defaulted in that round marked as failed.
  public init(stress: StressReport, ledger: Ledger, language: Language = .english) {
    let words = Words(language)
    func name(_ id: CompanyID) -> String {
      if id == .outsideVendors, ledger.company(id) == nil { return words.outsideVendors }
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
      return Round(label: words.roundLabel(round.round), losses: losses)
    }
    // Later rounds often move by cents as the fixed point settles: keep the rounds that add at
    // least 0.5 % of the total loss, or a default, and say how many were left out.
    let total = rounds.reduce(0) { $0 + $1.losses.reduce(0) { $0 + $1.loss } }
    let trimmed = rounds.enumerated().filter { index, round in
      index == 0 || round.losses.contains { $0.failed == true }
        || round.losses.reduce(0) { $0 + $1.loss } >= 0.005 * total
    }.map(\.element)
    self.init(
      title: words.stressTitle(stress.scenario.name),
      subtitle: stress.scenario.description.isEmpty ? nil : stress.scenario.description,
      unit: "USD", rounds: trimmed, note: words.cascadeNote(omitted: rounds.count - trimmed.count))
  }
}

extension HTMLFigure {
  /// The report's what-if figures: the cascade of its stress test and the fan of its projection,
  /// for whichever of the two was computed.
  public static func whatIf(_ analysis: WhatIfAnalysis, ledger: Ledger, language: Language) throws -> [HTMLFigure] {
    let words = Words(language)
    var figures: [HTMLFigure] = []
    if let stress = analysis.stress {
      let chart = CascadeChartData(stress: stress, ledger: ledger, language: language)
      figures.append(
        HTMLFigure(
          id: "cascade", title: words.whatIfCascadeTitle, svg: try CascadeChart(chart, language: language).svg(),
          caption: words.whatIfCascadeCaption(WhatIfAnalysis.stressScenario)))
    }
    if let projection = analysis.projection {
      let chart = FanChartData(projection: projection, language: language)
      figures.append(
        HTMLFigure(
          id: "fan", title: words.whatIfFanTitle, svg: try FanChart(chart, language: language).svg(),
          caption: words.whatIfFanCaption))
    }
    return figures
  }
}
