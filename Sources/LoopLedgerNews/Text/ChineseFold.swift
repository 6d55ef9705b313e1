/// Folds text for matching: full-width forms to ASCII, ASCII to lower case, Traditional Chinese
/// (and Hong Kong / Taiwan variant) characters to Simplified, and typographic punctuation to plain.
///
/// Folding maps each Unicode scalar to exactly one scalar, so offsets into the folded text are
/// offsets into the original. Patterns and article text are folded the same way, so 亞馬遜 and
/// 亚马逊 match each other, and so do ＯｐｅｎＡＩ and OpenAI.
public enum ChineseFold {
  /// The folded value of one scalar.
  @inline(__always)
  public static func fold(_ value: UInt32) -> UInt32 {
    if value < 0x80 {
      return (value >= 0x41 && value <= 0x5A) ? value + 0x20 : value
    }
    if value < 0x10000 { return bmpTable[Int(value)] }
    return supplementary[value] ?? value
  }

  /// Folds every scalar of `text`.
  public static func fold(_ text: String) -> [UInt32] {
    text.unicodeScalars.map { fold($0.value) }
  }

  /// Folds `text` and returns it as a string (for keys and comparisons).
  public static func foldedString(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for value in fold(text) {
      if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
    }
    return String(scalars)
  }

  /// Whether `value` (unfolded) is a Traditional-only character: one the table changes.
  public static func isTraditionalOnly(_ value: UInt32) -> Bool {
    guard isHan(value) else { return false }
    return fold(value) != value
  }

  /// Whether `value` is a Simplified-only character: the target of a fold, never a source.
  public static func isSimplifiedOnly(_ value: UInt32) -> Bool {
    simplifiedOnly.contains(value)
  }

  /// Whether `value` is a CJK ideograph.
  @inline(__always)
  public static func isHan(_ value: UInt32) -> Bool {
    (value >= 0x4E00 && value <= 0x9FFF) || (value >= 0x3400 && value <= 0x4DBF)
      || (value >= 0x20000 && value <= 0x3134F) || (value >= 0xF900 && value <= 0xFAFF)
  }

  // MARK: - Tables

  private static let pairs: [(UInt32, UInt32)] = {
    var result: [(UInt32, UInt32)] = []
    var pending: UInt32? = nil
    for scalar in traditionalToSimplifiedPairs.unicodeScalars where scalar.value > 0x7F {
      if let first = pending {
        result.append((first, scalar.value))
        pending = nil
      } else {
        pending = scalar.value
      }
    }
    return result
  }()

  private static let bmpTable: [UInt32] = {
    var table = [UInt32](repeating: 0, count: 0x10000)
    for index in 0..<0x10000 { table[index] = UInt32(index) }
    for (from, to) in pairs where from < 0x10000 { table[Int(from)] = to }
    // Full-width ASCII (！ … ～) to ASCII, then lower case.
    for value in UInt32(0xFF01)...UInt32(0xFF5E) {
      var ascii = value - 0xFEE0
      if ascii >= 0x41 && ascii <= 0x5A { ascii += 0x20 }
      table[Int(value)] = ascii
    }
    let punctuation: [(UInt32, UInt32)] = [
      (0x00A0, 0x20), (0x3000, 0x20), (0x2002, 0x20), (0x2003, 0x20), (0x2009, 0x20),
      (0x200B, 0x20), (0x2018, 0x27), (0x2019, 0x27), (0x201C, 0x22), (0x201D, 0x22),
      (0x2010, 0x2D), (0x2011, 0x2D), (0x2012, 0x2D), (0x2013, 0x2D), (0x2014, 0x2D),
      (0x2015, 0x2D), (0x2212, 0x2D), (0x2500, 0x2D), (0x2501, 0x2D), (0xFE63, 0x2D),
      (0xFF64, 0x3001), (0xFF61, 0x3002), (0xFE50, 0x2C), (0xFE51, 0x3001), (0xFE52, 0x2E),
      (0xFE54, 0x3B), (0xFE55, 0x3A), (0xFE56, 0x3F), (0xFE57, 0x21), (0x00B7, 0x00B7),
    ]
    for (from, to) in punctuation { table[Int(from)] = to }
    // Latin-1 upper-case letters to lower case, so "Société" folds like "société".
    for value in UInt32(0xC0)...UInt32(0xDE) where value != 0xD7 { table[Int(value)] = value + 0x20 }
    return table
  }()

  private static let supplementary: [UInt32: UInt32] = {
    var table: [UInt32: UInt32] = [:]
    for (from, to) in pairs where from >= 0x10000 { table[from] = to }
    return table
  }()

  private static let simplifiedOnly: Set<UInt32> = {
    let sources = Set(pairs.map(\.0))
    // Targets that Traditional text also uses every day (台灣, 以後, 公里, 乾 → 干 …) are no
    // evidence of Simplified script.
    let shared = Set(
      "台后里于干只面余范冲系历复制注志周谷丑卷松板斗才胡须表采游占咸致征症折朴了云出"
        .unicodeScalars.map(\.value))
    return Set(pairs.map(\.1).filter { !sources.contains($0) && !shared.contains($0) })
  }()
}
