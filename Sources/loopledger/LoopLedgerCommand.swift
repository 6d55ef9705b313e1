import ArgumentParser
import Foundation
import LoopLedger
import LoopLedgerApp

@main
struct LoopLedgerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "loopledger",
    abstract: "Map, measure and stress-test circular financing between companies.",
    discussion: """
      A ledger records who pays whom, how much (often only "at least" or "up to"), when, in what \
      status, and the exact quote each figure came from. Without --ledger, the ledger store is \
      read if there is one (loopledger db init creates it), else the bundled ledger 'seed' is used: every deal and figure of the seed article on the AI industry's \
      investment–procurement loop. 'public-2025' adds publicly reported deals to it, and \
      'public-2026' what was reported after the seed article.
      """,
    subcommands: [
      Report.self, Loops.self, Stress.self, Project.self, Extract.self, Draw.self, Analyze.self,
      Clear.self, DebtRankCommand.self, Convert.self, Validate.self, Db.self, DealCommand.self, CompanyCommand.self,
      DocumentCommand.self, Review.self, History.self, Undo.self, Serve.self,
    ],
    defaultSubcommand: nil)

  /// Parses and runs; every error is shown by the one error formatter (``ErrorText``), with the
  /// control characters of file contents escaped.
  static func main() {
    var parsed: (any ParsableCommand)? = nil
    do {
      var command = try parseAsRoot()
      parsed = command
      try command.run()
    } catch let error as ArgumentValueError {
      // An option value that only the run could check (it needed the ledger): a usage error.
      let name = parsed.map { type(of: $0)._commandName } ?? ""
      let message =
        "Error: \(error.message)\n  See 'loopledger \(name)\(name.isEmpty ? "" : " ")--help' for more information."
      FileHandle.standardError.write(Data((VisibleText.escape(message) + "\n").utf8))
      Foundation.exit(ExitCode.validationFailure.rawValue)
    } catch {
      let code = exitCode(for: error)
      // Help and --version go to standard output as ArgumentParser writes them.
      if code == .success { exit(withError: error) }
      let message = ErrorText.message(for: error) ?? fullMessage(for: error)
      if !message.isEmpty { FileHandle.standardError.write(Data((VisibleText.escape(message) + "\n").utf8)) }
      Foundation.exit(code.rawValue)
    }
  }
}
