import Foundation
import Testing

@testable import LoopLedger

/// Amounts a source states only as a share of another deal's (issue 15, item 2).
@Suite("Derived amounts")
struct DerivedAmountTests {
  private let source = #""sources": [{"document": "d", "quote": "q"}]"#

  /// A ledger of companies a, b, c with `deals` and `facts` spliced in.
  private func json(deals: String, facts: String = "") -> String {
    """
    {"format": "loopledger-ledger", "version": 1, "id": "t", "title": "t",
     "documents": [{"id": "d", "title": "d"}],
     "companies": [{"id": "a", "names": {"en": "A"}}, {"id": "b", "names": {"en": "B"}},
                   {"id": "c", "names": {"en": "C"}}],
     "deals": [\(deals)], "facts": [\(facts)]}
    """
  }

  private func deal(_ id: String, _ payer: String, _ payee: String, amount: String) -> String {
    """
    {"id": "\(id)", "payer": "\(payer)", "payee": "\(payee)", "kind": "chip_purchase", "status": "planned",
     "amount": \(amount), \(source)}
    """
  }

  private func derived(_ of: String, low: Double = 0.5, high: Double = 1, estimate: String = "0.75") -> String {
    #"{"qualifier": "unstated", "derived": {"of": "\#(of)", "low": \#(low), "high": \#(high), "estimate": \#(estimate), "reason": "most of it"}}"#
  }

  @Test func theShareTimesTheOtherAmountHandComputed() throws {
    // b invests "up to $100B" (interval [0, 100B], estimate 100B); a buys "most of" it back.
    let ledger = try LedgerFile.decode(
      Data(
        json(
          deals: [
            deal("inv", "b", "a", amount: #"{"qualifier": "up_to", "value": 100e9, "currency": "USD"}"#),
            deal("buy", "a", "b", amount: derived("inv")),
          ].joined(separator: ",")
        ).utf8), file: "t.json")
    let buyDeal = try #require(ledger.deal("buy"))
    let usd = try #require(ledger.usdInterval(of: buyDeal.amount))
    #expect(usd.low == 0 && usd.high == 100e9 && usd.estimate == 75e9)
    #expect(usd.isDerived && !usd.isAssumed && usd.missingEstimates == 0)
    // The stated amount it derives from is not marked.
    let investment = try #require(ledger.deal("inv"))
    #expect(ledger.usdInterval(of: investment.amount)?.isDerived == false)
  }

  @Test func aChainAFactAndAnHKDBase() throws {
    // c's purchase is half of a's, which is 50–100 % (no estimate) of a round given as a fact in HKD.
    let text = """
      {"format": "loopledger-ledger", "version": 1, "id": "t", "title": "t",
       "documents": [{"id": "d", "title": "d"}],
       "fxRates": [{"currency": "HKD", "perUSD": 8, "asOf": "2025", "source": {"document": "d", "quote": "q"}}],
       "companies": [{"id": "a", "names": {"en": "A"}}, {"id": "b", "names": {"en": "B"}},
                     {"id": "c", "names": {"en": "C"}}],
       "deals": [\(deal("buy", "a", "b", amount: derived("round", estimate: "null"))),
                 \(deal("resale", "c", "b", amount: derived("buy", low: 0.5, high: 0.5, estimate: "0.5")))],
       "facts": [{"id": "round", "company": "a", "metric": "capital_raised",
                  "value": {"qualifier": "exact", "value": 80e9, "currency": "HKD"}, \(source)}]}
      """
    let found = ledgerIssues(text)
    #expect(found.isEmpty, "\(found)")
    let ledger = try LedgerFile.decode(Data(text.utf8), file: "t.json")
    // HK$80B = $10B; 50–100 % of it: [$5B, $10B], no estimate (the share has none).
    let buyDeal = try #require(ledger.deal("buy"))
    let buy = try #require(ledger.usdInterval(of: buyDeal.amount))
    #expect(buy.low == 5e9 && buy.high == 10e9 && buy.estimate == nil && buy.missingEstimates == 1 && buy.isDerived)
    // Half of that: [$2.5B, $5B], still no estimate.
    let resaleDeal = try #require(ledger.deal("resale"))
    let resale = try #require(ledger.usdInterval(of: resaleDeal.amount))
    #expect(resale.low == 2.5e9 && resale.high == 5e9 && resale.estimate == nil && resale.isDerived)
  }

  @Test func anAssumptionReplacesTheDerivation() throws {
    let amount = #"""
      {"qualifier": "unstated", "assumed": {"estimate": 1e9, "reason": "mine"},
       "derived": {"of": "inv", "low": 0.5, "high": 1, "reason": "most"}}
      """#
    let ledger = try LedgerFile.decode(
      Data(
        json(
          deals: [
            deal("inv", "b", "a", amount: #"{"qualifier": "exact", "value": 100e9, "currency": "USD"}"#),
            deal("buy", "a", "b", amount: amount),
          ].joined(separator: ",")
        ).utf8), file: "t.json")
    let buyDeal = try #require(ledger.deal("buy"))
    let usd = try #require(ledger.usdInterval(of: buyDeal.amount))
    #expect(usd.estimate == 1e9 && usd.isAssumed && !usd.isDerived)
  }

  @Test func everyProblemAtOnceWithItsField() {
    let deals = [
      deal("inv", "b", "a", amount: #"{"qualifier": "exact", "value": 10, "currency": "USD"}"#),
      // A figure of its own and a derivation
      deal(
        "stated", "a", "b",
        amount:
          #"{"qualifier": "exact", "value": 5, "currency": "USD", "derived": {"of": "inv", "low": 0, "high": 1, "reason": "r"}}"#
      ),
      // Bounds the wrong way round, estimate outside, a share above 1, an empty reason
      deal(
        "bounds", "a", "b",
        amount: #"{"qualifier": "unstated", "derived": {"of": "inv", "low": 0.9, "high": 0.5, "reason": " "}}"#),
      deal(
        "outside", "a", "b",
        amount:
          #"{"qualifier": "unstated", "derived": {"of": "inv", "low": 0.2, "high": 0.5, "estimate": 0.7, "reason": "r"}}"#
      ),
      deal(
        "above-one", "a", "b",
        amount: #"{"qualifier": "unstated", "derived": {"of": "inv", "low": 0.2, "high": 1.5, "reason": "r"}}"#),
      // Missing parts
      deal("missing", "a", "b", amount: #"{"qualifier": "unstated", "derived": {"of": "inv"}}"#),
      // Nowhere, itself, a cycle, a fact that is no money
      deal("nowhere", "a", "b", amount: derived("ghost")),
      deal("itself", "a", "b", amount: derived("itself")),
      deal("ping", "a", "b", amount: derived("pong")),
      deal("pong", "b", "a", amount: derived("ping")),
      deal("gpus", "a", "b", amount: derived("chips-count")),
    ].joined(separator: ",")
    let facts = """
      {"id": "chips-count", "company": "a", "metric": "other", "value": {"qualifier": "exact", "value": 5, "unit": "chips"}, \(source)},
      {"id": "derived-fact", "company": "a", "metric": "other",
       "value": {"qualifier": "unstated", "derived": {"of": "inv", "low": 0, "high": 1, "reason": "r"}}, \(source)}
      """
    let found = ledgerIssues(json(deals: deals, facts: facts))
    func has(_ entry: String, _ field: String, _ words: String) -> Bool {
      found.contains { $0.entry.contains("(\(entry))") && $0.field == field && $0.problem.contains(words) }
    }
    #expect(has("stated", "amount.derived", "give \"qualifier\": \"unstated\""))
    #expect(has("bounds", "amount.derived.low", "greater than high"))
    #expect(has("bounds", "amount.derived.reason", "is empty"))
    #expect(has("outside", "amount.derived.estimate", "outside [0.2, 0.5]"))
    #expect(has("above-one", "amount.derived.high", "1.5"))
    #expect(has("missing", "amount.derived.low", "missing"))
    #expect(has("missing", "amount.derived.high", "missing"))
    #expect(has("missing", "amount.derived.reason", "missing"))
    #expect(has("nowhere", "amount.derived.of", "'ghost', which is no deal or fact"))
    #expect(has("itself", "amount.derived.of", "cannot be derived from itself"))
    #expect(has("ping", "amount.derived.of", "comes back"))
    #expect(has("gpus", "amount.derived.of", "whose value is no money"))
    #expect(has("derived-fact", "value.derived", "only a deal's amount"))
    #expect(found.allSatisfy { $0.line != nil }, "every problem has its line")
  }

  @Test func theShareInWords() {
    #expect(Derivation(of: "x", low: 0.5, high: 1, estimate: 0.75, reason: "").shareText == "50–100 % (estimate 75 %)")
    #expect(Derivation(of: "x", low: 1 / 3, high: 1 / 3, reason: "").shareText == "33.33 %")
    #expect(Derivation(of: "x", low: 0, high: 1, reason: "").shareText == "0–100 %")
  }

  @Test func theSeedPurchaseIsDerivedFromNVIDIAsInvestment() throws {
    let seed = try BundledLedger.load("seed")
    let gpus = try #require(seed.deal("openai-nvidia-gpus-2025-09"))
    let derivation = try #require(gpus.amount.derived)
    #expect(derivation.of == "nvidia-openai-equity-2025-09" && derivation.low == 0.5 && derivation.high == 1)
    #expect(gpus.amount.qualifier == .unstated && gpus.amount.asWritten == "大部分所得資金")
    // The article: "…可能高達1000億美元的投資。根據協議,OpenAI將把大部分所得資金用於向英偉達購買…"
    #expect(gpus.sources.contains { $0.quote.contains("大部分所得資金") })
    let usd = try #require(seed.usdInterval(of: gpus.amount))
    #expect(usd.low == 0 && usd.high == 100e9 && usd.estimate == 75e9 && usd.isDerived)
  }
}
