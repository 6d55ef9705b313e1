import Foundation
import LoopLedger
import LoopLedgerIO
import Testing

@Suite("Input files")
struct InputFilesTests {
  @Test func aLoadedScenarioFileNamesItsPath() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("scenario.json", #"{"amounts": "middle"}"#)
    do {
      _ = try ProjectionScenarioFile.load(path: path)
      Issue.record("no error")
    } catch let error as LedgerError {
      #expect(error.description.contains(path + ":1:13: amounts: \"middle\" is not one of low, estimate, high, draw"))
    }
    #expect(throws: LedgerError.unreadable(file: "/no/such/file.json", reason: "no such file")) {
      try ProjectionScenarioFile.load(path: "/no/such/file.json")
    }
  }

  @Test func unreadableInputsSayWhyInWords() throws {
    let folder = try TemporaryFolder()
    #expect(throws: LedgerError.unreadable(file: folder.path, reason: "it is a directory, not a file")) {
      try InputFile.read(folder.path)
    }
    let latin1 = folder.url.appendingPathComponent("latin1.txt").path
    try Data([0x41, 0xA3, 0x42]).write(to: URL(fileURLWithPath: latin1))
    #expect {
      try InputFile.readText(latin1)
    } throws: { error in
      guard case LedgerError.unreadable(let file, let reason) = error else { return false }
      return file == latin1 && reason.hasPrefix("it is not UTF-8 text: line 1, column 2 has the byte 0xA3")
    }
    let bom = try folder.write("bom.txt", "\u{FEFF}id,amount\n")
    #expect(try InputFile.readText(bom) == "id,amount\n")
  }

  @Test func ledgerSourcesResolveByNameAndExtension() {
    #expect(LedgerSource("seed") == .bundled("seed"))
    #expect(LedgerSource("edges.CSV") == .edgeList("edges.CSV"))
    #expect(LedgerSource("mine.json") == .ledgerFile("mine.json"))
    #expect(LedgerSource("seed").path == nil && LedgerSource("a.json").path == "a.json")
  }

  @Test func aLedgerFileExtendsARelativePathAndAChainIsCapped() throws {
    let folder = try TemporaryFolder()
    let header = #""format": "loopledger-ledger", "version": 1"#
    _ = try folder.write("base.json", "{\(header), \"id\": \"base\", \"extends\": \"seed\"}")
    let top = try folder.write("top.json", "{\(header), \"id\": \"top\", \"extends\": \"base.json\"}")
    let ledger = try LedgerLoader.load(top)
    let seed = try BundledLedger.load("seed")
    #expect(ledger.id == "top" && ledger.deals.count == seed.deals.count)

    // A chain longer than the cap is refused with a message, not a stack overflow.
    let depth = LedgerLoader.maximumExtendsDepth + 5
    for index in 0..<depth {
      let base = index + 1 < depth ? "\"extends\": \"chain-\(index + 1).json\"," : ""
      _ = try folder.write("chain-\(index).json", "{\(header), \(base) \"id\": \"c\(index)\"}")
    }
    do {
      _ = try LedgerLoader.load(folder.url.appendingPathComponent("chain-0.json").path)
      Issue.record("no error")
    } catch let error as LedgerError {
      #expect("\(error)".contains("more than \(LedgerLoader.maximumExtendsDepth) ledgers extend one another"))
    }
  }

  @Test func aLoopOfExtendsIsNamed() throws {
    let folder = try TemporaryFolder()
    let header = #""format": "loopledger-ledger", "version": 1"#
    _ = try folder.write("a.json", "{\(header), \"id\": \"a\", \"extends\": \"b.json\"}")
    _ = try folder.write("b.json", "{\(header), \"id\": \"b\", \"extends\": \"a.json\"}")
    do {
      _ = try LedgerLoader.load(folder.url.appendingPathComponent("a.json").path)
      Issue.record("no error")
    } catch let error as LedgerError {
      #expect("\(error)".contains("it extends itself (a loop of 'extends')"))
    }
  }
}

/// A folder under the system's temporary directory, removed when the value is released.
final class TemporaryFolder {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("loopledger-io-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `text` to `name` in the folder and returns its path.
  func write(_ name: String, _ text: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return file.path
  }
}
