import Foundation
import Testing

@Suite("loopledger report")
struct ReportTests {
  @Test(arguments: ["seed", "public-2025"])
  func jsonCountsAgreeWithValidate(_ ledger: String) async throws {
    let run = try await CLI.run(["report", "--ledger", ledger, "--format", "json"])
    expectSuccess(run)
    let report = try run.decode(ReportJSON.self)
    let counts = try await ValidateCounts.of(ledger)
    #expect(report.reportVersion == 1)
    #expect(report.ledger.id == ledger)
    #expect(report.ledger.deals == counts.deals)
    #expect(report.ledger.companies == counts.companies)
    #expect(report.loopsComplete)
    #expect(!report.loops.isEmpty)
    // Every loop closes on itself, has one step per edge, and each step follows the path.
    for loop in report.loops {
      #expect(loop.path.count >= 3 && loop.path.first == loop.path.last, "\(loop.path)")
      #expect(loop.steps.count == loop.path.count - 1)
      for (index, step) in loop.steps.enumerated() {
        #expect(step.payer == loop.path[index] && step.payee == loop.path[index + 1])
        #expect(!step.deals.isEmpty)
      }
    }
  }

  @Test func textHeadlineNamesTheLedgerAndCountsAndEverySection() async throws {
    let text = try await CLI.run(["report"])
    expectSuccess(text)
    let json = try await CLI.cached(["report", "--format", "json"]).decode(ReportJSON.self)
    let first = try #require(text.lines.first)
    #expect(first.contains("[seed, as of \(json.ledger.asOf ?? "?")]"), "\(first)")
    #expect(
      text.lines[1].hasPrefix("\(json.ledger.deals) deals, \(json.ledger.companies) companies"), "\(text.lines[1])")
    #expect(text.stdout.contains("LOOPS (\(json.loops.count),"))
    for section in ["COMPANIES", "KEY FACTS", "AMOUNTS NOT STATED", "DEALS LEFT OUT", "ASSUMPTIONS"] {
      #expect(text.lines.contains { $0 == section || $0.hasPrefix(section + " ") }, "no \(section) section")
    }
    // Each deal left out is named with its reason.
    for excluded in json.excludedDeals { #expect(text.stdout.contains(excluded.id)) }
    for deal in json.unknownAmountDeals { #expect(text.stdout.contains(deal)) }
  }

  @Test func markdownHasHeadingsAndATable() async throws {
    let run = try await CLI.run(["report", "--format", "markdown"])
    expectSuccess(run)
    #expect(run.stdout.hasPrefix("# "))
    #expect(run.lines.contains { $0.hasPrefix("## ") })
    #expect(run.lines.contains { $0.hasPrefix("|") && $0.hasSuffix("|") })
  }

  @Test(arguments: ["text", "markdown", "json"])
  func outputFileHoldsTheSameBytesAsStdout(_ format: String) async throws {
    let scratch = try Scratch()
    let toStdout = try await CLI.run(["report", "--format", format])
    let toFile = try await CLI.run(["report", "--format", format, "-o", scratch.path("out")])
    expectSuccess(toStdout)
    expectSuccess(toFile)
    #expect(toFile.stdout.isEmpty)
    #expect(try scratch.read("out") == toStdout.stdoutData)
  }

  @Test func htmlGoesToItsFileAndStdoutStaysEmpty() async throws {
    // One run: the HTML page computes a projection and a stress test for its figures (≈ 2 s in a
    // debug build).
    let scratch = try Scratch()
    let run = try await CLI.run(["report", "--html", scratch.path("r.html")])
    expectSuccess(run)
    #expect(run.stdout.isEmpty)
    let page = String(decoding: try scratch.read("r.html"), as: UTF8.self)
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(page.contains("<svg"))
    #expect(page.contains("</html>"))
    // The seed's largest loop is on the page.
    let report = try await CLI.cached(["report", "--format", "json"]).decode(ReportJSON.self)
    #expect(report.loops.first?.path == ["nvidia", "openai", "nvidia"])
    #expect(page.contains("NVIDIA → OpenAI → NVIDIA"))
  }

  @Test func htmlAndOutputFileTogetherWriteBoth() async throws {
    // A CSV ledger has no OpenAI, so the page has no projection figure and the run is quick.
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\na,b,10\nb,a,5\n")
    let run = try await CLI.run([
      "report", "--ledger", file, "--html", scratch.path("r.html"), "-o", scratch.path("r.txt"),
    ])
    expectSuccess(run)
    #expect(run.stdout.isEmpty)
    #expect(scratch.exists("r.html"))
    let text = try await CLI.run(["report", "--ledger", file])
    #expect(try scratch.read("r.txt") == text.stdoutData)
  }

  @Test func maxLengthTwoKeepsOnlyTwoStepLoops() async throws {
    let all = try await CLI.cached(["report", "--format", "json"]).decode(ReportJSON.self)
    let two = try await CLI.run(["report", "--format", "json", "--max-length", "2"]).decode(ReportJSON.self)
    #expect(two.maxLength == 2)
    #expect(two.loops.allSatisfy { $0.steps.count == 2 })
    #expect(two.loops.count == all.loops.filter { $0.steps.count == 2 }.count)
    #expect(two.loops.count < all.loops.count)
  }

  @Test func companyKeepsOnlyLoopsThroughIt() async throws {
    let run = try await CLI.run(["report", "--format", "json", "--company", "anthropic"])
    let report = try run.decode(ReportJSON.self)
    #expect(!report.loops.isEmpty)
    #expect(report.loops.allSatisfy { $0.path.contains("anthropic") })
  }

  @Test func statusFilterIsAppliedAndReported() async throws {
    let all = try await CLI.cached(["report", "--format", "json"]).decode(ReportJSON.self)
    let closed = try await CLI.run(["report", "--format", "json", "--status", "closed"]).decode(ReportJSON.self)
    #expect(closed.filter.statuses == ["closed"])
    #expect(closed.loops.count <= all.loops.count)
    #expect(closed.excludedDeals.count > all.excludedDeals.count)
  }

  @Test func anAssumptionIsLabelledInTheOutput() async throws {
    let deal = "openai-oracle-compute-2025"
    let run = try await CLI.run(["report", "--format", "json", "--assume", "\(deal)=10B..30B"])
    let report = try run.decode(ReportJSON.self)
    #expect(report.assumptions.contains { $0.contains(deal) && $0.contains("ASSUMED") })
    #expect(!report.unknownAmountDeals.contains(deal))
  }

  @Test func publicLedgerHasEverySeedLoop() async throws {
    let seed = try await CLI.cached(["report", "--format", "json"]).decode(ReportJSON.self)
    let pub = try await CLI.run(["report", "--format", "json", "--ledger", "public-2025"]).decode(ReportJSON.self)
    let pubPaths = Set(pub.loops.map { Set($0.path) })
    for loop in seed.loops { #expect(pubPaths.contains(Set(loop.path)), "\(loop.path)") }
  }

  @Test(arguments: [("zh-Hant", "英偉達"), ("zh-Hans", "英伟达")])
  func otherLanguagesNameCompaniesInThem(_ lang: String, _ nvidia: String) async throws {
    let run = try await CLI.run(["report", "--lang", lang])
    expectSuccess(run)
    #expect(run.stdout.contains(nvidia))
  }

  @Test func aCSVEdgeListIsReported() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\na,b,10\nb,a,5\nb,c,3\nc,a,2\n")
    let run = try await CLI.run(["report", "--ledger", file, "--format", "json"])
    expectSuccess(run)
    let report = try run.decode(ReportJSON.self)
    #expect(report.ledger.deals == 4)
    #expect(report.loops.count == 2)
  }

  // MARK: Bad input

  @Test func anUnknownLedgerNameFailsNamingIt() async throws {
    let run = try await CLI.run(["report", "--ledger", "no-such-ledger"])
    expectFailure(run, mentions: ["no-such-ledger", "seed, public-2025"])
  }

  @Test func aMissingLedgerFileFailsNamingIt() async throws {
    let scratch = try Scratch()
    let run = try await CLI.run(["report", "--ledger", scratch.path("missing.json")])
    expectFailure(run, mentions: [scratch.path("missing.json"), "no such file"])
  }

  @Test func malformedLedgerJSONFailsNamingTheFile() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("broken.json", "{\"format\": ")
    let run = try await CLI.run(["report", "--ledger", file])
    expectFailure(run, mentions: [file, "not valid JSON"])
  }

  @Test func theBadLedgerFixtureFailsWithItsProblems() async throws {
    let run = try await CLI.run(["report", "--ledger", Fixture.badLedger])
    expectFailure(run, mentions: [Fixture.badLedger, "unknown company 'zeta'"])
  }

  @Test func aTierCountsOnlyItsStatuses() async throws {
    // Signed deals only: the NVIDIA loop of the seed rests on plans and is gone; with plans it is back.
    let signed = try await CLI.run(["report", "--tier", "signed"])
    expectSuccess(signed)
    #expect(!signed.stdout.contains("NVIDIA → OpenAI → NVIDIA"), "\(signed.stdout.prefix(800))")
    #expect(
      signed.stdout.contains("statuses: announced, closed") || signed.stdout.contains("statuses: closed, announced"))
    let plans = try await CLI.run(["report", "--tier", "with_plans"])
    #expect(plans.stdout.contains("NVIDIA → OpenAI → NVIDIA"))
    let svg = try await CLI.run(["draw", "loops", "--tier", "signed"])
    expectSuccess(svg)
    #expect(svg.stdout.hasPrefix("<svg"))
    let both = try await CLI.run(["report", "--tier", "signed", "--status", "talks"])
    expectUsageError(both, mentions: ["--tier", "--status"])
  }

  @Test func externalMoneyForACompanyTheLedgerLacksIsRefused() async throws {
    // A typo must not be silently ignored: the figure would change nothing and look applied.
    let run = try await CLI.run(["report", "--external", "amazn=600B"])
    expectUsageError(run, mentions: ["--external", "'amazn'", "amazon"])
  }

  @Test func aBadCSVRowFailsNamingTheLine() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\na,b,10\nb,a,-4\n")
    let run = try await CLI.run(["report", "--ledger", file])
    expectFailure(run, mentions: [file + ":3:", "amount"])
  }

  @Test(arguments: [
    (["--max-length", "1"], ["--max-length", "1"]),
    (["--limit", "0"], ["--limit"]),
    (["--format", "xml"], ["xml", "--format"]),
    (["--level", "planet"], ["planet", "--level"]),
    (["--status", "rumoured"], ["rumoured", "--status"]),
    (["--kind", "gift"], ["gift", "--kind"]),
    (["--from", "2025-13"], ["2025-13", "--from"]),
    (["--from", "2025", "--to", "2024"], ["--from 2025", "--to 2024"]),
    (["--lang", "fr"], ["fr", "--lang"]),
    (["--assume", "no-equals-sign"], ["--assume no-equals-sign"]),
    (["--assume", "openai-oracle-compute-2025=lots"], ["--assume", "lots"]),
    (["--assume", "openai-oracle-compute-2025=30B..10B"], ["--assume", "low end"]),
    (["--external", "amazon"], ["--external amazon"]),
  ])
  func invalidFlagValuesAreUsageErrors(_ arguments: [String], _ mentions: [String]) async throws {
    let run = try await CLI.run(["report"] + arguments)
    expectUsageError(run, mentions: mentions)
  }

  @Test func anAssumptionForAnUnknownDealFails() async throws {
    let run = try await CLI.run(["report", "--assume", "no-such-deal=10B"])
    expectFailure(run, mentions: ["no-such-deal"])
  }

  @Test func anUnknownCompanyFails() async throws {
    let run = try await CLI.run(["report", "--company", "no-such-company"])
    expectFailure(run, mentions: ["no-such-company"])
  }
}
