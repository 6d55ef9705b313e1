import ArgumentParser
import Foundation
import LoopLedgerApp

extension LoopLedgerCommand {
  struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a CSV edge list as a graph file that the bulk commands open without parsing.",
      discussion: """
        Reads FILE once, exactly as analyze, clear and debtrank read it (duplicate pairs summed, \
        self-loops dropped and counted, --skip-bad-rows), and writes the network — its CSR arrays, \
        node ids and row counts — to GRAPH in LoopLedger's versioned, checksummed binary form \
        (docs/graph-file.md). analyze, clear and debtrank accept GRAPH wherever they accept the \
        CSV, whatever its name, open it by memory-mapping, and give exactly the same results. A \
        damaged, cut-off or foreign file is refused with the problem named.
        """)

    @Argument(help: ArgumentHelp("The CSV edge list source,target,amount.", valueName: "file.csv"))
    var file: String

    @Argument(help: ArgumentHelp("The graph file to write.", valueName: "graph"))
    var graph: String

    @Flag(help: "Skip rows with a bad amount or a missing field, and count them.")
    var skipBadRows = false

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    var job: ConvertJob {
      var job = ConvertJob(file: file, graph: graph)
      job.skipBadRows = skipBadRows
      job.threads = threads
      return job
    }

    func validate() throws { try usage { try job.validate() } }

    func run() throws { try job.runFromCommandLine() }
  }
}
