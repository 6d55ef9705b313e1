import Foundation
import GRDB
import LoopLedger

/// A candidate deal as `loopledger extract --format json` writes it (docs/extract-json.md).
///
/// It holds the fields the review needs. Read from the documented JSON, so the store does not
/// depend on the extractor's code.
public struct ExtractedCandidate: Codable, Sendable, Equatable {
  public struct Party: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var asWritten: String?
    enum CodingKeys: String, CodingKey {
      case id, name
      case asWritten = "as_written"
    }
  }

  public struct Figure: Codable, Sendable, Equatable {
    public var qualifier: String
    public var value: Double?
    public var low: Double?
    public var high: Double?
    public var currency: String?
    public var asWritten: String?
    enum CodingKeys: String, CodingKey {
      case qualifier, value, low, high, currency
      case asWritten = "as_written"
    }
  }

  /// The extractor's id within its article (`c1`, `c2`, …).
  public var id: String
  public var payer: Party
  public var payee: Party
  public var kind: String
  public var amount: Figure
  public var announced: String?
  public var status: String
  public var termYears: Double?
  /// The sentence the candidate was found in, word for word.
  public var quote: String
  public var confidence: Double
  public var notes: [String]?

  enum CodingKeys: String, CodingKey {
    case id, payer, payee, kind, amount, announced, status, quote, confidence, notes
    case termYears = "term_years"
  }
}

/// Where a candidate stands in the review.
public enum ReviewState: String, Codable, Sendable, CaseIterable {
  case pending, accepted, rejected, merged
}

/// A candidate of the review queue: what the extractor found, in which article, and the decision.
public struct ReviewCandidate: Codable, Sendable, Equatable, Identifiable {
  /// The queue's id: `1`, `2`, … (`review accept 3`).
  public var id: String
  /// The article file as the extractor named it.
  public var articleFile: String
  public var articleDate: PartialDate?
  public var articleLanguage: String?
  public var extracted: ExtractedCandidate
  public var state: ReviewState
  /// The deal it became (accepted) or was merged into (merged).
  public var dealID: DealID?
  /// Why it was decided so (`--why`).
  public var decisionReason: String?
}

/// A pending candidate with what the review shows beside it.
public struct ReviewEntry: Sendable, Equatable {
  public var candidate: ReviewCandidate
  /// The deal that accepting it would add, before any `--set`.
  public var draft: Deal
  /// Stored deals it likely duplicates (see ``DuplicateRule``): merge it into one of them instead.
  public var duplicates: [DealID]
  /// Why the draft could not be made (an unknown qualifier, say); empty when it could.
  public var problems: [String]
}

/// What `enqueue` did.
public struct EnqueueReport: Sendable, Equatable {
  public var queued: [ReviewCandidate] = []
  /// Candidates already in the queue (same article and the same finding), not queued again.
  public var alreadyQueued = 0
  public var change: Change?
}

enum ReviewTables {
  static func candidates(_ db: Database, id: String? = nil, state: ReviewState? = nil) throws
    -> [(position: Int, candidate: ReviewCandidate)]
  {
    var sql = "SELECT position, id, payload FROM candidate"
    var arguments: StatementArguments = []
    if let id {
      sql += " WHERE id = ?"
      arguments = [id]
    } else if let state {
      sql += " WHERE state = ?"
      arguments = [state.rawValue]
    }
    return try Tables.each(db, sql + " ORDER BY position", arguments) { row in
      let id: String = try row.decode(forColumn: "id")
      return (
        try row.decode(forColumn: "position"),
        try EntityJSON.decode(ReviewCandidate.self, try row.decode(forColumn: "payload"), kind: .candidate, id: id)
      )
    }
  }

  static func write(
    _ id: String, position: Int, json: String?, value: ReviewCandidate? = nil, _ db: Database
  ) throws {
    try db.execute(sql: "DELETE FROM candidate WHERE id = ?", arguments: [id])
    guard let json else { return }
    let candidate = try value ?? EntityJSON.decode(ReviewCandidate.self, json, kind: .candidate, id: id)
    let extracted = candidate.extracted
    try db.execute(
      sql: """
        INSERT INTO candidate (id, position, article_file, article_date, payer, payee, kind, confidence,
          quote, payload, state, deal_id, decision_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        id, position, candidate.articleFile, candidate.articleDate?.description, extracted.payer.id,
        extracted.payee.id, extracted.kind, extracted.confidence, extracted.quote, json,
        candidate.state.rawValue, candidate.dealID?.rawValue, candidate.decisionReason,
      ])
  }
}

extension LedgerStore {
  /// Queues the candidates of an `extract --format json` output for review.
  ///
  /// This is `db import` of an extractor file. Candidates already queued are skipped. One change.
  ///
  /// - Throws: ``StoreError/badInput(file:problems:)`` listing every entry that cannot be read.
  @discardableResult
  public func enqueue(
    extractJSON data: Data, file: String, actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> EnqueueReport {
    let articles = try Self.decodeExtract(data, file: file)
    return try change("review enqueue", actor: actor, reason: reason, articles: articles)
  }

  private func change(
    _ command: String, actor: String, reason: String?, articles: [ExtractedArticle]
  ) throws -> EnqueueReport {
    var report = EnqueueReport()
    report.change = try change(command, actor: actor, reason: reason) { staging in
      let existing = try ReviewTables.candidates(staging.db).map(\.candidate)
      // The same article and the same finding (all but the extractor's per-run id).
      func key(_ file: String, _ c: ExtractedCandidate) throws -> String {
        var copy = c
        copy.id = ""
        return file + "\u{1F}" + (try EntityJSON.encode(copy))
      }
      var seen = Set(try existing.map { try key($0.articleFile, $0.extracted) })
      var next = (existing.compactMap { Int($0.id) }.max() ?? 0) + 1
      for article in articles {
        for extracted in article.candidates {
          guard seen.insert(try key(article.file, extracted)).inserted else {
            report.alreadyQueued += 1
            continue
          }
          let candidate = ReviewCandidate(
            id: String(next), articleFile: article.file, articleDate: article.date.flatMap(PartialDate.init),
            articleLanguage: article.language, extracted: extracted, state: .pending)
          next += 1
          try staging.set(.candidate, candidate.id, to: candidate)
          report.queued.append(candidate)
        }
      }
    }
    return report
  }

  /// The candidates waiting for review, oldest first, each with its draft deal and the stored
  /// deals it likely duplicates.
  public func pending(rule: DuplicateRule = DuplicateRule()) throws -> [ReviewEntry] {
    try read { db in
      let ledger = try Tables.ledger(db)
      let removed = Set(try Tables.deals(db, removed: true).map(\.deal.id))
      return try ReviewTables.candidates(db, state: .pending).map { _, candidate in
        var problems: [String] = []
        let draft = Self.draft(candidate, ledger: ledger, removed: removed, problems: &problems)
        let duplicates = ledger.map { rule.matches(for: draft, among: $0.deals, in: $0) } ?? []
        return ReviewEntry(candidate: candidate, draft: draft, duplicates: duplicates, problems: problems)
      }
    }
  }

  /// One candidate by its queue id, whatever its state.
  public func candidate(_ id: String) throws -> ReviewCandidate {
    try read { db in
      guard let found = try ReviewTables.candidates(db, id: id).first?.candidate else {
        throw StoreError.notFound(kind: "candidate", id: id)
      }
      return found
    }
  }

  /// Accepts a candidate (`review accept ID --set …`): adds its deal, with the article as a new
  /// document if the store lacks it, after applying `overrides` (``DealAssignments``).
  ///
  /// - Returns: The change; the new deal's id is the candidate's `dealID` afterwards.
  @discardableResult
  public func accept(
    _ id: String, overrides: [String] = [], actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> Change {
    try requireChange(
      change("review accept", actor: actor, reason: reason) { staging in
        var candidate = try Self.pendingCandidate(id, staging.db)
        let ledger = try Tables.ledger(staging.db)
        guard ledger != nil else { throw StoreError.notInitialized(path: path) }
        let removed = Set(try Tables.deals(staging.db, removed: true).map(\.deal.id))
        var problems: [String] = []
        var deal = Self.draft(candidate, ledger: ledger, removed: removed, problems: &problems)
        if !problems.isEmpty {
          throw StoreError.badInput(file: "candidate \(id)", problems: problems)
        }
        try DealAssignments.apply(overrides, to: &deal)
        try Self.checkNewDealID(deal.id, staging.db)
        try Self.addArticleDocument(candidate, &staging)
        try staging.set(.deal, deal.id.rawValue, to: deal)
        candidate.state = .accepted
        candidate.dealID = deal.id
        candidate.decisionReason = reason
        try staging.set(.candidate, candidate.id, to: candidate)
      }, "review accept")
  }

  /// Rejects a candidate (`review reject ID --why TEXT`); the reason is required.
  @discardableResult
  public func reject(
    _ id: String, why: String, actor: String = LedgerStore.defaultActor
  ) throws -> Change {
    guard !why.allSatisfy(\.isWhitespace) else {
      throw StoreError.conflict("Rejecting candidate \(id) needs a reason (--why TEXT).")
    }
    return try requireChange(
      change("review reject", actor: actor, reason: why) { staging in
        var candidate = try Self.pendingCandidate(id, staging.db)
        candidate.state = .rejected
        candidate.decisionReason = why
        try staging.set(.candidate, candidate.id, to: candidate)
      }, "review reject")
  }

  /// Merges a candidate into an existing deal (`review merge ID --into DEAL`): the candidate's
  /// quote becomes one more source of the deal; nothing else of the deal changes.
  @discardableResult
  public func merge(
    _ id: String, into dealID: DealID, actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> Change {
    try requireChange(
      change("review merge", actor: actor, reason: reason) { staging in
        var candidate = try Self.pendingCandidate(id, staging.db)
        guard var deal = try Tables.deals(staging.db, removed: false, id: dealID.rawValue).first?.deal else {
          throw try Self.missingDeal(dealID, staging.db)
        }
        let documentID = try Self.addArticleDocument(candidate, &staging)
        let source = Source(document: documentID, quote: candidate.extracted.quote)
        if !deal.sources.contains(source) { deal.sources.append(source) }
        try staging.set(.deal, dealID.rawValue, to: deal)
        candidate.state = .merged
        candidate.dealID = dealID
        candidate.decisionReason = reason
        try staging.set(.candidate, candidate.id, to: candidate)
      }, "review merge")
  }

  private static func pendingCandidate(_ id: String, _ db: Database) throws -> ReviewCandidate {
    guard let candidate = try ReviewTables.candidates(db, id: id).first?.candidate else {
      throw StoreError.notFound(kind: "candidate", id: id)
    }
    guard candidate.state == .pending else {
      throw StoreError.conflict(
        "Candidate \(id) was already \(candidate.state.rawValue)\(candidate.dealID.map { " (deal '\($0)')" } ?? ""); "
          + "`undo` that decision to review it again.")
    }
    return candidate
  }

  /// The document id of a candidate's article: `news-` and the file's name as a slug.
  static func documentID(for file: String) -> String {
    let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    var slug = ""
    for scalar in name.lowercased().unicodeScalars {
      if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
        slug.unicodeScalars.append(scalar)
      } else if !slug.hasSuffix("-") {
        slug += "-"
      }
    }
    slug = String(slug.drop { $0 == "-" })
    while slug.hasSuffix("-") { slug.removeLast() }
    return "news-" + (slug.isEmpty ? "article" : slug)
  }

  @discardableResult
  private static func addArticleDocument(_ candidate: ReviewCandidate, _ staging: inout Staging) throws -> String {
    let id = documentID(for: candidate.articleFile)
    if try Tables.current(.document, id, staging.db) == nil {
      let document = Document(
        id: id, title: candidate.articleFile, published: candidate.articleDate,
        language: candidate.articleLanguage.flatMap(Language.init(rawValue:)))
      try staging.set(.document, id, to: document)
    }
    return id
  }

  /// The deal a candidate stands for: its parties, kind, amount exactly as extracted (an unstated
  /// amount stays unstated), date, status and term, with its quote as the source.
  static func draft(
    _ candidate: ReviewCandidate, ledger: Ledger?, removed: Set<DealID>, problems: inout [String]
  ) -> Deal {
    let extracted = candidate.extracted
    let kind = DealKind(rawValue: extracted.kind)
    if kind == nil { problems.append("kind '\(extracted.kind)' is not a deal kind") }
    let status = DealStatus(rawValue: extracted.status)
    if status == nil { problems.append("status '\(extracted.status)' is not a deal status") }
    let qualifier = AmountQualifier(rawValue: extracted.amount.qualifier)
    if qualifier == nil { problems.append("amount qualifier '\(extracted.amount.qualifier)' is not known") }
    let figure = extracted.amount
    let amount =
      qualifier == .unstated || qualifier == nil
      ? Amount(qualifier: .unstated, asWritten: figure.asWritten)
      : Amount(
        qualifier: qualifier ?? .unstated, value: figure.value, low: figure.low, high: figure.high,
        currency: figure.currency, asWritten: figure.asWritten)
    let announced = extracted.announced.flatMap(PartialDate.init) ?? candidate.articleDate
    let base =
      "\(extracted.payer.id)-\(extracted.payee.id)-\((kind ?? .other).rawValue.replacingOccurrences(of: "_", with: "-"))"
      + (announced.map { "-\($0.year)" } ?? "")
    var id = base
    var counter = 2
    while ledger?.deal(DealID(id)) != nil || removed.contains(DealID(id)) {
      id = "\(base)-\(counter)"
      counter += 1
    }
    return Deal(
      id: DealID(id), payer: CompanyID(extracted.payer.id), payee: CompanyID(extracted.payee.id),
      kind: kind ?? .other, amount: amount, announced: announced, termYears: extracted.termYears,
      status: status ?? .announced,
      sources: [Source(document: documentID(for: candidate.articleFile), quote: extracted.quote)])
  }

  // MARK: - Reading the extractor's JSON

  struct ExtractedArticle {
    var file: String
    var date: String?
    var language: String?
    var candidates: [ExtractedCandidate]
  }

  /// Decodes one value, keeping the error instead of failing the whole file.
  private struct Attempt<T: Decodable>: Decodable {
    var result: Result<T, any Error>
    init(from decoder: any Decoder) throws {
      do { result = .success(try T(from: decoder)) } catch { result = .failure(error) }
    }
  }

  private struct ExtractFile: Decodable {
    struct Article: Decodable {
      var file: String?
      var articleDate: String?
      var language: String?
      var candidates: [Attempt<ExtractedCandidate>]?
      enum CodingKeys: String, CodingKey {
        case file, language, candidates
        case articleDate = "article_date"
      }
    }
    var format: String?
    var version: Int?
    var articles: [Attempt<Article>]?
  }

  static func decodeExtract(_ data: Data, file: String) throws -> [ExtractedArticle] {
    let root: ExtractFile
    do {
      root = try JSONDecoder().decode(ExtractFile.self, from: data)
    } catch {
      throw StoreError.badInput(file: file, problems: ["not an extractor JSON file: \(Self.describe(error))"])
    }
    var problems: [String] = []
    if root.format != "loopledger-extract" {
      problems.append("format: expected \"loopledger-extract\" (the output of `loopledger extract --format json`)")
    }
    if root.version != 1 { problems.append("version: expected 1") }
    guard let articles = root.articles else {
      problems.append("articles: missing")
      throw StoreError.badInput(file: file, problems: problems)
    }
    var result: [ExtractedArticle] = []
    for (index, attempt) in articles.enumerated() {
      let article: ExtractFile.Article
      switch attempt.result {
      case .success(let value): article = value
      case .failure(let error):
        problems.append("articles[\(index)]: \(Self.describe(error))")
        continue
      }
      guard let name = article.file else {
        problems.append("articles[\(index)].file: missing")
        continue
      }
      var candidates: [ExtractedCandidate] = []
      for (position, candidate) in (article.candidates ?? []).enumerated() {
        switch candidate.result {
        case .success(let value): candidates.append(value)
        case .failure(let error):
          problems.append("articles[\(index)].candidates[\(position)]: \(Self.describe(error))")
        }
      }
      result.append(
        ExtractedArticle(file: name, date: article.articleDate, language: article.language, candidates: candidates))
    }
    if !problems.isEmpty { throw StoreError.badInput(file: file, problems: problems) }
    return result
  }

  static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      return (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".") + ": missing"
    case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
      return context.codingPath.map(\.stringValue).joined(separator: ".") + ": expected \(type)"
    case DecodingError.dataCorrupted(let context):
      return context.codingPath.map(\.stringValue).joined(separator: ".") + ": \(context.debugDescription)"
    default:
      return "\(error)"
    }
  }
}
