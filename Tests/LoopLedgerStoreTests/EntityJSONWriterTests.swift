import Foundation
import LoopLedger
import Testing

@testable import LoopLedgerStore

/// The history's hand-written entity JSON is byte for byte what `JSONEncoder` with
/// `[.sortedKeys, .withoutEscapingSlashes]` writes: on every bundled ledger, a generated one, and
/// hostile strings and numbers.
struct EntityJSONWriterTests {
  static func viaEncoder<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  static func expectSame<T: EntityJSONWritable & Sendable>(
    _ values: [T], sourceLocation: SourceLocation = #_sourceLocation
  )
    throws
  {
    let expected = try values.map(viaEncoder)
    #expect(try values.map { try EntityJSON.encode($0) } == expected, sourceLocation: sourceLocation)
    #expect(try EntityJSON.encodeAll(values) == expected, sourceLocation: sourceLocation)
  }

  /// Strings JSON escapes or that a writer might get wrong.
  static let hostileStrings: [String] = {
    var strings = [
      "", "\"", "\\", "/", "//", "\\/", "a\"b\\c/d", "</script>", "\u{7F}", "\u{80}", "\u{2028}\u{2029}",
      "東京 €1,5 bn", "👩‍👩‍👧‍👦 family", "e\u{301}", "\u{FEFF}bom", "\u{10FFFF}", "tab\tnew\nline\rcr",
      "\u{0}nul", String(repeating: "long \"quoted\" text ", count: 200),
    ]
    for scalar in 0..<0x20 { strings.append("x\(Character(Unicode.Scalar(UInt8(scalar))))y") }
    strings.append((0..<0x20).map { String(Character(Unicode.Scalar(UInt8($0)))) }.joined())
    return strings
  }()

  /// Numbers at the edges of `Double`'s text forms.
  static let hostileNumbers: [Double] = {
    var numbers: [Double] = [
      0, -0.0, 0.1, 0.2, 0.3, -0.1, 1, -1, 12, 1.5, 1e15, 1e15 - 1, 1e15 + 1, 999_999_999_999_999, 1e16, 1e17,
      -1e16, 1e21, 1e22, 1e-5, 1e-6, 1e-7, 1e-300, 5e-324, Double.leastNormalMagnitude,
      Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 9_007_199_254_740_992,
      9_007_199_254_740_993, 4_503_599_627_370_496.5, 123_456.789, 0.000123, 1_000.5, 2.5e9, 3.4e12,
      100_000_000_000_000, 1e14 + 0.5, 0.5, 1.0 / 3.0, 2.0 / 3.0,
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    for _ in 0..<2_000 {
      let bits = Double(bitPattern: next())
      if bits.isFinite { numbers.append(bits) }
      numbers.append(Double(next() % 10_000_000_000_000_000) / 100)
      numbers.append(Double(Int64(bitPattern: next()) >> Int64(next() % 60)))
      numbers.append(Double(next() % 1_000_000) * pow(10, Double(Int(next() % 40) - 20)))
    }
    return numbers
  }()

  @Test func everyBundledLedgerIsWrittenAsJSONEncoderWritesIt() throws {
    for name in BundledLedger.names {
      let ledger = try BundledLedger.load(name)
      try Self.expectSame(ledger.documents)
      try Self.expectSame(ledger.fxRates)
      try Self.expectSame(ledger.companies)
      try Self.expectSame(ledger.deals)
      try Self.expectSame(ledger.facts)
      try Self.expectSame([LedgerHeader(id: ledger.id, title: ledger.title, asOf: ledger.asOf)])
    }
    let generated = BulkImportTests.generated(deals: 25_000, companies: 1_000)
    try Self.expectSame(generated.deals)
    try Self.expectSame(generated.companies)
  }

  @Test func hostileStringsAreEscapedAsJSONEncoderEscapesThem() throws {
    let strings = Self.hostileStrings
    let source = { (text: String) in Source(document: text, quote: text, language: .english) }
    let documents = strings.map {
      Document(
        id: $0, title: $0, publisher: $0, published: PartialDate("2025-02"), language: .traditionalChinese, url: $0,
        note: $0)
    }
    try Self.expectSame(documents)
    try Self.expectSame(
      strings.map {
        Company(
          id: CompanyID($0), names: LocalizedNames(english: $0, traditionalChinese: $0, simplifiedChinese: $0),
          aliases: [$0, $0], parent: CompanyID($0), role: $0)
      })
    try Self.expectSame(
      strings.map { FXRate(currency: $0, perUSD: 7.8, asOf: PartialDate("2025"), source: source($0)) })
    try Self.expectSame(
      strings.map {
        Deal(
          id: DealID($0), payer: CompanyID($0), payee: CompanyID($0), kind: .cloudContract,
          amount: Amount(
            qualifier: .unstated, currency: $0, unit: $0, asWritten: $0,
            assumed: Assumption(low: 1, high: 2, estimate: 1.5, reason: $0),
            derived: Derivation(of: DealID($0), low: 0.25, high: 1, estimate: 0.5, reason: $0)),
          announced: PartialDate("2025-09-22"), termYears: 5, status: .superseded, supersededBy: DealID($0),
          supersedes: [DealID($0), DealID("x")], sources: [source($0), source($0)], note: $0,
          statusHistory: [
            StatusChange(status: .planned),
            StatusChange(status: .closed, date: PartialDate("2025"), source: source($0), note: $0),
          ])
      })
    try Self.expectSame(
      strings.map {
        Fact(
          id: $0, company: CompanyID($0), metric: .revenue,
          value: Amount(qualifier: .about, value: 1, unit: $0, asWritten: $0), asOf: PartialDate("2024-12"), label: $0,
          sources: [source($0)], note: $0)
      })
  }

  @Test func numbersAreWrittenAsJSONEncoderWritesThem() throws {
    let numbers = Self.hostileNumbers
    var deals: [Deal] = []
    // Neighbours of the largest finite numbers are infinite; JSONEncoder refuses those (tested below).
    func finite(_ value: Double) -> Double { value.isFinite ? value : 1 }
    for (index, number) in numbers.enumerated() {
      deals.append(
        Deal(
          id: DealID("d\(index)"), payer: "a", payee: "b", kind: .loan,
          amount: Amount(
            qualifier: .range, value: number, low: number, high: -number, estimate: finite(number.nextUp),
            currency: "USD", assumed: Assumption(low: number, high: nil, estimate: finite(number.nextDown), reason: "r")
          ),
          termYears: number, status: .closed, sources: []))
    }
    try Self.expectSame(deals)
    try Self.expectSame(numbers.map { FXRate(currency: "HKD", perUSD: $0, source: Source(document: "d", quote: "q")) })
  }

  @Test func aNonFiniteNumberFailsAsWithJSONEncoder() throws {
    for number in [Double.nan, .infinity, -.infinity] {
      let rate = FXRate(currency: "HKD", perUSD: number, source: Source(document: "d", quote: "q"))
      #expect(throws: (any Error).self) { try Self.viaEncoder(rate) }
      #expect(throws: (any Error).self) { try EntityJSON.encode(rate) }
      #expect(throws: (any Error).self) { try EntityJSON.encodeAll([rate]) }
    }
  }
}
