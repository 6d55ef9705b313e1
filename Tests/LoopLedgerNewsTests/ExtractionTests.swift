import Foundation
import LoopLedger
import Testing

@testable import LoopLedgerNews

@Suite struct SeedArticleTests {
  let seed = try! BundledLedger.load("seed")

  func extraction() throws -> ArticleExtraction {
    DealExtractor(ledger: seed).extract(
      try fixture("articles/seed.txt"), file: "seed.txt", date: PartialDate("2025-12-17"))
  }

  @Test func everyDealOfTheBundledLedgerIsRecovered() throws {
    let found = try extraction().candidates
    let catalog = CompanyCatalog(ledger: seed)
    for deal in seed.deals {
      let match = found.first {
        catalog.group(of: $0.payer.id) == seed.group(of: deal.payer)
          && catalog.group(of: $0.payee.id) == seed.group(of: deal.payee)
          && $0.kind == deal.kind && $0.duplicateOf == deal.id
      }
      let candidate = try #require(match, "\(deal.id) not recovered")
      #expect(candidate.payer.id == deal.payer, "\(deal.id) payer")
      #expect(candidate.payee.id == deal.payee, "\(deal.id) payee")
      if let derivation = deal.amount.derived {
        // A derived amount ("most of the funds"): the extractor bounds it by the deal it spends,
        // keeps the share's words, and says what it read; the share is the reviewer's to set.
        let base = try #require(seed.deal(derivation.of))
        #expect(candidate.amount.qualifier == .upTo, "\(deal.id) qualifier")
        #expect(candidate.amount.value == (base.amount.high ?? base.amount.value), "\(deal.id) bound")
        #expect(candidate.amount.asWritten == deal.amount.asWritten, "\(deal.id) words")
        #expect(candidate.notes.contains { $0.contains("bounded by the investment") }, "\(deal.id) note")
      } else {
        #expect(candidate.amount.qualifier == deal.amount.qualifier, "\(deal.id) qualifier")
        #expect(candidate.amount.value == deal.amount.value, "\(deal.id) value")
        #expect(
          candidate.amount.low == deal.amount.low && candidate.amount.high == deal.amount.high, "\(deal.id) bounds")
      }
      // The ledger marks one deal superseded; the article states it as signed.
      #expect(
        candidate.status == deal.status || (deal.status == .superseded && candidate.status == .announced),
        "\(deal.id) status")
      if let announced = deal.announced, let date = candidate.announced {
        #expect(date.overlaps(from: announced, to: announced), "\(deal.id) date \(date) vs \(announced)")
      }
      if let term = deal.termYears { #expect(candidate.termYears == term) }
      #expect(!candidate.quote.isEmpty)
    }
    #expect(found.count == seed.deals.count)
  }

  @Test func quotesAndSpansAreTheArticlesWords() throws {
    let extraction = try extraction()
    let text = ArticleText(extraction.text)
    for candidate in extraction.candidates {
      #expect(text.slice(candidate.span) == candidate.quote)
      if let span = candidate.payer.span { #expect(text.slice(span) == candidate.payer.asWritten) }
      #expect(extraction.text.contains(candidate.quote))
    }
  }

  @Test func statedRateFromTheConversion() throws {
    let rates = try extraction().statedRates
    #expect(rates.map(\.currency) == ["HKD"])
    #expect(abs((rates.first?.perUSD ?? 0) - 7.78) < 1e-9)
  }

  @Test func languageAndDate() throws {
    let extraction = try extraction()
    #expect(extraction.language == .traditionalChinese)
    #expect(extraction.articleDateSource == "option")
  }
}

@Suite struct EvaluationTests {
  func evaluate(_ truthName: String) throws -> EvaluationResult {
    let truth = try Evaluator.truth(from: try fixtureData("truth/\(truthName)"))
    let extractor = DealExtractor(ledger: try BundledLedger.load("seed"))
    var extractions: [ArticleExtraction] = []
    for file in Set(truth.map(\.file)).sorted() {
      let date = truth.first { $0.file == file }?.articleDate.flatMap { PartialDate($0) }
      extractions.append(extractor.extract(try fixture("articles/\(file)"), file: file, date: date))
    }
    return Evaluator.evaluate(truth: truth, extractions: extractions, catalog: extractor.catalog)
  }

  @Test func seedScoresFull() throws {
    let result = try evaluate("seed-truth.json")
    #expect(result.deals.truth == 18)
    #expect(result.deals.matched == 18)
    #expect(result.deals.precision == 1)
    #expect(result.deals.recall == 1)
    #expect(result.dealsExactUnits.f1 == 1)
    #expect(result.amountCorrect == 18)
    #expect(result.statusCorrect == 18)
  }

  /// The six extra articles (two per script): the figures docs/news-extraction.md reports.
  @Test func extraArticles() throws {
    let result = try evaluate("extra-truth.json")
    #expect(result.deals.truth == 35)
    #expect(result.deals.f1 >= 0.9, "\(result.missed) \(result.falsePositives)")
    #expect(result.deals.precision >= 0.9)
    #expect(result.amountAccuracy >= 0.9, "\(result.mismatches)")
    #expect(result.statusAccuracy >= 0.9, "\(result.mismatches)")
    for (file, counts) in result.perFile { #expect(counts.recall >= 0.7, "\(file)") }
  }

  @Test func metricsOnAHandMadeCase() {
    let truth = [
      TruthDeal(
        file: "a", from: "Amazon", to: "OpenAI", kind: "equity_investment", amountUSD: 1e10,
        amountQualifier: "at_least", status: "talks"),
      TruthDeal(
        file: "a", from: "OpenAI", to: "Oracle", kind: "cloud_contract", amountQualifier: "unstated",
        status: "announced"),
    ]
    let extractor = DealExtractor(ledger: nil)
    let extraction = extractor.extract("亞馬遜正洽談對OpenAI進行至少100億美元的投資。微軟宣布向Anthropic投資50億美元。", file: "a")
    let result = Evaluator.evaluate(truth: truth, extractions: [extraction], catalog: extractor.catalog)
    #expect(result.deals.found == 2)
    #expect(result.deals.matched == 1)
    #expect(result.deals.precision == 0.5)
    #expect(result.deals.recall == 0.5)
    #expect(result.deals.f1 == 0.5)
    #expect(result.amountCorrect == 1)
    #expect(result.statusCorrect == 1)
    #expect(result.missed.count == 1 && result.falsePositives.count == 1)
  }
}

@Suite struct InputTests {
  @Test func htmlIsStripped() {
    let html = """
      <html><head><title>x</title><script>var a = "<p>亞馬遜向OpenAI投資</p>";</script>
      <meta property="article:published_time" content="2025-11-04T08:00:00Z"></head>
      <body><h1>Deal</h1><p>Amazon will invest $4 billion in Anthropic&#44; the company said.</p>
      <p>OpenAI &amp; Microsoft</p></body></html>
      """
    let extraction = DealExtractor(ledger: nil).extract(html, file: "a.html")
    #expect(extraction.wasHTML)
    #expect(!extraction.text.contains("<"))
    #expect(!extraction.text.contains("亞馬遜"))
    #expect(extraction.text.contains("OpenAI & Microsoft"))
    #expect(extraction.articleDate == PartialDate("2025-11-04"))
    #expect(extraction.candidates.map { "\($0.payer.id)→\($0.payee.id)" } == ["amazon→anthropic"])
  }

  @Test(
    "Language detection",
    arguments: [
      ("Amazon is in talks to invest at least $10 billion in OpenAI, people familiar said.", ArticleLanguage.english),
      ("亞馬遜正與OpenAI進行深入磋商，計劃推動一項總額高達100億美元的戰略投資與合作。", .traditionalChinese),
      ("亚马逊正与OpenAI进行深入磋商，计划推动一项总额高达100亿美元的战略投资与合作。", .simplifiedChinese),
      ("亞馬遜正與OpenAI進行深入磋商。Amazon is in talks to invest at least ten billion dollars in the company.", .mixed),
    ])
  func language(_ row: (String, ArticleLanguage)) {
    #expect(LanguageDetector.detect(ArticleText(row.0)) == row.1)
  }

  @Test func sentencesAndClauses() {
    let text = ArticleText("Amazon Inc. said on Monday it will invest $1.4 billion. 亞馬遜宣布投資！OpenAI表示，將採購芯片。\nNew line")
    let segmentation = Segmentation(text)
    #expect(
      segmentation.sentences.map { text.slice($0.range) } == [
        "Amazon Inc. said on Monday it will invest $1.4 billion.", "亞馬遜宣布投資！", "OpenAI表示，將採購芯片。", "New line",
      ])
    #expect(segmentation.paragraphs.count == 2)
  }

  @Test func neverCrashesOnOddInput() {
    let extractor = DealExtractor(ledger: nil)
    var rng = PathRandom(seed: 2025, path: 0)
    let pieces = [
      "億", "美元", "$", "1", ",", "。", "(", "（", "約合", "向", "投資", "OpenAI", "亞馬遜", "<p", ">", "&#", "&#x", ";", "\u{0}",
      "\u{FEFF}", "🇭🇰", "é", "\n", "數", "十", "上", "多", "至", "-", "bn", "billion", " ", "雙方", "該公司", "which",
      "respectively",
    ]
    for _ in 0..<300 {
      let text = (0..<Int.random(in: 0..<60, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
      _ = extractor.extract(text)
      _ = AmountParser.parse(text)
    }
    _ = extractor.extract("")
    _ = extractor.extract(String(repeating: "1", count: 5000) + "億美元")
    _ = extractor.extract(String(repeating: "亞馬遜向OpenAI投資", count: 400))
  }
}
