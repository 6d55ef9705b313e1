import Foundation
import LoopLedger

/// An entity the history can write without `JSONEncoder`: ``EntityJSONWriter`` gives the bytes
/// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` gives for the model's synthesized
/// `Codable` form (tested byte for byte on every bundled ledger and on hostile strings and numbers).
protocol EntityJSONWritable: Encodable {
  func write(to writer: inout EntityJSONWriter)
}

/// A small JSON writer for the history's entity JSON, about ten times faster than `JSONEncoder`
/// for the import of a large ledger.
///
/// What it reproduces of `JSONEncoder` (`[.sortedKeys, .withoutEscapingSlashes]`): keys in the
/// encoder's sorted order, absent optionals left out, no white space; strings with `"` and `\`
/// escaped, `\b \f \n \r \t` for those controls and `\u00xx` for the other controls below U+0020,
/// everything else (`/`, non-ASCII) as is; a `Double` as its shortest round-trip `description`
/// with a trailing `.0` dropped (`5`, `0.1`, `1e+16`, `-0`).
struct EntityJSONWriter {
  private(set) var bytes: [UInt8] = []
  private var needsComma = false
  /// Whether a number was NaN or infinite, which `JSONEncoder` refuses: the caller then asks
  /// `JSONEncoder` for its error.
  private(set) var hasNonFinite = false

  init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

  /// Whether `JSONEncoder`'s sorted order puts `assumed` before `asWritten`.
  ///
  /// It does when it compares case-insensitively, not when it compares bytes. Asked of
  /// `JSONEncoder` once, so the writer follows the platform's encoder either way.
  static let assumedBeforeAsWritten: Bool = {
    struct Probe: Encodable {
      var asWritten = 1
      var assumed = 2
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let text = (try? encoder.encode(Probe())).map { String(decoding: $0, as: UTF8.self) } ?? ""
    return text.hasPrefix("{\"assumed\"")
  }()

  var text: String { String(decoding: bytes, as: UTF8.self) }

  mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    needsComma = false
    hasNonFinite = false
  }

  // MARK: - Structure

  /// A comma before a value or key that follows another in the same object or array.
  private mutating func valueStart() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
  }

  mutating func beginObject() {
    valueStart()
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
  }

  mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }

  mutating func beginArray() {
    valueStart()
    bytes.append(UInt8(ascii: "["))
    needsComma = false
  }

  mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  /// Writes `"key":` (the key is a plain ASCII name, written as is).
  mutating func key(_ name: StaticString) {
    valueStart()
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  // MARK: - Values

  mutating func string(_ text: String) {
    valueStart()
    needsComma = true
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var runStart = 0
      for index in 0..<utf8.count {
        let byte = utf8[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
        if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
        runStart = index + 1
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
          let digits: [UInt8] = Array("0123456789abcdef".utf8)
          bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
          bytes.append(digits[Int(byte >> 4)])
          bytes.append(digits[Int(byte & 0x0F)])
        }
      }
      if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// A number as `JSONEncoder` writes a finite `Double`.
  ///
  /// The store's values are finite (every reader checks its ``NumberRule``); a non-finite one
  /// sets ``hasNonFinite``, and the caller falls back to `JSONEncoder` and its error.
  mutating func number(_ value: Double) {
    valueStart()
    needsComma = true
    if !value.isFinite { hasNonFinite = true }
    if value.isFinite, value == value.rounded(.towardZero), abs(value) < 1e15 {
      // Integral and short: `description` would give "12.0", and the encoder drops the ".0".
      if value == 0 {
        if value.sign == .minus { bytes.append(UInt8(ascii: "-")) }
        bytes.append(UInt8(ascii: "0"))
        return
      }
      bytes.append(contentsOf: Int64(value).description.utf8)
      return
    }
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    bytes.append(contentsOf: text.utf8)
  }

  mutating func bool(_ value: Bool) {
    valueStart()
    needsComma = true
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  // MARK: - Members

  mutating func member(_ name: StaticString, _ value: String) {
    key(name)
    string(value)
  }

  mutating func member(_ name: StaticString, _ value: String?) {
    guard let value else { return }
    key(name)
    string(value)
  }

  mutating func member(_ name: StaticString, _ value: Double) {
    key(name)
    number(value)
  }

  mutating func member(_ name: StaticString, _ value: Double?) {
    guard let value else { return }
    key(name)
    number(value)
  }

  mutating func member(_ name: StaticString, _ value: (some EntityJSONWritable)?) {
    guard let value else { return }
    key(name)
    value.write(to: &self)
  }

  mutating func member(_ name: StaticString, _ values: [some EntityJSONWritable]?) {
    guard let values else { return }
    key(name)
    beginArray()
    for value in values { value.write(to: &self) }
    endArray()
  }

  mutating func member(_ name: StaticString, strings values: [String]?) {
    guard let values else { return }
    key(name)
    beginArray()
    for value in values { string(value) }
    endArray()
  }
}

// MARK: - The model's entities, keys in sorted order

extension Document: EntityJSONWritable {
  func write(to writer: inout EntityJSONWriter) {
    writer.beginObject()
    writer.member("id", id)
    writer.member("language", language?.rawValue)
    writer.member("note", note)
    writer.member("published", published?.description)
    writer.member("publisher", publisher)
    writer.member("title", title)
    writer.member("url", url)
    writer.endObject()
  }
}

extension Source: EntityJSONWritable {
  func write(to writer: inout EntityJSONWriter) {
    writer.beginObject()
    writer.member("document", document)
    writer.member("language", language?.rawValue)
    writer.member("quote", quote)
    writer.endObject()
  }
}

extension FXRate: EntityJSONWritable {
  func write(to writer: inout EntityJSONWriter) {
    writer.beginObject()
    writer.member("asOf", asOf?.description)
    writer.member("currency", currency)
    writer.member("perUSD", perUSD)
    writer.member("source", source)
    writer.endObject()
  }
}

extension LocalizedNames: EntityJSONWritable {
  func write(to writer: inout EntityJSONWriter) {
    writer.beginObject()
    writer.member("en", english)
    writer.member("zh-Hans", simplifiedChinese)
    writer.member("zh-Hant", traditionalChinese)
    writer.endObject()
  }
}

extension Company: EntityJSONWritable {
  func write(to writer: inout EntityJSONWriter) {
    writer.beginObject()
    writer.member("aliases", strings: aliases)
    writer.member("id", id.rawValue)
    writer.member("names", names)
    writer.member("parent", parent?.rawValue)
    writer.member("role", role)
    writer.endObject()
  }
}

extension Assumption: EntityJSONWritable {
  func write(to writer: inout EntityJSONWriter) {
    writer.beginObject()
    writer.member("estimate", estimate)
    writer.member("high", high)
    writer.member("low", low)
    writer.member("reason", reason)
    writer.endObject()
  }
}

extension Derivation: EntityJSONWritable {
  func write(to writer: inout EntityJSONWriter) {
    writer.beginObject()
    writer.member("estimate", estimate)
    writer.member("high", high)
    writer.member("low", low)
    writer.member("of", of.rawValue)
    writer.member("reason", reason)
    writer.endObject()
  }
}

extension Amount: EntityJSONWritable {
  func write(to writer: inout EntityJSONWriter) {
    writer.beginObject()
    if EntityJSONWriter.assumedBeforeAsWritten {
      writer.member("assumed", assumed)
      writer.member("asWritten", asWritten)
    } else {
      writer.member("asWritten", asWritten)
      writer.member("assumed", assumed)
    }
    writer.member("currency", currency)
    writer.member("derived", derived)
    writer.member("estimate", estimate)
    writer.member("high", high)
    writer.member("low", low)
    writer.member("qualifier", qualifier.rawValue)
    writer.member("unit", unit)
    writer.member("value", value)
    writer.endObject()
  }
}

extension StatusChange: EntityJSONWritable {
  func write(to writer: inout EntityJSONWriter) {
    writer.beginObject()
    writer.member("date", date?.description)
    writer.member("note", note)
    writer.member("source", source)
    writer.member("status", status.rawValue)
    writer.endObject()
  }
}

extension Deal: EntityJSONWritable {
  func write(to writer: inout EntityJSONWriter) {
    writer.beginObject()
    writer.member("amount", amount)
    writer.member("announced", announced?.description)
    writer.member("id", id.rawValue)
    writer.member("kind", kind.rawValue)
    writer.member("note", note)
    writer.member("payee", payee.rawValue)
    writer.member("payer", payer.rawValue)
    writer.member("sources", sources)
    writer.member("status", status.rawValue)
    writer.member("statusHistory", statusHistory)
    writer.member("supersededBy", supersededBy?.rawValue)
    writer.member("supersedes", strings: supersedes?.map(\.rawValue))
    writer.member("termYears", termYears)
    writer.endObject()
  }
}

extension Fact: EntityJSONWritable {
  func write(to writer: inout EntityJSONWriter) {
    writer.beginObject()
    writer.member("asOf", asOf?.description)
    writer.member("company", company?.rawValue)
    writer.member("id", id)
    writer.member("label", label)
    writer.member("metric", metric.rawValue)
    writer.member("note", note)
    writer.member("sources", sources)
    writer.member("value", value)
    writer.endObject()
  }
}

extension LedgerHeader: EntityJSONWritable {
  func write(to writer: inout EntityJSONWriter) {
    writer.beginObject()
    writer.member("asOf", asOf?.description)
    writer.member("id", id)
    writer.member("title", title)
    writer.endObject()
  }
}
