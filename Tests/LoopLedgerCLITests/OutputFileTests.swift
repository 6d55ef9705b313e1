import Foundation
import Testing

/// Every option that writes a file, pointed into a directory that does not exist. (NETWORK stands
/// for a small CSV edge list.)
private let writers: [[String]] = [
  ["report", "-o"],
  ["report", "--ledger", "NETWORK", "--html"],
  ["stress", "--scenario", "nvidia-stops", "-o"],
  ["project", "openai", "--paths", "200", "--no-sensitivity", "-o"],
  ["project", "openai", "--paths", "200", "--no-sensitivity", "--fan-data"],
  ["project", "openai", "--write-scenario"],
  ["extract", Fixture.seedArticle, "-o"],
  ["draw", "loops", "--svg"],
  ["analyze", "NETWORK", "--only", "hodge", "--nodes"],
]

@Suite("loopledger: writing output files")
struct OutputFileTests {
  @Test(arguments: writers)
  func aFileThatCannotBeWrittenIsAnErrorNamingIt(_ arguments: [String]) async throws {
    let scratch = try Scratch()
    let network = try scratch.write("net.csv", handNetwork)
    let target = scratch.path("no-such-directory/out")
    let run = try await CLI.run(arguments.map { $0 == "NETWORK" ? network : $0 } + [target])
    #expect(run.status != Exit.ok, "\(run)")
    expectErrorOnStderr(run, mentions: [target])
    #expect(!scratch.exists("no-such-directory"))
    #expect(run.status == Exit.failure, "\(run)")
    #expect(!run.stderr.contains("Usage:"), "\(run.stderr)")
  }
}
