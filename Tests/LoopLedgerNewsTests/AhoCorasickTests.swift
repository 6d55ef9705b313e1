import LoopLedger
import Testing

@testable import LoopLedgerNews

@Suite("Aho–Corasick")
struct AhoCorasickTests {
  /// A match: pattern index and start offset.
  private struct Match: Hashable, Comparable {
    var pattern: Int
    var start: Int
    static func < (a: Match, b: Match) -> Bool { (a.start, a.pattern) < (b.start, b.pattern) }
  }

  private func matches(_ patterns: [[UInt32]], in text: [UInt32]) -> [Match] {
    var found: [Match] = []
    AhoCorasick(patterns: patterns).forEachMatch(in: text) { found.append(Match(pattern: $0, start: $1)) }
    return found
  }

  /// Every occurrence of every non-empty pattern, by trying each pattern at each offset.
  private func naiveMatches(_ patterns: [[UInt32]], in text: [UInt32]) -> [Match] {
    var found: [Match] = []
    for (index, pattern) in patterns.enumerated() where !pattern.isEmpty && pattern.count <= text.count {
      for start in 0...(text.count - pattern.count) where Array(text[start..<(start + pattern.count)]) == pattern {
        found.append(Match(pattern: index, start: start))
      }
    }
    return found
  }

  private func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

  @Test func theClassicExample() {
    // Aho and Corasick's Fig. 1: he, she, his, hers in "ushers".
    let patterns = ["he", "she", "his", "hers"].map(scalars)
    let found = matches(patterns, in: scalars("ushers"))
    #expect(Set(found) == [Match(pattern: 1, start: 1), Match(pattern: 0, start: 2), Match(pattern: 3, start: 2)])
    #expect(found.count == 3)
  }

  @Test func overlappingNestedAndRepeatedPatterns() {
    let patterns = ["a", "aa", "aaa", "", "aa", "b"].map(scalars)
    let found = matches(patterns, in: scalars("aaaa"))
    #expect(found.sorted() == naiveMatches(patterns, in: scalars("aaaa")).sorted())
    // "aa" is listed twice and reported under both indices; the empty pattern never matches.
    #expect(found.filter { $0.pattern == 1 }.count == 3 && found.filter { $0.pattern == 4 }.count == 3)
    #expect(!found.contains { $0.pattern == 3 || $0.pattern == 5 })
  }

  @Test func chineseAndSupplementaryScalars() {
    let patterns = ["亞馬遜", "馬遜", "OpenAI", "𠀋𠀋"].map(scalars)
    let text = scalars("亞馬遜向OpenAI投資，𠀋𠀋𠀋")
    #expect(matches(patterns, in: text).sorted() == naiveMatches(patterns, in: text).sorted())
    #expect(matches(patterns, in: text).count == 5)
  }

  @Test("Equals a naive scan of every pattern at every offset", arguments: 0..<60)
  func matchesANaiveScan(seed: UInt64) {
    var rng = PathRandom(seed: 0xA40C, path: seed)
    // Small alphabets make long shared prefixes, nested patterns and deep failure chains.
    let alphabetSize = UInt32.random(in: 1...4, using: &rng)
    let alphabet: [UInt32] = (0..<alphabetSize).map { seed % 3 == 0 ? 0x4E00 + $0 : 0x61 + $0 }
    func randomWord(_ lengths: ClosedRange<Int>) -> [UInt32] {
      (0..<Int.random(in: lengths, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
    }
    let patterns = (0..<Int.random(in: 1...25, using: &rng)).map { _ in randomWord(0...6) }
    let text = randomWord(0...300)
    let found = matches(patterns, in: text)
    #expect(found.sorted() == naiveMatches(patterns, in: text).sorted())
    #expect(Set(found).count == found.count)
  }

  @Test func lengthsAreKeptPerPattern() {
    #expect(AhoCorasick(patterns: [[1, 2], [], [3]]).lengths == [2, 0, 1])
  }
}
