import ArgumentParser
import LoopLedger
import LoopLedgerApp

extension LoopLedgerCommand {
  struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Extract candidate deals from news articles (Chinese or English, text or HTML).",
      discussion: """
        Each candidate names payer and payee (money flows from investor to investee and from \
        buyer to seller), kind, amount as an interval with its qualifier and currency, date, \
        status and term, with the sentence it came from, its span and a confidence. Candidates \
        that restate a deal of --ledger are marked with that deal's id. JSON output is \
        documented in docs/extract-json.md; '--format ledger' writes a ledger file that \
        'loopledger validate' accepts. With --eval TRUTH.json DIR, extracts every article of \
        DIR named in the truth file and prints precision, recall and F1 of deals (matched on \
        file, payer, payee and kind) and the accuracy of amount and status on matched deals.
        """)

    @Argument(
      help: ArgumentHelp("Article files (plain text or HTML); with --eval, one directory.", valueName: "article"))
    var articles: [String] = []

    @OptionGroup var source: LedgerSourceOptions

    @Option(
      help: ArgumentHelp("The articles' date, for resolving 上個月, last month, on Monday.", valueName: "YYYY-MM-DD"))
    var date: PartialDate?

    @Option(help: "Output format: json, ledger or text.")
    var format: ExtractFormat = .json

    @Option(
      help: ArgumentHelp(
        "Compare with a truth file (JSON array) and print precision, recall and F1.", valueName: "truth.json"))
    var eval: String?

    @Option(parsing: .unconditional, help: "Leave out candidates below this confidence (0–1).")
    var minConfidence: Double = 0

    @Flag(help: "Recognize only the ledger's companies, not the built-in directory of AI-industry companies.")
    var noBuiltinCompanies = false

    @Flag(help: "Print the time each article took to standard error.")
    var timing = false

    @Option(
      name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    var job: ExtractJob {
      var job = ExtractJob(articles: articles, ledger: source.selection)
      job.date = date
      job.format = format
      job.truthPath = eval
      job.minConfidence = minConfidence
      job.builtInCompanies = !noBuiltinCompanies
      job.timing = timing
      job.outputPath = output
      return job
    }

    func validate() throws { try usage { try job.validate() } }

    func run() throws { try job.runFromCommandLine() }
  }
}
