/// Text from a file, made safe to show on a terminal.
///
/// Company names, ids and quotes come from files anyone can write. A control character in them
/// (ESC starts the sequences that retitle, recolour or clear a terminal) is shown as an escape —
/// `\x1B`, `\u{9B}` — instead of being sent raw. Every text result and every error message passes
/// through ``escape(_:newlines:)`` on its way out.
public enum VisibleText {
  /// `text` with every control character but tab (and, with `newlines`, line feed) written as an
  /// escape: C0 controls and DEL as `\xHH`, C1 controls (U+0080–U+009F) as `\u{HH}`.
  ///
  /// A backslash stays as it is.
  ///
  /// - Complexity: O(n); the text is returned unchanged, without copying, when it has no control
  ///   character.
  public static func escape(_ text: String, newlines: Bool = true) -> String {
    guard needsEscaping(text, newlines: newlines) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value < 0x20 || value == 0x7F {
        if value == 0x09 || (newlines && value == 0x0A) {
          result.unicodeScalars.append(scalar)
        } else {
          result += "\\x" + hex(value, digits: 2)
        }
      } else if value >= 0x80 && value <= 0x9F {
        result += "\\u{" + hex(value, digits: 2) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Whether ``escape(_:newlines:)`` would change `text`.
  public static func needsEscaping(_ text: String, newlines: Bool = true) -> Bool {
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if byte < 0x20 {
        if byte != 0x09 && !(newlines && byte == 0x0A) { return true }
      } else if byte == 0x7F {
        return true
      } else if previous == 0xC2, byte >= 0x80, byte <= 0x9F {
        return true
      }
      previous = byte
    }
    return false
  }
}
