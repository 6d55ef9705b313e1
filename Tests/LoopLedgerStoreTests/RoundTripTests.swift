import Foundation
import GRDB
import LoopLedger
import Testing

@testable import LoopLedgerStore

@Suite struct RoundTripTests {
  @Test(arguments: ["seed", "public-2025"])
  func aBundledLedgerComesBackByteForByte(_ name: String) throws {
    // Given a store initialised from a bundled ledger
    try withStore(name) { store, folder, original in
      // When it is exported
      let exported = try store.exportLedger()
      // Then LedgerFile writes the same bytes, the values are equal, and so is the report
      #expect(try encoded(exported) == encoded(original))
      #expect(exported == original)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      #expect(try encoder.encode(LoopReport(ledger: exported)) == encoder.encode(LoopReport(ledger: original)))
      // And a second process opening the file reads the same ledger
      try store.close()
      let reopened = try LedgerStore.open(path: folder.file("ledger.sqlite"))
      #expect(try encoded(reopened.exportLedger()) == encoded(original))
    }
  }

  @Test func theExportPassesValidation() throws {
    try withStore("public-2025") { store, _, _ in
      let data = try LedgerFile.encode(try store.exportLedger())
      let decoded = try LedgerFile.decode(data, file: "export.json")
      #expect(decoded == (try BundledLedger.load("public-2025")))
    }
  }

  @Test func unstatedAmountsStayUnstatedInTheTables() throws {
    try withStore("seed") { store, folder, original in
      let unstated = original.deals.filter { $0.amount.qualifier == .unstated }.count
      #expect(unstated > 0)
      try store.close()
      // Read the table directly: no unstated amount is stored as a number, zero or otherwise.
      let sqlite = try GRDBProbe(path: folder.file("ledger.sqlite"))
      #expect(try sqlite.int("SELECT COUNT(*) FROM deal WHERE amount_qualifier = 'unstated'") == unstated)
      #expect(
        try sqlite.int(
          "SELECT COUNT(*) FROM deal WHERE amount_qualifier = 'unstated' AND (amount_value IS NOT NULL OR amount_low IS NOT NULL OR amount_high IS NOT NULL)"
        )
          == 0)
    }
  }

  @Test func initialisingTwiceIsRefused() throws {
    try withStore("seed") { store, _, ledger in
      #expect(throws: StoreError.alreadyInitialized(path: store.path)) {
        try store.initialize(from: ledger)
      }
    }
  }

  @Test func anEmptyStoreSaysSo() throws {
    try withEmptyStore { store, _ in
      #expect(throws: StoreError.notInitialized(path: store.path)) { try store.loadLedger() }
      let initialized = try store.isInitialized()
      #expect(!initialized)
    }
  }

  @Test func importingPublic2025IntoASeedStoreAddsOnlyWhatIsNew() throws {
    // Given a store holding the seed
    try withStore("seed") { store, _, _ in
      // When public-2025 (which extends the seed) is imported
      let report = try store.importLedger(try BundledLedger.load("public-2025"), actor: "test")
      // Then its own 27 documents, 5 companies, 17 deals and 22 facts are added; the three seed deals
      // it supersedes are updated; the other 41 seed entities (1 document, 1 rate, 10 companies,
      // 15 deals, 14 facts) are unchanged (counted in the two JSON files)
      #expect(report.added.count == 27 + 5 + 17 + 22)
      #expect(
        Set(report.updated) == [
          "deal:openai-oracle-compute-2025", "deal:anthropic-azure-cloud-2025", "deal:openai-aws-cloud-38b-2025",
        ])
      #expect(report.unchanged == 1 + 1 + 10 + 15 + 14)
      // The header stays the seed's; everything else is public-2025's
      var expected = try BundledLedger.load("public-2025")
      let seed = try BundledLedger.load("seed")
      expected.id = seed.id
      expected.title = seed.title
      #expect(try encoded(store.exportLedger()) == encoded(expected))
      // Importing it again changes nothing and records no change
      let again = try store.importLedger(try BundledLedger.load("public-2025"))
      #expect(again.change == nil && again.added.isEmpty && again.updated.isEmpty)
    }
  }

  @Test func anInvalidFileWritesNothingAndCarriesLedgerFilesReport() throws {
    // Given a store holding the seed, and a ledger file with many problems
    try withStore("seed") { store, _, _ in
      let before = try store.counts()
      let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../LoopLedgerTests/Fixtures/bad-ledger.json").standardized
      let data = try Data(contentsOf: url)
      var fileError: LedgerError? = nil
      do { _ = try LedgerFile.decode(data, file: "bad-ledger.json") } catch let error as LedgerError {
        fileError = error
      }
      let expected = try #require(fileError)
      guard case .invalid(_, let issues) = expected else {
        Issue.record("bad-ledger.json should be invalid")
        return
      }
      #expect(issues.count > 1)
      // When it is imported, then the error is LedgerFile's, every problem at once
      #expect(throws: StoreError.invalid(expected)) {
        try store.importLedgerFile(data, file: "bad-ledger.json")
      }
      // And nothing was written
      #expect(try store.counts() == before)
    }
  }

  @Test func anImportThatBreaksTheStoredLedgerWritesNothing() throws {
    try withStore("seed") { store, _, _ in
      let before = try store.counts()
      // A ledger whose deals name companies and a document the store lacks
      let broken = Ledger(
        id: "x", title: "x", companies: [Company(id: "newco")],
        deals: [
          Deal(
            id: "newco-ghost", payer: "newco", payee: "ghost", kind: .loan, amount: .usd(1e9), status: .closed,
            sources: [Source(document: "nowhere", quote: "q")]),
          Deal(
            id: "ghost-newco", payer: "ghost", payee: "newco", kind: .loan, amount: .usd(-1), status: .closed,
            sources: [Source(document: seedDocumentID, quote: "q")]),
        ])
      do {
        try store.importLedger(broken)
        Issue.record("the import should fail")
      } catch StoreError.invalid(.invalid(let file, let issues)) {
        #expect(file == store.path)
        let text = issues.map(\.description).joined(separator: "\n")
        #expect(text.contains("unknown company 'ghost'"))
        #expect(text.contains("unknown document 'nowhere'"))
        #expect(text.contains("must be an amount from 0 to 10^16; found -1"))
      }
      #expect(try store.counts() == before)
      #expect(try store.history().count == 1)
    }
  }
}

/// Reads a database file directly, as another program would.
struct GRDBProbe {
  let queue: DatabaseQueue
  init(path: String) throws { queue = try DatabaseQueue(path: path) }
  func int(_ sql: String) throws -> Int { try queue.read { try Int.fetchOne($0, sql: sql) ?? -1 } }
  func execute(_ sql: String) throws { try queue.write { try $0.execute(sql: sql) } }
}
