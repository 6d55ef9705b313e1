import Foundation
import Testing

@testable import LoopLedger

@Suite("Funding schedule")
struct FundingScheduleTests {
  @Test(arguments: ScheduleShape.allCases)
  func spreadingSumsToTheTotal(shape: ScheduleShape) {
    for (start, term) in [(2025.875, 7.0), (2026.0, 5.0), (2025.5, 0.5), (2027.3, 12.0), (2020.0, 3.0)] {
      let s = ScheduleMath.spread(total: 38e9, start: start, termYears: term, shape: shape, years: 2026...2035)
      let sum = s.byYear.reduce(0) { $0 + $1.amount } + s.before + s.after
      #expect(abs(sum - 38e9) < 1e-3, "\(shape) \(start) \(term)")
      #expect(s.byYear.allSatisfy { $0.amount >= 0 })
    }
  }

  @Test func shapesLoadTheFrontOrTheBack() {
    let years = 2026...2030
    let even = ScheduleMath.shares(start: 2026, termYears: 5, shape: .even, years: years).byYear
    let front = ScheduleMath.shares(start: 2026, termYears: 5, shape: .front, years: years).byYear
    let back = ScheduleMath.shares(start: 2026, termYears: 5, shape: .back, years: years).byYear
    for share in even { #expect(abs(share - 0.2) < 1e-12) }
    // front: 2t − t² at t = 0.2 … 1 → 0.36, 0.28, 0.20, 0.12, 0.04; back mirrors it.
    for (share, expected) in zip(front, [0.36, 0.28, 0.20, 0.12, 0.04]) { #expect(abs(share - expected) < 1e-12) }
    for (share, expected) in zip(back, [0.04, 0.12, 0.20, 0.28, 0.36]) { #expect(abs(share - expected) < 1e-12) }
  }

  @Test func datesBecomeTheMiddleOfThePeriodTheyName() {
    #expect(ScheduleMath.fractionalYear(PartialDate(year: 2025)) == 2025.5)
    #expect(ScheduleMath.fractionalYear(PartialDate(year: 2025, month: 11)) == 2025 + 10.5 / 12)
    #expect(ScheduleMath.fractionalYear(PartialDate(year: 2026, month: 1, day: 1)) == 2026)
    #expect(ScheduleMath.fractionalYear(PartialDate(year: 2024, month: 12, day: 31)) == 2024 + 365.0 / 366)
  }
}
