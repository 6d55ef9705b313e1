import Foundation
import Synchronization
import Testing

@testable import LoopLedger

@Suite("Parallel")
struct ParallelTests {
  private struct Failure: Error, Equatable { var index: Int }

  /// Calls to each index, counted under a lock.
  private final class Tally: Sendable {
    let calls: Mutex<[Int]>
    init(count: Int) { calls = Mutex([Int](repeating: 0, count: count)) }
  }

  @Test func resultsComeBackInIndexOrderWhateverOrderTheyFinishIn() throws {
    // Early indices sleep longest, so they finish last.
    let results = try Parallel.map(count: 16) { index -> Int in
      Thread.sleep(forTimeInterval: Double(16 - index) * 0.002)
      return index * index
    }
    #expect(results == (0..<16).map { $0 * $0 })
  }

  @Test(arguments: [0, 1, 2, 7, 64])
  func everyIndexRunsExactlyOnce(count: Int) throws {
    let tally = Tally(count: count)
    let results = try Parallel.map(count: count) { index -> Int in
      tally.calls.withLock { $0[index] += 1 }
      return -index
    }
    #expect(results == (0..<count).map { -$0 })
    #expect(tally.calls.withLock { $0 } == [Int](repeating: 1, count: count))
  }

  @Test func theLowestFailingIndexIsRethrown() {
    // Index 9 fails at once; index 3 fails last, after a pause. The error of index 3 wins.
    #expect(throws: Failure(index: 3)) {
      _ = try Parallel.map(count: 12) { index -> Int in
        if index == 3 {
          Thread.sleep(forTimeInterval: 0.05)
          throw Failure(index: 3)
        }
        if index == 9 || index == 10 { throw Failure(index: index) }
        return index
      }
    }
  }

  @Test func theTaskCounterHandsOutEveryNumberOnce() throws {
    let total = 200_000
    let counter = TaskCounter()
    let claimed = try Parallel.map(count: 4) { _ -> [Int] in
      var mine: [Int] = []
      while true {
        let task = counter.next()
        if task >= total { break }
        mine.append(task)
      }
      return mine
    }
    #expect(claimed.allSatisfy { zip($0, $0.dropFirst()).allSatisfy { $0 < $1 } })
    let all = claimed.flatMap { $0 }.sorted()
    #expect(all.count == total)
    #expect(all == Array(0..<total))
    // Every worker stopped at a number ≥ total, and each of those was handed out once.
    #expect(counter.next() == total + 4)
  }

  @Test func defaultThreadsAreTheActiveProcessors() {
    #expect(Parallel.defaultThreads == max(1, ProcessInfo.processInfo.activeProcessorCount))
    #expect(Parallel.defaultThreads >= 1)
  }
}
