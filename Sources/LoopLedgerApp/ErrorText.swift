import Foundation
import LoopLedger

/// Errors from outside LoopLedger (Foundation's decoders and file APIs) in words, without the names
/// of Swift types or error domains.
///
/// LoopLedger's own errors describe themselves.
public enum ErrorText {
  /// `Error: …` for an error LoopLedger did not raise itself; nil for its own errors.
  public static func message(for error: any Error) -> String? {
    switch error {
    case let error as EncodingError:
      if case .invalidValue(let value, let context) = error {
        let path = keyPath(context.codingPath)
        let what = (value as? Double).map { $0.isNaN ? "NaN" : "an infinite number" } ?? "a value JSON cannot hold"
        return
          "Error: the result holds \(what)\(path.isEmpty ? "" : " at \(path)") and cannot be written as JSON; this is a bug, please report it with the input"
      }
      return "Error: the result cannot be written as JSON"
    case let error as DecodingError:
      return "Error: " + JSONFile.words(for: error)
    case let error as CocoaError:
      let path = (error.userInfo[NSFilePathErrorKey] as? String).map { "'\($0)': " } ?? ""
      return "Error: \(path)\(error.localizedDescription)"
    default:
      return nil
    }
  }

  static func keyPath(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
      if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
    }
    return text
  }
}
