import LoopLedger

/// A recognized word of the article.
struct Token: Sendable {
  var range: Range<Int>
  var tag: Tag
}

/// A company named (or pointed at) in the text.
struct Mention: Sendable, Equatable {
  var range: Range<Int>
  var company: CompanyID
  var via: String = "named"
}

/// The vocabulary and company names compiled into one matcher.
struct Lexicon: Sendable {
  let automaton: AhoCorasick
  let tags: [Tag]
  /// For company aliases that start with a Latin letter: whether the text's first letter must
  /// be upper case (it must match the alias's case: "Apple" but not "apple"; "xAI").
  let firstUpper: [Bool?]
  let catalog: CompanyCatalog

  init(catalog: CompanyCatalog) {
    var patterns: [[UInt32]] = []
    var tags: [Tag] = []
    var firstUpper: [Bool?] = []
    for entry in Vocabulary.entries {
      patterns.append(ChineseFold.fold(entry.text))
      tags.append(entry.tag)
      firstUpper.append(nil)
    }
    for alias in catalog.aliases {
      patterns.append(alias.folded)
      tags.append(.company(alias.company))
      if let first = alias.written.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic {
        firstUpper.append(Scalar.isUppercase(first))
      } else {
        firstUpper.append(nil)
      }
    }
    automaton = AhoCorasick(patterns: patterns)
    self.tags = tags
    self.firstUpper = firstUpper
    self.catalog = catalog
  }

  /// Leftmost-longest tokens of `text`: at each position the longest entry that fits its word
  /// boundaries; tokens never overlap.
  ///
  /// Linear in the text's length.
  func tokens(_ text: ArticleText) -> [Token] {
    let f = text.folded
    let n = f.count
    var bestLength = [Int32](repeating: 0, count: n)
    var bestPattern = [Int32](repeating: -1, count: n)
    automaton.forEachMatch(in: f) { pattern, start in
      let length = automaton.lengths[pattern]
      guard start >= 0, length > 0, start + length <= n else { return }
      let first = f[start]
      let last = f[start + length - 1]
      if Scalar.isWordChar(first), start > 0, Scalar.isWordChar(f[start - 1]) { return }
      if Scalar.isWordChar(last), start + length < n, Scalar.isWordChar(f[start + length]) { return }
      if let upper = firstUpper[pattern], Scalar.isUppercase(text.scalars[start]) != upper { return }
      if Int32(length) > bestLength[start] {
        bestLength[start] = Int32(length)
        bestPattern[start] = Int32(pattern)
      }
    }
    var tokens: [Token] = []
    var i = 0
    while i < n {
      let length = Int(bestLength[i])
      if length > 0 {
        tokens.append(Token(range: i..<(i + length), tag: tags[Int(bestPattern[i])]))
        i += length
      } else {
        i += 1
      }
    }
    return tokens
  }
}
