import Foundation
import Testing

@testable import LoopLedger
@testable import LoopLedgerRender

@Suite("Loop report")
struct LoopReportTests {
  private func twoCompanyLedger(amountBack: Amount = .usd(38)) -> Ledger {
    Ledger(
      id: "t", title: "two", documents: [Document(id: "d", title: "d")],
      companies: [
        Company(id: "vendor", names: LocalizedNames(english: "Vendor", traditionalChinese: "供應商")),
        Company(id: "lab", names: LocalizedNames(english: "Lab", traditionalChinese: "實驗室")),
        Company(id: "vendor-cloud", names: LocalizedNames(english: "Vendor Cloud"), parent: "vendor"),
      ],
      deals: [
        Deal(
          id: "invest", payer: "vendor", payee: "lab", kind: .equityInvestment,
          amount: Amount(qualifier: .atLeast, value: 10, currency: "USD"), status: .talks,
          sources: [Source(document: "d", quote: "at least 10")]),
        Deal(
          id: "buy", payer: "lab", payee: "vendor-cloud", kind: .cloudContract, amount: amountBack,
          status: .announced, sources: [Source(document: "d", quote: "38")]),
        Deal(
          id: "old", payer: "lab", payee: "vendor", kind: .chipPurchase, amount: .usd(99),
          status: .cancelled, sources: [Source(document: "d", quote: "99")]),
      ])
  }

  @Test func aTwoCompanyLoopHasItsBottleneckRatioAndTracedShare() throws {
    let report = try LoopReport(ledger: twoCompanyLedger())
    let loop = try #require(report.loops.first)
    #expect(loop.path == ["vendor", "lab", "vendor"])
    #expect(loop.roundTrip == Interval(low: 10, high: 38, estimate: 10))
    #expect(loop.isInvestmentProcurement)
    #expect(loop.investmentToPurchaseRatio?.estimate == 10.0 / 38.0)
    let vendor = try #require(report.companies.first { $0.id == "vendor" })
    #expect(vendor.selfFundedShare?.estimate.map { abs($0 - 10.0 / 38.0) < 1e-12 } == true)
    #expect(report.excludedDeals.map(\.id) == ["old"])
  }

  @Test func theCirculationOfATwoCompanyLoopIsItsBottleneckBothWays() throws {
    // 10 invested, 38 bought back: 10 goes round on each step, 20 of 48 in all.
    let report = try LoopReport(ledger: twoCompanyLedger())
    let circulation = try #require(report.circulation)
    #expect(abs(circulation.circulation - 20) < 1e-9 && circulation.totalFlow == 48)
    #expect(circulation.maxCircularity.estimate.map { abs($0 - 20.0 / 48.0) < 1e-12 } == true)
    #expect(circulation.contributions.count == 1)
    #expect(circulation.contributions.first?.path.count == 3)
    #expect(circulation.contributions.first.map { abs($0.amount - 10) < 1e-9 } == true)
  }

  @Test func unitLevelKeepsTheCloudApart() throws {
    let report = try LoopReport(
      ledger: twoCompanyLedger(), options: LoopReportOptions(filter: GraphFilter(level: .unit)))
    #expect(report.loops.isEmpty)
  }

  @Test func unknownAmountsStayUnknownAndAssumptionsAreLabelled() throws {
    let ledger = twoCompanyLedger(amountBack: .unstated)
    let report = try LoopReport(ledger: ledger)
    #expect(report.unknownAmountDeals == ["buy"])
    let loop = try #require(report.loops.first)
    #expect(loop.roundTrip.estimate == nil && loop.roundTrip.low == nil && loop.roundTrip.high == nil)
    let assumed = try ledger.assuming(["buy": Assumption(estimate: 20, reason: "test")])
    let withAssumption = try LoopReport(ledger: assumed)
    #expect(withAssumption.loops.first?.roundTrip.isAssumed == true)
    #expect(withAssumption.assumptions.contains { $0.description.contains("buy is ASSUMED") })
    let text = try ReportRenderer(report: withAssumption, ledger: assumed).render(.text)
    #expect(text.contains("ASSUMED"))
  }

  @Test func theJSONRoundTripsAndShowsNulls() throws {
    let ledger = try BundledLedger.load("seed")
    let report = try LoopReport(ledger: ledger)
    let json = try JSONOutput.string(report)
    let decoded = try JSONDecoder().decode(LoopReport.self, from: Data(json.utf8))
    #expect(decoded == report)
    // Documented keys are present, with null where unknown.
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let loops = try #require(object["loops"] as? [[String: Any]])
    let first = try #require(loops.first)
    #expect(first["path"] is [String])
    let roundTrip = try #require(first["roundTrip"] as? [String: Any])
    #expect(Set(roundTrip.keys).isSuperset(of: ["low", "high", "estimate"]))
    #expect(roundTrip["high"] is NSNull || roundTrip["high"] is NSNumber)
    let steps = try #require(first["steps"] as? [[String: Any]])
    #expect(steps.allSatisfy { $0["payer"] is String && $0["payee"] is String && $0["deals"] is [String] })
    let companies = try #require(object["companies"] as? [[String: Any]])
    #expect(companies.allSatisfy { $0.keys.contains("selfFundedShare") && $0["id"] is String })
    #expect(companies.contains { $0["roundTripRatio"] is NSNull })
    #expect(object["reportVersion"] as? Int == LoopReport.currentVersion)
  }

  @Test func renderingIsDeterministicAndLocalised() throws {
    let ledger = try BundledLedger.load("seed")
    let first = try LoopReport(ledger: ledger)
    let second = try LoopReport(ledger: ledger)
    for format in OutputFormat.allCases {
      #expect(
        try ReportRenderer(report: first, ledger: ledger).render(format)
          == ReportRenderer(report: second, ledger: ledger).render(format))
    }
    let chinese = try ReportRenderer(report: first, ledger: ledger, language: .traditionalChinese)
      .render(.text)
    #expect(chinese.contains("亞馬遜") && chinese.contains("英偉達") && chinese.contains("資金循環"))
    #expect(chinese.contains("億美元"))
    let markdown = try ReportRenderer(report: first, ledger: ledger).render(.markdown)
    #expect(markdown.contains("| # |") && markdown.contains("## COMPANIES"))
  }

  @Test func maxLengthAndCompanyFilterTheLoops() throws {
    let ledger = try BundledLedger.load("seed")
    let short = try LoopReport(ledger: ledger, options: LoopReportOptions(maxLength: 2))
    #expect(!short.loops.isEmpty && short.loops.allSatisfy { $0.path.count == 3 })
    let google = try LoopReport(ledger: ledger, options: LoopReportOptions(company: "google"))
    #expect(!google.loops.isEmpty && google.loops.allSatisfy { $0.path.contains("google") })
    #expect(throws: LedgerError.unknownCompany("nobody")) {
      _ = try LoopReport(ledger: ledger, options: LoopReportOptions(company: "nobody"))
    }
    let capped = try LoopReport(ledger: ledger, options: LoopReportOptions(limit: 2))
    #expect(capped.loops.count == 2 && !capped.loopsComplete)
  }
}
