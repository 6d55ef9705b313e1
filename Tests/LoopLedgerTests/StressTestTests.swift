import Foundation
import Testing

@testable import LoopLedger

@Suite("Stress tests on the ledger")
struct StressTestTests {
  /// OpenAI's annual obligations in the seed ledger at the estimate end: the AWS contract
  /// ($38B over 7 years) and the NVIDIA GPUs (derived: 75 % of NVIDIA's ≤ $100B, no term: 5 years).
  private let openAIObligations = 38e9 / 7 + 75e9 / 5
  /// The same at the high end: the GPUs at all of NVIDIA's $100B.
  private let openAIObligationsHigh = 38e9 / 7 + 100e9 / 5
  private let seed: Ledger
  init() throws { seed = try BundledLedger.load("seed") }

  private func close(_ a: Double, _ b: Double, _ relative: Double = 1e-6) -> Bool {
    abs(a - b) <= relative * max(1, abs(b))
  }

  @Test func noShockChangesNothing() throws {
    let report = try StressReport(ledger: seed, scenario: StressScenario(name: "none", description: "", shocks: []))
    for run in [report.low, report.estimate, report.high] {
      #expect(run.totals.unfunded == 0 && run.totals.revenueLost == 0 && run.totals.defaults == 0)
      #expect(run.totals.investmentCut == 0 && run.brokenLoops.isEmpty && run.converged)
    }
  }

  @Test func nvidiaStopsMatchesTheClosedForm() throws {
    let report = try StressReport(ledger: seed, scenario: try .builtIn("nvidia-stops", ledger: seed))
    // Estimate run: OpenAI's $20B + Amazon's $10B/3 cover the $20.4B a year it owes (the GPUs at
    // 75 % of NVIDIA's money): nothing unfunded, nobody defaults.
    #expect(openAIObligations < 20e9 + 10e9 / 3)
    #expect(report.estimate.totals.unfunded == 0 && report.estimate.totals.defaults == 0)
    // High run (the GPUs at all of NVIDIA's $100B). Round 1: $20B + Amazon's $10B/3 against
    // the obligations.
    let run = report.high
    #expect(close(run.trace[0].unfunded, openAIObligationsHigh - (20e9 + 10e9 / 3)))
    // Fixed point: AWS loses the share 1 − r of its revenue, so Amazon keeps r of its pending
    // investment: r = 20 / (p̄ − 10/3), unfunded = p̄ (1 − r).
    let r = 20e9 / (openAIObligationsHigh - 10e9 / 3)
    #expect(close(run.totals.unfunded, openAIObligationsHigh * (1 - r)))
    let openai = try #require(run.companies.first { $0.id == "openai" })
    #expect(openai.defaulted && openai.defaultRound == 1)
    #expect(run.brokenLoops.contains { Set($0.path) == ["nvidia", "openai"] && $0.retention == 0 })
    // The low run has "up to" amounts at 0: no NVIDIA money, no GPU bill.
    #expect(report.low.totals.unfunded == 0)
  }

  @Test func amazonTalksFailingIsAbsorbed() throws {
    let report = try StressReport(ledger: seed, scenario: try .builtIn("amazon-talks-fail", ledger: seed))
    // OpenAI still has $20B + NVIDIA's $100B/3 against $25.4B: nothing unfunded; Amazon's
    // $10B/3 a year is not made.
    #expect(report.estimate.totals.unfunded == 0 && report.estimate.totals.defaults == 0)
    #expect(close(report.estimate.totals.investmentCut, 10e9 / 3))
  }

  @Test func revenueStallingMatchesTheClosedForm() throws {
    let report = try StressReport(ledger: seed, scenario: try .builtIn("openai-revenue-stalls", ledger: seed))
    // The > $1.4T commitments beyond the listed $38B + $75B are owed outside over 8 years; NVIDIA
    // and Amazon keep r of their pending investments: r = 20 / (p̄ − 100/3 − 10/3).
    let obligations = openAIObligations + (1.4e12 - 113e9) / 8
    let r = 20e9 / (obligations - 100e9 / 3 - 10e9 / 3)
    #expect(close(report.estimate.totals.unfunded, obligations * (1 - r)))
    #expect(report.estimate.companies.contains { $0.id == "outside-vendors" && $0.revenueLost > 0 })
  }

  @Test func investorsDemandingReturnsMatchesTheClosedForm() throws {
    let report = try StressReport(ledger: seed, scenario: try .builtIn("investors-demand-returns", ledger: seed))
    // No pending investment arrives; OpenAI owes 10% on Microsoft's > $13B closed equity.
    let obligations = openAIObligations + 1.3e9 + (1.4e12 - 113e9) / 8
    #expect(close(report.estimate.totals.unfunded, obligations - 20e9))
    let anthropic = try #require(report.estimate.companies.first { $0.id == "anthropic" })
    // Anthropic owes 10% on Amazon's ≈ $8B and Google's ≈ $3B, plus the TPU contract's low end
    // ($10B over 5 years, the range has no estimate).
    #expect(close(anthropic.obligations, 1.1e9 + 10e9 / 5))
  }

  @Test("A larger shock never lowers the losses", arguments: [0.0, 0.25, 0.5, 0.75, 1.0])
  func monotoneInTheShock(fraction: Double) throws {
    func unfunded(_ f: Double) throws -> Double {
      let scenario = StressScenario(
        name: "partial", description: "",
        shocks: [.stopDeal("nvidia-openai-equity-2025-09", fraction: f), .limitResources("openai", amount: 20e9)])
      return try StressReport(ledger: seed, scenario: scenario).estimate.totals.unfunded
    }
    #expect(try unfunded(min(1, fraction + 0.1)) >= unfunded(fraction) - 1e-6)
  }

  @Test func paymentsAreConservedAndBounded() throws {
    let public2025 = try BundledLedger.load("public-2025")
    let report = try StressReport(
      ledger: public2025, scenario: try .builtIn("openai-revenue-stalls", ledger: public2025))
    for run in [report.low, report.estimate, report.high] {
      for company in run.companies {
        #expect(company.paid >= -1e-6 && company.paid <= company.obligations + 1e-6)
        #expect(close(company.unfunded, company.obligations - company.paid, 1e-9))
      }
      // What payers paid short is what payees lost (purchases) or did not receive (investments,
      // returns): unfunded = revenue lost + investment lost + other shortfalls ≥ revenue lost.
      #expect(run.totals.unfunded + 1e-3 >= run.totals.revenueLost)
    }
  }

  @Test func unknownAmountsAreNamedNotZeroed() throws {
    let report = try StressReport(ledger: seed, scenario: try .builtIn("nvidia-stops", ledger: seed))
    #expect(report.excludedDeals.contains("openai-oracle-compute-2025"))
    #expect(report.assumptions.contains { $0.description.contains("defaultTermYears") })
  }

  @Test func shocksNamingNothingFail() {
    let bad = StressScenario(name: "bad", description: "", shocks: [.defaultCompany("nobody")])
    #expect(throws: StressError.unknownCompany("nobody")) { _ = try StressReport(ledger: seed, scenario: bad) }
    let noDeal = StressScenario(name: "bad", description: "", shocks: [.stopDeal("ghost", fraction: 1)])
    #expect(throws: StressError.unknownDeal("ghost")) { _ = try StressReport(ledger: seed, scenario: noDeal) }
    #expect(throws: StressError.self) { _ = try StressScenario.builtIn("nope", ledger: seed) }
  }

  @Test func sweepRanksTheLinks() throws {
    let scenario = StressScenario(name: "limit", description: "", shocks: [.limitResources("openai", amount: 20e9)])
    let ranking = try StressReport.sweep(ledger: seed, scenario: scenario)
    #expect(ranking.count >= 6)
    #expect(zip(ranking, ranking.dropFirst()).allSatisfy { $0.damage >= $1.damage })
    #expect(ranking.first?.payer == "openai" && ranking.first?.payee == "nvidia")
  }

  @Test func scenarioFilesReportEveryProblemWithItsKeyPath() throws {
    let json = #"""
      {"name": "x", "colour": "red",
       "parameters": {"revenueMultiple": -3, "speed": 1, "defaultCosts": {"alpha": 2}},
       "shocks": [{"stopDeal": "a", "default": "b"}, {"stopLink": "nvidia-openai"},
                  {"limitResources": "openai"}, {"demandReturns": "ten"}, 5]}
      """#
    #expect {
      _ = try StressScenarioFile.decode(Data(json.utf8), file: "s.json")
    } throws: { error in
      guard case LedgerError.invalid(let file, let issues) = error else { return false }
      let paths = Set(issues.map(\.field))
      return file == "s.json"
        && paths.isSuperset(of: [
          "colour", "parameters.revenueMultiple", "parameters.speed", "parameters.defaultCosts.alpha",
          "parameters.defaultCosts.beta", "shocks[0]", "shocks[1].stopLink", "shocks[2].amount",
          "shocks[3].demandReturns", "shocks[4]",
        ])
    }
    let good =
      #"{"name": "g", "shocks": [{"stopLink": "nvidia:openai", "fraction": 0.5}, {"changeResources": "openai", "fraction": -0.3}]}"#
    let scenario = try StressScenarioFile.decode(Data(good.utf8), file: "g.json")
    #expect(
      scenario.shocks == [
        .stopLink(payer: "nvidia", payee: "openai", fraction: 0.5), .changeResources("openai", fraction: -0.3),
      ])
    // Cutting a revenue the ledger states works; cutting one it does not state is refused.
    _ = try StressReport(ledger: seed, scenario: scenario)
    let unknown = StressScenario(name: "u", description: "", shocks: [.changeResources("nvidia", fraction: -0.3)])
    #expect(throws: StressError.noResourcesFor("nvidia")) { _ = try StressReport(ledger: seed, scenario: unknown) }
  }
}
