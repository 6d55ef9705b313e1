import Foundation
import Testing

@testable import LoopLedger
@testable import LoopLedgerRender

@Suite("HTML report, escaping, determinism")
struct HTMLReportTests {
  /// `src`, `href`, `url(…)`, `@import` values that point off the page.
  static func externalReferences(_ html: String) -> [String] {
    var found: [String] = []
    let patterns = [
      #"(?i)\b(src|href|xlink:href|srcset|action|poster|data)\s*=\s*["']?\s*(https?:|//|ftp:)"#,
      #"(?i)url\(\s*["']?\s*(https?:|//)"#, #"(?i)@import"#, #"(?i)<\s*(script|link|iframe|object|embed|img)\b"#,
    ]
    for pattern in patterns {
      let regex = try! NSRegularExpression(pattern: pattern)
      for match in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
        found.append(String(html[Range(match.range, in: html)!]))
      }
    }
    return found
  }

  @Test(arguments: [("seed", Language.english), ("seed", .traditionalChinese), ("public-2025", .english)])
  func theReportIsSelfContainedWellFormedAndHasEveryQuote(ledgerName: String, language: Language) throws {
    let (ledger, report) = try bundled(ledgerName)
    let html = HTMLReport(report: report, ledger: ledger, language: language).html()
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(Self.externalReferences(html).isEmpty, "\(Self.externalReferences(html))")
    let parsed = try XMLDocumentCollector.parse(html)
    #expect(parsed.elements(named: "html").first?.attributes["lang"] == language.rawValue)
    #expect(parsed.elements(named: "svg").count == 3)
    // Every source quote, of every deal and fact, is on the page.
    for deal in ledger.deals {
      for source in deal.sources { #expect(parsed.allText.contains(source.quote), "quote of \(deal.id)") }
    }
    for fact in ledger.facts {
      for source in fact.sources { #expect(parsed.allText.contains(source.quote), "quote of \(fact.id)") }
    }
    // Every loop has a row, an anchor and a highlight rule.
    for number in 1...report.loops.count {
      #expect(parsed.elements.contains { $0.name == "tr" && $0.classes.contains("loop-\(number)") })
      #expect(parsed.element(id: "loop-\(number)") != nil)
      #expect(html.contains("body:has(#loop-\(number):target) #map .deal:not(.l\(number))"))
    }
    // The certainty tiers have their table (the bundled ledgers span several tiers).
    #expect(report.tiers != nil)
    #expect(parsed.elements.contains { $0.name == "table" && $0.classes.contains("tiers") })
    // Print and CJK fonts.
    #expect(html.contains("@media print"))
    #expect(
      html.contains("'Noto Sans CJK TC'") && html.contains("'PingFang TC'") && html.contains("'Microsoft JhengHei'"))
    // Every id is unique (three inline SVGs share the page).
    let ids = parsed.elements.compactMap { $0.attributes["id"] }
    #expect(ids.count == Set(ids).count)
  }

  @Test func documentAddressesAreTextNotLinks() throws {
    let ledger = hostileLedger()
    let report = try LoopReport(ledger: ledger)
    let html = HTMLReport(report: report, ledger: ledger).html()
    #expect(Self.externalReferences(html).isEmpty)
    let parsed = try XMLDocumentCollector.parse(html)
    #expect(parsed.allText.contains("https://example.com/?a=1&b=2"))
  }

  @Test func theExternalReferenceCheckCatchesLinks() {
    #expect(!Self.externalReferences("<a href=\"https://x\">x</a>").isEmpty)
    #expect(!Self.externalReferences("<img src='//x/y.png'>").isEmpty)
    #expect(!Self.externalReferences("fill: url( \"http://x\")").isEmpty)
    #expect(Self.externalReferences("<a href=\"#deal-1\">x</a> fill=\"url(#map-hatch)\"").isEmpty)
  }

  @Test func hostileNamesAppearLiterallyEverywhere() throws {
    let ledger = hostileLedger()
    let report = try LoopReport(ledger: ledger)
    #expect(!report.loops.isEmpty)
    let fan = try FanChart(
      FanChartData(
        title: "<script>alert(1)</script>", subtitle: "A & B", unit: "USD", years: [2025, 2026], p5: [0, 0],
        p25: [1, 1], p50: [2, 2], p75: [3, 3], p95: [4, 4], note: "]]> & <"))
    let cascade = try CascadeChart(
      CascadeChartData(
        title: "A & B", unit: "USD",
        rounds: [.init(label: "<r1>", losses: [.init(company: "<script>alert(1)</script>", loss: 1e9, failed: true)])]))
    for language in [Language.english, .traditionalChinese] {
      let outputs = [
        LoopMap(report: report, ledger: ledger, options: LoopMapOptions(language: language)).svg(),
        LoopMap(
          report: report, ledger: ledger, options: LoopMapOptions(language: language, layout: .force, highlight: 1)
        ).svg(),
        SankeyChart(report: report, ledger: ledger, language: language).svg(),
        SharesChart(report: report, language: language).svg(),
        HTMLReport(
          report: report, ledger: ledger, language: language,
          figures: [
            HTMLFigure(id: "fan", title: "<fan> & co", svg: fan.svg()),
            HTMLFigure(id: "c", title: "c", svg: cascade.svg()),
          ]
        ).html(),
      ]
      for output in outputs {
        #expect(!output.contains("<script"), "raw <script in output")
        #expect(!output.contains("A & B"), "unescaped ampersand")
        let parsed = try XMLDocumentCollector.parse(output)
        let expectedName = language == .english ? "<script>alert(1)</script>" : "<腳本>"
        #expect(parsed.allText.contains(expectedName))
        #expect(parsed.allText.contains(language == .english ? "A & B" : "甲 & 乙"))
      }
      let html = outputs.last!
      let parsed = try XMLDocumentCollector.parse(html)
      #expect(parsed.allText.contains("bought chips </title><script>x</script>"))
      #expect(parsed.allText.contains("control \u{FFFD} char & ]]> end"))
      #expect(parsed.allText.contains("A <b>bold</b> & 'quoted' title"))
      #expect(parsed.allText.contains("<fan> & co"))
      // Tooltips (SVG <title>) carry the quote literally too.
      let map = try XMLDocumentCollector.parse(outputs[0])
      #expect(map.elements(named: "title").contains { $0.text.contains("A & B said \"<script>\" would get ≥ $5B") })
    }
  }

  @Test func everyPictureIsDeterministic() throws {
    for name in BundledLedger.names {
      let (ledger, report) = try bundled(name)
      // A second analysis of the same ledger, so that nothing rides on shared state.
      let (ledger2, report2) = try bundled(name)
      for language in Language.allCases {
        for layout in LoopMapOptions.Layout.allCases {
          let a = LoopMap(report: report, ledger: ledger, options: LoopMapOptions(language: language, layout: layout))
            .svg()
          let b = LoopMap(report: report2, ledger: ledger2, options: LoopMapOptions(language: language, layout: layout))
            .svg()
          #expect(a == b, "\(name) \(language) \(layout)")
        }
        #expect(
          SankeyChart(report: report, ledger: ledger, language: language).svg()
            == SankeyChart(report: report2, ledger: ledger2, language: language).svg())
        #expect(
          SharesChart(report: report, language: language).svg()
            == SharesChart(report: report2, language: language).svg())
        #expect(
          HTMLReport(report: report, ledger: ledger, language: language).html()
            == HTMLReport(report: report2, ledger: ledger2, language: language).html())
      }
    }
    #expect(try FanChart(ChartTests.fan).svg() == FanChart(ChartTests.fan).svg())
    #expect(try CascadeChart(ChartTests.cascade).svg() == CascadeChart(ChartTests.cascade).svg())
  }

  @Test(arguments: BundledLedger.names)
  func everySVGParsesAsXML(name: String) throws {
    let (ledger, report) = try bundled(name)
    for language in Language.allCases {
      _ = try XMLDocumentCollector.parse(
        LoopMap(report: report, ledger: ledger, options: LoopMapOptions(language: language)).svg())
      _ = try XMLDocumentCollector.parse(
        LoopMap(
          report: report, ledger: ledger, options: LoopMapOptions(language: language, layout: .force, highlight: 2)
        ).svg())
      _ = try XMLDocumentCollector.parse(SankeyChart(report: report, ledger: ledger, language: language).svg())
      _ = try XMLDocumentCollector.parse(SharesChart(report: report, language: language).svg())
      _ = try XMLDocumentCollector.parse(try FanChart(ChartTests.fan, language: language).svg())
      _ = try XMLDocumentCollector.parse(try CascadeChart(ChartTests.cascade, language: language).svg())
    }
  }

  @Test func anEmptyLedgerStillDraws() throws {
    let ledger = Ledger(id: "empty", title: "nothing", companies: [], deals: [])
    let report = try LoopReport(ledger: ledger)
    let map = try XMLDocumentCollector.parse(LoopMap(report: report, ledger: ledger).svg())
    #expect(map.allText.contains("No flows between companies"))
    _ = try XMLDocumentCollector.parse(SankeyChart(report: report, ledger: ledger).svg())
    _ = try XMLDocumentCollector.parse(SharesChart(report: report).svg())
    _ = try XMLDocumentCollector.parse(HTMLReport(report: report, ledger: ledger).html())
  }
}
