import Foundation
import Testing

@testable import LoopLedger

@Suite("Bundled ledgers")
struct BundledLedgerTests {
  /// The ledgers compiled into the binary are byte for byte the JSON files in Resources/ledgers
  /// (run Scripts/embed-ledgers.py after editing one).
  @Test func theEmbeddedLedgersEqualTheResourceFiles() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Sources/LoopLedger/Resources/ledgers").standardizedFileURL
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
      .sorted()
    #expect(files.map { String($0.dropLast(5)) } == BundledLedger.embeddedJSON.keys.sorted())
    #expect(Set(BundledLedger.names) == Set(BundledLedger.embeddedJSON.keys))
    for file in files {
      let data = try Data(contentsOf: folder.appendingPathComponent(file))
      #expect(
        Data(BundledLedger.embeddedJSON[String(file.dropLast(5))]!.utf8) == data,
        "\(file) differs: run Scripts/embed-ledgers.py")
    }
  }

  @Test func everySeedQuoteOccursVerbatimInTheArticle() throws {
    let article = try fixture("seed-article.txt")
    let seed = try BundledLedger.load("seed")
    var quotes = seed.deals.flatMap(\.sources) + seed.facts.flatMap(\.sources)
    quotes += seed.fxRates.map(\.source)
    #expect(quotes.count > 25)
    for source in quotes where source.document == "seed" {
      #expect(article.contains(source.quote), "not in the article: \(source.quote)")
    }
  }

  @Test func everyDealAndFactHasASource() throws {
    for name in BundledLedger.names {
      let ledger = try BundledLedger.load(name)
      for deal in ledger.deals { #expect(!deal.sources.isEmpty, "\(deal.id)") }
      for fact in ledger.facts { #expect(!fact.sources.isEmpty, "\(fact.id)") }
    }
  }

  @Test func theSeedHoldsTheArticlesDealsWithTheirQualifiers() throws {
    let seed = try BundledLedger.load("seed")
    func find(_ payer: String, _ payee: String, _ kind: DealKind) -> [Deal] {
      seed.deals.filter {
        seed.group(of: $0.payer).rawValue == payer && seed.group(of: $0.payee).rawValue == payee
          && $0.kind == kind
      }
    }
    // Amazon → OpenAI: at least $10B, in talks, HK$77.8B given as the conversion.
    let amazonOpenAI = try #require(find("amazon", "openai", .equityInvestment).first)
    #expect(amazonOpenAI.amount.qualifier == .atLeast && amazonOpenAI.amount.value == 1e10)
    #expect(amazonOpenAI.status == .talks)
    #expect(seed.perUSD("HKD") == 7.78)
    // OpenAI → AWS: about $38B over 7 years, announced.
    let aws = try #require(find("openai", "amazon", .cloudContract).first)
    #expect(aws.amount.value == 3.8e10 && aws.termYears == 7 && aws.status == .announced)
    #expect(find("openai", "amazon", .chipPurchase).first?.amount.qualifier == .unstated)
    #expect(find("amazon", "nvidia", .chipPurchase).first?.status == .implied)
    #expect(find("amazon", "openai", .softwareSale).first?.status == .talks)
    #expect(find("amazon", "anthropic", .equityInvestment).first?.amount.value == 8e9)
    let tpu = try #require(find("anthropic", "google", .cloudContract).first)
    #expect(tpu.amount.qualifier == .range && tpu.amount.low == 1e10 && tpu.amount.high == 1e11)
    #expect(find("microsoft", "anthropic", .equityInvestment).first?.amount.qualifier == .upTo)
    #expect(find("microsoft", "openai", .equityInvestment).first?.amount.qualifier == .moreThan)
    let nvidia = try #require(find("nvidia", "openai", .equityInvestment).first)
    #expect(nvidia.amount.qualifier == .upTo && nvidia.amount.value == 1e11)
    #expect(nvidia.announced == PartialDate("2025-09"))
    #expect(!find("openai", "oracle", .cloudContract).isEmpty || !find("openai", "oracle", .computePurchase).isEmpty)
    // Facts: > $1.4T commitments, > $45B raised, ≈ $20B revenue, > $500B valuation, surveys.
    let facts = Dictionary(grouping: seed.facts, by: \.metric)
    #expect(facts[.commitments]?.contains { $0.value.value == 1.4e12 && $0.value.qualifier == .moreThan } == true)
    #expect(facts[.capitalRaised]?.contains { $0.value.value == 4.5e10 } == true)
    #expect(facts[.revenue]?.contains { $0.value.value == 2e10 } == true)
    #expect(facts[.valuation]?.contains { $0.value.value == 5e11 } == true)
    #expect(facts[.survey]?.contains { $0.value.value == 15 && $0.value.unit == "percent" } == true)
    #expect(facts[.survey]?.contains { $0.value.value == 5 && $0.value.unit == "percent" } == true)
  }

  /// The loops the article describes, at group level.
  @Test(arguments: [
    ["amazon", "openai"], ["amazon", "anthropic"], ["google", "anthropic"],
    ["microsoft", "anthropic"], ["microsoft", "openai"], ["nvidia", "openai"],
    ["nvidia", "openai", "amazon"],
  ])
  func theSeedReportShowsTheArticlesLoops(loop: [String]) throws {
    let report = try LoopReport(ledger: try BundledLedger.load("seed"))
    #expect(report.loops.contains { sameCycle($0.path, loop) }, "missing loop \(loop)")
  }

  @Test(arguments: [["nvidia", "openai", "oracle"], ["openai", "coreweave"], ["amd", "openai"]])
  func thePublicLedgerShowsLoopsBeyondTheSeed(loop: [String]) throws {
    let report = try LoopReport(ledger: try BundledLedger.load("public-2025"))
    #expect(report.loops.contains { sameCycle($0.path, loop) }, "missing loop \(loop)")
  }

  @Test func refinedDealsAreNotCountedTwice() throws {
    let ledger = try BundledLedger.load("public-2025")
    #expect(ledger.deal("openai-oracle-compute-2025")?.status == .superseded)
    let graph = LedgerGraph(ledger: ledger)
    let openai = try #require(graph.node(of: "openai"))
    let oracle = try #require(graph.node(of: "oracle"))
    let amounts = graph.amount(from: openai, to: oracle).total
    #expect(amounts.estimate == 3e11 && amounts.missingEstimates == 0)
  }

  /// Whether `path` (first id repeated at the end) is the cycle `ids` in some rotation.
  private func sameCycle(_ path: [CompanyID], _ ids: [String]) -> Bool {
    let cycle = path.dropLast().map(\.rawValue)
    guard cycle.count == ids.count, let start = cycle.firstIndex(of: ids[0]) else { return false }
    return (0..<ids.count).allSatisfy { cycle[(start + $0) % ids.count] == ids[$0] }
  }
}
