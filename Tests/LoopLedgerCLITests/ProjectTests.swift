import Foundation
import Testing

/// Small runs: a few hundred paths keep each projection well under a second in a debug build.
let quick = ["--paths", "300", "--sensitivity-paths", "100"]
let quickNoSensitivity = ["--paths", "300", "--no-sensitivity"]

@Suite("loopledger project")
struct ProjectTests {
  @Test func textHeadlineAndSections() async throws {
    let run = try await CLI.run(["project", "openai"] + quick)
    expectSuccess(run)
    let first = try #require(run.lines.first)
    #expect(first.hasPrefix("LoopLedger projection — OpenAI, 2026–2035"), "\(first)")
    #expect(run.lines[1].hasPrefix("300 paths · seed 1"), "\(run.lines[1])")
    #expect(run.stdout.contains("First year a shortfall is more likely than not"))
    for section in ["BY YEAR", "FAN CHART DATA", "SENSITIVITY", "SCHEDULE FROM THE LEDGER"] {
      #expect(run.lines.contains { $0.hasPrefix(section) }, "no \(section) section")
    }
  }

  @Test func jsonHasOneEntryPerYearOfTheDefaultWindow() async throws {
    let run = try await CLI.cached(["project", "openai", "--format", "json"] + quickNoSensitivity)
    expectSuccess(run)
    let projection = try run.decode(ProjectionJSON.self)
    // The ledger is as of 2025-12-16: the window is the ten years after.
    #expect(projection.company == "openai")
    #expect(projection.from == 2026 && projection.to == 2035)
    #expect(projection.years.map(\.year) == Array(2026...2035))
    #expect(projection.paths == 300)
    #expect(projection.seed == 1)
    #expect(!projection.assumptions.isEmpty)
  }

  @Test func fromAndToSetTheWindow() async throws {
    let run = try await CLI.run(
      ["project", "openai", "--from", "2027", "--to", "2029", "--format", "json"] + quickNoSensitivity)
    let projection = try run.decode(ProjectionJSON.self)
    #expect(projection.years.map(\.year) == [2027, 2028, 2029])
  }

  @Test func theSameSeedGivesTheSameBytesForAnyThreadCount() async throws {
    let one = try await CLI.run(["project", "openai", "--seed", "7", "--threads", "1", "--format", "json"] + quick)
    let two = try await CLI.run(["project", "openai", "--seed", "7", "--threads", "2", "--format", "json"] + quick)
    expectSuccess(one)
    #expect(one.stdoutData == two.stdoutData)
    let other = try await CLI.run(["project", "openai", "--seed", "8", "--threads", "1", "--format", "json"] + quick)
    #expect(other.stdoutData != one.stdoutData)
  }

  @Test func aCompanyNameWorksLikeItsID() async throws {
    let byName = try await CLI.run(["project", "OpenAI", "--format", "json"] + quickNoSensitivity)
    let byID = try await CLI.cached(["project", "openai", "--format", "json"] + quickNoSensitivity)
    expectSuccess(byName)
    #expect(byName.stdoutData == byID.stdoutData)
  }

  @Test func aWrittenScenarioReadBackGivesTheSameProjection() async throws {
    let scratch = try Scratch()
    let write = try await CLI.run(["project", "openai", "--write-scenario", scratch.path("s.json")])
    expectSuccess(write)
    #expect(write.stdout.isEmpty)
    let scenario = try JSONSerialization.jsonObject(with: scratch.read("s.json")) as? [String: Any]
    #expect(scenario?["version"] != nil)
    let viaFile = try await CLI.run(
      ["project", "openai", "--scenario", scratch.path("s.json"), "--format", "json"] + quickNoSensitivity)
    let defaults = try await CLI.cached(["project", "openai", "--format", "json"] + quickNoSensitivity)
    expectSuccess(viaFile)
    #expect(viaFile.stdoutData == defaults.stdoutData)
  }

  @Test func fanDataIsWrittenAndDrawable() async throws {
    let scratch = try Scratch()
    let run = try await CLI.run(["project", "openai", "--fan-data", scratch.path("fan.json")] + quickNoSensitivity)
    expectSuccess(run)
    #expect(!run.stdout.isEmpty)
    #expect((try? JSONSerialization.jsonObject(with: scratch.read("fan.json"))) is [String: Any])
    let draw = try await CLI.run(["draw", "fan", "--data", scratch.path("fan.json")])
    expectSuccess(draw)
    #expect(svgRoot(draw.stdout) != nil)
  }

  @Test(arguments: ["text", "markdown", "json"])
  func outputFileHoldsTheSameBytesAsStdout(_ format: String) async throws {
    let scratch = try Scratch()
    let toStdout = try await CLI.run(["project", "openai", "--format", format] + quickNoSensitivity)
    let toFile = try await CLI.run(
      ["project", "openai", "--format", format, "-o", scratch.path("p")] + quickNoSensitivity)
    expectSuccess(toFile)
    #expect(toFile.stdout.isEmpty)
    #expect(try scratch.read("p") == toStdout.stdoutData)
  }

  @Test func aCSVLedgerCompanyCanBeProjected() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\nalpha-co,beta-co,10\nbeta-co,alpha-co,5\n")
    let run = try await CLI.run(["project", "alpha-co", "--ledger", file] + quickNoSensitivity)
    expectSuccess(run)
    #expect(run.lines.first?.contains("alpha-co") == true)
  }

  // MARK: Bad input

  @Test func anUnknownCompanyFailsNamingIt() async throws {
    let run = try await CLI.run(["project", "no-such-company"] + quickNoSensitivity)
    expectFailure(run, mentions: ["no-such-company"])
  }

  @Test func withoutACompanyItIsAUsageError() async throws {
    let run = try await CLI.run(["project"])
    expectUsageError(run, mentions: ["<company>"])
  }

  @Test(arguments: [
    (["--paths", "0"], ["--paths"]),
    (["--threads", "0"], ["--threads"]),
    (["--sensitivity-paths", "0"], ["--sensitivity-paths"]),
    (["--from", "2030", "--to", "2020"], ["--to 2020", "--from 2030"]),
    (["--from", "2026", "--to", "2200"], ["100 years"]),
    (["--schedule", "sideways"], ["sideways", "--schedule"]),
    (["--format", "csv"], ["csv", "--format"]),
    (["--seed", "minus-one"], ["minus-one", "--seed"]),
  ])
  func invalidFlagValuesAreUsageErrors(_ arguments: [String], _ mentions: [String]) async throws {
    let run = try await CLI.run(["project", "openai"] + arguments)
    expectUsageError(run, mentions: mentions)
  }

  @Test func aWindowBeforeTheLedgersDateFails() async throws {
    let run = try await CLI.run(["project", "openai", "--from", "2020", "--to", "2022"] + quickNoSensitivity)
    expectFailure(run, mentions: ["--from 2020", "2025-12-16"])
  }

  @Test func aMissingScenarioFileFailsNamingIt() async throws {
    let scratch = try Scratch()
    let run = try await CLI.run(["project", "openai", "--scenario", scratch.path("none.json")])
    expectFailure(run, mentions: [scratch.path("none.json")])
  }

  @Test func malformedScenarioJSONFailsNamingTheFile() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("s.json", #"{"format": "loopledger-scenario", "version": 1, "revenueGrowth": oops}"#)
    let run = try await CLI.run(["project", "openai", "--scenario", file])
    expectFailure(run, mentions: [file, "not valid JSON"])
  }

  @Test func aMissingLedgerFails() async throws {
    let run = try await CLI.run(["project", "openai", "--ledger", "no-such-ledger"])
    expectFailure(run, mentions: ["no-such-ledger"])
  }

  @Test func aFarFutureWindowDoesNotCrash() async throws {
    // Within the 100-year limit the command accepts, and the far end must not trap.
    let run = try await CLI.run(["project", "openai", "--from", "2300"] + quickNoSensitivity)
    expectNoCrash(run)
  }

  @Test func anUnknownCompanyMessageDoesNotSuggestTheCompanyThatWasTyped() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\nalpha-co,beta-co,10\nbeta-co,alpha-co,5\n")
    let run = try await CLI.run(["project", "openai", "--ledger", file] + quickNoSensitivity)
    #expect(run.status == Exit.failure)
    #expect(run.stderr.contains("alpha-co"), "\(run.stderr)")
  }
}
