import Foundation
import LoopLedger

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
  Glibc.read(fd, buffer, count)
  #elseif canImport(Musl)
  Musl.read(fd, buffer, count)
  #else
  Darwin.read(fd, buffer, count)
  #endif
}

/// Reads the files a user names as input, with errors that say what is wrong in words.
///
/// A regular file is read whole. A FIFO or character device (`/dev/stdin`, a pipe) is read up to
/// ``maximumStreamBytes``; a named pipe nobody writes to reads as empty instead of waiting
/// forever. A directory, a socket, a missing file or one without read permission gets
/// ``LedgerError/unreadable(file:reason:)`` naming the file and the cause.
public enum InputFile {
  /// The most bytes read from a stream that has no size (a FIFO, `/dev/zero`).
  public static let maximumStreamBytes = 256 << 20

  /// What kind of thing stands at a path.
  public enum Kind: Sendable, Equatable {
    case missing, regular, directory, fifo, characterDevice, blockDevice, socket, other
  }

  /// The kind of thing at `path`, following symbolic links.
  public static func kind(of path: String) -> Kind {
    var info = stat()
    guard stat(path, &info) == 0 else { return .missing }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regular
    case S_IFDIR: return .directory
    case S_IFIFO: return .fifo
    case S_IFCHR: return .characterDevice
    case S_IFBLK: return .blockDevice
    case S_IFSOCK: return .socket
    default: return .other
    }
  }

  /// ``open(_:missing:)`` and, for a regular file, its size in bytes (0 for a stream, which has none).
  static func openSized(_ path: String) throws -> (fd: Int32, isStream: Bool, size: Int) {
    let (fd, isStream) = try open(path)
    var size = 0
    if !isStream {
      var info = stat()
      if fstat(fd, &info) == 0 { size = Int(info.st_size) }
    }
    return (fd, isStream, size)
  }

  /// Opens `path` for reading, or says in words why it cannot be.
  ///
  /// - Returns: The file descriptor and whether it is a stream (no known size).
  /// - Throws: ``LedgerError/unreadable(file:reason:)``.
  public static func open(_ path: String, missing: String = "no such file") throws -> (fd: Int32, isStream: Bool) {
    if path.isEmpty { throw LedgerError.unreadable(file: "''", reason: "the path is empty") }
    let kind = kind(of: path)
    switch kind {
    case .missing:
      var info = stat()
      if lstat(path, &info) == 0 {
        throw LedgerError.unreadable(file: path, reason: "it is a symbolic link to nothing")
      }
      throw LedgerError.unreadable(file: path, reason: reason(errno, missing: missing))
    case .directory: throw LedgerError.unreadable(file: path, reason: "it is a directory, not a file")
    case .socket, .other, .blockDevice:
      throw LedgerError.unreadable(file: path, reason: "it is not a regular file, a pipe or a character device")
    case .regular, .fifo, .characterDevice: break
    }
    // A named pipe opens at once even without a writer; reading then sees the end at once.
    let fd = path.withCString { posixOpen($0, O_RDONLY | O_CLOEXEC | (kind == .fifo ? O_NONBLOCK : 0)) }
    guard fd >= 0 else { throw LedgerError.unreadable(file: path, reason: reason(errno, missing: missing)) }
    if kind == .fifo {
      let flags = fcntl(fd, F_GETFL)
      _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
    }
    return (fd, kind != .regular)
  }

  /// Reads up to `buffer.count` bytes from `fd` into `buffer`; 0 at the end.
  ///
  /// - Throws: ``LedgerError/unreadable(file:reason:)`` naming `path`.
  public static func readSome(_ fd: Int32, into buffer: inout [UInt8], path: String) throws -> Int {
    try buffer.withUnsafeMutableBytes { try readSome(fd, into: $0, path: path) }
  }

  /// Reads up to `space.count` bytes from `fd` into `space`; 0 at the end.
  ///
  /// - Throws: ``LedgerError/unreadable(file:reason:)`` naming `path`.
  public static func readSome(_ fd: Int32, into space: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
    while true {
      let count = posixRead(fd, space.baseAddress, space.count)
      if count >= 0 { return count }
      if errno != EINTR { throw LedgerError.unreadable(file: path, reason: reason(errno)) }
    }
  }

  /// The bytes of the file at `path`.
  ///
  /// - Parameters:
  ///   - path: The file to read, or a stream such as standard input or a pipe.
  ///   - missing: The reason given when nothing is at the path.
  /// - Returns: Every byte of the file.
  /// - Throws: ``LedgerError/unreadable(file:reason:)``.
  public static func read(_ path: String, missing: String = "no such file") throws -> Data {
    let (fd, isStream) = try open(path, missing: missing)
    defer { close(fd) }
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = try readSome(fd, into: &chunk, path: path)
      if count == 0 { break }
      data.append(contentsOf: chunk[0..<count])
      if isStream, data.count > maximumStreamBytes {
        throw LedgerError.unreadable(
          file: path, reason: "it goes on past \(maximumStreamBytes >> 20) MiB (an endless stream such as /dev/zero?)")
      }
    }
    return data
  }

  /// The text of the file at `path`, which must be UTF-8 (a byte-order mark is dropped; UTF-16
  /// and UTF-32 are converted).
  public static func readText(_ path: String, missing: String = "no such file") throws -> String {
    let data = try read(path, missing: missing)
    guard case .success(let bytes) = TextDecoding.utf8Bytes(data), let text = String(validating: bytes, as: UTF8.self)
    else {
      switch TextDecoding.text(data) {
      case .failure(let problem): throw LedgerError.unreadable(file: path, reason: problem.words)
      case .success: throw LedgerError.unreadable(file: path, reason: "it is not UTF-8 text")
      }
    }
    return text
  }

  /// The text of an article: UTF-8, UTF-16/32, or the character set its HTML declares
  /// (``TextDecoding/text(_:)``).
  ///
  /// - Returns: The text and the encoding it was converted from, if not UTF-8.
  /// - Throws: ``LedgerError/unreadable(file:reason:)`` when the encoding cannot be told.
  public static func readArticle(_ path: String) throws -> (text: String, convertedFrom: String?) {
    switch TextDecoding.text(try read(path)) {
    case .success(let result): return result
    case .failure(let problem): throw LedgerError.unreadable(file: path, reason: problem.words)
    }
  }

  /// An errno in words.
  static func reason(_ code: Int32, missing: String = "no such file") -> String {
    switch code {
    case ENOENT: return missing
    case EACCES, EPERM: return "permission denied"
    case EISDIR: return "it is a directory, not a file"
    case ENOTDIR: return "a folder on its path is a file"
    case ELOOP: return "its symbolic links loop"
    case ENAMETOOLONG: return "the path is too long"
    case ENXIO, ENODEV: return "the device is not there"
    case EIO: return "the device reported an input/output error"
    default: return String(cString: strerror(code))
    }
  }
}

#if canImport(Glibc)
private func posixOpen(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 { Glibc.open(path, flags) }
#elseif canImport(Musl)
private func posixOpen(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 { Musl.open(path, flags) }
#else
private func posixOpen(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 { Darwin.open(path, flags) }
#endif
