import LoopLedger
import Testing

@testable import LoopLedgerNews

/// One row of the amount table: text, then what the first amount found must be.
struct AmountCase: CustomTestStringConvertible, Sendable {
  var text: String
  var qualifier: AmountQualifier
  var value: Double? = nil
  var low: Double? = nil
  var high: Double? = nil
  var currency: String = "USD"
  var asWritten: String? = nil
  var testDescription: String { text }
}

private func close(_ a: Double?, _ b: Double?) -> Bool {
  switch (a, b) {
  case (nil, nil): true
  case (let x?, let y?): abs(x - y) <= 1e-9 * Swift.max(1, abs(y))
  default: false
  }
}

@Test(
  "Amount forms: Chinese, English, qualifiers, currencies",
  arguments: [
    AmountCase(text: "投資100億美元", qualifier: .exact, value: 1e10, asWritten: "100億美元"),
    AmountCase(text: "至少100億美元的股權投資", qualifier: .atLeast, value: 1e10, asWritten: "至少100億美元"),
    AmountCase(text: "總額高達100億美元", qualifier: .upTo, value: 1e10, asWritten: "總額高達100億美元"),
    // 總值高達 is read as written, "a total as high as": a ceiling (issue 15; the seed ledger says so too).
    AmountCase(text: "總值高達380億美元的計劃", qualifier: .upTo, value: 3.8e10, asWritten: "總值高達380億美元"),
    AmountCase(text: "可能高達1000億美元的投資", qualifier: .upTo, value: 1e11, asWritten: "可能高達1000億美元"),
    AmountCase(text: "投資約80億美元", qualifier: .about, value: 8e9, asWritten: "約80億美元"),
    AmountCase(text: "大約80億美元", qualifier: .about, value: 8e9),
    AmountCase(text: "累計投資超過130億美元", qualifier: .moreThan, value: 1.3e10, asWritten: "超過130億美元"),
    AmountCase(text: "逾百億美元", qualifier: .moreThan, value: 1e10),
    AmountCase(text: "最多50億美元", qualifier: .upTo, value: 5e9),
    AmountCase(text: "近300億美元", qualifier: .about, value: 3e10),
    AmountCase(text: "超過1.4萬億美元的算力合約", qualifier: .moreThan, value: 1.4e12),
    AmountCase(text: "1.4兆美元", qualifier: .exact, value: 1.4e12),
    AmountCase(text: "五百億美元", qualifier: .exact, value: 5e10),
    AmountCase(text: "一千四百億美元", qualifier: .exact, value: 1.4e11),
    AmountCase(text: "兩千萬美元", qualifier: .exact, value: 2e7),
    AmountCase(text: "３８０億美元", qualifier: .exact, value: 3.8e10),
    AmountCase(text: "１００億元人民幣", qualifier: .exact, value: 1e10, currency: "CNY"),
    AmountCase(text: "5000億美元大關", qualifier: .exact, value: 5e11),
    AmountCase(text: "3千億美元", qualifier: .exact, value: 3e11),
    AmountCase(text: "價值數百億美元的雲協議", qualifier: .range, low: 1e10, high: 1e11, asWritten: "價值數百億美元"),
    AmountCase(text: "數十億美元", qualifier: .range, low: 1e9, high: 1e10),
    AmountCase(text: "每年高達數千億美元", qualifier: .upTo, value: 1e12),
    AmountCase(text: "数千亿美元", qualifier: .range, low: 1e11, high: 1e12),
    AmountCase(text: "上千億美元", qualifier: .atLeast, value: 1e11),
    AmountCase(text: "130多億美元", qualifier: .moreThan, value: 1.3e10),
    AmountCase(text: "100億美元以上", qualifier: .moreThan, value: 1e10),
    AmountCase(text: "50億美元左右", qualifier: .about, value: 5e9),
    AmountCase(text: "10億至20億美元", qualifier: .range, low: 1e9, high: 2e9),
    AmountCase(text: "10-20億美元", qualifier: .range, low: 1e9, high: 2e9),
    AmountCase(text: "778億港元", qualifier: .exact, value: 7.78e10, currency: "HKD"),
    AmountCase(text: "HK$77.8 billion", qualifier: .exact, value: 7.78e10, currency: "HKD"),
    AmountCase(text: "人民幣約7100億元", qualifier: .about, value: 7.1e11, currency: "CNY"),
    AmountCase(text: "RMB 10 billion", qualifier: .exact, value: 1e10, currency: "CNY"),
    AmountCase(text: "新台幣1,000億元", qualifier: .exact, value: 1e11, currency: "TWD"),
    AmountCase(text: "NT$300 billion", qualifier: .exact, value: 3e11, currency: "TWD"),
    AmountCase(text: "50億歐元", qualifier: .exact, value: 5e9, currency: "EUR"),
    AmountCase(text: "€5 billion", qualifier: .exact, value: 5e9, currency: "EUR"),
    AmountCase(text: "5 billion euros", qualifier: .exact, value: 5e9, currency: "EUR"),
    AmountCase(text: "$10 billion", qualifier: .exact, value: 1e10, asWritten: "$10 billion"),
    AmountCase(text: "$1.4 trillion", qualifier: .exact, value: 1.4e12),
    AmountCase(text: "a $1.5tn plan", qualifier: .exact, value: 1.5e12),
    AmountCase(text: "raised 10bn last year", qualifier: .exact, value: 1e10),
    AmountCase(text: "USD 38B", qualifier: .exact, value: 3.8e10),
    AmountCase(text: "$350M of stock", qualifier: .exact, value: 3.5e8),
    AmountCase(text: "US$38 billion", qualifier: .exact, value: 3.8e10),
    AmountCase(text: "38 billion dollars", qualifier: .exact, value: 3.8e10),
    AmountCase(text: "about $8 billion", qualifier: .about, value: 8e9, asWritten: "about $8 billion"),
    AmountCase(text: "more than $13 billion", qualifier: .moreThan, value: 1.3e10),
    AmountCase(text: "over $13bn", qualifier: .moreThan, value: 1.3e10),
    AmountCase(text: "at least $10 billion", qualifier: .atLeast, value: 1e10),
    AmountCase(text: "up to $100 billion", qualifier: .upTo, value: 1e11, asWritten: "up to $100 billion"),
    AmountCase(text: "nearly $300 billion", qualifier: .about, value: 3e11),
    AmountCase(text: "as much as $5 billion", qualifier: .upTo, value: 5e9),
    AmountCase(text: "$10 billion to $20 billion", qualifier: .range, low: 1e10, high: 2e10),
    AmountCase(text: "$10-20 billion", qualifier: .range, low: 1e10, high: 2e10),
    AmountCase(text: "tens of billions of dollars", qualifier: .range, low: 1e10, high: 1e11),
    AmountCase(text: "hundreds of billions of dollars", qualifier: .range, low: 1e11, high: 1e12),
    AmountCase(text: "a multibillion-dollar deal", qualifier: .range, low: 1e9, high: 1e10),
    AmountCase(text: "$10 billion-plus", qualifier: .moreThan, value: 1e10),
  ])
func amountForms(_ row: AmountCase) throws {
  let found = AmountParser.parse(row.text)
  let first = try #require(found.first, "no amount in \(row.text)")
  #expect(first.amount.qualifier == row.qualifier)
  #expect(close(first.amount.value, row.value), "value \(String(describing: first.amount.value))")
  #expect(close(first.amount.low, row.low))
  #expect(close(first.amount.high, row.high))
  #expect(first.amount.currency == row.currency)
  if let asWritten = row.asWritten { #expect(first.amount.asWritten == asWritten) }
}

@Test func conversionInBrackets() throws {
  let found = AmountParser.parse("總額高達100億美元(約合778億港元)的戰略投資")
  #expect(found.count == 1)
  let amount = try #require(found.first)
  #expect(amount.amount.currency == "USD")
  #expect(amount.amount.value == 1e10)
  let conversion = try #require(amount.conversion)
  #expect(conversion.amount.currency == "HKD")
  #expect(conversion.amount.qualifier == .about)
  #expect(close(conversion.rate, 7.78))
}

@Test func fullWidthBracketConversion() throws {
  let found = AmountParser.parse("投資50億美元（折合人民幣約360億元）")
  let conversion = try #require(found.first?.conversion)
  #expect(conversion.amount.currency == "CNY")
  #expect(close(conversion.amount.value, 3.6e10))
}

@Test(
  "Figures that are not money",
  arguments: [
    "數十萬顆當前最先進的GPU", "1250名企業高管", "15%的受訪企業", "多達100萬個TPU", "2023年起",
    "H100 GPUs", "10 billion parameters", "160 million shares", "第一代Inferentia芯片", "一家公司",
    "in 2025", "10 GW of systems",
  ])
func notMoney(_ text: String) {
  #expect(AmountParser.parse(text).isEmpty, "\(AmountParser.parse(text).map(\.amount))")
}

@Test func severalAmountsInOneSentence() {
  let found = AmountParser.parse("OpenAI已籌集超過450億美元，年收入將達到200億美元，估值超過5000億美元。")
  #expect(found.map(\.amount.value) == [4.5e10, 2e10, 5e11])
  #expect(found.map(\.amount.qualifier) == [.moreThan, .exact, .moreThan])
}

@Test func spansPointAtTheWords() throws {
  let text = "據悉，亞馬遜將投資至少100億美元。"
  let article = ArticleText(text)
  let found = AmountParser.parse(article, in: 0..<article.count)
  let first = try #require(found.first)
  #expect(article.slice(first.range) == "至少100億美元")
}
