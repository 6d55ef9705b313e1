import Foundation
import LoopLedger

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
  Glibc.write(fd, buffer, count)
  #elseif canImport(Musl)
  Musl.write(fd, buffer, count)
  #else
  Darwin.write(fd, buffer, count)
  #endif
}

/// A result that could not be written, with the path and the cause in words.
public struct OutputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The path as the user gave it, or "standard output".
  public var path: String
  public var reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  public var description: String { "Cannot write '\(path)': \(reason)" }
}

/// Where a result goes: standard output or a file.
public enum OutputTarget: Sendable, Equatable {
  case standardOutput
  /// Messages beside the result (timings, warnings), never the result itself.
  case standardError
  case file(String)

  /// A file when `path` is given, else standard output.
  public init(_ path: String?) { self = path.map(OutputTarget.file) ?? .standardOutput }
}

/// One result of a command: its text (or, for a binary file, its bytes) and where it goes.
public struct Output: Sendable, Equatable {
  public var target: OutputTarget
  public var text: String
  /// Bytes written exactly as they are instead of `text` (a graph file); nil for text.
  public var bytes: [UInt8]?

  public init(_ text: String, to target: OutputTarget) {
    self.text = text
    self.target = target
  }

  /// Binary output, written byte for byte (no control characters are escaped).
  public init(bytes: [UInt8], to target: OutputTarget) {
    self.text = ""
    self.bytes = bytes
    self.target = target
  }
}

/// The one way LoopLedger writes results.
///
/// - Standard output: written whole and flushed; a failed write (a full disk, `> /dev/full`, a
///   closed pipe) is an error, never a silent success.
/// - A new file, or an existing regular file: written to a temporary file in the same folder and
///   renamed over the target, so a reader sees the old bytes or the new, never half; an existing
///   file keeps its permission bits (and, when run as root, its owner).
/// - A regular file with several hard links: written in place, so every link keeps seeing it.
/// - A symbolic link is followed: the file it points to is replaced and the link stays.
/// - A character device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe): written through.
/// - A directory, or a file that is an input of the same command: refused before anything is
///   written.
///
/// Control characters that came from input files (a company name with ESC in it) are written as
/// escapes (``VisibleText``), so no result can drive the terminal that shows it.
public enum OutputWriter {
  /// Writes every output, checking every target first so that nothing is written when one of
  /// them is refused.
  ///
  /// - Parameters:
  ///   - outputs: The texts and where each goes (standard output or a file).
  ///   - inputs: Paths the command read; none of them is overwritten.
  /// - Throws: ``OutputError`` naming the path and the reason when a target is refused or a write
  ///   fails.
  public static func write(_ outputs: [Output], inputs: [String] = []) throws {
    let inputIdentities = inputs.compactMap(identity)
    for output in outputs {
      if case .file(let path) = output.target { try check(path, inputs: inputIdentities) }
    }
    for output in outputs {
      let bytes = output.bytes ?? Array(VisibleText.escape(output.text).utf8)
      switch output.target {
      case .standardOutput: try writeAll(1, bytes, shown: "standard output")
      case .standardError: FileHandle.standardError.write(Data(bytes))
      case .file(let path): try writeFile(bytes, to: path)
      }
    }
  }

  /// Writes one text to a file or, with `nil`, to standard output.
  public static func write(_ text: String, to path: String?, inputs: [String] = []) throws {
    try write([Output(text, to: OutputTarget(path))], inputs: inputs)
  }

  /// Writes `text` to standard output, unbuffered, so that a failed write is seen.
  public static func writeStandardOutput(_ text: String) throws {
    try writeAll(1, Array(VisibleText.escape(text).utf8), shown: "standard output")
  }

  // MARK: - Files

  private struct Identity: Equatable {
    var device: UInt64
    var inode: UInt64
  }

  private static func identity(_ path: String) -> Identity? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
  }

  private static func check(_ path: String, inputs: [Identity]) throws {
    if path.isEmpty { throw OutputError(path: path, reason: "the path is empty") }
    var info = stat()
    if stat(path, &info) == 0 {
      if info.st_mode & S_IFMT == S_IFDIR { throw OutputError(path: path, reason: "it is a directory") }
      if let target = identity(path), inputs.contains(target) {
        throw OutputError(path: path, reason: "it is an input of this command; refusing to overwrite it")
      }
      return
    }
    let folder = (resolvedPath(path) as NSString).deletingLastPathComponent
    let shown = folder.isEmpty ? "." : folder
    var folderInfo = stat()
    if stat(shown, &folderInfo) != 0 {
      throw OutputError(path: path, reason: "the folder '\(shown)' does not exist")
    }
    if folderInfo.st_mode & S_IFMT != S_IFDIR {
      throw OutputError(path: path, reason: "'\(shown)' is not a folder")
    }
  }

  /// The path with symbolic links in its last component followed.
  private static func resolvedPath(_ path: String) -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
      guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
      current =
        target.hasPrefix("/")
        ? target : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
    }
    return current
  }

  private static func writeFile(_ text: [UInt8], to path: String) throws {
    let target = resolvedPath(path)
    var info = stat()
    if stat(target, &info) == 0 {
      let type = info.st_mode & S_IFMT
      if type == S_IFCHR || type == S_IFIFO || (type == S_IFREG && info.st_nlink > 1) {
        try writeThrough(text, to: target, shown: path, truncate: type == S_IFREG)
        return
      }
      guard type == S_IFREG else {
        throw OutputError(path: path, reason: "it is not a regular file, a pipe or a device")
      }
      try replace(text, at: target, shown: path, keeping: info)
    } else {
      try replace(text, at: target, shown: path, keeping: nil)
    }
  }

  private static func failure(_ path: String) -> OutputError {
    let code = errno
    let reason: String
    switch code {
    case EACCES, EPERM: reason = "permission denied"
    case ENOSPC: reason = "no space left on the device"
    case EROFS: reason = "the file system is read-only"
    case ENOENT: reason = "the folder does not exist"
    default: reason = String(cString: strerror(code))
    }
    return OutputError(path: path, reason: reason)
  }

  private static func writeAll(_ fd: Int32, _ bytes: [UInt8], shown: String) throws {
    var offset = 0
    try bytes.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }  // nothing to write
      while offset < buffer.count {
        let n = posixWrite(fd, base + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw failure(shown)
        }
        offset += n
      }
    }
  }

  private static func writeThrough(_ text: [UInt8], to target: String, shown: String, truncate: Bool) throws {
    let fd = open(target, O_WRONLY | (truncate ? O_TRUNC : 0) | O_CLOEXEC)
    guard fd >= 0 else { throw failure(shown) }
    do {
      try writeAll(fd, text, shown: shown)
    } catch {
      close(fd)
      throw error
    }
    if close(fd) != 0 { throw failure(shown) }
  }

  private static func replace(_ text: [UInt8], at target: String, shown: String, keeping original: stat?) throws {
    let folder = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    var template = Array(((folder.isEmpty ? "." : folder) + "/.\(name).loopledger-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      // Never nil: the template holds at least its terminating NUL.
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemp(base)
    }
    guard fd >= 0 else { throw failure(shown) }
    let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var open = true
    do {
      if let original {
        fchmod(fd, original.st_mode & 0o7777)
        if getuid() == 0 { _ = fchown(fd, original.st_uid, original.st_gid) }
      } else {
        // mkstemp creates 0600; a new result gets what the user's umask allows, as `>` would.
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
      }
      try writeAll(fd, text, shown: shown)
      guard fsync(fd) == 0 else { throw failure(shown) }
      open = false
      guard close(fd) == 0 else { throw failure(shown) }
    } catch {
      if open { close(fd) }
      unlink(temporary)
      throw error
    }
    guard rename(temporary, target) == 0 else {
      let error = failure(shown)
      unlink(temporary)
      throw error
    }
  }
}
