import LoopLedger

/// A company as a candidate names it: the id in the catalog and the words of the article.
public struct NamedCompany: Sendable, Equatable, Codable {
  public var id: CompanyID
  /// The company's English name.
  public var name: String
  /// The words that named it (an alias, a pronoun such as 該公司, or a list marker).
  public var asWritten: String
  /// Where those words stand in the text (scalar offsets), when they are in the quote's sentence.
  public var span: Range<Int>?
  /// How the company was found: `named`, `pronoun`, `carried` (from an earlier clause or sentence),
  /// `pair` (雙方, both companies) or `heading` (a list marker such as 亞馬遜─Anthropic:).
  public var via: String
}

/// A passage that backs a candidate: its exact words and where they stand.
public struct Evidence: Sendable, Equatable, Codable {
  public var quote: String
  /// Scalar offsets `[start, end)` into the article's plain text.
  public var span: Range<Int>
}

/// One deal found in an article, for a person to review.
public struct Candidate: Sendable, Equatable {
  public var payer: NamedCompany
  public var payee: NamedCompany
  public var kind: DealKind
  public var amount: Amount
  /// The amount converted as the article states it (`約合778億港元`), if it does.
  public var conversion: ParsedAmount.Conversion?
  /// Whether the currency was assumed (the text gave none).
  public var currencyAssumed: Bool
  public var announced: PartialDate?
  public var status: DealStatus
  public var termYears: Double?
  /// The sentence it came from (or the clause, for very long sentences).
  public var quote: String
  public var span: Range<Int>
  public var confidence: Double
  /// The words behind each field: `kind`, `status`, `announced`, `term`, `direction`, `amount`.
  public var basis: [String: String]
  /// Other passages of the same article that report the same deal.
  public var alsoIn: [Evidence]
  /// Set when the candidate restates a deal of the ledger (same payer, payee, kind, overlapping
  /// amount and dates): that deal's id.
  public var duplicateOf: DealID?
  /// The duplicated deal's sources followed by this candidate's, when `duplicateOf` is set.
  public var mergedSources: [Source]?
  /// Free text for the reviewer (a shared total, an implied flow).
  public var notes: [String]

  /// Whether a new, later mention must not be merged into this candidate (追加, additional).
  var isAdditional: Bool = false
  /// Whether it came from a follow-up clause (其中首份合約…, 追加40億美元).
  var isAdditionalFollowUp: Bool = false
  /// Whether its amount adds up several deals (三份合約，總值…): dropped when the parts follow.
  var isTotal: Bool = false
  /// Index of the sentence the candidate came from.
  var sentence: Int = 0
  /// Whether its product was named with its relation word ("cloud services agreement", 算力合約),
  /// not found further along the clause.
  var productAdjacent: Bool = false
  /// For an investor of a round: the sentence that names the round, so that one investor's
  /// stakes in two rounds stay two deals.
  var roundKey: Int? = nil
}

/// What the extractor found in one article.
public struct ArticleExtraction: Sendable {
  /// The file name or label of the article.
  public var file: String
  public var language: ArticleLanguage
  /// The date relative dates were resolved against.
  public var articleDate: PartialDate?
  /// Where the date came from: `option`, `text` (a dateline or HTML metadata), or nil.
  public var articleDateSource: String?
  /// Whether the input was HTML (tags were stripped; spans count the stripped text).
  public var wasHTML: Bool
  /// The plain text (after HTML stripping) that spans point into.
  public var text: String
  public var candidates: [Candidate]
  /// Exchange rates the article states (100億美元 (約合778億港元) → 7.78 HKD per USD).
  public var statedRates: [StatedRate]
}

/// An exchange rate derived from a conversion the article states.
public struct StatedRate: Sendable, Equatable, Codable {
  public var currency: String
  /// Units of `currency` per US dollar.
  public var perUSD: Double
  public var quote: String
  public var span: Range<Int>
}
