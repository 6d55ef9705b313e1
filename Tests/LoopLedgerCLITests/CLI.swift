import Foundation
import Testing

/// Runs the built `loopledger` executable as a subprocess, as a user at a shell would.
///
/// The binary is found once, in this order:
///  1. `LOOPLEDGER_BIN`, if set (a path to the executable; then nothing else is tried);
///  2. the directory of the running test executable (Linux: `.build/<triple>/debug/` holds both
///     `LoopLedgerPackageTests.xctest` and `loopledger`);
///  3. the directory that contains a loaded `.xctest` bundle (macOS: the bundle sits next to the
///     executable in the products directory);
///  4. `.build/debug/loopledger` and `.build/release/loopledger` under the package root.
/// If none exists, every test fails with a message that lists the places looked at.
enum CLI {
  /// The package root: three levels above this file (Tests/LoopLedgerCLITests/CLI.swift).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A file of the repository, by its path from the package root.
  static func repositoryFile(_ path: String) -> String {
    packageRoot.appendingPathComponent(path).path
  }

  /// The located executable, or a description of where it was looked for.
  static let binary: Result<URL, LocateError> = locate()

  struct LocateError: Error, CustomStringConvertible {
    var looked: [String]
    var description: String {
      "The built 'loopledger' executable was not found. Build it with 'swift build' (or run 'swift test', "
        + "which builds it), or point LOOPLEDGER_BIN at it. Looked at:\n"
        + looked.map { "  " + $0 }.joined(separator: "\n")
    }
  }

  private static func locate() -> Result<URL, LocateError> {
    let name = "loopledger"
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["LOOPLEDGER_BIN"], !override.isEmpty {
      // An explicit choice is the only candidate: falling back would test another binary.
      candidates.append(URL(fileURLWithPath: override))
      return check(candidates)
    }
    // The running test executable (on Linux, `LoopLedgerPackageTests.xctest` is an ELF file).
    if let selfExe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      candidates.append(URL(fileURLWithPath: selfExe).deletingLastPathComponent().appendingPathComponent(name))
    }
    if let main = Bundle.main.executableURL {
      candidates.append(main.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(name))
    }
    // A loaded test bundle (on macOS, `LoopLedgerPackageTests.xctest` is a directory next to the binary).
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
    }
    for configuration in ["debug", "release"] {
      candidates.append(packageRoot.appendingPathComponent(".build/\(configuration)/\(name)"))
    }
    return check(candidates)
  }

  /// The first candidate that is an executable file, or every path looked at.
  private static func check(_ candidates: [URL]) -> Result<URL, LocateError> {
    var looked: [String] = []
    for candidate in candidates {
      let path = candidate.standardizedFileURL.path
      if looked.contains(path) { continue }
      looked.append(path)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
        FileManager.default.isExecutableFile(atPath: path)
      {
        return .success(URL(fileURLWithPath: path))
      }
    }
    return .failure(LocateError(looked: looked))
  }

  /// What one run left behind.
  struct Run: CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutData: Data
    var timedOut: Bool
    /// True when the process was ended by a signal (a crash, or the timeout's kill), not by exit().
    var signalled: Bool

    var description: String {
      "loopledger \(arguments.joined(separator: " ")) → \(signalled ? "signal" : "exit") \(status)\(timedOut ? " (timed out)" : "")\n"
        + "stderr: \(stderr.prefix(2_000))\nstdout: \(stdout.prefix(2_000))"
    }
  }

  /// Runs `loopledger` once per test process for `arguments`, and hands every later caller the same
  /// result.
  ///
  /// For reference runs that several tests compare against (`report --format json` on the seed):
  /// the arguments must not name files that a test writes.
  static func cached(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Run {
    try await cache.run(arguments, sourceLocation: sourceLocation)
  }

  private static let cache = Cache()

  private actor Cache {
    private var runs: [[String]: Task<Run, any Error>] = [:]

    func run(_ arguments: [String], sourceLocation: SourceLocation) async throws -> Run {
      if let task = runs[arguments] { return try await task.value }
      let task = Task { try await CLI.run(arguments, sourceLocation: sourceLocation) }
      runs[arguments] = task
      return try await task.value
    }
  }

  /// Runs `loopledger` with `arguments` in `directory`, with standard input closed and the
  /// process killed after `timeout`.
  static func run(
    _ arguments: [String], in directory: URL? = nil, timeout: Duration = .seconds(60),
    environment extra: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> Run {
    // Swift Testing starts every test at once; running them all together on a small machine would
    // make each one slow enough to hit its timeout. At most one process per core runs at a time.
    await slots.acquire()
    do {
      let run = try await runNow(
        arguments, in: directory, timeout: timeout, environment: extra, sourceLocation: sourceLocation)
      await slots.release()
      return run
    } catch {
      await slots.release()
      throw error
    }
  }

  private static func runNow(
    _ arguments: [String], in directory: URL?, timeout: Duration, environment extra: [String: String],
    sourceLocation: SourceLocation
  ) async throws -> Run {
    let executable: URL
    switch binary {
    case .success(let url): executable = url
    case .failure(let error): throw error  // recorded by the test with its message
    }
    // Output goes to files, never pipes, so a chatty process cannot block on a full pipe.
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("loopledger-cli-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outHandle
    process.standardError = errHandle
    if let directory { process.currentDirectoryURL = directory }
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    environment["COLUMNS"] = "100"
    // No ledger store of the developer's is read: the default store lives under a folder that
    // does not exist, unless a test gives its own.
    environment.removeValue(forKey: "LOOPLEDGER_DB")
    environment["XDG_DATA_HOME"] = isolatedDataHome
    environment.merge(extra) { _, new in new }
    process.environment = environment

    let finished = Finished()
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
      process.terminationHandler = { _ in finished.signal { continuation.resume() } }
      do {
        try process.run()
      } catch {
        finished.signal { continuation.resume(throwing: error) }
        return
      }
      let pid = process.processIdentifier
      DispatchQueue.global().asyncAfter(deadline: .now() + timeout.seconds) {
        if finished.markTimedOutIfRunning() { kill(pid, SIGKILL) }
      }
    }
    try outHandle.close()
    try errHandle.close()
    let outData = (try? Data(contentsOf: outURL)) ?? Data()
    let errData = (try? Data(contentsOf: errURL)) ?? Data()
    let run = Run(
      arguments: arguments, status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
      stdoutData: outData, timedOut: finished.timedOut,
      signalled: process.terminationReason == .uncaughtSignal)
    if run.timedOut {
      Issue.record(
        "`loopledger \(arguments.joined(separator: " "))` did not finish within \(timeout)",
        sourceLocation: sourceLocation)
    }
    return run
  }

  /// A data folder that does not exist, so that no default ledger store is found.
  static let isolatedDataHome = FileManager.default.temporaryDirectory
    .appendingPathComponent("loopledger-cli-no-store-\(ProcessInfo.processInfo.processIdentifier)").path

  /// The processes that may run at once.
  private static let slots = Slots(ProcessInfo.processInfo.activeProcessorCount)

  /// A counting semaphore for async code.
  private actor Slots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = max(1, count) }

    func acquire() async {
      if free > 0 {
        free -= 1
        return
      }
      await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
      if waiting.isEmpty {
        free += 1
      } else {
        waiting.removeFirst().resume()
      }
    }
  }

  /// Guards the continuation so it resumes exactly once, and records a timeout.
  private final class Finished: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private(set) var timedOut = false

    func signal(_ resume: () -> Void) {
      lock.lock()
      let first = !done
      done = true
      lock.unlock()
      if first { resume() }
    }

    /// True if the process has not finished yet (it will then be killed).
    func markTimedOutIfRunning() -> Bool {
      lock.lock()
      defer { lock.unlock() }
      if done { return false }
      timedOut = true
      return true
    }
  }
}

extension Duration {
  fileprivate var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}

/// A temporary directory for one test.
///
/// Every such directory lives under one root per test process, which is removed when the process
/// exits. (Removing each directory in `deinit` would be fragile: a test that keeps only the paths
/// it wrote may release its `Scratch` before the subprocess has read them.)
final class Scratch: Sendable {
  let url: URL

  /// `…/loopledger-cli-tests-PID`, removed at exit.
  static let root: URL = {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("loopledger-cli-tests-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: Scratch.root) }
    return root
  }()

  init() throws {
    url = Scratch.root.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Writes `text` to `name` in the directory and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return file.path
  }

  /// The path of `name` in the directory (the file need not exist).
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  func read(_ name: String) throws -> Data { try Data(contentsOf: url.appendingPathComponent(name)) }

  func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
}

/// Fixtures of the other test targets and the bundled ledgers, as paths a user would type.
enum Fixture {
  static let seedArticle = CLI.repositoryFile("Tests/LoopLedgerNewsTests/Fixtures/articles/seed.txt")
  static let articles = CLI.repositoryFile("Tests/LoopLedgerNewsTests/Fixtures/articles")
  static let seedTruth = CLI.repositoryFile("Tests/LoopLedgerNewsTests/Fixtures/truth/seed-truth.json")
  static let badLedger = CLI.repositoryFile("Tests/LoopLedgerTests/Fixtures/bad-ledger.json")
  static let seedLedgerFile = CLI.repositoryFile("Sources/LoopLedger/Resources/ledgers/seed.json")
}

/// Exit statuses the CLI promises.
enum Exit {
  static let ok: Int32 = 0
  /// A run that failed: a ledger with problems, a file that cannot be read.
  static let failure: Int32 = 1
  /// A usage error (ArgumentParser's EX_USAGE): a bad flag, a bad value, a missing argument.
  static let usage: Int32 = 64
}
