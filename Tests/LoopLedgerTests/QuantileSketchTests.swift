import Foundation
import Testing

@testable import LoopLedger

@Suite("Quantile sketch")
struct QuantileSketchTests {
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
    for value in values { whole.add(value) }
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
}
