import ArgumentParser
import Foundation
import LoopLedger
import LoopLedgerRender

extension LoopLedgerCommand {
  struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure the circularity of a large flow network given as a CSV edge list.",
      discussion: """
        FILE is a CSV edge list with a header naming source, target and amount (other columns are \
        ignored). Duplicate (source, target) pairs are summed; self-loops are dropped and counted. \
        Three analyses run unless --only picks some: cycle counts (elementary cycles of at most \
        --max-length steps: 3 by default; 4 counts 4-cycles too; 'all' counts every cycle, which \
        grows exponentially), the Hodge decomposition of the net flow into gradient and circular \
        parts, and the maximum circulation (the largest balanced part of the flow, with a duality \
        gap that proves it optimal; 79–95 s on a heavy-tailed 10^7-edge graph, or skipped above \
        --circulation-limit edges). JSON output is documented in docs/analyze-json.md.
        """)

    @Argument(help: ArgumentHelp("The CSV edge list.", valueName: "file.csv"))
    var file: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(
      name: .customLong("only"), parsing: .upToNextOption,
      help: ArgumentHelp("Run only these analyses.", valueName: "cycles|hodge|circulation"))
    var only: [AnalysisName] = []

    @Option(help: "Longest cycle to count, in steps, or 'all'.")
    var maxLength: String = "3"

    @Flag(help: "Only count cycles (count, total length, longest, histogram); list none.")
    var countOnly = false

    @Option(help: "How many cycles to list unless --count-only.")
    var limit: Int = 20

    @Option(help: "Stop counting cycles after this many (the count is then a lower bound).")
    var maxCycles: Int?

    @Flag(help: "Weight each pair by its gross flow in the Hodge decomposition.")
    var weighted = false

    @Option(help: "Relative residual at which the Hodge solver stops.")
    var tolerance: Double = 1e-10

    @Option(help: "Most conjugate-gradient iterations.")
    var maxIterations: Int = 20_000

    @Option(help: "Skip the maximum circulation above this many edges (default: never skip).")
    var circulationLimit: Int?

    @Option(help: ArgumentHelp("Write each node's Hodge potential to this CSV.", valueName: "file"))
    var nodes: String?

    @Flag(help: "Skip rows with a bad amount or a missing field, and count them.")
    var skipBadRows = false

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    enum AnalysisName: String, ExpressibleByArgument, CaseIterable {
      case cycles, hodge, circulation
    }

    func validate() throws {
      if maxLength != "all" {
        guard let bound = Int(maxLength), bound >= 2 else {
          throw ValidationError("'--max-length' must be a number of at least 2, or 'all'; got '\(maxLength)'.")
        }
      }
      if threads < 1 { throw ValidationError("'--threads' must be at least 1.") }
      if limit < 0 { throw ValidationError("'--limit' cannot be negative.") }
      if let circulationLimit, circulationLimit < 0 {
        throw ValidationError("'--circulation-limit' cannot be negative.")
      }
      if let maxCycles, maxCycles < 1 { throw ValidationError("'--max-cycles' must be at least 1.") }
      if !(tolerance > 0 && tolerance < 1) { throw ValidationError("'--tolerance' must be in (0, 1).") }
    }

    func run() throws {
      let progress = Progress(enabled: isatty(2) == 1)
      let clock = ContinuousClock()
      let loadStart = clock.now
      let result = try readEdgeList(file, skipBadRows: skipBadRows, progress: progress)
      let loadSeconds = seconds(clock.now - loadStart)
      progress.finish("read \(result.rows) rows: \(result.network.nodeCount) nodes, \(result.network.edgeCount) edges")

      var options = CircularityAnalysis.Options()
      let selected = Set(only.isEmpty ? AnalysisName.allCases : only)
      options.cycles = selected.contains(.cycles)
      options.hodge = selected.contains(.hodge)
      options.circulation = selected.contains(.circulation)
      options.maxLength = maxLength == "all" ? nil : Int(maxLength)
      options.listLimit = countOnly ? 0 : limit
      options.cycleBudget = maxCycles ?? .max
      options.threads = threads
      options.weightedHodge = weighted
      options.tolerance = tolerance
      options.maxIterations = maxIterations
      options.circulationEdgeLimit = circulationLimit
      var timings: [String: Double] = ["load": loadSeconds]
      progress.update("analysing…")
      let analysis = try CircularityAnalysis(
        network: result.network, ids: result.ids, options: options,
        timing: { name, elapsed in
          timings[name] = elapsed
          progress.update("\(name) done in \(String(format: "%.2f", elapsed)) s")
        },
        progress: { progress.update($0) })
      progress.finish(nil)
      if let nodes, let hodge = analysis.hodge {
        try writePotentials(nodes, ids: result.ids, network: result.network, potential: hodge.potential)
      }
      let summary = AnalyzeOutput(
        file: file, rows: result.rows, selfLoops: result.selfLoops, mergedRows: result.mergedRows,
        skippedRows: result.skippedRows, analysis: analysis, timings: timings,
        circulationSkipped: selected.contains(.circulation) && analysis.circulation == nil)
      switch format {
      case .json: print(try JSONOutput.string(summary), terminator: "")
      case .text, .markdown: print(summary.text(), terminator: "")
      }
    }

    private func writePotentials(_ path: String, ids: [String], network: FlowNetwork, potential: [Double]) throws {
      let inflow = network.inStrength()
      let outflow = network.outStrength()
      var text = "id,potential,inflow,outflow\n"
      for node in 0..<network.nodeCount {
        let id = ids[node].contains(",") || ids[node].contains("\"")
          ? "\"" + ids[node].replacingOccurrences(of: "\"", with: "\"\"") + "\"" : ids[node]
        text += "\(id),\(potential[node]),\(inflow[node]),\(outflow[node])\n"
      }
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
      } catch {
        throw ValidationError("Cannot write '\(path)': \(error.localizedDescription)")
      }
    }
  }
}

/// Reads a CSV edge list from disk in 8 MiB chunks, reporting progress.
func readEdgeList(_ path: String, skipBadRows: Bool, progress: Progress) throws -> EdgeListCSV.Result {
  guard let handle = FileHandle(forReadingAtPath: path) else {
    throw LedgerError.unreadable(file: path, reason: "no such file, or it cannot be opened")
  }
  defer { try? handle.close() }
  let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
  return try EdgeListCSV.read(
    chunks: {
      let data = try handle.read(upToCount: 8 << 20) ?? Data()
      return data.isEmpty ? nil : [UInt8](data)
    }, file: path, skipBadRows: skipBadRows,
    progress: { consumed in
      let share = size > 0 ? " (\(Int(Double(consumed) / Double(size) * 100))%)" : ""
      progress.update("reading \(path): \(consumed >> 20) MiB\(share)")
    })
}

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// One status line on standard error, rewritten in place; silent when stderr is not a terminal.
final class Progress {
  let enabled: Bool
  init(enabled: Bool) { self.enabled = enabled }

  func update(_ message: String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[2K\(message)".utf8))
  }

  func finish(_ message: String?) {
    guard enabled else { return }
    FileHandle.standardError.write(Data(("\r\u{1B}[2K" + (message.map { $0 + "\n" } ?? "")).utf8))
  }
}

/// The `analyze` output: the analysis plus what the reader did and how long each step took.
struct AnalyzeOutput: Encodable {
  var file: String
  var rows: Int
  var selfLoops: Int
  var mergedRows: Int
  var skippedRows: Int
  var analysis: CircularityAnalysis
  var timings: [String: Double]
  var circulationSkipped: Bool

  enum CodingKeys: String, CodingKey {
    case file, rows, selfLoops, mergedRows, skippedRows, edges, nodes, cycles, hodge, circulation,
      timings, circulationSkipped
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(file, forKey: .file)
    try container.encode(rows, forKey: .rows)
    try container.encode(selfLoops, forKey: .selfLoops)
    try container.encode(mergedRows, forKey: .mergedRows)
    try container.encode(skippedRows, forKey: .skippedRows)
    try container.encode(analysis.edges, forKey: .edges)
    try container.encode(analysis.nodes, forKey: .nodes)
    try container.encode(analysis.cycles, forKey: .cycles)
    try container.encode(analysis.hodge, forKey: .hodge)
    try container.encode(analysis.circulation, forKey: .circulation)
    try container.encode(timings, forKey: .timings)
    try container.encode(circulationSkipped, forKey: .circulationSkipped)
  }

  func text() -> String {
    var lines = ["\(file): \(analysis.nodes) nodes, \(analysis.edges) edges (\(rows) rows; \(mergedRows) merged into earlier pairs, \(selfLoops) self-loops dropped, \(skippedRows) bad rows skipped)"]
    if let cycles = analysis.cycles {
      let bound = cycles.maxLength.map { "≤ \($0) steps" } ?? "any length"
      lines.append("")
      lines.append("Cycles (\(bound), \(cycles.method), \(cycles.threads) thread\(cycles.threads == 1 ? "" : "s")):")
      lines.append("  count \(cycles.complete ? "" : "≥ ")\(cycles.count), total length \(cycles.sumLength), longest \(cycles.longest)")
      let histogram = cycles.histogram.enumerated().filter { $0.offset > 0 && $0.element > 0 }
        .map { "\($0.offset): \($0.element)" }
      if !histogram.isEmpty { lines.append("  by length  " + histogram.joined(separator: "  ")) }
      if !cycles.complete { lines.append("  ⚠ stopped at --max-cycles; the count is a lower bound") }
      for cycle in cycles.listed { lines.append("  " + (cycle + [cycle[0]]).joined(separator: " → ")) }
    }
    if let hodge = analysis.hodge {
      lines.append("")
      lines.append("Hodge decomposition of the net flow\(hodge.weighted ? " (weighted by gross flow)" : ""):")
      lines.append("  circular share \(String(format: "%.6f", hodge.circularShare))  (‖f‖² \(hodge.total), gradient \(hodge.gradient), circular \(hodge.circular))")
      lines.append("  \(hodge.supportEdges) pairs in \(hodge.components) components; \(hodge.iterations) CG iterations, relative residual \(String(format: "%.2e", hodge.relativeResidual))\(hodge.converged ? "" : " — NOT converged")")
    }
    if let circulation = analysis.circulation {
      lines.append("")
      lines.append("Maximum circulation: \(String(format: "%.6f", circulation.maxCircularity)) of all flow goes round (\(circulation.circulation) of \(circulation.totalFlow))")
      lines.append("  proven optimal to \(String(format: "%.1e", abs(circulation.gap))) of the flow by the dual bound \(circulation.upperBound); \(circulation.phases) phases")
    } else if circulationSkipped {
      lines.append("")
      lines.append("Maximum circulation skipped: more edges than --circulation-limit.")
    }
    lines.append("")
    lines.append("Timings (s): " + timings.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.3f", $0.value))" }.joined(separator: ", "))
    return lines.joined(separator: "\n") + "\n"
  }
}
