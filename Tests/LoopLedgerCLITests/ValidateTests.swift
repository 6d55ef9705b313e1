import Foundation
import Testing

/// The counts `validate` prints for one ledger: "NAME: ok — C companies, D deals, F facts, N documents".
struct ValidateCounts: Equatable {
  var companies: Int
  var deals: Int
  var facts: Int
  var documents: Int

  init?(line: Substring, name: String) {
    guard line.hasPrefix("\(name): ok — ") else { return nil }
    let numbers = line.dropFirst("\(name): ok — ".count).split(separator: ",").map {
      Int($0.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
    }
    guard numbers.count == 4, numbers.allSatisfy({ $0 != nil }) else { return nil }
    (companies, deals, facts, documents) = (numbers[0]!, numbers[1]!, numbers[2]!, numbers[3]!)
  }

  /// Runs `loopledger validate NAME` and reads its counts.
  static func of(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> ValidateCounts {
    let bundled = name == "seed" || name == "public-2025"
    let run = try await bundled ? CLI.cached(["validate", name]) : CLI.run(["validate", name])
    expectSuccess(run, sourceLocation: sourceLocation)
    return try #require(ValidateCounts(line: run.lines[0], name: name), "\(run)", sourceLocation: sourceLocation)
  }
}

@Suite("loopledger validate")
struct ValidateTests {
  @Test func bundledLedgersAreOkWithTheirCounts() async throws {
    let run = try await CLI.run(["validate", "seed", "public-2025"])
    expectSuccess(run)
    let seed = try #require(ValidateCounts(line: run.lines[0], name: "seed"), "\(run)")
    let pub = try #require(ValidateCounts(line: run.lines[1], name: "public-2025"), "\(run)")
    // The counts are those of the bundled files.
    let seedFile = try decodeFile(LedgerFileJSON.self, Fixture.seedLedgerFile)
    #expect(seed.deals == seedFile.deals.count)
    #expect(seed.companies == seedFile.companies.count)
    // public-2025 extends seed: it holds every seed deal and more.
    #expect(pub.deals > seed.deals)
    #expect(pub.companies >= seed.companies)
  }

  @Test func theBadLedgerFixtureListsEveryProblemOnStderrAndExits1() async throws {
    let run = try await CLI.run(["validate", Fixture.badLedger])
    #expect(run.status == Exit.failure, "\(run)")
    #expect(run.stdout.isEmpty)
    let lines = run.stderr.split(separator: "\n")
    // "FILE: N problems:" then one line per problem, each naming the file.
    let header = try #require(lines.first)
    #expect(header.hasPrefix(Fixture.badLedger + ": "))
    let count = try #require(Int(header.dropFirst(Fixture.badLedger.count + 2).prefix { $0.isNumber }), "\(header)")
    #expect(count >= 15)
    #expect(lines.count == count + 1)
    for line in lines.dropFirst() { #expect(line.contains(Fixture.badLedger), "\(line)") }
    for words in [
      "unknown company 'zeta'", "(negative)", "\"2025-13\" is not a date", "payeee: unknown key; did you mean 'payee'?",
      "\"gift\" is not one of", "duplicate company id 'alpha'", "no exchange rate for 'JPY'", "no-such-deal",
    ] {
      #expect(run.stderr.contains(words), "stderr does not mention \(words)")
    }
  }

  @Test func aMissingFileNamesItAndTheBundledLedgers() async throws {
    let scratch = try Scratch()
    let missing = scratch.path("nowhere.json")
    let run = try await CLI.run(["validate", missing])
    expectFailure(run, mentions: [missing, "no such file", "seed", "public-2025"])
  }

  @Test func anUnknownLedgerNameFails() async throws {
    let run = try await CLI.run(["validate", "seeds"])
    expectFailure(run, mentions: ["seeds", "seed, public-2025"])
  }

  @Test func malformedJSONNamesTheFile() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("broken.json", "{\"format\": \"loopledger-ledger\", \"version\": 1,\n \"id\": }")
    let run = try await CLI.run(["validate", file])
    expectFailure(run, mentions: [file, "not valid JSON"])
  }

  @Test func aCSVEdgeListIsALedgerWithOneDealPerRow() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\na,b,10\nb,a,5\nb,c,3\nc,a,2\n")
    let run = try await CLI.run(["validate", file])
    expectSuccess(run)
    let counts = try #require(ValidateCounts(line: run.lines[0], name: file), "\(run)")
    #expect(counts.companies == 3)
    #expect(counts.deals == 4)
  }

  @Test func aBadCSVRowIsNamedByLineAndField() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\na,b,10\nb,a,ten\nb,c,3\n")
    let run = try await CLI.run(["validate", file])
    expectFailure(run, mentions: [file + ":3:", "amount", "'ten'"])
  }

  @Test func aCSVHeaderWithoutTheNeededColumnsIsNamed() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "from,to,amount\na,b,1\n")
    let run = try await CLI.run(["validate", file])
    expectFailure(run, mentions: [file, "header", "source", "target"])
  }

  @Test func anEmptyCSVSaysSo() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("empty.csv", "")
    let run = try await CLI.run(["validate", file])
    expectFailure(run, mentions: [file, "empty"])
  }

  @Test func goodAndBadFilesTogetherReportEachAndExit1() async throws {
    let scratch = try Scratch()
    let good = try scratch.write("good.csv", "source,target,amount\na,b,1\n")
    let run = try await CLI.run(["validate", "seed", Fixture.badLedger, good])
    #expect(run.status == Exit.failure, "\(run)")
    // The ok lines go to stdout, the problems to stderr; every file is checked.
    #expect(run.lines.contains { $0.hasPrefix("seed: ok") })
    #expect(run.lines.contains { $0.hasPrefix(good + ": ok") })
    #expect(!run.stdout.contains(Fixture.badLedger))
    #expect(run.stderr.contains(Fixture.badLedger))
  }

  @Test func aLedgerExtendingSeedAddsToIt() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("ext.json", LedgerText.extendingSeed)
    let seed = try await ValidateCounts.of("seed")
    let extended = try await ValidateCounts.of(file)
    #expect(extended.deals == seed.deals + 2)
    #expect(extended.companies == seed.companies + 1)
    #expect(extended.documents == seed.documents + 1)
  }

  @Test func aLoopOfExtendsIsNamed() async throws {
    let scratch = try Scratch()
    let empty = #""documents": [], "companies": [], "deals": [], "facts": []"#
    let one = try scratch.write(
      "one.json",
      #"{"format": "loopledger-ledger", "version": 1, "id": "one", "title": "one", "extends": "two.json", "# + empty
        + "}")
    try scratch.write(
      "two.json",
      #"{"format": "loopledger-ledger", "version": 1, "id": "two", "title": "two", "extends": "one.json", "# + empty
        + "}")
    let run = try await CLI.run(["validate", one])
    expectFailure(run, mentions: [one, "extends itself"])
  }

  @Test func noFileIsAUsageError() async throws {
    let run = try await CLI.run(["validate"])
    expectUsageError(run, mentions: ["<file>"])
  }

  @Test func problemsOfAnEntryWithSeveralProblemsAreAllListed() async throws {
    // deals[9] (bad-enums) of the fixture also cites a document that does not exist.
    let run = try await CLI.run(["validate", Fixture.badLedger])
    #expect(
      run.stderr.contains("deals[9] (bad-enums): sources[0].document: unknown document 'missing-doc'"),
      "\(run.stderr)")
  }

  @Test func malformedJSONSaysWhere() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("broken.json", "{\"format\": \"loopledger-ledger\", \"version\": 1,\n \"id\": }")
    let run = try await CLI.run(["validate", file])
    expectFailure(run, mentions: [file + ":2:8", "not valid JSON"])
  }
}

/// Small ledgers written into temporary directories.
enum LedgerText {
  /// Extends the bundled seed with one company and a two-deal loop through OpenAI.
  static let extendingSeed = """
    {"format": "loopledger-ledger", "version": 1, "id": "ext", "title": "seed plus one", "extends": "seed",
     "documents": [{"id": "note", "title": "A note"}],
     "companies": [{"id": "newco", "names": {"en": "NewCo"}}],
     "deals": [{"id": "newco-openai-2025", "payer": "newco", "payee": "openai", "kind": "equity_investment",
       "amount": {"qualifier": "exact", "value": 1e9, "currency": "USD"}, "status": "closed",
       "sources": [{"document": "note", "quote": "q"}]},
       {"id": "openai-newco-2025", "payer": "openai", "payee": "newco", "kind": "cloud_contract",
       "amount": {"qualifier": "exact", "value": 2e9, "currency": "USD"}, "status": "announced",
       "sources": [{"document": "note", "quote": "q"}]}],
     "facts": []}
    """
}
