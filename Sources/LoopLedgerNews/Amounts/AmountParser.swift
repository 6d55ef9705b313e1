import LoopLedger

/// A money amount found in text, as the ledger records it.
public struct ParsedAmount: Sendable, Equatable {
  /// Scalar offsets of ``Amount/asWritten`` in the text that was parsed.
  public var range: Range<Int>
  /// The amount: qualifier, value or bounds, currency (ISO 4217) and the words as written.
  public var amount: Amount
  /// A conversion stated right after it, such as `(約合778億港元)`.
  public var conversion: Conversion?
  /// True when the text names no currency ("10bn", "100億"): the currency is then assumed
  /// to be US dollars, and the extractor lowers its confidence.
  public var currencyAssumed: Bool

  /// The same sum in another currency, as the source converts it.
  public struct Conversion: Sendable, Equatable {
    public var range: Range<Int>
    public var amount: Amount
    /// Units of the converted currency per unit of the stated one (778億港元 / 100億美元 = 7.78).
    public var rate: Double?
  }

  /// The number the amount stands for: its value, else the high end of a range.
  public var representativeValue: Double? { amount.value ?? amount.high ?? amount.low }
}

/// Parses money amounts in Chinese and English news text.
///
/// Handles Arabic and full-width digits with thousands separators and decimals (`1,400`, `１００`,
/// `1.4`), Chinese numerals (`五百億`, `一千四百億`, `兩千萬`), Chinese units (萬, 億, 萬億, 兆, 千億,
/// 百億), English scales (`billion`, `bn`, `B`, `million`, `M`, `trillion`, `tn`), vague amounts
/// (數十億 = [1e9, 1e10], 數百億 = [1e10, 1e11], 數千億 = [1e11, 1e12], 上千億 ≥ 1e11, "tens of
/// billions"), ranges (`10億至20億美元`, `$10-20 billion`), qualifiers before or after the figure
/// (約 大約 逾 超過 至少 高達 最多 近 … 以上 左右 多; about, more than, over, at least, up to,
/// nearly, as much as …), currencies before or after (美元 港元 HK$ 人民幣 元 RMB 新台幣 NT$ 歐元 €
/// …) and a conversion that follows in brackets (`(約合778億港元)`).
///
/// One forward pass: every attempt reads a bounded window, and runs of digits are skipped whole,
/// so the time is linear in the text's length. Never traps, whatever the input.
public enum AmountParser {
  /// Every amount in `text`.
  public static func parse(_ text: String) -> [ParsedAmount] {
    let article = ArticleText(text)
    return parse(article, in: 0..<article.count)
  }

  /// Every amount in `range` of `text`; ranges of the results are offsets into `text`.
  public static func parse(_ text: ArticleText, in range: Range<Int>) -> [ParsedAmount] {
    var scanner = Scanner(text: text, bounds: range)
    return scanner.run()
  }
}

// MARK: - Vocabulary (folded forms)

/// A word list entry: folded scalars and a value.
struct Word<Value: Sendable>: Sendable {
  var scalars: [UInt32]
  var value: Value
  init(_ text: String, _ value: Value) {
    scalars = ChineseFold.fold(text)
    self.value = value
  }
}

enum AmountVocabulary {
  static let prefixCurrencies: [Word<String>] = [
    Word("US$", "USD"), Word("USD", "USD"), Word("US Dollar", "USD"), Word("HK$", "HKD"),
    Word("HKD", "HKD"), Word("NT$", "TWD"), Word("NTD", "TWD"), Word("TWD", "TWD"),
    Word("RMB", "CNY"), Word("CNY", "CNY"), Word("EUR", "EUR"), Word("€", "EUR"), Word("£", "GBP"),
    Word("GBP", "GBP"), Word("JPY", "JPY"), Word("¥", "CNY"), Word("￥", "CNY"), Word("A$", "AUD"),
    Word("S$", "SGD"), Word("C$", "CAD"), Word("$", "USD"), Word("人民幣", "CNY"),
    Word("新台幣", "TWD"), Word("新臺幣", "TWD"), Word("台幣", "TWD"), Word("港幣", "HKD"),
    Word("美金", "USD"), Word("歐元", "EUR"),
  ]
  static let suffixCurrencies: [Word<String>] = [
    Word("美元", "USD"), Word("美金", "USD"), Word("港元", "HKD"), Word("港幣", "HKD"),
    Word("港圓", "HKD"), Word("元人民幣", "CNY"), Word("人民幣", "CNY"), Word("新台幣", "TWD"),
    Word("台幣", "TWD"), Word("新台幣元", "TWD"), Word("歐元", "EUR"), Word("日元", "JPY"),
    Word("日圓", "JPY"), Word("英鎊", "GBP"), Word("韓元", "KRW"), Word("元", "CNY"),
    Word(" dollars", "USD"), Word(" US dollars", "USD"), Word(" U.S. dollars", "USD"),
    Word(" usd", "USD"), Word(" Hong Kong dollars", "HKD"), Word(" HK dollars", "HKD"),
    Word(" euros", "EUR"), Word(" euro", "EUR"), Word(" yuan", "CNY"), Word(" renminbi", "CNY"),
    Word(" pounds", "GBP"), Word(" yen", "JPY"), Word(" Taiwan dollars", "TWD"),
    Word(" New Taiwan dollars", "TWD"), Word(" NT dollars", "TWD"), Word(" dollar", "USD"),
  ]
  /// Qualifiers written before the figure, longest first when tried.
  static let prefixQualifiers: [Word<AmountQualifier>] = [
    Word("約", .about), Word("大約", .about), Word("約合", .about), Word("折合", .about),
    Word("合", .about), Word("約為", .about), Word("大概", .about), Word("估計", .about),
    Word("近", .about), Word("將近", .about), Word("接近", .about), Word("逼近", .about),
    Word("逾", .moreThan), Word("超過", .moreThan), Word("超", .moreThan), Word("超逾", .moreThan),
    Word("多於", .moreThan), Word("高於", .moreThan), Word("至少", .atLeast), Word("最少", .atLeast),
    Word("不少於", .atLeast), Word("起碼", .atLeast), Word("不低於", .atLeast), Word("高達", .upTo),
    Word("最多", .upTo), Word("多達", .upTo), Word("最高", .upTo), Word("最高達", .upTo),
    Word("上看", .upTo), Word("不超過", .upTo), Word("至多", .upTo), Word("最高可達", .upTo),
    Word("最多可達", .upTo), Word("可達", .upTo), Word("不多於", .upTo), Word("達", .exact),
    Word("達到", .exact), Word("about", .about), Word("around", .about),
    Word("approximately", .about), Word("approx.", .about), Word("roughly", .about),
    Word("some", .about), Word("an estimated", .about), Word("estimated", .about),
    Word("nearly", .about), Word("almost", .about), Word("close to", .about),
    Word("circa", .about), Word("~", .about), Word("more than", .moreThan),
    Word("over", .moreThan), Word("above", .moreThan), Word("upwards of", .moreThan),
    Word("upward of", .moreThan), Word("in excess of", .moreThan), Word("north of", .moreThan),
    Word("at least", .atLeast), Word("no less than", .atLeast), Word("a minimum of", .atLeast),
    Word("up to", .upTo), Word("as much as", .upTo), Word("as high as", .upTo),
    Word("as many as", .upTo), Word("no more than", .upTo), Word("less than", .upTo),
    Word("under", .upTo), Word("below", .upTo), Word("a maximum of", .upTo),
  ]
  /// Words kept in `asWritten` when they stand right before the amount or its qualifier.
  static let leadingContext: [Word<Bool>] = [
    Word("總值", true), Word("總價值", true), Word("總額", true), Word("價值", true),
    Word("可能", true), Word("總計", true), Word("合計", true), Word("共", true),
  ]
  static let suffixQualifiers: [Word<AmountQualifier>] = [
    Word("以上", .moreThan), Word("左右", .about), Word("上下", .about), Word("以下", .upTo),
    Word("以內", .upTo), Word(" or more", .atLeast), Word("-plus", .moreThan),
    Word(" plus", .moreThan), Word("+", .moreThan),
  ]
  static let englishScales: [Word<Double>] = [
    Word("trillion", 1e12), Word("tn", 1e12), Word("tln", 1e12), Word("trn", 1e12),
    Word("billion", 1e9), Word("bn", 1e9), Word("bln", 1e9), Word("million", 1e6),
    Word("mn", 1e6), Word("mln", 1e6), Word("thousand", 1e3), Word("t", 1e12), Word("b", 1e9),
    Word("m", 1e6), Word("k", 1e3),
  ]
  /// English vague amounts: "tens of billions" and the like, with their bounds.
  static let englishVague: [Word<(Double, Double)>] = [
    Word("tens of billions", (1e10, 1e11)), Word("hundreds of billions", (1e11, 1e12)),
    Word("billions", (1e9, 1e10)), Word("several billion", (1e9, 1e10)),
    Word("a few billion", (1e9, 1e10)), Word("multibillion", (1e9, 1e10)),
    Word("multi-billion", (1e9, 1e10)), Word("hundreds of millions", (1e8, 1e9)),
    Word("tens of millions", (1e7, 1e8)), Word("millions", (1e6, 1e7)),
    Word("trillions", (1e12, 1e13)), Word("several trillion", (1e12, 1e13)),
    Word("several hundred billion", (1e11, 1e12)), Word("several hundred million", (1e8, 1e9)),
  ]
  /// Nouns after a bare figure that show it counts things, not money.
  static let countNouns: [Word<Bool>] = [
    Word(" shares", true), Word(" share", true), Word(" parameters", true), Word(" users", true),
    Word(" people", true), Word(" tokens", true), Word(" chips", true), Word(" gpus", true),
    Word(" units", true), Word(" customers", true), Word(" subscribers", true),
    Word(" devices", true), Word(" watts", true), Word(" downloads", true), Word(" visits", true),
    Word(" barrels", true), Word(" tons", true), Word(" years", true), Word(" hours", true),
    Word("股", true), Word("個", true), Word("顆", true), Word("名", true), Word("人", true),
    Word("次", true), Word("位", true), Word("家", true), Word("台", true), Word("張", true),
    Word("片", true), Word("塊", true), Word("枚", true), Word("件", true), Word("條", true),
    Word("份", true), Word("戶", true), Word("年", true), Word("月", true), Word("日", true),
    Word("%", true), Word("瓦", true), Word("千瓦", true), Word("用戶", true), Word("參數", true),
  ]
}

// MARK: - Scanner

private struct Scanner {
  let text: ArticleText
  let f: [UInt32]
  let lower: Int
  let upper: Int
  var results: [ParsedAmount] = []

  init(text: ArticleText, bounds: Range<Int>) {
    self.text = text
    f = text.folded
    lower = Swift.max(0, Swift.min(bounds.lowerBound, f.count))
    upper = Swift.max(lower, Swift.min(bounds.upperBound, f.count))
  }

  @inline(__always) func at(_ i: Int) -> UInt32 { i >= lower && i < upper ? f[i] : 0 }

  mutating func run() -> [ParsedAmount] {
    var i = lower
    while i < upper {
      let c = f[i]
      if let (found, next) = attempt(at: i) {
        results.append(found)
        i = Swift.max(next, i + 1)
        continue
      }
      // Skip a whole run of digits or letters so that no run is re-read from each position.
      if Scalar.isDigit(c) || Scalar.isASCIILetter(c) {
        var j = i + 1
        while j < upper, Scalar.isDigit(f[j]) || Scalar.isASCIILetter(f[j]) || f[j] == 0x2C || f[j] == 0x2E {
          if (f[j] == 0x2C || f[j] == 0x2E), !(Scalar.isDigit(at(j + 1))) { break }
          j += 1
        }
        i = j
        continue
      }
      i += 1
    }
    return results
  }

  // MARK: Word matching

  /// Whether the folded `word` occurs at `i` (an English word must end at a word boundary).
  func matches(_ word: [UInt32], at i: Int) -> Bool {
    guard i >= lower, i + word.count <= upper, !word.isEmpty else { return false }
    for (k, c) in word.enumerated() where f[i + k] != c { return false }
    if let last = word.last, Scalar.isASCIILetter(last), Scalar.isWordChar(at(i + word.count)) {
      return false
    }
    return true
  }

  /// Whether the folded `word` ends right before `end` (English words need a boundary before).
  func endsWith(_ word: [UInt32], before end: Int) -> Bool {
    let start = end - word.count
    guard start >= lower, !word.isEmpty, end <= upper else { return false }
    for (k, c) in word.enumerated() where f[start + k] != c { return false }
    if let first = word.first, Scalar.isASCIILetter(first), Scalar.isWordChar(at(start - 1)) {
      return false
    }
    return true
  }

  func longest<V>(_ words: [Word<V>], at i: Int) -> (V, Int)? {
    var best: (V, Int)? = nil
    for word in words where matches(word.scalars, at: i) {
      if best == nil || word.scalars.count > (best?.1 ?? 0) { best = (word.value, word.scalars.count) }
    }
    return best
  }

  func longestEnding<V>(_ words: [Word<V>], before end: Int) -> (V, Int)? {
    var best: (V, Int)? = nil
    for word in words where endsWith(word.scalars, before: end) {
      if best == nil || word.scalars.count > (best?.1 ?? 0) { best = (word.value, word.scalars.count) }
    }
    return best
  }

  func skipSpaces(_ i: Int, max: Int = 2) -> Int {
    var j = i
    while j < upper, j - i < max, f[j] == 0x20 || f[j] == 0x09 { j += 1 }
    return j
  }

  func skipSpacesBack(_ end: Int, max: Int = 2) -> Int {
    var j = end
    while j > lower, end - j < max, f[j - 1] == 0x20 || f[j - 1] == 0x09 { j -= 1 }
    return j
  }

  // MARK: Numbers

  struct Number {
    var value: Double
    var end: Int
    /// The figure before its scale (10 in "10億"), for ranges written "10-20億".
    var figure: Double = 0
    var scale: Double = 1
    /// Set for vague amounts (數百億, tens of billions).
    var bounds: (Double, Double)? = nil
    /// Whether a scale (億, billion, bn) was written.
    var scaled: Bool
    /// 上千億 / 100多億: a floor.
    var floor: AmountQualifier? = nil
  }

  static let chineseDigits: [UInt32: Double] = {
    var table: [UInt32: Double] = [:]
    let digits: [(String, Double)] = [
      ("零", 0), ("〇", 0), ("○", 0), ("Ｏ", 0), ("一", 1), ("二", 2), ("兩", 2), ("三", 3), ("四", 4), ("五", 5),
      ("六", 6), ("七", 7), ("八", 8), ("九", 9), ("壹", 1), ("貳", 2), ("參", 3), ("肆", 4),
      ("伍", 5), ("陸", 6), ("柒", 7), ("捌", 8), ("玖", 9),
    ]
    for (text, value) in digits {
      for c in ChineseFold.fold(text) { table[c] = value }
    }
    return table
  }()

  static let smallUnits: [UInt32: Double] = {
    var table: [UInt32: Double] = [:]
    for (text, value) in [("十", 10.0), ("拾", 10), ("百", 100), ("佰", 100), ("千", 1000), ("仟", 1000)] {
      for c in ChineseFold.fold(text) { table[c] = value }
    }
    return table
  }()

  static let bigUnits: [UInt32: Double] = {
    var table: [UInt32: Double] = [:]
    for (text, value) in [("萬", 1e4), ("億", 1e8), ("兆", 1e12)] {
      for c in ChineseFold.fold(text) { table[c] = value }
    }
    return table
  }()

  static let rangeSeparators: [[UInt32]] = [
    ChineseFold.fold("至"), ChineseFold.fold("到"), [0x2D], [0x7E], [0x301C], ChineseFold.fold("to"),
  ]
  static let orWord = ChineseFold.fold("or")
  static let intoWord = ChineseFold.fold(" into ")
  static let inWord = ChineseFold.fold(" in ")
  static let vagueTails: [([UInt32], String)] = [
    (" of dollars", "USD"), (" of us dollars", "USD"), (" of u.s. dollars", "USD"),
    (" of euros", "EUR"), (" of yuan", "CNY"), ("-dollar", "USD"), (" dollars", "USD"),
  ].map { (ChineseFold.fold($0.0), $0.1) }
  static let shu = ChineseFold.fold("數")
  static let ji = ChineseFold.fold("幾")
  static let shang = ChineseFold.fold("上")
  static let duo = ChineseFold.fold("多")
  static let yu = ChineseFold.fold("餘")

  func isChineseNumeral(_ c: UInt32) -> Bool {
    Scanner.chineseDigits[c] != nil || Scanner.smallUnits[c] != nil || Scanner.bigUnits[c] != nil
  }

  /// Reads an Arabic number at `i`: digits, thousands commas, one decimal point.
  func arabic(at i: Int) -> (Double, Int)? {
    guard Scalar.isDigit(at(i)) else { return nil }
    var j = i
    var digits = String.UnicodeScalarView()
    var seenPoint = false
    while j < upper, j - i < 32 {
      let c = f[j]
      if Scalar.isDigit(c) {
        if let s = Unicode.Scalar(c) { digits.append(s) }
        j += 1
      } else if c == 0x2C, !seenPoint, Scalar.isDigit(at(j + 1)), Scalar.isDigit(at(j + 2)),
        Scalar.isDigit(at(j + 3)), !Scalar.isDigit(at(j + 4))
      {
        j += 1
      } else if c == 0x2E, !seenPoint, Scalar.isDigit(at(j + 1)) {
        seenPoint = true
        digits.append(".")
        j += 1
      } else {
        break
      }
    }
    if j - i >= 32, Scalar.isDigit(at(j)) { return nil }
    guard let value = Double(String(digits)), value.isFinite else { return nil }
    return (value, j)
  }

  /// Multiplies by Chinese units written after a number: 億, 萬億, 千億, 百萬 (at most four).
  func chineseScale(at i: Int) -> (Double, Int) {
    var j = i
    var scale = 1.0
    while j < upper, j - i < 4 {
      let c = f[j]
      if let unit = Scanner.bigUnits[c] ?? Scanner.smallUnits[c] {
        scale *= unit
        j += 1
      } else {
        break
      }
    }
    return (scale, j)
  }

  /// Reads a number written in Chinese numerals (一千四百億, 五百億, 百億, 兩千萬).
  func chineseNumeral(at i: Int) -> (Double, Int)? {
    var j = i
    var result = 0.0
    var section = 0.0
    var number = 0.0
    var any = false
    var lastSmall = 1e9
    var lastWasDigit = false
    while j < upper, j - i < 24 {
      let c = f[j]
      if let digit = Scanner.chineseDigits[c] {
        // 六○○億, 二○二五: digits written one after another are positional.
        number = lastWasDigit ? number * 10 + digit : digit
        any = true
        lastWasDigit = true
        j += 1
        continue
      }
      lastWasDigit = false
      if let unit = Scanner.smallUnits[c] {
        // 十 after 百 or 千 continues the section; a repeated or larger small unit ends it.
        if unit >= lastSmall { break }
        section += (number == 0 ? 1 : number) * unit
        number = 0
        lastSmall = unit
        any = true
      } else if let unit = Scanner.bigUnits[c] {
        if unit == 1e4 {
          section = (section + number) * 1e4
        } else {
          result += (section + number) * unit
          section = 0
        }
        number = 0
        lastSmall = 1e9
        any = true
      } else {
        break
      }
      j += 1
    }
    guard any else { return nil }
    let value = result + section + number
    guard value > 0, value.isFinite else { return nil }
    return (value, j)
  }

  static let numberWords: [Word<Double>] = [
    ("one", 1.0), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8),
    ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("fifteen", 15), ("twenty", 20), ("thirty", 30),
    ("forty", 40), ("fifty", 50), ("a hundred", 100), ("one hundred", 100), ("hundreds", 100),
  ].map { Word($0.0, $0.1) }

  /// "Ten billion dollars": a number word followed by a scale word.
  func wordNumber(at i: Int) -> Number? {
    guard Scalar.isASCIILetter(at(i)), !Scalar.isWordChar(at(i - 1)),
      let (value, length) = longest(Scanner.numberWords, at: i), at(i + length) == 0x20
    else { return nil }
    guard let (scale, scaleLength) = longest(AmountVocabulary.englishScales, at: i + length + 1), scaleLength > 2 else {
      return nil
    }
    let end = i + length + 1 + scaleLength
    return Number(value: value * scale, end: end, figure: value, scale: scale, scaled: true)
  }

  /// Reads a number with its scale at `i`, or a vague amount.
  func number(at i: Int) -> Number? {
    let c = at(i)
    if let word = wordNumber(at: i) { return word }
    // 數十億, 數百億, 數千億, 數億, 幾十億; 上千億, 上百億.
    if c == Scanner.shu.first || c == Scanner.ji.first || c == Scanner.shang.first {
      let isFloor = c == Scanner.shang.first
      var j = i + 1
      var small = 1.0
      if let unit = Scanner.smallUnits[at(j)] {
        small = unit
        j += 1
      } else if isFloor {
        return nil
      }
      let (scale, end) = chineseScale(at: j)
      guard scale > 1 || small > 1, end > j || small > 1 else { return nil }
      let low = small * scale
      if isFloor { return Number(value: low, end: end, scaled: true, floor: .atLeast) }
      return Number(value: low, end: end, bounds: (low, low * 10), scaled: true)
    }
    // 十幾億 / 十多億: [10, 20) of the unit.
    if let (value, end) = arabic(at: i) {
      var j = end
      var floor: AmountQualifier? = nil
      if at(j) == Scanner.duo.first || at(j) == Scanner.yu.first {
        floor = .moreThan
        j += 1
      }
      var (scale, afterScale) = chineseScale(at: j)
      if afterScale == j, at(j) == 0x20,
        Scanner.bigUnits[at(j + 1)] != nil
          || (Scanner.smallUnits[at(j + 1)] != nil && Scanner.bigUnits[at(j + 2)] != nil)
      {
        // "900 億美元": a number spaced off its unit.
        (scale, afterScale) = chineseScale(at: j + 1)
      }
      if afterScale > j {
        return Number(
          value: value * scale, end: afterScale, figure: value, scale: scale, scaled: true,
          floor: floor)
      }
      if floor != nil { return Number(value: value, end: j, figure: value, scaled: false, floor: floor) }
      // English scale, with or without a space: 10bn, 10 billion, 38B.
      let spaced = skipSpaces(end, max: 1)
      if let (scale, length) = longest(AmountVocabulary.englishScales, at: spaced) {
        let isLetterOnly = length == 1 || length == 2
        if !(isLetterOnly && spaced > end) {
          return Number(
            value: value * scale, end: spaced + length, figure: value, scale: scale, scaled: true)
        }
      }
      return Number(value: value, end: end, figure: value, scaled: false)
    }
    if isChineseNumeral(c) {
      // Chinese numerals must carry a unit of at least 萬 to count as money (一家, 三個 do not).
      guard let (value, end) = chineseNumeral(at: i) else { return nil }
      var hasBig = false
      var j = i
      while j < end {
        if Scanner.bigUnits[f[j]] != nil { hasBig = true }
        j += 1
      }
      var floor: AmountQualifier? = nil
      var stop = end
      if at(end) == Scanner.duo.first || at(end) == Scanner.yu.first {
        // 十多億, 一百多億
        let (scale, afterScale) = chineseScale(at: end + 1)
        if afterScale > end + 1 {
          return Number(value: value * scale, end: afterScale, bounds: nil, scaled: true, floor: .moreThan)
        }
        floor = .moreThan
        stop = end + 1
      }
      return Number(value: value, end: stop, scaled: hasBig, floor: floor)
    }
    return nil
  }

  // MARK: Amounts

  /// Tries to read an amount starting at or after `i` (at `i` itself, or at a currency prefix).
  func attempt(at i: Int, conversions: Bool = true) -> (ParsedAmount, Int)? {
    let c = at(i)
    // A letter or digit continuing a token ("H100", "A$" inside a word) does not start a number.
    if Scalar.isDigit(c), Scalar.isASCIILetter(at(i - 1)) || Scalar.isDigit(at(i - 1)) { return nil }
    if let vague = englishVague(at: i) { return vague }
    var start = i
    var prefixCurrency: String? = nil
    var cursor = i
    if let (code, length) = longest(AmountVocabulary.prefixCurrencies, at: i) {
      // "USD" and "RMB" must not be the tail of a longer word.
      if Scalar.isASCIILetter(c), Scalar.isWordChar(at(i - 1)) { return nil }
      prefixCurrency = code
      cursor = skipSpaces(i + length)
      // 人民幣約7100億元: a qualifier between the currency and the figure.
      if let (_, qualifierLength) = longest(AmountVocabulary.prefixQualifiers, at: cursor),
        !Scalar.isASCIILetter(at(cursor))
      {
        cursor += qualifierLength
      }
    } else if Scalar.isASCIILetter(c), wordNumber(at: i) == nil {
      return nil
    }
    guard var number = number(at: cursor) else { return nil }
    var end = number.end
    var lowValue: Double? = nil
    // A range: 10億至20億, 10-20億, $10 billion to $20 billion.
    if let (second, secondEnd) = rangeEnd(after: end) {
      // "10-20億": a first figure without a scale takes the second's.
      lowValue = number.scaled || !second.scaled ? number.value : number.figure * second.scale
      number = Number(value: second.value, end: secondEnd, scaled: second.scaled || number.scaled)
      end = secondEnd
    }
    // Currency after the figure.
    var currency = prefixCurrency
    var after = end
    let spaced = skipSpaces(end, max: 1)
    if let (code, length) = longest(AmountVocabulary.suffixCurrencies, at: end) {
      if currency == nil || code != "CNY" { currency = currency ?? code }
      after = end + length
    } else if let (code, length) = longest(AmountVocabulary.suffixCurrencies, at: spaced), spaced > end {
      currency = currency ?? code
      after = spaced + length
    }
    // "$10 billion of dollars" is not a thing; "10 billion dollars" is handled above.
    var assumed = false
    if currency == nil {
      // A bare figure counts as money only when it carries a scale (億 or larger in Chinese, a
      // million or larger in English) and no counted noun follows (shares, users, 顆, 個).
      let isChinese = !Scalar.isASCIILetter(at(number.end - 1))
      guard number.scaled, number.value >= (isChinese ? 1e8 : 1e6), lowValue == nil else { return nil }
      if longest(AmountVocabulary.countNouns, at: end) != nil { return nil }
      if longest(AmountVocabulary.countNouns, at: spaced) != nil { return nil }
      // "160 million AMD shares": a counted noun a word or two later.
      var k = spaced
      var words = 0
      while k < upper, k - spaced < 24, words < 3 {
        let c = f[k]
        if c == 0x20 {
          words += 1
          if longest(AmountVocabulary.countNouns, at: k) != nil { return nil }
        } else if !Scalar.isWordChar(c) {
          break
        }
        k += 1
      }
      currency = "USD"
      assumed = true
    }
    guard let code = currency else { return nil }
    // Qualifier after: 以上, 左右, or more, +.
    var suffixQualifier: AmountQualifier? = nil
    if let (qualifier, length) = longest(AmountVocabulary.suffixQualifiers, at: after) {
      suffixQualifier = qualifier
      after += length
    }
    // Qualifier before (possibly before the currency prefix).
    var qualifier: AmountQualifier? = nil
    let beforeStart = skipSpacesBack(start)
    if let (found, length) = longestEnding(AmountVocabulary.prefixQualifiers, before: beforeStart) {
      qualifier = found
      start = beforeStart - length
    }
    if prefixCurrency != nil, cursor > i, qualifier == nil {
      // 人民幣約7100億元: the qualifier stands between the currency and the figure.
      var k = i
      while k < cursor {
        if let (found, _) = longest(AmountVocabulary.prefixQualifiers, at: k), !Scalar.isASCIILetter(f[k]) {
          qualifier = found
          break
        }
        k += 1
      }
    }
    if let (_, length) = longestEnding(AmountVocabulary.leadingContext, before: start) {
      start -= length
    }
    let amount = makeAmount(
      number: number, low: lowValue, qualifier: qualifier, suffix: suffixQualifier, currency: code,
      asWritten: text.slice(start..<after))
    var parsed = ParsedAmount(range: start..<after, amount: amount, conversion: nil, currencyAssumed: assumed)
    // A conversion in brackets or after 約合 / 折合.
    var next = after
    if conversions, let (conversion, conversionEnd) = conversion(after: after, primary: amount) {
      parsed.conversion = conversion
      next = conversionEnd
    }
    return (parsed, next)
  }

  /// Reads the end of a range after `end`: 至 / 到 / - / ~ / to, then a second figure.
  func rangeEnd(after end: Int) -> (Number, Int)? {
    var j = skipSpaces(end, max: 1)
    var matched = false
    for separator in Scanner.rangeSeparators where matches(separator, at: j) {
      j += separator.count
      matched = true
      break
    }
    guard matched else { return nil }
    j = skipSpaces(j, max: 1)
    if let (_, length) = longest(AmountVocabulary.prefixCurrencies, at: j) { j = skipSpaces(j + length, max: 1) }
    guard let second = number(at: j), second.bounds == nil else { return nil }
    return (second, second.end)
  }

  func makeAmount(
    number: Number, low: Double?, qualifier: AmountQualifier?, suffix: AmountQualifier?,
    currency: String, asWritten: String
  ) -> Amount {
    if let low {
      let lo = Swift.min(low, number.value)
      let hi = Swift.max(low, number.value)
      return Amount(qualifier: .range, low: lo, high: hi, currency: currency, asWritten: asWritten)
    }
    if let (lo, hi) = number.bounds {
      switch qualifier ?? suffix {
      case .atLeast?: return Amount(qualifier: .atLeast, value: lo, currency: currency, asWritten: asWritten)
      case .moreThan?: return Amount(qualifier: .moreThan, value: lo, currency: currency, asWritten: asWritten)
      case .upTo?: return Amount(qualifier: .upTo, value: hi, currency: currency, asWritten: asWritten)
      default: return Amount(qualifier: .range, low: lo, high: hi, currency: currency, asWritten: asWritten)
      }
    }
    let chosen = qualifier ?? suffix ?? number.floor ?? .exact
    return Amount(qualifier: chosen, value: number.value, currency: currency, asWritten: asWritten)
  }

  /// "tens of billions of dollars", "billions of dollars", "a multibillion-dollar deal".
  func englishVague(at i: Int) -> (ParsedAmount, Int)? {
    guard Scalar.isASCIILetter(at(i)), !Scalar.isWordChar(at(i - 1)) else { return nil }
    guard let ((lo, hi), length) = longest(AmountVocabulary.englishVague, at: i) else { return nil }
    var end = i + length
    var currency: String? = nil
    for (word, code) in Scanner.vagueTails {
      if matches(word, at: end) {
        currency = code
        end += word.count
        break
      }
    }
    var assumed = false
    if currency == nil, length > 9, matches(Scanner.intoWord, at: end) || matches(Scanner.inWord, at: end) {
      // "poured tens of billions into OpenAI": money, in dollars unless said otherwise.
      currency = "USD"
      assumed = true
    }
    guard let code = currency else { return nil }
    var start = i
    var qualifier: AmountQualifier? = nil
    if let (found, qualifierLength) = longestEnding(AmountVocabulary.prefixQualifiers, before: skipSpacesBack(i)) {
      qualifier = found
      start = skipSpacesBack(i) - qualifierLength
    }
    let number = Number(value: lo, end: end, bounds: (lo, hi), scaled: true)
    let amount = makeAmount(
      number: number, low: nil, qualifier: qualifier, suffix: nil, currency: code,
      asWritten: text.slice(start..<end))
    return (ParsedAmount(range: start..<end, amount: amount, conversion: nil, currencyAssumed: assumed), end)
  }

  /// A conversion right after an amount: `(約合778億港元)`, `（折合人民幣約7100億元）`,
  /// `, or about HK$77.8 billion`.
  func conversion(after end: Int, primary: Amount) -> (ParsedAmount.Conversion, Int)? {
    var j = skipSpaces(end, max: 1)
    var bracketed = false
    if at(j) == 0x28 || at(j) == 0x3010 {
      bracketed = true
      j += 1
    } else if at(j) == 0x2C {
      j = skipSpaces(j + 1, max: 1)
    }
    j = skipSpaces(j, max: 1)
    if matches(Scanner.orWord, at: j) { j = skipSpaces(j + 2, max: 1) }
    // The qualifier is read by the inner attempt when it is written before the figure; make the
    // inner attempt start at the qualifier.
    var innerStart = j
    if let (_, length) = longest(AmountVocabulary.prefixQualifiers, at: j) {
      innerStart = j
      j += length
    } else if !bracketed {
      return nil
    }
    let inner = Scanner(text: text, bounds: lower..<upper)
    guard let (found, innerEnd) = inner.attempt(at: skipSpaces(j, max: 1), conversions: false),
      !found.currencyAssumed,
      let code = found.amount.currency, code != primary.currency, found.range.lowerBound >= innerStart
    else { return nil }
    var close = innerEnd
    if bracketed {
      close = skipSpaces(close, max: 1)
      guard at(close) == 0x29 || at(close) == 0x3011 else { return nil }
      close += 1
    }
    var rate: Double? = nil
    if let from = primary.value ?? primary.high, let to = found.amount.value ?? found.amount.high, from > 0 {
      rate = to / from
    }
    return (ParsedAmount.Conversion(range: found.range, amount: found.amount, rate: rate), close)
  }
}
