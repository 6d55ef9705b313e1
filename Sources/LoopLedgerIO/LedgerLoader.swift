import Foundation
import LoopLedger

/// Where a ledger comes from.
///
/// The CLI's `--ledger` and the server resolve the same text the same way: a bundled name
/// (`seed`), a CSV edge list (`edges.csv`), or a ledger JSON file, whose `extends` may name a
/// bundled ledger or a path relative to the file.
public enum LedgerSource: Sendable, Equatable, CustomStringConvertible {
  case bundled(String)
  case ledgerFile(String)
  case edgeList(String)

  /// The source a `--ledger` argument names.
  public init(_ nameOrPath: String) {
    if BundledLedger.names.contains(nameOrPath) {
      self = .bundled(nameOrPath)
    } else if URL(fileURLWithPath: nameOrPath).pathExtension.lowercased() == "csv" {
      self = .edgeList(nameOrPath)
    } else {
      self = .ledgerFile(nameOrPath)
    }
  }

  /// The file it reads, if any (so that no output overwrites it).
  public var path: String? {
    switch self {
    case .bundled: nil
    case .ledgerFile(let path), .edgeList(let path): path
    }
  }

  public var description: String {
    switch self {
    case .bundled(let name): name
    case .ledgerFile(let path), .edgeList(let path): path
    }
  }
}

/// Reads ledgers from bundled names, JSON files and CSV edge lists.
public enum LedgerLoader {
  /// The longest chain of `extends` followed before giving up.
  public static let maximumExtendsDepth = 64

  /// Loads the ledger a `--ledger` argument names.
  public static func load(_ nameOrPath: String) throws -> Ledger {
    try load(LedgerSource(nameOrPath))
  }

  /// Loads a ledger from its source.
  public static func load(_ source: LedgerSource) throws -> Ledger {
    switch source {
    case .bundled(let name):
      return try BundledLedger.load(name)
    case .edgeList(let path):
      let data = try InputFile.read(path, missing: missingReason)
      return try EdgeListCSV.ledger(from: String(decoding: data, as: UTF8.self), file: path)
    case .ledgerFile(let path):
      var chain: [String] = []
      return try loadFile(path, chain: &chain)
    }
  }

  private static var missingReason: String {
    "no such file, and no bundled ledger has that name (bundled: \(BundledLedger.names.joined(separator: ", ")))"
  }

  private static func loadFile(_ path: String, chain: inout [String]) throws -> Ledger {
    let url = URL(fileURLWithPath: path)
    let canonical = url.standardizedFileURL.path
    guard !chain.contains(canonical) else {
      throw LedgerError.unreadable(file: path, reason: "it extends itself (a loop of 'extends')")
    }
    guard chain.count < maximumExtendsDepth else {
      throw LedgerError.unreadable(
        file: path, reason: "more than \(maximumExtendsDepth) ledgers extend one another in a chain")
    }
    if url.pathExtension.lowercased() == "csv" {
      let data = try InputFile.read(path, missing: missingReason)
      return try EdgeListCSV.ledger(from: String(decoding: data, as: UTF8.self), file: path)
    }
    let data = try InputFile.read(path, missing: missingReason)
    chain.append(canonical)
    defer { chain.removeLast() }
    let directory = url.deletingLastPathComponent()
    var nested = chain
    return try LedgerFile.decode(data, file: path) { base in
      if BundledLedger.names.contains(base) { return try BundledLedger.load(base) }
      let basePath = base.hasPrefix("/") ? base : directory.appendingPathComponent(base).path
      return try loadFile(basePath, chain: &nested)
    }
  }
}
