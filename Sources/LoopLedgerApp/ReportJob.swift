import LoopLedger
import LoopLedgerIO
import LoopLedgerRender

/// `loopledger report`: the loops, the company table and the key facts; optionally the full
/// HTML page with the what-if figures.
public struct ReportJob: Job {
  public var ledger: LedgerSelection
  public var output: OutputSelection
  /// Also write the self-contained HTML report here.
  public var htmlPath: String?
  public var maxLength: Int?
  public var limit: Int
  public var company: String?
  /// `COMPANY=AMOUNT` external money for flow tracing.
  public var external: [String]
  /// `--timeline quarter|year`: the loop through time instead of the report (and its picture in the HTML page).
  public var timeline: TimelinePeriod? = nil

  public init(
    ledger: LedgerSelection, output: OutputSelection, htmlPath: String? = nil, maxLength: Int? = nil,
    limit: Int = 1_000, company: String? = nil, external: [String] = []
  ) {
    self.ledger = ledger
    self.output = output
    self.htmlPath = htmlPath
    self.maxLength = maxLength
    self.limit = limit
    self.company = company
    self.external = external
  }

  /// Checks the option values.
  ///
  /// - Throws: ``ArgumentValueError``.
  public func validate() throws {
    try FlagRule.check("max-length", maxLength)
    try FlagRule.check("limit", limit)
    _ = try CompanyID.parseAmounts(external, flag: "external")
  }

  public var inputs: [String] { ledger.inputs }

  public func outputs(progress: ProgressLine) throws -> [Output] {
    let loaded = try ledger.load()
    let externalMoney = try CompanyID.parseAmounts(external, flag: "external")
    let unknown = externalMoney.keys.filter { loaded.company($0) == nil }.map(\.rawValue).sorted()
    if !unknown.isEmpty {
      throw ArgumentValueError(
        "'--external' names \(unknown.map { "'\($0)'" }.joined(separator: ", ")), which the ledger does not have; its companies are \(loaded.companies.map(\.id.rawValue).joined(separator: ", "))."
      )
    }
    let options = LoopReportOptions(
      filter: ledger.filter, maxLength: maxLength, limit: limit, company: company.map { CompanyID($0) },
      externalMoney: externalMoney)
    let report = try LoopReport(ledger: loaded, options: options)
    let timeline = try timeline.map { try LedgerTimeline(ledger: loaded, period: $0, options: options) }
    var outputs: [Output] = []
    if let htmlPath {
      let whatIf = WhatIfAnalysis(ledger: loaded, filter: ledger.filter)
      var figures = try HTMLFigure.whatIf(whatIf, ledger: loaded, language: output.language)
      if let timeline {
        let words = TimelineChart(timeline: timeline, language: output.language)
        figures.insert(
          HTMLFigure(id: "timeline", title: words.title, svg: words.svg(), caption: words.caption), at: 0)
      }
      let page = HTMLReport(
        report: report, ledger: loaded, language: output.language, figures: figures, notComputed: whatIf.missing
      ).html()
      outputs.append(Output(page, to: .file(htmlPath)))
      if output.path == nil { return outputs }
    }
    if let timeline {
      let renderer = TimelineRenderer(timeline: timeline, ledger: loaded, language: output.language)
      outputs.append(Output(try renderer.render(output.format), to: output.target))
      return outputs
    }
    let renderer = ReportRenderer(report: report, ledger: loaded, language: output.language)
    outputs.append(Output(try renderer.render(output.format), to: output.target))
    return outputs
  }
}
