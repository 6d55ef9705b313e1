import Testing

@testable import LoopLedger

/// `PartialDate(_:)` reads bytes now; it accepts and refuses exactly what the `String`-splitting
/// reader did.
struct PartialDateTests {
  /// The earlier reader, kept as the reference.
  static func reference(_ text: String) -> PartialDate? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count), parts[0].count == 4,
      parts.dropFirst().allSatisfy({ $0.count == 2 }),
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
    else { return nil }
    let numbers = parts.compactMap { Int($0) }
    guard numbers.count == parts.count else { return nil }
    let month = numbers.count > 1 ? numbers[1] : nil
    let day = numbers.count > 2 ? numbers[2] : nil
    if let month, !(1...12).contains(month) { return nil }
    if let month, let day {
      guard day >= 1, day <= PartialDate.daysIn(month: month, year: numbers[0]) else { return nil }
    }
    return PartialDate(year: numbers[0], month: month, day: day)
  }

  @Test func acceptsAndRefusesWhatTheStringReaderDid() {
    var texts = [
      "2025", "2025-09", "2025-09-22", "0000", "9999", "2024-02-29", "2025-02-29", "2025-02-30", "2025-00",
      "2025-13", "2025-12-31", "2025-12-32", "2025-04-31", "2025-01-00", "", "-", "--", "2025-", "2025--01",
      "2025-1", "2025-001", "202", "20250", "2025-09-2", "2025-09-222", "+025", " 2025", "2025 ", "2025\n",
      "２０２５", "٢٠٢٥", "2025–09", "2025-0a", "2o25", "2025-09-22-01", "2025/09/22", "20 5", "2025-\u{301}9",
      "2\u{301}025", "-2025", "2025-09-", "1900-02-29", "2000-02-29", "2100-02-29",
    ]
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    for year in [1999, 2000, 2024, 2025] {
      for month in 0...13 {
        texts.append("\(year)-\(two(month))")
        for day in [0, 1, 28, 29, 30, 31, 32] { texts.append("\(year)-\(two(month))-\(two(day))") }
      }
    }
    for text in texts {
      #expect(PartialDate(text) == Self.reference(text), "\(text.debugDescription)")
      if let date = PartialDate(text) { #expect(date.description == text) }
    }
  }
}
