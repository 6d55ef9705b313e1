import ArgumentParser
import LoopLedger

@main
struct LoopLedgerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "loopledger",
    abstract: "Map, measure and stress-test circular financing between companies.",
    discussion: """
      A ledger records who pays whom, how much (often only "at least" or "up to"), when, in what \
      status, and the exact quote each figure came from. Without --ledger, the bundled ledger \
      'seed' is used: every deal and figure of the seed article on the AI industry's \
      investment–procurement loop. 'public-2025' adds publicly reported deals to it.
      """,
    subcommands: [
      Report.self, Loops.self, Stress.self, Project.self, Extract.self, Draw.self, Analyze.self,
      Clear.self, DebtRankCommand.self, Validate.self,
    ],
    defaultSubcommand: nil)
}
