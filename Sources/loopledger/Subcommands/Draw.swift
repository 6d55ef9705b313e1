import ArgumentParser
import LoopLedger
import LoopLedgerApp
import LoopLedgerRender

extension LoopLedgerCommand {
  struct Draw: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Draw a picture as SVG: the loop map, the money-flow Sankey, self-funded shares, a fan or a cascade chart, or the loop through time.",
      discussion: """
        loops    companies on a circle, deals as arrows (blue investment, vermilion purchase; \
        dashed talks/planned, dotted implied; width ∝ √amount; hatched band for ranges). \
        --highlight N dims everything but loop N; opening FILE.svg#loop-N in a browser does the same.
        sankey   investors → companies that receive investment → the vendors they buy from.
        shares   each company's self-funded share of inflows, with its low–high range.
        fan      a funding projection from --data FILE (JSON, see docs/pictures.md).
        cascade  a stress test round by round from --data FILE (JSON, see docs/pictures.md).
        timeline the money going round per quarter (--period year: per year), stacked by certainty \
        tier: what signed deals carry, then what plans, talks and inferences add.
        The SVG is deterministic (same input, same bytes) and needs no JavaScript. See \
        docs/pictures.md for how to read each picture.
        """)

    @Argument(help: "loops, sankey, shares, fan, cascade or timeline.")
    var picture: Picture

    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(
      name: .customLong("svg"),
      help: ArgumentHelp("Write the SVG to this file (default: standard output).", valueName: "file"))
    var svgFile: String?

    @Option(help: "Language of the labels: en, zh-Hant or zh-Hans.")
    var lang: Language = .english

    @Option(help: "Loop map layout: circle (ordered to minimise crossings) or force (force-directed).")
    var layout: LoopMapOptions.Layout = .circle

    @Option(parsing: .unconditional, help: "Loop map: highlight this loop (its number in the report) and dim the rest.")
    var highlight: Int?

    @Flag(help: "Loop map: leave the amounts off the arrows (they stay in the tooltips).")
    var noAmounts = false

    @Option(parsing: .unconditional, help: "List only loops of at most this many steps.")
    var maxLength: Int?

    @Option(parsing: .unconditional, help: "List at most this many loops.")
    var limit: Int = 1_000

    @Option(
      help: ArgumentHelp(
        "fan / cascade: the chart's data as JSON (FanChartData / CascadeChartData) instead of computing it.",
        valueName: "file"))
    var data: String?

    @Option(help: ArgumentHelp("fan: the company whose funding is projected (default openai).", valueName: "company"))
    var company: String = "openai"

    @Option(
      help: ArgumentHelp(
        "cascade: a built-in stress scenario or a scenario file (default nvidia-stops).", valueName: "name-or-file"))
    var scenario: String = "nvidia-stops"

    @Option(parsing: .unconditional, help: "fan: simulated paths.")
    var paths: Int = 20_000

    @Option(parsing: .unconditional, help: "fan: random seed.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("timeline: one bar per quarter or per year.", valueName: "quarter|year"))
    var period: TimelinePeriod = .quarter

    var job: DrawJob {
      var job = DrawJob(picture: picture, ledger: ledgerOptions.selection, language: lang)
      job.svgPath = svgFile
      job.layout = layout
      job.highlight = highlight
      job.showAmounts = !noAmounts
      job.maxLength = maxLength
      job.limit = limit
      job.dataPath = data
      job.company = company
      job.scenario = scenario
      job.paths = paths
      job.seed = seed
      job.period = period
      return job
    }

    func validate() throws { try usage { try job.validate() } }

    func run() throws { try job.runFromCommandLine() }
  }
}
