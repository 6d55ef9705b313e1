import Foundation
import LoopLedger
import LoopLedgerStore

/// Where the ledger store lives: `--db PATH`, else `LOOPLEDGER_DB`, else
/// `$XDG_DATA_HOME/loopledger/ledger.sqlite`, else `~/.local/share/loopledger/ledger.sqlite`.
public struct StoreLocation: Sendable, Equatable {
  /// The database file.
  public var path: String
  /// Where the path came from: `--db`, `LOOPLEDGER_DB`, `XDG_DATA_HOME` or `default`.
  public var origin: String

  /// Resolves the store's path from the flag and the environment (`LOOPLEDGER_DB`,
  /// `XDG_DATA_HOME`, `HOME`).
  ///
  /// - Parameters:
  ///   - flag: The value of `--db`, if given.
  ///   - environment: The process environment (tests pass their own).
  /// - Returns: The path and where it came from.
  public static func resolve(
    flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> StoreLocation {
    if let flag, !flag.isEmpty { return StoreLocation(path: flag, origin: "--db") }
    if let path = environment["LOOPLEDGER_DB"], !path.isEmpty {
      return StoreLocation(path: path, origin: "LOOPLEDGER_DB")
    }
    if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
      return StoreLocation(path: data + "/loopledger/ledger.sqlite", origin: "XDG_DATA_HOME")
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return StoreLocation(path: home + "/.local/share/loopledger/ledger.sqlite", origin: "default")
  }

  /// Whether a file is there (a store to read; commands that read never create one).
  public var exists: Bool { FileManager.default.fileExists(atPath: path) }

  /// Opens the store for reading: refuses a path where there is no file instead of creating one.
  ///
  /// - Returns: The open store.
  /// - Throws: ``StoreError`` when there is no file, or the file is no LoopLedger store.
  public func openExisting() throws -> LedgerStore {
    guard exists else {
      throw StoreError.cannotOpen(
        path: path, detail: "there is no store here (\(origin)); create one with `loopledger db init`")
    }
    return try LedgerStore.open(path: path)
  }
}
