import Foundation

/// Reads JSON files whose shape is a `Decodable` type (chart data, truth files, extraction
/// reports) with the same parser as the ledger and scenario readers, so that their problems read
/// the same way: file, line:column, key path and words, never a decoder's internals.
public enum JSONFile {
  /// Decodes `type` from a file's bytes.
  ///
  /// `expected` names what the file should be ("cascade chart data"); a file of the wrong shape is
  /// told so, with the first place it departs.
  ///
  /// - Throws: ``LedgerError/invalid(file:issues:)`` for a syntax error (with line and column), a
  ///   key written twice, a number beyond ±1.8·10³⁰⁸, or a value of the wrong shape (with its key
  ///   path and place).
  public static func decode<T: Decodable>(
    _ type: T.Type, from data: Data, file: String, expected: String? = nil
  ) throws -> T {
    var reader = JSONReader(file: file)
    guard let root = reader.parse(data) else { throw LedgerError.invalid(file: file, issues: reader.issues) }
    reportNonFinite(root, JSONPlace(), &reader)
    if !reader.issues.isEmpty { throw LedgerError.invalid(file: file, issues: reader.issues) }
    let bytes = (try? TextDecoding.utf8Bytes(data).get()) ?? [UInt8](data)
    do {
      return try JSONDecoder().decode(T.self, from: Data(bytes))
    } catch let error as DecodingError {
      var (path, problem, position) = describe(error, root: root, reader: reader)
      if let expected { problem += "; is this \(expected)?" }
      throw LedgerError.invalid(
        file: file, issues: [LedgerIssue(file: file, field: path, problem: problem, at: position)])
    }
  }

  /// A decoding error in words: `key.path: problem`, for errors met without the file's text.
  public static func words(for error: DecodingError) -> String {
    let (path, problem, _) = describe(error, root: nil, reader: JSONReader(file: ""))
    return path.isEmpty ? problem : "\(path): \(problem)"
  }

  private static func reportNonFinite(_ node: JSONNode, _ place: JSONPlace, _ reader: inout JSONReader) {
    switch node.value {
    case .number(let value, let text) where !value.isFinite:
      reader.report(place, node, "\(text) is beyond the largest number (about 1.8e308)")
    case .array(let items):
      for (index, item) in items.enumerated() { reportNonFinite(item, place.index(index), &reader) }
    case .object(let object):
      for member in object.members { reportNonFinite(member.value, place.key(member.key), &reader) }
    default: break
    }
  }

  private static func describe(
    _ error: DecodingError, root: JSONNode?, reader: JSONReader
  ) -> (path: String, problem: String, position: TextPosition?) {
    func path(_ keys: [any CodingKey]) -> String {
      var text = ""
      for key in keys {
        if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(index)" {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + VisibleText.escape(key.stringValue, newlines: false)
        }
      }
      return text
    }
    func node(at keys: [any CodingKey]) -> JSONNode? {
      var current = root
      for key in keys {
        switch current?.value {
        case .object(let object)?: current = object[key.stringValue]
        case .array(let items)?:
          guard let index = key.intValue, index < items.count else { return nil }
          current = items[index]
        default: return nil
        }
      }
      return current
    }
    func found(_ keys: [any CodingKey]) -> String {
      node(at: keys).map { "; found " + reader.describe($0) } ?? ""
    }
    switch error {
    case .typeMismatch(let type, let context):
      return (
        path(context.codingPath), "must be \(words(for: type))\(found(context.codingPath))",
        node(at: context.codingPath)?.position
      )
    case .valueNotFound(let type, let context):
      return (
        path(context.codingPath), "must be \(words(for: type)); found null", node(at: context.codingPath)?.position
      )
    case .keyNotFound(let key, let context):
      return (path(context.codingPath + [key]), "missing", node(at: context.codingPath)?.position)
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty { return ("", "not valid JSON", nil) }
      return (
        path(context.codingPath), "has a value that is not allowed here\(found(context.codingPath))",
        node(at: context.codingPath)?.position
      )
    @unknown default:
      return ("", "cannot be read", nil)
    }
  }

  /// What a type is, in words.
  private static func words(for type: Any.Type) -> String {
    if type == Double.self || type == Float.self || type == Int.self || type == Int64.self || type == Int32.self
      || type == UInt64.self || type == UInt.self
    {
      return type == Double.self || type == Float.self ? "a number" : "a whole number"
    }
    if type == String.self { return "a string" }
    if type == Bool.self { return "true or false" }
    if type == [Any].self { return "an array" }
    if type == [String: Any].self { return "an object" }
    return "a value of another kind"
  }
}
