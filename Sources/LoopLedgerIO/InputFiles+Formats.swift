import Foundation
import LoopLedger

extension EdgeListCSV {
  /// Reads a CSV edge list from disk in 8 MiB chunks, reporting progress.
  public static func read(path: String, skipBadRows: Bool, progress: ProgressLine) throws -> Result {
    switch InputFile.kind(of: path) {
    case .missing: throw LedgerError.unreadable(file: path, reason: "no such file, or it cannot be opened")
    case .directory: throw LedgerError.unreadable(file: path, reason: "it is a directory, not a file")
    default: break
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw LedgerError.unreadable(file: path, reason: "no such file, or it cannot be opened")
    }
    defer { try? handle.close() }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    return try read(
      chunks: {
        let data = try handle.read(upToCount: 8 << 20) ?? Data()
        return data.isEmpty ? nil : [UInt8](data)
      }, file: path, skipBadRows: skipBadRows,
      progress: { consumed in
        let share = size > 0 ? " (\(Int(Double(consumed) / Double(size) * 100))%)" : ""
        progress.update("reading \(path): \(consumed >> 20) MiB\(share)")
      })
  }
}

extension NodeValuesCSV {
  /// Reads an `id,amount` CSV from disk.
  public static func read(path: String) throws -> [String: Double] {
    try read(try InputFile.readText(path), file: path)
  }
}

extension ProjectionScenarioFile {
  /// Reads a scenario file from disk.
  public static func load(path: String, base: ProjectionScenario = .defaults) throws -> ProjectionScenario {
    try decode(try InputFile.read(path), file: path, base: base)
  }
}

extension StressScenario {
  /// A built-in scenario by name, or a scenario JSON file.
  public static func resolve(_ nameOrPath: String, ledger: Ledger) throws -> StressScenario {
    if builtInNames.contains(nameOrPath) { return try builtIn(nameOrPath, ledger: ledger) }
    guard InputFile.kind(of: nameOrPath) != .missing else {
      throw LedgerError.unreadable(
        file: nameOrPath,
        reason: "it is neither a built-in scenario (\(builtInNames.joined(separator: ", "))) nor a file")
    }
    return try StressScenarioFile.decode(try InputFile.read(nameOrPath), file: nameOrPath)
  }
}
