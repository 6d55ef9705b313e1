import Foundation

/// The ledgers shipped with LoopLedger as package resources.
public enum BundledLedger {
  /// The name of the ledger used when no file is given.
  public static let defaultName = "seed"

  /// The bundled ledgers' names: `seed` (every deal and figure of the seed article) and
  /// `public-2025` (the seed plus publicly reported deals, each with its source).
  public static let names = ["seed", "public-2025"]

  /// Loads a bundled ledger by name.
  ///
  /// - Throws: ``LedgerError/unknownBundledLedger(_:available:)`` for an unknown name, or
  ///   ``LedgerError/invalid(file:issues:)`` if the resource fails validation.
  public static func load(_ name: String) throws -> Ledger {
    guard names.contains(name),
      let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "ledgers")
    else { throw LedgerError.unknownBundledLedger(name, available: names) }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw LedgerError.unreadable(file: "bundled:\(name)", reason: "\(error)")
    }
    return try LedgerFile.decode(data, file: "bundled:\(name)") { base in
      guard base != name else { throw LedgerError.unknownBundledLedger(base, available: names) }
      return try load(base)
    }
  }
}
