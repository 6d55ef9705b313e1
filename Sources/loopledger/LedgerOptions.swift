import ArgumentParser
import Foundation
import LoopLedger

/// Options shared by every subcommand that reads a ledger and builds its graph.
struct LedgerOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A bundled ledger (\(BundledLedger.names.joined(separator: ", "))), a ledger JSON file, or a CSV edge list.",
      valueName: "name-or-file"))
  var ledger: String = BundledLedger.defaultName

  @Option(help: "Graph level: 'group' merges units into their parent (AWS into Amazon); 'unit' keeps them.")
  var level: GraphLevel = .group

  @Option(
    name: .customLong("status"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "Deal statuses to include (default: all but cancelled and superseded).",
      valueName: DealStatus.allCases.map(\.rawValue).joined(separator: "|")))
  var statuses: [DealStatus] = []

  @Option(
    name: .customLong("kind"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "Deal kinds to include (default: all).",
      valueName: DealKind.allCases.map(\.rawValue).joined(separator: "|")))
  var kinds: [DealKind] = []

  @Option(help: ArgumentHelp("Include only deals announced on or after this date.", valueName: "YYYY[-MM[-DD]]"))
  var from: PartialDate?

  @Option(help: ArgumentHelp("Include only deals announced on or before this date.", valueName: "YYYY[-MM[-DD]]"))
  var to: PartialDate?

  @Option(
    name: .customLong("assume"),
    help: ArgumentHelp(
      "Assume an amount for a deal, labelled as an assumption in every output: DEAL=AMOUNT or DEAL=LOW..HIGH (e.g. openai-oracle-compute-2025=300B).",
      valueName: "deal=amount"))
  var assumptions: [String] = []

  var filter: GraphFilter {
    GraphFilter(
      level: level, statuses: statuses.isEmpty ? DealStatus.defaultIncluded : Set(statuses),
      kinds: kinds.isEmpty ? nil : Set(kinds), from: from, to: to)
  }

  func validate() throws {
    if let from, let to, to < from {
      throw ValidationError("'--from \(from)' is after '--to \(to)'.")
    }
    _ = try parsedAssumptions()
  }

  func parsedAssumptions() throws -> [DealID: Assumption] {
    var result: [DealID: Assumption] = [:]
    for text in assumptions {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty else {
        throw ValidationError("'--assume \(text)': write DEAL=AMOUNT or DEAL=LOW..HIGH.")
      }
      let bounds = parts[1].components(separatedBy: "..")
      let values = bounds.map { MoneyText.parse($0) }
      guard values.allSatisfy({ $0 != nil }), (1...2).contains(values.count) else {
        throw ValidationError(
          "'--assume \(text)': '\(parts[1])' is not an amount; write 20e9, 20B, 1.4T or 10B..30B.")
      }
      let numbers = values.compactMap { $0 }
      if numbers.count == 2, numbers[0] > numbers[1] {
        throw ValidationError("'--assume \(text)': the low end is above the high end.")
      }
      result[DealID(parts[0])] =
        numbers.count == 1
        ? Assumption(low: numbers[0], high: numbers[0], estimate: numbers[0], reason: "--assume on the command line")
        : Assumption(
          low: numbers[0], high: numbers[1], estimate: nil, reason: "--assume on the command line")
    }
    return result
  }

  /// Loads the ledger named by `--ledger` and applies `--assume`.
  func load() throws -> Ledger {
    var ledger = try LedgerLoader.load(self.ledger)
    let assumptions = try parsedAssumptions()
    if !assumptions.isEmpty { ledger = try ledger.assuming(assumptions) }
    return ledger
  }
}

/// Reads ledgers from bundled names, JSON files and CSV edge lists.
enum LedgerLoader {
  static func load(_ nameOrPath: String) throws -> Ledger {
    if BundledLedger.names.contains(nameOrPath) { return try BundledLedger.load(nameOrPath) }
    var visiting: Set<String> = []
    return try loadFile(nameOrPath, visiting: &visiting)
  }

  static func loadFile(_ path: String, visiting: inout Set<String>) throws -> Ledger {
    let url = URL(fileURLWithPath: path)
    let canonical = url.standardizedFileURL.path
    guard visiting.insert(canonical).inserted else {
      throw LedgerError.unreadable(file: path, reason: "it extends itself (a loop of 'extends')")
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      if !FileManager.default.fileExists(atPath: path) {
        throw LedgerError.unreadable(
          file: path,
          reason:
            "no such file, and no bundled ledger has that name (bundled: \(BundledLedger.names.joined(separator: ", ")))"
        )
      }
      throw LedgerError.unreadable(file: path, reason: error.localizedDescription)
    }
    if url.pathExtension.lowercased() == "csv" {
      return try EdgeListCSV.ledger(from: String(decoding: data, as: UTF8.self), file: path)
    }
    var nested = visiting
    let directory = url.deletingLastPathComponent()
    let ledger = try LedgerFile.decode(data, file: path) { base in
      if BundledLedger.names.contains(base) { return try BundledLedger.load(base) }
      let basePath = base.hasPrefix("/") ? base : directory.appendingPathComponent(base).path
      return try loadFile(basePath, visiting: &nested)
    }
    return ledger
  }
}

extension GraphLevel: ExpressibleByArgument {}
extension DealStatus: ExpressibleByArgument {}
extension DealKind: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

extension PartialDate: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}
