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
}
