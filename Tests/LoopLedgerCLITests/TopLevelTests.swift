import Foundation
import Testing

/// Every subcommand, with arguments that let it get past argument parsing.
let subcommands: [(name: String, required: [String])] = [
  ("report", []), ("loops", []), ("stress", []), ("project", ["openai"]),
  ("extract", [Fixture.seedArticle]), ("draw", ["loops"]), ("analyze", ["edges.csv"]),
  ("clear", ["edges.csv"]), ("debtrank", ["edges.csv"]), ("validate", ["seed"]), ("serve", []),
]

@Suite("loopledger: help and argument errors")
struct TopLevelTests {
  @Test func helpListsEverySubcommandOnStdout() async throws {
    let run = try await CLI.run(["--help"])
    expectSuccess(run)
    #expect(run.stdout.contains("USAGE: loopledger <subcommand>"))
    let section = run.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
    for (name, _) in subcommands {
      #expect(
        section.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(name + " ") },
        "--help does not list '\(name)'")
    }
  }

  @Test func withoutArgumentsTheOverviewIsShown() async throws {
    let run = try await CLI.run([])
    expectSuccess(run)
    #expect(run.stdout.contains("SUBCOMMANDS:"))
  }

  @Test(arguments: subcommands.map(\.name))
  func eachSubcommandHasHelp(_ name: String) async throws {
    let run = try await CLI.run([name, "--help"])
    expectSuccess(run)
    #expect(run.stdout.hasPrefix("OVERVIEW: "), "\(run)")
    #expect(run.stdout.contains("USAGE: loopledger \(name)"), "\(run)")
    // `loopledger help NAME` prints the same page.
    let viaHelp = try await CLI.run(["help", name])
    expectSuccess(viaHelp)
    #expect(viaHelp.stdoutData == run.stdoutData)
  }

  @Test func anUnknownSubcommandIsAUsageError() async throws {
    let run = try await CLI.run(["frobnicate"])
    expectUsageError(run, mentions: ["frobnicate"])
  }

  @Test(arguments: subcommands.map(\.name))
  func anUnknownOptionIsAUsageErrorNamingIt(_ name: String) async throws {
    let required = subcommands.first { $0.name == name }!.required
    let run = try await CLI.run([name] + required + ["--no-such-option"])
    expectUsageError(run, mentions: ["--no-such-option"])
    // The usage line shown is the subcommand's.
    #expect(run.stderr.contains("loopledger \(name)"), "\(run)")
  }

  @Test func theBinaryIsFound() throws {
    let url = try CLI.binary.get()
    #expect(FileManager.default.isExecutableFile(atPath: url.path))
  }
}
