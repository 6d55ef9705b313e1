/// Markdown helpers shared by the renderers.
enum Markdown {
  /// Escapes the characters that Markdown tables and inline text would misread.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "|": result += "\\|"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "*", "_", "`", "[", "]": result += "\\" + String(character)
      default: result.append(character)
      }
    }
    return result
  }
}
