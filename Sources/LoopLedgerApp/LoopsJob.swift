import LoopLedger
import LoopLedgerIO
import LoopLedgerRender

/// `loopledger loops`: the loops of money, one per line, with the deals on each step.
public struct LoopsJob: Job {
  public var ledger: LedgerSelection
  public var output: OutputSelection
  public var maxLength: Int?
  public var company: String?
  public var limit: Int

  public init(
    ledger: LedgerSelection, output: OutputSelection, maxLength: Int? = nil, company: String? = nil, limit: Int = 1_000
  ) {
    self.ledger = ledger
    self.output = output
    self.maxLength = maxLength
    self.company = company
    self.limit = limit
  }

  public func validate() throws {
    try FlagRule.check("max-length", maxLength)
    try FlagRule.check("limit", limit)
  }

  public var inputs: [String] { ledger.inputs }

  public func outputs(progress: ProgressLine) throws -> [Output] {
    let loaded = try ledger.load()
    let report = try LoopReport(
      ledger: loaded,
      options: LoopReportOptions(
        filter: ledger.filter, maxLength: maxLength, limit: limit, company: company.map { CompanyID($0) }))
    let renderer = LoopListRenderer(report: report, ledger: loaded, language: output.language, limit: limit)
    return [Output(try renderer.render(output.format), to: output.target)]
  }
}
