import Foundation
import Testing

/// Issue 17, items 14 and 15: inputs that are not files, outputs into missing folders, and a
/// binary copied away from its build folder.
@Suite("Hostile files")
struct FilesTests {
  @Test func inputsThatAreNotFilesSayWhatTheyAre() throws {
    let folder = try Folder()
    let fifo = folder.url.appendingPathComponent("pipe.json").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let cases: [([String], String)] = [
      (["validate", folder.path], "\(folder.path): cannot be read: it is a directory, not a file"),
      (["report", "--ledger", "/dev/zero"], "/dev/zero: cannot be read: it goes on past 256 MiB"),
      (["analyze", "/dev/zero"], "/dev/zero:1:1: this line is longer than 1 MiB without a line break"),
      (["validate", fifo], "\(fifo): 1 problem:\n  \(fifo): the file is empty"),
      (["stress", "--scenario", folder.path], "it is a directory, not a file"),
      (["project", "openai", "--scenario", "/no/such.json"], "/no/such.json: cannot be read: no such file"),
    ]
    for (arguments, words) in cases {
      let result = try LoopLedger.run(arguments, in: folder.url, timeout: 60)
      #expect(result.ended && result.status == 1, "\(arguments): \(result.status)")
      #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)")
      #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("Usage:"), "\(arguments)")
    }
  }

  @Test func aMissingOutputFolderIsNamedWithoutAUsageLine() throws {
    let result = try LoopLedger.run(["report", "-o", "/no/such/folder/report.md"])
    #expect(result.status == 1)
    #expect(
      result.stderr == "Error: Cannot write '/no/such/folder/report.md': the folder '/no/such/folder' does not exist\n",
      "\(result.stderr)")
  }

  @Test func aCopiedBinaryCarriesItsLedgers() throws {
    let folder = try Folder()
    let copy = folder.url.appendingPathComponent("loopledger")
    try FileManager.default.copyItem(at: LoopLedger.executable, to: copy)
    let elsewhere = try Folder()
    let result = try LoopLedger.run(["validate", "seed", "public-2025"], in: elsewhere.url, executable: copy)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("seed: ok") && result.stdout.contains("public-2025: ok"))
    let report = try LoopLedger.run(["report", "--ledger", "public-2025"], in: elsewhere.url, executable: copy)
    #expect(report.status == 0 && report.stdout.hasPrefix("LoopLedger report"))
  }
}
