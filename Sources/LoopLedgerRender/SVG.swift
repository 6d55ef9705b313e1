import Foundation
import LoopLedger

/// A tiny XML/SVG writer that escapes every piece of text it is given.
///
/// Every picture of `LoopLedgerRender` is written through it, so a company called
/// `<script>alert(1)</script>` or `A & B` appears literally and the output always parses as XML.
/// Numbers go through ``SVGNumber/format(_:)``: at most two decimals, no exponent, no `-0`, so the
/// same input gives the same bytes on every machine.
package struct XMLWriter: Sendable {
  /// The text written so far.
  public private(set) var text = ""
  private var stack: [String] = []

  public init() {}

  /// An attribute list; `nil` values are left out, so optional attributes read naturally.
  public typealias Attributes = [(String, String?)]

  /// Opens `<name …>`; close it with ``close()``.
  public mutating func open(_ name: String, _ attributes: Attributes = []) {
    indent()
    text += "<" + name + Self.attributeText(attributes) + ">\n"
    stack.append(name)
  }

  /// Closes the innermost open element.
  public mutating func close() {
    guard let name = stack.popLast() else { return }
    indent()
    text += "</" + name + ">\n"
  }

  /// A whole element: self-closing without content, else with its escaped text.
  public mutating func element(_ name: String, _ attributes: Attributes = [], text content: String? = nil) {
    indent()
    if let content {
      text += "<" + name + Self.attributeText(attributes) + ">" + Self.escapeText(content) + "</" + name + ">\n"
    } else {
      text += "<" + name + Self.attributeText(attributes) + "/>\n"
    }
  }

  /// Text content inside the open element.
  public mutating func content(_ value: String) {
    indent()
    text += Self.escapeText(value) + "\n"
  }

  /// Markup that is already well-formed (another writer's output).
  ///
  /// Never pass user text here.
  public mutating func raw(_ markup: String) {
    text += markup
    if !markup.hasSuffix("\n") { text += "\n" }
  }

  private mutating func indent() {
    text += String(repeating: " ", count: stack.count)
  }

  static func attributeText(_ attributes: Attributes) -> String {
    var result = ""
    for (name, value) in attributes {
      guard let value else { continue }
      result += " " + name + "=\"" + escapeAttribute(value) + "\""
    }
    return result
  }

  /// Escapes `&`, `<`, `>` and replaces characters XML 1.0 forbids with U+FFFD.
  public static func escapeText(_ value: String) -> String {
    escape(value, quotes: false)
  }

  /// Escapes text for a double- or single-quoted attribute, including tabs and line breaks (kept
  /// as character references, so `<title>`-like attributes keep their lines).
  public static func escapeAttribute(_ value: String) -> String {
    escape(value, quotes: true)
  }

  private static func escape(_ value: String, quotes: Bool) -> String {
    var result = ""
    result.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"" where quotes: result += "&quot;"
      case "'" where quotes: result += "&#39;"
      case "\n" where quotes: result += "&#10;"
      case "\t" where quotes: result += "&#9;"
      case "\r": result += quotes ? "&#13;" : "\n"
      default:
        let v = scalar.value
        let allowed =
          v == 0x9 || v == 0xA || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
          || (0x10000...0x10FFFF).contains(v)
        if allowed {
          result.unicodeScalars.append(scalar)
        } else {
          result += "\u{FFFD}"
        }
      }
    }
    return result
  }
}

/// Fixed formatting of coordinates and sizes.
package enum SVGNumber {
  /// `12`, `12.5`, `-3.25`: rounded to two decimals, trailing zeros dropped, never `-0`, never an
  /// exponent.
  ///
  /// Non-finite values become `0`; magnitudes are capped at 10¹².
  public static func format(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let hundredths = Int((min(max(value, -1e12), 1e12) * 100).rounded())
    if hundredths == 0 { return "0" }
    let negative = hundredths < 0
    let magnitude = abs(hundredths)
    let whole = magnitude / 100
    let fraction = magnitude % 100
    var text = negative ? "-" : ""
    text += String(whole)
    if fraction != 0 {
      text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
    }
    return text
  }
}

/// A point in SVG user units.
public struct Point: Sendable, Equatable {
  public var x: Double
  public var y: Double
  public init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }
  static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
  static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
  static func * (a: Point, k: Double) -> Point { Point(a.x * k, a.y * k) }
  var length: Double { (x * x + y * y).squareRoot() }
  var normalized: Point {
    let l = length
    return l > 0 ? Point(x / l, y / l) : Point(0, 0)
  }
  /// Rotated 90° clockwise on screen (SVG's y axis points down).
  var perpendicular: Point { Point(-y, x) }
  var svg: String { SVGNumber.format(x) + "," + SVGNumber.format(y) }
}

/// Helpers shared by the pictures.
enum SVGText {
  /// A conservative estimate of how wide `text` is in a sans-serif font of `size` units: East Asian
  /// wide characters take one em, others about 0.6 em.
  ///
  /// Used to lay out labels and legends without a font engine; generous so that labels do not
  /// collide.
  static func width(_ text: String, size: Double) -> Double {
    var width = 0.0
    for scalar in text.unicodeScalars {
      let columns = displayWidth(String(scalar))
      if columns == 2 {
        width += 1.0
      } else if columns == 1 {
        switch scalar {
        case "i", "l", "j", "I", ".", ",", ":", ";", "'", "|", "!": width += 0.3
        case " ": width += 0.3
        case "m", "w", "M", "W", "—", "≈", "≥", "≤": width += 0.9
        default: width += scalar.properties.isUppercase ? 0.68 : 0.58
        }
      }
    }
    return width * size
  }

  /// The font stack of every picture and the HTML report; CJK fonts are named so that 繁中 text
  /// renders with a real CJK face (Noto Sans CJK TC on Linux, PingFang TC on macOS, Microsoft
  /// JhengHei on Windows).
  static func fontStack(_ language: Language) -> String {
    let cjk: String
    switch language {
    case .simplifiedChinese:
      cjk = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK TC', 'PingFang TC'"
    default:
      cjk = "'Noto Sans CJK TC', 'Noto Sans TC', 'PingFang TC', 'Microsoft JhengHei', 'Noto Sans CJK SC', 'PingFang SC'"
    }
    return "system-ui, -apple-system, 'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans', \(cjk), sans-serif"
  }

  /// Splits `text` into lines no wider than `maxWidth`, at spaces, or between wide characters.
  static func wrap(_ text: String, size: Double, maxWidth: Double) -> [String] {
    var lines: [String] = []
    var current = ""
    var tokens: [String] = []
    var word = ""
    for character in text {
      if character == " " {
        if !word.isEmpty { tokens.append(word) }
        tokens.append(" ")
        word = ""
      } else if displayWidth(String(character)) == 2 {
        if !word.isEmpty { tokens.append(word) }
        tokens.append(String(character))
        word = ""
      } else {
        word.append(character)
      }
    }
    if !word.isEmpty { tokens.append(word) }
    for token in tokens {
      let candidate = current + token
      if !current.isEmpty, width(candidate, size: size) > maxWidth {
        lines.append(current.trimmingTrailingSpaces())
        current = token == " " ? "" : token
      } else {
        current = candidate
      }
    }
    if !current.trimmingTrailingSpaces().isEmpty { lines.append(current.trimmingTrailingSpaces()) }
    return lines
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var copy = self
    while copy.hasSuffix(" ") { copy.removeLast() }
    return copy
  }
}

/// The colours of the pictures, with their WCAG 2 contrast against the white background.
///
/// Investment and purchase are Okabe & Ito's blue and vermilion (Okabe & Ito 2008, "Color
/// Universal Design"): they stay apart under protanopia, deuteranopia and tritanopia, and both
/// reach the 3 : 1 contrast that WCAG 2.1 (1.4.11) asks of graphical objects. Line style (solid,
/// dashed, dotted) carries the status, so no meaning rests on colour alone.
package enum Palette {
  public static let background = "#ffffff"
  public static let ink = "#1a1a1a"
  public static let mutedInk = "#555555"
  public static let grid = "#d9d9d9"
  /// Okabe–Ito blue.
  public static let investment = "#0072b2"
  /// Okabe–Ito vermilion.
  public static let purchase = "#d55e00"
  /// Neutral for flows that are neither.
  public static let other = "#6e6e6e"
  public static let node = "#f4f4f4"
  public static let shortfall = "#b2182b"
  /// Categorical colours for companies in the cascade chart (Okabe–Ito, then greys).
  public static let categorical = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8a7a00", "#000000",
  ]

  public static func color(of flowClass: FlowClass) -> String {
    switch flowClass {
    case .investment: investment
    case .purchase: purchase
    case .other: other
    }
  }

  /// The WCAG 2 contrast ratio of two `#rrggbb` colours, 1…21.
  public static func contrast(_ a: String, _ b: String) -> Double {
    let la = relativeLuminance(a)
    let lb = relativeLuminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
  }

  /// WCAG 2 relative luminance of `#rrggbb`.
  public static func relativeLuminance(_ hex: String) -> Double {
    let (r, g, b) = rgb(hex)
    func channel(_ c: Double) -> Double {
      c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
  }

  /// The components of `#rrggbb`, 0…1.
  public static func rgb(_ hex: String) -> (Double, Double, Double) {
    let digits = Array(hex.utf8.dropFirst())
    func byte(_ i: Int) -> Double {
      func nibble(_ c: UInt8) -> Int {
        switch c {
        case 48...57: Int(c) - 48
        case 97...102: Int(c) - 87
        case 65...70: Int(c) - 55
        default: 0
        }
      }
      guard digits.count >= i + 2 else { return 0 }
      return Double(nibble(digits[i]) * 16 + nibble(digits[i + 1])) / 255
    }
    return (byte(0), byte(2), byte(4))
  }
}

// MARK: - Chart scaffolding shared by every picture

extension XMLWriter {
  /// Opens the root `<svg>` of a picture: size, view box, accessibility label, class and font.
  mutating func openSVG(
    width: Double, height: Double, labelledBy: String, cssClass: String, id: String? = nil,
    language: Language
  ) {
    let f = SVGNumber.format
    var attributes: Attributes = [
      ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"), ("width", f(width)),
      ("height", f(height)), ("viewBox", "0 0 \(f(width)) \(f(height))"), ("role", "img"),
      ("aria-labelledby", labelledBy), ("class", cssClass),
    ]
    if let id { attributes.append(("id", id)) }
    attributes.append(("font-family", SVGText.fontStack(language)))
    open("svg", attributes)
  }

  /// The picture's background and its heading at the top left.
  mutating func chartHeading(_ title: String) {
    element("rect", [("width", "100%"), ("height", "100%"), ("fill", Palette.background)])
    element(
      "text", [("x", "20"), ("y", "34"), ("font-size", "20"), ("font-weight", "700"), ("fill", Palette.ink)],
      text: title)
  }
}
