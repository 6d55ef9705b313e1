import Foundation
import GRDB
import LoopLedger
import Testing

@testable import LoopLedgerStore

/// The bulk paths of an import (entities encoded in batches on every core, the current state read
/// once, one validation per change) record and store exactly what the one-by-one paths did.
struct BulkImportTests {
  /// A ledger of `deals` deals among `companies` companies, with notes full of what JSON escapes.
  static func generated(deals: Int, companies: Int) -> Ledger {
    let tricky = ["a \"quote\", a comma", "back\\slash }{ ][", "line\nbreak\ttab", "東京 €1,5 bn", "/path/", ""]
    let document = Document(id: "generator", title: "generated, \"with\" [brackets]")
    let companyList = (0..<companies).map { index in
      Company(
        id: CompanyID("c\(index)"), names: LocalizedNames(english: "Company \(index), \(tricky[index % tricky.count])"),
        aliases: index % 3 == 0 ? ["alias {\(index)}", "別名\(index)"] : [])
    }
    let dealList = (0..<deals).map { index in
      let payer = index % companies
      let payee = (index * 7 + 1) % companies == payer ? (payer + 1) % companies : (index * 7 + 1) % companies
      return Deal(
        id: DealID("d\(index)"), payer: CompanyID("c\(payer)"), payee: CompanyID("c\(payee)"),
        kind: index % 2 == 0 ? .loan : .equityInvestment,
        amount: index % 5 == 0 ? .unstated : .usd(Double(index) * 1_000.5),
        announced: PartialDate("20\(10 + index % 15)-0\(1 + index % 9)"), status: .closed,
        sources: [Source(document: "generator", quote: "row \(index): \(tricky[index % tricky.count])")],
        note: index % 4 == 0 ? tricky[index % tricky.count] : nil)
    }
    return Ledger(
      id: "generated", title: "Generated \"bulk\" ledger", documents: [document], companies: companyList,
      deals: dealList)
  }

  @Test func encodingInBatchesGivesTheStringsOfEncodingOneByOne() throws {
    let ledger = Self.generated(deals: 5_000, companies: 2_500)
    #expect(try EntityJSON.encodeAll(ledger.deals) == ledger.deals.map(EntityJSON.encode))
    #expect(try EntityJSON.encodeAll(ledger.companies) == ledger.companies.map(EntityJSON.encode))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    for name in BundledLedger.names {
      let bundled = try BundledLedger.load(name)
      #expect(try EntityJSON.encodeBatch(bundled.deals[...], encoder) == bundled.deals.map(EntityJSON.encode))
      #expect(try EntityJSON.encodeBatch(bundled.facts[...], encoder) == bundled.facts.map(EntityJSON.encode))
      #expect(try EntityJSON.encodeBatch(bundled.fxRates[...], encoder) == bundled.fxRates.map(EntityJSON.encode))
    }
  }

  @Test func aLargeDecodedLedgerIsStoredAndRecordedInFull() throws {
    // Given a ledger file of 3000 deals, decoded (and so validated) by LedgerFile
    let file = try LedgerFile.encode(Self.generated(deals: 3_000, companies: 500))
    let ledger = try LedgerFile.decode(file, file: "generated.json")
    try withEmptyStore { store, _ in
      // When it fills the empty store
      let report = try store.initialize(decoded: ledger, actor: "test")
      // Then the store holds it, byte for byte once encoded
      #expect(try LedgerFile.encode(store.loadLedger()) == file)
      // And change 1 records every entity, none before, each after as its JSON
      let change = try #require(report.change)
      #expect(change.items.count == 1 + 1 + 500 + 3_000)
      #expect(change.items.allSatisfy { $0.before == nil })
      let deals = change.items.filter { $0.kind == .deal }
      #expect(deals.map(\.after) == ledger.deals.map { try? EntityJSON.encode($0) })
      #expect(deals.map(\.position) == Array(0..<3_000))
      #expect(try store.history() == [change])
      // And the history alone rebuilds it
      #expect(try LedgerFile.encode(store.loadLedger(asOfChange: change.id)) == file)
      // And undo empties the store, and the same file imports again
      try store.undo(actor: "test")
      #expect(try !store.isInitialized())
      let again = try store.importLedgerFile(file, file: "generated.json", actor: "test")
      #expect(again.added.count == 1 + 1 + 500 + 3_000)
      #expect(try LedgerFile.encode(store.loadLedger()) == file)
    }
  }

  @Test func aLedgerNotDecodedByLedgerFileIsValidatedEvenIntoAnEmptyStore() throws {
    // Given a ledger built in code, with a deal naming a company and a document it lacks
    let generated = Self.generated(deals: 2_500, companies: 100)
    var deals = generated.deals
    deals[7].payee = "ghost"
    deals[9].sources = [Source(document: "nowhere", quote: "q")]
    let ledger = Ledger(
      id: generated.id, title: generated.title, documents: generated.documents, companies: generated.companies,
      deals: deals)
    try withEmptyStore { store, _ in
      let before = try store.counts()
      // When it fills the empty store, then the staged ledger is checked as a whole
      do {
        try store.initialize(from: ledger, actor: "test")
        Issue.record("the import should fail")
      } catch StoreError.invalid(.invalid(let name, let issues)) {
        #expect(name == store.path)
        let text = issues.map(\.description).joined(separator: "\n")
        #expect(text.contains("unknown company 'ghost'"))
        #expect(text.contains("unknown document 'nowhere'"))
      }
      // And nothing is written
      #expect(try store.counts() == before)
      #expect(try !store.isInitialized())
    }
  }

  @Test func dealsRewrittenAtTheEndOfTheTableAreLoadedInTheirPlace() throws {
    try withStore("seed") { store, _, seed in
      let ids = seed.deals.map(\.id)
      let named = Set(
        seed.deals.flatMap { [$0.supersededBy, $0.amount.derived?.of].compactMap(\.self) + ($0.supersedes ?? []) })
      let free = seed.deals.filter { !named.contains($0.id) && $0.supersededBy == nil && $0.supersedes == nil }
      try #require(free.count >= 2)
      // Given an edit of the first deal and a removal, undone, of another: both rows are written
      // again after every other (the table's order is no longer the ledger's)
      try store.editDeal(ids[0], set: ["note=edited"], actor: "test")
      try store.removeDeal(free[free.count / 2].id, actor: "test")
      try store.undo(actor: "test")
      // When the ledger is loaded, then every deal is in its place
      let loaded = try store.loadLedger()
      #expect(loaded.deals.map(\.id) == ids)
      #expect(loaded.deals.first?.note == "edited")
      // And it is the ledger the history alone gives
      #expect(loaded == (try store.loadLedger(asOfChange: store.latestChangeID())))
    }
  }

  @Test func aBulkInsertChecksItsValuesAndThrowsSQLitesError() throws {
    let queue = try DatabaseQueue()
    try queue.write { db in
      try db.execute(sql: "CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL, n INTEGER, x REAL)")
      let insert = try BulkInsert(db, sql: "INSERT INTO t (id, n, x) VALUES (?, ?, ?)")
      try insert.run { row in
        row.bind("a")
        row.bind(1)
        row.bind(Double?.none)
      }
      try insert.run { row in
        row.bind("b")
        row.bind(Int?.none)
        row.bind(2.5)
      }
      // Too few values: refused before anything is written
      #expect(throws: DatabaseError.self) {
        try insert.run { row in
          row.bind("c")
          row.bind(3)
        }
      }
      // A constraint SQLite enforces: its error, with its message
      do {
        try insert.run { row in
          row.bind("a")
          row.bind(4)
          row.bind(4.5)
        }
        Issue.record("the duplicate id should be refused")
      } catch let error as DatabaseError {
        #expect(error.resultCode == .SQLITE_CONSTRAINT)
        #expect(error.message?.contains("t.id") == true, "\(error)")
      }
      // And the statement goes on working after an error
      try insert.run { row in
        row.bind("d")
        row.bind(5)
        row.bind(5.5)
      }
      let rows = try Row.fetchAll(db, sql: "SELECT id, n, x FROM t ORDER BY id")
      #expect(rows.map { $0[0] as String } == ["a", "b", "d"])
      #expect(rows.map { $0[1] as Int? } == [1, nil, 5])
      #expect(rows.map { $0[2] as Double? } == [nil, 2.5, 5.5])
    }
  }
}
