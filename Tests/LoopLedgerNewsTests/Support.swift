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
