/// A multi-pattern matcher (Aho and Corasick, "Efficient string matching: an aid to
/// bibliographic search", Communications of the ACM 18(6), 1975) over folded scalars.
///
/// Matching is one pass over the text: O(n + number of matches). Patterns are folded with
/// ``ChineseFold`` before they are added.
struct AhoCorasick: Sendable {
  private var transitions: [UInt64: Int32] = [:]
  private var failure: [Int32] = [0]
  /// Patterns ending at each node (indices into ``lengths`` and payloads).
  private var outputs: [[Int32]] = [[]]
  /// The nearest node on the failure chain that has outputs, or -1.
  private var outputLink: [Int32] = [-1]
  private(set) var lengths: [Int] = []

  init(patterns: [[UInt32]]) {
    for (index, pattern) in patterns.enumerated() {
      lengths.append(pattern.count)
      guard !pattern.isEmpty else { continue }
      var node: Int32 = 0
      for c in pattern {
        let key = AhoCorasick.key(node, c)
        if let next = transitions[key] {
          node = next
        } else {
          let next = Int32(failure.count)
          failure.append(0)
          outputs.append([])
          outputLink.append(-1)
          transitions[key] = next
          node = next
        }
      }
      outputs[Int(node)].append(Int32(index))
    }
    buildFailureLinks(patterns)
  }

  @inline(__always) private static func key(_ node: Int32, _ c: UInt32) -> UInt64 {
    (UInt64(UInt32(bitPattern: node)) << 32) | UInt64(c)
  }

  private mutating func buildFailureLinks(_ patterns: [[UInt32]]) {
    // Children of each node, for a breadth-first walk.
    var children = [[(UInt32, Int32)]](repeating: [], count: failure.count)
    for (key, child) in transitions {
      let parent = Int(key >> 32)
      children[parent].append((UInt32(truncatingIfNeeded: key), child))
    }
    var queue: [Int32] = []
    for (_, child) in children[0] {
      failure[Int(child)] = 0
      queue.append(child)
    }
    var head = 0
    while head < queue.count {
      let node = queue[head]
      head += 1
      for (c, child) in children[Int(node)] {
        var f = failure[Int(node)]
        while true {
          if let next = transitions[AhoCorasick.key(f, c)], next != child {
            failure[Int(child)] = next
            break
          }
          if f == 0 {
            failure[Int(child)] = 0
            break
          }
          f = failure[Int(f)]
        }
        let fail = failure[Int(child)]
        outputLink[Int(child)] = outputs[Int(fail)].isEmpty ? outputLink[Int(fail)] : fail
        queue.append(child)
      }
    }
  }

  /// Calls `report(patternIndex, start)` for every occurrence of every pattern in `text`.
  func forEachMatch(in text: [UInt32], _ report: (Int, Int) -> Void) {
    var node: Int32 = 0
    for (position, c) in text.enumerated() {
      while true {
        if let next = transitions[AhoCorasick.key(node, c)] {
          node = next
          break
        }
        if node == 0 { break }
        node = failure[Int(node)]
      }
      var out = node
      while out > 0 {
        for pattern in outputs[Int(out)] {
          let length = lengths[Int(pattern)]
          report(Int(pattern), position - length + 1)
        }
        out = outputLink[Int(out)]
      }
    }
  }
}
