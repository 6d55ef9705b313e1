import LoopLedger
import Testing

@testable import LoopLedgerNews

/// Direction: money flows from investor to investee and from buyer to seller.
@Test(
  "Relation direction and kind",
  arguments: [
    ("OpenAI將大規模採購亞馬遜自主研發的人工智能芯片。", "openai→amazon:chip_purchase"),
    ("亞馬遜考慮對OpenAI進行至少100億美元的股權投資。", "amazon→openai:equity_investment"),
    ("OpenAI有意向亞馬遜銷售其面向企業客戶的「ChatGPT Enterprise」版本。", "amazon→openai:software_sale"),
    ("微軟已向OpenAI累計投資超過130億美元。", "microsoft→openai:equity_investment"),
    ("OpenAI獲微軟投資100億美元。", "microsoft→openai:equity_investment"),
    ("甲骨文向輝達採購約40萬顆GB200晶片。", "oracle→nvidia:chip_purchase"),
    ("輝達向CoreWeave提供63億美元資金。", "nvidia→coreweave:equity_investment"),
    ("Anthropic承諾使用亞馬遜的AWS雲服務。", "anthropic→aws:cloud_contract"),
    ("谷歌表示将向Anthropic提供多达100万颗TPU芯片。", "anthropic→google-cloud:cloud_contract"),
    ("Amazon will invest $4 billion in Anthropic.", "amazon→anthropic:equity_investment"),
    ("Anthropic raised $13 billion from Microsoft.", "microsoft→anthropic:equity_investment"),
    ("OpenAI agreed to buy $10 billion of chips from Broadcom.", "openai→broadcom:chip_purchase"),
    ("AMD will supply chips to OpenAI.", "openai→amd:chip_purchase"),
    ("OpenAI signed a $300 billion cloud contract with Oracle.", "openai→oracle:cloud_contract"),
    ("Oracle signed a $300 billion cloud contract with OpenAI.", "openai→oracle:cloud_contract"),
    ("AMD issued OpenAI a warrant for up to 160 million AMD shares.", "amd→openai:warrant"),
    ("AMD向OpenAI發行認股權證。", "amd→openai:warrant"),
    // A cloud contract with a group goes to its cloud unit.
    ("OpenAI is one of Microsoft's largest cloud customers.", "openai→azure:cloud_contract"),
    ("OpenAI則是微軟Azure雲平台AI算力服務的最大客戶之一。", "openai→azure:cloud_contract"),
    ("OpenAI與甲骨文簽署了價值3000億美元的算力合約。", "openai→oracle:cloud_contract"),
    ("SoftBank lent $10 billion to OpenAI.", "softbank→openai:loan"),
  ])
func direction(_ row: (String, String)) {
  #expect(pairs(row.0) == [row.1])
}

@Test func aListOfCounterpartiesSharesATotal() {
  let found = candidates("OpenAI已先後宣布與甲骨文(Oracle)、英偉達等科技公司簽署了總價值超過1.4萬億美元的算力合約。")
  #expect(found.map { "\($0.payee.id):\($0.kind.rawValue)" } == ["oracle:cloud_contract", "nvidia:compute_purchase"])
  #expect(found.allSatisfy { $0.amount.qualifier == .unstated })
}

@Test func respectivelyPairsAmountsInOrder() {
  let found = candidates(
    "Microsoft and Nvidia will invest up to $5 billion and up to $10 billion, respectively, in Anthropic.")
  #expect(found.map(\.payer.id) == ["microsoft", "nvidia"])
  #expect(found.map(\.amount.value) == [5e9, 1e10])
}

@Test func theProceedsAreBoundedByTheInvestment() throws {
  let found = candidates("英偉達宣布計劃向OpenAI投資至多1000億美元，OpenAI則將利用這筆資金購買英偉達芯片。")
  let purchase = try #require(found.first { $0.kind == .chipPurchase })
  #expect(purchase.amount.qualifier == .upTo)
  #expect(purchase.amount.value == 1e11)
}

@Test func pronounsAndPairs() {
  #expect(
    pairs("微軟亦向Anthropic投資了高達50億美元,換取該公司對其Azure雲服務的採購承諾。") == [
      "microsoft→anthropic:equity_investment", "anthropic→azure:cloud_contract",
    ])
  #expect(pairs("谷歌─Anthropic: 雙方於今年10月宣布簽署價值數百億美元的雲協議。") == ["anthropic→google-cloud:cloud_contract"])
  #expect(
    pairs("Amazon, which has invested $8 billion in Anthropic, is its largest backer.") == [
      "amazon→anthropic:equity_investment"
    ])
}

@Test func noCompanyNoCandidate() {
  #expect(pairs("大型科技公司向頂尖AI初創公司投入巨額資金，這些AI公司則承諾將大規模採購投資方的核心產品。").isEmpty)
  #expect(pairs("OpenAI通過多輪股權融資已籌集超過450億美元。").isEmpty)
  #expect(pairs("The deal values OpenAI at $500 billion.").isEmpty)
}

@Test(
  "Status words",
  arguments: [
    ("亞馬遜正與OpenAI洽談投資100億美元。", DealStatus.talks),
    ("亞馬遜擬向OpenAI投資100億美元。", .talks),
    ("Amazon is in talks to invest $10 billion in OpenAI.", .talks),
    ("英偉達計劃向OpenAI投資1000億美元。", .planned),
    ("Nvidia plans to invest $100 billion in OpenAI.", .planned),
    ("微軟宣布向Anthropic投資50億美元。", .announced),
    ("Microsoft announced it will invest $5 billion in Anthropic.", .announced),
    ("OpenAI signed a $38 billion cloud contract with Amazon Web Services.", .announced),
    ("微軟已向OpenAI投資130億美元。", .closed),
    ("Microsoft completed its $13 billion investment in OpenAI.", .closed),
    ("亞馬遜取消了對OpenAI的100億美元投資。", .cancelled),
    ("微軟對OpenAI的投資談判已停滯。", .cancelled),
    ("Amazon scrapped its plan to invest $10 billion in OpenAI.", .cancelled),
  ])
func statuses(_ row: (String, DealStatus)) {
  #expect(candidates(row.0).map(\.status) == [row.1])
}

@Test(
  "Dates resolved against the article date (2025-12-17, a Wednesday)",
  arguments: [
    ("今年9月", "2025-09"), ("上個月", "2025-11"), ("本月初", "2025-12"), ("2023年起", "2023"),
    ("去年十月", "2024-10"), ("2024年10月", "2024-10"), ("16日", "2025-12-16"), ("上月", "2025-11"),
    ("on Monday", "2025-12-15"), ("last month", "2025-11"), ("in September", "2025-09"),
    ("September 22, 2025", "2025-09-22"), ("last year", "2024"), ("昨日", "2025-12-16"),
    ("週一", "2025-12-15"), ("2025年底", "2025-12"), ("yesterday", "2025-12-16"),
  ])
func dates(_ row: (String, String)) throws {
  let article = ArticleText("據報道，\(row.0)，")
  let found = DateScanner.dates(in: article, range: 0..<article.count)
  let first = try #require(found.first, "no date in \(row.0)")
  #expect(first.expression.resolve(articleDate: PartialDate("2025-12-17"))?.description == row.1)
  #expect(row.0.contains(article.slice(first.range)))
}

@Test(
  "Contract terms",
  arguments: [("為期七年", 7.0), ("为期5年", 5), ("a seven-year deal", 7), ("over five years", 5), ("10年期", 10)])
func terms(_ row: (String, Double)) {
  let article = ArticleText(row.0)
  #expect(DateScanner.terms(in: article, range: 0..<article.count).map(\.years) == [row.1])
}

@Test func datesAndTermsReachCandidates() throws {
  let found = candidates("就在上個月，OpenAI已宣布一項為期七年、總值高達380億美元的協議，將租用亞馬遜AWS雲平台的計算資源。")
  let deal = try #require(found.first)
  #expect(deal.announced == PartialDate("2025-11"))
  #expect(deal.termYears == 7)
  #expect(deal.amount.qualifier == .upTo)  // 總值高達: "a total as high as"
  #expect(deal.amount.value == 3.8e10)
}

@Test func roundsLedByAnInvestor() {
  #expect(pairs("OpenAI完成400億美元融資，由軟銀領投。") == ["softbank→openai:equity_investment"])
  #expect(pairs("OpenAI raised $40 billion in a round led by SoftBank.") == ["softbank→openai:equity_investment"])
  #expect(
    pairs("SoftBank Group said on Tuesday it has completed its $22.5 billion investment in OpenAI.") == [
      "softbank→openai:equity_investment"
    ])
}

@Test func negatedStatusWordsMeanTalks() {
  #expect(candidates("軟銀正與OpenAI商討追加投資，金額可能高達300億美元，但雙方尚未達成協議。").map(\.status) == [.talks])
  #expect(candidates("Amazon has not signed the $10 billion investment in OpenAI.").map(\.status) == [.talks])
}
