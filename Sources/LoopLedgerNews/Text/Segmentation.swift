/// Paragraphs, sentences and clauses of an article, as scalar ranges.
///
/// Sentences end at 。！？ (and their full-width or ASCII forms), at `.`, `!`, `?` followed by a
/// space and a capital letter, a digit, a quote or the end of the paragraph (not after common
/// abbreviations such as "Inc." or "U.S.", nor inside numbers such as "1.4"), and at line breaks.
/// Clauses split sentences at commas, semicolons and colons of either width. Everything is one
/// forward pass over the text.
public struct Segmentation: Sendable {
  public struct Sentence: Sendable, Equatable {
    /// The sentence's scalar range, without surrounding white space.
    public var range: Range<Int>
    /// Index of its paragraph in ``Segmentation/paragraphs``.
    public var paragraph: Int
  }

  /// Paragraph ranges (text between blank or single line breaks).
  public private(set) var paragraphs: [Range<Int>] = []
  public private(set) var sentences: [Sentence] = []

  public init(_ text: ArticleText) {
    let f = text.folded
    let n = f.count
    var paragraphStart = 0
    var i = 0
    func trimmed(_ range: Range<Int>) -> Range<Int>? {
      var lower = range.lowerBound
      var upper = range.upperBound
      while lower < upper, Scalar.isSpace(f[lower]) || isIgnorable(f[lower]) { lower += 1 }
      while upper > lower, Scalar.isSpace(f[upper - 1]) || isIgnorable(f[upper - 1]) { upper -= 1 }
      return lower < upper ? lower..<upper : nil
    }
    var sentenceStart = 0
    func closeSentence(_ end: Int) {
      if let range = trimmed(sentenceStart..<end) {
        sentences.append(Sentence(range: range, paragraph: paragraphs.count))
      }
      sentenceStart = end
    }
    func closeParagraph(_ end: Int) {
      closeSentence(end)
      if let range = trimmed(paragraphStart..<end) {
        paragraphs.append(range)
      }
      paragraphStart = end
    }
    while i < n {
      let c = f[i]
      if Scalar.isNewline(c) {
        closeParagraph(i)
        i += 1
        sentenceStart = i
        paragraphStart = i
        continue
      }
      if c == 0x3002 || c == 0x21 || c == 0x3F || c == 0xFF01 || c == 0xFF1F {
        // 。! ? — keep closing quotes and brackets with the sentence.
        var end = i + 1
        while end < n, Segmentation.isClosing(f[end]) || f[end] == 0x3002 || f[end] == 0x21 || f[end] == 0x3F {
          end += 1
        }
        let fullWidth = text.scalars[i].value == 0xFF01 || text.scalars[i].value == 0xFF1F
        // "…注資!AI芯片合作…": after a Chinese character an ASCII mark ends the sentence too.
        if !fullWidth, c == 0x21 || c == 0x3F, end < n, !Scalar.isSpace(f[end]),
          !Segmentation.isCJKPunctuationOrHan(f[end]),
          !(i > 0 && ChineseFold.isHan(f[i - 1]))
        {
          i += 1
          continue
        }
        closeSentence(end)
        i = end
        continue
      }
      if c == 0x2E, Segmentation.endsEnglishSentence(f, at: i, sentenceStart: sentenceStart) {
        var end = i + 1
        while end < n, Segmentation.isClosing(f[end]) { end += 1 }
        closeSentence(end)
        i = end
        continue
      }
      i += 1
    }
    closeParagraph(n)
  }

  /// The index of the sentence holding scalar `offset`, by binary search.
  public func sentenceIndex(containing offset: Int) -> Int? {
    var low = 0
    var high = sentences.count
    while low < high {
      let mid = (low + high) / 2
      if sentences[mid].range.upperBound <= offset { low = mid + 1 } else { high = mid }
    }
    guard low < sentences.count, sentences[low].range.contains(offset) else { return nil }
    return low
  }

  /// Clause ranges of `range`: split at , ， ; ； : ：(not inside numbers such as 1,000 or 10:30).
  ///
  /// In English, a comma splits only before a word that opens a new clause (which, who, while,
  /// as, but, and, after, according …, or a verb of a deal: "…, pledged $5 billion to Intel"), so
  /// that appositives and "respectively" stay in their clause. In Chinese every comma splits, and
  /// so does a space between two Chinese characters (the separator of headline segments); a space
  /// between Chinese and a Latin word or a number does not.
  public static func clauses(of range: Range<Int>, in text: ArticleText) -> [Range<Int>] {
    let f = text.folded
    var result: [Range<Int>] = []
    var start = range.lowerBound
    var i = range.lowerBound
    while i < range.upperBound {
      let c = f[i]
      let previous = i > range.lowerBound ? f[i - 1] : 0
      if c == 0x20, ChineseFold.isHan(previous) || (previous >= 0x3001 && previous <= 0x303F) {
        var j = i
        while j < range.upperBound, f[j] == 0x20 { j += 1 }
        // Taiwanese and Hong Kong sites space Latin words and numbers off Chinese text ("Amazon 近日
        // 也在與 OpenAI 商談"): a space between a Chinese character and a Latin letter or a digit is
        // no boundary; between two Chinese characters it separates headline segments.
        let next = j < range.upperBound ? f[j] : 0
        if ChineseFold.isHan(previous), Scalar.isASCIILetter(next) || Scalar.isDigit(next) || next == 0x24 {
          i = j
          continue
        }
        if start < i { result.append(start..<i) }
        start = j
        i = j
        continue
      }
      if c == 0x2C || c == 0x3B || c == 0x3A {
        let next = i + 1 < range.upperBound ? f[i + 1] : 0
        if (c == 0x2C || c == 0x3A), Scalar.isDigit(previous), Scalar.isDigit(next) {
          i += 1
          continue
        }
        let fullWidth = text.scalars[i].value == 0xFF0C
        if c == 0x2C, !fullWidth, !ChineseFold.isHan(previous), !ChineseFold.isHan(next),
          !opensEnglishClause(f, after: i, upper: range.upperBound)
        {
          i += 1
          continue
        }
        if start < i { result.append(start..<i) }
        start = i + 1
      }
      i += 1
    }
    if start < range.upperBound { result.append(start..<range.upperBound) }
    if result.isEmpty { result.append(range) }
    return result
  }

  private static let clauseOpeners: [[UInt32]] = [
    "which", "who", "whose", "while", "as", "but", "and", "after", "before", "although", "though",
    "whereas", "according", "when", "since", "with", "bringing", "making", "giving", "the companies said",
    "the company said", "people familiar", "sources said", "it said", "they said", "pledged", "committed",
    "poured", "invested", "agreed", "signed", "bought", "acquired", "raised", "took", "struck", "inked", "sent",
    "lent", "extended", "pledging", "committing", "investing", "signing", "buying",
  ].map { Array($0.unicodeScalars.map(\.value)) }

  /// Whether the words after the comma at `i` open a new English clause.
  static func opensEnglishClause(_ f: [UInt32], after i: Int, upper: Int) -> Bool {
    var j = i + 1
    while j < upper, f[j] == 0x20 { j += 1 }
    for word in clauseOpeners where j + word.count <= upper {
      var matched = true
      for (k, c) in word.enumerated() where f[j + k] != c {
        matched = false
        break
      }
      if matched, j + word.count == upper || !Scalar.isWordChar(f[j + word.count]) { return true }
    }
    return false
  }

  private static let abbreviations: Set<String> = [
    "inc", "corp", "co", "ltd", "llc", "plc", "mr", "mrs", "ms", "dr", "st", "no", "vs", "jr", "sr",
    "u.s", "u.k", "e.g", "i.e", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "est", "approx", "dept", "gov", "mt", "ft", "u.s.a", "s.a", "n.v",
    "a.g", "p.m", "a.m",
  ]

  /// Whether the `.` at `i` ends an English sentence.
  static func endsEnglishSentence(_ f: [UInt32], at i: Int, sentenceStart: Int) -> Bool {
    let n = f.count
    // Inside a number: 1.4, $3.5bn.
    if i > 0, i + 1 < n, Scalar.isDigit(f[i - 1]), Scalar.isDigit(f[i + 1]) { return false }
    // Followed by more of a token: "U.S.", "openai.com".
    var j = i + 1
    if j < n, Scalar.isASCIILetter(f[j]) || Scalar.isDigit(f[j]) { return false }
    while j < n, isClosing(f[j]) { j += 1 }
    if j >= n || Scalar.isNewline(f[j]) { return true }
    guard Scalar.isSpace(f[j]) else { return isCJKPunctuationOrHan(f[j]) }
    while j < n, f[j] == 0x20 || f[j] == 0x09 { j += 1 }
    if j >= n || Scalar.isNewline(f[j]) { return true }
    // The word before the dot: an abbreviation does not end a sentence (bounded look-back).
    var k = i
    var word: [UInt32] = []
    while k > sentenceStart, word.count < 8 {
      let c = f[k - 1]
      guard Scalar.isASCIILetter(c) || c == 0x2E else { break }
      word.append(c)
      k -= 1
    }
    if !word.isEmpty, word.count < 8 {
      var scalars = String.UnicodeScalarView()
      for c in word.reversed() { if let s = Unicode.Scalar(c) { scalars.append(s) } }
      let text = String(scalars)
      if abbreviations.contains(text) { return false }
      // A single capital letter: an initial ("J. Smith").
      if word.count == 1 { return false }
    }
    return true
  }

  @inline(__always) static func isClosing(_ c: UInt32) -> Bool {
    c == 0x22 || c == 0x27 || c == 0x29 || c == 0x5D || c == 0x300D || c == 0x300F || c == 0xFF09
      || c == 0x3011
  }

  @inline(__always) static func isCJKPunctuationOrHan(_ c: UInt32) -> Bool {
    ChineseFold.isHan(c) || (c >= 0x3000 && c <= 0x303F)
  }
}

@inline(__always) private func isIgnorable(_ c: UInt32) -> Bool { c == 0xFEFF || c == 0x200B }
