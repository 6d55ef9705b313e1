import Foundation
import LoopLedger

/// The documented JSON output of `loopledger extract` (docs/extract-json.md), version 1.
public struct ExtractReport: Codable, Sendable, Equatable {
  public var format = "loopledger-extract"
  public var version = 1
  /// The ledger candidates were compared with for duplicates (`seed`, a path), if any.
  @Nullable public var ledger: String?
  public var articles: [ArticleJSON]

  public struct ArticleJSON: Codable, Sendable, Equatable {
    public var file: String
    public var language: String
    @Nullable public var articleDate: String?
    @Nullable public var articleDateSource: String?
    public var html: Bool
    /// Unicode scalars in the plain text; spans are offsets in it.
    public var characters: Int
    public var statedRates: [RateJSON]
    public var candidates: [CandidateJSON]

    enum CodingKeys: String, CodingKey {
      case file, language, html, characters, candidates
      case articleDate = "article_date"
      case articleDateSource = "article_date_source"
      case statedRates = "stated_rates"
    }

  }

  public struct RateJSON: Codable, Sendable, Equatable {
    public var currency: String
    public var perUSD: Double
    public var quote: String
    public var span: [Int]
    enum CodingKeys: String, CodingKey {
      case currency, quote, span
      case perUSD = "per_usd"
    }
  }

  public struct CompanyJSON: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var asWritten: String
    @Nullable public var span: [Int]?
    public var via: String
    enum CodingKeys: String, CodingKey {
      case id, name, span, via
      case asWritten = "as_written"
    }

  }

  public struct AmountJSON: Codable, Sendable, Equatable {
    public var qualifier: String
    @Nullable public var value: Double?
    @Nullable public var low: Double?
    @Nullable public var high: Double?
    @Nullable public var currency: String?
    @Nullable public var asWritten: String?
    @Nullable public var lowUSD: Double?
    @Nullable public var highUSD: Double?
    @Nullable public var estimateUSD: Double?
    /// `stated in USD`, `rate stated in the article`, `ledger rate`, or nil when no rate is known.
    @Nullable public var usdBasis: String?
    public var currencyAssumed: Bool
    @Nullable public var conversion: ConversionJSON?
    enum CodingKeys: String, CodingKey {
      case qualifier, value, low, high, currency, conversion
      case asWritten = "as_written"
      case lowUSD = "low_usd"
      case highUSD = "high_usd"
      case estimateUSD = "estimate_usd"
      case usdBasis = "usd_basis"
      case currencyAssumed = "currency_assumed"
    }

  }

  public struct ConversionJSON: Codable, Sendable, Equatable {
    public var qualifier: String
    @Nullable public var value: Double?
    @Nullable public var currency: String?
    @Nullable public var asWritten: String?
    @Nullable public var rate: Double?
    enum CodingKeys: String, CodingKey {
      case qualifier, value, currency, rate
      case asWritten = "as_written"
    }

  }

  public struct EvidenceJSON: Codable, Sendable, Equatable {
    public var quote: String
    public var span: [Int]
  }

  public struct CandidateJSON: Codable, Sendable, Equatable {
    public var id: String
    public var payer: CompanyJSON
    public var payee: CompanyJSON
    public var kind: String
    public var amount: AmountJSON
    @Nullable public var announced: String?
    public var status: String
    @Nullable public var termYears: Double?
    public var quote: String
    public var span: [Int]
    public var confidence: Double
    public var basis: [String: String]
    public var alsoIn: [EvidenceJSON]
    @Nullable public var duplicateOf: String?
    @Nullable public var mergedSources: [Source]?
    public var notes: [String]
    enum CodingKeys: String, CodingKey {
      case id, payer, payee, kind, amount, announced, status, quote, span, confidence, basis, notes
      case termYears = "term_years"
      case alsoIn = "also_in"
      case duplicateOf = "duplicate_of"
      case mergedSources = "merged_sources"
    }

  }

  public init(ledger: String?, articles: [ArticleJSON]) {
    self.ledger = ledger
    self.articles = articles
  }

  /// Builds the report; `ledger` supplies exchange rates for non-USD amounts.
  public init(extractions: [ArticleExtraction], ledger: Ledger?, ledgerName: String?) {
    self.ledger = ledgerName
    articles = extractions.map { ArticleJSON(extraction: $0, ledger: ledger) }
  }

  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }

  public static func decode(_ data: Data, file: String = "extraction report") throws -> ExtractReport {
    try JSONFile.decode(ExtractReport.self, from: data, file: file, expected: "the output of extract --format json")
  }
}

extension ExtractReport.ArticleJSON {
  init(extraction: ArticleExtraction, ledger: Ledger?) {
    file = extraction.file
    language = extraction.language.rawValue
    articleDate = extraction.articleDate?.description
    articleDateSource = extraction.articleDateSource
    html = extraction.wasHTML
    characters = extraction.text.unicodeScalars.count
    statedRates = extraction.statedRates.map {
      ExtractReport.RateJSON(
        currency: $0.currency, perUSD: $0.perUSD, quote: $0.quote, span: [$0.span.lowerBound, $0.span.upperBound])
    }
    candidates = extraction.candidates.enumerated().map { index, candidate in
      ExtractReport.CandidateJSON(candidate, id: "c\(index + 1)", rates: extraction.statedRates, ledger: ledger)
    }
  }
}

extension ExtractReport.CandidateJSON {
  init(_ candidate: Candidate, id: String, rates: [StatedRate], ledger: Ledger?) {
    self.id = id
    func company(_ named: NamedCompany) -> ExtractReport.CompanyJSON {
      ExtractReport.CompanyJSON(
        id: named.id.rawValue, name: named.name, asWritten: named.asWritten,
        span: named.span.map { [$0.lowerBound, $0.upperBound] }, via: named.via)
    }
    payer = company(candidate.payer)
    payee = company(candidate.payee)
    kind = candidate.kind.rawValue
    let amount = candidate.amount
    var usd: Interval? = nil
    var basis: String? = nil
    if amount.qualifier == .unstated {
      usd = nil
    } else if amount.currency == "USD" {
      usd = amount.statedInterval
      basis = candidate.currencyAssumed ? "assumed USD (no currency written)" : "stated in USD"
    } else if let currency = amount.currency, let rate = rates.first(where: { $0.currency == currency }) {
      usd = amount.interval(perUSD: rate.perUSD)
      basis = "rate stated in the article (\(currency) \(rate.perUSD) per USD)"
    } else if let currency = amount.currency, let perUSD = ledger?.perUSD(currency) {
      usd = amount.interval(perUSD: perUSD)
      basis = "ledger rate (\(currency) \(perUSD) per USD)"
    }
    self.amount = ExtractReport.AmountJSON(
      qualifier: amount.qualifier.rawValue, value: amount.value, low: amount.low, high: amount.high,
      currency: amount.currency, asWritten: amount.asWritten, lowUSD: usd?.low, highUSD: usd?.high,
      estimateUSD: usd?.estimate, usdBasis: basis, currencyAssumed: candidate.currencyAssumed,
      conversion: candidate.conversion.map {
        ExtractReport.ConversionJSON(
          qualifier: $0.amount.qualifier.rawValue, value: $0.amount.value, currency: $0.amount.currency,
          asWritten: $0.amount.asWritten, rate: $0.rate)
      })
    announced = candidate.announced?.description
    status = candidate.status.rawValue
    termYears = candidate.termYears
    quote = candidate.quote
    span = [candidate.span.lowerBound, candidate.span.upperBound]
    confidence = (candidate.confidence * 100).rounded() / 100
    self.basis = candidate.basis
    alsoIn = candidate.alsoIn.map {
      ExtractReport.EvidenceJSON(quote: $0.quote, span: [$0.span.lowerBound, $0.span.upperBound])
    }
    duplicateOf = candidate.duplicateOf?.rawValue
    mergedSources = candidate.mergedSources
    notes = candidate.notes
  }
}
