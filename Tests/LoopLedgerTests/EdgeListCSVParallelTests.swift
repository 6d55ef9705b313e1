import Foundation
import Testing

@testable import LoopLedger

/// The parallel path for plain rows must give exactly what the one-thread reader gives: the same
/// network, ids in the same order, the same counts, and the same errors with the same lines.
@Suite("CSV edge lists on several threads")
struct EdgeListCSVParallelTests {
  /// What a read gives, as one comparable value (or the error's words).
  struct Outcome: Equatable, CustomStringConvertible {
    var network: FlowNetwork?
    var ids: [String] = []
    var counts: [Int] = []
    var skipped: [String] = []
    var error: String?

    init(_ read: () throws -> EdgeListCSV.Result) {
      do {
        let result = try read()
        network = result.network
        ids = result.ids
        counts = [result.rows, result.selfLoops, result.skippedRows, result.mergedRows]
        skipped = result.skippedIssues.map(\.description)
      } catch {
        self.error = String(describing: error)
      }
    }

    var description: String {
      error ?? "\(ids.count) ids, \(network?.edgeCount ?? 0) edges, counts \(counts)"
    }
  }

  /// The one-thread reading at once, against chunked readings on several threads with every
  /// chunk cut into parts of a few bytes.
  static func expectSame(_ text: String, skipBadRows: Bool = false, _ label: String) {
    let bytes = Array(text.utf8)
    let expected = Outcome { try EdgeListCSV.read(text, file: "t.csv", skipBadRows: skipBadRows) }
    for (threads, chunkSize) in [(2, 7), (2, 64), (3, 23), (4, 1 << 20), (2, 1)] {
      var offset = 0
      let found = Outcome {
        try EdgeListCSV.read(
          chunks: {
            guard offset < bytes.count else { return nil }
            let end = min(bytes.count, offset + chunkSize)
            defer { offset = end }
            return Array(bytes[offset..<end])
          }, file: "t.csv", skipBadRows: skipBadRows, keepRows: false, threads: threads,
          minimumPartBytes: 1, progress: nil)
      }
      #expect(found == expected, "\(label): \(threads) threads, chunks of \(chunkSize)")
    }
    // One reused buffer (as the bulk commands read a file): buffers of a few bytes that must
    // grow, and reads that return fewer bytes than asked for.
    for (threads, bufferSize, readSize) in [(1, 1, 1), (2, 5, 3), (2, 64, 1000), (3, 600, 17), (2, 1 << 16, 1 << 20)] {
      var offset = 0
      var buffer = [UInt8](repeating: 0, count: bufferSize)
      let firstCount = min(bytes.count, bufferSize, 2)
      for index in 0..<firstCount { buffer[index] = bytes[index] }
      offset = firstCount
      let found = Outcome {
        try EdgeListCSV.read(
          buffer: &buffer, filled: firstCount,
          fill: { space in
            let count = min(space.count, readSize, bytes.count - offset)
            for index in 0..<count { space[index] = bytes[offset + index] }
            offset += count
            return count
          }, file: "t.csv", skipBadRows: skipBadRows, threads: threads, minimumPartBytes: 1,
          progress: nil)
      }
      #expect(found == expected, "\(label): \(threads) threads, buffer \(bufferSize), reads of \(readSize)")
    }
    // The in-memory entry point on several threads too.
    let memory = Outcome { try EdgeListCSV.read(text, file: "t.csv", skipBadRows: skipBadRows, threads: 2) }
    #expect(memory == expected, "\(label): in memory")
  }

  /// A random edge list: plain ids, integer ids, long and non-ASCII ids, spaces, CRLF, blank
  /// lines, extra columns, amounts written in several ways, self-loops and repeated pairs.
  static func randomCSV(seed: UInt64, rows: Int, hostile: Bool) -> String {
    var rng = SplitMix64(seed: seed)
    let stems = ["n", "", "company-with-a-long-shared-name-", "甲骨文", " x", "id\t"]
    func id() -> String {
      stems[Int.random(in: 0..<stems.count, using: &rng)] + String(Int.random(in: 0..<400, using: &rng))
    }
    let headers = [
      "source,target,amount", "amount,source,target", "source,target,amount,kind,note",
      "Target , Source,Amount",
    ]
    let header = headers[Int(seed % UInt64(headers.count))]
    let names = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    var text = header + (seed % 2 == 0 ? "\n" : "\r\n")
    for row in 0..<rows {
      let amounts = ["1", "2.5", "1e3", "+7", "0", "12345678.125", " 4 ", "1E-2", "9007199254740993"]
      var fields: [String: String] = [
        "source": id(), "target": id(), "amount": amounts[row % amounts.count], "kind": "other",
        "note": "n",
      ]
      if Int.random(in: 0..<10, using: &rng) == 0 { fields["target"] = fields["source"] }
      if hostile {
        switch Int.random(in: 0..<40, using: &rng) {
        case 0: fields["source"] = "\"quoted \(row)\""
        case 1: fields["target"] = "\"two\nlines, \"\"and\"\" a comma\""
        case 2: fields["amount"] = "-1"
        case 3: fields["amount"] = "abc"
        case 4: fields["source"] = ""
        case 5: fields["amount"] = "\"12\""
        case 6: fields["note"] = "\"a note\nover two lines\""
        default: break
        }
      }
      var line = names.map { fields[$0] ?? "" }.joined(separator: ",")
      if hostile, Int.random(in: 0..<50, using: &rng) == 0 { line = "a,b" }
      if Int.random(in: 0..<15, using: &rng) == 0 { text += Bool.random(using: &rng) ? "\n" : "\r\n" }
      text += line + (Int.random(in: 0..<4, using: &rng) == 0 ? "\r\n" : "\n")
    }
    if seed % 3 == 0, text.hasSuffix("\n") { text.removeLast() }  // no final line end
    return text
  }

  @Test("Random plain edge lists", arguments: 0..<12)
  func randomPlain(seed: UInt64) throws {
    let text = Self.randomCSV(seed: seed, rows: 600, hostile: false)
    Self.expectSame(text, "plain \(seed)")
    // The parallel path read them (all but a last line without its line end).
    let result = try EdgeListCSV.read(text, file: "t.csv", threads: 2)
    #expect(result.parallelRows >= result.rows - 1)
    #expect(try EdgeListCSV.read(text, file: "t.csv").parallelRows == 0)
  }

  @Test("Random hostile edge lists, with and without skipping bad rows", arguments: 0..<24)
  func randomHostile(seed: UInt64) {
    let text = Self.randomCSV(seed: seed &+ 1_000, rows: 400, hostile: true)
    Self.expectSame(text, "hostile \(seed)")
    Self.expectSame(text, skipBadRows: true, "hostile \(seed), skipping")
  }

  @Test func handPickedHostileInputs() {
    let cases = [
      "",
      "\n\n",
      "source,target,amount",
      "source,target,amount\n",
      "\u{FEFF}source,target,amount\na,b,1\n",
      "\n\nsource,target,amount\n\na,b,1\n\n",
      "source,target,amount\na,b,1\r\n\r\nb,a,2\r\n",
      "source,target,amount\na,b,1\na,b,2\nb,b,3\n",
      "source,target,amount\na,b,1\n\"never closed,b,1\nc,d,2\n",
      "source,target,amount\na,b,1\nc,d\ne,f,2\n",
      "source,target,amount\na,b,1\nc,d,1\r\r\n",
      "source,target,amount\na,b,1\n  \n",
      "source,target,amount\n a , b , 1 \n\tb\t,a,2\n",
      "source,target,amount\na,b,1,\"x\ny\"\nb,c,2\n",
      "source,source,amount\na,b,1\n",
      "source,target\na,b\n",
      "source,target,amount\na,b,1e400\n",
      "source,target,amount\na,b,1e16\nb,a,1.0000000000000002e16\n",
      "source,target,amount\n\u{0}x,y,1\nx,\u{0}y,2\n",
      "source,target,amount\n\u{FFFD},\u{FFFD}x,1\n",
    ]
    for (index, text) in cases.enumerated() {
      Self.expectSame(text, "case \(index)")
      Self.expectSame(text, skipBadRows: true, "case \(index), skipping")
    }
  }

  /// Found by the CSV fuzzer: NUL bytes in the first few bytes looked like UTF-16 to a reader
  /// that had seen one 7-byte chunk, but not to one that saw the whole file.
  @Test func theEncodingCheckSeesTheSameBytesHoweverTheFileIsCut() {
    let bytes: [UInt8] =
      [0xFF, 0x73, 0x20, 0x00, 0x2D, 0x00, 0x22] + Array("\",amount,target,source,kind,".utf8)
    let whole = Outcome { try bytes.withUnsafeBytes { try EdgeListCSV.read($0, file: "t.csv") } }
    for chunkSize in [1, 3, 7, 100] {
      var offset = 0
      let chunked = Outcome {
        try EdgeListCSV.read(
          chunks: {
            guard offset < bytes.count else { return nil }
            let end = min(bytes.count, offset + chunkSize)
            defer { offset = end }
            return Array(bytes[offset..<end])
          }, file: "t.csv")
      }
      #expect(chunked == whole, "chunks of \(chunkSize)")
    }
  }

  /// Bad rows placed on every side of where chunks and parts are cut.
  @Test func badRowsAtChunkBoundaries() {
    var lines = ["source,target,amount"]
    for row in 0..<300 { lines.append("n\(row % 37),n\(row % 53),\(row + 1)") }
    for badAt in [1, 2, 50, 149, 150, 151, 299, 300] {
      for bad in ["x,y,-5", "\"q,r\",s,1", "x,,1", "x,y"] {
        var copy = lines
        copy[badAt] = bad
        let text = copy.joined(separator: "\n") + "\n"
        Self.expectSame(text, "'\(bad)' at line \(badAt + 1)")
        Self.expectSame(text, skipBadRows: true, "'\(bad)' at line \(badAt + 1), skipping")
      }
    }
  }

  /// Ids first seen in a later part or chunk keep the order of first appearance.
  @Test func idsAreNumberedByFirstAppearanceAcrossParts() throws {
    var text = "source,target,amount\n"
    for row in 0..<2_000 { text += "k\(row * 7919 % 1_000),k\((row * 104_729 + 11) % 1_500),1\n" }
    Self.expectSame(text, "first appearance")
    let result = try EdgeListCSV.read(text, file: "t.csv", threads: 2)
    #expect(result.parallelRows == 2_000)
    var order: [String] = []
    var seen: Set<String> = []
    for line in text.split(separator: "\n").dropFirst() {
      for id in line.split(separator: ",").prefix(2) where seen.insert(String(id)).inserted {
        order.append(String(id))
      }
    }
    #expect(result.ids == order)
  }
}

/// Numbered ids (a fixed prefix and a decimal number) are looked up in a table by number; ids
/// that only look alike must stay distinct nodes, in order of first appearance.
@Suite("CSV numbered ids")
struct EdgeListCSVNumberedIdTests {
  @Test(
    "Numbered ids and ids that look like them",
    arguments: ["n", "", "acct-", "12", "abcdefghi"])
  func numberedIdsAndLookalikes(prefix: String) throws {
    var rng = SplitMix64(seed: UInt64(prefix.utf8.count) &+ 5)
    let lookalikes = [
      "\(prefix)0", "\(prefix)00", "\(prefix)07", "\(prefix)7", "\(prefix)4194303", "\(prefix)4194304",
      "\(prefix)99999999", "\(prefix)", "x\(prefix)1", "\(prefix)1x", "\(prefix)-1", "\(prefix) 3",
      "\(prefix)3", "N1", "\(prefix)１",
    ].filter { !$0.isEmpty }
    var text = "source,target,amount\n\(prefix)5,\(prefix)6,1\n"
    for row in 0..<3_000 {
      func id() -> String {
        Int.random(in: 0..<4, using: &rng) == 0
          ? lookalikes[Int.random(in: 0..<lookalikes.count, using: &rng)]
          : "\(prefix)\(Int.random(in: 0..<700, using: &rng))"
      }
      text += "\(id()),\(id()),\(row % 5 + 1)\n"
    }
    EdgeListCSVParallelTests.expectSame(text, "prefix '\(prefix)'")
    let result = try EdgeListCSV.read(text, file: "t.csv", threads: 2)
    #expect(Set(result.ids).count == result.ids.count)
    #expect(result.parallelRows == 3_001)
    var order: [String] = []
    var seen: Set<String> = []
    for line in text.split(separator: "\n").dropFirst() {
      for id in line.split(separator: ",", omittingEmptySubsequences: false).prefix(2) {
        let trimmed = id.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        if seen.insert(trimmed).inserted { order.append(trimmed) }
      }
    }
    #expect(result.ids == order)
  }
}
