import Foundation
import Testing

/// A random edge list for the round trips: named, numbered and non-ASCII ids, quoted ids with
/// commas, self-loops, repeated pairs, and (when `bad`) negative amounts that `--skip-bad-rows`
/// skips.
private func randomEdgeList(rows: Int, nodes: Int, seed: UInt64, bad: Bool = false) -> String {
  var state = seed
  func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }
  func id(_ k: Int) -> String {
    switch k % 4 {
    case 0: "n\(k)"
    case 1: "\(k)"
    case 2: "\"Bank \(k), plc\""
    default: "銀行\(k)"
    }
  }
  var text = "source,target,amount\n"
  for row in 0..<rows {
    let source = next(nodes)
    let target = next(10) == 0 ? source : next(nodes)
    let amount = "\(1 + next(1_000_000)).\(next(100))"
    text += "\(id(source)),\(id(target)),\(bad && row % 13 == 4 ? "-" : "")\(amount)\n"
  }
  return text
}

/// The output with the timings (which differ from run to run) taken out: the text's
/// `Timings (s):` line, the JSON's `"timings"` object.
private func withoutTimings(_ text: String) -> String {
  var lines: [Substring] = []
  var inTimings = false
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    if inTimings {
      if line.trimmingCharacters(in: .whitespaces).hasPrefix("}") { inTimings = false }
      continue
    }
    if line.hasPrefix("Timings (s):") { continue }
    if line.trimmingCharacters(in: .whitespaces).hasPrefix("\"timings\" : {") {
      inTimings = !line.hasSuffix("}") && !line.hasSuffix("},")
      continue
    }
    lines.append(line)
  }
  return lines.joined(separator: "\n")
}

@Suite("loopledger convert")
struct ConvertTests {
  /// The bulk commands compared: each is run on a CSV at a path, then on its graph file moved to
  /// that same path, so even the file names in the outputs are the same.
  static let commands: [[String]] = [
    ["analyze", "NET"],
    ["analyze", "NET", "--format", "json", "--max-length", "4"],
    ["analyze", "NET", "--only", "hodge", "--weighted", "--nodes", "OUT", "--format", "json"],
    ["clear", "NET"],
    ["clear", "NET", "--format", "json"],
    ["clear", "NET", "--external-assets", "ASSETS", "--alpha", "0.5", "--beta", "0.75", "--format", "json"],
    ["debtrank", "NET"],
    ["debtrank", "NET", "--format", "json", "--shock", "3", "--threads", "1"],
  ]

  @Test(arguments: [(40, 8, 1, false), (3_000, 400, 2, false), (2_000, 900, 3, true)] as [(Int, Int, UInt64, Bool)])
  func bulkCommandsGiveTheSameBytesFromTheGraphFile(_ rows: Int, _ nodes: Int, _ seed: UInt64, _ bad: Bool)
    async throws
  {
    let scratch = try Scratch()
    let net = try scratch.write("net", randomEdgeList(rows: rows, nodes: nodes, seed: seed, bad: bad))
    // Assets for some ids, and one id that names no node (a warning that names the network file).
    let assets = try scratch.write("assets.csv", "id,amount\nn0,100\n1,2000.5\n\"Bank 2, plc\",7\nnobody,1\n")
    let skip = bad ? ["--skip-bad-rows"] : []
    func arguments(_ command: [String], _ out: String) -> [String] {
      command.map { $0 == "NET" ? net : $0 == "ASSETS" ? assets : $0 == "OUT" ? scratch.path(out) : $0 } + skip
    }
    var fromCSV: [CLI.Run] = []
    for (index, command) in Self.commands.enumerated() {
      let run = try await CLI.run(arguments(command, "csv-\(index).csv"))
      expectSuccess(run, quietStderr: !command.contains("ASSETS"))
      fromCSV.append(run)
    }
    // The assets file names an id that is no node: the warning names the network file.
    #expect(fromCSV[5].stderr.contains("name no node of \(net)"))
    let convert = try await CLI.run(["convert", net, scratch.path("net.llg")] + skip)
    expectSuccess(convert)
    #expect(convert.stdout.hasPrefix("\(scratch.path("net.llg")): "))
    try FileManager.default.removeItem(atPath: net)
    try FileManager.default.moveItem(atPath: scratch.path("net.llg"), toPath: net)
    for (index, command) in Self.commands.enumerated() {
      let run = try await CLI.run(arguments(command, "graph-\(index).csv"))
      let reference = fromCSV[index]
      #expect(run.status == reference.status && !run.signalled, "\(run)")
      #expect(withoutTimings(run.stdout) == withoutTimings(reference.stdout), "\(command)")
      #expect(run.stderr == reference.stderr, "\(command)")
      if command.contains("OUT") {
        #expect(try scratch.read("graph-\(index).csv") == scratch.read("csv-\(index).csv"))
      }
    }
    // Converting the graph file again gives the same bytes.
    let again = try await CLI.run(["convert", net, scratch.path("again.llg")])
    expectSuccess(again)
    #expect(try scratch.read("again.llg") == Data(contentsOf: URL(fileURLWithPath: net)))
  }

  /// A small graph file and its bytes.
  private func graphFile() async throws -> (Scratch, path: String, bytes: Data) {
    let scratch = try Scratch()
    let csv = try scratch.write("net.csv", randomEdgeList(rows: 200, nodes: 30, seed: 5))
    expectSuccess(try await CLI.run(["convert", csv, scratch.path("net.llg")]))
    return (scratch, scratch.path("net.llg"), try scratch.read("net.llg"))
  }

  @Test func damagedFilesAreRefusedWithTheProblemNamed() async throws {
    let (scratch, _, bytes) = try await graphFile()
    var flipped = bytes
    flipped[flipped.count - 3] ^= 0x04
    var version = bytes
    version[8] = 9
    var magic = bytes
    magic[3] ^= 0x01
    let cases: [(String, Data, String)] = [
      ("cut.llg", bytes.prefix(bytes.count - 100), "it is cut off"),
      ("header.llg", bytes.prefix(40), "it is cut off after 40 bytes"),
      ("flipped.llg", flipped, "the checksum of its id bytes section does not match"),
      ("future.llg", version, "format version 9, newer than this loopledger reads"),
      ("magic.llg", magic, "its first 8 bytes are not the graph file's magic number"),
      ("appended.llg", bytes + Data("more".utf8), "something was appended"),
    ]
    for (name, data, words) in cases {
      try data.write(to: scratch.url.appendingPathComponent(name))
      // `validate` checks graph files too (a file without the magic number is not one).
      for command in ["analyze", "clear", "debtrank", "convert"] + (name == "magic.llg" ? [] : ["validate"]) {
        let run = try await CLI.run(
          [command, scratch.path(name)] + (command == "convert" ? [scratch.path("out.llg")] : []))
        expectFailure(run, mentions: [scratch.path(name), words])
      }
    }
    #expect(!scratch.exists("out.llg"))
  }

  @Test func validateChecksAGraphFile() async throws {
    let (_, path, _) = try await graphFile()
    let run = try await CLI.run(["validate", path])
    expectSuccess(run)
    #expect(run.stdout.hasPrefix("\(path): ok — graph file format 1, "), "\(run.stdout)")
    #expect(run.stdout.contains(" edges (from 200 rows)"), "\(run.stdout)")
  }

  @Test func foreignFilesGetTheCSVReadersWords() async throws {
    let scratch = try Scratch()
    let png = scratch.url.appendingPathComponent("picture.llg")
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).write(to: png)
    let run = try await CLI.run(["analyze", png.path])
    expectFailure(run, mentions: [png.path, "header"])
    let empty = try scratch.write("empty.llg", "")
    expectFailure(try await CLI.run(["clear", empty]), mentions: [empty, "empty"])
  }

  @Test func convertRefusesToOverwriteItsInputAndNeedsAFile() async throws {
    let (scratch, path, bytes) = try await graphFile()
    let same = try await CLI.run(["convert", path, path])
    #expect(same.status == Exit.failure)
    #expect(same.stderr.contains("it is an input of this command"))
    #expect(try scratch.read("net.llg") == bytes)
    expectFailure(
      try await CLI.run(["convert", scratch.path("missing.csv"), scratch.path("x.llg")]),
      mentions: ["missing.csv", "no such file"])
    #expect(try await CLI.run(["convert", path]).status == Exit.usage)
  }

  @Test func sparkIsToldToReadTheCSV() async throws {
    let (_, path, _) = try await graphFile()
    let run = try await CLI.run(["analyze", path, "--engine", "spark"])
    expectFailure(run, mentions: [path, "the Spark engine does not read"])
  }
}
