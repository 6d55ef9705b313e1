import LoopLedger
import LoopLedgerIO
import LoopLedgerRender

/// The pictures `draw` can make.
public enum Picture: String, CaseIterable, Sendable {
  case loops, sankey, shares, fan, cascade, timeline
}

/// `loopledger draw PICTURE`: one SVG picture.
public struct DrawJob: Job {
  public var picture: Picture
  public var ledger: LedgerSelection
  public var language: Language
  /// The SVG file, or nil for standard output.
  public var svgPath: String?
  public var layout: LoopMapOptions.Layout = .circle
  public var highlight: Int?
  public var showAmounts = true
  public var maxLength: Int?
  public var limit = 1_000
  /// fan / cascade: chart data (JSON) instead of computing it.
  public var dataPath: String?
  public var company = "openai"
  public var scenario = WhatIfAnalysis.stressScenario
  public var paths = 20_000
  public var seed: UInt64 = 1
  /// timeline: one bar per quarter or per year.
  public var period: TimelinePeriod = .quarter

  public init(picture: Picture, ledger: LedgerSelection, language: Language) {
    self.picture = picture
    self.ledger = ledger
    self.language = language
  }

  public func validate() throws {
    try FlagRule.check("max-length", maxLength)
    try FlagRule.check("limit", limit)
    try FlagRule.check("highlight", highlight)
    try FlagRule.check("paths", paths)
  }

  public var inputs: [String] { ledger.inputs + (dataPath.map { [$0] } ?? []) }

  public func outputs(progress: ProgressLine) throws -> [Output] {
    [Output(try svg(), to: OutputTarget(svgPath))]
  }

  private func svg() throws -> String {
    switch picture {
    case .loops, .sankey, .shares:
      let loaded = try ledger.load()
      let report = try LoopReport(
        ledger: loaded, options: LoopReportOptions(filter: ledger.filter, maxLength: maxLength, limit: limit))
      if let highlight, highlight > report.loops.count {
        throw ArgumentValueError("'--highlight \(highlight)': the report lists \(report.loops.count) loop(s).")
      }
      switch picture {
      case .loops:
        return LoopMap(
          report: report, ledger: loaded,
          options: LoopMapOptions(language: language, layout: layout, highlight: highlight, showAmounts: showAmounts)
        ).svg()
      case .sankey: return SankeyChart(report: report, ledger: loaded, language: language).svg()
      default: return SharesChart(report: report, language: language).svg()
      }
    case .fan:
      let chart: FanChartData
      if let dataPath {
        chart = try FanChartData.decode(try InputFile.read(dataPath), file: dataPath)
      } else {
        let loaded = try ledger.load()
        let id = try FundingProjection.resolveCompany(company, in: loaded)
        let window = ProjectionOptions.window(for: loaded)
        try ProjectionBudget.check(paths: paths, sensitivityPaths: 0, simulatedYears: window.count)
        let projection = try FundingProjection(
          ledger: loaded, company: id, scenario: .defaults,
          options: ProjectionOptions(
            from: window.lowerBound, to: window.upperBound, paths: paths, seed: seed, sensitivity: false))
        chart = FanChartData(projection: projection, language: language)
      }
      return try FanChart(chart, language: language).svg()
    case .cascade:
      let chart: CascadeChartData
      if let dataPath {
        chart = try CascadeChartData.decode(try InputFile.read(dataPath), file: dataPath)
      } else {
        let loaded = try ledger.load()
        let stress = try StressReport(
          ledger: loaded, scenario: try StressScenario.resolve(scenario, ledger: loaded), filter: ledger.filter)
        chart = CascadeChartData(stress: stress, ledger: loaded, language: language)
      }
      return try CascadeChart(chart, language: language).svg()
    case .timeline:
      let loaded = try ledger.load()
      let timeline = try LedgerTimeline(
        ledger: loaded, period: period,
        options: LoopReportOptions(filter: ledger.filter, maxLength: maxLength, limit: limit))
      return TimelineChart(timeline: timeline, language: language).svg()
    }
  }
}
