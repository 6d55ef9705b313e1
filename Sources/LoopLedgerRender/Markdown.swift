/// Markdown helpers.
enum Markdown {
  /// Escapes text from a file (titles, names, ids, quotes, reasons) so that a Markdown viewer
  /// shows it as written: HTML markup (`<img onerror=…>`) and entities become inert text, the
  /// characters of tables, emphasis, code and links are backslash-escaped, a line break cannot
  /// start a heading.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "|": result += "\\|"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "&": result += "&amp;"
      case "\\": result += "\\\\"
      case "*", "_", "`", "[", "]": result += "\\" + String(character)
      case "\n", "\r", "\r\n": result += " "
      default: result.append(character)
      }
    }
    return result
  }
}
