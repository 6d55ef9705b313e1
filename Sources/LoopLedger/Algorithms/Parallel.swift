import Dispatch
import Foundation
import Synchronization

/// Runs CPU-bound work on several threads and gathers the results in a fixed order.
///
/// The algorithms are synchronous and deterministic; `DispatchQueue.concurrentPerform` is the
/// simplest way on Linux to run a fixed number of blocking workers and wait for all of them. Each
/// worker's result is stored at its own index, so combining them never depends on scheduling.
enum Parallel {
  /// The number of worker threads to use when the caller does not say: the active processors.
  ///
  /// - Complexity: O(1).
  static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Calls `work(i)` for `i` in `0..<count` on up to `count` threads; returns results by index.
  ///
  /// - Throws: The first error any worker threw (by index).
  /// - Complexity: O(count) scheduling and locking besides the work; the wall time is about the
  ///   slowest worker's (`concurrentPerform` runs at most as many workers at once as there are
  ///   cores).
  static func map<T: Sendable>(count: Int, _ work: @Sendable (Int) throws -> T) throws -> [T] {
    let box = ResultBox<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
      box.store(index, Result { try work(index) })
    }
    return try box.values()
  }
}

/// Hands out task numbers 0, 1, 2, … to threads, each number once.
final class TaskCounter: Sendable {
  private let counter = Atomic<Int>(0)
  /// The next number.
  ///
  /// - Complexity: O(1), one atomic read-modify-write.
  func next() -> Int { counter.wrappingAdd(1, ordering: .relaxed).oldValue }
}

/// Per-index result slots written by distinct threads.
///
/// `@unchecked Sendable` is safe because every index is written by exactly one worker, under the
/// mutex, and read only after `concurrentPerform` has returned.
private final class ResultBox<T>: @unchecked Sendable {
  private let lock = Mutex(())
  private var results: [Result<T, any Error>?]

  init(count: Int) { results = Array(repeating: nil, count: count) }

  func store(_ index: Int, _ result: Result<T, any Error>) {
    lock.withLock { _ in results[index] = result }
  }

  func values() throws -> [T] {
    try results.map { try ($0 ?? .failure(CancellationError())).get() }
  }
}
