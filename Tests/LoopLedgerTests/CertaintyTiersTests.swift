import Foundation
import Testing

@testable import LoopLedger

@Suite("Certainty tiers of the report's headline figures")
struct CertaintyTiersTests {
  private func tiers(_ ledger: Ledger) throws -> TieredFigures {
    try #require(try LoopReport(ledger: ledger).tiers)
  }

  private func roundTrips(_ figures: TieredFigures, _ ids: [String]) -> [Interval?]? {
    let path = ids.map { CompanyID($0) }
    return figures.loops.first { TieredFigures.canonical($0.path) == TieredFigures.canonical(path) }?.roundTrips.map(
      \.roundTrip)
  }

  @Test func theNVIDIALoopRestsOnPlansAndTheAWSLoopOnAnInference() throws {
    let seed = try BundledLedger.load("seed")
    let figures = try tiers(seed)
    #expect(figures.tiers == [.signed, .withPlans, .withTalks, .withInferences])
    // Both NVIDIA deals of the seed are `planned` (seed.json): no signed loop, ≤ $100B with plans.
    let nvidia = try #require(roundTrips(figures, ["nvidia", "openai", "nvidia"]))
    #expect(nvidia[0] == nil)
    #expect(nvidia[1]?.high == 100e9 && nvidia[1]?.low == 0)
    // NVIDIA → OpenAI → Amazon → NVIDIA needs aws-nvidia-gpus-implied-2025: inferred only.
    let inferred = try #require(roundTrips(figures, ["nvidia", "openai", "amazon", "nvidia"]))
    #expect(inferred.prefix(3).allSatisfy { $0 == nil })
    #expect(inferred[3] != nil)
    // Amazon → OpenAI → Amazon: the equity is talks, so the loop appears with talks.
    let amazon = try #require(roundTrips(figures, ["amazon", "openai", "amazon"]))
    #expect(amazon[0] == nil && amazon[1] == nil && amazon[2] != nil)
  }

  @Test func eachTierEqualsTheReportOnThatTiersStatuses() throws {
    // The tiered figures are what a report filtered to the tier's statuses says.
    let ledger = try BundledLedger.load("public-2025")
    let figures = try tiers(ledger)
    for (position, tier) in figures.tiers.enumerated() {
      let filtered = try LoopReport(
        ledger: ledger,
        options: LoopReportOptions(filter: GraphFilter(statuses: tier.statuses), tiers: false))
      let circulation = try #require(filtered.circulation)
      let tiered = try #require(figures.circulation.first { $0.tier == tier })
      #expect(tiered.totalFlow == circulation.totalFlow && tiered.circulation == circulation.circulation)
      #expect(tiered.maxCircularity == circulation.maxCircularity)
      for loop in filtered.loops {
        let found = try #require(roundTrips(figures, loop.path.map(\.rawValue)), "\(loop.path)")
        #expect(found[position] == loop.roundTrip, "\(tier) \(loop.path)")
      }
      // And a loop the tier lacks is nil there.
      let keys = Set(filtered.loops.map { TieredFigures.canonical($0.path) })
      for loop in figures.loops where !keys.contains(TieredFigures.canonical(loop.path)) {
        #expect(loop.roundTrips[position].roundTrip == nil)
      }
    }
  }

  @Test func aFocusCompanyWithoutSignedDealsHasNoSignedLoops() throws {
    // NVIDIA's seed deals are planned or implied: in the signed tier it has no deal at all.
    let seed = try BundledLedger.load("seed")
    let report = try LoopReport(ledger: seed, options: LoopReportOptions(company: "nvidia"))
    let figures = try #require(report.tiers)
    #expect(!figures.loops.isEmpty && figures.loops.count == report.loops.count)
    #expect(figures.loops.allSatisfy { $0.roundTrips[0].roundTrip == nil })
    #expect(figures.loops.allSatisfy { $0.roundTrips.last?.roundTrip != nil })
  }

  @Test func aLedgerOfOneTierHasNoTiers() throws {
    let csv = try EdgeListCSV.ledger(from: "source,target,amount\na,b,10\nb,a,4\n", file: "e.csv")
    #expect(try LoopReport(ledger: csv).tiers == nil)
    // Nor does a report filtered to signed deals.
    let seed = try BundledLedger.load("seed")
    let signed = try LoopReport(
      ledger: seed, options: LoopReportOptions(filter: GraphFilter(statuses: [.closed, .announced])))
    #expect(signed.tiers == nil)
  }

  @Test func rotationsOfALoopShareOneKey() {
    let a = TieredFigures.canonical(["openai", "nvidia", "amazon", "openai"].map { CompanyID($0) })
    let b = TieredFigures.canonical(["amazon", "openai", "nvidia", "amazon"].map { CompanyID($0) })
    #expect(a == b)
    #expect(a.map(\.rawValue) == ["amazon", "openai", "nvidia", "amazon"])
  }
}

@Suite("Per-year view of the report")
struct PerYearViewTests {
  @Test func contractsAreSpreadOverTheirTermsAndInvestmentsCountInFull() throws {
    let seed = try BundledLedger.load("seed")
    let report = try LoopReport(ledger: seed, options: LoopReportOptions(filter: GraphFilter(perYear: true)))
    // NVIDIA → OpenAI → NVIDIA: the investment (up to $100B) in full; the chip purchase (up to
    // $100B, no term stated) over the assumed 5 years: $20B a year is the bottleneck.
    let nvidia = try #require(report.loops.first { $0.path.map(\.rawValue) == ["nvidia", "openai", "nvidia"] })
    #expect(nvidia.roundTrip.high == 100e9 / 5)
    let purchase = try #require(nvidia.steps.first { $0.payer == "openai" })
    #expect(purchase.purchase.high == 20e9)
    let investment = try #require(nvidia.steps.first { $0.payer == "nvidia" })
    #expect(investment.investment.high == 100e9)
    // The AWS contract states 7 years: $38B / 7 a year.
    let amazon = try #require(report.loops.first { $0.path.map(\.rawValue) == ["amazon", "openai", "amazon"] })
    let cloud = try #require(amazon.steps.first { $0.payer == "openai" })
    #expect(abs((cloud.purchase.estimate ?? 0) - 38e9 / 7) < 1)
    // The view and its assumption are said.
    #expect(report.filter.perYear == true)
    #expect(report.assumptions.contains { $0.template.hasPrefix("Per-year view") })
    // Totals are unchanged without the flag, and the JSON keeps no perYear key.
    let totals = try LoopReport(ledger: seed)
    #expect(totals.filter.perYear == nil)
    let json = String(decoding: try JSONEncoder().encode(totals.filter), as: UTF8.self)
    #expect(!json.contains("perYear"))
  }

  @Test func theStressModelUsesTheSameTermRule() {
    let deal = Deal(
      id: "d", payer: "a", payee: "b", kind: .cloudContract, amount: .usd(70), status: .announced, sources: [])
    #expect(AnnualRule.termYears(of: deal) == 5)
    #expect(StressParameters().defaultTermYears == AnnualRule.defaultTermYears)
    var termed = deal
    termed.termYears = 7
    #expect(AnnualRule.termYears(of: termed) == 7)
  }
}
