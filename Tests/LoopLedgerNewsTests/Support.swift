import Foundation
import LoopLedger

@testable import LoopLedgerNews

/// The text of a test fixture.
func fixture(_ name: String) throws -> String {
  guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
    throw CocoaError(.fileNoSuchFile)
  }
  return try String(contentsOf: url, encoding: .utf8)
}

func fixtureData(_ name: String) throws -> Data {
  guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
    throw CocoaError(.fileNoSuchFile)
  }
  return try Data(contentsOf: url)
}

/// The candidates of one text, with the bundled seed ledger's companies (no duplicate marking).
func candidates(_ text: String, date: String = "2025-12-17") -> [Candidate] {
  DealExtractor(ledger: nil).extract(text, date: PartialDate(date)).candidates
}

/// "payer→payee:kind" for each candidate, with company groups.
func pairs(_ text: String, date: String = "2025-12-17") -> [String] {
  candidates(text, date: date).map { "\($0.payer.id)→\($0.payee.id):\($0.kind.rawValue)" }
}

/// The extractions of four fixture articles (seed, English, Simplified, Traditional) against a ledger.
func fixtureExtractions(ledger: Ledger?) throws -> [ArticleExtraction] {
  let extractor = DealExtractor(ledger: ledger)
  return try ["seed.txt", "en-amd-openai.txt", "zh-hans-aws-openai.txt", "zh-hant-microsoft-coreweave.txt"].map {
    extractor.extract(try fixture("articles/\($0)"), file: $0, date: PartialDate("2025-12-17"))
  }
}
