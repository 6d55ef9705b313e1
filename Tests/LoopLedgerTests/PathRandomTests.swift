import Foundation
import Testing

@testable import LoopLedger

@Suite("PathRandom")
struct PathRandomTests {
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

  @Test func knownAnswers() {
    // SplitMix64's reference output: seeded with 0, the first value is mix(0 + γ)
    // = 0xE220A8397B1DCDAF (Steele, Lea & Flood; Vigna's splitmix64.c).
    #expect(PathRandom.mix(PathRandom.gamma) == 0xE220_A839_7B1D_CDAF)
    var reference = SplitMix64(seed: 0)
    #expect(reference.next() == 0xE220_A839_7B1D_CDAF)
    // PathRandom's seeding and stream, computed independently (Python, 64-bit wrap-around).
    let cases: [(seed: UInt64, path: UInt64, state: UInt64, outputs: [UInt64], uniform: Double)] = [
      (
        0, 0, 0x4821_8226_FF3C_D4BF, [0x568A_9B0B_1A2C_05EC, 0x44E5_B8B1_47EF_718B, 0x4585_63AB_5552_1133],
        0.3380524541955055
      ),
      (
        2025, 17, 0x5247_CEFB_F21E_945F, [0x825D_2458_041B_87C4, 0x1595_99CB_1322_FBA5, 0x516E_518E_874F_EC4D],
        0.5092337336428567
      ),
      (
        .max, .max, 0xAC13_27EB_55DA_5AAA, [0x077B_92CE_F26F_A39E, 0xB67E_995E_66A5_1852, 0xB3F5_8DC8_B700_5688],
        0.029229331516431645
      ),
    ]
    for item in cases {
      var rng = PathRandom(seed: item.seed, path: item.path)
      #expect(rng.state == item.state)
      #expect((0..<3).map { _ in rng.next() } == item.outputs)
      var fresh = PathRandom(seed: item.seed, path: item.path)
      #expect(fresh.uniform() == item.uniform)
    }
  }
}
