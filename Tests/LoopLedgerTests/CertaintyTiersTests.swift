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
