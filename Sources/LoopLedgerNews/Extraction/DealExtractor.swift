import LoopLedger

/// Turns an article (plain text or HTML, English or Chinese) into candidate deals.
///
/// The pipeline is a sequence of linear passes: strip HTML, fold the text, split it into
/// paragraphs, sentences and clauses, find every vocabulary word and company name in one
/// Aho–Corasick pass, parse amounts and dates, then read each sentence's relation words (投資,
/// 採購, invest, buy, a deal with …) with the companies around them. Direction follows the words:
/// money flows from the investor to the investee and from the buyer to the seller. Each candidate
/// keeps the sentence it came from, its span and the words behind each field.
public struct DealExtractor: Sendable {
  public let catalog: CompanyCatalog
  let lexicon: Lexicon
  let ledger: Ledger?

  /// An extractor that knows `ledger`'s companies (and, unless `builtInCompanies` is false, the
  /// built-in directory), and marks candidates that duplicate `ledger`'s deals.
  public init(ledger: Ledger?, builtInCompanies: Bool = true) {
    self.ledger = ledger
    catalog = CompanyCatalog(ledger: ledger, builtIn: builtInCompanies)
    lexicon = Lexicon(catalog: catalog)
  }

  /// Extracts candidate deals from `article`.
  ///
  /// - Parameters:
  ///   - article: Plain text or HTML.
  ///   - file: A label for the output (a file name).
  ///   - date: The article's date, for resolving 上個月, last month, on Monday; if nil, a full
  ///     date in the article's first lines or HTML metadata is used when there is one.
  /// - Returns: The candidates with the article's language, date and its source, plain text (which
  ///   the candidates' spans point into) and the exchange rates it states.
  public func extract(_ article: String, file: String = "article", date: PartialDate? = nil)
    -> ArticleExtraction
  {
    let isHTML = HTMLStripper.looksLikeHTML(article)
    let plain = isHTML ? HTMLStripper.strip(article) : article
    let text = ArticleText(plain)
    var articleDate = date
    var dateSource: String? = date == nil ? nil : "option"
    if articleDate == nil, let found = DateScanner.articleDate(html: isHTML ? article : nil, text: text) {
      articleDate = found
      dateSource = "text"
    }
    var run = Run(extractor: self, text: text, articleDate: articleDate)
    let candidates = run.candidates()
    return ArticleExtraction(
      file: file, language: LanguageDetector.detect(text), articleDate: articleDate,
      articleDateSource: dateSource, wasHTML: isHTML, text: plain,
      candidates: deduplicated(candidates), statedRates: run.statedRates)
  }
}

// MARK: - One article

/// An item of a sentence: a token, possibly a company mention.
struct Item {
  var range: Range<Int>
  var tag: Tag
  var mention: Mention?
  /// Set for the two companies a 雙方 stands for.
  var pair: [Mention] = []
  var clause = 0
  /// The preposition right before a mention (向 Y, from Y), if any.
  var preposition: Preposition? = nil
  var afterPassive = false
  /// "OpenAI的競爭對手Anthropic": the possessor, which is neither subject nor counterparty.
  var isPossessor = false
  /// "紅杉中國領投的…": an investor taking part in a round (a participant word follows it).
  var isParticipant = false
}

/// The round an article reports last: who raises it, and its status.
struct Round {
  var raiser: Mention
  var status: DealStatus
  var statusBasis: String?
  /// The sentence that named the round first: the key that keeps two rounds' investors apart.
  var sentence: Int
  /// The round's label (天使, A, C+, Series E) and amount, when the text gives them.
  var label: String? = nil
  var amount: Double? = nil
}

struct Run {
  let extractor: DealExtractor
  let text: ArticleText
  let articleDate: PartialDate?
  var catalog: CompanyCatalog { extractor.catalog }
  var f: [UInt32] { text.folded }
  var statedRates: [StatedRate] = []

  init(extractor: DealExtractor, text: ArticleText, articleDate: PartialDate?) {
    self.extractor = extractor
    self.text = text
    self.articleDate = articleDate
  }

  // Paragraph state.
  var headerPair: [Mention] = []
  var lastSubject: Mention? = nil
  var lastStatus: DealStatus? = nil
  /// The status of the article's last candidate, for "under the partnership" in a new paragraph.
  var articleStatus: DealStatus? = nil
  var lastDated: (date: PartialDate, groups: Set<CompanyID>)? = nil
  var paragraphInvestments: [Candidate] = []
  var recentMentions: [Mention] = []
  /// Whether each of ``recentMentions`` followed a preposition.
  var recentWasPrepObject: [Bool] = []
  /// Candidates of the paragraph so far, for follow-ups (其中首份合約…, 追加40億美元).
  var paragraphCandidates: [Candidate] = []
  var recentNonPrepMention: Mention? = nil
  /// The round named last in the article (kept across paragraphs: investors are often listed later).
  var lastRound: Round? = nil
  /// Pairs of companies joined by "and" / 和, newest last: what "the two companies" stands for.
  var recentPairs: [[Mention]] = []
  /// The last candidates of the article, across paragraphs.
  var recentCandidates: [Candidate] = []
  /// Organisations the text marks but no catalog knows: id, name as written, guessed role.
  var unknownOrganizations: [(id: CompanyID, name: String, role: String?)] = []

  mutating func candidates() -> [Candidate] {
    let n = text.count
    let segmentation = Segmentation(text)
    let amounts = AmountParser.parse(text, in: 0..<n)
    let dates = DateScanner.dates(in: text, range: 0..<n)
    let terms = DateScanner.terms(in: text, range: 0..<n)
    // Separate statements: the organisations found must be stored before the tokens are read.
    let tokens = withUnknownOrganizations(extractor.lexicon.tokens(text))
    let items = collapse(removeOverlaps(tokens, amounts: amounts, dates: dates))
    collectRates(amounts)
    collectQuotedRates()

    var result: [Candidate] = []
    var itemCursor = 0
    var amountCursor = 0
    var dateCursor = 0
    var termCursor = 0
    var currentParagraph = -1
    for (sentenceIndex, sentence) in Run.boundedSentences(segmentation, text).enumerated() {
      if sentence.paragraph != currentParagraph {
        currentParagraph = sentence.paragraph
        headerPair = []
        // A bullet or a line that opens with "And" goes on with the line before.
        if !Run.continuesLine(text, at: sentence.range.lowerBound) {
          lastSubject = nil
          lastStatus = nil
          lastDated = nil
          paragraphCandidates = []
        }
      }
      let range = sentence.range
      func take<T>(_ all: [T], _ cursor: inout Int, _ rangeOf: (T) -> Range<Int>) -> [T] {
        while cursor < all.count, rangeOf(all[cursor]).lowerBound < range.lowerBound { cursor += 1 }
        var end = cursor
        while end < all.count, rangeOf(all[end]).lowerBound < range.upperBound { end += 1 }
        defer { cursor = end }
        return Array(all[cursor..<end])
      }
      let sentenceItems = take(items, &itemCursor, \.range)
      let sentenceAmounts = take(amounts, &amountCursor, \.range)
      let sentenceDates = take(dates, &dateCursor, \.range)
      let sentenceTerms = take(terms, &termCursor, \.range)
      var context = SentenceContext(
        index: sentenceIndex, range: range, items: sentenceItems, amounts: sentenceAmounts,
        dates: sentenceDates, terms: sentenceTerms,
        clauses: Segmentation.clauses(of: range, in: text))
      let found = process(&context)
      result.append(contentsOf: found)
    }
    return mergeArticle(result)
  }

  /// Whether a line continues the one before: a bullet (- • * –) or a conjunction (And, But, 並).
  static func continuesLine(_ text: ArticleText, at start: Int) -> Bool {
    guard start < text.count else { return false }
    let first = text.folded[start]
    if [0x2D, 0x2022, 0x2A, 0x2013, 0x2014, 0xB7].contains(first) { return true }
    let opening = ChineseFold.foldedString(text.slice(start..<Swift.min(text.count, start + 5)))
    return opening.hasPrefix("and ") || opening.hasPrefix("but ") || opening.hasPrefix("并")
  }

  /// Sentences, with very long ones cut at clause boundaries (or, for a clause longer still, every
  /// `limit` scalars), so that the work per sentence is bounded and the whole pass stays linear.
  static func boundedSentences(_ segmentation: Segmentation, _ text: ArticleText, limit: Int = 600)
    -> [Segmentation.Sentence]
  {
    var result: [Segmentation.Sentence] = []
    for sentence in segmentation.sentences {
      guard sentence.range.count > limit else {
        result.append(sentence)
        continue
      }
      var start = sentence.range.lowerBound
      var end = start
      for clause in Segmentation.clauses(of: sentence.range, in: text) {
        if clause.upperBound - start > limit, end > start {
          result.append(Segmentation.Sentence(range: start..<end, paragraph: sentence.paragraph))
          start = clause.lowerBound
        }
        while clause.upperBound - start > limit {
          result.append(Segmentation.Sentence(range: start..<(start + limit), paragraph: sentence.paragraph))
          start += limit
        }
        end = clause.upperBound
      }
      if start < sentence.range.upperBound {
        result.append(Segmentation.Sentence(range: start..<sentence.range.upperBound, paragraph: sentence.paragraph))
      }
    }
    return result
  }

  // MARK: Token clean-up

  /// Adds the organisations the text marks but no catalog knows ("Valor Equity Partners", "data
  /// center operator IREN"); a word of the vocabulary inside such a name gives way to it.
  mutating func withUnknownOrganizations(_ tokens: [Token]) -> [Token] {
    let found = OrganizationDetector.find(text, known: tokens)
    guard !found.isEmpty else { return tokens }
    unknownOrganizations = found.map { (CompanyID(CandidateLedger.slug($0.name)), $0.name, $0.role) }
    var result: [Token] = []
    result.reserveCapacity(tokens.count + found.count)
    var f = 0
    for token in tokens {
      while f < found.count, found[f].range.upperBound <= token.range.lowerBound {
        result.append(Token(range: found[f].range, tag: .unknownCompany(f)))
        f += 1
      }
      if f < found.count, found[f].range.overlaps(token.range) { continue }
      result.append(token)
    }
    while f < found.count {
      result.append(Token(range: found[f].range, tag: .unknownCompany(f)))
      f += 1
    }
    return result
  }

  /// Drops vocabulary tokens inside amounts and dates (companies stay).
  func removeOverlaps(_ tokens: [Token], amounts: [ParsedAmount], dates: [DateMention]) -> [Token] {
    var covered: [Range<Int>] = []
    var a = 0
    var d = 0
    while a < amounts.count || d < dates.count {
      if d >= dates.count || (a < amounts.count && amounts[a].range.lowerBound <= dates[d].range.lowerBound) {
        covered.append(amounts[a].range)
        if let conversion = amounts[a].conversion { covered.append(conversion.range) }
        a += 1
      } else {
        covered.append(dates[d].range)
        d += 1
      }
    }
    covered.sort { $0.lowerBound < $1.lowerBound }
    var result: [Token] = []
    result.reserveCapacity(tokens.count)
    var c = 0
    for token in tokens {
      while c < covered.count, covered[c].upperBound <= token.range.lowerBound { c += 1 }
      switch token.tag {
      case .company, .unknownCompany:
        result.append(token)
        continue
      default:
        break
      }
      if c < covered.count, covered[c].overlaps(token.range) { continue }
      result.append(token)
    }
    return result
  }

  func isPunctuation(_ c: UInt32) -> Bool {
    c == 0x2C || c == 0x3002 || c == 0x3B || c == 0x3A || c == 0x21 || c == 0x3F || c == 0x2E
      || Scalar.isNewline(c)
  }

  func gapHasPunctuation(_ range: Range<Int>) -> Bool {
    guard range.lowerBound < range.upperBound else { return false }
    for i in range where isPunctuation(f[i]) { return true }
    return false
  }

  /// Turns tokens into items, merging `英偉達(NVIDIA)` into one mention and a group named right
  /// before its unit (`亞馬遜旗下雲計算部門AWS`, `Amazon's AWS`) into the unit.
  func collapse(_ tokens: [Token]) -> [Item] {
    var out: [Item] = []
    out.reserveCapacity(tokens.count)
    var lastCompany: Int? = nil
    for token in tokens {
      let company: CompanyID
      switch token.tag {
      case .company(let index):
        company = catalog.companies[index].id
      case .unknownCompany(let index):
        guard index < unknownOrganizations.count else { continue }
        company = unknownOrganizations[index].id
      default:
        // Blockers only kept shorter words from matching inside them.
        if case .blocker = token.tag { continue }
        out.append(Item(range: token.range, tag: token.tag))
        continue
      }
      var mention = Mention(range: token.range, company: company)
      if let last = lastCompany, let previous = out[last].mention {
        let gap = previous.range.upperBound..<token.range.lowerBound
        let gapText = gap.map { f[$0] }.filter { !Scalar.isSpace($0) }
        let sameGroup = catalog.group(of: previous.company) == catalog.group(of: company)
        // 英偉達(NVIDIA) — the same company again in brackets.
        if sameGroup, gapText == [0x28] {
          var end = token.range.upperBound
          while end < f.count, Scalar.isSpace(f[end]) { end += 1 }
          if end < f.count, f[end] == 0x29 { end += 1 }
          let specific = catalog.isUnit(company, of: previous.company) ? company : previous.company
          out.removeSubrange((last + 1)...)
          out[last].range = previous.range.lowerBound..<end
          out[last].mention = Mention(range: previous.range.lowerBound..<end, company: specific)
          continue
        }
        // 亞馬遜旗下雲計算部門AWS / Amazon's AWS: the unit.
        // Only descriptions may stand between (旗下雲計算部門), not a verb or an amount (Amazon達成
        // 價值380億美元的AWS雲端服務合作 names two sides).
        let descriptive =
          out[(last + 1)...].allSatisfy {
            switch $0.tag {
            case .product, .anaphor(.role): return true
            default: return false
            }
          } && !gap.contains { Scalar.isDigit(f[$0]) }
        if catalog.isUnit(company, of: previous.company), gap.count <= 12, !gapHasPunctuation(gap), descriptive {
          out.removeSubrange(last...)
          mention = Mention(range: previous.range.lowerBound..<token.range.upperBound, company: company)
          out.append(Item(range: mention.range, tag: token.tag, mention: mention))
          lastCompany = out.count - 1
          continue
        }
      }
      out.append(Item(range: token.range, tag: token.tag, mention: mention))
      lastCompany = out.count - 1
    }
    // A closing bracket left after a merged mention is harmless; nothing else to do.
    return out
  }

  /// "($1 = 0.8495 euros)": the exchange-rate line news agencies end articles with.
  mutating func collectQuotedRates() {
    let f = text.folded
    let n = f.count
    let marker = ChineseFold.fold("$1 = ")
    let currencies: [([UInt32], String)] = [
      ("euros", "EUR"), ("euro", "EUR"), ("yuan", "CNY"), ("yen", "JPY"), ("pounds", "GBP"),
      ("hong kong dollars", "HKD"), ("swiss francs", "CHF"), ("won", "KRW"), ("taiwan dollars", "TWD"),
      ("new taiwan dollars", "TWD"), ("rupees", "INR"), ("canadian dollars", "CAD"),
    ].map { (ChineseFold.fold($0.0), $0.1) }
    var i = 0
    while i + marker.count < n {
      guard f[i] == marker[0], Array(f[i..<(i + marker.count)]) == marker else {
        i += 1
        continue
      }
      var j = i + marker.count
      var digits = ""
      while j < n, j - i < 40, Scalar.isDigit(f[j]) || f[j] == 0x2E {
        digits.unicodeScalars.append(Unicode.Scalar(UInt8(truncatingIfNeeded: f[j])))
        j += 1
      }
      if let value = Double(digits), value > 0, value.isFinite, j < n, f[j] == 0x20 {
        let start = j + 1
        for (word, code) in currencies.sorted(by: { $0.0.count > $1.0.count })
        where start + word.count <= n && Array(f[start..<(start + word.count)]) == word {
          let span = i..<(start + word.count)
          if !statedRates.contains(where: { $0.currency == code }) {
            statedRates.append(StatedRate(currency: code, perUSD: value, quote: text.slice(span), span: span))
          }
          break
        }
      }
      i = j + 1
    }
  }

  mutating func collectRates(_ amounts: [ParsedAmount]) {
    for amount in amounts {
      guard let conversion = amount.conversion, let rate = conversion.rate, rate > 0, rate.isFinite,
        let primary = amount.amount.currency, let other = conversion.amount.currency
      else { continue }
      let span = amount.range.lowerBound..<conversion.range.upperBound
      if primary == "USD", other != "USD", !statedRates.contains(where: { $0.currency == other }) {
        statedRates.append(StatedRate(currency: other, perUSD: rate, quote: text.slice(span), span: span))
      } else if other == "USD", primary != "USD", !statedRates.contains(where: { $0.currency == primary }) {
        statedRates.append(StatedRate(currency: primary, perUSD: 1 / rate, quote: text.slice(span), span: span))
      }
    }
  }
}

/// Everything known about one sentence while it is read.
struct SentenceContext {
  var index: Int
  var range: Range<Int>
  var items: [Item]
  var amounts: [ParsedAmount]
  var dates: [DateMention]
  var terms: [DateScanner.Term]
  var clauses: [Range<Int>]
  /// The relation words and the valuation / revenue words of the sentence, found once.
  lazy var triggerItems: [Item] = items.filter { if case .trigger = $0.tag { return true } else { return false } }
  lazy var contextWordItems: [Item] = items.filter {
    if case .amountContext = $0.tag { return true } else { return false }
  }

  func clause(of offset: Int) -> Int {
    var low = 0
    var high = clauses.count
    while low < high {
      let mid = (low + high) / 2
      if clauses[mid].upperBound <= offset { low = mid + 1 } else { high = mid }
    }
    return Swift.min(low, Swift.max(0, clauses.count - 1))
  }
}
