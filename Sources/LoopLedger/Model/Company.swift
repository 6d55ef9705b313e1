/// A display language of LoopLedger's outputs.
public enum Language: String, Codable, Sendable, CaseIterable {
  case english = "en"
  case traditionalChinese = "zh-Hant"
  case simplifiedChinese = "zh-Hans"
}

/// A company's names in English, Traditional Chinese and Simplified Chinese.
public struct LocalizedNames: Codable, Sendable, Equatable {
  public var english: String
  public var traditionalChinese: String?
  public var simplifiedChinese: String?

  public init(english: String, traditionalChinese: String? = nil, simplifiedChinese: String? = nil) {
    self.english = english
    self.traditionalChinese = traditionalChinese
    self.simplifiedChinese = simplifiedChinese
  }

  enum CodingKeys: String, CodingKey {
    case english = "en"
    case traditionalChinese = "zh-Hant"
    case simplifiedChinese = "zh-Hans"
  }

  /// The name in `language`, falling back to the other Chinese script, then to English.
  public func name(in language: Language) -> String {
    switch language {
    case .english: english
    case .traditionalChinese: traditionalChinese ?? simplifiedChinese ?? english
    case .simplifiedChinese: simplifiedChinese ?? traditionalChinese ?? english
    }
  }
}

/// A company or a business unit of one (AWS is a unit of Amazon).
public struct Company: Codable, Sendable, Equatable, Identifiable {
  public var id: CompanyID
  public var names: LocalizedNames
  /// Tickers and other spellings (英偉達, 輝達, NVDA).
  public var aliases: [String]
  /// The group the company belongs to; the graph merges units into their group by default.
  public var parent: CompanyID?
  /// A free label such as `ai_lab`, `cloud` or `chips`.
  public var role: String?

  public init(
    id: CompanyID, names: LocalizedNames, aliases: [String] = [], parent: CompanyID? = nil,
    role: String? = nil
  ) {
    self.id = id
    self.names = names
    self.aliases = aliases
    self.parent = parent
    self.role = role
  }

  /// A company known only by its id, as a CSV edge list names them.
  public init(id: CompanyID) {
    self.init(id: id, names: LocalizedNames(english: id.rawValue))
  }
}

/// A document that quotes are taken from: an article, a filing, a press release.
public struct Document: Codable, Sendable, Equatable, Identifiable {
  public var id: String
  public var title: String
  public var publisher: String?
  public var published: PartialDate?
  public var language: Language?
  public var url: String?
  public var note: String?

  public init(
    id: String, title: String, publisher: String? = nil, published: PartialDate? = nil,
    language: Language? = nil, url: String? = nil, note: String? = nil
  ) {
    self.id = id
    self.title = title
    self.publisher = publisher
    self.published = published
    self.language = language
    self.url = url
    self.note = note
  }
}

/// Where a deal or a fact comes from: a document and the exact words quoted from it.
public struct Source: Codable, Sendable, Equatable {
  /// The id of a ``Document`` in the same ledger.
  public var document: String
  /// The exact words, character for character.
  public var quote: String
  /// The quote's language, when it differs from the document's.
  public var language: Language?

  public init(document: String, quote: String, language: Language? = nil) {
    self.document = document
    self.quote = quote
    self.language = language
  }
}

/// A rate for converting an amount to US dollars, with its source.
public struct FXRate: Codable, Sendable, Equatable {
  /// ISO 4217 code.
  public var currency: String
  /// Units of `currency` that one US dollar buys.
  public var perUSD: Double
  public var asOf: PartialDate?
  public var source: Source

  public init(currency: String, perUSD: Double, asOf: PartialDate? = nil, source: Source) {
    self.currency = currency
    self.perUSD = perUSD
    self.asOf = asOf
    self.source = source
  }
}
