import Foundation
import Testing

@testable import LoopLedger

@Suite("Projection scenario file")
struct ProjectionScenarioFileTests {
  private func issues(_ json: String, file: String = "bad-scenario.json") -> [LedgerIssue] {
    do {
      _ = try ProjectionScenarioFile.decode(Data(json.utf8), file: file)
      Issue.record("no error for \(json)")
      return []
    } catch let LedgerError.invalid(_, issues) {
      return issues
    } catch {
      Issue.record("unexpected error \(error)")
      return []
    }
  }

  @Test func aBadFileNamesTheFileEveryKeyAndEveryProblemAtOnce() {
    let found = issues(
      """
      {
        "format": "loopledger-scenario", "version": 1,
        "operatingMargn": 0.1,
        "openingCash": {"shareOfCapitalRaised": {"type": "triangular", "min": 0.2, "mode": 0.9, "max": 0.6}},
        "revenue": {
          "growth": [
            {"from": 2026, "to": 2028, "distribution": {"type": "normal", "mean": 0.3, "sd": -0.1}},
            {"from": 2028, "to": null, "distribution": 0.1}
          ],
          "draw": "sometimes"
        },
        "fundingRounds": {"probability": {"type": "normal", "mean": 0.6, "sd": 0.2}, "size": {"type": "lognormal", "median": 2e10}},
        "dealProbability": {"talks": 1.5},
        "deals": {"some-deal": {"probability": 2, "amount": "lots"}},
        "renegotiableShare": {"type": "uniform", "min": 0.4, "max": 0.1},
        "commitmentBlock": {"horizonYears": {"type": "beta", "a": 1}},
        "schedule": "sideways",
        "defaultTermYears": 0
      }
      """)
    let byKey = Dictionary(grouping: found, by: \.field)
    #expect(found.allSatisfy { $0.file == "bad-scenario.json" })
    #expect(byKey["operatingMargn"]?.first?.problem.contains("did you mean 'operatingMargin'") == true)
    #expect(byKey["openingCash.shareOfCapitalRaised.mode"]?.first?.problem.contains("outside") == true)
    #expect(byKey["revenue.growth[0].distribution.sd"]?.first?.problem.contains("positive") == true)
    #expect(byKey["revenue.draw"]?.first?.problem.contains("perPath") == true)
    #expect(byKey["fundingRounds.probability"]?.first?.problem.contains("give 'min' and 'max'") == true)
    #expect(byKey["fundingRounds.size.sigma"]?.first?.problem.contains("missing") == true)
    #expect(byKey["dealProbability.talks"]?.first?.problem.contains("probability between 0 and 1") == true)
    #expect(byKey["deals.some-deal.probability"] != nil)
    #expect(byKey["deals.some-deal.amount"] != nil)
    #expect(byKey["renegotiableShare.min"]?.first?.problem.contains("below max") == true)
    #expect(byKey["commitmentBlock.horizonYears.type"]?.first?.problem.contains("\"beta\" is not one of") == true)
    #expect(byKey["schedule"]?.first?.problem.contains("even, front, back") == true)
    #expect(byKey["defaultTermYears"]?.first?.problem.contains("a number of years from 0.01 to 100; found 0") == true)
    #expect(found.count >= 13)
    let message = LedgerError.invalid(file: "bad-scenario.json", issues: found).description
    #expect(message.hasPrefix("bad-scenario.json: \(found.count) problems:"))
    #expect(message.contains("  bad-scenario.json:17:15: schedule: \"sideways\" is not one of even, front, back"))
  }

  @Test func overlappingGrowthPeriodsAndBrokenJSONAreReported() {
    let overlap = issues(
      #"{"revenue": {"growth": [{"from": 2026, "to": 2030, "distribution": 0.2}, {"from": 2029, "distribution": 0.1}]}}"#
    )
    #expect(overlap.map(\.field) == ["revenue.growth[1].from"])
    #expect(overlap.first?.problem.contains("overlaps") == true)
    let broken = issues("{\"schedule\": ", file: "broken.json")
    #expect(broken.count == 1 && broken[0].file == "broken.json" && broken[0].problem.hasPrefix("not valid JSON"))
    let wrongType = issues(#"{"operatingMargin": "high", "format": "something-else"}"#)
    #expect(Set(wrongType.map(\.field)) == ["operatingMargin", "format"])
  }

  @Test func aPartialFileChangesOnlyItsKeys() throws {
    let s = try ProjectionScenarioFile.decode(
      Data(
        #"""
        {"operatingMargin": {"type": "normal", "mean": 0.05, "sd": 0.1, "min": -0.5, "max": 0.4, "reason": "my view"},
         "openingCash": {"amount": 30e9}, "schedule": "back",
         "deals": {"openai-oracle-compute-2025": {"amount": "300B", "termYears": 5}},
         "revenue": {"growth": 0.25, "draw": "perYear"}}
        """#.utf8), file: "s.json")
    #expect(s.operatingMargin.distribution == .normal(mean: 0.05, sd: 0.1, min: -0.5, max: 0.4))
    #expect(s.operatingMargin.reason == "my view")
    #expect(s.openingCashBasis == .amount && s.openingCash.distribution == .fixed(30e9))
    #expect(s.schedule == .back && s.growthDraw == .perYear)
    #expect(s.deals["openai-oracle-compute-2025"] == DealOverride(amount: 300e9, termYears: 5))
    #expect(s.revenueGrowth.count == 1 && s.growthPeriodIndex(for: 2040) == 0)
    #expect(s.roundSize == ProjectionScenario.defaults.roundSize)
    #expect(s.renegotiableShare == ProjectionScenario.defaults.renegotiableShare)
  }

  @Test func theWrittenDefaultsReadBackAsTheDefaults() throws {
    let data = try ProjectionScenarioFile.encode(.defaults)
    let s = try ProjectionScenarioFile.decode(data, file: "defaults.json", base: .defaults)
    let d = ProjectionScenario.defaults
    #expect(s.openingCash.distribution == d.openingCash.distribution)
    #expect(s.revenueGrowth.map(\.growth.distribution) == d.revenueGrowth.map(\.growth.distribution))
    #expect(s.revenueGrowth.map(\.from) == d.revenueGrowth.map(\.from))
    #expect(s.revenueGrowth.map(\.to) == d.revenueGrowth.map(\.to))
    #expect(s.roundSize.distribution == d.roundSize.distribution)
    #expect(s.blockHorizonYears.distribution == d.blockHorizonYears.distribution)
    #expect(s.talksProbability.distribution == d.talksProbability.distribution)
    #expect(s.operatingMargin == d.operatingMargin)  // reason and source quote too
    #expect(s.blockHorizonYears == d.blockHorizonYears)
    #expect(s.schedule == d.schedule && s.amounts == d.amounts && s.growthDraw == d.growthDraw)
  }

  @Test func namesAreCheckedAgainstTheLedger() throws {
    let ledger = try BundledLedger.load("seed")
    var s = ProjectionScenario.defaults
    s.deals["openai-oracle-compute-2025"] = DealOverride(amount: 300e9)
    try s.crossCheck(ledger: ledger, file: "ok.json")
    s.deals["no-such-deal"] = DealOverride(probability: 0.5)
    s.commitmentFact = "openai-revenue-2025-estimate"
    do {
      try s.crossCheck(ledger: ledger, file: "x.json")
      Issue.record("no error")
    } catch let LedgerError.invalid(_, issues) {
      #expect(issues.map(\.field) == ["deals.no-such-deal", "commitmentBlock.fact"])
      #expect(issues.allSatisfy { $0.file == "x.json" })
    }
  }
}
