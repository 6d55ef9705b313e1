import Foundation
import LoopLedger
import Testing

@testable import LoopLedgerStore

@Suite struct DealChangeTests {
  @Test func addingADealRecordsWhoWhenAndWhy() throws {
    try withStore("seed") { store, _, _ in
      let deal = sampleDeal()
      let change = try store.addDeal(deal, actor: "alice", reason: "reported by Reuters")
      #expect(change.id == 2)
      #expect(change.command == "deal add" && change.actor == "alice" && change.reason == "reported by Reuters")
      #expect(change.time == "2025-12-17T09:00:02.000Z")
      #expect(change.items.count == 1)
      let item = try #require(change.items.first)
      #expect(item.kind == .deal && item.entityID == deal.id.rawValue && item.before == nil)
      let after = try JSONDecoder().decode(Deal.self, from: Data(try #require(item.after).utf8))
      #expect(after == deal)
      let ledger = try store.loadLedger()
      #expect(ledger.deal(deal.id) == deal)
      #expect(ledger.deals.last?.id == deal.id, "a new deal goes at the end of the list")
      let history = try store.history(deal: deal.id)
      #expect(history.map(\.id) == [2])
    }
  }

  @Test func aBadDealIsRefusedWithEveryProblemAndWritesNothing() throws {
    try withStore("seed") { store, _, _ in
      var deal = sampleDeal()
      deal.payee = "nobody"
      deal.amount = Amount(qualifier: .about, value: 9e9, currency: "EUR")
      deal.sources = [Source(document: "missing-doc", quote: "q")]
      do {
        try store.addDeal(deal)
        Issue.record("the deal should be refused")
      } catch StoreError.invalid(.invalid(_, let issues)) {
        let problems = issues.map(\.description).joined(separator: "\n")
        #expect(problems.contains("unknown company 'nobody'"))
        #expect(problems.contains("no exchange rate for 'EUR'"))
        #expect(problems.contains("unknown document 'missing-doc'"))
        #expect(issues.count >= 3)
      }
      #expect(try store.history().count == 1)
      #expect(try store.loadLedger() == (try BundledLedger.load("seed")))
      #expect(
        throws: StoreError.alreadyExists(
          kind: "deal", id: "amazon-openai-equity-2025", detail: "choose another id or edit it")
      ) {
        var copy = sampleDeal()
        copy.id = "amazon-openai-equity-2025"
        try store.addDeal(copy)
      }
    }
  }

  @Test func editingByAssignments() throws {
    try withStore("seed") { store, _, seed in
      let id: DealID = "amazon-openai-equity-2025"
      let change = try #require(
        try store.editDeal(
          id, set: ["status=closed", "amount.qualifier=exact", "amount.value=12B", "note=closed at 12"], actor: "bob"))
      #expect(change.command == "deal edit")
      let deal = try #require(try store.loadLedger().deal(id))
      #expect(deal.status == .closed)
      #expect(deal.amount == Amount(qualifier: .exact, value: 12e9, currency: "USD", asWritten: "至少100億美元"))
      #expect(deal.note == "closed at 12")
      // Before and after are recorded
      let before = try JSONDecoder().decode(Deal.self, from: Data(try #require(change.items.first?.before).utf8))
      #expect(before == seed.deal(id))
      // An edit that changes nothing records nothing
      #expect(try store.editDeal(id, set: ["status=closed"]) == nil)
      // Setting the amount unstated drops the figures: unknown is not zero
      try store.editDeal(id, set: ["amount.qualifier=unstated"])
      let unstated = try #require(try store.loadLedger().deal(id)).amount
      #expect(unstated.qualifier == .unstated && unstated.value == nil && unstated.currency == nil)
    }
  }

  @Test func badAssignmentsAreAllReportedAndNothingIsWritten() throws {
    try withStore("seed") { store, _, _ in
      do {
        try store.editDeal(
          "amazon-openai-equity-2025", set: ["status=done", "amount.value=lots", "colour=red", "announced=2025-13"])
        Issue.record("should fail")
      } catch StoreError.badInput(_, let problems) {
        #expect(problems.count == 4)
        #expect(problems[0].contains("'done' is not one of talks, planned"))
        #expect(problems[1].contains("not a non-negative number"))
        #expect(problems[2].contains("unknown field 'colour'"))
        #expect(problems[3].contains("not a date"))
      }
      #expect(throws: StoreError.notFound(kind: "deal", id: "no-such-deal")) {
        try store.editDeal("no-such-deal", set: ["status=closed"])
      }
      #expect(throws: (any Error).self) { try store.editDeal("amazon-openai-equity-2025", set: ["id=other-id"]) }
      #expect(try store.history().count == 1)
    }
  }

  @Test func removingLeavesATombstone() throws {
    try withStore("seed") { store, _, seed in
      let id: DealID = "openai-aws-trainium-2025"
      let removal = try store.removeDeal(id, actor: "carol", reason: "duplicate")
      #expect(removal.items.map(\.kind) == [.deal, .removedDeal])
      #expect(try store.loadLedger().deal(id) == nil)
      let shown = try store.showDeal(id)
      #expect(shown.isRemoved && shown.removedByChange == removal.id)
      #expect(shown.deal == seed.deal(id))
      #expect(try store.history(deal: id).map(\.command) == ["db init", "deal remove"])
      // The id stays taken; the message says how to get it back
      do {
        var again = sampleDeal()
        again.id = id
        try store.addDeal(again)
        Issue.record("re-adding a removed id should fail")
      } catch let error as StoreError {
        #expect(error.description.contains("removed by change \(removal.id)"))
      }
      // Editing a removed deal says it was removed
      do {
        try store.editDeal(id, set: ["status=closed"])
        Issue.record("editing a removed deal should fail")
      } catch let error as StoreError {
        #expect(error.description.contains("was removed by change \(removal.id)"))
      }
    }
  }

  @Test func removingADealThatAnotherNamesIsRefused() throws {
    try withStore("seed") { store, _, _ in
      // openai-nvidia-compute-2025 is superseded by openai-nvidia-gpus-2025-09
      do {
        try store.removeDeal("openai-nvidia-gpus-2025-09")
        Issue.record("should fail")
      } catch StoreError.invalid(.invalid(_, let issues)) {
        #expect(issues.contains { $0.field == "supersededBy" && $0.problem.contains("openai-nvidia-gpus-2025-09") })
      }
      #expect(try store.loadLedger().deal("openai-nvidia-gpus-2025-09") != nil)
    }
  }
}

@Suite struct CompanyChangeTests {
  @Test func addAndEditACompany() throws {
    try withStore("seed") { store, _, _ in
      try store.addCompany(Company(id: "amd", names: LocalizedNames(english: "AMD")), actor: "dan")
      try store.editCompany("amd", set: ["name.zh-Hant=超微", "aliases=AMD, 超微 ,", "role=chips"])
      let amd = try #require(try store.loadLedger().company("amd"))
      #expect(
        amd
          == Company(
            id: "amd", names: LocalizedNames(english: "AMD", traditionalChinese: "超微"), aliases: ["AMD", "超微"],
            role: "chips"))
      #expect(throws: StoreError.alreadyExists(kind: "company", id: "amd", detail: "edit it or merge into it")) {
        try store.addCompany(Company(id: "amd"))
      }
      // A parent that does not exist is a validation problem
      do {
        try store.editCompany("amd", set: ["parent=ghost"])
        Issue.record("should fail")
      } catch StoreError.invalid(.invalid(_, let issues)) {
        #expect(issues.contains { $0.field == "parent" && $0.problem.contains("unknown company 'ghost'") })
      }
    }
  }

  @Test func mergeRewritesEveryReferenceAndKeepsTheNames() throws {
    try withStore("seed") { store, _, seed in
      // A tombstone that names azure, to see it rewritten too
      try store.removeDeal("anthropic-azure-cloud-2025")
      let change = try store.mergeCompany("azure", into: "microsoft", actor: "erin")
      let ledger = try store.loadLedger()
      #expect(ledger.company("azure") == nil)
      #expect(!ledger.deals.contains { $0.payer == "azure" || $0.payee == "azure" })
      #expect(ledger.deal("openai-azure-cloud")?.payee == "microsoft")
      #expect(try store.showDeal("anthropic-azure-cloud-2025").deal.payee == "microsoft")
      // Microsoft keeps its own names and gains Azure's names and aliases, each once
      #expect(
        ledger.company("microsoft")?.aliases
          == ["MSFT", "微軟", "微软", "Microsoft Azure", "微軟Azure", "微软Azure", "Azure"])
      // One change with every touched entity: microsoft, two deals (one a tombstone), azure removed
      #expect(change.items.map(\.kind) == [.company, .deal, .removedDeal, .company])
      #expect(change.items.last?.after == nil && change.items.last?.entityID == "azure")
      // Undo brings everything back exactly
      try store.undo()
      #expect(
        try encoded(store.loadLedger())
          == encoded(
            {
              var copy = seed
              copy = Ledger(
                id: copy.id, title: copy.title, asOf: copy.asOf, documents: copy.documents, fxRates: copy.fxRates,
                companies: copy.companies, deals: copy.deals.filter { $0.id != "anthropic-azure-cloud-2025" },
                facts: copy.facts)
              return copy
            }()))
      #expect(try store.showDeal("anthropic-azure-cloud-2025").deal.payee == "azure")
    }
  }

  @Test func aMergeThatMakesADealPayItselfIsRefused() throws {
    try withStore("seed") { store, _, seed in
      // microsoft-openai-equity-cumulative is microsoft → openai
      do {
        try store.mergeCompany("openai", into: "microsoft")
        Issue.record("should fail")
      } catch StoreError.invalid(.invalid(_, let issues)) {
        #expect(
          issues.contains {
            $0.entry.contains("microsoft-openai-equity-cumulative") && $0.problem.contains("same company as the payer")
          })
      }
      #expect(try store.loadLedger() == seed)
      #expect(throws: StoreError.notFound(kind: "company", id: "ghost")) {
        try store.mergeCompany("ghost", into: "microsoft")
      }
    }
  }
}

@Suite struct UndoAndAsOfTests {
  /// Every kind of change, applied to a public-2025 store; each must be undone exactly.
  static let operations: [(String, @Sendable (LedgerStore) throws -> Void)] = [
    ("deal add", { try $0.addDeal(sampleDeal()) }),
    ("deal edit", { try $0.editDeal("amazon-openai-equity-2025", set: ["status=closed", "amount.value=11B"]) }),
    ("deal remove", { try $0.removeDeal("openai-aws-trainium-2025") }),
    ("document add", { try $0.addDocument(Document(id: "memo", title: "A memo")) }),
    ("company add", { try $0.addCompany(Company(id: "xai", names: LocalizedNames(english: "xAI"))) }),
    ("company edit", { try $0.editCompany("oracle", set: ["alias=Oracle Corp", "name.zh-Hans=甲骨文公司"]) }),
    ("company merge", { try $0.mergeCompany("aws", into: "amazon") }),
    (
      "db import",
      {
        try $0.importLedger(
          Ledger(
            id: "extra", title: "extra", companies: [Company(id: "xai")],
            deals: [
              Deal(
                id: "xai-nvidia-2025", payer: "xai", payee: "nvidia", kind: .chipPurchase, amount: .unstated,
                status: .talks, sources: [Source(document: seedDocumentID, quote: "q")])
            ]))
      }
    ),
    ("review enqueue", { try $0.enqueue(extractJSON: try seedArticleExtractJSON(), file: "seed.json") }),
  ]

  @Test(arguments: 0..<operations.count)
  func everyKindOfChangeIsUndoneExactly(_ index: Int) throws {
    let (name, operation) = Self.operations[index]
    try withStore("public-2025") { store, _, original in
      let before = try encoded(store.loadLedger())
      let countBefore = try store.history().count
      try operation(store)
      let made = try store.history()
      #expect(made.count == countBefore + 1, "\(name) recorded one change")
      let undone = try store.undo(actor: "undoer")
      #expect(undone.count == 1 && undone.first?.undoes == made.last?.id && undone.first?.command == "undo")
      #expect(try encoded(store.loadLedger()) == before, "\(name) undone")
      #expect(try store.pending().isEmpty)
      // The history only grew
      #expect(try store.history().count == countBefore + 2)
      #expect(try store.loadLedger() == original)
    }
  }

  @Test func reviewDecisionsAreUndoneToo() throws {
    try withStore("seed") { store, _, _ in
      try store.enqueue(extractJSON: try seedArticleExtractJSON(), file: "seed.json")
      let queue = try store.pending()
      #expect(queue.count >= 3)
      let before = try encoded(store.loadLedger())
      try store.accept(queue[0].candidate.id, overrides: ["id=accepted-test-deal"])
      try store.reject(queue[1].candidate.id, why: "not a deal")
      try store.merge(queue[2].candidate.id, into: "amazon-openai-equity-2025")
      #expect(try store.pending().count == queue.count - 3)
      try store.undo(3)
      #expect(try encoded(store.loadLedger()) == before)
      #expect(try store.pending().map(\.candidate) == queue.map(\.candidate))
    }
  }

  @Test func undoSkipsWhatIsUndoneAndStopsWhenNothingIsLeft() throws {
    try withStore("seed") { store, _, _ in
      try store.editDeal("amazon-openai-equity-2025", set: ["status=closed"])  // 2
      try store.editDeal("amazon-openai-equity-2025", set: ["status=announced"])  // 3
      try store.undo()  // 4 undoes 3
      try store.undo()  // 5 undoes 2
      #expect(try store.loadLedger().deal("amazon-openai-equity-2025")?.status == .talks)
      #expect(try store.history().map(\.undoes) == [nil, nil, nil, 3, 2])
      try store.undo()  // 6 undoes 1, the db init: the store is empty again
      #expect(throws: StoreError.notInitialized(path: store.path)) { try store.loadLedger() }
      #expect(throws: StoreError.conflict("\(store.path): there is no change left to undo.")) { try store.undo() }
      #expect(throws: (any Error).self) { try store.undo(0) }
    }
  }

  @Test func theLedgerAsOfEachChange() throws {
    try withStore("seed") { store, _, seed in
      let deal = sampleDeal()
      try store.addDeal(deal)  // 2
      try store.editDeal(deal.id, set: ["status=closed"])  // 3
      try store.removeDeal(deal.id)  // 4
      try store.mergeCompany("azure", into: "microsoft")  // 5
      try store.undo()  // 6
      #expect(try store.loadLedger(asOfChange: 1) == seed)
      #expect(try store.loadLedger(asOfChange: 2).deal(deal.id) == deal)
      #expect(try store.loadLedger(asOfChange: 3).deal(deal.id)?.status == .closed)
      #expect(try store.loadLedger(asOfChange: 4).deal(deal.id) == nil)
      #expect(try store.loadLedger(asOfChange: 5).company("azure") == nil)
      #expect(try store.loadLedger(asOfChange: 6) == seed)
      // Rebuilt from the history alone, the newest state is the tables' state
      for id in Int64(1)...6 {
        let rebuilt = try store.loadLedger(asOfChange: id)
        #expect(try LedgerFile.encode(rebuilt).count > 0)
      }
      #expect(try encoded(store.loadLedger(asOfChange: 6)) == encoded(store.loadLedger()))
      #expect(throws: StoreError.notFound(kind: "change", id: "7")) { try store.loadLedger(asOfChange: 7) }
    }
  }

  @Test func theHistorySinceADate() throws {
    try withStore("seed") { store, _, _ in
      try store.addDeal(sampleDeal())
      // The test clock runs on 2025-12-17
      #expect(try store.history(since: PartialDate("2025-12-17")).count == 2)
      #expect(try store.history(since: PartialDate("2025-12")).count == 2)
      #expect(try store.history(since: PartialDate("2025-12-18")).isEmpty)
      #expect(try store.history(kind: .company, id: "openai").map(\.id) == [1])
    }
  }
}
