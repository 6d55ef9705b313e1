import Foundation
import LoopLedger

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The network a bulk command (`analyze`, `clear`, `debtrank`, `convert`) reads: a graph file
/// (``GraphFile``, recognised by its first bytes, whatever its name) or a CSV edge list.
public enum BulkEdgeList {
  /// What kind of network file a path holds.
  public enum Kind: Sendable, Equatable {
    case csv, graphFile
  }

  /// Reads the network at `path`, a graph file or a CSV edge list.
  ///
  /// A graph file is memory-mapped and checked (its checksums too, on `threads` threads);
  /// anything else is read as a CSV edge list in 8 MiB chunks, with its plain rows parsed on
  /// `threads` threads. Either way the result is the same for any number of threads, and a graph
  /// file gives exactly what the CSV it was converted from gives.
  ///
  /// - Parameters:
  ///   - path: The file, or a stream such as a pipe.
  ///   - skipBadRows: For a CSV: skip and count bad rows. A graph file holds no bad rows (it
  ///     records how many were skipped when it was written), so this does not apply to it.
  ///   - threads: Threads for parsing or checking.
  ///   - progress: Where progress is shown.
  /// - Returns: The result and which kind of file it came from.
  /// - Throws: ``LedgerError`` naming the file and the problem.
  public static func read(
    path: String, skipBadRows: Bool, threads: Int = 1, progress: ProgressLine
  ) throws -> (result: EdgeListCSV.Result, kind: Kind) {
    let (fd, isStream, size) = try InputFile.openSized(path)
    defer { close(fd) }
    // The first bytes decide; they are read once and handed on.
    var buffer = [UInt8](repeating: 0, count: 8 << 20)
    var first = try InputFile.readSome(fd, into: &buffer, path: path)
    while first > 0, first < GraphFile.magic.count {
      let more = try readMore(fd, into: &buffer, at: first, path: path)
      if more == 0 { break }
      first += more
    }
    let isGraph = buffer.withUnsafeBytes {
      GraphFile.isGraphFile(prefix: UnsafeRawBufferPointer(rebasing: $0[0..<first]))
    }
    if isGraph {
      progress.update("opening \(path)")
      if !isStream, size > 0 {
        return (try mapped(fd: fd, size: size, path: path, threads: threads), .graphFile)
      }
      var bytes = Array(buffer[0..<first])
      buffer = []
      try readRest(fd, into: &bytes, path: path)
      let result = try bytes.withUnsafeBytes { try GraphFile.decode($0, file: path, threads: threads) }
      return (result, .graphFile)
    }
    let result = try EdgeListCSV.read(
      buffer: &buffer, filled: first,
      fill: { space in try InputFile.readSome(fd, into: space, path: path) }, file: path,
      expectedBytes: isStream ? nil : size, skipBadRows: skipBadRows, threads: threads,
      progress: { consumed in
        let share = size > 0 ? " (\(Int(Double(consumed) / Double(size) * 100))%)" : ""
        progress.update("reading \(path): \(consumed >> 20) MiB\(share)")
      })
    return (result, .csv)
  }

  /// What kind of network file `path` holds, from its first bytes (a CSV when it cannot tell).
  public static func kind(of path: String) -> Kind {
    guard InputFile.kind(of: path) == .regular else { return .csv }
    let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
    guard fd >= 0 else { return .csv }
    defer { close(fd) }
    var prefix = [UInt8](repeating: 0, count: GraphFile.magic.count)
    let count = prefix.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return .csv }
    return prefix.withUnsafeBytes { GraphFile.isGraphFile(prefix: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
      ? .graphFile : .csv
  }

  /// Maps the regular file and decodes it; the mapping is released before returning.
  private static func mapped(fd: Int32, size: Int, path: String, threads: Int) throws -> EdgeListCSV.Result {
    #if os(Linux)
    let flags = MAP_PRIVATE | MAP_POPULATE
    #else
    let flags = MAP_PRIVATE
    #endif
    guard let address = mmap(nil, size, PROT_READ, flags, fd, 0), address != MAP_FAILED else {
      throw LedgerError.unreadable(file: path, reason: "it cannot be memory-mapped: \(InputFile.reason(errno))")
    }
    defer { munmap(address, size) }
    return try GraphFile.decode(UnsafeRawBufferPointer(start: address, count: size), file: path, threads: threads)
  }

  /// Reads more bytes into `buffer` after its first `used`.
  private static func readMore(_ fd: Int32, into buffer: inout [UInt8], at used: Int, path: String) throws -> Int {
    try buffer.withUnsafeMutableBytes {
      try InputFile.readSome(fd, into: UnsafeMutableRawBufferPointer(rebasing: $0[used...]), path: path)
    }
  }

  /// Reads a stream to its end onto `bytes`, up to the length a graph file's header declares
  /// (or ``InputFile/maximumStreamBytes`` when it declares none).
  private static func readRest(_ fd: Int32, into bytes: inout [UInt8], path: String) throws {
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var limit = InputFile.maximumStreamBytes
    while true {
      if let declared = bytes.withUnsafeBytes({ GraphFile.declaredLength(prefix: $0) }) {
        limit = max(limit, declared)
      }
      let count = try InputFile.readSome(fd, into: &chunk, path: path)
      if count == 0 { return }
      bytes.append(contentsOf: chunk[0..<count])
      if bytes.count > limit {
        throw LedgerError.unreadable(
          file: path, reason: "it goes on past the \(limit >> 20) MiB a graph file's header allows (an endless stream?)"
        )
      }
    }
  }
}
