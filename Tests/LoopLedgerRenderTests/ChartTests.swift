import Foundation
import Testing

@testable import LoopLedger
@testable import LoopLedgerRender

@Suite("Sankey, shares, fan and cascade charts")
struct ChartTests {
  // MARK: Sankey

  @Test func sankeyPutsInvestmentLeftPurchasesByRecipientsRightAndListsTheRest() throws {
    let (ledger, report) = try bundled("seed")
    let sankey = SankeyChart(report: report, ledger: ledger)
    #expect(sankey.investments.allSatisfy { $0.flowClass == .investment })
    let recipients = Set(sankey.investments.map(\.payee))
    #expect(recipients == ["openai", "anthropic"])
    #expect(sankey.purchases.allSatisfy { $0.flowClass == .purchase && recipients.contains($0.payer) })
    // Amazon buys GPUs from NVIDIA and ChatGPT from OpenAI: neither runs investor → lab → vendor.
    #expect(Set(sankey.leftOut.map { "\($0.payer)>\($0.payee)" }) == ["amazon>nvidia", "amazon>openai"])
    // Amazon and NVIDIA invest and sell: both sides.
    #expect(sankey.investments.contains { $0.payer == "amazon" } && sankey.purchases.contains { $0.payee == "amazon" })
    #expect(sankey.investments.contains { $0.payer == "nvidia" } && sankey.purchases.contains { $0.payee == "nvidia" })
    let parsed = try XMLDocumentCollector.parse(sankey.svg())
    let flows = parsed.elements.filter { $0.classes.contains("flow") }
    #expect(flows.count == sankey.investments.count + sankey.purchases.count)
    #expect(parsed.allText.contains("Amazon → NVIDIA (purchase, ?)"))
  }

  @Test func sankeyRibbonsHaveWidthProportionalToTheirAmount() throws {
    let (ledger, report) = try bundled("seed")
    let sankey = SankeyChart(report: report, ledger: ledger)
    let parsed = try XMLDocumentCollector.parse(sankey.svg())
    let flows = parsed.elements.filter { $0.classes.contains("flow") }
    // Height of a ribbon at its start: the two y values of "M x,y1 … L x2,y2b C … x1,y1b Z".
    func startHeight(_ d: String) -> Double {
      let numbers = d.replacingOccurrences(of: "M", with: " ").replacingOccurrences(of: "C", with: " ")
        .replacingOccurrences(of: "L", with: " ").replacingOccurrences(of: "Z", with: " ")
        .split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
      return numbers[numbers.count - 1] - numbers[1]
    }
    let all = sankey.investments + sankey.purchases
    #expect(flows.count == all.count)
    var first: (height: Double, value: Double)? = nil
    for (flow, element) in zip(all, flows) {
      let h = startHeight(element.attributes["d"]!)
      if let value = SankeyChart.value(flow.amount) {
        if let first {
          // Each height is the difference of two coordinates written to 0.01, so it is within
          // 0.01 of the true one; the scale taken from the first ribbon carries that error times
          // value / first value.
          let tolerance = 0.01 * (1 + value / first.value) + 1e-9
          #expect(abs(h - value * first.height / first.value) <= tolerance, "\(flow.payer) → \(flow.payee)")
        } else {
          first = (h, value)
        }
      } else {
        #expect(abs(h - 4) < 1e-9)  // unstated: a thin ribbon of fixed width
      }
    }
    #expect(first != nil)
  }

  @Test func sankeyWithoutInvestmentSaysSo() throws {
    let ledger = Ledger(
      id: "p", title: "purchases only", companies: [Company(id: "a"), Company(id: "b")],
      deals: [
        Deal(id: "d", payer: "a", payee: "b", kind: .chipPurchase, amount: .usd(1e9), status: .closed, sources: [])
      ])
    let report = try LoopReport(ledger: ledger)
    let parsed = try XMLDocumentCollector.parse(SankeyChart(report: report, ledger: ledger).svg())
    #expect(parsed.allText.contains("No investment flows"))
  }

  // MARK: Shares

  @Test func sharesChartHasARowPerCompanyWithAShareAndWhiskersForRanges() throws {
    let (ledger, report) = try bundled("seed")
    _ = ledger
    let chart = SharesChart(report: report)
    let parsed = try XMLDocumentCollector.parse(chart.svg())
    let rows = parsed.elements.filter { $0.classes.contains("share-row") }
    #expect(rows.count == report.companies.filter { $0.selfFundedShare != nil }.count)
    let ranged = report.companies.filter {
      guard let s = $0.selfFundedShare, let low = s.low, let high = s.high else { return false }
      return high > low
    }
    #expect(!ranged.isEmpty)
    #expect(parsed.elements.filter { $0.classes.contains("whisker") }.count == ranged.count)
    #expect(parsed.allText.contains("unknown: its inflows have no figures"))
  }

  // MARK: Fan chart

  static let fan = FanChartData(
    title: "Test projection", unit: "USD", years: [2025, 2026, 2027, 2028],
    p5: [-10e9, -30e9, -60e9, -90e9], p25: [0, -10e9, -30e9, -50e9], p50: [5e9, 0, -15e9, -30e9],
    p75: [10e9, 8e9, 0, -10e9], p95: [20e9, 25e9, 30e9, 35e9], shortfallYear: 2026)

  @Test func fanBandsAreOrderedAtEveryYear() throws {
    let chart = try FanChart(Self.fan)
    let parsed = try XMLDocumentCollector.parse(chart.svg())
    func points(_ cls: String) throws -> [[Double]] {
      let d = try #require(parsed.elements.first { $0.classes.contains(cls) }?.attributes["d"])
      return d.replacingOccurrences(of: "M", with: "").replacingOccurrences(of: " Z", with: "")
        .components(separatedBy: " L").map { $0.split(separator: ",").map { Double($0)! } }
    }
    let outer = try points("band-90")
    let inner = try points("band-50")
    let n = Self.fan.years.count
    #expect(outer.count == 2 * n && inner.count == 2 * n)
    let median = try #require(parsed.elements.first { $0.classes.contains("median") }?.attributes["points"])
      .split(separator: " ").map { $0.split(separator: ",").map { Double($0)! } }
    for i in 0..<n {
      // Screen y grows downwards: p95 ≤ p75 ≤ p50 ≤ p25 ≤ p5 in y.
      let p95 = outer[i][1]
      let p5 = outer[2 * n - 1 - i][1]
      let p75 = inner[i][1]
      let p25 = inner[2 * n - 1 - i][1]
      let p50 = median[i][1]
      #expect(p95 <= p75 && p75 <= p50 && p50 <= p25 && p25 <= p5, "year \(Self.fan.years[i])")
      #expect(outer[i][0] == inner[i][0] && inner[i][0] == median[i][0])
    }
    let shortfall = try #require(parsed.elements.first { $0.classes.contains("shortfall") })
    _ = shortfall
    #expect(parsed.allText.contains("shortfall: 2026"))
    #expect(parsed.allText.contains("5th–95th percentile") && parsed.allText.contains("median (50th)"))
  }

  @Test func fanDataIsValidated() {
    var bad = Self.fan
    bad.p25[2] = bad.p50[2] + 1
    bad.p95 = [1]
    bad.shortfallYear = 2040
    let problems = bad.problems()
    #expect(problems.contains { $0.hasPrefix("p95: 1 values for 4 years") })
    #expect(problems.contains { $0.hasPrefix("shortfallYear: 2040") })
    bad.p95 = Self.fan.p95
    #expect(bad.problems().contains { $0.contains("year 2027: p50") })
    #expect(throws: ChartDataError.self) { try FanChart(bad) }
    var unordered = Self.fan
    unordered.years = [2025, 2025, 2026, 2027]
    #expect(unordered.problems().contains { $0.contains("years must increase") })
  }

  @Test func fanDataRoundTripsThroughJSON() throws {
    let data = try JSONEncoder().encode(Self.fan)
    #expect(try FanChartData.decode(data) == Self.fan)
    #expect(throws: LedgerError.self) { try FanChartData.decode(Data("{\"title\": 1}".utf8)) }
  }

  // MARK: Cascade chart

  static let cascade = CascadeChartData(
    title: "Test cascade", unit: "USD",
    rounds: [
      .init(label: "Shock", losses: [.init(company: "Lab & Co", loss: 50e9, failed: true)]),
      .init(losses: [.init(company: "Cloud <B>", loss: 20e9), .init(company: "Chips", loss: 5e9, failed: true)]),
      .init(losses: [.init(company: "Cloud <B>", loss: 2e9)]),
    ])

  @Test func cascadeHasAColumnPerRoundAndStacksLosses() throws {
    let chart = try CascadeChart(Self.cascade)
    let parsed = try XMLDocumentCollector.parse(chart.svg())
    let rounds = parsed.elements.filter { $0.classes.contains("round") }
    #expect(rounds.count == 3)
    #expect(parsed.elements.filter { $0.classes.contains("loss") }.count == 4)
    #expect(parsed.elements.filter { $0.classes.contains("failed") }.count == 2)
    #expect(parsed.allText.contains("Lab & Co") && parsed.allText.contains("Cloud <B>"))
    #expect(parsed.allText.contains("Round 2") && parsed.allText.contains("Shock"))
    #expect(parsed.allText.contains("cumulative $77B"))
    #expect(Self.cascade.companies == ["Lab & Co", "Cloud <B>", "Chips"])
  }

  @Test func cascadeDataIsValidated() {
    var bad = Self.cascade
    bad.rounds[1].losses[0].loss = -1
    #expect(bad.problems().count == 1)
    #expect(throws: ChartDataError.self) { try CascadeChart(bad) }
    #expect(CascadeChartData(title: "x", unit: "USD", rounds: []).problems() == ["rounds: none given"])
  }

  @Test func axisTicksAreRound() {
    #expect(ChartAxis.ticks(low: 0, high: 77e9) == [0, 20e9, 40e9, 60e9, 80e9])
    #expect(ChartAxis.ticks(low: -340e9, high: 70e9).first! <= -340e9)
    #expect(ChartAxis.format(-1.5e9, unit: "USD", money: MoneyFormat(.english)) == "−$1.5B")
    #expect(ChartAxis.format(12.5, unit: "GW", money: MoneyFormat(.english)) == "12.5 GW")
  }
}
