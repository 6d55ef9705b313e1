import Foundation
import Testing

@testable import LoopLedger

@Suite("Ledger file")
struct LedgerFileTests {
  private func issues(_ json: String, file: String = "test.json") -> [LedgerIssue] {
    do {
      _ = try LedgerFile.decode(Data(json.utf8), file: file)
      return []
    } catch let LedgerError.invalid(_, issues) {
      return issues
    } catch {
      Issue.record("unexpected error \(error)")
      return []
    }
  }

  /// A minimal valid ledger with `deals` spliced in.
  private func ledger(deals: String, extra: String = "") -> String {
    """
    {"format": "loopledger-ledger", "version": 1, "id": "t", "title": "t", \(extra)
     "documents": [{"id": "d", "title": "d"}],
     "companies": [{"id": "a", "names": {"en": "A"}}, {"id": "b", "names": {"en": "B"}}],
     "deals": [\(deals)]}
    """
  }

  private let source = #""sources": [{"document": "d", "quote": "q"}]"#

  @Test func everyProblemIsReportedAtOnceWithFileEntryAndField() throws {
    let text = try fixture("bad-ledger.json")
    let found = issues(text, file: "bad-ledger.json")
    func has(_ entry: String, _ field: String, _ words: String) -> Bool {
      found.contains {
        $0.file == "bad-ledger.json" && $0.entry.contains(entry) && $0.field == field
          && $0.problem.contains(words)
      }
    }
    #expect(has("(unknown-company)", "payee", "unknown company 'zeta'"))
    #expect(has("(negative)", "amount.value", "must be an amount from 0 to 10^16; found -5"))
    #expect(has("(low-above-high)", "amount.low", "greater than high"))
    #expect(has("(no-rate)", "amount.currency", "no exchange rate for 'JPY'"))
    #expect(has("deals[4] (negative)", "id", "duplicate deal id 'negative'"))
    #expect(has("(self-deal)", "payee", "same company as the payer"))
    #expect(has("(bad-date)", "announced", "\"2025-13\" is not a date"))
    #expect(has("(dangling)", "supersededBy", "no-such-deal"))
    #expect(has("(typo)", "payeee", "unknown key; did you mean 'payee'?"))
    #expect(has("(typo)", "payee", "missing"))
    #expect(has("(bad-enums)", "kind", "\"gift\" is not one of"))
    #expect(has("(bad-enums)", "status", "\"rumoured\" is not one of"))
    #expect(has("(bad-enums)", "amount.qualifier", "\"roughly\" is not one of"))
    #expect(has("companies[2] (alpha)", "id", "duplicate company id"))
    #expect(has("(gamma)", "parent", "unknown company 'nowhere'"))
    #expect(found.count >= 15)
    // The message lists them all, one per line.
    let message = "\(LedgerError.invalid(file: "bad-ledger.json", issues: found))"
    #expect(message.hasPrefix("bad-ledger.json: \(found.count) problems:"))
    #expect(message.split(separator: "\n").count == found.count + 1)
  }

  @Test func syntaxErrorsSayWhere() {
    let found = issues("{\"format\": \"loopledger-ledger\",\n \"version\": 1,\n \"id\": }")
    #expect(found.count == 1)
    #expect(found.first?.problem.hasPrefix("not valid JSON") == true)
    #expect(found.first?.line == 3 && found.first?.column == 8)
    #expect(found.first?.description.hasPrefix("test.json:3:8: not valid JSON: expected a value") == true)
  }

  @Test func wrongFormatAndVersionAreNamed() {
    let found = issues(#"{"format": "other", "version": 2, "companies": [], "deals": []}"#)
    #expect(found.contains { $0.field == "format" })
    #expect(found.contains { $0.field == "version" && $0.problem.contains("not supported") })
  }

  @Test func aRateMakesTheCurrencyValidAndConvertsIt() throws {
    let json = ledger(
      deals: #"""
        {"id": "x", "payer": "a", "payee": "b", "kind": "loan", "status": "closed",
         "amount": {"qualifier": "about", "value": 77.8e9, "currency": "HKD"}, \#(source)}
        """#,
      extra: #""fxRates": [{"currency": "HKD", "perUSD": 7.78, "source": {"document": "d", "quote": "q"}}],"#)
    let parsed = try LedgerFile.decode(Data(json.utf8), file: "t")
    let usd = try #require(parsed.deal("x").flatMap { parsed.usdInterval(of: $0.amount) })
    #expect(abs((usd.estimate ?? 0) - 10e9) < 1)
  }

  @Test func qualifierShapesAreChecked() {
    let deal = { (amount: String) in
      #"{"id": "x", "payer": "a", "payee": "b", "kind": "loan", "status": "closed", "amount": \#(amount), \#(self.source)}"#
    }
    #expect(issues(ledger(deals: deal(#"{"qualifier": "range", "value": 5, "currency": "USD"}"#))).count >= 2)
    #expect(issues(ledger(deals: deal(#"{"qualifier": "unstated", "value": 5}"#))).count == 1)
    #expect(
      issues(ledger(deals: deal(#"{"qualifier": "exact", "value": 5}"#))).contains { $0.field == "amount.currency" })
    #expect(
      issues(ledger(deals: deal(#"{"qualifier": "at_least", "value": 5, "currency": "usd"}"#))).contains {
        $0.field == "amount.currency"
      })
    #expect(issues(ledger(deals: deal(#"{"qualifier": "up_to", "value": 5, "currency": "USD"}"#))).isEmpty)
  }

  /// Found by Scripts/fuzz-json.sh: a range with low above high and an estimate trapped.
  @Test func aRangeWithLowAboveHighAndAnEstimateIsReportedNotTrapped() {
    let deal =
      #"{"id": "x", "payer": "a", "payee": "b", "kind": "loan", "status": "closed", "amount": {"qualifier": "range", "low": 9, "high": 1, "estimate": 5, "currency": "USD"}, "sources": [{"document": "d", "quote": "q"}]}"#
    let found = issues(ledger(deals: deal))
    #expect(found.map(\.field) == ["amount.low"])
    #expect(found.first?.problem == "low (9) is greater than high (1)")
  }

  @Test func dealsNeedASource() {
    let found = issues(
      ledger(
        deals:
          #"{"id": "x", "payer": "a", "payee": "b", "kind": "loan", "status": "closed", "amount": {"qualifier": "unstated"}}"#
      ))
    #expect(found.contains { $0.field == "sources" && $0.problem.contains("missing") })
  }

  @Test func supersedesRetiresTheNamedDeal() throws {
    let json = ledger(
      deals: #"""
        {"id": "old", "payer": "a", "payee": "b", "kind": "loan", "status": "announced",
         "amount": {"qualifier": "unstated"}, \#(source)},
        {"id": "new", "payer": "a", "payee": "b", "kind": "loan", "status": "announced",
         "amount": {"qualifier": "exact", "value": 5, "currency": "USD"}, "supersedes": ["old"], \#(source)}
        """#)
    let parsed = try LedgerFile.decode(Data(json.utf8), file: "t")
    #expect(parsed.deal("old")?.status == .superseded)
    #expect(parsed.deal("old")?.supersededBy == "new")
    let graph = LedgerGraph(ledger: parsed)
    #expect(graph.edgeDeals == [["new"]])
    let dangling = ledger(
      deals:
        #"{"id": "n", "payer": "a", "payee": "b", "kind": "loan", "status": "announced", "amount": {"qualifier": "unstated"}, "supersedes": ["ghost"], \#(source)}"#
    )
    #expect(issues(dangling).contains { $0.field == "supersedes[0]" })
  }

  @Test func extendsLoadsTheBaseAndRejectsClashingIDs() throws {
    let json = #"""
      {"format": "loopledger-ledger", "version": 1, "id": "ext", "title": "ext", "extends": "seed",
       "documents": [{"id": "d", "title": "d"}],
       "companies": [{"id": "newco", "names": {"en": "NewCo"}}],
       "deals": [{"id": "newco-openai", "payer": "newco", "payee": "openai", "kind": "equity_investment",
                  "status": "announced", "amount": {"qualifier": "exact", "value": 1e9, "currency": "USD"},
                  "sources": [{"document": "d", "quote": "q"}]}]}
      """#
    let seed = try BundledLedger.load("seed")
    let extended = try LedgerFile.decode(Data(json.utf8), file: "ext.json")
    #expect(extended.deals.count == seed.deals.count + 1)
    #expect(extended.company("openai") != nil)
    let clash = json.replacingOccurrences(of: #""id": "newco", "names""#, with: #""id": "openai", "names""#)
    #expect(issues(clash).contains { $0.problem.contains("already a company id in the ledger this one extends") })
  }

  @Test func encodingRoundTrips() throws {
    for name in BundledLedger.names {
      let original = try BundledLedger.load(name)
      let data = try LedgerFile.encode(original)
      let decoded = try LedgerFile.decode(data, file: "roundtrip")
      #expect(decoded == original)
    }
  }
}

@Suite("Amounts and intervals")
struct AmountTests {
  @Test func qualifiersBecomeIntervals() {
    // 至少100億美元: [10B, ∞) with estimate 10B
    let atLeast = Amount(qualifier: .atLeast, value: 1e10, currency: "USD").statedInterval
    #expect(atLeast == Interval(low: 1e10, high: nil, estimate: 1e10))
    // 高達1000億美元: [0, 100B] with estimate 100B
    let upTo = Amount(qualifier: .upTo, value: 1e11, currency: "USD").statedInterval
    #expect(upTo == Interval(low: 0, high: 1e11, estimate: 1e11))
    // 數百億美元: [10B, 100B], no estimate
    let tens = Amount(qualifier: .range, low: 1e10, high: 1e11, currency: "USD").statedInterval
    #expect(tens.low == 1e10 && tens.high == 1e11 && tens.estimate == nil && tens.missingEstimates == 1)
    // Unstated: unknown, never zero.
    let unstated = Amount.unstated.statedInterval
    #expect(unstated.isUnknown && unstated.low != 0 && unstated.estimate != 0)
  }

  @Test func anAssumptionReplacesTheUnknownAndIsLabelled() {
    var amount = Amount.unstated
    amount.assumed = Assumption(low: 1e9, high: 3e9, estimate: 2e9, reason: "analyst guess")
    let interval = amount.statedInterval
    #expect(interval == Interval(low: 1e9, high: 3e9, estimate: 2e9, isAssumed: true))
  }

  @Test func sumsKeepWhatCanBeProven() {
    let ten = Interval.exact(10)
    let unknown = Interval.unknown
    let sum = ten + unknown
    #expect(sum.low == 10 && sum.high == nil && sum.estimate == 10 && sum.missingEstimates == 1)
    #expect((Interval.zero + unknown).isUnknown)
    #expect(Interval.exact(2) + Interval.exact(3) == .exact(5))
    let upTo = Interval(low: 0, high: 5, estimate: 5)
    #expect(upTo + ten == Interval(low: 10, high: 15, estimate: 15))
  }

  @Test func minimumIsTheBottleneck() {
    let a = Interval(low: 10, high: nil, estimate: 10)
    let b = Interval(low: 0, high: 100, estimate: 100)
    #expect(Interval.minimum(a, b) == Interval(low: 0, high: 100, estimate: 10))
    let withUnknown = Interval.minimum(a, .unknown)
    #expect(withUnknown.low == nil && withUnknown.high == nil && withUnknown.estimate == nil)
    #expect(Interval.minimum(b, .unknown).high == 100)
  }

  @Test func ratiosBoundOnlyWhatIsKnown() {
    let ratio = Interval.ratio(Interval(low: 10, high: 20, estimate: 15), Interval(low: 40, high: 50, estimate: 45))
    #expect(ratio.low == 0.2 && ratio.high == 0.5 && ratio.estimate == 15.0 / 45.0)
    #expect(Interval.ratio(.exact(10), Interval(low: 38, high: nil, estimate: 38)).low == nil)
  }

  @Test(
    "Dates parse and reject",
    arguments: [
      ("2025", true), ("2025-09", true), ("2025-09-22", true), ("2024-02-29", true),
      ("2025-02-29", false), ("2025-13", false), ("2025-9", false), ("25-09", false), ("", false),
      ("２０２５", false), ("2025-09-22T00", false),
    ])
  func dates(text: String, valid: Bool) {
    #expect((PartialDate(text) != nil) == valid)
  }

  @Test func dateOrderAndOverlap() throws {
    let year = try #require(PartialDate("2025"))
    let september = try #require(PartialDate("2025-09"))
    let day = try #require(PartialDate("2025-09-22"))
    #expect(year < september && september < day)
    #expect(year.overlaps(from: day, to: day))
    #expect(!september.overlaps(from: PartialDate("2025-10"), to: nil))
    #expect(september.overlaps(from: nil, to: PartialDate("2025-09-01")))
  }

  @Test func moneyTextParsesSuffixes() {
    #expect(MoneyText.parse("20B") == 20e9)
    #expect(MoneyText.parse("$1.4T") == 1.4e12)
    #expect(MoneyText.parse("350M") == 350e6)
    #expect(MoneyText.parse("2e10") == 2e10)
    #expect(MoneyText.parse("-5") == nil)
    #expect(MoneyText.parse("ten") == nil)
  }
}
