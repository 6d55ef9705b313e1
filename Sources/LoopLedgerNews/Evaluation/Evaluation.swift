import Foundation
import LoopLedger

/// One deal of a truth file (a JSON array), company names in English.
public struct TruthDeal: Codable, Sendable, Equatable {
  public var file: String
  public var from: String
  public var to: String
  public var kind: String
  public var amountUSD: Double?
  public var amountQualifier: String?
  public var amountLowUSD: Double?
  public var amountHighUSD: Double?
  public var announced: String?
  public var status: String?
  public var quote: String?
  /// Optional: the article's date, for resolving relative dates when the text has none.
  public var articleDate: String?
  /// Optional: a reviewer's remark, ignored by the evaluation.
  public var note: String?

  enum CodingKeys: String, CodingKey {
    case file, from, to, kind, announced, status, quote, note
    case amountUSD = "amount_usd"
    case amountQualifier = "amount_qualifier"
    case amountLowUSD = "amount_low_usd"
    case amountHighUSD = "amount_high_usd"
    case articleDate = "article_date"
  }

  public init(
    file: String, from: String, to: String, kind: String, amountUSD: Double? = nil,
    amountQualifier: String? = nil, amountLowUSD: Double? = nil, amountHighUSD: Double? = nil,
    announced: String? = nil, status: String? = nil, quote: String? = nil,
    articleDate: String? = nil, note: String? = nil
  ) {
    self.file = file
    self.from = from
    self.to = to
    self.kind = kind
    self.amountUSD = amountUSD
    self.amountQualifier = amountQualifier
    self.amountLowUSD = amountLowUSD
    self.amountHighUSD = amountHighUSD
    self.announced = announced
    self.status = status
    self.quote = quote
    self.articleDate = articleDate
    self.note = note
  }
}

/// Precision, recall and F1 of extracted deals against a truth file, and the accuracy of amount
/// and status on the deals that match.
public struct EvaluationResult: Codable, Sendable, Equatable {
  public struct Counts: Codable, Sendable, Equatable {
    public var truth = 0
    public var found = 0
    public var matched = 0
    public var precision: Double { found == 0 ? (truth == 0 ? 1 : 0) : Double(matched) / Double(found) }
    public var recall: Double { truth == 0 ? 1 : Double(matched) / Double(truth) }
    public var f1: Double {
      let p = precision
      let r = recall
      return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
  }

  /// Deals matched on file, payer, payee and kind, with companies compared at group level (AWS
  /// counts as Amazon, as the ledger's graph does).
  public var deals = Counts()
  /// The same, with companies compared exactly (AWS is not Amazon).
  public var dealsExactUnits = Counts()
  public var amountCorrect = 0
  public var statusCorrect = 0
  public var dateConsistent = 0
  public var dateCompared = 0
  public var perFile: [String: Counts] = [:]
  /// Truth deals not found, as "file: from → to kind".
  public var missed: [String] = []
  /// Candidates that match no truth deal.
  public var falsePositives: [String] = []
  /// Matched deals whose amount or status differs: what the truth says and what was found.
  public var mismatches: [String] = []
  /// Every truth deal and candidate sorted into one error class, per language (`all` too).
  public var errorClasses: [String: ErrorCounts] = [:]
  /// Each difference with its class, for reading ("wrong direction: file: …").
  public var classified: [ClassifiedError] = []
  /// Candidates by confidence bucket: how many there are and how many are right.
  public var reliability: [ReliabilityBucket] = EvaluationResult.emptyBuckets

  /// The error classes of one language: each truth deal is matched, or wrong in kind, direction
  /// or one side, or missed; each candidate that matches no truth deal and is not counted there is
  /// a duplicate (a further candidate for a pair already matched) or spurious.
  public struct ErrorCounts: Codable, Sendable, Equatable {
    public var truth = 0
    public var candidates = 0
    public var matched = 0
    /// Of the matched: amount or status differs from the truth's.
    public var wrongAmount = 0
    public var wrongStatus = 0
    public var wrongKind = 0
    public var wrongDirection = 0
    public var wrongPayerOrPayee = 0
    public var missed = 0
    /// Of the missed: a side is not in the catalog (coverage rather than rules).
    public var missedUnknownCompany = 0
    public var duplicate = 0
    public var spurious = 0
    public var deals: Counts { Counts(truth: truth, found: candidates, matched: matched) }

    public init() {}

    mutating func add(_ other: ErrorCounts) {
      truth += other.truth
      candidates += other.candidates
      matched += other.matched
      wrongAmount += other.wrongAmount
      wrongStatus += other.wrongStatus
      wrongKind += other.wrongKind
      wrongDirection += other.wrongDirection
      wrongPayerOrPayee += other.wrongPayerOrPayee
      missed += other.missed
      missedUnknownCompany += other.missedUnknownCompany
      duplicate += other.duplicate
      spurious += other.spurious
    }
  }

  public struct ClassifiedError: Codable, Sendable, Equatable {
    /// `wrong amount`, `wrong status`, `wrong kind`, `wrong direction`, `wrong payer/payee`,
    /// `missed`, `duplicate`, `spurious`.
    public var errorClass: String
    public var language: String
    public var file: String
    public var detail: String
  }

  /// Candidates whose confidence is in `[low, high)` (the last bucket includes 1).
  public struct ReliabilityBucket: Codable, Sendable, Equatable {
    public var low: Double
    public var high: Double
    public var candidates = 0
    /// Payer, payee and kind match a truth deal.
    public var right = 0
    /// … and amount and status are right too.
    public var allFieldsRight = 0
    public var share: Double { candidates == 0 ? 0 : Double(right) / Double(candidates) }
  }

  public static let bucketBounds: [Double] = [0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
  static var emptyBuckets: [ReliabilityBucket] {
    zip(bucketBounds.dropLast(), bucketBounds.dropFirst()).map { ReliabilityBucket(low: $0, high: $1) }
  }

  /// Candidates of confidence at least `threshold` and the share of them that is right.
  public func reliability(atLeast threshold: Double) -> (candidates: Int, right: Int) {
    var n = 0
    var right = 0
    for bucket in reliability where bucket.low >= threshold - 1e-9 {
      n += bucket.candidates
      right += bucket.right
    }
    return (n, right)
  }

  public var amountAccuracy: Double { deals.matched == 0 ? 0 : Double(amountCorrect) / Double(deals.matched) }
  public var statusAccuracy: Double { deals.matched == 0 ? 0 : Double(statusCorrect) / Double(deals.matched) }
}

public enum Evaluator {
  /// Reads a truth file.
  ///
  /// - Throws: ``LedgerError/invalid(file:issues:)`` naming the file, the place and the problem.
  public static func truth(from data: Data, file: String = "truth file") throws -> [TruthDeal] {
    try JSONFile.decode(
      [TruthDeal].self, from: data, file: file, expected: "a truth file (a JSON array of {file, from, to, kind, …})")
  }

  /// Compares `extractions` (one per file, matched by file name) with `truth`.
  public static func evaluate(
    truth: [TruthDeal], extractions: [ArticleExtraction], catalog: CompanyCatalog
  ) -> EvaluationResult {
    var result = EvaluationResult()
    func id(_ name: String) -> CompanyID {
      catalog.resolve(name: name) ?? CompanyID(CandidateLedger.slug(name))
    }
    let files = Set(truth.map(\.file)).union(extractions.map(\.file))
    var languageOf: [String: String] = [:]
    for extraction in extractions { languageOf[extraction.file] = extraction.language.rawValue }
    for file in files.sorted() {
      let language = languageOf[file] ?? "unknown"
      let expected = truth.filter { $0.file == file }
      let found = extractions.filter { $0.file == file }.flatMap(\.candidates)
      var counts = EvaluationResult.Counts(truth: expected.count, found: found.count, matched: 0)
      var classes = EvaluationResult.ErrorCounts()
      classes.truth = expected.count
      classes.candidates = found.count
      func note(_ errorClass: String, _ detail: String) {
        result.classified.append(.init(errorClass: errorClass, language: language, file: file, detail: detail))
      }
      func describeCandidate(_ c: Candidate) -> String {
        "\(c.payer.name) → \(c.payee.name) \(c.kind.rawValue) \(describe(c.amount)) \(c.status.rawValue) (conf \(String(format: "%.2f", c.confidence))) 「\(c.quote.prefix(80))」"
      }
      func describeDeal(_ d: TruthDeal) -> String {
        "\(d.from) → \(d.to) \(d.kind) \(describe(d)) \(d.status ?? "-")"
      }
      // Group level.
      var unused = Array(found.indices)
      var right = Set<Int>()
      var allRight = Set<Int>()
      var unmatched: [TruthDeal] = []
      var matchedPairs = Set<[CompanyID]>()
      for deal in expected {
        let from = catalog.group(of: id(deal.from))
        let to = catalog.group(of: id(deal.to))
        let candidates = unused.filter {
          catalog.group(of: found[$0].payer.id) == from && catalog.group(of: found[$0].payee.id) == to
            && found[$0].kind.rawValue == deal.kind
        }
        guard !candidates.isEmpty else {
          result.missed.append("\(file): \(deal.from) → \(deal.to) \(deal.kind)")
          unmatched.append(deal)
          continue
        }
        // Among several, the one agreeing best on amount and status.
        let best =
          candidates.max { a, b in
            score(found[a], deal) < score(found[b], deal)
          } ?? candidates[0]
        unused.removeAll { $0 == best }
        counts.matched += 1
        classes.matched += 1
        right.insert(best)
        matchedPairs.insert([from, to])
        let candidate = found[best]
        let amountOK = amountMatches(candidate, deal)
        let statusOK = deal.status == nil || deal.status == candidate.status.rawValue
        if amountOK { result.amountCorrect += 1 }
        if statusOK { result.statusCorrect += 1 }
        if amountOK, statusOK { allRight.insert(best) }
        if !amountOK {
          classes.wrongAmount += 1
          note("wrong amount", "\(describeDeal(deal)) | found \(describeCandidate(candidate))")
        }
        if !statusOK {
          classes.wrongStatus += 1
          note("wrong status", "\(describeDeal(deal)) | found \(describeCandidate(candidate))")
        }
        if let announced = deal.announced, let truthDate = PartialDate(announced) {
          result.dateCompared += 1
          if let date = candidate.announced, date.overlaps(from: truthDate, to: truthDate) {
            result.dateConsistent += 1
          }
        }
        if !amountOK || !statusOK {
          result.mismatches.append(
            "\(file): \(deal.from) → \(deal.to) \(deal.kind): "
              + (amountOK ? "" : "amount \(describe(deal)) vs \(describe(candidate.amount)) ")
              + (statusOK ? "" : "status \(deal.status ?? "-") vs \(candidate.status.rawValue)"))
        }
      }
      for index in unused {
        let c = found[index]
        result.falsePositives.append(
          "\(file): \(c.payer.name) → \(c.payee.name) \(c.kind.rawValue) (\(c.quote.prefix(60)))")
      }
      // The near misses, one class after another, each candidate used once: the pair right but
      // the kind wrong, then the pair reversed, then duplicates of matched pairs, then one side
      // wrong with the kind right; what is left is missed or spurious.
      var assigned: [Int: (String, Int)] = [:]
      func pass(
        _ errorClass: String, _ test: (CompanyID, CompanyID, CompanyID, CompanyID, Candidate, TruthDeal) -> Bool
      ) {
        for (n, deal) in unmatched.enumerated() where assigned[n] == nil {
          let from = catalog.group(of: id(deal.from))
          let to = catalog.group(of: id(deal.to))
          if let hit = unused.first(where: {
            test(
              from, to, catalog.group(of: found[$0].payer.id), catalog.group(of: found[$0].payee.id), found[$0], deal)
          }) {
            unused.removeAll { $0 == hit }
            assigned[n] = (errorClass, hit)
          }
        }
      }
      pass("wrong kind") { f, t, p, q, _, _ in p == f && q == t }
      pass("wrong direction") { f, t, p, q, _, _ in p == t && q == f }
      var duplicates = Set<Int>()
      for index in unused {
        let pair = [catalog.group(of: found[index].payer.id), catalog.group(of: found[index].payee.id)]
        if matchedPairs.contains(pair) { duplicates.insert(index) }
      }
      unused.removeAll { duplicates.contains($0) }
      pass("wrong payer/payee") { f, t, p, q, c, d in c.kind.rawValue == d.kind && ((p == f) != (q == t)) }
      for (n, deal) in unmatched.enumerated() {
        if let (errorClass, hit) = assigned[n] {
          switch errorClass {
          case "wrong kind": classes.wrongKind += 1
          case "wrong direction": classes.wrongDirection += 1
          default: classes.wrongPayerOrPayee += 1
          }
          note(errorClass, "\(describeDeal(deal)) | found \(describeCandidate(found[hit]))")
        } else {
          classes.missed += 1
          let known = catalog.resolve(name: deal.from) != nil && catalog.resolve(name: deal.to) != nil
          if !known { classes.missedUnknownCompany += 1 }
          note(
            "missed",
            "\(describeDeal(deal))\(known ? "" : " [company not in the catalog]") 「\((deal.quote ?? "").prefix(80))」")
        }
      }
      for index in duplicates.sorted() {
        classes.duplicate += 1
        note("duplicate", describeCandidate(found[index]))
      }
      for index in unused.sorted() {
        classes.spurious += 1
        note("spurious", describeCandidate(found[index]))
      }
      for (index, candidate) in found.enumerated() {
        let position = Swift.min(
          result.reliability.count - 1,
          result.reliability.lastIndex { candidate.confidence >= $0.low - 1e-9 } ?? 0)
        result.reliability[position].candidates += 1
        if right.contains(index) { result.reliability[position].right += 1 }
        if allRight.contains(index) { result.reliability[position].allFieldsRight += 1 }
      }
      result.errorClasses[language, default: .init()].add(classes)
      result.errorClasses["all", default: .init()].add(classes)
      // Exact units.
      var exactUnused = Array(found.indices)
      var exactMatched = 0
      for deal in expected {
        if let index = exactUnused.first(where: {
          found[$0].payer.id == id(deal.from) && found[$0].payee.id == id(deal.to)
            && found[$0].kind.rawValue == deal.kind
        }) {
          exactUnused.removeAll { $0 == index }
          exactMatched += 1
        }
      }
      result.dealsExactUnits.truth += expected.count
      result.dealsExactUnits.found += found.count
      result.dealsExactUnits.matched += exactMatched
      result.deals.truth += counts.truth
      result.deals.found += counts.found
      result.deals.matched += counts.matched
      result.perFile[file] = counts
    }
    return result
  }

  static func score(_ candidate: Candidate, _ deal: TruthDeal) -> Int {
    (amountMatches(candidate, deal) ? 2 : 0) + (deal.status == candidate.status.rawValue ? 1 : 0)
  }

  static func close(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let x?, let y?): abs(x - y) <= 0.01 * Swift.max(abs(x), abs(y), 1)
    default: false
    }
  }

  /// Whether the candidate's amount is the truth's: same qualifier and the same figures in USD.
  static func amountMatches(_ candidate: Candidate, _ deal: TruthDeal) -> Bool {
    let qualifier = deal.amountQualifier ?? (deal.amountUSD == nil && deal.amountLowUSD == nil ? "unstated" : "exact")
    let amount = candidate.amount
    guard amount.qualifier.rawValue == qualifier else { return false }
    if qualifier == "unstated" { return true }
    // Candidate figures in USD (other currencies need a rate the candidate carries).
    var factor = 1.0
    if amount.currency != "USD" {
      guard let rate = candidate.conversion?.rate, candidate.conversion?.amount.currency == "USD" else { return false }
      factor = rate
    }
    if qualifier == "range" {
      return close(amount.low.map { $0 * factor }, deal.amountLowUSD)
        && close(amount.high.map { $0 * factor }, deal.amountHighUSD)
    }
    return close(amount.value.map { $0 * factor }, deal.amountUSD)
  }

  static func describe(_ deal: TruthDeal) -> String {
    let q = deal.amountQualifier ?? "exact"
    if q == "range" {
      return
        "range \(deal.amountLowUSD.map { MoneyText.plain($0, currency: "USD") } ?? "?")–\(deal.amountHighUSD.map { MoneyText.plain($0, currency: "USD") } ?? "?")"
    }
    if q == "unstated" { return "unstated" }
    return "\(q) \(deal.amountUSD.map { MoneyText.plain($0, currency: "USD") } ?? "?")"
  }

  static func describe(_ amount: Amount) -> String {
    switch amount.qualifier {
    case .unstated: return "unstated"
    case .range:
      return
        "range \(amount.low.map { MoneyText.plain($0, currency: amount.currency ?? "USD") } ?? "?")–\(amount.high.map { MoneyText.plain($0, currency: amount.currency ?? "USD") } ?? "?")"
    default:
      return
        "\(amount.qualifier.rawValue) \(amount.value.map { MoneyText.plain($0, currency: amount.currency ?? "USD") } ?? "?")"
    }
  }
}
