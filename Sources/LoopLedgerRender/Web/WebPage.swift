import Foundation
import LoopLedger

/// Where the server's ledger comes from, as the page footer says it.
public enum WebLedgerOrigin: Sendable, Equatable {
  /// A bundled ledger or a file, served read-only.
  case fixed(name: String)
  /// The ledger store, after its latest change.
  case store(latestChange: Int64)
}

/// What every page needs besides its own data: the language, the address (for the language
/// switch), who is logged in, and the form token.
public struct WebPageContext: Sendable {
  public var language: Language
  /// The request's path, without the query.
  public var path: String
  /// The request's query, in order, without `lang`.
  public var query: [QueryItem]
  public var loggedIn: Bool
  /// Whether the server takes writes at all (a store and a token).
  public var writable: Bool
  /// The session's CSRF token, put in every form that writes.
  public var csrf: String?
  public var origin: WebLedgerOrigin
  /// The ledger's title and id, for the footer.
  public var ledgerTitle: String

  public struct QueryItem: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  public init(
    language: Language, path: String, query: [QueryItem] = [], loggedIn: Bool = false, writable: Bool = false,
    csrf: String? = nil, origin: WebLedgerOrigin, ledgerTitle: String
  ) {
    self.language = language
    self.path = path
    self.query = query
    self.loggedIn = loggedIn
    self.writable = writable
    self.csrf = csrf
    self.origin = origin
    self.ledgerTitle = ledgerTitle
  }
}

/// One change of the store's history, as the pages list it.
public struct WebChange: Sendable, Equatable {
  public var id: Int64
  public var time: String
  public var actor: String
  public var command: String
  public var reason: String?
  /// What it touched, such as "deal msft-openai-2019".
  public var entities: [String]

  public init(id: Int64, time: String, actor: String, command: String, reason: String?, entities: [String]) {
    self.id = id
    self.time = time
    self.actor = actor
    self.command = command
    self.reason = reason
    self.entities = entities
  }
}

/// A candidate deal from the news waiting in the review queue, as the review page shows it.
public struct WebCandidate: Sendable, Equatable {
  public var id: String
  public var article: String
  public var articleDate: String?
  public var payer: String
  public var payee: String
  public var kind: String
  public var amount: String
  public var status: String
  public var quote: String
  /// Pieces of the quote to highlight: the parties and the amount as written.
  public var highlights: [String]
  public var confidence: Double
  public var duplicates: [DealID]
  public var problems: [String]

  public init(
    id: String, article: String, articleDate: String?, payer: String, payee: String, kind: String, amount: String,
    status: String, quote: String, highlights: [String], confidence: Double, duplicates: [DealID],
    problems: [String]
  ) {
    self.id = id
    self.article = article
    self.articleDate = articleDate
    self.payer = payer
    self.payee = payee
    self.kind = kind
    self.amount = amount
    self.status = status
    self.quote = quote
    self.highlights = highlights
    self.confidence = confidence
    self.duplicates = duplicates
    self.problems = problems
  }
}

/// The dashboard's pages as HTML: each a whole document in the common layout (navigation,
/// language switch, login state, footer), every text escaped by ``XMLWriter``, no inline script,
/// one stylesheet and one small script served by the app; every page works without the script.
public struct WebPage {
  public let context: WebPageContext
  let words: Words
  let money: MoneyFormat

  public init(_ context: WebPageContext) {
    self.context = context
    words = Words(context.language)
    money = MoneyFormat(context.language)
  }

  var language: Language { context.language }

  /// A percent-encoded path segment.
  public static func segment(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }

  /// A query string from items (values percent-encoded).
  static func queryString(_ items: [WebPageContext.QueryItem]) -> String {
    guard !items.isEmpty else { return "" }
    return "?" + items.map { segment($0.name) + "=" + segment($0.value) }.joined(separator: "&")
  }

  static func companyHref(_ id: CompanyID) -> String { "/companies/" + segment(id.rawValue) }
  static func dealHref(_ id: DealID) -> String { "/deals/" + segment(id.rawValue) }

  /// Only web addresses become links; anything else (`javascript:` …) stays text.
  static func isWebAddress(_ url: String) -> Bool {
    let lower = url.lowercased()
    return lower.hasPrefix("https://") || lower.hasPrefix("http://")
  }

  // MARK: - Layout

  /// A whole page: head, navigation, the body `content` writes, footer.
  func document(title: String, current: String, _ content: (inout XMLWriter) -> Void) -> String {
    var w = XMLWriter()
    w.raw("<!DOCTYPE html>")
    w.open("html", [("lang", words.htmlLang)])
    w.open("head")
    w.element("meta", [("charset", "utf-8")])
    w.element("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
    w.element("title", text: "\(title) — LoopLedger")
    w.element("link", [("rel", "stylesheet"), ("href", WebAssets.stylesheetPath)])
    w.element("script", [("src", WebAssets.scriptPath), ("defer", "defer")], text: "")
    w.close()
    w.open("body")
    w.element("a", [("class", "skip"), ("href", "#main")], text: words.skipToContent)
    w.open("header", [("class", "site")])
    w.open("nav", [("aria-label", "LoopLedger")])
    w.element("a", [("class", "brand"), ("href", "/")], text: words.siteName)
    let items: [(String, String, String)] = [
      ("overview", "/", words.navOverview), ("loops", "/loops", words.navLoops),
      ("companies", "/companies", words.navCompanies), ("deals", "/deals", words.navDeals),
      ("stress", "/stress", words.navStress), ("projection", "/projection", words.navProjection),
      ("timeline", "/timeline", words.navTimeline), ("review", "/review", words.navReview),
    ]
    for (key, href, label) in items {
      w.element("a", [("href", href), ("aria-current", key == current ? "page" : nil)], text: label)
    }
    w.close()
    w.open("div", [("class", "tools")])
    w.open("span", [("class", "langs"), ("aria-label", words.languageLabel)])
    for other in Language.allCases {
      let query = context.query + [.init("lang", other.rawValue)]
      w.element(
        "a",
        [
          ("href", context.path + Self.queryString(query)), ("hreflang", other.rawValue), ("lang", other.rawValue),
          ("aria-current", other == language ? "true" : nil),
        ], text: words.languageName(other))
    }
    w.close()
    if context.loggedIn {
      w.open("form", [("method", "post"), ("action", "/logout"), ("class", "inline")])
      hiddenCSRF(&w)
      w.element("button", [("type", "submit")], text: words.logOut)
      w.close()
    } else if context.writable {
      w.element("a", [("href", "/login")], text: words.logIn)
    }
    w.close()
    w.close()
    w.open("main", [("id", "main")])
    content(&w)
    w.close()
    w.open("footer", [("class", "site")])
    var footer = "\(words.ledgerSource): \(context.ledgerTitle) · "
    switch context.origin {
    case .fixed(let name): footer += "\(words.bundledSource) \(name) (\(words.readOnlySource))"
    case .store(let latest): footer += "\(words.storeSource) · \(words.change) \(latest)"
    }
    if !context.writable { footer += " · " + words.writesOff }
    w.element("p", text: footer)
    w.open("p")
    w.element("a", [("href", "/api/v1/openapi.json")], text: "JSON API (OpenAPI 3.1)")
    w.close()
    w.close()
    w.close()
    w.close()
    return w.text
  }

  func hiddenCSRF(_ w: inout XMLWriter) {
    if let csrf = context.csrf { w.element("input", [("type", "hidden"), ("name", "csrf"), ("value", csrf)]) }
  }

  /// A labelled choice list: an optional first entry with value "" (`blank`), then `options`
  /// (value, text), the one equal to `selected` marked.
  func select(
    _ w: inout XMLWriter, name: String, label: String, blank: String?, options: [(String, String)], selected: String
  ) {
    w.open("label")
    w.content(label)
    w.open("select", [("name", name)])
    if let blank { w.element("option", [("value", "")], text: blank) }
    for (value, text) in options {
      w.element("option", [("value", value), ("selected", value == selected ? "selected" : nil)], text: text)
    }
    w.close()
    w.close()
  }

  /// The ledger's companies as choices: id, name in the page's language.
  func companyOptions(_ ledger: Ledger) -> [(String, String)] {
    ledger.companies.map { ($0.id.rawValue, ledger.name(of: $0.id, in: language)) }
  }

  func companyLink(_ w: inout XMLWriter, _ id: CompanyID, ledger: Ledger) {
    w.element("a", [("href", Self.companyHref(id))], text: ledger.name(of: id, in: language))
  }

  func path(_ loop: LoopReport.Loop, ledger: Ledger) -> String {
    loop.path.map { ledger.name(of: $0, in: language) }.joined(separator: " → ")
  }

  func table(_ w: inout XMLWriter, headers: [(String, Bool)], _ rows: (inout XMLWriter) -> Void) {
    w.open("div", [("class", "table-wrap")])
    w.open("table")
    w.open("thead")
    w.open("tr")
    for (header, numeric) in headers { w.element("th", [("class", numeric ? "num" : nil)], text: header) }
    w.close()
    w.close()
    w.open("tbody")
    rows(&w)
    w.close()
    w.close()
    w.close()
  }

  func quotes(_ w: inout XMLWriter, _ sources: [Source], ledger: Ledger) {
    var shown = Set<String>()
    for source in sources where shown.insert(source.quote).inserted {
      let document = ledger.document(source.document)
      let quoteLanguage = source.language ?? document?.language
      w.open("blockquote", [("lang", quoteLanguage?.rawValue)])
      w.content(source.quote)
      w.open("div", [("class", "doc")])
      w.content("— ")
      let title = document?.title ?? source.document
      if let url = document?.url, Self.isWebAddress(url) {
        w.element("a", [("href", url), ("rel", "noopener noreferrer")], text: title)
      } else {
        w.content(title)
      }
      let details = [document?.publisher, document?.published.map { "\($0)" }].compactMap { $0 }
      if !details.isEmpty { w.content(", " + details.joined(separator: ", ")) }
      w.close()
      w.close()
    }
  }

  func changesTable(_ w: inout XMLWriter, _ changes: [WebChange]) {
    table(
      &w,
      headers: [(words.change, true), (words.when, false), (words.who, false), (words.what, false), (words.why, false)]
    ) {
      w in
      for change in changes {
        w.open("tr")
        w.element("td", [("class", "num")], text: "\(change.id)")
        w.element("td", [("class", "nowrap")], text: Self.shortTime(change.time))
        w.element("td", text: change.actor)
        w.element("td", text: ([change.command] + change.entities.prefix(6)).joined(separator: " · "))
        w.element("td", text: change.reason ?? "")
        w.close()
      }
    }
  }

  /// `2026-12-01T02:32:50.352Z` → `2026-12-01 02:32 UTC`.
  static func shortTime(_ iso: String) -> String {
    guard iso.count >= 16, iso.dropFirst(10).first == "T" else { return iso }
    return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5) + " UTC"
  }

  /// The page for an error: its status and message (never a path or a trace).
  public func error(status: Int, message: String) -> String {
    document(title: status == 404 ? words.notFoundTitle : words.errorTitle, current: "") { w in
      w.element("h1", text: status == 404 ? words.notFoundTitle : words.errorTitle)
      w.element("p", [("class", "error")], text: "\(status): \(message)")
      w.open("p")
      w.element("a", [("href", "/")], text: words.backToOverview)
      w.close()
    }
  }

  /// The login form; `failed` after a wrong token.
  public func login(failed: Bool) -> String {
    document(title: words.logIn, current: "") { w in
      w.element("h1", text: words.logIn)
      if !context.writable {
        w.element("p", [("class", "notice")], text: words.writesOff)
        return
      }
      if failed { w.element("p", [("class", "error"), ("role", "alert")], text: words.wrongToken) }
      w.element("p", text: words.loginIntro)
      w.open("form", [("method", "post"), ("action", "/login")])
      hiddenCSRF(&w)
      w.open("label")
      w.content(words.tokenWord)
      w.element(
        "input",
        [("type", "password"), ("name", "token"), ("autocomplete", "current-password"), ("required", "required")])
      w.close()
      w.element("button", [("type", "submit")], text: words.logIn)
      w.close()
    }
  }
}

extension String {
  /// The first letter upper-cased (English headings from the report's upper-case words).
  var sentenceCased: String {
    guard let first else { return self }
    return first.uppercased() + dropFirst().lowercased()
  }
}
