/// An article's plain text as Unicode scalars, with its folded form for matching.
///
/// Every offset the extractor reports (spans, quotes) counts Unicode scalars (code points) of
/// ``scalars``: the text after HTML stripping. `folded[i]` is `ChineseFold.fold(scalars[i])`.
public struct ArticleText: Sendable {
  /// The plain text.
  public let text: String
  /// The text's scalars.
  public let scalars: [Unicode.Scalar]
  /// The folded scalars, one per scalar of ``scalars``.
  public let folded: [UInt32]

  public init(_ text: String) {
    self.text = text
    let scalars = Array(text.unicodeScalars)
    self.scalars = scalars
    var folded = [UInt32]()
    folded.reserveCapacity(scalars.count)
    for scalar in scalars { folded.append(ChineseFold.fold(scalar.value)) }
    self.folded = folded
  }

  public var count: Int { scalars.count }

  /// The text of the scalars in `range`, clamped to the text.
  public func slice(_ range: Range<Int>) -> String {
    let lower = Swift.max(0, Swift.min(range.lowerBound, scalars.count))
    let upper = Swift.max(lower, Swift.min(range.upperBound, scalars.count))
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[lower..<upper])
    return String(view)
  }

  /// The folded scalar at `index`, or 0 outside the text.
  @inline(__always)
  public subscript(folded index: Int) -> UInt32 {
    index >= 0 && index < folded.count ? folded[index] : 0
  }
}

/// Character classes on folded scalars.
enum Scalar {
  @inline(__always) static func isASCIILetter(_ c: UInt32) -> Bool {
    (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A)
  }
  @inline(__always) static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
  @inline(__always) static func isWordChar(_ c: UInt32) -> Bool {
    isASCIILetter(c) || isDigit(c) || (c >= 0xC0 && c <= 0x24F)
  }
  @inline(__always) static func isSpace(_ c: UInt32) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C
  }
  @inline(__always) static func isNewline(_ c: UInt32) -> Bool {
    c == 0x0A || c == 0x0D || c == 0x2028 || c == 0x2029 || c == 0x85
  }
  @inline(__always) static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x80 { return v >= 0x41 && v <= 0x5A }
    if v >= 0xFF21 && v <= 0xFF3A { return true }
    return scalar.properties.isUppercase
  }
}
