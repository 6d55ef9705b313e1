import Foundation
import Testing

@Suite("loopledger draw")
struct DrawTests {
  @Test(arguments: ["loops", "sankey", "shares", "cascade"])
  func eachPictureIsAWellFormedSVG(_ picture: String) async throws {
    let run = try await CLI.run(["draw", picture])
    expectSuccess(run)
    let root = try #require(svgRoot(run.stdout), "not an SVG document: \(run.stdout.prefix(200))")
    #expect(root["viewBox"] != nil)
    // The SVG is deterministic: same input, same bytes.
    let again = try await CLI.run(["draw", picture])
    #expect(again.stdoutData == run.stdoutData)
  }

  @Test func aFanIsDrawnFromAProjection() async throws {
    let run = try await CLI.run(["draw", "fan", "--paths", "200"])
    expectSuccess(run)
    #expect(svgRoot(run.stdout) != nil)
  }

  @Test(arguments: [("fan", "docs/examples/fan.json"), ("cascade", "docs/examples/cascade.json")])
  func aChartIsDrawnFromItsData(_ picture: String, _ data: String) async throws {
    let run = try await CLI.run(["draw", picture, "--data", CLI.repositoryFile(data)])
    expectSuccess(run)
    #expect(svgRoot(run.stdout) != nil)
  }

  @Test func theLoopMapHasOneGroupPerLoop() async throws {
    let loops = try await CLI.cached(["loops", "--format", "json", "--max-length", "2"]).decode(LoopListJSON.self)
    let run = try await CLI.run(["draw", "loops", "--max-length", "2"])
    expectSuccess(run)
    #expect(loopIDs(inSVG: run.stdout) == Set(1...loops.loops.count))
  }

  @Test func svgFileHoldsTheSameBytesAsStdout() async throws {
    let scratch = try Scratch()
    let toStdout = try await CLI.run(["draw", "sankey"])
    let toFile = try await CLI.run(["draw", "sankey", "--svg", scratch.path("s.svg")])
    expectSuccess(toFile)
    #expect(toFile.stdout.isEmpty)
    #expect(try scratch.read("s.svg") == toStdout.stdoutData)
  }

  @Test func labelsFollowTheLanguage() async throws {
    let run = try await CLI.run(["draw", "loops", "--lang", "zh-Hant"])
    expectSuccess(run)
    #expect(run.stdout.contains("英偉達"))
  }

  @Test func aHighlightedLoopIsDescribed() async throws {
    let run = try await CLI.run(["draw", "loops", "--highlight", "1"])
    expectSuccess(run)
    #expect(svgRoot(run.stdout) != nil)
    #expect(run.stdout.contains("Loop 1:"))
  }

  // MARK: Bad input

  @Test func withoutAPictureItIsAUsageError() async throws {
    let run = try await CLI.run(["draw"])
    expectUsageError(run, mentions: ["<picture>"])
  }

  @Test(arguments: [
    (["pie"], ["pie", "loops", "sankey"]),
    (["loops", "--highlight", "0"], ["--highlight"]),
    (["loops", "--highlight", "99"], ["--highlight 99", "10 loop"]),
    (["loops", "--layout", "spiral"], ["spiral", "--layout"]),
    (["loops", "--max-length", "1"], ["--max-length"]),
    (["fan", "--paths", "0"], ["--paths"]),
  ])
  func invalidArgumentsAreUsageErrors(_ arguments: [String], _ mentions: [String]) async throws {
    let run = try await CLI.run(["draw"] + arguments)
    expectUsageError(run, mentions: mentions)
  }

  @Test func dataOfTheWrongChartFails() async throws {
    let run = try await CLI.run(["draw", "cascade", "--data", CLI.repositoryFile("docs/examples/fan.json")])
    expectFailure(run, mentions: ["fan.json:1:1", "rounds: missing", "cascade chart data"])
  }

  @Test func anUnknownLedgerFails() async throws {
    let run = try await CLI.run(["draw", "loops", "--ledger", "no-such-ledger"])
    expectFailure(run, mentions: ["no-such-ledger"])
  }

  @Test func anUnknownScenarioForTheCascadeFails() async throws {
    let run = try await CLI.run(["draw", "cascade", "--scenario", "martians-land"])
    expectFailure(run, mentions: ["martians-land"])
  }

  @Test func anUnknownCompanyForTheFanFails() async throws {
    let run = try await CLI.run(["draw", "fan", "--company", "no-such-company", "--paths", "200"])
    expectFailure(run, mentions: ["no-such-company"])
  }

  @Test func aMissingDataFileIsNamed() async throws {
    let scratch = try Scratch()
    let run = try await CLI.run(["draw", "fan", "--data", scratch.path("none.json")])
    expectErrorOnStderr(run, mentions: [scratch.path("none.json")])
    #expect(run.status == Exit.failure)
  }

  @Test func malformedDataNamesTheFile() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("fan.json", "{\"title\": 1")
    let run = try await CLI.run(["draw", "fan", "--data", file])
    #expect(run.status == Exit.failure)
    expectErrorOnStderr(run, mentions: [])
    #expect(run.stderr.contains(file), "\(run.stderr)")
    #expect(!run.stderr.contains("DecodingError"), "\(run.stderr)")
  }
}
