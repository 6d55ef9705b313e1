import Foundation
import LoopLedger

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension EdgeListCSV {
  /// Reads a CSV edge list from disk in 8 MiB chunks, reporting progress; the plain rows of each
  /// chunk are parsed on `threads` threads (the result is the same for any number).
  public static func read(
    path: String, skipBadRows: Bool, threads: Int = 1, progress: ProgressLine
  ) throws -> Result {
    let (fd, _, size) = try InputFile.openSized(path)
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 8 << 20)
    return try read(
      chunks: {
        let count = try InputFile.readSome(fd, into: &buffer, path: path)
        return count == 0 ? nil : Array(buffer[0..<count])
      }, file: path, skipBadRows: skipBadRows, threads: threads,
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

  /// Reads an `id,amount` CSV from disk, with the line of each value.
  public static func readWithLines(path: String) throws -> [String: Value] {
    try readWithLines(try InputFile.readText(path), file: path)
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
