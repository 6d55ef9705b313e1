#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import Foundation
import LoopLedger

/// Reads the files a user names as input, with errors that say what is wrong in words.
///
/// A regular file is read whole. A FIFO or character device (`/dev/stdin`, a pipe) is read up to
/// ``maximumStreamBytes``. A directory, a missing file or one without read permission gets
/// ``LedgerError/unreadable(file:reason:)`` naming the file and the cause.
public enum InputFile {
  /// The most bytes read from a stream that has no size (a FIFO, `/dev/zero`).
  public static let maximumStreamBytes = 1 << 30

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

  /// The bytes of the file at `path`.
  ///
  /// - Parameter missing: The reason given when nothing is at the path.
  /// - Throws: ``LedgerError/unreadable(file:reason:)``.
  public static func read(_ path: String, missing: String = "no such file") throws -> Data {
    switch kind(of: path) {
    case .missing: throw LedgerError.unreadable(file: path, reason: missing)
    case .directory: throw LedgerError.unreadable(file: path, reason: "it is a directory, not a file")
    case .socket, .other, .blockDevice:
      throw LedgerError.unreadable(file: path, reason: "it is not a regular file, a pipe or a character device")
    case .regular, .fifo, .characterDevice: break
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      let reason = access(path, R_OK) != 0 ? "permission denied" : "it cannot be opened"
      throw LedgerError.unreadable(file: path, reason: reason)
    }
    defer { try? handle.close() }
    var data = Data()
    do {
      while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        data.append(chunk)
        if data.count > maximumStreamBytes {
          throw LedgerError.unreadable(
            file: path, reason: "it is larger than \(maximumStreamBytes >> 20) MiB (or endless, like /dev/zero)")
        }
      }
    } catch let error as LedgerError {
      throw error
    } catch {
      throw LedgerError.unreadable(file: path, reason: readFailure(error))
    }
    return data
  }

  /// The text of the file at `path`, which must be UTF-8 (a byte-order mark is dropped).
  public static func readText(_ path: String, missing: String = "no such file") throws -> String {
    let data = try read(path, missing: missing)
    var bytes = data[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard let text = String(data: Data(bytes), encoding: .utf8) else {
      throw LedgerError.unreadable(file: path, reason: "it is not UTF-8 text")
    }
    return text
  }

  private static func readFailure(_ error: any Error) -> String {
    let code = (error as NSError).userInfo[NSUnderlyingErrorKey].map { ($0 as? NSError)?.code ?? 0 } ?? 0
    if code == Int(EISDIR) { return "it is a directory, not a file" }
    if code == Int(EACCES) { return "permission denied" }
    return "reading failed (\((error as NSError).localizedDescription))"
  }
}
