import LoopLedger
import Testing

@testable import LoopLedgerNews

@Test func debugItems() throws {
  let texts = [
    "另一方面，雲端服務商CoreWeave今年先後與OpenAI簽訂三份合約，總值高達224億美元。其中3月份的首份合約為期5年，價值119億美元，CoreWeave並向OpenAI發行價值3.5億美元的股票；5月份OpenAI再追加40億美元，9月份又擴大65億美元。\n輝達亦已持有CoreWeave約6%至7%股份，並承諾在2032年前購買CoreWeave未售出的雲端算力，金額至少63億美元。",
    "The agreement follows Nvidia's announcement last month that it plans to invest up to $100 billion in OpenAI, which in turn will buy Nvidia systems.",
    "Separately, Nvidia agreed in September to invest $5 billion in Intel, and the chipmaker took a stake in CoreWeave earlier this year.",
  ]
  let extractor = DealExtractor(ledger: nil)
  for text in texts {
    let article = ArticleText(text)
    let tokens = extractor.lexicon.tokens(article)
    print(tokens.map { "\(article.slice($0.range))=\($0.tag)" }.joined(separator: " | "))
    let seg = Segmentation(article)
    for s in seg.sentences { print("S:", Segmentation.clauses(of: s.range, in: article.folded).map { article.slice($0) }) }
    for c in extractor.extract(text, date: PartialDate("2025-10-29")).candidates {
      print("C:", c.payer.name, c.payee.name, c.kind, c.amount.asWritten ?? "-", c.status, c.basis)
    }
  }
}
