import ArgumentParser
import LoopLedger
import LoopLedgerApp

extension LoopLedgerCommand {
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Report the loops, each company's self-funded revenue, and the key facts.",
      discussion: """
        Loops are ranked by their round-trip amount: the smallest step on the loop, as an \
        interval ("at least", "up to", a range), with amounts the sources do not state kept \
        unknown. The company table shows investments and purchases in and out, the share of each \
        company's inflows that began as its own outflows (proportional flow tracing), and its \
        investments into customers over their purchases back. JSON output is documented in \
        docs/report-json.md.
        """)

    @OptionGroup var ledgerOptions: LedgerOptions
    @OptionGroup var outputOptions: OutputOptions

    @Option(
      help: ArgumentHelp(
        "Also write the report as one self-contained HTML file (inline SVG pictures, every source quote, printable); standard output then stays empty unless -o is given.",
        valueName: "file"))
    var html: String?

    @Option(parsing: .unconditional, help: "List only loops of at most this many steps.")
    var maxLength: Int?

    @Option(parsing: .unconditional, help: "List at most this many loops.")
    var limit: Int = 1_000

    @Option(help: "List only loops through this company (id, e.g. openai).")
    var company: String?

    @Option(
      name: .customLong("external"),
      help: ArgumentHelp(
        "A company's external money for flow tracing, e.g. amazon=600B (default: max(0, outflows − inflows)).",
        valueName: "company=amount"))
    var external: [String] = []

    @Option(
      help: ArgumentHelp(
        "The loop through time instead of the report: per quarter (or year), the ledger as it stood at the period's end (see --as-of), its loops with their round trips per certainty tier, and the money going round per tier; with --html, also its picture on the page.",
        valueName: "quarter|year"))
    var timeline: TimelinePeriod?

    var job: ReportJob {
      var job = ReportJob(
        ledger: ledgerOptions.selection, output: outputOptions.selection, htmlPath: html, maxLength: maxLength,
        limit: limit, company: company, external: external)
      job.timeline = timeline
      return job
    }

    func validate() throws { try usage { try job.validate() } }

    func run() throws { try job.runFromCommandLine() }
  }
}
