import ArgumentParser
import LoopLedger
import LoopLedgerApp
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

    @Option(parsing: .unconditional, help: "List only loops of at most this many steps.")
    var maxLength: Int?

    @Option(help: "List only loops through this company (id, e.g. nvidia).")
    var company: String?

    @Option(parsing: .unconditional, help: "List at most this many loops.")
    var limit: Int = 1_000

    var job: LoopsJob {
      LoopsJob(
        ledger: ledgerOptions.selection, output: OutputSelection(format: format, language: lang),
        maxLength: maxLength, company: company, limit: limit)
    }

    func validate() throws { try usage { try job.validate() } }

    func run() throws { try job.runFromCommandLine() }
  }
}
