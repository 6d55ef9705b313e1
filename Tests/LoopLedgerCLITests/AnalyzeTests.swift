import Foundation
import Testing

/// A small network whose every figure can be worked out by hand.
///
/// After summing a→b (10 + 1) and dropping the self-loop a→a: a→b 11, b→c 10, c→a 10, a→c 4,
/// c→b 1, b→a 2, d→a 3 — 4 nodes, 7 edges, total flow 41.
/// - Cycles: a→b→a, a→c→a, b→c→b (two steps), a→b→c→a, a→c→b→a (three).
/// - Net flow: a→b 9, b→c 9, c→a 6, d→a 3; ‖f‖² = 207. Its circular part is 8 round the triangle
///   (‖·‖² = 192), the rest gradient (15), with potentials φ(b) − φ(a) = 1, φ(c) − φ(b) = 1,
///   φ(a) − φ(d) = 3.
/// - Maximum circulation: at most what passes through a, b, c — min(in, out) = 12 + 12 + 11 = 35
///   — and 10 round a→b→c→a, 1 round a→b→a and 1 round a→c→b→a reach it.
let handNetwork = "source,target,amount\na,b,10\nb,c,10\nc,a,10\na,c,4\nc,b,1\nb,a,2\nd,a,3\na,a,5\na,b,1\n"

@Suite("loopledger analyze")
struct AnalyzeTests {
  private func network() throws -> (Scratch, String) {
    let scratch = try Scratch()
    return (scratch, try scratch.write("net.csv", handNetwork))
  }

  @Test func jsonHasTheHandWorkedFigures() async throws {
    let (_, file) = try network()
    let run = try await CLI.run(["analyze", file, "--format", "json"])
    expectSuccess(run)
    let result = try run.decode(AnalyzeJSON.self)
    #expect(result.file == file)
    #expect((result.nodes, result.edges, result.rows) == (4, 7, 9))
    #expect((result.mergedRows, result.selfLoops, result.skippedRows) == (1, 1, 0))
    let cycles = try #require(result.cycles)
    #expect(cycles.count == 5 && cycles.complete)
    #expect(cycles.histogram.count > 3 && cycles.histogram[2] == 3 && cycles.histogram[3] == 2)
    #expect(cycles.sumLength == 12 && cycles.longest == 3)
    #expect(cycles.listed.count == 5)
    let hodge = try #require(result.hodge)
    #expect(abs(hodge.total - 207) < 1e-9)
    #expect(abs(hodge.gradient - 15) < 1e-6)
    #expect(abs(hodge.circular - 192) < 1e-6)
    #expect(abs(hodge.circularShare - 192.0 / 207) < 1e-9)
    #expect(hodge.converged && !hodge.weighted)
    let circulation = try #require(result.circulation)
    #expect(circulation.totalFlow == 41)
    #expect(abs(circulation.circulation - 35) < 1e-9)
    #expect(abs(circulation.maxCircularity - 35.0 / 41) < 1e-12)
    #expect(abs(circulation.gap) <= 1e-12)
    #expect(!result.circulationSkipped)
    #expect(result.timings["load"] != nil)
  }

  @Test func textHeadlineAndSections() async throws {
    let (_, file) = try network()
    let run = try await CLI.run(["analyze", file])
    expectSuccess(run)
    #expect(
      run.lines.first
        == "\(file): 4 nodes, 7 edges (9 rows; 1 merged into earlier pairs, 1 self-loops dropped, 0 bad rows skipped)")
    #expect(run.stdout.contains("count 5, total length 12, longest 3"))
    #expect(run.stdout.contains("a → b → c → a"))
    #expect(run.stdout.contains("Hodge decomposition"))
    #expect(run.stdout.contains("circular share 0.927536"))
    #expect(run.stdout.contains("Maximum circulation: 0.853659"))
    #expect(run.lines.contains { $0.hasPrefix("Timings (s): ") })
  }

  @Test func onlyRunsTheChosenAnalyses() async throws {
    let (_, file) = try network()
    let run = try await CLI.run(["analyze", file, "--only", "cycles", "--format", "json"])
    let result = try run.decode(AnalyzeJSON.self)
    #expect(result.cycles != nil)
    #expect(result.hodge == nil)
    #expect(result.circulation == nil)
    #expect(!result.circulationSkipped)
  }

  @Test(arguments: [("2", 3, 2), ("3", 5, 3), ("all", 5, nil)] as [(String, Int, Int?)])
  func maxLengthBoundsTheCycles(_ bound: String, _ count: Int, _ reported: Int?) async throws {
    let (_, file) = try network()
    let run = try await CLI.run(["analyze", file, "--only", "cycles", "--max-length", bound, "--format", "json"])
    let cycles = try #require(try run.decode(AnalyzeJSON.self).cycles)
    #expect(cycles.count == count)
    #expect(cycles.maxLength == reported)
    if let reported { #expect(cycles.listed.allSatisfy { $0.count <= reported }) }
  }

  @Test func countOnlyAndLimitShapeTheListing() async throws {
    let (_, file) = try network()
    let countOnly = try await CLI.run(["analyze", file, "--only", "cycles", "--count-only", "--format", "json"])
    #expect(try countOnly.decode(AnalyzeJSON.self).cycles?.listed.isEmpty == true)
    #expect(try countOnly.decode(AnalyzeJSON.self).cycles?.count == 5)
    let two = try await CLI.run(["analyze", file, "--only", "cycles", "--limit", "2", "--format", "json"])
    #expect(try two.decode(AnalyzeJSON.self).cycles?.listed.count == 2)
  }

  @Test func nodesFileHoldsPotentialsAndFlows() async throws {
    let (scratch, file) = try network()
    let run = try await CLI.run(["analyze", file, "--only", "hodge", "--nodes", scratch.path("nodes.csv")])
    expectSuccess(run)
    let rows = String(decoding: try scratch.read("nodes.csv"), as: UTF8.self).split(separator: "\n")
    #expect(rows.first == "id,potential,inflow,outflow")
    var potential: [String: Double] = [:]
    var flows: [String: (Double, Double)] = [:]
    for row in rows.dropFirst() {
      let fields = row.split(separator: ",").map(String.init)
      guard fields.count == 4, let p = Double(fields[1]), let i = Double(fields[2]), let o = Double(fields[3]) else {
        Issue.record("bad row \(row)")
        continue
      }
      potential[fields[0]] = p
      flows[fields[0]] = (i, o)
    }
    #expect(Set(potential.keys) == ["a", "b", "c", "d"])
    let p = potential.mapValues { $0 }
    #expect(abs((p["b"] ?? .nan) - (p["a"] ?? .nan) - 1) < 1e-6)
    #expect(abs((p["c"] ?? .nan) - (p["b"] ?? .nan) - 1) < 1e-6)
    #expect(abs((p["a"] ?? .nan) - (p["d"] ?? .nan) - 3) < 1e-6)
    #expect(flows["a"]?.0 == 15 && flows["a"]?.1 == 15)
    #expect(flows["d"]?.0 == 0 && flows["d"]?.1 == 3)
  }

  @Test func weightedHodgeIsReported() async throws {
    let (_, file) = try network()
    let run = try await CLI.run(["analyze", file, "--only", "hodge", "--weighted", "--format", "json"])
    #expect(try run.decode(AnalyzeJSON.self).hodge?.weighted == true)
  }

  @Test func circulationLimitSkipsIt() async throws {
    let (_, file) = try network()
    let json = try await CLI.run([
      "analyze", file, "--only", "circulation", "--circulation-limit", "3", "--format", "json",
    ])
    let result = try json.decode(AnalyzeJSON.self)
    #expect(result.circulationSkipped)
    #expect(result.circulation == nil)
    let text = try await CLI.run(["analyze", file, "--only", "circulation", "--circulation-limit", "3"])
    #expect(text.stdout.contains("skipped"))
  }

  @Test func skipBadRowsCountsThem() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\na,b,10\nb,a,ten\nb,c,3\n")
    let run = try await CLI.run(["analyze", file, "--skip-bad-rows", "--format", "json"])
    expectSuccess(run)
    let result = try run.decode(AnalyzeJSON.self)
    #expect((result.rows, result.skippedRows, result.edges) == (3, 1, 2))
  }

  @Test func quotedIdsKeepTheirCommas() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", "source,target,amount\n\"Acme, Inc.\",b,1\nb,\"Acme, Inc.\",2\n")
    let run = try await CLI.run(["analyze", file, "--only", "cycles", "--format", "json"])
    let cycles = try #require(try run.decode(AnalyzeJSON.self).cycles)
    #expect(cycles.listed.first?.contains("Acme, Inc.") == true)
  }

  // MARK: Bad input

  @Test func withoutAFileItIsAUsageError() async throws {
    let run = try await CLI.run(["analyze"])
    expectUsageError(run, mentions: ["<file.csv>"])
  }

  @Test func aMissingFileFailsNamingIt() async throws {
    let scratch = try Scratch()
    let run = try await CLI.run(["analyze", scratch.path("none.csv")])
    expectFailure(run, mentions: [scratch.path("none.csv")])
  }

  @Test(arguments: [
    ("source,target,amount\na,b,10\nb,a,ten\n", [":3:5: amount", "'ten'"]),
    ("source,target,amount\na,b,10\n,a,1\n", [":3:1: source", "empty"]),
    ("source,target,amount\na,b\n", [":2:1: has 2 field"]),
    ("from,to,amount\na,b,1\n", ["header", "source", "target"]),
    ("", ["empty"]),
  ])
  func badCSVFailsNamingFileAndLine(_ text: String, _ mentions: [String]) async throws {
    let scratch = try Scratch()
    let file = try scratch.write("edges.csv", text)
    let run = try await CLI.run(["analyze", file])
    expectFailure(run, mentions: [file] + mentions)
  }

  @Test(arguments: [
    (["--max-length", "1"], ["--max-length", "found 1"]),
    (["--max-length", "many"], ["--max-length", "'many'"]),
    (["--only", "pagerank"], ["pagerank", "--only"]),
    (["--threads", "0"], ["--threads"]),
    (["--tolerance", "2"], ["--tolerance"]),
    (["--limit=-1"], ["--limit"]),
    (["--max-cycles", "0"], ["--max-cycles"]),
    (["--circulation-limit=-1"], ["--circulation-limit"]),
    (["--format", "markdown"], ["markdown", "--format"]),
  ])
  func invalidFlagValuesAreUsageErrors(_ arguments: [String], _ mentions: [String]) async throws {
    let (_, file) = try network()
    let run = try await CLI.run(["analyze", file] + arguments)
    expectUsageError(run, mentions: mentions)
  }

  @Test func aCycleBudgetBoundsTheListingToo() async throws {
    let (_, file) = try network()
    let run = try await CLI.run(["analyze", file, "--only", "cycles", "--max-cycles", "1", "--format", "json"])
    let cycles = try #require(try run.decode(AnalyzeJSON.self).cycles)
    #expect(!cycles.complete)
    #expect(cycles.count == 1)
    #expect(cycles.listed.count <= cycles.count)
  }

  @Test func aNegativeIterationLimitIsRefused() async throws {
    let (_, file) = try network()
    let run = try await CLI.run(["analyze", file, "--only", "hodge", "--max-iterations=-1"])
    expectUsageError(run, mentions: ["--max-iterations"])
  }
}
