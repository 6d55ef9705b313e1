import Foundation
import Testing

@testable import LoopLedger

@Suite("Projection algorithms")
struct ProjectionAlgorithmsTests {
  // MARK: Quantile sketch

  /// Samples with negatives, zeros, values below 1, a huge range and heavy tails.
  private func samples(_ kind: Int, count: Int = 100_000) -> [Double] {
    var rng = PathRandom(seed: 2025, path: UInt64(kind))
    let normal = Distribution.normal(mean: -50e9, sd: 120e9)
    let lognormal = Distribution.lognormal(median: 20e9, sigma: 2)
    return (0..<count).map { i in
      let u = rng.uniform()
      switch kind {
      case 0: return normal.quantile(u)
      case 1: return lognormal.quantile(u)
      case 2: return i % 7 == 0 ? 0 : (i % 3 == 0 ? -1 : 1) * lognormal.quantile(u)
      case 3: return (u - 0.5) * 4  // within (−2, 2): the absolute-error region
      default: return Double(Int(u * 20) - 10) * 1e11  // many ties
      }
    }
  }

  @Test(arguments: 0..<5)
  func sketchQuantilesAreWithinTheDocumentedErrorOfExactQuantilesOn1e5Samples(kind: Int) throws {
    let values = samples(kind)
    var sketch = QuantileSketch()
    for v in values { sketch.add(v) }
    let sorted = values.sorted()
    var qs = (0...1000).map { Double($0) / 1000 }
    qs += [0.05, 0.25, 0.5, 0.75, 0.95, 1e-5, 0.99999]
    let estimates = try #require(sketch.quantiles(qs))
    var worst = 0.0
    for (index, (q, estimate)) in zip(qs, estimates).enumerated() {
      let exact = try #require(QuantileSketch.exactQuantile(sorted: sorted, q))
      let bound = max(QuantileSketch.relativeError * abs(exact), QuantileSketch.absoluteError)
      #expect(abs(estimate - exact) <= bound, "q = \(q): \(estimate) vs exact \(exact)")
      if index % 50 == 0 { #expect(sketch.quantile(q) == estimate) }
      if abs(exact) >= 1 { worst = max(worst, abs(estimate - exact) / abs(exact)) }
    }
    #expect(worst <= QuantileSketch.relativeError)
  }

  @Test func sketchMergeDoesNotDependOnTheSplit() {
    let values = samples(2, count: 30_000)
    var whole = QuantileSketch()
    values.forEach { whole.add($0) }
    var a = QuantileSketch()
    var b = QuantileSketch()
    var c = QuantileSketch()
    for (i, v) in values.enumerated() {
      if i % 3 == 0 { a.add(v) } else if i < 20_000 { b.add(v) } else { c.add(v) }
    }
    var merged = c
    merged.merge(a)
    merged.merge(b)
    #expect(merged == whole)
  }

  @Test func aSketchOfOneRepeatedValueIsExact() {
    var sketch = QuantileSketch()
    for _ in 0..<1000 { sketch.add(-123_456_789.25) }
    #expect(sketch.quantiles([0.05, 0.5, 0.95]) == [-123_456_789.25, -123_456_789.25, -123_456_789.25])
  }

  @Test func binsAreInValueOrder() {
    let values: [Double] = [-1e15, -3e9, -2, -1, -0.5, 0, 0.5, 1, 1.5, 2, 1e9, 1e15]
    let bins = values.map(QuantileSketch.bin)
    #expect(bins == bins.sorted())
    for v in values where abs(v) >= 1 {
      let mid = QuantileSketch.representative(QuantileSketch.bin(v))
      #expect(abs(mid - v) <= abs(v) * QuantileSketch.relativeError)
    }
  }

  // MARK: Distributions

  @Test func closedFormQuantiles() {
    #expect(Distribution.fixed(3).quantile(0.7) == 3)
    #expect(Distribution.uniform(2, 6).quantile(0.25) == 3)
    let triangle = Distribution.triangular(0, 1, 4)  // F(mode) = 1/4
    #expect(abs(triangle.quantile(0.25) - 1) < 1e-12)
    #expect(abs(triangle.quantile(0.01) - (0.01 * 4 * 1).squareRoot()) < 1e-12)
    #expect(abs(triangle.quantile(0.91) - (4 - (0.09 * 4 * 3).squareRoot())) < 1e-12)
    // Φ⁻¹ against reference values.
    #expect(abs(NormalMath.inverseCDF(0.975) - 1.959963984540054) < 1e-8)
    #expect(abs(NormalMath.inverseCDF(0.1) + 1.2815515655446004) < 1e-8)
    #expect(abs(NormalMath.inverseCDF(1e-6) + 4.753424308822899) < 1e-7)
    #expect(abs(Distribution.normal(mean: 5, sd: 2).median - 5) < 1e-12)
    #expect(abs(Distribution.lognormal(median: 20e9, sigma: 0.8).median - 20e9) < 1)
  }

  @Test func truncationKeepsDrawsInsideTheBoundsWithoutPilingUpAtThem() {
    let d = Distribution.normal(mean: 0, sd: 1, min: -0.5, max: 2)
    #expect(d.quantile(1e-9) >= -0.5)
    #expect(d.quantile(1 - 1e-9) <= 2)
    // Half the truncated mass lies below the median of the truncated law.
    let a = NormalMath.cdf(-0.5)
    let b = NormalMath.cdf(2)
    #expect(abs(NormalMath.cdf(d.median) - (a + b) / 2) < 1e-8)
    let l = Distribution.lognormal(median: 10, sigma: 1, min: 5, max: 50)
    #expect(l.quantile(0.000001) >= 5 && l.quantile(0.999999) <= 50)
  }

  @Test func uniformsAreStrictlyInsideTheUnitIntervalAndPathsDiffer() {
    var a = PathRandom(seed: 1, path: 0)
    var b = PathRandom(seed: 1, path: 1)
    var c = PathRandom(seed: 2, path: 0)
    var same = PathRandom(seed: 1, path: 0)
    var sum = 0.0
    for _ in 0..<10_000 {
      let x = a.uniform()
      #expect(x > 0 && x < 1)
      sum += x
      #expect(x == same.uniform())
      _ = b.uniform()
      _ = c.uniform()
    }
    #expect(abs(sum / 10_000 - 0.5) < 0.02)
    #expect(PathRandom(seed: 1, path: 1).state != PathRandom(seed: 1, path: 0).state)
    #expect(PathRandom(seed: 2, path: 0).state != PathRandom(seed: 1, path: 0).state)
  }

  // MARK: Schedules

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
