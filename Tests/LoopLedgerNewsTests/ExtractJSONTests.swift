import Foundation
import LoopLedger
import Testing

@testable import LoopLedgerNews

@Suite("Extract JSON")
struct ExtractJSONTests {
  let seed = try! BundledLedger.load("seed")

  func extractions() throws -> [ArticleExtraction] { try fixtureExtractions(ledger: seed) }

  @Test func jsonRoundTrips() throws {
    let report = ExtractReport(extractions: try extractions(), ledger: seed, ledgerName: "seed")
    let data = try report.encoded()
    let decoded = try ExtractReport.decode(data)
    #expect(decoded == report)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["format"] as? String == "loopledger-extract")
    let first = try #require((object["articles"] as? [[String: Any]])?.first?["candidates"] as? [[String: Any]])
    let keys = Set(first[0].keys)
    for key in [
      "payer", "payee", "kind", "amount", "announced", "status", "term_years", "quote", "span", "confidence",
      "duplicate_of",
    ] {
      #expect(keys.contains(key), "missing \(key)")
    }
    let amount = try #require(first[0]["amount"] as? [String: Any])
    for key in ["low_usd", "high_usd", "estimate_usd", "qualifier", "currency", "as_written"] {
      #expect(amount.keys.contains(key), "missing amount.\(key)")
    }
  }

  @Test func usdFiguresOfIntervals() throws {
    let report = ExtractReport(extractions: try extractions(), ledger: seed, ledgerName: "seed")
    let seedArticle = try #require(report.articles.first)
    let atLeast = try #require(seedArticle.candidates.first { $0.amount.qualifier == "at_least" })
    #expect(atLeast.amount.lowUSD == 1e10 && atLeast.amount.highUSD == nil && atLeast.amount.estimateUSD == 1e10)
    let range = try #require(seedArticle.candidates.first { $0.amount.qualifier == "range" })
    #expect(range.amount.lowUSD == 1e10 && range.amount.highUSD == 1e11 && range.amount.estimateUSD == nil)
    let upTo = try #require(seedArticle.candidates.first { $0.amount.qualifier == "up_to" })
    #expect(upTo.amount.lowUSD == 0)
    let duplicates = seedArticle.candidates.compactMap(\.duplicateOf)
    #expect(duplicates.count == 18)
    #expect(seedArticle.candidates.allSatisfy { ($0.mergedSources?.count ?? 0) >= 1 })
  }

  // MARK: Hand-made extractions: every rule of docs/extract-json.md

  private let text = "Amazon will invest $10 billion in OpenAI. 亞馬遜向OpenAI投資100億美元(約合778億港元)。"

  /// A candidate naming Amazon → OpenAI over the first sentence of ``text``.
  private func candidate(
    _ amount: Amount, currencyAssumed: Bool = false, conversion: ParsedAmount.Conversion? = nil,
    confidence: Double = 0.9
  ) -> Candidate {
    Candidate(
      payer: NamedCompany(id: "amazon", name: "Amazon", asWritten: "Amazon", span: 0..<6, via: "named"),
      payee: NamedCompany(id: "openai", name: "OpenAI", asWritten: "該公司", span: nil, via: "pronoun"),
      kind: .equityInvestment, amount: amount, conversion: conversion, currencyAssumed: currencyAssumed,
      announced: nil, status: .talks, termYears: nil, quote: "Amazon will invest $10 billion in OpenAI.",
      span: 0..<41, confidence: confidence, basis: ["kind": "invest"], alsoIn: [], duplicateOf: nil,
      mergedSources: nil, notes: [])
  }

  private func article(_ candidates: [Candidate], rates: [StatedRate] = []) -> ArticleExtraction {
    ArticleExtraction(
      file: "a.txt", language: .mixed, articleDate: nil, articleDateSource: nil, wasHTML: false, text: text,
      candidates: candidates, statedRates: rates)
  }

  private let hkdInTheArticle = StatedRate(currency: "HKD", perUSD: 7.78, quote: "100億美元(約合778億港元)", span: 54..<70)

  private func ledger(rates: [String: Double]) -> Ledger {
    Ledger(
      id: "r", title: "rates", documents: [Document(id: "d", title: "d")],
      fxRates: rates.sorted { $0.key < $1.key }.map {
        FXRate(currency: $0.key, perUSD: $0.value, source: Source(document: "d", quote: "rate"))
      },
      companies: [], deals: [])
  }

  private func close(_ a: Double?, _ b: Double?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= 1e-12 * max(1, abs(b))
  }

  private func amountJSON(_ candidate: Candidate, rates: [StatedRate] = [], ledger: Ledger? = nil) throws
    -> ExtractReport.AmountJSON
  {
    let report = ExtractReport(extractions: [article([candidate], rates: rates)], ledger: ledger, ledgerName: "x")
    return try #require(report.articles.first?.candidates.first?.amount)
  }

  @Test func everyDocumentedKeyIsPresentAndNoOther() throws {
    let conversion = ParsedAmount.Conversion(
      range: 0..<1, amount: Amount(qualifier: .about, value: 7.78e10, currency: "HKD", asWritten: "約合778億港元"),
      rate: 7.78)
    var full = candidate(Amount(qualifier: .atLeast, value: 1e10, currency: "USD"), conversion: conversion)
    full.alsoIn = [Evidence(quote: "亞馬遜向OpenAI投資100億美元", span: 42..<60)]
    let report = ExtractReport(
      extractions: [article([full, candidate(.unstated)], rates: [hkdInTheArticle])], ledger: nil, ledgerName: "seed")
    let object = try #require(try JSONSerialization.jsonObject(with: try report.encoded()) as? [String: Any])
    #expect(Set(object.keys) == ["format", "version", "ledger", "articles"])
    #expect(object["format"] as? String == "loopledger-extract" && object["version"] as? Int == 1)
    let article = try #require((object["articles"] as? [[String: Any]])?.first)
    #expect(
      Set(article.keys) == [
        "file", "language", "html", "characters", "article_date", "article_date_source", "stated_rates", "candidates",
      ])
    #expect(article["article_date"] is NSNull && article["article_date_source"] is NSNull)
    let rate = try #require((article["stated_rates"] as? [[String: Any]])?.first)
    #expect(Set(rate.keys) == ["currency", "per_usd", "quote", "span"])
    let candidates = try #require(article["candidates"] as? [[String: Any]])
    #expect(candidates.count == 2)
    let candidateKeys: Set<String> = [
      "id", "payer", "payee", "kind", "amount", "announced", "status", "term_years", "quote", "span", "confidence",
      "basis", "also_in", "duplicate_of", "merged_sources", "notes",
    ]
    let amountKeys: Set<String> = [
      "qualifier", "value", "low", "high", "currency", "as_written", "low_usd", "high_usd", "estimate_usd",
      "usd_basis", "currency_assumed", "conversion",
    ]
    for candidate in candidates {
      #expect(Set(candidate.keys) == candidateKeys)
      for side in ["payer", "payee"] {
        let company = try #require(candidate[side] as? [String: Any])
        #expect(Set(company.keys) == ["id", "name", "as_written", "span", "via"])
      }
      let amount = try #require(candidate["amount"] as? [String: Any])
      #expect(Set(amount.keys) == amountKeys)
      for key in ["announced", "term_years", "duplicate_of", "merged_sources"] {
        #expect(candidate[key] is NSNull, "\(key)")
      }
    }
    #expect((candidates[0]["payee"] as? [String: Any])?["span"] is NSNull)
    let converted = try #require((candidates[0]["amount"] as? [String: Any])?["conversion"] as? [String: Any])
    #expect(Set(converted.keys) == ["qualifier", "value", "currency", "as_written", "rate"])
    let evidence = try #require((candidates[0]["also_in"] as? [[String: Any]])?.first)
    #expect(Set(evidence.keys) == ["quote", "span"])
    let unstated = try #require(candidates[1]["amount"] as? [String: Any])
    for key in amountKeys.subtracting(["qualifier", "currency_assumed"]) { #expect(unstated[key] is NSNull, "\(key)") }
  }

  @Test func theLedgerKeyIsPresentEvenWithoutALedger() throws {
    let report = ExtractReport(extractions: [article([])], ledger: nil, ledgerName: nil)
    let object = try #require(try JSONSerialization.jsonObject(with: try report.encoded()) as? [String: Any])
    #expect(object["ledger"] is NSNull)
  }

  @Test func dollarsFollowTheDocumentedRules() throws {
    // Stated in USD: [v, v] ≈ v; at least: [v, null] ≈ v; up to: [0, v] ≈ v; range: no estimate.
    let exact = try amountJSON(candidate(.usd(1e10)))
    #expect(exact.lowUSD == 1e10 && exact.highUSD == 1e10 && exact.estimateUSD == 1e10)
    #expect(exact.usdBasis == "stated in USD" && !exact.currencyAssumed)
    let atLeast = try amountJSON(candidate(.usd(1e10, .atLeast)))
    #expect(atLeast.lowUSD == 1e10 && atLeast.highUSD == nil && atLeast.estimateUSD == 1e10)
    let upTo = try amountJSON(candidate(.usd(5e9, .upTo)))
    #expect(upTo.lowUSD == 0 && upTo.highUSD == 5e9 && upTo.estimateUSD == 5e9)
    let range = try amountJSON(candidate(Amount(qualifier: .range, low: 1e10, high: 1e11, currency: "USD")))
    #expect(range.lowUSD == 1e10 && range.highUSD == 1e11 && range.estimateUSD == nil)
    #expect(range.value == nil && range.low == 1e10 && range.high == 1e11)
    // No currency written, USD assumed.
    let assumed = try amountJSON(candidate(.usd(1e10), currencyAssumed: true))
    #expect(assumed.usdBasis == "assumed USD (no currency written)" && assumed.currencyAssumed)

    // HKD: the article's own rate first, then the ledger's, else no dollars at all.
    let hkd = Amount(qualifier: .about, value: 7.78e10, currency: "HKD", asWritten: "約778億港元")
    let byArticle = try amountJSON(
      candidate(hkd), rates: [hkdInTheArticle], ledger: ledger(rates: ["HKD": 7.8]))
    #expect(close(byArticle.lowUSD, 1e10) && close(byArticle.highUSD, 1e10) && close(byArticle.estimateUSD, 1e10))
    #expect(byArticle.usdBasis == "rate stated in the article (HKD 7.78 per USD)")
    #expect(byArticle.value == 7.78e10 && byArticle.currency == "HKD" && byArticle.asWritten == "約778億港元")
    let byLedger = try amountJSON(candidate(hkd), ledger: ledger(rates: ["HKD": 7.8]))
    #expect(close(byLedger.estimateUSD, 7.78e10 / 7.8))
    #expect(byLedger.usdBasis == "ledger rate (HKD 7.8 per USD)")
    let euroRange = try amountJSON(
      candidate(Amount(qualifier: .range, low: 1e9, high: 4e9, currency: "EUR")), ledger: ledger(rates: ["EUR": 0.8]))
    #expect(close(euroRange.lowUSD, 1.25e9) && close(euroRange.highUSD, 5e9) && euroRange.estimateUSD == nil)
    let noRate = try amountJSON(candidate(hkd), ledger: ledger(rates: ["EUR": 0.8]))
    #expect(noRate.lowUSD == nil && noRate.highUSD == nil && noRate.estimateUSD == nil && noRate.usdBasis == nil)
    let noLedger = try amountJSON(candidate(hkd))
    #expect(noLedger.estimateUSD == nil && noLedger.usdBasis == nil)
    // Unstated: every figure null, even with rates about.
    let unstated = try amountJSON(candidate(.unstated), rates: [hkdInTheArticle], ledger: ledger(rates: ["HKD": 7.8]))
    #expect(unstated.qualifier == "unstated" && unstated.value == nil && unstated.currency == nil)
    #expect(
      unstated.lowUSD == nil && unstated.highUSD == nil && unstated.estimateUSD == nil && unstated.usdBasis == nil)
  }

  @Test func conversionsIdsConfidenceAndSpans() throws {
    let conversion = ParsedAmount.Conversion(
      range: 0..<1, amount: Amount(qualifier: .about, value: 7.78e10, currency: "HKD", asWritten: "約合778億港元"),
      rate: 7.78)
    let candidates = [
      candidate(.usd(1e10), conversion: conversion, confidence: 0.876),
      candidate(.usd(1e10), confidence: 0.874999),
      candidate(.usd(1e10), confidence: 1),
    ]
    let report = ExtractReport(
      extractions: [article(candidates, rates: [hkdInTheArticle])], ledger: nil, ledgerName: "x")
    let article = try #require(report.articles.first)
    #expect(article.candidates.map(\.id) == ["c1", "c2", "c3"])
    #expect(article.candidates.map(\.confidence) == [0.88, 0.87, 1])
    #expect(
      article.candidates[0].amount.conversion
        == ExtractReport.ConversionJSON(
          qualifier: "about", value: 7.78e10, currency: "HKD", asWritten: "約合778億港元", rate: 7.78))
    #expect(article.candidates[1].amount.conversion == nil)
    #expect(article.candidates[0].span == [0, 41] && article.candidates[0].payer.span == [0, 6])
    #expect(article.candidates[0].payee.span == nil && article.candidates[0].payee.via == "pronoun")
    #expect(
      article.statedRates == [
        ExtractReport.RateJSON(currency: "HKD", perUSD: 7.78, quote: "100億美元(約合778億港元)", span: [54, 70])
      ])
    #expect(article.characters == text.unicodeScalars.count && article.language == "mixed" && !article.html)
  }

  /// `text[start..<end]` in Unicode scalars, as every span counts.
  private func slice(_ text: String, _ span: [Int]) -> String? {
    let scalars = Array(text.unicodeScalars)
    guard span.count == 2, 0 <= span[0], span[0] <= span[1], span[1] <= scalars.count else { return nil }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[span[0]..<span[1]])
    return String(view)
  }

  @Test func everySpanOfTheFixtureArticlesPointsAtItsWords() throws {
    let extractions = try extractions()
    let report = ExtractReport(extractions: extractions, ledger: seed, ledgerName: "seed")
    let decoded = try ExtractReport.decode(try report.encoded())
    for (article, extraction) in zip(decoded.articles, extractions) {
      let text = extraction.text
      #expect(article.characters == text.unicodeScalars.count)
      #expect(!article.candidates.isEmpty)
      for candidate in article.candidates {
        #expect(slice(text, candidate.span) == candidate.quote, "\(article.file) \(candidate.id)")
        for evidence in candidate.alsoIn { #expect(slice(text, evidence.span) == evidence.quote) }
        for company in [candidate.payer, candidate.payee] {
          if let span = company.span {
            #expect(slice(text, span) == company.asWritten, "\(article.file) \(candidate.id) \(company.id)")
          }
        }
        #expect(candidate.confidence >= 0 && candidate.confidence <= 1)
        #expect(abs(candidate.confidence * 100 - (candidate.confidence * 100).rounded()) < 1e-9)
      }
      for rate in article.statedRates { #expect(slice(text, rate.span) == rate.quote) }
    }
  }
}
