import Foundation

/// A place in a text file: line and column, both counted from 1.
///
/// Columns count characters (Unicode scalars), as editors do.
public struct TextPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public var description: String { "\(line):\(column)" }

  public static func < (a: TextPosition, b: TextPosition) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }
}

/// A JSON value and the place where it starts.
struct JSONNode: Sendable, Equatable {
  var value: JSONValue
  var position: TextPosition
}

/// A parsed JSON value, kept generic so that validation can report every problem at once
/// instead of stopping at the first type mismatch.
enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// The number and its text as written (`1e400` reads as infinity; the text shows what it was).
  case number(Double, text: String)
  case string(String)
  case array([JSONNode])
  case object(JSONObject)

  /// A short name of the value's type, for messages.
  var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

/// A JSON object: its members in the order written, with the place of each key.
struct JSONObject: Sendable, Equatable {
  struct Member: Sendable, Equatable {
    var key: String
    var keyPosition: TextPosition
    var value: JSONNode
  }

  /// Where the object's `{` stands.
  var position: TextPosition
  private(set) var members: [Member] = []
  /// Key → member, only for objects of more than ``linearLimit`` members: a ledger's entries
  /// have a dozen keys at most, and comparing a dozen short keys costs less than building and
  /// hashing into a dictionary per object.
  private var index: [String: Int]? = nil
  private static let linearLimit = 16

  init(position: TextPosition) { self.position = position }

  private func find(_ key: String) -> Int? {
    if let index { return index[key] }
    for position in members.indices where members[position].key == key { return position }
    return nil
  }

  /// The value of `key`; nil when the key is absent.
  subscript(key: String) -> JSONNode? { find(key).map { members[$0].value } }

  /// Where `key` is written, or the object's own place when it is absent.
  func position(of key: String) -> TextPosition {
    find(key).map { members[$0].keyPosition } ?? position
  }

  var keys: [String] { members.map(\.key) }
  var isEmpty: Bool { members.isEmpty }

  /// Adds a member; returns the earlier place of the same key if there is one (the first stays).
  mutating func add(_ member: Member) -> TextPosition? {
    if let earlier = find(member.key) { return members[earlier].keyPosition }
    members.append(member)
    if index != nil {
      index?[member.key] = members.count - 1
    } else if members.count > Self.linearLimit {
      var built: [String: Int] = [:]
      for (position, item) in members.enumerated() { built[item.key] = position }
      index = built
    }
    return nil
  }

  static func == (a: JSONObject, b: JSONObject) -> Bool {
    a.position == b.position && a.members == b.members
  }
}

/// A key written twice in one object.
struct JSONDuplicateKey: Sendable, Equatable {
  /// The key path of the object holding the key (`deals[3].amount`); empty for the top level.
  var objectPath: String
  var key: String
  var first: TextPosition
  var second: TextPosition
}

/// JSON that cannot be read, with the place and the problem in words.
struct JSONSyntaxError: Error, Sendable, Equatable {
  /// Nil for problems of the whole file (empty, wrong encoding).
  var position: TextPosition?
  var problem: String
}

/// A parsed JSON file.
struct JSONDocument: Sendable {
  var root: JSONNode
  /// Keys written twice in the same object; the readers reject them, naming both places.
  var duplicates: [JSONDuplicateKey]

  /// The deepest nesting of arrays and objects accepted; LoopLedger's files need a handful.
  static let maximumDepth = 512

  /// Parses a JSON file (RFC 8259), keeping the place of every value and key.
  ///
  /// The text must be UTF-8 (a byte-order mark is skipped); UTF-16 and UTF-32 with a byte-order
  /// mark are converted. Numbers follow JSON's grammar; a number beyond ±1.8·10³⁰⁸ reads as an
  /// infinity, which every reader refuses by its range. Duplicate keys are recorded, not merged.
  ///
  /// - Throws: ``JSONSyntaxError`` with the line and column of the first syntax error.
  /// - Complexity: O(n) time in the bytes; recursion depth at most ``maximumDepth``.
  static func parse(_ data: Data) throws -> JSONDocument {
    let bytes: [UInt8]
    switch TextDecoding.utf8Bytes(data) {
    case .success(let utf8): bytes = utf8
    case .failure(let problem): throw JSONSyntaxError(position: nil, problem: problem.words)
    }
    return try bytes.withUnsafeBufferPointer { buffer in
      var parser = JSONParser(bytes: buffer)
      let root = try parser.document()
      return JSONDocument(root: root, duplicates: parser.duplicates)
    }
  }
}

/// A recursive-descent JSON parser that tracks line and column.
private struct JSONParser {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0
  var line = 1
  var column = 1
  var depth = 0
  /// Key path of the value being read, for duplicate-key messages: a key, or an array index.
  var path: [PathPart] = []

  enum PathPart {
    case key(String)
    case index(Int)
  }
  var duplicates: [JSONDuplicateKey] = []

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  var position: TextPosition { TextPosition(line: line, column: column) }

  func fail(_ problem: String, at place: TextPosition? = nil) -> JSONSyntaxError {
    JSONSyntaxError(position: place ?? position, problem: problem)
  }

  mutating func document() throws -> JSONNode {
    skipWhitespace()
    guard index < bytes.count else {
      throw JSONSyntaxError(
        position: nil,
        problem: bytes.isEmpty
          ? "the file is empty; expected a JSON object" : "the file holds only white space; expected a JSON object")
    }
    let root = try value()
    skipWhitespace()
    if index < bytes.count {
      throw fail("\(found()) after the end of the JSON value that starts at \(root.position); a file holds one value")
    }
    return root
  }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0D:
        index += 1
        column += 1
      case 0x0A:
        index += 1
        line += 1
        column = 1
      default:
        return
      }
    }
  }

  /// The next character, described for a message.
  func found() -> String {
    guard index < bytes.count else { return "the end of the file" }
    let byte = bytes[index]
    if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    if byte < 0x80 { return "the control character U+\(hex(UInt32(byte), digits: 4))" }
    // A whole UTF-8 character, if it is one.
    var end = index + 1
    while end < bytes.count, end - index < 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
    if let text = String(validating: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self) {
      return "'\(VisibleText.escape(text, newlines: false))'"
    }
    return "the byte 0x\(hex(UInt32(byte), digits: 2)), which is not UTF-8"
  }

  mutating func advance(_ count: Int = 1) {
    index += count
    column += count
  }

  mutating func value() throws -> JSONNode {
    let start = position
    guard index < bytes.count else { throw fail("the file ends where a value was expected") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return JSONNode(value: .object(try object()), position: start)
    case UInt8(ascii: "["): return JSONNode(value: .array(try array()), position: start)
    case UInt8(ascii: "\""): return JSONNode(value: .string(try string()), position: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSONNode(value: try number(), position: start)
    case UInt8(ascii: "t"):
      try literal("true")
      return JSONNode(value: .bool(true), position: start)
    case UInt8(ascii: "f"):
      try literal("false")
      return JSONNode(value: .bool(false), position: start)
    case UInt8(ascii: "n"):
      try literal("null")
      return JSONNode(value: .null, position: start)
    case UInt8(ascii: "N"), UInt8(ascii: "I"):
      throw fail("NaN and Infinity are not JSON numbers; write a number such as 1e12")
    case UInt8(ascii: "'"):
      throw fail("strings take double quotes (\"), not single quotes")
    case UInt8(ascii: "/"):
      throw fail("comments are not allowed in JSON")
    case UInt8(ascii: "+"):
      throw fail("a JSON number cannot start with '+'; drop it")
    case UInt8(ascii: "."):
      throw fail("a JSON number cannot start with '.'; write 0.5, not .5")
    default:
      throw fail("expected a value (an object, array, string, number, true, false or null); found \(found())")
    }
  }

  mutating func literal(_ word: String) throws {
    let expected = Array(word.utf8)
    let matches =
      index + expected.count <= bytes.count && (0..<expected.count).allSatisfy { bytes[index + $0] == expected[$0] }
    guard matches else {
      throw fail("expected a value (an object, array, string, number, true, false or null); found \(found())")
    }
    advance(expected.count)
  }

  mutating func enter(_ start: TextPosition) throws {
    depth += 1
    if depth > JSONDocument.maximumDepth {
      throw fail(
        "arrays and objects are nested more than \(JSONDocument.maximumDepth) deep here; LoopLedger's files need only a few levels",
        at: start)
    }
  }

  mutating func object() throws -> JSONObject {
    let start = position
    try enter(start)
    defer { depth -= 1 }
    advance()
    var object = JSONObject(position: start)
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      advance()
      return object
    }
    while true {
      skipWhitespace()
      guard index < bytes.count else {
        throw fail("the file ends inside the object that opens at \(start); a '}' is missing")
      }
      guard bytes[index] == UInt8(ascii: "\"") else {
        if bytes[index] == UInt8(ascii: "}") {
          throw fail("a ',' before '}' is not allowed in JSON; remove the trailing comma")
        }
        throw fail("expected a key in double quotes; found \(found())")
      }
      let keyPosition = position
      let key = try string()
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        if index >= bytes.count {
          throw fail("the file ends inside the object that opens at \(start); a '}' is missing")
        }
        throw fail("expected ':' after the key \"\(VisibleText.escape(key, newlines: false))\"; found \(found())")
      }
      advance()
      skipWhitespace()
      path.append(.key(key))
      let member = try value()
      path.removeLast()
      if let first = object.add(JSONObject.Member(key: key, keyPosition: keyPosition, value: member)) {
        duplicates.append(
          JSONDuplicateKey(objectPath: pathText(), key: key, first: first, second: keyPosition))
      }
      skipWhitespace()
      guard index < bytes.count else {
        throw fail("the file ends inside the object that opens at \(start); a '}' is missing")
      }
      switch bytes[index] {
      case UInt8(ascii: ","):
        advance()
      case UInt8(ascii: "}"):
        advance()
        return object
      default:
        throw fail(
          "expected ',' or '}' after the value of \"\(VisibleText.escape(key, newlines: false))\" (in the object that opens at \(start)); found \(found())"
        )
      }
    }
  }

  mutating func array() throws -> [JSONNode] {
    let start = position
    try enter(start)
    defer { depth -= 1 }
    advance()
    var items: [JSONNode] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      advance()
      return items
    }
    while true {
      skipWhitespace()
      guard index < bytes.count else {
        throw fail("the file ends inside the array that opens at \(start); a ']' is missing")
      }
      if bytes[index] == UInt8(ascii: "]") {
        throw fail("a ',' before ']' is not allowed in JSON; remove the trailing comma")
      }
      path.append(.index(items.count))
      items.append(try value())
      path.removeLast()
      skipWhitespace()
      guard index < bytes.count else {
        throw fail("the file ends inside the array that opens at \(start); a ']' is missing")
      }
      switch bytes[index] {
      case UInt8(ascii: ","):
        advance()
      case UInt8(ascii: "]"):
        advance()
        return items
      default:
        throw fail("expected ',' or ']' after an item of the array that opens at \(start); found \(found())")
      }
    }
  }

  func pathText() -> String {
    var text = ""
    for part in path {
      switch part {
      case .index(let index): text += "[\(index)]"
      case .key(let key): text += key.hasPrefix("[") || text.isEmpty ? key : "." + key
      }
    }
    return text
  }

  mutating func string() throws -> String {
    let start = position
    advance()  // the opening quote
    var buffer: [UInt8]? = nil
    var runStart = index
    while true {
      guard index < bytes.count else {
        throw fail("the file ends inside the string that starts at \(start); a '\"' is missing")
      }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
        advance()
        if var buffer {
          buffer.append(contentsOf: run)
          return String(decoding: buffer, as: UTF8.self)
        }
        return String(decoding: run, as: UTF8.self)
      }
      if byte == UInt8(ascii: "\\") {
        // Taken out and put back, so that appending never copies the buffer.
        var escaped = buffer.take() ?? []
        escaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        try escape(into: &escaped)
        buffer = escaped
        runStart = index
        continue
      }
      if byte < 0x20 {
        if byte == 0x0A {
          throw fail(
            "the string that starts at \(start) runs past the end of its line; a '\"' is missing (a line break inside a string is written \\n)"
          )
        }
        throw fail(
          "the control character U+\(hex(UInt32(byte), digits: 4)) inside a string must be escaped (\\u\(hex(UInt32(byte), digits: 4)))"
        )
      }
      if byte < 0x80 {
        advance()
        continue
      }
      let length = utf8Length(at: index)
      guard length > 0 else {
        throw fail("the byte 0x\(hex(UInt32(byte), digits: 2)) is not UTF-8; save the file as UTF-8")
      }
      index += length
      column += 1
    }
  }

  /// The length of the valid UTF-8 sequence at `i`, or 0 when it is not valid UTF-8.
  func utf8Length(at i: Int) -> Int {
    let b0 = bytes[i]
    func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
      i + k < bytes.count && range.contains(bytes[i + k])
    }
    switch b0 {
    case 0xC2...0xDF: return continuation(1) ? 2 : 0
    case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
    case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
    case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
    default: return 0
    }
  }

  mutating func escape(into buffer: inout [UInt8]) throws {
    let start = position
    guard index + 1 < bytes.count else {
      throw fail("the file ends inside an escape sequence")
    }
    let code = bytes[index + 1]
    let simple: UInt8?
    switch code {
    case UInt8(ascii: "\""): simple = 0x22
    case UInt8(ascii: "\\"): simple = 0x5C
    case UInt8(ascii: "/"): simple = 0x2F
    case UInt8(ascii: "b"): simple = 0x08
    case UInt8(ascii: "f"): simple = 0x0C
    case UInt8(ascii: "n"): simple = 0x0A
    case UInt8(ascii: "r"): simple = 0x0D
    case UInt8(ascii: "t"): simple = 0x09
    case UInt8(ascii: "u"): simple = nil
    default:
      advance()
      throw fail(
        "'\\' followed by \(found()) is not a JSON escape; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX",
        at: start)
    }
    if let simple {
      buffer.append(simple)
      advance(2)
      return
    }
    advance(2)
    var scalar = try hex4(escapeStart: start)
    if (0xD800...0xDBFF).contains(scalar) {
      // A high surrogate must be followed by an escaped low surrogate.
      guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
        throw fail(
          "\\u\(hex(scalar, digits: 4)) is half of a surrogate pair; the other half (\\uDC00–\\uDFFF) must follow",
          at: start)
      }
      advance(2)
      let low = try hex4(escapeStart: start)
      guard (0xDC00...0xDFFF).contains(low) else {
        throw fail(
          "\\u\(hex(scalar, digits: 4)) is half of a surrogate pair; the other half (\\uDC00–\\uDFFF) must follow",
          at: start)
      }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
    } else if (0xDC00...0xDFFF).contains(scalar) {
      throw fail("\\u\(hex(scalar, digits: 4)) is the second half of a surrogate pair without a first half", at: start)
    }
    guard let character = Unicode.Scalar(scalar) else {
      // Unreachable: surrogates are paired above and four hex digits stay within the code space.
      throw fail("\\u\(hex(scalar, digits: 4)) is not a Unicode scalar value", at: start)
    }
    buffer.append(contentsOf: Array(String(Character(character)).utf8))
  }

  mutating func hex4(escapeStart: TextPosition) throws -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard index < bytes.count else { throw fail("the file ends inside a \\u escape") }
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
      default: throw fail("a \\u escape needs four hexadecimal digits; found \(found())", at: escapeStart)
      }
      value = value * 16 + digit
      advance()
    }
    return value
  }

  mutating func number() throws -> JSONValue {
    let start = index
    let startPosition = position
    if bytes[index] == UInt8(ascii: "-") { advance() }
    func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 }
    guard isDigit(index) else {
      if index < bytes.count, bytes[index] == UInt8(ascii: "I") {
        throw fail("-Infinity is not a JSON number; write a number such as -1e12", at: startPosition)
      }
      throw fail("'-' must be followed by digits", at: startPosition)
    }
    if bytes[index] == UInt8(ascii: "0"), isDigit(index + 1) {
      throw fail("a JSON number cannot have a leading zero; write 12, not 012", at: startPosition)
    }
    while isDigit(index) { advance() }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      advance()
      guard isDigit(index) else { throw fail("a '.' in a number must be followed by digits") }
      while isDigit(index) { advance() }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      advance()
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { advance() }
      guard isDigit(index) else { throw fail("an exponent ('e') in a number must be followed by digits") }
      while isDigit(index) { advance() }
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    // The grammar above is a subset of what Double accepts; beyond its range it gives ±infinity.
    return .number(Double(text) ?? .nan, text: text)
  }
}

func hex(_ value: UInt32, digits: Int) -> String {
  let text = String(value, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, digits - text.count)) + text
}
