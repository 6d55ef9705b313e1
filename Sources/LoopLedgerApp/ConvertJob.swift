import Foundation
import LoopLedger
import LoopLedgerIO

/// `loopledger convert FILE GRAPH`: reads a bulk edge list once and writes it as a graph file
/// (``GraphFile``), which `analyze`, `clear` and `debtrank` then open without parsing.
public struct ConvertJob: Job {
  /// The CSV edge list (or a graph file, which is checked and written again).
  public var file: String
  /// Where the graph file goes.
  public var graph: String
  public var skipBadRows = false
  public var threads = ProcessInfo.processInfo.activeProcessorCount

  public init(file: String, graph: String) {
    self.file = file
    self.graph = graph
  }

  public func validate() throws {
    try FlagRule.check("threads", threads)
  }

  public var inputs: [String] { [file] }

  public func outputs(progress: ProgressLine) throws -> [Output] {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try BulkEdgeList.read(path: file, skipBadRows: skipBadRows, threads: threads, progress: progress)
      .result
    let loaded = clock.now
    progress.update("writing \(graph)")
    let bytes = GraphFile.encode(result)
    progress.finish(nil)
    let network = result.network
    let summary =
      "\(graph): \(network.nodeCount) nodes, \(network.edgeCount) edges from \(file) (\(result.rows) rows; "
      + "\(result.mergedRows) merged into earlier pairs, \(result.selfLoops) self-loops dropped, "
      + "\(result.skippedRows) bad rows skipped); \(bytes.count) bytes, graph file format "
      + "\(GraphFile.version); read in \(String(format: "%.3f", seconds(loaded - start))) s\n"
    return [Output(bytes: bytes, to: .file(graph)), Output(summary, to: .standardOutput)]
  }
}
