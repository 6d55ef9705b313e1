import Foundation
import LoopLedger
import Testing

@testable import LoopLedgerNews

@Suite("Candidate ledger")
struct CandidateLedgerTests {
  let seed = try! BundledLedger.load("seed")

  func extractions() throws -> [ArticleExtraction] { try fixtureExtractions(ledger: seed) }

  @Test func ledgerOutputValidates() throws {
    let extractor = DealExtractor(ledger: seed)
    let built = CandidateLedger.build(extractions: try extractions(), catalog: extractor.catalog, reference: seed)
    let data = try LedgerFile.encode(built)
    let decoded = try LedgerFile.decode(data, file: "extracted.json")
    #expect(decoded.deals.count == built.deals.count)
    // Duplicates keep the ledger's ids and gain the article's quotes.
    let copy = try #require(decoded.deal("amazon-openai-equity-2025"))
    #expect(copy.sources.count > 2)
    // New deals carry their quotes.
    #expect(decoded.deals.contains { $0.payee == "coreweave" && $0.sources.count >= 1 })
  }

  @Test func ledgerOutputWithoutAReferenceValidates() throws {
    let extractor = DealExtractor(ledger: nil)
    let texts = ["甲骨文則斥資約400億港元向輝達採購晶片。", "OpenAI signed a $38 billion deal with AWS for cloud capacity."]
    let extractions = texts.enumerated().map { extractor.extract($1, file: "a\($0).txt") }
    let built = CandidateLedger.build(extractions: extractions, catalog: extractor.catalog, reference: nil)
    let decoded = try LedgerFile.decode(try LedgerFile.encode(built), file: "x.json") { _ in
      throw LedgerError.unknownBundledLedger("none", available: [])
    }
    #expect(decoded.deals.count == 2)
    // No HKD rate anywhere: the amount is kept as unstated, with a note.
    #expect(decoded.deals.first { $0.payer == "oracle" }?.amount.qualifier == .unstated)
  }
}
