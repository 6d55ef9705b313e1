import ArgumentParser
import LoopLedger
import LoopLedgerApp

extension LoopLedgerCommand {
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check ledger files, CSV edge lists and graph files, listing every problem at once.",
      discussion: """
        Each problem names the file, the entry (its index and id, or the CSV line), the field and \
        what is wrong: unknown companies, negative amounts, low above high, currencies without a \
        rate, duplicate ids, payer equal to payee, malformed dates, dangling supersededBy, unknown \
        fields. The format is documented in docs/ledger-format.md. A graph file (from `convert`, \
        told by its first bytes) is opened as the bulk commands open it: every size, row, weight, \
        id and checksum checked (docs/graph-file.md). Exits with status 1 if any file has a \
        problem.
        """)

    @Argument(
      help: ArgumentHelp("Ledger JSON files, CSV edge lists, graph files, or bundled ledger names.", valueName: "file"))
    var files: [String]

    func run() throws {
      if try ValidateJob(files: files).run() > 0 { throw ExitCode.failure }
    }
  }
}
