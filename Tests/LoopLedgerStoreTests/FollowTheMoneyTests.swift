import Foundation
import LoopLedger
import Testing

@testable import LoopLedgerStore

@Suite struct FollowTheMoneyTests {
  private func entities(_ data: Data) throws -> [FtMEntity] {
    try data.split(separator: 0x0A).map { try JSONDecoder().decode(FtMEntity.self, from: Data($0)) }
  }

  @Test func theMappingOfEachKind() throws {
    let ledger = try BundledLedger.load("public-2025")
    let all = try entities(FollowTheMoney.encode(ledger))
    func entity(_ id: String) throws -> FtMEntity { try #require(all.first { $0.id == id }) }
    // An equity investment: Ownership from the investor (owner) in the company (asset)
    let equity = try entity("ll-deal-amazon-openai-equity-2025")
    #expect(equity.schema == "Ownership")
    #expect(equity.properties["owner"] == ["ll-company-amazon"] && equity.properties["asset"] == ["ll-company-openai"])
    #expect(equity.properties["sharesValue"] == ["10000000000"] && equity.properties["sharesCurrency"] == ["USD"])
    #expect(equity.properties["date"] == ["2025-12"])
    // The qualifier and interval FtM has no field for are said in the summary
    #expect(
      equity.first("summary")
        == "at least 10000000000 USD; interval [10000000000, ∞]; as written: 至少100億美元; status: talks")
    // A chip purchase: Payment from payer to beneficiary; a range gives both bounds
    let chips = try entity("ll-deal-openai-amd-instinct-2025")
    #expect(chips.schema == "Payment" && chips.properties["payer"] == ["ll-company-openai"])
    #expect(chips.properties["beneficiary"] == ["ll-company-amd"] && chips.properties["purpose"] == ["chip_purchase"])
    #expect(chips.properties["amount"] == ["10000000000", "100000000000"] && chips.properties["currency"] == ["USD"])
    // An unstated amount has no amount at all: unknown, not zero
    let trainium = try entity("ll-deal-openai-aws-trainium-2025")
    #expect(
      trainium.properties["amount"] == nil
        && trainium.first("summary") == "amount not stated (unknown, not zero); status: talks")
    // A derived amount states no figure of its own: no amount, and the summary says of what it is a share
    let gpus = try entity("ll-deal-openai-nvidia-gpus-2025-09")
    #expect(gpus.properties["amount"] == nil)
    #expect(
      gpus.first("summary")?.hasPrefix(
        "amount not stated (unknown, not zero); as written: 大部分所得資金; derived: 50–100 % (estimate 75 %) of nvidia-openai-equity-2025-09 ("
      )
        == true)
    // The sources: the articles as proof, the exact quotes in the description, in the same order
    let deal = try #require(ledger.deal("openai-amd-instinct-2025"))
    #expect(chips.properties["proof"] == deal.sources.map { "ll-document-\($0.document)" })
    #expect(chips.properties["description"]?.dropLast() == ArraySlice(deal.sources.map(\.quote)))
    #expect(chips.properties["description"]?.last?.hasPrefix("loopledger:") == true)
    // And the deal carries its documents' addresses (the bundled documents have none: give one)
    #expect(chips.properties["sourceUrl"] == nil)
    let documents = ledger.documents.map { document -> Document in
      var document = document
      document.url = "https://example.org/\(document.id)"
      return document
    }
    let withURLs = Ledger(
      id: ledger.id, title: ledger.title, documents: documents, fxRates: ledger.fxRates, companies: ledger.companies,
      deals: ledger.deals, facts: ledger.facts)
    let linked = try #require(try entities(FollowTheMoney.encode(withURLs)).first { $0.id == chips.id })
    #expect(linked.properties["sourceUrl"] == ["https://example.org/rttnews-nasdaq-2025-10-06"])
    #expect(try FollowTheMoney.decode(FollowTheMoney.encode(withURLs), file: "x").documents == documents)
    // Companies, with the parent link
    let aws = try entity("ll-company-aws")
    #expect(
      aws.schema == "Company" && aws.properties["name"] == ["Amazon Web Services"]
        && aws.properties["parent"] == ["ll-company-amazon"])
    #expect(all.filter { $0.schema == "Company" }.count == ledger.companies.count)
  }

  @Test func aRoundTripKeepsEveryDealExactly() throws {
    let ledger = try BundledLedger.load("public-2025")
    let contents = try FollowTheMoney.decode(FollowTheMoney.encode(ledger), file: "ledger.ftm.json")
    #expect(contents.deals == ledger.deals)
    #expect(contents.deals.contains { $0.amount.derived != nil })
    #expect(contents.companies == ledger.companies)
    #expect(contents.documents == ledger.documents)
    #expect(contents.skipped.isEmpty)
  }

  @Test func withoutTheLoopLedgerLinesTheFtMFieldsStillCarryTheEssentials() throws {
    // Data as another tool would write it: no `loopledger:` description
    let ledger = try BundledLedger.load("public-2025")
    let stripped = try entities(FollowTheMoney.encode(ledger)).map { entity -> FtMEntity in
      var entity = entity
      entity.properties["description"] = entity.properties["description"]?.filter { !$0.hasPrefix("loopledger:") }
      return entity
    }
    let encoder = JSONEncoder()
    var data = Data()
    for entity in stripped {
      data.append(try encoder.encode(entity))
      data.append(0x0A)
    }
    let contents = try FollowTheMoney.decode(data, file: "foreign.ftm.json")
    #expect(contents.deals.count == ledger.deals.count)
    for (back, deal) in zip(contents.deals, ledger.deals) {
      #expect(back.id == deal.id)
      #expect(back.payer == deal.payer && back.payee == deal.payee)
      // FtM's schema and purpose name the kind (Ownership's ownershipType for warrants)
      #expect(back.kind == deal.kind, "\(deal.id)")
      #expect(back.announced == deal.announced)
      #expect(back.status == deal.status)
      // Sources come back from proof and description (a quote's language is not carried)
      #expect(back.sources == deal.sources.map { Source(document: $0.document, quote: $0.quote) })
      // The figures and currency come back; the qualifier becomes exact, or range for two bounds
      switch deal.amount.qualifier {
      case .unstated:
        #expect(back.amount == .unstated)
      case .range:
        #expect(
          back.amount.qualifier == .range && back.amount.low == deal.amount.low && back.amount.high == deal.amount.high)
      default:
        #expect(back.amount.value == deal.amount.value && back.amount.currency == deal.amount.currency)
      }
    }
    #expect(contents.companies.map(\.id) == ledger.companies.map(\.id))
    #expect(contents.companies.map(\.names.english) == ledger.companies.map(\.names.english))
  }

  @Test func aStoreExportsAndImportsFtM() throws {
    var exported = Data()
    try withStore("public-2025") { store, _, _ in exported = try store.exportFollowTheMoney() }
    let public2025 = try BundledLedger.load("public-2025")
    try withStore("seed") { store, _, _ in
      let report = try store.importFollowTheMoney(exported, file: "public-2025.ftm.json", actor: "investigator")
      #expect(report.change?.reason == "FollowTheMoney import of public-2025.ftm.json")
      let ledger = try store.loadLedger()
      #expect(ledger.deals == public2025.deals)
      #expect(ledger.companies == public2025.companies)
      #expect(ledger.documents == public2025.documents)
    }
  }

  @Test func badLinesAreAllReported() throws {
    let data = Data(
      """
      {"id": "p1", "schema": "Payment", "properties": {"payer": ["nobody"], "amount": ["ten"]}}
      not json
      {"id": "v1", "schema": "Vessel", "properties": {}}
      """.utf8)
    do {
      _ = try FollowTheMoney.decode(data, file: "bad.ftm.json")
      Issue.record("should fail")
    } catch StoreError.badInput(let file, let problems) {
      #expect(file == "bad.ftm.json")
      #expect(problems.contains("line 1: amount: 'ten' is not a non-negative number"))
      #expect(problems.contains("line 1: payer: 'nobody' is no Company or LegalEntity in the file"))
      #expect(problems.contains("line 1: beneficiary: missing"))
      #expect(problems.contains { $0.hasPrefix("line 2: not an FtM entity") })
      #expect(problems.count == 4)
    }
  }

  @Test func termEndDates() {
    #expect(FollowTheMoney.endDate(PartialDate(year: 2025, month: 11), years: 7) == PartialDate(year: 2032, month: 11))
    #expect(FollowTheMoney.endDate(PartialDate(year: 2025, month: 11), years: 0.5) == PartialDate(year: 2026, month: 5))
    #expect(
      FollowTheMoney.endDate(PartialDate(year: 2024, month: 1, day: 31), years: 1.0 / 12)
        == PartialDate(year: 2024, month: 2, day: 29))
    #expect(FollowTheMoney.endDate(PartialDate(year: 2025), years: 5) == PartialDate(year: 2030))
    #expect(FollowTheMoney.endDate(PartialDate(year: 2025), years: 4.5) == nil)
  }
}

/// The `followthemoney` package's own check of an export, where its virtual environment is
/// installed (`python3 -m venv Store/.venv && Store/.venv/bin/pip install followthemoney`).
@Suite struct FollowTheMoneyPackageTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
    .standardized
  static let python = root.appendingPathComponent("Store/.venv/bin/python").path
  static let installed = FileManager.default.isExecutableFile(atPath: python)

  private func check(_ data: Data) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.python)
    process.arguments = [Self.root.appendingPathComponent("Scripts/ftm-check.py").path, "-"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(data)
    try input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  @Test(.enabled(if: installed, "Store/.venv with followthemoney is not installed"))
  func theExportPassesFollowTheMoneysCheck() throws {
    let data = try FollowTheMoney.encode(BundledLedger.load("public-2025"))
    let (status, output) = try check(data)
    #expect(status == 0, "\(output)")
    #expect(output.hasSuffix("0 problems\n"))
  }

  @Test(.enabled(if: installed, "Store/.venv with followthemoney is not installed"))
  func theCheckFindsBrokenEntities() throws {
    let data = Data(
      """
      {"id": "a", "schema": "Payment", "properties": {"payer": ["ghost"], "date": ["2025-13-40"], "colour": ["red"]}}
      {"id": "b", "schema": "Spaceship", "properties": {}}

      """.utf8)
    let (status, output) = try check(data)
    #expect(status == 1)
    #expect(output.contains("'ghost' is no entity of the file"))
    #expect(output.contains("'2025-13-40' is not a valid date"))
    #expect(output.contains("Payment has no property 'colour'"))
    #expect(output.contains("unknown schema 'Spaceship'"))
  }
}
