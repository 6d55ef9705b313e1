import Foundation
import Testing

/// The built `loopledger`, run as a user runs it: a subprocess with arguments, a working folder
/// and a time limit; its exit status, standard output and standard error.
struct LoopLedger {
  struct Result {
    var status: Int32
    /// Whether a signal ended it (a crash: SIGILL from a trap, SIGSEGV, SIGABRT).
    var crashed: Bool
    var timedOut: Bool
    var stdout: String
    var stderr: String
  }

  /// The executable: beside the test bundle (SwiftPM puts both in the products folder), else
  /// under `.build/debug` of the package.
  static let executable: URL = {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("loopledger"),
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("loopledger"),
      Bundle.main.bundleURL.appendingPathComponent("loopledger"),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../.build/debug/loopledger"
      )
      .standardizedFileURL,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
  }()

  /// Runs `loopledger arguments…` in `folder` (default: a fresh temporary folder).
  static func run(
    _ arguments: [String], in folder: URL? = nil, executable: URL = LoopLedger.executable, timeout: Double = 120
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let temporary = folder == nil ? try Folder() : nil
    process.currentDirectoryURL = folder ?? temporary!.url
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes while the process runs, so that a large output cannot block it.
    let outData = Box()
    let errData = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      outData.data = out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
      errData.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while process.isRunning {
      if Date() > deadline {
        timedOut = true
        kill(process.processIdentifier, SIGKILL)
        break
      }
      Thread.sleep(forTimeInterval: 0.01)
    }
    process.waitUntilExit()
    group.wait()
    _ = temporary
    return Result(
      status: process.terminationStatus, crashed: process.terminationReason == .uncaughtSignal && !timedOut,
      timedOut: timedOut, stdout: String(decoding: outData.data, as: UTF8.self),
      stderr: String(decoding: errData.data, as: UTF8.self))
  }
}

/// Bytes filled in by one reader thread and read after it has finished.
private final class Box: @unchecked Sendable {
  var data = Data()
}

/// A temporary folder, removed when the value goes away.
final class Folder {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("loopledger-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `text` (UTF-8) to `name` and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, Data(text.utf8))
  }

  @discardableResult
  func write(_ name: String, _ data: Data) throws -> String {
    let file = url.appendingPathComponent(name)
    try data.write(to: file)
    return file.path
  }

  func read(_ name: String) throws -> String {
    try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
  }
}

extension LoopLedger.Result {
  /// Neither a crash nor a hang.
  var ended: Bool { !crashed && !timedOut }
}

/// A minimal valid ledger with a title and deals spliced in.
func ledgerJSON(
  title: String = "t", companies: String = #"{"id": "a", "names": {"en": "A"}}, {"id": "b", "names": {"en": "B"}}"#,
  deals: String
) -> String {
  """
  {"format": "loopledger-ledger", "version": 1, "id": "t", "title": \(jsonString(title)),
   "documents": [{"id": "d", "title": "d"}],
   "companies": [\(companies)],
   "deals": [\(deals)]}
  """
}

/// A deal from `payer` to `payee` of `value` US dollars.
func dealJSON(_ id: String, _ payer: String, _ payee: String, value: String, kind: String = "equity_investment")
  -> String
{
  #"{"id": "\#(id)", "payer": "\#(payer)", "payee": "\#(payee)", "kind": "\#(kind)", "status": "announced", "amount": {"qualifier": "exact", "value": \#(value), "currency": "USD"}, "sources": [{"document": "d", "quote": "q"}]}"#
}

func jsonString(_ text: String) -> String {
  String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
}

/// Numbers that are not finite, as renderers and printf would write them.
func hasNonFinite(_ text: String) -> Bool {
  text.range(of: #"(?i)(?<![a-z])(-?nan|[-+]?inf(inity)?)(?![a-z])|∞"#, options: .regularExpression) != nil
}
