import Foundation
import Testing

@testable import LoopLedger
@testable import LoopLedgerRender

@Suite("Funding projection")
struct FundingProjectionTests {
  private static let source = [Source(document: "d", quote: "q")]

  /// Acme buys $50B of cloud over 5 years from 2026-01-01 and receives $10B of equity over 2 years;
  /// revenue $10B in 2025, capital raised $20B.
  private func acme(extraDeals: [Deal] = [], facts: [Fact] = []) -> Ledger {
    Ledger(
      id: "acme", title: "acme", asOf: PartialDate("2025-12-31"), documents: [Document(id: "d", title: "d")],
      companies: [
        Company(id: "acme", names: LocalizedNames(english: "Acme")),
        Company(id: "vendor", names: LocalizedNames(english: "Vendor")),
        Company(id: "investor", names: LocalizedNames(english: "Investor")),
      ],
      deals: [
        Deal(
          id: "cloud", payer: "acme", payee: "vendor", kind: .cloudContract, amount: .usd(50e9),
          announced: PartialDate("2026-01-01"), termYears: 5, status: .announced, sources: Self.source),
        Deal(
          id: "equity", payer: "investor", payee: "acme", kind: .equityInvestment, amount: .usd(10e9),
          announced: PartialDate("2026-01-01"), termYears: 2, status: .announced, sources: Self.source),
      ] + extraDeals,
      facts: [
        Fact(
          id: "rev", company: "acme", metric: .revenue, value: .usd(10e9), asOf: PartialDate("2025"),
          sources: Self.source),
        Fact(
          id: "raised", company: "acme", metric: .capitalRaised, value: .usd(20e9), asOf: PartialDate("2025"),
          sources: Self.source),
      ] + facts)
  }

  /// Every assumption fixed.
  private func fixedScenario(renegotiable: Double = 0, roundProbability: Double = 1) -> ProjectionScenario {
    var s = ProjectionScenario.defaults
    s.openingCash = ScenarioAssumption(.fixed(0.5))
    s.revenueGrowth = [GrowthPeriod(from: 0, to: nil, growth: ScenarioAssumption(.fixed(0.1)))]
    s.operatingMargin = ScenarioAssumption(.fixed(0.2))
    s.roundProbability = ScenarioAssumption(.fixed(roundProbability))
    s.roundSize = ScenarioAssumption(.fixed(3e9))
    s.renegotiableShare = ScenarioAssumption(.fixed(renegotiable))
    return s
  }

  private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

  @Test func fixedDistributionsGiveTheClosedFormCashFlow() throws {
    for exactLimit in [1_000_000, 0] {  // exact quantiles and the histogram
      let p = try FundingProjection(
        ledger: acme(), company: "acme", scenario: fixedScenario(),
        options: ProjectionOptions(from: 2026, to: 2033, paths: 500, exactQuantileLimit: exactLimit, sensitivity: false)
      )
      var cash = 10e9  // 0.5 × $20B raised
      var revenue = 10e9
      var lowest = cash
      for (t, row) in p.years.enumerated() {
        revenue *= 1.1
        let outflow = t < 5 ? 10e9 : 0
        let inflow = t < 2 ? 5e9 : 0
        cash += 0.2 * revenue + inflow + 3e9 - outflow
        lowest = min(lowest, cash)
        let needed = max(0, -lowest)
        for value in [row.cash.p5, row.cash.p50, row.cash.p95] {
          #expect(close(value, cash), "\(row.year): \(value) vs \(cash)")
        }
        for value in [row.fundingNeeded.p5, row.fundingNeeded.p50, row.fundingNeeded.p95] {
          #expect(close(value, needed))
        }
        #expect(close(row.revenue.p50, revenue))
        #expect(row.shortfallProbability == (cash < 0 ? 1 : 0))
      }
    }
  }

  @Test func renegotiationCutsOnlyWhatIsShortUpToItsShare() throws {
    // No rounds, margin 0.2 on $10B: −$10B a year of cloud against ≈ $2B of margin.
    let p = try FundingProjection(
      ledger: acme(), company: "acme", scenario: fixedScenario(renegotiable: 0.5, roundProbability: 0),
      options: ProjectionOptions(from: 2026, to: 2030, paths: 10, sensitivity: false))
    var cash = 10e9
    var revenue = 10e9
    for (t, row) in p.years.enumerated() {
      revenue *= 1.1
      let commit = 10e9
      var c = cash + 0.2 * revenue + (t < 2 ? 5e9 : 0) - commit
      if c < 0 { c += min(-c, 0.5 * commit) }
      cash = c
      #expect(close(row.cash.p50, cash), "\(row.year)")
    }
  }

  @Test func sameSeedGivesIdenticalOutputWithOneAndTwoThreads() throws {
    let ledger = try BundledLedger.load("public-2025")
    for exactLimit in [1_000_000, 0] {
      var outputs: [String] = []
      for threads in [1, 2] {
        let p = try FundingProjection(
          ledger: ledger, company: "openai", scenario: .defaults,
          options: ProjectionOptions(
            paths: 30_000, seed: 7, threads: threads, exactQuantileLimit: exactLimit, sensitivityPaths: 3_000))
        outputs.append(try JSONOutput.string(p))
      }
      #expect(outputs[0] == outputs[1])
    }
    let other = try FundingProjection(
      ledger: ledger, company: "openai", scenario: .defaults,
      options: ProjectionOptions(paths: 30_000, seed: 8, sensitivity: false))
    let first = try FundingProjection(
      ledger: ledger, company: "openai", scenario: .defaults,
      options: ProjectionOptions(paths: 30_000, seed: 7, sensitivity: false))
    #expect(other.years != first.years)
  }

  @Test func unknownAmountsAreListedAndNeverCountedAsZero() throws {
    let unknown = Deal(
      id: "mystery", payer: "acme", payee: "vendor", kind: .chipPurchase, amount: .unstated,
      announced: PartialDate("2026-01-01"), status: .announced, sources: Self.source)
    let options = ProjectionOptions(from: 2026, to: 2030, paths: 200, sensitivity: false)
    let without = try FundingProjection(ledger: acme(), company: "acme", scenario: fixedScenario(), options: options)
    let with = try FundingProjection(
      ledger: acme(extraDeals: [unknown]), company: "acme", scenario: fixedScenario(), options: options)
    #expect(with.years == without.years)
    #expect(!with.schedule.outflows.contains { $0.deal == "mystery" })
    let listed = try #require(with.schedule.unscheduled.first { $0.deal == "mystery" })
    #expect(listed.reason == .amountUnknown)
    #expect(
      with.notes.contains { $0.description.contains("mystery") && $0.description.contains("not counted as zero") })

    // Assumed in the scenario: scheduled, labelled, and it moves the cash.
    var scenario = fixedScenario()
    scenario.deals["mystery"] = DealOverride(amount: 5e9, reason: "analyst guess")
    let assumed = try FundingProjection(
      ledger: acme(extraDeals: [unknown]), company: "acme", scenario: scenario, options: options)
    let flow = try #require(assumed.schedule.outflows.first { $0.deal == "mystery" })
    #expect(flow.assumed && flow.amountBasis == "assumed (scenario)")
    #expect(flow.termDefaulted && flow.termYears == 5)
    #expect(assumed.notes.contains { $0.description.contains("Assumed amounts") && $0.description.contains("mystery") })
    #expect(
      assumed.notes.contains { $0.description.contains("default term used") && $0.description.contains("mystery") })
    #expect(close(without.years[0].cash.p50 - assumed.years[0].cash.p50, 1e9))
  }

  @Test func theSeedScheduleFollowsTheDocumentedRules() throws {
    let ledger = try BundledLedger.load("seed")
    let schedule = FundingSchedule.build(
      ledger: ledger, group: "openai", scenario: .defaults, years: 2026...2035)
    // Announced AWS contract: certain, 7 years from mid-November 2025.
    let aws = try #require(schedule.outflows.first { $0.deal == "openai-aws-cloud-38b-2025" })
    #expect(aws.probability == 1 && aws.termYears == 7 && !aws.termDefaulted && aws.amount == 38e9)
    // NVIDIA: planned, up to $100B both ways, one package, default term.
    let gpus = try #require(schedule.outflows.first { $0.deal == "openai-nvidia-gpus-2025-09" })
    let equity = try #require(schedule.inflows.first { $0.deal == "nvidia-openai-equity-2025-09" })
    #expect(gpus.probability == 0.7 && gpus.termDefaulted && gpus.package != nil && gpus.package == equity.package)
    #expect(gpus.low == 0 && gpus.high == 100e9)
    // Unstated amounts are listed, never scheduled; Microsoft's closed cumulative investment is received.
    let reasons = Dictionary(uniqueKeysWithValues: schedule.unscheduled.map { ($0.deal.rawValue, $0.reason) })
    #expect(reasons["openai-oracle-compute-2025"] == .amountUnknown)
    #expect(reasons["openai-azure-cloud"] == .amountUnknown)
    #expect(reasons["openai-nvidia-compute-2025"] == .superseded)
    #expect(reasons["microsoft-openai-equity-cumulative"] == .alreadyReceived)
    // The GPU purchase is derived: 50–100 % (estimate 75 %) of NVIDIA's up-to-$100B (estimate
    // $100B), so [0, $100B] with the estimate $75B.
    #expect(gpus.amount == 75e9 && gpus.amountBasis == "derived, estimate")
    // The > $1.4T block is net of the $38B contract and the $75B estimate of the GPU purchase.
    let block = try #require(schedule.block)
    #expect(block.fact == "openai-compute-commitments-2025")
    #expect(block.total == 1.4e12 && block.amount == 1.4e12 - 113e9)
    #expect(Set(block.contains.map(\.deal)) == ["openai-aws-cloud-38b-2025", "openai-nvidia-gpus-2025-09"])
  }

  @Test func onlyOneAggregateFactIsUsedAndTheBlockIsFlooredAtZero() throws {
    let ledger = try BundledLedger.load("public-2025")
    let schedule = FundingSchedule.build(
      ledger: ledger, group: "openai", scenario: .defaults, years: 2026...2035)
    let block = try #require(schedule.block)
    #expect(block.fact == "openai-compute-commitments-2025")
    #expect(block.notUsed == ["openai-commitments-1-4t-2025-10"])
    let contained = block.contains.reduce(0) { $0 + $1.amount }
    #expect(abs(block.amount - (block.total - contained)) < 1)

    let big = Fact(
      id: "small-total", company: "acme", metric: .commitments, value: .usd(20e9), asOf: PartialDate("2026-06"),
      sources: Self.source)
    let floored = FundingSchedule.build(
      ledger: acme(facts: [big]), group: "acme", scenario: fixedScenario(), years: 2026...2030)
    #expect(floored.block?.amount == 0 && floored.block?.floored == true)
  }

  @Test func theSeedHeadlineAndTheOutputShape() throws {
    let ledger = try BundledLedger.load("seed")
    let p = try FundingProjection(
      ledger: ledger, company: FundingProjection.resolveCompany("OpenAI", in: ledger), scenario: .defaults,
      options: ProjectionOptions(paths: 20_000, sensitivityPaths: 2_000))
    #expect(p.from == 2026 && p.to == 2035 && p.years.count == 10)
    #expect(p.firstShortfallYear == 2026)
    let last = try #require(p.years.last)
    #expect(last.fundingNeeded.p50 > 500e9 && last.fundingNeeded.p50 < 1.4e12)
    for row in p.years {
      #expect(row.cash.p5 <= row.cash.p50 && row.cash.p50 <= row.cash.p95)
      #expect(row.fundingNeeded.p5 <= row.fundingNeeded.p50 && row.fundingNeeded.p50 <= row.fundingNeeded.p95)
      #expect(row.shortfallProbability <= row.cumulativeShortfallProbability)
    }
    for band in p.fanChart.bands {
      #expect(band.p5 <= band.p25 && band.p25 <= band.p50 && band.p50 <= band.p75 && band.p75 <= band.p95)
    }
    let sensitivity = try #require(p.sensitivity)
    #expect(sensitivity.rows.count >= 5)
    #expect(zip(sensitivity.rows, sensitivity.rows.dropFirst()).allSatisfy { $0.swing >= $1.swing })
    #expect(p.assumptions.contains { $0.key == "operatingMargin" && $0.origin == "default" && $0.source != nil })

    // The JSON keys the issue asks for.
    let json = try JSONSerialization.jsonObject(with: Data(try JSONOutput.string(p).utf8)) as? [String: Any]
    let years = try #require(json?["years"] as? [[String: Any]])
    let first = try #require(years.first)
    for key in ["year", "cash", "fundingNeeded", "shortfallProbability"] { #expect(first[key] != nil) }
    for key in ["p5", "p50", "p95"] { #expect((first["cash"] as? [String: Any])?[key] != nil) }
    for key in ["assumptions", "sensitivity", "fanChart", "firstShortfallYear"] { #expect(json?[key] != nil) }

    // Text and Markdown print every assumption.
    for format in [OutputFormat.text, .markdown] {
      let text = try ProjectionRenderer(projection: p, ledger: ledger).render(format)
      #expect(text.contains("2026"))
      #expect(text.contains("但其虧損額度同時也在持續擴大"))
    }
    // The fan as the charts' input.
    let fan = FanChartData(projection: p)
    #expect(fan.problems().isEmpty && fan.years == Array(2026...2035) && fan.shortfallYear == 2026)
    #expect(fan.p50 == p.fanChart.bands.map(\.p50))
    _ = try FanChart(fan).svg()
    let chinese = try ProjectionRenderer(projection: p, ledger: ledger, language: .traditionalChinese).render(.text)
    #expect(chinese.contains("首個「資金短缺機率過半」的年份"))
  }

  @Test func defaultQuotesAreVerbatimFromTheSeedArticle() throws {
    let article = try fixture("seed-article.txt")
    let s = ProjectionScenario.defaults
    let assumptions =
      [
        s.openingCash, s.operatingMargin, s.roundProbability, s.roundSize, s.talksProbability, s.plannedProbability,
        s.renegotiableShare, s.blockHorizonYears, s.defaultTermYears, s.defaultInflowTermYears,
      ]
      + s.revenueGrowth.map(\.growth)
    for a in assumptions {
      #expect(a.reason != nil)
      if let quote = a.source?.quote { #expect(article.contains(quote), "\(quote)") }
    }
  }

  @Test func badOptionsAndUnknownCompaniesFail() throws {
    let ledger = acme()
    #expect(throws: ProjectionError.fromBeforeLedger(from: 2025, asOf: "2025-12-31")) {
      try FundingProjection(
        ledger: ledger, company: "acme", scenario: .defaults, options: ProjectionOptions(from: 2025))
    }
    #expect(throws: LedgerError.noSuchCompany("nobody", known: ledger.companies.map(\.id.rawValue))) {
      try FundingProjection.resolveCompany("nobody", in: ledger)
    }
    var scenario = ProjectionScenario.defaults
    scenario.deals["no-such-deal"] = DealOverride(probability: 0.2)
    #expect(throws: LedgerError.self) {
      try FundingProjection(ledger: ledger, company: "acme", scenario: scenario)
    }
  }
}
