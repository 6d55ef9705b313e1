import Foundation
import LoopLedgerIO
import Testing

@Suite("Output writer")
struct OutputWriterTests {
  private func contents(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  private func mode(_ path: String) throws -> Int {
    try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
  }

  @Test func aNewFileIsWrittenAndAnOldOneReplacedKeepingItsMode() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("out.txt").path
    try OutputWriter.write("first\n", to: path)
    #expect(try contents(path) == "first\n")
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
    try OutputWriter.write("second\n", to: path)
    #expect(try contents(path) == "second\n")
    #expect(try mode(path) == 0o640)
    // No temporary file is left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
  }

  @Test func aSymbolicLinkIsFollowedAndKept() throws {
    let folder = try TemporaryFolder()
    let target = try folder.write("target.txt", "old")
    let link = folder.url.appendingPathComponent("link.txt").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.txt")
    try OutputWriter.write("new", to: link)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.txt")
    #expect(try contents(target) == "new")
  }

  @Test func aHardLinkedFileIsWrittenInPlace() throws {
    let folder = try TemporaryFolder()
    let first = try folder.write("a.txt", "old")
    let second = folder.url.appendingPathComponent("b.txt").path
    try FileManager.default.linkItem(atPath: first, toPath: second)
    try OutputWriter.write("new", to: first)
    #expect(try contents(second) == "new")
  }

  @Test func aCharacterDeviceIsWrittenThroughNotReplaced() throws {
    try OutputWriter.write("discarded", to: "/dev/null")
    var info = stat()
    #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
  }

  @Test func aFullDeviceIsAnError() {
    guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
    #expect(throws: OutputError(path: "/dev/full", reason: "no space left on the device")) {
      try OutputWriter.write("x", to: "/dev/full")
    }
  }

  @Test func inputsDirectoriesAndMissingFoldersAreRefusedBeforeAnythingIsWritten() throws {
    let folder = try TemporaryFolder()
    let input = try folder.write("ledger.json", "{}")
    let other = folder.url.appendingPathComponent("other.txt").path
    #expect(throws: OutputError(path: input, reason: "it is an input of this command; refusing to overwrite it")) {
      try OutputWriter.write([Output("a", to: .file(other)), Output("b", to: .file(input))], inputs: [input])
    }
    #expect(!FileManager.default.fileExists(atPath: other))
    #expect(try contents(input) == "{}")
    #expect(throws: OutputError(path: folder.path, reason: "it is a directory")) {
      try OutputWriter.write("x", to: folder.path)
    }
    let nowhere = folder.url.appendingPathComponent("no/such/out.txt").path
    #expect(throws: OutputError(path: nowhere, reason: "the folder '\(folder.path)/no/such' does not exist")) {
      try OutputWriter.write("x", to: nowhere)
    }
  }
}
