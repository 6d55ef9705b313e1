/// Turns HTML into plain text: drops tags, comments, `<script>` and `<style>` contents, decodes
/// character references, and turns block elements (`<p>`, `<br>`, `<div>`, `<li>`, headings, table
/// rows) into line breaks so paragraphs stay paragraphs.
///
/// One forward pass; never throws.
public enum HTMLStripper {
  /// Whether `text` looks like HTML: it has a tag such as `<p>`, `<div`, `<html`, `<br`.
  public static func looksLikeHTML(_ text: String) -> Bool {
    var seenOpen = false
    var letters = 0
    var checked = 0
    for scalar in text.unicodeScalars {
      checked += 1
      if checked > 200_000 { break }
      if scalar == "<" {
        seenOpen = true
        letters = 0
        continue
      }
      guard seenOpen else { continue }
      let v = scalar.value
      if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (letters > 0 && v >= 0x30 && v <= 0x39)
        || (letters == 0 && (scalar == "/" || scalar == "!"))
      {
        letters += 1
        continue
      }
      if letters > 0, scalar == ">" || scalar == " " || scalar == "\n" { return true }
      seenOpen = false
      letters = 0
    }
    return false
  }

  private static let blockTags: Set<String> = [
    "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "hr", "title", "dd", "dt",
    "figcaption", "aside", "main", "nav", "td", "th",
  ]
  private static let skippedContent: Set<String> = ["script", "style", "noscript", "template", "svg"]

  /// The plain text of `html`.
  public static func strip(_ html: String) -> String {
    let s = Array(html.unicodeScalars)
    let n = s.count
    var out = String.UnicodeScalarView()
    out.reserveCapacity(n)
    var i = 0
    var skipUntil: String? = nil
    while i < n {
      let c = s[i]
      if c == "<" {
        // Comment.
        if i + 3 < n, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" {
          var j = i + 4
          while j + 2 < n, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
          i = Swift.min(n, j + 3)
          continue
        }
        // Tag: read its name.
        var j = i + 1
        var closing = false
        if j < n, s[j] == "/" {
          closing = true
          j += 1
        }
        var name = ""
        while j < n, name.unicodeScalars.count < 16,
          (s[j].value >= 0x61 && s[j].value <= 0x7A) || (s[j].value >= 0x41 && s[j].value <= 0x5A)
            || (s[j].value >= 0x30 && s[j].value <= 0x39 && !name.isEmpty)
        {
          name.unicodeScalars.append(s[j])
          j += 1
        }
        let isTag = !name.isEmpty || (j < n && (s[j] == "!" || s[j] == "?"))
        if skipUntil != nil, !closing || name.lowercased() != skipUntil {
          i += 1
          continue
        }
        guard isTag else {
          if skipUntil == nil { out.append(c) }
          i += 1
          continue
        }
        // Find the tag's end, honouring quoted attribute values.
        var quote: Unicode.Scalar? = nil
        while j < n {
          let d = s[j]
          if let q = quote {
            if d == q { quote = nil }
          } else if d == "\"" || d == "'" {
            quote = d
          } else if d == ">" {
            break
          }
          j += 1
        }
        let lower = name.lowercased()
        if let skipping = skipUntil {
          if closing, lower == skipping { skipUntil = nil }
        } else if !closing, skippedContent.contains(lower) {
          skipUntil = lower
        } else if blockTags.contains(lower) {
          out.append("\n")
        }
        i = Swift.min(n, j + 1)
        continue
      }
      if skipUntil != nil {
        i += 1
        continue
      }
      if c == "&" {
        if let (decoded, length) = entity(s, at: i) {
          out.append(decoded)
          i += length
          continue
        }
      }
      out.append(c)
      i += 1
    }
    return collapseBlankLines(String(out))
  }

  private static let named: [String: UInt32] = [
    "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0, "mdash": 0x2014,
    "ndash": 0x2013, "hellip": 0x2026, "ldquo": 0x201C, "rdquo": 0x201D, "lsquo": 0x2018,
    "rsquo": 0x2019, "euro": 0x20AC, "pound": 0xA3, "yen": 0xA5, "cent": 0xA2, "middot": 0xB7,
    "times": 0xD7, "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "bull": 0x2022,
  ]

  /// Decodes `&name;`, `&#123;` or `&#x1F;` at `i`; returns the scalar and the length consumed.
  private static func entity(_ s: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
    var j = i + 1
    var body = ""
    while j < s.count, j - i <= 10, s[j] != ";" {
      body.unicodeScalars.append(s[j])
      j += 1
    }
    guard j < s.count, s[j] == ";", !body.isEmpty else { return nil }
    let length = j - i + 1
    if body.hasPrefix("#") {
      let digits = body.dropFirst()
      let value: UInt32?
      if digits.hasPrefix("x") || digits.hasPrefix("X") {
        value = UInt32(digits.dropFirst(), radix: 16)
      } else {
        value = UInt32(digits, radix: 10)
      }
      guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return nil }
      return (scalar, length)
    }
    guard let value = named[body.lowercased()], let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }

  /// Trims each line and keeps at most one empty line between paragraphs.
  private static func collapseBlankLines(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var line = String.UnicodeScalarView()
    var blank = 0
    func flush() {
      var scalars = Array(line)
      while let last = scalars.last, last == " " || last == "\t" || last == "\u{A0}" || last == "\r" {
        scalars.removeLast()
      }
      var start = 0
      while start < scalars.count,
        scalars[start] == " " || scalars[start] == "\t" || scalars[start] == "\u{A0}"
      {
        start += 1
      }
      if start >= scalars.count {
        blank += 1
      } else {
        if !out.isEmpty { out.append(contentsOf: blank > 0 ? "\n\n".unicodeScalars : "\n".unicodeScalars) }
        out.append(contentsOf: scalars[start...])
        blank = 0
      }
      line = String.UnicodeScalarView()
    }
    for scalar in text.unicodeScalars {
      if scalar == "\n" { flush() } else { line.append(scalar) }
    }
    flush()
    return String(out)
  }
}
