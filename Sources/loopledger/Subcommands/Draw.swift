import ArgumentParser
import Foundation
import LoopLedger
import LoopLedgerRender

/// The pictures `draw` can make.
enum Picture: String, CaseIterable, ExpressibleByArgument {
  case loops
  case sankey
  case shares
  case fan
  case cascade
}

extension LoopMapOptions.Layout: ExpressibleByArgument {}

extension LoopLedgerCommand {
  struct Draw: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Draw a picture as SVG: the loop map, the money-flow Sankey, self-funded shares, a fan or a cascade chart.",
      discussion: """
        loops    companies on a circle, deals as arrows (blue investment, vermilion purchase; \
        dashed talks/planned, dotted implied; width ∝ √amount; hatched band for ranges). \
        --highlight N dims everything but loop N; opening FILE.svg#loop-N in a browser does the same.
        sankey   investors → companies that receive investment → the vendors they buy from.
        shares   each company's self-funded share of inflows, with its low–high range.
        fan      a funding projection from --data FILE (JSON, see docs/pictures.md).
        cascade  a stress test round by round from --data FILE (JSON, see docs/pictures.md).
        The SVG is deterministic (same input, same bytes) and needs no JavaScript. See \
        docs/pictures.md for how to read each picture.
        """)

    @Argument(help: "loops, sankey, shares, fan or cascade.")
    var picture: Picture

    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(name: .customLong("svg"), help: ArgumentHelp("Write the SVG to this file (default: standard output).", valueName: "file"))
    var svgFile: String?

    @Option(help: "Language of the labels: en, zh-Hant or zh-Hans.")
    var lang: Language = .english

    @Option(help: "Loop map layout: circle (ordered to minimise crossings) or force (force-directed).")
    var layout: LoopMapOptions.Layout = .circle

    @Option(help: "Loop map: highlight this loop (its number in the report) and dim the rest.")
    var highlight: Int?

    @Flag(help: "Loop map: leave the amounts off the arrows (they stay in the tooltips).")
    var noAmounts = false

    @Option(help: "List only loops of at most this many steps.")
    var maxLength: Int?

    @Option(help: "List at most this many loops.")
    var limit: Int = 1_000

    @Option(help: ArgumentHelp("fan / cascade: the chart's data as JSON (FanChartData / CascadeChartData).", valueName: "file"))
    var data: String?

    func validate() throws {
      if let maxLength, maxLength < 2 {
        throw ValidationError("'--max-length' must be at least 2; got \(maxLength).")
      }
      if limit < 1 { throw ValidationError("'--limit' must be at least 1; got \(limit).") }
      if let highlight, highlight < 1 { throw ValidationError("'--highlight' counts from 1; got \(highlight).") }
      if picture == .fan || picture == .cascade, data == nil {
        throw ValidationError("'draw \(picture.rawValue)' needs '--data FILE' (JSON; see docs/pictures.md).")
      }
    }

    func run() throws {
      let svg: String
      switch picture {
      case .loops, .sankey, .shares:
        let ledger = try ledgerOptions.load()
        let report = try LoopReport(
          ledger: ledger,
          options: LoopReportOptions(filter: ledgerOptions.filter, maxLength: maxLength, limit: limit))
        if let highlight, highlight > report.loops.count {
          throw ValidationError(
            "'--highlight \(highlight)': the report lists \(report.loops.count) loop(s).")
        }
        switch picture {
        case .loops:
          svg = LoopMap(
            report: report, ledger: ledger,
            options: LoopMapOptions(
              language: lang, layout: layout, highlight: highlight, showAmounts: !noAmounts)
          ).svg()
        case .sankey:
          svg = SankeyChart(report: report, ledger: ledger, language: lang).svg()
        default:
          svg = SharesChart(report: report, language: lang).svg()
        }
      case .fan:
        let chart = try FanChartData.decode(try readData())
        svg = try FanChart(chart, language: lang).svg()
      case .cascade:
        let chart = try CascadeChartData.decode(try readData())
        svg = try CascadeChart(chart, language: lang).svg()
      }
      try write(svg)
    }

    private func readData() throws -> Data {
      guard let data else { throw ValidationError("'--data FILE' is required.") }
      do {
        return try Data(contentsOf: URL(fileURLWithPath: data))
      } catch {
        throw ValidationError("Cannot read '\(data)': \(error.localizedDescription)")
      }
    }

    private func write(_ text: String) throws {
      guard let svgFile else {
        print(text, terminator: "")
        return
      }
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: svgFile), options: .atomic)
      } catch {
        throw ValidationError("Cannot write '\(svgFile)': \(error.localizedDescription)")
      }
    }
  }
}
