import Foundation

/// Turns the bytes of a text file into text, detecting the encoding instead of guessing silently.
///
/// - A UTF-8 byte-order mark is skipped.
/// - UTF-16 and UTF-32 are converted: with a byte-order mark, or without one when the zero bytes
///   of mostly-ASCII text show the byte order.
/// - Articles (``text(_:)``): valid UTF-8 is read as UTF-8; otherwise the character set an HTML
///   page declares (`<meta charset=…>`, `content="…; charset=…"`) is used when it is one that can
///   be converted (Windows-1252/Latin-1 and the other Windows code pages, GB18030/GBK/GB2312, Big5,
///   Shift_JIS, EUC-JP); otherwise the file is refused with the place of the first bad byte.
public enum TextDecoding {
  /// Why bytes are not text, in words.
  public struct Problem: Error, Sendable, Equatable {
    public var words: String
    public init(_ words: String) { self.words = words }
  }

  /// The UTF-8 bytes of a file: a UTF-8 byte-order mark dropped, UTF-16 and UTF-32 converted.
  ///
  /// UTF-8 itself is not validated here (the readers name the place of a bad byte).
  public static func utf8Bytes(_ data: Data) -> Result<[UInt8], Problem> {
    let bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .success(Array(bytes.dropFirst(3))) }
    if let (encoding, name, skip) = wideEncoding(bytes) {
      guard let text = String(data: Data(bytes.dropFirst(skip)), encoding: encoding) else {
        return .failure(Problem("it looks like \(name) text but is not valid \(name); save it as UTF-8"))
      }
      return .success(Array(text.utf8))
    }
    return .success(bytes)
  }

  /// The text of an article (plain text or HTML), converted from the encoding it is in.
  ///
  /// - Returns: The text and, when it was converted from another encoding, that encoding's name.
  public static func text(_ data: Data) -> Result<(text: String, convertedFrom: String?), Problem> {
    let bytes: [UInt8]
    var convertedFrom: String? = nil
    let raw = [UInt8](data)
    if let (_, name, _) = wideEncoding(raw), !raw.starts(with: [0xEF, 0xBB, 0xBF]) { convertedFrom = name }
    switch utf8Bytes(data) {
    case .success(let utf8): bytes = utf8
    case .failure(let problem): return .failure(problem)
    }
    if let text = String(validating: bytes, as: UTF8.self) { return .success((text, convertedFrom)) }
    let bad = firstInvalidUTF8(bytes)
    let place = position(ofByte: bad, in: bytes)
    let byte = "0x" + hex(UInt32(bytes[bad]), digits: 2)
    if let declared = declaredCharset(bytes) {
      if let encoding = encoding(forCharset: declared) {
        guard let text = String(data: Data(bytes), encoding: encoding.encoding) else {
          return .failure(
            Problem(
              "it declares the character set '\(declared)' but is not valid \(encoding.name) (line \(place.line), column \(place.column): byte \(byte))"
            ))
        }
        return .success((text, encoding.name))
      }
      return .failure(
        Problem(
          "it declares the character set '\(VisibleText.escape(declared, newlines: false))', which LoopLedger cannot convert; convert the file to UTF-8 first (e.g. iconv -f \(declared.uppercased()) -t UTF-8)"
        ))
    }
    return .failure(
      Problem(
        "it is not UTF-8 text: line \(place.line), column \(place.column) has the byte \(byte); if the file is Latin-1 or Windows-1252, convert it first (iconv -f WINDOWS-1252 -t UTF-8), or declare <meta charset=\"windows-1252\"> in an HTML page"
      ))
  }

  // MARK: - Pieces

  /// "UTF-16" or "UTF-32" when the bytes start like such text, else nil.
  static func wideEncodingName(_ bytes: some Collection<UInt8>) -> String? {
    let array = Array(bytes)
    if array.starts(with: [0xEF, 0xBB, 0xBF]) { return nil }
    return wideEncoding(array).map { $0.1 }
  }

  /// UTF-16 or UTF-32 by byte-order mark, or by the zero bytes of mostly-ASCII text.
  private static func wideEncoding(_ bytes: [UInt8]) -> (String.Encoding, String, Int)? {
    if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return (.utf32LittleEndian, "UTF-32", 4) }
    if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return (.utf32BigEndian, "UTF-32", 4) }
    if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, "UTF-16", 2) }
    if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, "UTF-16", 2) }
    let sample = bytes.prefix(512)
    guard sample.count >= 4, sample.contains(0) else { return nil }
    var zeros = [0, 0, 0, 0]
    for (offset, byte) in sample.enumerated() where byte == 0 { zeros[offset % 4] += 1 }
    // Most of the text is ASCII: UTF-32 has three zero bytes in every four, UTF-16 one in two.
    let groups = sample.count / 4
    let most = max(1, groups * 9 / 10)
    if zeros[1] >= most, zeros[2] >= most {
      if zeros[3] >= most, zeros[0] == 0 { return (.utf32LittleEndian, "UTF-32", 0) }
      if zeros[0] >= most, zeros[3] == 0 { return (.utf32BigEndian, "UTF-32", 0) }
    }
    let even = zeros[0] + zeros[2]
    let odd = zeros[1] + zeros[3]
    let pairs = sample.count / 2
    if odd >= max(1, pairs * 6 / 10), even <= pairs / 10 { return (.utf16LittleEndian, "UTF-16", 0) }
    if even >= max(1, pairs * 6 / 10), odd <= pairs / 10 { return (.utf16BigEndian, "UTF-16", 0) }
    return nil
  }

  private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
    var index = 0
    while index < bytes.count {
      let b0 = bytes[index]
      if b0 < 0x80 {
        index += 1
        continue
      }
      func cont(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
        index + k < bytes.count && range.contains(bytes[index + k])
      }
      let length: Int
      switch b0 {
      case 0xC2...0xDF: length = cont(1) ? 2 : 0
      case 0xE0: length = cont(1, 0xA0...0xBF) && cont(2) ? 3 : 0
      case 0xE1...0xEC, 0xEE...0xEF: length = cont(1) && cont(2) ? 3 : 0
      case 0xED: length = cont(1, 0x80...0x9F) && cont(2) ? 3 : 0
      case 0xF0: length = cont(1, 0x90...0xBF) && cont(2) && cont(3) ? 4 : 0
      case 0xF1...0xF3: length = cont(1) && cont(2) && cont(3) ? 4 : 0
      case 0xF4: length = cont(1, 0x80...0x8F) && cont(2) && cont(3) ? 4 : 0
      default: length = 0
      }
      if length == 0 { return index }
      index += length
    }
    return bytes.count - 1
  }

  /// Line and column (in characters, counting each byte that does not continue one) of a byte.
  static func position(ofByte offset: Int, in bytes: [UInt8]) -> TextPosition {
    var line = 1
    var column = 1
    for byte in bytes.prefix(offset) {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return TextPosition(line: line, column: column)
  }

  /// The character set an HTML page declares in its first 4 KiB, lower-cased.
  static func declaredCharset(_ bytes: [UInt8]) -> String? {
    let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
    guard head.contains("<meta") || head.contains("<?xml") else { return nil }
    var search = head[...]
    while let found = search.range(of: "charset") ?? search.range(of: "encoding=") {
      var rest = search[found.upperBound...].drop { $0 == " " }
      if rest.first == "=" { rest = rest.dropFirst().drop { $0 == " " } }
      if rest.first == "\"" || rest.first == "'" { rest = rest.dropFirst() }
      let name = rest.prefix { $0.isLetter || $0.isNumber || "-_.:".contains($0) }
      if !name.isEmpty { return String(name) }
      search = search[found.upperBound...]
    }
    return nil
  }

  private static func encoding(forCharset name: String) -> (encoding: String.Encoding, name: String)? {
    switch name {
    case "utf-8", "utf8": return (.utf8, "UTF-8")
    case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252",
      "x-cp1252":
      // As browsers do: ISO-8859-1 and ASCII labels mean Windows-1252.
      return (.windowsCP1252, "Windows-1252")
    case "windows-1250", "cp1250": return (.windowsCP1250, "Windows-1250")
    case "windows-1251", "cp1251": return (.windowsCP1251, "Windows-1251")
    case "windows-1253", "cp1253": return (.windowsCP1253, "Windows-1253")
    case "windows-1254", "cp1254": return (.windowsCP1254, "Windows-1254")
    case "iso-8859-2", "latin2": return (.isoLatin2, "ISO-8859-2")
    case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn":
      return (String.Encoding(rawValue: 0x8000_0632), "GB18030")
    case "big5", "big5-hkscs", "x-x-big5", "cp950": return (String.Encoding(rawValue: 0x8000_0A03), "Big5")
    case "shift_jis", "shift-jis", "sjis", "windows-31j", "x-sjis": return (.shiftJIS, "Shift_JIS")
    case "euc-jp": return (.japaneseEUC, "EUC-JP")
    default: return nil
    }
  }
}
