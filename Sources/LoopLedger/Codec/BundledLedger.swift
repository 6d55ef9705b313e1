import Foundation

/// The ledgers shipped with LoopLedger, compiled into the binary.
///
/// The JSON files live in `Sources/LoopLedger/Resources/ledgers/` (edit those);
/// `Scripts/embed-ledgers.py` copies them into `BundledLedger+Embedded.swift`, so that a
/// `loopledger` binary copied anywhere is self-contained. A test checks that the two agree.
public enum BundledLedger {
  /// The name of the ledger used when no file is given.
  public static let defaultName = "seed"

  /// The bundled ledgers' names: `seed` (every deal and figure of the seed article),
  /// `public-2025` (the seed plus publicly reported deals of 2023–2025, each with its source) and
  /// `public-2026` (public-2025 plus what was reported after the seed article, to mid-2026).
  public static let names = ["seed", "public-2025", "public-2026"]

  /// Loads a bundled ledger by name.
  ///
  /// - Throws: ``LedgerError/unknownBundledLedger(_:available:)`` for an unknown name, or
  ///   ``LedgerError/invalid(file:issues:)`` if the resource fails validation.
  public static func load(_ name: String) throws -> Ledger {
    guard names.contains(name), let json = embeddedJSON[name] else {
      throw LedgerError.unknownBundledLedger(name, available: names)
    }
    return try LedgerFile.decode(Data(json.utf8), file: "bundled:\(name)") { base in
      guard base != name else { throw LedgerError.unknownBundledLedger(base, available: names) }
      return try load(base)
    }
  }
}
