import LoopLedger

/// A date as an article writes it, before or after resolving it against the article's date.
public struct DateMention: Sendable, Equatable {
  public var range: Range<Int>
  public var expression: DateExpression
}

/// What a date expression says, relative or absolute.
public enum DateExpression: Sendable, Equatable {
  /// 2025年9月22日, September 22, 2025, 2025-09-22, 2023年起, in 2023.
  case absolute(PartialDate)
  /// 今年9月 (0), 去年十月 (-1), this year (0), last year (-1): a year offset, optional month and day.
  case relativeYear(offset: Int, month: Int?, day: Int? = nil)
  /// 上個月 (-1), 本月初 (0), this month (0), last month (-1).
  case relativeMonth(offset: Int)
  /// 9月, in September, Sept. 22: a month (and day) of the article's year.
  case monthOfYear(month: Int, day: Int?)
  /// 16日: a day of the article's month.
  case dayOfMonth(Int)
  /// 昨日 (-1), 今日 (0), yesterday, today.
  case relativeDay(Int)
  /// 週一 / on Monday: the most recent such weekday on or before the article's date (1 = Monday).
  case weekday(Int)
  /// last week, 上週: the week before the article's.
  case relativeWeek(Int)

  /// The date this expression means for an article published on `articleDate`.
  public func resolve(articleDate: PartialDate?) -> PartialDate? {
    switch self {
    case .absolute(let date): return date
    case .relativeYear(let offset, let month, let day):
      guard let articleDate else { return nil }
      let year = articleDate.year + offset
      if let month, let day, day >= 1, day <= CalendarMath.daysIn(month: month, year: year) {
        return PartialDate(year: year, month: month, day: day)
      }
      return PartialDate(year: year, month: month)
    case .relativeMonth(let offset):
      guard let articleDate, let month = articleDate.month else { return nil }
      let total = articleDate.year * 12 + (month - 1) + offset
      return PartialDate(year: total / 12, month: total % 12 + 1)
    case .monthOfYear(let month, let day):
      guard let articleDate else { return nil }
      var year = articleDate.year
      // A month more than one month after the article's is last year's (news reports the past).
      if let articleMonth = articleDate.month, month > articleMonth + 1 { year -= 1 }
      guard let day else { return PartialDate(year: year, month: month) }
      guard day >= 1, day <= CalendarMath.daysIn(month: month, year: year) else {
        return PartialDate(year: year, month: month)
      }
      return PartialDate(year: year, month: month, day: day)
    case .dayOfMonth(let day):
      guard let articleDate, let month = articleDate.month else { return nil }
      var year = articleDate.year
      var resolvedMonth = month
      if let articleDay = articleDate.day, day > articleDay {
        resolvedMonth -= 1
        if resolvedMonth == 0 {
          resolvedMonth = 12
          year -= 1
        }
      }
      guard day >= 1, day <= CalendarMath.daysIn(month: resolvedMonth, year: year) else {
        return PartialDate(year: year, month: resolvedMonth)
      }
      return PartialDate(year: year, month: resolvedMonth, day: day)
    case .relativeDay(let offset):
      guard let articleDate, let month = articleDate.month, let day = articleDate.day else {
        return articleDate
      }
      let days = CalendarMath.daysFromCivil(articleDate.year, month, day) + offset
      let (y, m, d) = CalendarMath.civilFromDays(days)
      return PartialDate(year: y, month: m, day: d)
    case .weekday(let weekday):
      guard let articleDate, let month = articleDate.month, let day = articleDate.day else {
        return articleDate.map { PartialDate(year: $0.year, month: $0.month) }
      }
      let days = CalendarMath.daysFromCivil(articleDate.year, month, day)
      let current = CalendarMath.weekday(days)
      let back = (current - weekday + 7) % 7
      let (y, m, d) = CalendarMath.civilFromDays(days - back)
      return PartialDate(year: y, month: m, day: d)
    case .relativeWeek(let offset):
      guard let articleDate, let month = articleDate.month, let day = articleDate.day else {
        return articleDate.map { PartialDate(year: $0.year, month: $0.month) }
      }
      let (y, m, _) = CalendarMath.civilFromDays(
        CalendarMath.daysFromCivil(articleDate.year, month, day) + 7 * offset)
      return PartialDate(year: y, month: m)
    }
  }
}

/// Proleptic Gregorian day arithmetic (Howard Hinnant, "chrono-Compatible Low-Level Date
/// Algorithms").
enum CalendarMath {
  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01.
  static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// 1 = Monday … 7 = Sunday.
  static func weekday(_ days: Int) -> Int {
    // 1970-01-01 was a Thursday (4).
    ((days % 7 + 7) % 7 + 3) % 7 + 1
  }
}

/// Finds date expressions and contract terms in Chinese and English text.
///
/// One forward pass.
public enum DateScanner {
  public struct Term: Sendable, Equatable {
    public var range: Range<Int>
    public var years: Double
  }

  /// Every date expression in `range` of `text`.
  public static func dates(in text: ArticleText, range: Range<Int>) -> [DateMention] {
    var scanner = Scan(text: text, range: range)
    return scanner.dates()
  }

  /// Every contract term ("為期七年", "seven-year", "over five years") in `range`.
  public static func terms(in text: ArticleText, range: Range<Int>) -> [Term] {
    let scanner = Scan(text: text, range: range)
    return scanner.terms()
  }

  /// The article's own date, if a full date stands in its first lines or in HTML metadata.
  public static func articleDate(html: String?, text: ArticleText) -> PartialDate? {
    if let html {
      for key in [
        "article:published_time", "datePublished", "pubdate", "publishdate", "date\" content", "<time datetime",
      ] {
        if let date = dateAfter(key: key, in: html) { return date }
      }
    }
    let head = 0..<Swift.min(text.count, 300)
    for mention in dates(in: text, range: head) {
      if case .absolute(let date) = mention.expression, date.day != nil { return date }
    }
    return nil
  }

  private static func dateAfter(key: String, in html: String) -> PartialDate? {
    let scalars = Array(html.unicodeScalars.prefix(200_000))
    let needle = Array(key.unicodeScalars)
    guard !needle.isEmpty, scalars.count > needle.count else { return nil }
    var i = 0
    while i + needle.count <= scalars.count {
      if scalars[i] == needle[0], Array(scalars[i..<(i + needle.count)]) == needle {
        // Find YYYY-MM-DD within the next 60 scalars.
        var j = i + needle.count
        let limit = Swift.min(scalars.count, j + 60)
        while j + 10 <= limit {
          var view = String.UnicodeScalarView()
          view.append(contentsOf: scalars[j..<(j + 10)])
          if let date = PartialDate(String(view)), date.day != nil { return date }
          j += 1
        }
      }
      i += 1
    }
    return nil
  }
}

private struct Scan {
  let text: ArticleText
  let f: [UInt32]
  let lower: Int
  let upper: Int

  init(text: ArticleText, range: Range<Int>) {
    self.text = text
    f = text.folded
    lower = Swift.max(0, Swift.min(range.lowerBound, f.count))
    upper = Swift.max(lower, Swift.min(range.upperBound, f.count))
  }

  @inline(__always) func at(_ i: Int) -> UInt32 { i >= lower && i < upper ? f[i] : 0 }

  func word(_ w: String, at i: Int) -> Bool { word(Scan.folded(w), at: i) }

  func word(_ folded: [UInt32], at i: Int) -> Bool {
    guard let first = folded.first, at(i) == first else { return false }
    var j = i
    for c in folded {
      guard at(j) == c else { return false }
      j += 1
    }
    if let last = folded.last, Scalar.isASCIILetter(last), Scalar.isWordChar(at(j)) {
      return false
    }
    return true
  }

  /// Folded forms of the scanner's words, computed once.
  static let foldCache: [String: [UInt32]] = {
    var words: [String] = ["年", "月", "日", "號", "期", "為期", "期限", "年期為", "-year", " years", "in"]
    words += ["底", "末", "年底", "年末", "第四季", "起", "以來", "開始", "初", "中", "前後", "中旬", "上旬", "下旬"]
    words += [
      "今年", "去年", "明年", "前年", "本年", "上個月", "上月", "本月", "這個月", "當月", "下個月", "下月", "月初",
      "本月初", "上月底", "上月初", "昨日", "昨天", "今日", "今天", "前天", "日前", "近日", "本週", "上週", "上周", "上星期",
    ]
    words += [
      "last month", "this month", "earlier this month", "next month", "last year", "this year",
      "earlier this year", "next year", "last week", "this week", "earlier this week", "yesterday", "today",
    ]
    words += ["每", "近", "前", "個", "數", "過去"]
    words += chineseSmall.keys
    words += months.map(\.0) + weekdays.map(\.0) + chineseWeekdays.map(\.0)
    words += [
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
      "twenty",
    ]
    words += [
      "over ", "for ", "spanning ", "across ", "in ", "since ", "from ", "by ", "early ", "late ", "mid-", "during ",
      "of ",
    ]
    var cache: [String: [UInt32]] = [:]
    for w in words { cache[w] = ChineseFold.fold(w) }
    return cache
  }()

  static func folded(_ w: String) -> [UInt32] { foldCache[w] ?? ChineseFold.fold(w) }

  /// Characters a Chinese date expression can start with.
  static let chineseStarts: Set<UInt32> = {
    var set = Set<UInt32>()
    for w in foldCache.keys where !(w.first?.isASCII ?? true) { if let c = foldCache[w]?.first { set.insert(c) } }
    return set
  }()

  func firstWord(_ words: [String], at i: Int) -> (String, Int)? {
    firstWord(Scan.prepared(words), at: i)
  }

  func firstWord(_ words: [(String, [UInt32])], at i: Int) -> (String, Int)? {
    var best: (String, Int)? = nil
    let c = at(i)
    for (w, folded) in words {
      guard folded.first == c, word(folded, at: i) else { continue }
      let length = folded.count
      if best == nil || length > (best?.1 ?? 0) { best = (w, length) }
    }
    return best
  }

  static func prepared(_ words: [String]) -> [(String, [UInt32])] { words.map { ($0, folded($0)) } }

  /// Digits (at most `max`) at `i`.
  func digits(at i: Int, max: Int) -> (Int, Int)? {
    var j = i
    var value = 0
    while j < upper, Scalar.isDigit(f[j]), j - i < max {
      value = value * 10 + Int(f[j] - 0x30)
      j += 1
    }
    guard j > i, !Scalar.isDigit(at(j)) else { return nil }
    return (value, j)
  }

  static let chineseSmall: [String: Int] = [
    "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
    "十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "二十": 20,
  ]

  /// A small number in digits or Chinese numerals (1–99).
  func smallNumber(at i: Int) -> (Int, Int)? {
    if let found = digits(at: i, max: 2) { return found }
    var best: (Int, Int)? = nil
    for (w, value) in Scan.smallNumbers where w.first == at(i) && word(w, at: i) {
      let length = w.count
      if best == nil || length > ((best?.1 ?? i) - i) { best = (value, i + length) }
    }
    return best
  }

  static let months: [(String, Int)] = [
    ("january", 1), ("jan.", 1), ("jan", 1), ("february", 2), ("feb.", 2), ("feb", 2), ("march", 3),
    ("mar.", 3), ("april", 4), ("apr.", 4), ("apr", 4), ("may", 5), ("june", 6), ("jun.", 6),
    ("july", 7), ("jul.", 7), ("august", 8), ("aug.", 8), ("aug", 8), ("september", 9),
    ("sept.", 9), ("sept", 9), ("sep.", 9), ("sep", 9), ("october", 10), ("oct.", 10), ("oct", 10),
    ("november", 11), ("nov.", 11), ("nov", 11), ("december", 12), ("dec.", 12), ("dec", 12),
  ]
  static let weekdays: [(String, Int)] = [
    ("monday", 1), ("tuesday", 2), ("wednesday", 3), ("thursday", 4), ("friday", 5),
    ("saturday", 6), ("sunday", 7),
  ]
  static let chineseWeekdays: [(String, Int)] = [
    ("週一", 1), ("週二", 2), ("週三", 3), ("週四", 4), ("週五", 5), ("週六", 6), ("週日", 7),
    ("星期一", 1), ("星期二", 2), ("星期三", 3), ("星期四", 4), ("星期五", 5), ("星期六", 6),
    ("星期日", 7), ("星期天", 7), ("禮拜一", 1), ("禮拜二", 2), ("禮拜三", 3), ("禮拜四", 4),
    ("禮拜五", 5),
  ]

  static let list0 = prepared(["底", "末", "年底", "年末", "第四季"])
  static let list1 = prepared(["起", "以來", "開始", "初", "中", "前後"])
  static let list2 = prepared(["初", "中旬", "上旬", "下旬", "中", "底", "末"])
  static let list3 = prepared(["底", "年底", "年末", "末"])
  static let list4 = prepared(["初", "中旬", "底", "末", "中"])
  static let list5 = prepared(["上週", "上周", "上星期"])
  static let list6 = prepared(["為期", "期限", "年期為"])
  static let monthWords = prepared(months.map(\.0))
  static let weekdayWords = prepared(weekdays.map(\.0))
  static let chineseWeekdayWords = prepared(chineseWeekdays.map(\.0))
  static let smallNumbers: [([UInt32], Int)] = chineseSmall.map { (ChineseFold.fold($0.key), $0.value) }
  static let numberWordList = prepared([
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty",
  ])
  static let yearOffsets: [(String, Int)] = [("今年", 0), ("去年", -1), ("明年", 1), ("前年", -2), ("本年", 0)]
  static let monthOffsets: [(String, Int)] = [
    ("上個月", -1), ("上月", -1), ("本月", 0), ("這個月", 0), ("當月", 0), ("下個月", 1), ("下月", 1),
    ("月初", 0), ("本月初", 0), ("上月底", -1), ("上月初", -1),
  ]
  static let dayOffsets: [(String, Int)] = [
    ("昨日", -1), ("昨天", -1), ("今日", 0), ("今天", 0), ("前天", -2), ("日前", 0), ("近日", 0), ("本週", 0),
  ]
  static let relative: [(String, DateExpression)] = [
    ("last month", .relativeMonth(offset: -1)), ("this month", .relativeMonth(offset: 0)),
    ("earlier this month", .relativeMonth(offset: 0)), ("next month", .relativeMonth(offset: 1)),
    ("last year", .relativeYear(offset: -1, month: nil)),
    ("this year", .relativeYear(offset: 0, month: nil)),
    ("earlier this year", .relativeYear(offset: 0, month: nil)),
    ("next year", .relativeYear(offset: 1, month: nil)), ("last week", .relativeWeek(-1)),
    ("this week", .relativeWeek(0)), ("earlier this week", .relativeWeek(0)),
    ("yesterday", .relativeDay(-1)), ("today", .relativeDay(0)),
  ]
  static let yearOffsetWords = yearOffsets.map { (ChineseFold.fold($0.0), $0.1) }
  static let monthOffsetWords = prepared(monthOffsets.map(\.0))
  static let dayOffsetWords = prepared(dayOffsets.map(\.0))
  static let relativeWords = prepared(relative.map(\.0))
  static let yearWord = ChineseFold.fold("年")
  static let termStarts = ChineseFold.fold("為期期限")
  static let monthWord = ChineseFold.fold("月")
  static let dayWords = [ChineseFold.fold("日"), ChineseFold.fold("號")]

  func isDayWord(_ i: Int) -> Bool { Scan.dayWords.contains { $0.first == at(i) } }

  mutating func dates() -> [DateMention] {
    var result: [DateMention] = []
    var i = lower
    while i < upper {
      if let (expression, end) = date(at: i) {
        result.append(DateMention(range: i..<end, expression: expression))
        i = Swift.max(end, i + 1)
        continue
      }
      // Skip whole runs of digits and letters.
      if Scalar.isDigit(f[i]) || Scalar.isASCIILetter(f[i]) {
        var j = i + 1
        while j < upper, Scalar.isDigit(f[j]) || Scalar.isASCIILetter(f[j]) { j += 1 }
        i = j
        continue
      }
      i += 1
    }
    return result
  }

  func date(at i: Int) -> (DateExpression, Int)? {
    let c = at(i)
    if Scalar.isDigit(c) {
      if Scalar.isDigit(at(i - 1)) || Scalar.isASCIILetter(at(i - 1)) { return nil }
      return numericDate(at: i)
    }
    if Scalar.isASCIILetter(c) {
      if Scalar.isWordChar(at(i - 1)) { return nil }
      return englishDate(at: i)
    }
    guard Scan.chineseStarts.contains(c) else { return nil }
    return chineseDate(at: i)
  }

  func numericDate(at i: Int) -> (DateExpression, Int)? {
    // 2025-09-22 / 2025/9/22
    if let (year, end) = digits(at: i, max: 4), end - i == 4, (1900...2100).contains(year) {
      if at(end) == 0x2D || at(end) == 0x2F, let (month, mEnd) = digits(at: end + 1, max: 2), (1...12).contains(month) {
        if at(mEnd) == at(end), let (day, dEnd) = digits(at: mEnd + 1, max: 2),
          day >= 1, day <= CalendarMath.daysIn(month: month, year: year)
        {
          return (.absolute(PartialDate(year: year, month: month, day: day)), dEnd)
        }
        return (.absolute(PartialDate(year: year, month: month)), mEnd)
      }
      // 2025年9月22日 / 2025年9月 / 2025年起 / 2025年底
      if at(end) == Scan.yearWord.first {
        let afterYear = end + 1
        if let (month, mEnd) = smallNumber(at: afterYear), (1...12).contains(month), at(mEnd) == Scan.monthWord.first {
          if let (day, dEnd) = smallNumber(at: mEnd + 1), isDayWord(dEnd), day >= 1,
            day <= CalendarMath.daysIn(month: month, year: year)
          {
            return (.absolute(PartialDate(year: year, month: month, day: day)), dEnd + 1)
          }
          return (.absolute(PartialDate(year: year, month: month)), mEnd + 1)
        }
        if let (w, length) = firstWord(Scan.list0, at: afterYear), !w.isEmpty {
          return (.absolute(PartialDate(year: year, month: 12)), afterYear + length)
        }
        if let (_, length) = firstWord(Scan.list1, at: afterYear) {
          return (.absolute(PartialDate(year: year)), afterYear + length)
        }
        return (.absolute(PartialDate(year: year)), afterYear)
      }
      // "in 2023", "since 2023", "2023." in English context: a bare year.
      for w in ["in ", "since ", "from ", "by ", "early ", "late ", "mid-", "during ", "of "] {
        let scalars = ChineseFold.fold(w)
        let start = i - scalars.count
        guard start >= lower, !Scalar.isWordChar(at(start - 1)) else { continue }
        if Array(f[start..<i]) == scalars { return (.absolute(PartialDate(year: year)), end) }
      }
      return nil
    }
    // 9月22日 / 9月 / 16日
    if let (month, end) = digits(at: i, max: 2) {
      if at(end) == Scan.monthWord.first, (1...12).contains(month), !isCountBefore(i) {
        if let (day, dEnd) = smallNumber(at: end + 1), isDayWord(dEnd) {
          return (.monthOfYear(month: month, day: day), dEnd + 1)
        }
        return (.monthOfYear(month: month, day: nil), end + 1)
      }
      if isDayWord(end), (1...31).contains(month), !isCountBefore(i) {
        return (.dayOfMonth(month), end + 1)
      }
    }
    return nil
  }

  /// 三個月 / 數月 / 每月: a count of months, not a date.
  func isCountBefore(_ i: Int) -> Bool {
    let previous = at(i - 1)
    return ["每", "近", "前", "個", "數", "過去"].contains { Scan.folded($0).last == previous }
  }

  func chineseDate(at i: Int) -> (DateExpression, Int)? {
    // 今年9月, 去年十月, 明年, 今年初
    for (w, offset) in Scan.yearOffsetWords where w.first == at(i) && word(w, at: i) {
      let after = i + 2
      if let (month, end) = smallNumber(at: after), (1...12).contains(month), at(end) == Scan.monthWord.first {
        var stop = end + 1
        if let (_, length) = firstWord(Scan.list2, at: stop) { stop += length }
        if let (day, dEnd) = smallNumber(at: end + 1), isDayWord(dEnd) {
          return (.relativeYear(offset: offset, month: month, day: day), dEnd + 1)
        }
        return (.relativeYear(offset: offset, month: month), stop)
      }
      if let (_, length) = firstWord(Scan.list3, at: after) {
        return (.relativeYear(offset: offset, month: 12), after + length)
      }
      return (.relativeYear(offset: offset, month: nil), after)
    }
    if let (w, length) = firstWord(Scan.monthOffsetWords, at: i),
      let offset = Scan.monthOffsets.first(where: { $0.0 == w })?.1
    {
      var stop = i + length
      if let (_, extra) = firstWord(Scan.list4, at: stop) { stop += extra }
      return (.relativeMonth(offset: offset), stop)
    }
    if let (w, length) = firstWord(Scan.dayOffsetWords, at: i),
      let offset = Scan.dayOffsets.first(where: { $0.0 == w })?.1
    {
      return (.relativeDay(offset), i + length)
    }
    if let (w, length) = firstWord(Scan.list5, at: i), !w.isEmpty {
      return (.relativeWeek(-1), i + length)
    }
    if let (w, length) = firstWord(Scan.chineseWeekdayWords, at: i),
      let day = Scan.chineseWeekdays.first(where: { $0.0 == w })?.1
    {
      return (.weekday(day), i + length)
    }
    // 十月 / 九月 in Chinese numerals, not 一個月 or 數月.
    if let (month, end) = smallNumber(at: i), !Scalar.isDigit(at(i)), (1...12).contains(month),
      at(end) == Scan.monthWord.first, !isCountBefore(i)
    {
      if let (day, dEnd) = smallNumber(at: end + 1), isDayWord(dEnd) {
        return (.monthOfYear(month: month, day: day), dEnd + 1)
      }
      return (.monthOfYear(month: month, day: nil), end + 1)
    }
    return nil
  }

  func englishDate(at i: Int) -> (DateExpression, Int)? {
    if let (w, length) = firstWord(Scan.relativeWords, at: i),
      let expression = Scan.relative.first(where: { $0.0 == w })?.1
    {
      return (expression, i + length)
    }
    if let (w, length) = firstWord(Scan.weekdayWords, at: i), let day = Scan.weekdays.first(where: { $0.0 == w })?.1 {
      return (.weekday(day), i + length)
    }
    guard let (w, length) = firstWord(Scan.monthWords, at: i),
      let month = Scan.months.first(where: { $0.0 == w })?.1
    else { return nil }
    // "may" is also a verb: only as "May 5", "May 2025" or "in May".
    var j = i + length
    while at(j) == 0x20 { j += 1 }
    if let (day, dEnd) = digits(at: j, max: 2), (1...31).contains(day) {
      var k = dEnd
      if at(k) == 0x2C { k += 1 }
      while at(k) == 0x20 { k += 1 }
      if let (year, yEnd) = digits(at: k, max: 4), yEnd - k == 4, (1900...2100).contains(year) {
        guard day <= CalendarMath.daysIn(month: month, year: year) else {
          return (.absolute(PartialDate(year: year, month: month)), yEnd)
        }
        return (.absolute(PartialDate(year: year, month: month, day: day)), yEnd)
      }
      return (.monthOfYear(month: month, day: day), dEnd)
    }
    if let (year, yEnd) = digits(at: j, max: 4), yEnd - j == 4, (1900...2100).contains(year) {
      return (.absolute(PartialDate(year: year, month: month)), yEnd)
    }
    if w == "may" || w == "march" || w == "dec" || w == "jan" || w == "sep" || w == "oct" || w == "nov" || w == "aug"
      || w == "apr"
    {
      // Bare month words that are also ordinary words count only after "in".
      guard i >= 3 + lower, word("in", at: i - 3), at(i - 1) == 0x20 else { return nil }
    }
    return (.monthOfYear(month: month, day: nil), i + length)
  }

  // MARK: Terms

  func terms() -> [DateScanner.Term] {
    var result: [DateScanner.Term] = []
    var i = lower
    let numberWords: [(String, Int)] = [
      ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
      ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("fifteen", 15),
      ("twenty", 20),
    ]
    while i < upper {
      let c = f[i]
      if !Scalar.isWordChar(c), !Scan.chineseStarts.contains(c) {
        i += 1
        continue
      }
      // 為期七年 / 為期5年 / 期限5年
      if let (_, length) = firstWord(Scan.list6, at: i) {
        if let (years, end) = smallNumber(at: i + length), at(end) == Scan.yearWord.first {
          result.append(DateScanner.Term(range: i..<(end + 1), years: Double(years)))
          i = end + 1
          continue
        }
      }
      // 5年期 / 七年期
      if !Scalar.isDigit(at(i - 1)), let (years, end) = smallNumber(at: i), at(end) == Scan.yearWord.first,
        at(end + 1) == ChineseFold.fold("期").first
      {
        result.append(DateScanner.Term(range: i..<(end + 2), years: Double(years)))
        i = end + 2
        continue
      }
      if Scalar.isASCIILetter(at(i)) || Scalar.isDigit(at(i)), !Scalar.isWordChar(at(i - 1)) {
        // seven-year / 7-year / over five years / for 5 years
        var value: Int? = nil
        var end = i
        if let (n, e) = digits(at: i, max: 2) {
          value = n
          end = e
        } else if let (w, length) = firstWord(Scan.numberWordList, at: i) {
          value = numberWords.first { $0.0 == w }?.1
          end = i + length
        }
        if let years = value {
          if word("-year", at: end) {
            result.append(DateScanner.Term(range: i..<(end + 5), years: Double(years)))
            i = end + 5
            continue
          }
          if word(" years", at: end) {
            let start = i
            let before = ["over ", "for ", "spanning ", "across "].first { prefix in
              let scalars = ChineseFold.fold(prefix)
              return start - scalars.count >= lower && Array(f[(start - scalars.count)..<start]) == scalars
            }
            if let before {
              let begin = start - before.unicodeScalars.count
              result.append(DateScanner.Term(range: begin..<(end + 6), years: Double(years)))
              i = end + 6
              continue
            }
          }
        }
        var j = i + 1
        while j < upper, Scalar.isWordChar(f[j]) { j += 1 }
        i = j
        continue
      }
      i += 1
    }
    return result
  }
}
