import Foundation
import Testing

@Suite("loopledger loops")
struct LoopsTests {
  /// Header lines of the text listing: `N. A → B → A   amount`.
  private func headers(_ run: CLI.Run) -> [Substring] {
    run.lines.filter { line in
      guard let dot = line.firstIndex(of: ".") else { return false }
      return !line[..<dot].isEmpty && line[..<dot].allSatisfy(\.isNumber)
    }
  }

  @Test func textListsAsManyLoopsAsTheJSON() async throws {
    let text = try await CLI.run(["loops"])
    let json = try await CLI.cached(["loops", "--format", "json"])
    expectSuccess(text)
    expectSuccess(json)
    let list = try json.decode(LoopListJSON.self)
    #expect(list.complete)
    #expect(headers(text).count == list.loops.count)
    // The same loops as the report.
    let report = try await CLI.cached(["report", "--format", "json"]).decode(ReportJSON.self)
    #expect(list.loops.map(\.path) == report.loops.map(\.path))
  }

  @Test func maxLengthTwoListsOnlyTwoStepLoops() async throws {
    let all = try await CLI.cached(["loops", "--format", "json"]).decode(LoopListJSON.self)
    let json = try await CLI.cached(["loops", "--format", "json", "--max-length", "2"]).decode(LoopListJSON.self)
    #expect(!json.loops.isEmpty)
    #expect(json.loops.allSatisfy { $0.path.count == 3 && $0.steps.count == 2 })
    #expect(json.loops.count == all.loops.filter { $0.steps.count == 2 }.count)
    let text = try await CLI.run(["loops", "--max-length", "2"])
    let lines = headers(text)
    #expect(lines.count == json.loops.count)
    // "A → B → A": two arrows, two steps.
    for line in lines { #expect(line.components(separatedBy: " → ").count == 3, "\(line)") }
  }

  @Test func companyListsOnlyLoopsThroughIt() async throws {
    let list = try await CLI.run(["loops", "--format", "json", "--company", "nvidia"]).decode(LoopListJSON.self)
    #expect(!list.loops.isEmpty)
    #expect(list.loops.allSatisfy { $0.path.contains("nvidia") })
  }

  @Test func aLimitThatIsHitIsSaid() async throws {
    let text = try await CLI.run(["loops", "--limit", "1"])
    expectSuccess(text)
    #expect(headers(text).count == 1)
    #expect(text.stdout.contains("--limit"))
    let json = try await CLI.run(["loops", "--limit", "1", "--format", "json"]).decode(LoopListJSON.self)
    #expect(json.loops.count == 1)
    #expect(!json.complete)
  }

  @Test func markdownListsLoopsAsItems() async throws {
    let run = try await CLI.run(["loops", "--format", "markdown", "--max-length", "2"])
    expectSuccess(run)
    let items = run.lines.filter { $0.hasPrefix("- ") }
    let json = try await CLI.cached(["loops", "--format", "json", "--max-length", "2"]).decode(LoopListJSON.self)
    #expect(items.count == json.loops.count)
  }

  @Test func aCSVEdgeListHasItsLoopsWithRoundTrips() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\na,b,10\nb,a,5\nb,c,3\nc,a,2\n")
    let list = try await CLI.run(["loops", "--ledger", file, "--format", "json"]).decode(LoopListJSON.self)
    #expect(list.loops.count == 2)
    // a → b → a: the smaller step, 5; a → b → c → a: the smallest step, 2.
    let byLength = Dictionary(uniqueKeysWithValues: list.loops.map { ($0.steps.count, $0.roundTrip.estimate) })
    #expect(byLength[2] == 5)
    #expect(byLength[3] == 2)
  }

  @Test func quotedCSVIdsKeepTheirCommas() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\n\"Acme, Inc.\",b,1\nb,\"Acme, Inc.\",2\n")
    let run = try await CLI.run(["loops", "--ledger", file])
    expectSuccess(run)
    #expect(run.stdout.contains("Acme, Inc. → b → Acme, Inc."))
  }

  @Test func aGraphWithoutLoopsSaysSo() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("chain.csv", "source,target,amount\na,b,10\nb,c,5\n")
    let text = try await CLI.run(["loops", "--ledger", file])
    expectSuccess(text)
    #expect(text.stdout.contains("No loops."))
    let json = try await CLI.run(["loops", "--ledger", file, "--format", "json"]).decode(LoopListJSON.self)
    #expect(json.loops.isEmpty)
  }

  @Test(arguments: [
    (["--max-length", "1"], ["--max-length", "1"]),
    (["--limit", "0"], ["--limit"]),
    (["--format", "yaml"], ["yaml", "--format"]),
    (["--kind", "gift"], ["gift", "--kind"]),
    (["--lang", "de"], ["de", "--lang"]),
  ])
  func invalidFlagValuesAreUsageErrors(_ arguments: [String], _ mentions: [String]) async throws {
    let run = try await CLI.run(["loops"] + arguments)
    expectUsageError(run, mentions: mentions)
  }

  @Test func aBadCSVRowFailsNamingTheLine() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\na,b,10\nb,a,ten\n")
    let run = try await CLI.run(["loops", "--ledger", file])
    expectFailure(run, mentions: [file + ":3:", "'ten'"])
  }

  @Test func anUnknownLedgerFails() async throws {
    let run = try await CLI.run(["loops", "--ledger", "seed-2099"])
    expectFailure(run, mentions: ["seed-2099"])
  }

  @Test func aLimitKeepsTheLargestLoops() async throws {
    // The help says "List at most this many loops" and the list is "ranked by round-trip amount";
    // a user asking for three expects the first three of the full ranking.
    let all = try await CLI.cached(["loops", "--format", "json"]).decode(LoopListJSON.self)
    let three = try await CLI.run(["loops", "--format", "json", "--limit", "3"]).decode(LoopListJSON.self)
    withKnownIssue(
      "--limit keeps the first loops the search finds, not the largest: NVIDIA → OpenAI → NVIDIA ($100B, ranked 1st) is dropped"
    ) {
      #expect(three.loops.map(\.path) == all.loops.prefix(3).map(\.path))
    }
  }
}
