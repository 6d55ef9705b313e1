/// A plain-text table whose columns line up in a terminal, counting East Asian wide characters
/// (漢字, full-width forms) as two columns.
package struct TextTable {
  public enum Alignment: Sendable { case left, right }

  public var headers: [String]
  public var alignments: [Alignment]
  public var rows: [[String]] = []

  public init(headers: [String], alignments: [Alignment]? = nil) {
    self.headers = headers
    self.alignments = alignments ?? headers.map { _ in .left }
  }

  public mutating func add(_ row: [String]) { rows.append(row) }

  /// The table with a header underline, two spaces between columns, no trailing spaces.
  public func render(indent: String = "") -> String {
    var widths = headers.map(displayWidth)
    for row in rows {
      for (column, cell) in row.enumerated() where column < widths.count {
        widths[column] = max(widths[column], displayWidth(cell))
      }
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (column, width) in widths.enumerated() {
        let cell = column < cells.count ? cells[column] : ""
        let padding = String(repeating: " ", count: max(0, width - displayWidth(cell)))
        parts.append(alignments[column] == .right ? padding + cell : cell + padding)
      }
      var text = indent + parts.joined(separator: "  ")
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
    var lines = [line(headers)]
    lines.append(indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
    lines += rows.map(line)
    return lines.joined(separator: "\n")
  }

  /// The table in Markdown, every cell escaped (``Markdown/escape(_:)``).
  public func markdown() -> String {
    func line(_ cells: [String]) -> String {
      "| " + headers.indices.map { $0 < cells.count ? Markdown.escape(cells[$0]) : "" }.joined(separator: " | ") + " |"
    }
    let rule = "|" + alignments.map { $0 == .right ? "---:|" : "---|" }.joined()
    return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
  }
}

/// The number of terminal columns `text` occupies.
package func displayWidth(_ text: String) -> Int {
  var width = 0
  for scalar in text.unicodeScalars {
    let v = scalar.value
    if v == 0x200B || (0x0300...0x036F).contains(v) || (0xFE00...0xFE0F).contains(v) { continue }
    let wide =
      (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v)
      || (0x3041...0x33FF).contains(v) || (0x3400...0x4DBF).contains(v)
      || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
      || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
      || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
      || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    width += wide ? 2 : 1
  }
  return width
}
