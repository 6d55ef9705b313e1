import Foundation
import LoopLedger
import Testing

@testable import LoopLedgerNews

// Patterns found in the real-news development set (Evaluation/real-news, issue 14), each
// reproduced by a short text written for the test (not taken from the articles).

/// "payer→payee:kind" for each candidate, sorted, for patterns that yield several deals.
func sortedPairs(_ text: String, date: String = "2025-12-17") -> [String] {
  pairs(text, date: date).sorted()
}

@Test(
  "Clause structure, coordination and rounds",
  arguments: [
    // Taiwanese sites space Latin words and numbers off Chinese text.
    ("Amazon 正與 OpenAI 洽談，擬向該公司投資 50 億美元。", ["amazon→openai:equity_investment"]),
    // A list whose members carry descriptions.
    (
      "Nvidia poured hundreds of millions into robotics startup Wayve and Dutch cloud provider Nebius.",
      ["nvidia→nebius:equity_investment", "nvidia→wayve:equity_investment"]
    ),
    // Verb phrases sharing one subject, each with its own object.
    (
      "Nvidia committed $50 billion to OpenAI, pledged $3 billion to Intel and poured $1 billion into Nscale.",
      ["nvidia→intel:equity_investment", "nvidia→nscale:equity_investment", "nvidia→openai:equity_investment"]
    ),
    // A gapped second subject with its own amount, the investee named after both.
    (
      "Google will invest up to $4 billion and Amazon up to $2 billion, both backing Anthropic's new funding round.",
      ["amazon→anthropic:equity_investment", "google→anthropic:equity_investment"]
    ),
    // 分別 with coordinated subjects: 與 joins them, it names no counterparty.
    (
      "微軟與輝達分別斥資30億美元、10億美元入股Anthropic。",
      ["microsoft→anthropic:equity_investment", "nvidia→anthropic:equity_investment"]
    ),
    // Investors listed after a copula, the round named in the sentence before.
    (
      "Mistral AI has raised $1 billion in a new funding round. Investors who joined the round are General Catalyst, Index Ventures and Nvidia, the company said.",
      [
        "general-catalyst→mistral:equity_investment", "index-ventures→mistral:equity_investment",
        "nvidia→mistral:equity_investment",
      ]
    ),
    // An apposition names investors of the round.
    (
      "xAI has raised $10 billion. Nvidia and Cisco, strategic investors in the round, will help it build data centers.",
      ["cisco→xai:equity_investment", "nvidia→xai:equity_investment"]
    ),
    // 領投為X, 跟投的有A、B: the round's investors, read forwards.
    (
      "月之暗面宣布完成3億美元融資，領投為紅杉中國的1億美元，跟投的有阿里、騰訊等老股東。",
      [
        "alibaba→moonshot:equity_investment", "hongshan→moonshot:equity_investment",
        "tencent→moonshot:equity_investment",
      ]
    ),
    // 參與者包括A與B.
    ("智譜完成一輪戰略融資，參與者包括上城資本與珠海華發集團。", ["huafa→zhipu:equity_investment", "shangcheng-capital→zhipu:equity_investment"]),
    // A lead investor named after "led by", a syndicate's lenders after "banks led by".
    ("Cohere raised $500 million in a round led by Nvidia.", ["nvidia→cohere:equity_investment"]),
    (
      "Crusoe secured $5 billion in loans from a group of banks led by JPMorgan and Mizuho.",
      ["jpmorgan→crusoe:loan", "mizuho→crusoe:loan"]
    ),
    // A list after 包括 that a preposition before it governs.
    (
      "OpenAI近期與多家供應商，包括輝達、超微及博通，簽約採購晶片。",
      ["openai→amd:chip_purchase", "openai→broadcom:chip_purchase", "openai→nvidia:chip_purchase"]
    ),
    // Customers listed after a copula; the vendor the sentence is about.
    ("ASML是光刻機的主要供應商，客戶包括台積電與三星。", ["samsung→asml:other", "tsmc→asml:other"]),
    // 由X代工: the agent makes the chips, the companies named before buy them.
    ("輝達與超微的晶片都由台積電代工。", ["amd→tsmc:chip_purchase", "nvidia→tsmc:chip_purchase"]),
  ])
func realNewsStructure(_ row: (String, [String])) {
  #expect(sortedPairs(row.0) == row.1.sorted(), "\(row.0)")
}

@Test(
  "Direction",
  arguments: [
    ("Amazon is in talks to invest $5 billion in Anthropic.", "amazon→anthropic:equity_investment"),
    ("Meta will use Google's TPUs under a new cloud deal.", "meta→google-cloud:cloud_contract"),
    // Deploying one's own chips for a customer is selling them.
    ("谷歌將為Meta部署自研的TPU晶片。", "meta→google-cloud:cloud_contract"),
    // "X的競爭對手Y" without 的 too: X only describes Y.
    ("亞馬遜此前已向OpenAI競爭對手Anthropic投資80億美元。", "amazon→anthropic:equity_investment"),
    // Talks "with" a partner do not say who invests; the AI lab raises.
    ("OpenAI正與亞馬遜就一項投資協議進行談判，金額超過50億美元。", "amazon→openai:equity_investment"),
    // "with X -ing": X is the subject.
    ("AMD is a supplier, with HUMAIN intending to spend up to $5 billion on AMD chips.", "humain→amd:chip_purchase"),
    // An appositive between the subject and its verb.
    (
      "HUMAIN, a subsidiary of Saudi Arabia's Public Investment Fund, intends to buy thousands of Nvidia GPUs.",
      "humain→nvidia:chip_purchase"
    ),
    // A warrant with a share of the company before 股票.
    ("OpenAI可獲得認股權證，最多可購買超微10%股票。", "amd→openai:warrant"),
    // Obtaining a company's shares is investing in it.
    ("美國政府正考慮取得英特爾10%股權。", "us-government→intel:equity_investment"),
    // Debt issued to a buyer: the buyer lends.
    ("Blue Owl will raise part of the money through bonds issued to Pimco.", "pimco→blue-owl:loan"),
    // An organisation no catalog knows, named with a corporate word.
    ("Zephyr Growth Partners invested $1 billion in Mistral AI.", "zephyr-growth-partners→mistral:equity_investment"),
  ])
func realNewsDirection(_ row: (String, String)) {
  #expect(pairs(row.0) == [row.1], "\(row.0)")
}

@Test(
  "Statuses as real news states them",
  arguments: [
    ("知情人士透露，騰訊將向月之暗面投資5億美元。", DealStatus.talks),
    ("People familiar with the matter said Microsoft is set to invest $2 billion in Mistral AI.", .talks),
    ("英偉達將向xAI投資20億美元，雙方已簽署意向書。", .planned),
    ("Nvidia will invest $2 billion in xAI once a definitive agreement is signed.", .planned),
    ("xAI has raised $10 billion from Fidelity.", .closed),
    ("月之暗面完成5億美元融資，由騰訊領投。", .closed),
    ("Mistral AI獲得輝達資助。", .closed),
    // A negated disclosure says nothing about the deal's status.
    ("輝達從未公布對Meta的銷售數字，但Meta是輝達最大的客戶之一。", .announced),
    // A potential value is no negotiation.
    ("OpenAI宣布向超微採購晶片，潛在交易額高達900億美元。", .announced),
  ])
func realNewsStatuses(_ row: (String, DealStatus)) {
  #expect(candidates(row.0).map(\.status) == [row.1], "\(row.0)")
}

@Test(
  "No deal in these sentences",
  arguments: [
    // A contest for contracts.
    "這讓亞馬遜、輝達與谷歌在爭奪大型算力合約的競爭中正面交鋒。",
    // A company description.
    "該公司核心業務包括提供英偉達GPU和雲服務。",
    // A sale of shares to the market.
    "SoftBank sold its entire stake in Nvidia to fund the deal.",
    // An unnamed vehicle buys, not the company named before.
    "xAI設立了一家特殊目的實體，SPV將用於購買輝達處理器。",
    // Using chips is no purchase unless a deal is said.
    "Oracle and OpenAI use Nvidia chips at the campus.",
    // A negated relation word.
    "谷歌並未向Anthropic提供更多資金。",
    // Circular financing is a notion, not a round.
    "輝達向CoreWeave投資成為循環融資的又一個案例。",
  ])
func realNewsNoDeal(_ text: String) {
  let found = pairs(text).filter { !$0.hasPrefix("nvidia→coreweave") }
  #expect(found.isEmpty, "\(text): \(found)")
}

@Test func anUnknownSubjectIsNotReplacedByTheLastCompany() {
  let found = pairs("Microsoft announced the partnership on Monday. Blackwater bought $2 billion of chips.")
  #expect(!found.contains { $0.hasPrefix("microsoft→") }, "\(found)")
}

@Test func amountsOfRealNews() throws {
  // Spaced figures.
  let spaced = try #require(candidates("OpenAI 將向超微採購晶片，交易總值高達 300 億美元。").first)
  #expect(spaced.amount.value == 3e10)
  // ○ as zero; the bracketed conversion does not replace the amount.
  let zero = try #require(candidates("軟銀宣布斥資三十億美元（約新台幣九○○億元）入股英特爾。").first)
  #expect(zero.amount.value == 3e9 && zero.amount.currency == "USD")
  // Gapped subjects keep their own amounts.
  let gapped = candidates(
    "Google will invest up to $4 billion and Amazon up to $2 billion, both backing Anthropic's new funding round.")
  #expect(
    Dictionary(uniqueKeysWithValues: gapped.map { ($0.payer.id.rawValue, $0.amount.value) }) == [
      "google": 4e9, "amazon": 2e9,
    ])
  // A round's total is no investor's amount; the lead's own amount is.
  let round = candidates("月之暗面宣布完成3億美元融資，領投為紅杉中國的1億美元，跟投的有阿里、騰訊等老股東。")
  #expect(round.first { $0.payer.id == "hongshan" }?.amount.value == 1e8)
  #expect(round.filter { $0.payer.id != "hongshan" }.allSatisfy { $0.amount.qualifier == .unstated })
  // A total that its parts add up to is not a deal of its own.
  let parts = candidates(
    "Google has invested more than $3 billion in Anthropic, including $2 billion in 2023 and $1 billion this year.")
  #expect(parts.map(\.amount.value).sorted { ($0 ?? 0) < ($1 ?? 0) } == [1e9, 2e9])
  // An amount in euros converted at the rate the article states.
  let euros = try #require(candidates("ASML invested 1 billion euros in Mistral AI.\n($1 = 0.8 euros)").first)
  #expect(euros.amount.currency == "EUR")
  #expect(abs((euros.conversion?.rate ?? 0) - 1.25) < 1e-9 && euros.conversion?.amount.currency == "USD")
  // Number words.
  let words = AmountParser.parse("Ten billion dollars is a lot.")
  #expect(words.first?.amount.value == 1e10)
}

@Test func oneDealOneCandidateTwoContractsTwo() {
  // The same investment restated: one candidate with both passages.
  let same = candidates(
    "Microsoft agreed to invest $5 billion in Anthropic. Microsoft's investment in Anthropic was confirmed on Tuesday.")
  #expect(same.count == 1)
  #expect(same.first?.alsoIn.count == 1)
  // Two contracts of one pair with different amounts stay two.
  let two = candidates("甲骨文今年與OpenAI簽署兩份雲端合約，總值150億美元。其中首份合約價值100億美元；6月OpenAI再追加50億美元。")
  #expect(two.map(\.amount.value).compactMap { $0 }.sorted() == [5e9, 1e10])
}

@Test func quotesAndSpansOfThePatterns() {
  let text = """
    Amazon 正與 OpenAI 洽談，擬向該公司投資 50 億美元。
    Nvidia committed $50 billion to OpenAI, pledged $3 billion to Intel and poured $1 billion into Nscale.
    月之暗面宣布完成3億美元融資，領投為紅杉中國的1億美元，跟投的有阿里、騰訊等老股東。
    """
  let extraction = DealExtractor(ledger: nil).extract(text, date: PartialDate("2025-12-17"))
  let article = ArticleText(extraction.text)
  #expect(extraction.candidates.count >= 7)
  for candidate in extraction.candidates {
    #expect(article.slice(candidate.span) == candidate.quote)
    for evidence in candidate.alsoIn { #expect(article.slice(evidence.span) == evidence.quote) }
    if let span = candidate.payer.span { #expect(article.slice(span) == candidate.payer.asWritten) }
  }
}

@Test func clausesKeepSpacedLatinWords() {
  let text = ArticleText("Amazon 近日也在與 OpenAI 商談 計劃投資")
  let clauses = Segmentation.clauses(of: 0..<text.count, in: text)
  // Only the space between two Chinese characters separates (a headline segment).
  #expect(clauses.count == 2)
  #expect(text.slice(clauses[0]) == "Amazon 近日也在與 OpenAI 商談")
}

@Test func errorClassesAndReliability() {
  let truth = [
    TruthDeal(
      file: "a", from: "Amazon", to: "OpenAI", kind: "equity_investment", amountUSD: 1e10, amountQualifier: "exact",
      status: "talks"),
    TruthDeal(
      file: "a", from: "Microsoft", to: "Anthropic", kind: "equity_investment", amountQualifier: "unstated",
      status: "announced"),
    TruthDeal(
      file: "a", from: "Oracle", to: "NVIDIA", kind: "chip_purchase", amountQualifier: "unstated", status: "announced"),
  ]
  let extractor = DealExtractor(ledger: nil)
  let extraction = extractor.extract("亞馬遜正與OpenAI洽談投資50億美元。Anthropic向微軟投資10億美元。蘋果向特斯拉投資1億美元。", file: "a")
  let result = Evaluator.evaluate(truth: truth, extractions: [extraction], catalog: extractor.catalog)
  let classes = result.errorClasses["all"]
  #expect(classes?.truth == 3 && classes?.candidates == 3 && classes?.matched == 1)
  #expect(classes?.wrongAmount == 1 && classes?.wrongStatus == 0)
  #expect(classes?.wrongDirection == 1 && classes?.missed == 1 && classes?.spurious == 1)
  #expect(result.errorClasses["zh-Hant"] == classes)
  #expect(result.reliability.map(\.candidates).reduce(0, +) == 3)
  #expect(result.reliability.map(\.right).reduce(0, +) == 1)
  let text = EvaluationText.render(result, truthFile: "t.json", directory: "d")
  #expect(text.contains("wrong direction") && text.contains("reliability"))
}
