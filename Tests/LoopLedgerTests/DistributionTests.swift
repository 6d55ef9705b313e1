import Foundation
import Testing

@testable import LoopLedger

@Suite("Distribution")
struct DistributionTests {
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
}
