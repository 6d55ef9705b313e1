import ArgumentParser
import Foundation
import LoopLedger
import LoopLedgerRender

extension OutputFormat: ExpressibleByArgument {}

/// Options for where and how to write a result.
struct OutputOptions: ParsableArguments {
  @Option(help: "Output format: text, markdown or json.")
  var format: OutputFormat = .text

  @Option(help: "Language of the text and Markdown outputs: en, zh-Hant or zh-Hans.")
  var lang: Language = .english

  @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
  var output: String?

  func write(_ text: String) throws {
    guard let output else {
      print(text, terminator: "")
      return
    }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
      throw ValidationError("Cannot write '\(output)': \(error.localizedDescription)")
    }
  }
}

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

    @Option(help: "List only loops of at most this many steps.")
    var maxLength: Int?

    @Option(help: "List at most this many loops.")
    var limit: Int = 1_000

    @Option(help: "List only loops through this company (id, e.g. openai).")
    var company: String?

    @Option(
      name: .customLong("external"),
      help: ArgumentHelp(
        "A company's external money for flow tracing, e.g. amazon=600B (default: max(0, outflows − inflows)).",
        valueName: "company=amount"))
    var external: [String] = []

    func validate() throws {
      if let maxLength, maxLength < 2 {
        throw ValidationError("'--max-length' must be at least 2 (a loop needs two companies); got \(maxLength).")
      }
      if limit < 1 { throw ValidationError("'--limit' must be at least 1; got \(limit).") }
      _ = try externalMoney()
    }

    func externalMoney() throws -> [CompanyID: Double] {
      var result: [CompanyID: Double] = [:]
      for item in external {
        let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let amount = MoneyText.parse(parts[1]) else {
          throw ValidationError("'--external \(item)': write COMPANY=AMOUNT, e.g. amazon=600B.")
        }
        result[CompanyID(parts[0])] = amount
      }
      return result
    }

    /// The cascade of the `nvidia-stops` stress test and OpenAI's funding fan, when the ledger
    /// has what they need (OpenAI and its revenue); none otherwise.
    private func whatIfFigures(_ ledger: Ledger) throws -> [HTMLFigure] {
      let english = outputOptions.lang == .english
      var figures: [HTMLFigure] = []
      if let scenario = try? StressScenario.builtIn("nvidia-stops", ledger: ledger),
        let stress = try? StressReport(ledger: ledger, scenario: scenario, filter: ledgerOptions.filter)
      {
        let chart = CascadeChartData(stress: stress, ledger: ledger, language: outputOptions.lang)
        figures.append(
          HTMLFigure(
            id: "cascade", title: english ? "If NVIDIA's investment does not arrive" : "若英偉達的投資沒有到位",
            svg: try CascadeChart(chart, language: outputOptions.lang).svg(),
            caption: english
              ? "loopledger stress --scenario nvidia-stops: revenue lost round by round; every assumption in its output."
              : "loopledger stress --scenario nvidia-stops:逐輪損失的收入;所有假設見其輸出。"))
      }
      if ledger.company("openai") != nil {
        let first = (ledger.asOf?.year).map { $0 + 1 } ?? 2026
        if let projection = try? FundingProjection(
          ledger: ledger, company: "openai", scenario: .defaults,
          options: ProjectionOptions(from: first, to: first + 9, paths: 20_000, seed: 1, sensitivity: false))
        {
          let chart = FanChartData(projection: projection, language: outputOptions.lang)
          figures.append(
            HTMLFigure(
              id: "fan", title: english ? "Can OpenAI pay for what it committed to buy?" : "OpenAI 能否支付其承諾的採購?",
              svg: try FanChart(chart, language: outputOptions.lang).svg(),
              caption: english
                ? "loopledger project openai (20,000 paths, seed 1, default assumptions, printed by that command)."
                : "loopledger project openai(20,000 條路徑,種子 1,預設假設見該命令輸出)。"))
        }
      }
      return figures
    }

    func run() throws {
      let ledger = try ledgerOptions.load()
      let options = LoopReportOptions(
        filter: ledgerOptions.filter, maxLength: maxLength, limit: limit,
        company: company.map { CompanyID($0) }, externalMoney: try externalMoney())
      let report = try LoopReport(ledger: ledger, options: options)
      let renderer = ReportRenderer(report: report, ledger: ledger, language: outputOptions.lang)
      if let html {
        let page = HTMLReport(
          report: report, ledger: ledger, language: outputOptions.lang,
          figures: try whatIfFigures(ledger)
        ).html()
        do {
          try Data(page.utf8).write(to: URL(fileURLWithPath: html), options: .atomic)
        } catch {
          throw ValidationError("Cannot write '\(html)': \(error.localizedDescription)")
        }
        if outputOptions.output == nil { return }
      }
      try outputOptions.write(try renderer.render(outputOptions.format))
    }
  }
}
