import Foundation
import LoopLedger
import LoopLedgerNews
import Testing

@testable import LoopLedgerStore

@Suite struct ReviewQueueTests {
  @Test func theSeedArticlesCandidatesAreQueuedOnce() throws {
    try withStore("seed") { store, _, _ in
      let json = try seedArticleExtractJSON()
      let report = try ExtractReport.decode(json)
      let extracted = report.articles.flatMap(\.candidates)
      #expect(!extracted.isEmpty)
      let first = try store.enqueue(extractJSON: json, file: "seed-extract.json", actor: "newsroom")
      #expect(first.queued.count == extracted.count)
      #expect(first.queued.map(\.id) == (1...extracted.count).map(String.init))
      #expect(first.change?.command == "review enqueue")
      // Each queued candidate keeps the extractor's quote, confidence, parties and figure
      for (queued, original) in zip(first.queued, extracted) {
        #expect(queued.extracted.quote == original.quote)
        #expect(queued.extracted.confidence == original.confidence)
        #expect(queued.extracted.payer.id == original.payer.id && queued.extracted.payee.id == original.payee.id)
        #expect(queued.extracted.amount.value == original.amount.value)
        #expect(queued.state == .pending && queued.articleFile == "seed.txt")
      }
      // The same file again queues nothing
      let second = try store.enqueue(extractJSON: json, file: "seed-extract.json")
      #expect(second.queued.isEmpty && second.alreadyQueued == extracted.count && second.change == nil)
      #expect(try store.pending().count == extracted.count)
    }
  }

  @Test func acceptingAddsTheDealWithTheArticleAsItsSource() throws {
    try withStore("seed") { store, _, _ in
      try store.enqueue(extractJSON: try seedArticleExtractJSON(), file: "x.json")
      let entry = try #require(try store.pending().first { $0.candidate.extracted.amount.qualifier == "unstated" })
      let change = try store.accept(
        entry.candidate.id, overrides: ["id=reviewed-deal", "status=closed"], actor: "editor")
      #expect(change.items.map(\.kind) == [.document, .deal, .candidate])
      let ledger = try store.loadLedger()
      let deal = try #require(ledger.deal("reviewed-deal"))
      #expect(deal.status == .closed)
      #expect(deal.payer.rawValue == entry.candidate.extracted.payer.id)
      #expect(deal.payee.rawValue == entry.candidate.extracted.payee.id)
      // An unstated figure stays unstated: unknown is not zero
      #expect(deal.amount.qualifier == .unstated && deal.amount.value == nil)
      #expect(deal.sources == [Source(document: "news-seed", quote: entry.candidate.extracted.quote)])
      #expect(ledger.document("news-seed")?.title == "seed.txt")
      #expect(ledger.document("news-seed")?.published == PartialDate("2025-12-17"))
      let decided = try store.candidate(entry.candidate.id)
      #expect(decided.state == .accepted && decided.dealID == "reviewed-deal")
      // A decided candidate cannot be decided again
      #expect(throws: (any Error).self) { try store.reject(entry.candidate.id, why: "changed my mind") }
      #expect(throws: StoreError.notFound(kind: "candidate", id: "999")) { try store.accept("999") }
    }
  }

  @Test func rejectingNeedsAReasonAndMergingAddsASource() throws {
    try withStore("seed") { store, _, _ in
      try store.enqueue(extractJSON: try seedArticleExtractJSON(), file: "x.json")
      let queue = try store.pending()
      #expect(throws: StoreError.conflict("Rejecting candidate \(queue[0].candidate.id) needs a reason (--why TEXT)."))
      {
        try store.reject(queue[0].candidate.id, why: "  ")
      }
      let rejection = try store.reject(queue[0].candidate.id, why: "restates the headline")
      #expect(rejection.reason == "restates the headline")
      #expect(try store.candidate(queue[0].candidate.id).state == .rejected)
      let target: DealID = "amazon-openai-equity-2025"
      let sourcesBefore = try #require(try store.loadLedger().deal(target)).sources
      try store.merge(queue[1].candidate.id, into: target)
      let sourcesAfter = try #require(try store.loadLedger().deal(target)).sources
      #expect(
        sourcesAfter == sourcesBefore + [Source(document: "news-seed", quote: queue[1].candidate.extracted.quote)])
      #expect(try store.candidate(queue[1].candidate.id).dealID == target)
      #expect(try store.pending().count == queue.count - 2)
    }
  }

  @Test func anExtractorFileWithProblemsIsRefusedListingThemAll() throws {
    try withStore("seed") { store, _, _ in
      let bad = Data(
        """
        {"format": "loopledger-ledger", "version": 2, "articles": [
          {"file": "a.txt", "candidates": [{"id": "c1"}, {"id": "c2", "payer": 5}]},
          {"candidates": []}
        ]}
        """.utf8)
      do {
        try store.enqueue(extractJSON: bad, file: "bad.json")
        Issue.record("should fail")
      } catch StoreError.badInput(let file, let problems) {
        #expect(file == "bad.json")
        #expect(problems.count == 5)
        #expect(problems[0].hasPrefix("format:") && problems[1].hasPrefix("version:"))
        #expect(problems[2].hasPrefix("articles[0].candidates[0]:"))
        #expect(problems[3].hasPrefix("articles[0].candidates[1]:"))
        #expect(problems[4] == "articles[1].file: missing")
      }
      #expect(throws: (any Error).self) { try store.enqueue(extractJSON: Data("not json".utf8), file: "x") }
      #expect(try store.history().count == 1)
    }
  }
}

@Suite struct DuplicateRuleTests {
  @Test func daysBetweenPartialDates() {
    func days(_ a: String, _ b: String) -> Int {
      DuplicateRule.daysApart(PartialDate(a) ?? PartialDate(year: 0), PartialDate(b) ?? PartialDate(year: 0))
    }
    #expect(days("2025-09", "2025-10-02") == 2)  // 30 September to 2 October
    #expect(days("2025", "2025-06") == 0)  // the year contains June
    #expect(days("2024-12-31", "2025-01-01") == 1)
    #expect(days("2024-02-28", "2024-03-01") == 2)  // 2024 is a leap year
    #expect(days("2023-02-28", "2023-03-01") == 1)
    #expect(days("2025-11-18", "2025-10-28") == 21)
    #expect(DuplicateRule.dayNumber((1970, 1, 1)) == 0 && DuplicateRule.dayNumber((2000, 3, 1)) == 11_017)
  }

  @Test func theRuleOnHandMadeDeals() throws {
    let ledger = try BundledLedger.load("seed")
    let rule = DuplicateRule()
    let base = Deal(
      id: "a", payer: "aws", payee: "nvidia", kind: .chipPurchase, amount: .usd(10e9),
      announced: PartialDate("2025-10"),
      status: .announced, sources: [])
    func variant(_ change: (inout Deal) -> Void) -> Deal {
      var deal = base
      deal.id = "b"
      change(&deal)
      return deal
    }
    // Same group (amazon owns aws), same kind, $10.5B within 10 %, 20 days later: a duplicate
    #expect(
      rule.isLikelyDuplicate(
        base,
        variant {
          $0.payer = "amazon"
          $0.amount = .usd(10.5e9)
          $0.announced = PartialDate("2025-11-20")
        }, in: ledger))
    // Reversed direction, another kind, a far amount, or a far date: not a duplicate
    #expect(
      !rule.isLikelyDuplicate(
        base,
        variant {
          $0.payer = "nvidia"
          $0.payee = "aws"
        }, in: ledger))
    #expect(!rule.isLikelyDuplicate(base, variant { $0.kind = .cloudContract }, in: ledger))
    #expect(!rule.isLikelyDuplicate(base, variant { $0.amount = .usd(13e9) }, in: ledger))
    #expect(!rule.isLikelyDuplicate(base, variant { $0.announced = PartialDate("2026-01-02") }, in: ledger))
    // Unknown amounts and dates cannot rule a duplicate out
    #expect(
      rule.isLikelyDuplicate(
        base,
        variant {
          $0.amount = .unstated
          $0.announced = nil
        }, in: ledger))
    // "at least $12B" overlaps "$10B" only through the tolerance: [10.8B, ∞) against [9B, 11B]
    #expect(rule.isLikelyDuplicate(base, variant { $0.amount = .usd(12e9, .atLeast) }, in: ledger))
    #expect(!rule.isLikelyDuplicate(base, variant { $0.amount = .usd(12.5e9, .atLeast) }, in: ledger))
    // A deal and the one that supersedes it are a restatement, not a duplicate
    #expect(!rule.isLikelyDuplicate(base, variant { $0.supersedes = ["a"] }, in: ledger))
  }

  @Test func pairsInTheBundledLedgers() throws {
    let rule = DuplicateRule()
    // Checked by hand against the files: the only pairs with the same direction, group and kind
    // whose amounts and dates do not rule them out. Google's planned, unstated equity deal matches
    // both stated Google–Anthropic equity deals, but $0.3B (2022) and about $3B do not overlap;
    // the seed's undated, unstated OpenAI–Azure contract matches the $250B one of 2025-10-28.
    #expect(
      try rule.pairs(in: BundledLedger.load("seed")) == [
        DuplicateMatch(deal: "google-anthropic-equity-planned", existing: "google-anthropic-equity-3b")
      ])
    #expect(
      try rule.pairs(in: BundledLedger.load("public-2025")) == [
        DuplicateMatch(deal: "google-anthropic-equity-planned", existing: "google-anthropic-equity-3b"),
        DuplicateMatch(deal: "google-anthropic-equity-2022", existing: "google-anthropic-equity-planned"),
        DuplicateMatch(deal: "openai-azure-incremental-250b-2025-10", existing: "openai-azure-cloud"),
      ])
  }

  @Test func importingPublic2025IntoTheSeedFlagsItsLikelyDuplicates() throws {
    try withStore("seed") { store, _, _ in
      let report = try store.importLedger(try BundledLedger.load("public-2025"))
      #expect(
        report.likelyDuplicates == [
          DuplicateMatch(deal: "openai-azure-incremental-250b-2025-10", existing: "openai-azure-cloud"),
          DuplicateMatch(deal: "google-anthropic-equity-2022", existing: "google-anthropic-equity-planned"),
        ])
    }
  }

  @Test func theSeedArticlesCandidatesDuplicateTheSeedLedger() throws {
    try withStore("seed") { store, _, _ in
      let json = try seedArticleExtractJSON()
      try store.enqueue(extractJSON: json, file: "seed.json")
      let pending = try store.pending()
      let extracted = try ExtractReport.decode(json).articles.flatMap(\.candidates)
      #expect(pending.count == extracted.count)
      // Wherever the extractor itself matched a seed deal (its rule: overlapping amounts and
      // dates), the store's looser rule (tolerance, 31 days) flags that deal too.
      var checked = 0
      for (entry, candidate) in zip(pending, extracted) {
        #expect(entry.problems.isEmpty)
        if let duplicate = candidate.duplicateOf {
          #expect(entry.duplicates.contains(DealID(duplicate)), "candidate \(candidate.id) \(candidate.quote)")
          checked += 1
        }
      }
      #expect(checked > 0)
      // The seed ledger was written from this article: most candidates restate one of its deals
      let flagged = pending.filter { !$0.duplicates.isEmpty }.count
      #expect(flagged * 2 > pending.count, "\(flagged) of \(pending.count) flagged")
    }
  }
}
