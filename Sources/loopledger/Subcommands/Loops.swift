import ArgumentParser
import LoopLedger
import LoopLedgerRender

extension LoopLedgerCommand {
  struct Loops: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the loops of money (elementary cycles of the money-flow graph).",
      discussion: """
        Each line is one loop, ranked by its round-trip amount, with the deals on each step. \
        Johnson's algorithm runs per strongly connected component; --max-length switches to a \
        search pruned by distance, so long loops are never explored.
        """)

    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(help: "Output format: text, markdown or json.")
    var format: OutputFormat = .text

    @Option(help: "Language of the text output: en, zh-Hant or zh-Hans.")
    var lang: Language = .english

    @Option(help: "List only loops of at most this many steps.")
    var maxLength: Int?

    @Option(help: "List only loops through this company (id, e.g. nvidia).")
    var company: String?

    @Option(help: "List at most this many loops.")
    var limit: Int = 1_000

    func validate() throws {
      if let maxLength, maxLength < 2 {
        throw ValidationError("'--max-length' must be at least 2; got \(maxLength).")
      }
      if limit < 1 { throw ValidationError("'--limit' must be at least 1; got \(limit).") }
    }

    func run() throws {
      let ledger = try ledgerOptions.load()
      let report = try LoopReport(
        ledger: ledger,
        options: LoopReportOptions(
          filter: ledgerOptions.filter, maxLength: maxLength, limit: limit,
          company: company.map { CompanyID($0) }))
      let money = MoneyFormat(lang)
      switch format {
      case .json:
        print(try JSONOutput.string(LoopList(loops: report.loops, complete: report.loopsComplete)), terminator: "")
      case .text, .markdown:
        for (index, loop) in report.loops.enumerated() {
          let names = loop.path.map { ledger.name(of: $0, in: lang) }.joined(separator: " → ")
          let line = "\(index + 1). \(names)   \(money.interval(loop.roundTrip))"
          print(format == .markdown ? "- " + line : line)
          for step in loop.steps {
            let deals = step.deals.map(\.rawValue).joined(separator: ", ")
            print("     \(ledger.name(of: step.payer, in: lang)) → \(ledger.name(of: step.payee, in: lang)): \(money.interval(step.amount)) [\(deals)]")
          }
        }
        if report.loops.isEmpty { print("No loops.") }
        if !report.loopsComplete {
          print("⚠ Loop limit (\(limit)) reached: more loops exist; raise --limit.")
        }
      }
    }
  }
}

private struct LoopList: Encodable {
  var loops: [LoopReport.Loop]
  var complete: Bool
}
