import LoopLedger
import Testing

@testable import LoopLedgerNews

@Suite struct CompanyMatchingTests {
  let extractor = DealExtractor(ledger: try? BundledLedger.load("seed"))

  func ids(_ text: String) -> [String] {
    let article = ArticleText(text)
    return extractor.lexicon.tokens(article).compactMap { token in
      if case .company(let index) = token.tag { return extractor.catalog.companies[index].id.rawValue }
      return nil
    }
  }

  @Test(
    "Names in English, Traditional and Simplified Chinese",
    arguments: [
      ("亞馬遜", "amazon"), ("亚马逊", "amazon"), ("Amazon", "amazon"), ("英偉達", "nvidia"),
      ("輝達", "nvidia"), ("英伟达", "nvidia"), ("NVIDIA", "nvidia"), ("Nvidia", "nvidia"),
      ("谷歌", "google"), ("Alphabet", "google"), ("甲骨文", "oracle"), ("超微", "amd"),
      ("超威半导体", "amd"), ("微軟", "microsoft"), ("微软", "microsoft"), ("AWS", "aws"),
      ("亞馬遜雲端服務", "aws"), ("亚马逊云科技", "aws"), ("微軟Azure", "azure"), ("Azure", "azure"),
      ("博通", "broadcom"), ("軟銀", "softbank"), ("软银", "softbank"), ("英特爾", "intel"),
      ("英特尔", "intel"), ("台積電", "tsmc"), ("台积电", "tsmc"), ("the ChatGPT maker", "openai"),
      ("ＯｐｅｎＡＩ", "openai"),
    ])
  func names(_ row: (String, String)) {
    #expect(ids("據報道，\(row.0)宣布。") == [row.1])
  }

  @Test func traditionalNamesMatchSimplifiedText() {
    // A ledger that only spells the Traditional name still matches Simplified text (folding).
    let ledger = Ledger(
      id: "t", title: "t",
      companies: [Company(id: "hon-hai", names: LocalizedNames(english: "Hon Hai", traditionalChinese: "鴻海精密"))],
      deals: [])
    let extractor = DealExtractor(ledger: ledger, builtInCompanies: false)
    let article = ArticleText("鸿海精密宣布投资")
    let found = extractor.lexicon.tokens(article).compactMap { token -> CompanyID? in
      if case .company(let index) = token.tag { return extractor.catalog.companies[index].id }
      return nil
    }
    #expect(found == ["hon-hai"])
  }

  @Test func longestNameWins() {
    #expect(ids("美超微和超微") == ["supermicro", "amd"])
    #expect(ids("Amazon Web Services and Amazon") == ["aws", "amazon"])
  }

  @Test func ordinaryWordsAreNotCompanies() {
    #expect(ids("an apple a day keeps the oracle away; meta-analysis") == [])
    #expect(ids("Apple and Oracle and Meta") == ["apple", "oracle", "meta"])
    #expect(ids("AMDX and XAMD") == [])
  }

  @Test func aUsersLedgerExtendsTheCatalog() {
    let ledger = Ledger(
      id: "mine", title: "mine",
      companies: [
        Company(id: "acme", names: LocalizedNames(english: "Acme AI", traditionalChinese: "阿克米"), aliases: ["ACME"])
      ], deals: [])
    let extractor = DealExtractor(ledger: ledger)
    let found = extractor.extract("微軟向阿克米投資了20億美元。", date: PartialDate("2025-01-01")).candidates
    #expect(found.map(\.payee.id) == ["acme"])
    #expect(found.map(\.payer.id) == ["microsoft"])
  }

  @Test func bracketedAliasAndUnitCollapse() {
    let found = candidates("OpenAI將採用亞馬遜旗下雲計算部門AWS的Trainium芯片，並向英偉達(NVIDIA)採購GPU。")
    #expect(found.map(\.payee.id).contains("aws"))
    #expect(found.map(\.payee.id).contains("nvidia"))
    #expect(found.first { $0.payee.id == "nvidia" }?.payee.asWritten == "英偉達(NVIDIA)")
  }
}
