import Foundation
import Testing

let builtInScenarios = ["nvidia-stops", "amazon-talks-fail", "openai-revenue-stalls", "investors-demand-returns"]

@Suite("loopledger stress")
struct StressTests {
  @Test(arguments: builtInScenarios)
  func eachBuiltInScenarioRunsInTextAndJSON(_ scenario: String) async throws {
    let text = try await CLI.run(["stress", "--scenario", scenario])
    expectSuccess(text)
    #expect(text.stdout.hasPrefix("Stress test — \(scenario) [seed]"), "\(text)")
    for section in ["SHOCKS", "SYSTEM", "COMPANIES", "ROUNDS"] {
      #expect(text.lines.contains { $0.hasPrefix(section) }, "no \(section) section")
    }
    let json = try await CLI.run(["stress", "--scenario", scenario, "--format", "json"])
    expectSuccess(json)
    let report = try json.decode(StressJSON.self)
    #expect(report.scenario.name == scenario)
    #expect(report.ledger == "seed")
    #expect(!report.assumptions.isEmpty)
  }

  @Test func theHelpNamesEveryBuiltInScenario() async throws {
    let run = try await CLI.run(["stress", "--help"])
    let help = run.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
    for scenario in builtInScenarios { #expect(help.contains(scenario), "\(scenario)") }
  }

  @Test func nvidiaStopsNamesTheDealThatStops() async throws {
    let run = try await CLI.run(["stress", "--scenario", "nvidia-stops"])
    #expect(run.stdout.contains("nvidia-openai-equity-2025-09"))
  }

  @Test func sweepRanksLinksByDamage() async throws {
    let json = try await CLI.run(["stress", "--sweep", "--format", "json"])
    expectSuccess(json)
    let links = try json.decode([LinkDamageJSON].self)
    #expect(!links.isEmpty)
    #expect(zip(links, links.dropFirst()).allSatisfy { $0.damage >= $1.damage })
    let text = try await CLI.run(["stress", "--sweep"])
    expectSuccess(text)
    #expect(text.stdout.hasPrefix("Sweep:"))
    // One numbered table row per link.
    let rows = text.lines.filter { line in
      let trimmed = line.drop { $0 == " " }
      let number = trimmed.prefix { $0.isNumber }
      return !number.isEmpty && trimmed.dropFirst(number.count).hasPrefix("  ")
    }
    #expect(rows.count == links.count)
  }

  @Test func aScenarioFileIsRead() async throws {
    let scratch = try Scratch()
    let file = try scratch.write(
      "scenario.json",
      """
      {"name": "half-of-amazon", "description": "Half of Amazon's money to OpenAI stops",
       "shocks": [{"stopLink": "amazon:openai", "fraction": 0.5}]}
      """)
    let run = try await CLI.run(["stress", "--scenario", file, "--format", "json"])
    expectSuccess(run)
    #expect(try run.decode(StressJSON.self).scenario.name == "half-of-amazon")
  }

  @Test func commandLineShocksOnACSVLedger() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\na,b,10\nb,a,5\n")
    let run = try await CLI.run(["stress", "--ledger", file, "--stop", "a:b"])
    expectSuccess(run)
    #expect(run.stdout.contains("a → b"))
  }

  @Test func outputFileHoldsTheSameBytesAsStdout() async throws {
    let scratch = try Scratch()
    let toStdout = try await CLI.run(["stress", "--scenario", "nvidia-stops", "--format", "json"])
    let toFile = try await CLI.run([
      "stress", "--scenario", "nvidia-stops", "--format", "json", "-o", scratch.path("s.json"),
    ])
    expectSuccess(toFile)
    #expect(toFile.stdout.isEmpty)
    #expect(try scratch.read("s.json") == toStdout.stdoutData)
  }

  // MARK: Bad input

  @Test func anUnknownScenarioNamesItAndTheBuiltIns() async throws {
    // Like a missing --ledger file: a failure (exit 1), not a usage error.
    let run = try await CLI.run(["stress", "--scenario", "martians-land"])
    expectFailure(run, mentions: ["martians-land"] + builtInScenarios)
  }

  @Test func malformedScenarioJSONFailsNamingTheFile() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("scenario.json", "{\"name\": \"x\", ")
    let run = try await CLI.run(["stress", "--scenario", file])
    expectFailure(run, mentions: [file, "not valid JSON"])
  }

  @Test func aScenarioShockOfNoKnownTypeIsNamed() async throws {
    let scratch = try Scratch()
    let file = try scratch.write(
      "scenario.json", #"{"name": "x", "description": "", "shocks": [{"meteor": "openai"}]}"#)
    let run = try await CLI.run(["stress", "--scenario", file])
    expectFailure(run, mentions: [file, "shocks[0]"])
  }

  @Test(arguments: [
    (["--stop", "amazon:openai=2"], ["--stop amazon:openai=2"]),
    (["--alpha", "0.5"], ["--alpha", "--beta"]),
    (["--alpha", "2", "--beta", "0.5"], ["--alpha"]),
    (["--demand-returns", "5"], ["--demand-returns"]),
    (["--term-years", "0"], ["--term-years"]),
    // A negative value must be attached: ArgumentParser reads a separate "-1" as an option.
    (["--investment-years=-1"], ["--investment-years"]),
    (["--resources", "openai=lots"], ["--resources openai=lots"]),
    (["--revenue", "openai"], ["--revenue openai"]),
    (["--revenue", "openai=-2"], ["--revenue openai=-2"]),
    (["--format", "pdf"], ["pdf", "--format"]),
  ])
  func invalidFlagValuesAreUsageErrors(_ arguments: [String], _ mentions: [String]) async throws {
    let run = try await CLI.run(["stress"] + arguments)
    expectUsageError(run, mentions: mentions)
  }

  @Test func stoppingAnUnknownDealFailsNamingIt() async throws {
    let run = try await CLI.run(["stress", "--stop", "no-such-deal"])
    expectFailure(run, mentions: ["no-such-deal"])
  }

  @Test func defaultingAnUnknownCompanyFailsNamingIt() async throws {
    let run = try await CLI.run(["stress", "--default", "no-such-company"])
    expectFailure(run, mentions: ["no-such-company"])
  }

  @Test func aBuiltInScenarioOnALedgerWithoutItsCompaniesSaysWhy() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\na,b,10\nb,a,5\n")
    let run = try await CLI.run(["stress", "--ledger", file, "--scenario", "nvidia-stops"])
    expectFailure(run, mentions: ["openai"])
  }

  @Test func usageErrorsFoundWhileRunningShowTheSubcommandsUsage() async throws {
    let run = try await CLI.run(["stress", "--revenue", "openai"])
    #expect(run.status == Exit.usage)
    #expect(run.stderr.contains("loopledger stress"), "\(run.stderr)")
  }

  @Test func malformedScenarioJSONIsExplainedInPlainWords() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("scenario.json", "{\"name\": \"x\",\n \"shocks\": [}")
    let run = try await CLI.run(["stress", "--scenario", file])
    #expect(!run.stderr.contains("DecodingError"), "\(run.stderr)")
    expectFailure(run, mentions: [file + ":2:", "not valid JSON"])
  }

  @Test func aHugeTermDoesNotCrash() async throws {
    let run = try await CLI.run(["stress", "--term-years", "1e19"])
    expectNoCrash(run)
    #expect(run.status == Exit.ok || run.status == Exit.usage)
  }

  @Test func negativeModelParametersAreRefused() async throws {
    let multiple = try await CLI.run(["stress", "--multiple=-5"])
    let elasticity = try await CLI.run(["stress", "--elasticity=-1"])
    expectUsageError(multiple, mentions: ["--multiple"])
    expectUsageError(elasticity, mentions: ["--elasticity"])
  }
}
