import Foundation
import Testing

@Suite("loopledger extract")
struct ExtractTests {
  @Test func jsonCandidatesQuoteTheArticleAndMatchSeedDeals() async throws {
    let run = try await CLI.cached(["extract", Fixture.seedArticle, "--date", "2025-12-17"])
    expectSuccess(run)
    let report = try run.decode(ExtractJSON.self)
    #expect(report.format == "loopledger-extract")
    #expect(report.version == 1)
    #expect(report.ledger == "seed")
    let article = try #require(report.articles.first)
    #expect(report.articles.count == 1)
    #expect(article.file == "seed.txt")
    #expect(article.language == "zh-Hant")
    #expect(article.articleDate == "2025-12-17")
    #expect(!article.candidates.isEmpty)
    // Each quote stands in the article at its span (offsets in Unicode scalars).
    let scalars = Array(try String(contentsOfFile: Fixture.seedArticle, encoding: .utf8).unicodeScalars)
    for candidate in article.candidates {
      #expect(candidate.span.count == 2)
      guard candidate.span.count == 2, candidate.span[0] >= 0, candidate.span[0] <= candidate.span[1],
        candidate.span[1] <= scalars.count
      else {
        Issue.record("span \(candidate.span) is outside the article")
        continue
      }
      var quoted = String.UnicodeScalarView()
      quoted.append(contentsOf: scalars[candidate.span[0]..<candidate.span[1]])
      #expect(String(quoted) == candidate.quote)
      #expect((0...1).contains(candidate.confidence))
    }
    // The seed ledger was built from this article: what is marked as a duplicate is a seed deal.
    let seedDeals = Set(try decodeFile(LedgerFileJSON.self, Fixture.seedLedgerFile).deals.map(\.id))
    let duplicates = article.candidates.compactMap(\.duplicateOf)
    #expect(!duplicates.isEmpty)
    for id in duplicates { #expect(seedDeals.contains(id), "\(id) is no seed deal") }
  }

  @Test func textHeadlineCountsTheCandidates() async throws {
    let json = try await CLI.cached(["extract", Fixture.seedArticle, "--date", "2025-12-17"]).decode(ExtractJSON.self)
    let text = try await CLI.run(["extract", Fixture.seedArticle, "--date", "2025-12-17", "--format", "text"])
    expectSuccess(text)
    let count = json.articles[0].candidates.count
    #expect(text.lines.first == "seed.txt — zh-Hant, date 2025-12-17, \(count) candidates")
  }

  @Test func theLedgerFormatIsAValidLedger() async throws {
    let scratch = try Scratch()
    let out = scratch.path("candidates.json")
    let run = try await CLI.run([
      "extract", Fixture.seedArticle, "--date", "2025-12-17", "--format", "ledger", "-o", out,
    ])
    expectSuccess(run)
    #expect(run.stdout.isEmpty)
    let json = try await CLI.cached(["extract", Fixture.seedArticle, "--date", "2025-12-17"]).decode(ExtractJSON.self)
    let counts = try await ValidateCounts.of(out)
    #expect(counts.deals > 0)
    #expect(counts.deals <= json.articles[0].candidates.count)
  }

  @Test func minConfidenceLeavesOutWeakCandidates() async throws {
    let all = try await CLI.run(["extract", Fixture.seedArticle]).decode(ExtractJSON.self)
    let strong = try await CLI.run(["extract", Fixture.seedArticle, "--min-confidence", "0.9"]).decode(ExtractJSON.self)
    let candidates = strong.articles[0].candidates
    #expect(candidates.allSatisfy { $0.confidence >= 0.9 })
    #expect(candidates.count == all.articles[0].candidates.filter { $0.confidence >= 0.9 }.count)
    #expect(candidates.count < all.articles[0].candidates.count)
  }

  @Test func severalArticlesGiveOneEntryEach() async throws {
    let other = Fixture.articles + "/en-amd-openai.txt"
    let run = try await CLI.run(["extract", Fixture.seedArticle, other])
    expectSuccess(run)
    let report = try run.decode(ExtractJSON.self)
    #expect(report.articles.map(\.file) == ["seed.txt", "en-amd-openai.txt"])
    #expect(report.articles[1].language == "en")
  }

  @Test(arguments: ["json", "ledger", "text"])
  func outputFileHoldsTheSameBytesAsStdout(_ format: String) async throws {
    let scratch = try Scratch()
    let toStdout = try await CLI.run(["extract", Fixture.seedArticle, "--format", format])
    let toFile = try await CLI.run(["extract", Fixture.seedArticle, "--format", format, "-o", scratch.path("x")])
    expectSuccess(toFile)
    #expect(toFile.stdout.isEmpty)
    #expect(try scratch.read("x") == toStdout.stdoutData)
  }

  @Test func timingGoesToStderrAndLeavesStdoutAlone() async throws {
    let plain = try await CLI.run(["extract", Fixture.seedArticle, "--format", "text"])
    let timed = try await CLI.run(["extract", Fixture.seedArticle, "--format", "text", "--timing"])
    #expect(timed.status == Exit.ok)
    #expect(timed.stdoutData == plain.stdoutData)
    #expect(timed.stderr.hasPrefix(Fixture.seedArticle + ": "), "\(timed.stderr)")
    #expect(timed.stderr.contains("candidates"))
  }

  @Test func evaluationAgainstTheTruthFile() async throws {
    let run = try await CLI.run(["extract", "--eval", Fixture.seedTruth, Fixture.articles])
    expectSuccess(run)
    let truth =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixture.seedTruth))) as? [Any]
    #expect(run.lines.first?.hasPrefix("Evaluation of \(Fixture.articles)") == true)
    #expect(run.stdout.contains("truth \(truth?.count ?? -1) "))
    for word in ["precision", "recall", "F1", "amount accuracy", "status accuracy"] {
      #expect(run.stdout.contains(word), "\(word)")
    }
  }

  // MARK: Bad input

  @Test func withoutArticlesItIsAUsageError() async throws {
    let run = try await CLI.run(["extract"])
    expectUsageError(run, mentions: ["article"])
  }

  @Test(arguments: [
    (["--min-confidence", "2"], ["--min-confidence"]),
    (["--format", "xml"], ["xml", "--format"]),
    (["--date", "yesterday"], ["yesterday", "--date"]),
  ])
  func invalidFlagValuesAreUsageErrors(_ arguments: [String], _ mentions: [String]) async throws {
    let run = try await CLI.run(["extract", Fixture.seedArticle] + arguments)
    expectUsageError(run, mentions: mentions)
  }

  @Test func evalTakesExactlyOneDirectory() async throws {
    let run = try await CLI.run(["extract", "--eval", Fixture.seedTruth, Fixture.articles, Fixture.articles])
    expectUsageError(run, mentions: ["--eval"])
  }

  @Test func anUnknownLedgerFailsNamingIt() async throws {
    let run = try await CLI.run(["extract", Fixture.seedArticle, "--ledger", "no-such-ledger"])
    expectFailure(run, mentions: ["no-such-ledger"])
  }

  @Test func aMissingArticleIsNamed() async throws {
    let scratch = try Scratch()
    let missing = scratch.path("no-article.txt")
    let run = try await CLI.run(["extract", missing])
    expectErrorOnStderr(run, mentions: [missing])
    #expect(run.status != Exit.ok)
    #expect(run.status == Exit.failure)
  }

  @Test func aMalformedTruthFileIsNamed() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("truth.json", "[{\"file\": \"seed.txt\"")
    let run = try await CLI.run(["extract", "--eval", file, Fixture.articles])
    expectErrorOnStderr(run, mentions: [file + ":1:21", "not valid JSON", "'}' is missing"])
    #expect(!run.stderr.contains("DecodingError"), "\(run.stderr)")
    // A well-formed file of the wrong shape is told what it should be.
    let shape = try scratch.write("shape.json", "{\"file\": \"seed.txt\"}")
    let wrong = try await CLI.run(["extract", "--eval", shape, Fixture.articles])
    expectErrorOnStderr(wrong, mentions: [shape, "truth file"])
  }

  @Test func aDirectoryGivenAsAnArticleIsExplained() async throws {
    let scratch = try Scratch()
    let run = try await CLI.run(["extract", scratch.url.path])
    expectErrorOnStderr(run, mentions: [scratch.url.path])
    #expect(run.stderr.contains("directory"), "\(run.stderr)")
  }
}
