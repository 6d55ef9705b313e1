import Foundation
import Testing

@testable import LoopLedger
@testable import LoopLedgerRender

@Suite("Stress renderer")
struct StressRendererTests {
  private let seed: Ledger
  /// NVIDIA stops paying: OpenAI defaults in round 1 and loops break.
  private let nvidiaStops: StressReport
  init() throws {
    seed = try BundledLedger.load("seed")
    nvidiaStops = try StressReport(ledger: seed, scenario: try .builtIn("nvidia-stops", ledger: seed))
  }

  private let headers = [
    "Company", "Owes / year", "Unfunded", "Revenue lost", "Investment lost", "Investment not made",
    "Valuation change", "Default (round)", "DebtRank h",
  ]

  private func render(
    _ report: StressReport, _ format: OutputFormat, ledger: Ledger? = nil, language: Language = .english
  )
    throws -> String
  {
    try StressRenderer(report: report, ledger: ledger ?? seed, language: language).render(format)
  }

  /// Cells of a Markdown table row, split at unescaped `|`.
  private func cells(_ row: Substring) -> [String] {
    var cells: [String] = []
    var current = ""
    var escaped = false
    for character in row.dropFirst().dropLast() {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        current.append(character)
        escaped = true
      } else if character == "|" {
        cells.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
      } else {
        current.append(character)
      }
    }
    cells.append(current.trimmingCharacters(in: .whitespaces))
    return cells
  }

  @Test func theTextHasEverySectionInOrderAndTheReportsFigures() throws {
    let text = try render(nvidiaStops, .text)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "Stress test — \(nvidiaStops.scenario.name) [\(nvidiaStops.ledger)]")
    let sections = [
      "SHOCKS", "SYSTEM (annual flows; estimate run [low run – high run])", "COMPANIES (estimate run)",
      "LOOPS THAT BROKE (share of the weakest step still paid)", "ROUNDS", "ASSUMPTIONS",
    ]
    let positions = sections.map { section in lines.firstIndex(of: section) }
    #expect(positions.allSatisfy { $0 != nil }, "\(positions)")
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    for shock in nvidiaStops.scenario.shocks { #expect(lines.contains("  • " + shock.description)) }
    for assumption in nvidiaStops.assumptions { #expect(lines.contains("  • \(assumption)")) }
    // The unfunded line: the estimate run, then the low and high runs in order.
    let money = MoneyFormat(.english)
    let runs = [nvidiaStops.low.totals.unfunded, nvidiaStops.high.totals.unfunded]
    let unfunded =
      "  • obligations unfunded \(money.usd(nvidiaStops.estimate.totals.unfunded)) [\(money.usd(runs.min()!))–\(money.usd(runs.max()!))]"
    #expect(lines.contains(unfunded), "\(lines.filter { $0.contains("unfunded") })")
    #expect(
      lines.contains { $0.hasPrefix("  • companies in default: \(nvidiaStops.estimate.totals.defaults) (low run ") })
    // One bullet per round, one per broken loop.
    #expect(lines.filter { $0.hasPrefix("  • round ") }.count == nvidiaStops.estimate.trace.count)
    for loop in nvidiaStops.estimate.brokenLoops {
      let path = loop.path.map { seed.name(of: $0) }.joined(separator: " → ")
      #expect(lines.contains("  • \(path): \(money.percent(loop.retention))"))
    }
    #expect(!text.contains("did not converge"))
    #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
  }

  @Test func theMarkdownTableHasARowOfNineCellsPerCompany() throws {
    let markdown = try render(nvidiaStops, .markdown)
    let lines = markdown.split(separator: "\n")
    #expect(lines.first == "# Stress test — \(nvidiaStops.scenario.name) [\(nvidiaStops.ledger)]")
    #expect(lines.contains("## SHOCKS") && lines.contains("## ASSUMPTIONS"))
    let header = "| " + headers.joined(separator: " | ") + " |"
    let headerIndex = try #require(lines.firstIndex { $0 == header })
    #expect(lines[headerIndex + 1] == "|" + Array(repeating: "---", count: 9).joined(separator: "|") + "|")
    let rows = lines[(headerIndex + 2)...].prefix { $0.hasPrefix("|") }
    #expect(rows.count == nvidiaStops.estimate.companies.count)
    for (row, company) in zip(rows, nvidiaStops.estimate.companies) {
      let cells = cells(row)
      #expect(cells.count == 9, "\(row)")
      #expect(cells[0] == seed.name(of: company.id))
      #expect(cells[7] == (company.defaulted ? "yes (\(company.defaultRound.map(String.init) ?? "?"))" : "no"))
      #expect(cells[8] == (company.distress > 0 ? String(format: "%.3f", company.distress) : "0"))
      #expect(cells[2] == (abs(company.unfunded) < 0.5 ? "–" : MoneyFormat(.english).usd(company.unfunded)))
    }
  }

  @Test func markdownCellsEscapeWhatTablesWouldMisread() throws {
    // OpenAI renamed to something with a pipe, emphasis and a tag in it.
    let companies = seed.companies.map { company -> Company in
      var company = company
      if company.id == "openai" { company.names = LocalizedNames(english: "Open|AI *x* <b>") }
      return company
    }
    let ledger = Ledger(
      id: seed.id, title: seed.title, asOf: seed.asOf, documents: seed.documents, fxRates: seed.fxRates,
      companies: companies, deals: seed.deals, facts: seed.facts)
    let markdown = try render(nvidiaStops, .markdown, ledger: ledger)
    let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| Open") })
    #expect(row.hasPrefix("| Open\\|AI \\*x\\* &lt;b&gt; |"))
    #expect(cells(row).count == 9)
  }

  @Test func aValuationLossShowsItsShareOfTheValuation() throws {
    // A loss of $50B on a stated valuation of $500B: −10 % of it.
    var report = nvidiaStops
    report.estimate.companies[0].valuationChange = -50e9
    report.estimate.companies[0].valuationChangeShare = -0.1
    let markdown = try render(report, .markdown)
    let header = "| " + headers.joined(separator: " | ") + " |"
    let lines = markdown.split(separator: "\n")
    let headerIndex = try #require(lines.firstIndex { $0 == header })
    let cell = cells(lines[headerIndex + 2])[6]
    #expect(cell.hasPrefix("−$50B ("))
    #expect(cell.contains("10%"), "\(cell)")
  }

  @Test func truncationNonConvergenceAndLeftOutDealsAreSaid() throws {
    var report = nvidiaStops
    let loop = try #require(report.estimate.brokenLoops.first)
    report.estimate.brokenLoops = Array(repeating: loop, count: 23)
    report.estimate.converged = false
    report.excludedDeals = ["deal-a", "deal-b"]
    let text = try render(report, .text)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(
      lines.filter { $0.hasSuffix(": " + MoneyFormat(.english).percent(loop.retention)) && $0.hasPrefix("  • ") }.count
        == 20)
    #expect(lines.contains("  • … 3 more (see --format json)"))
    #expect(lines.contains { $0.hasPrefix("  • companies in default:") && $0.hasSuffix(" — did not converge") })
    #expect(lines.contains("LEFT OUT: amounts not stated (never counted as zero)"))
    #expect(lines.contains("  • deal-a, deal-b"))
    // Nothing broken: "none"; nothing left out: no section.
    var calm = try StressReport(ledger: seed, scenario: StressScenario(name: "none", description: "", shocks: []))
    calm.excludedDeals = []
    let calmText = try render(calm, .text)
    let calmLines = calmText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let broke = try #require(calmLines.firstIndex(of: "LOOPS THAT BROKE (share of the weakest step still paid)"))
    #expect(calmLines[broke + 1] == "  • none")
    #expect(!calmText.contains("LEFT OUT"))
  }

  @Test func aRangeCollapsesWhenAllThreeRunsShowTheSameAmount() throws {
    var report = nvidiaStops
    for keyPath in [\StressReport.low, \StressReport.estimate, \StressReport.high] {
      report[keyPath: keyPath].totals.revenueLost = 2.1e9
    }
    let text = try render(report, .text)
    #expect(text.contains("  • revenue lost by vendors $2.1B\n"))
    report.low.totals.revenueLost = 4.6e9
    report.high.totals.revenueLost = 0
    #expect(try render(report, .text).contains("  • revenue lost by vendors $2.1B [$0–$4.6B]\n"))
  }

  @Test func theJSONIsTheReportItself() throws {
    let json = try render(nvidiaStops, .json)
    let decoded = try JSONDecoder().decode(StressReport.self, from: Data(json.utf8))
    #expect(
      decoded.low == nvidiaStops.low && decoded.estimate == nvidiaStops.estimate && decoded.high == nvidiaStops.high)
    #expect(decoded.scenario == nvidiaStops.scenario && decoded.assumptions == nvidiaStops.assumptions)
    #expect(decoded.excludedDeals == nvidiaStops.excludedDeals && decoded.ledger == nvidiaStops.ledger)
    #expect(json == (try JSONOutput.string(nvidiaStops)))
  }

  @Test(arguments: OutputFormat.allCases)
  func renderingIsDeterministic(format: OutputFormat) throws {
    let again = try StressReport(ledger: seed, scenario: try .builtIn("nvidia-stops", ledger: seed))
    #expect(try render(nvidiaStops, format) == render(again, format))
  }

  @Test func companiesAreNamedInTheReadersScript() throws {
    // Revenue stalling sends money to vendors outside the ledger, a row with no ledger company.
    let report = try StressReport(ledger: seed, scenario: try .builtIn("openai-revenue-stalls", ledger: seed))
    #expect(report.estimate.companies.contains { $0.id == .outsideVendors })
    #expect(try render(report, .text).contains("Vendors outside the ledger"))
    let traditional = try render(report, .text, language: .traditionalChinese)
    let named = try #require(report.estimate.companies.first { $0.id != .outsideVendors && seed.company($0.id) != nil })
    #expect(traditional.contains("帳外供應商") && traditional.contains(seed.name(of: named.id, in: .traditionalChinese)))
    let simplified = try render(report, .text, language: .simplifiedChinese)
    #expect(simplified.contains("帐外供应商") && !simplified.contains("帳外供應商"))
  }
}
