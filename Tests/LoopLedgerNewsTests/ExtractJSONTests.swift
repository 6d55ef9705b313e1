import Foundation
import LoopLedger
import Testing

@testable import LoopLedgerNews

@Suite("Extract JSON")
struct ExtractJSONTests {
  let seed = try! BundledLedger.load("seed")

  func extractions() throws -> [ArticleExtraction] { try fixtureExtractions(ledger: seed) }

  @Test func jsonRoundTrips() throws {
    let report = ExtractReport(extractions: try extractions(), ledger: seed, ledgerName: "seed")
    let data = try report.encoded()
    let decoded = try ExtractReport.decode(data)
    #expect(decoded == report)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["format"] as? String == "loopledger-extract")
    let first = try #require((object["articles"] as? [[String: Any]])?.first?["candidates"] as? [[String: Any]])
    let keys = Set(first[0].keys)
    for key in ["payer", "payee", "kind", "amount", "announced", "status", "term_years", "quote", "span", "confidence", "duplicate_of"] {
      #expect(keys.contains(key), "missing \(key)")
    }
    let amount = try #require(first[0]["amount"] as? [String: Any])
    for key in ["low_usd", "high_usd", "estimate_usd", "qualifier", "currency", "as_written"] {
      #expect(amount.keys.contains(key), "missing amount.\(key)")
    }
  }

  @Test func usdFiguresOfIntervals() throws {
    let report = ExtractReport(extractions: try extractions(), ledger: seed, ledgerName: "seed")
    let seedArticle = try #require(report.articles.first)
    let atLeast = try #require(seedArticle.candidates.first { $0.amount.qualifier == "at_least" })
    #expect(atLeast.amount.lowUSD == 1e10 && atLeast.amount.highUSD == nil && atLeast.amount.estimateUSD == 1e10)
    let range = try #require(seedArticle.candidates.first { $0.amount.qualifier == "range" })
    #expect(range.amount.lowUSD == 1e10 && range.amount.highUSD == 1e11 && range.amount.estimateUSD == nil)
    let upTo = try #require(seedArticle.candidates.first { $0.amount.qualifier == "up_to" })
    #expect(upTo.amount.lowUSD == 0)
    let duplicates = seedArticle.candidates.compactMap(\.duplicateOf)
    #expect(duplicates.count == 18)
    #expect(seedArticle.candidates.allSatisfy { ($0.mergedSources?.count ?? 0) >= 1 })
  }
}
