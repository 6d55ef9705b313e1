import LoopLedger

/// The language of an article.
public enum ArticleLanguage: String, Codable, Sendable, CaseIterable {
  case english = "en"
  case traditionalChinese = "zh-Hant"
  case simplifiedChinese = "zh-Hans"
  /// Substantial English and Chinese text, or substantial Traditional and Simplified text.
  case mixed
  /// Too little text to tell.
  case unknown

  /// The ledger's language for quotes, when there is one.
  public var ledgerLanguage: Language? {
    switch self {
    case .english: .english
    case .traditionalChinese: .traditionalChinese
    case .simplifiedChinese: .simplifiedChinese
    case .mixed, .unknown: nil
    }
  }
}

/// Detects English, Traditional Chinese, Simplified Chinese or a mix by counting scripts.
///
/// Chinese characters count one each; English counts one per word of two letters or more (a word
/// carries about as much as a Chinese character does). Text is mixed when the smaller of the two
/// has at least a quarter of the total. Within Chinese, characters that exist only in Traditional
/// (亞, 據, 與) or only in Simplified (亚, 据, 与) decide the script; both at 25% or more is mixed.
public enum LanguageDetector {
  public struct Counts: Sendable, Equatable {
    public var han = 0
    public var englishWords = 0
    public var traditionalOnly = 0
    public var simplifiedOnly = 0
  }

  public static func counts(_ text: ArticleText) -> Counts {
    var counts = Counts()
    var letters = 0
    for (index, scalar) in text.scalars.enumerated() {
      let v = scalar.value
      let f = text.folded[index]
      if Scalar.isASCIILetter(f) {
        letters += 1
        continue
      }
      if letters >= 2 { counts.englishWords += 1 }
      letters = 0
      if ChineseFold.isHan(v) {
        counts.han += 1
        if f != v { counts.traditionalOnly += 1 } else if ChineseFold.isSimplifiedOnly(v) { counts.simplifiedOnly += 1 }
      }
    }
    if letters >= 2 { counts.englishWords += 1 }
    return counts
  }

  public static func detect(_ text: ArticleText) -> ArticleLanguage {
    let c = counts(text)
    let total = c.han + c.englishWords
    guard total >= 3 else { return .unknown }
    let minority = Swift.min(c.han, c.englishWords)
    if Double(minority) >= 0.25 * Double(total), minority >= 3 { return .mixed }
    if c.englishWords > c.han { return .english }
    let scripts = c.traditionalOnly + c.simplifiedOnly
    guard scripts > 0 else { return .simplifiedChinese }
    let smaller = Swift.min(c.traditionalOnly, c.simplifiedOnly)
    if scripts >= 8, Double(smaller) >= 0.25 * Double(scripts) { return .mixed }
    return c.traditionalOnly >= c.simplifiedOnly ? .traditionalChinese : .simplifiedChinese
  }
}
