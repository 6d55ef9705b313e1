import Foundation
import Testing

@testable import LoopLedger

/// A graph file must give back exactly what the CSV gave, and a damaged file must give an error
/// (naming the problem) or — never with the checksums on — the same answer; never a crash.
@Suite("Graph files")
struct GraphFileTests {
  /// What a read gives, as one comparable value (or the error's words).
  struct Outcome: Equatable, CustomStringConvertible {
    var network: FlowNetwork?
    var ids: [String] = []
    var counts: [Int] = []
    var error: String?

    init(_ read: () throws -> EdgeListCSV.Result) {
      do {
        let result = try read()
        network = result.network
        ids = result.ids
        counts = [result.rows, result.selfLoops, result.skippedRows, result.mergedRows]
      } catch {
        self.error = String(describing: error)
      }
    }

    var description: String { error ?? "\(ids.count) ids, \(network?.edgeCount ?? 0) edges, counts \(counts)" }
  }

  /// A random edge list: short, numbered, long and non-ASCII ids, self-loops, repeated pairs,
  /// and (when `bad`) rows that `--skip-bad-rows` skips.
  static func randomCSV(rows: Int, nodes: Int, seed: UInt64, bad: Bool = false) -> String {
    var rng = SplitMix64(seed: seed)
    func id(_ k: Int) -> String {
      switch k % 5 {
      case 0: "n\(k)"
      case 1: "\(k)"
      case 2: "\"Firma \(k), GmbH\""
      case 3: "公司\(k)"
      default: "node-\(k)-" + String(repeating: "x", count: k % 40)
      }
    }
    var text = "source,target,amount\n"
    for row in 0..<rows {
      let source = Int.random(in: 0..<nodes, using: &rng)
      let target = Int.random(in: 0..<8, using: &rng) == 0 ? source : Int.random(in: 0..<nodes, using: &rng)
      let amount = Double(Int.random(in: 0...1_000_000, using: &rng)) / 100
      if bad, row % 17 == 5 {
        text += "\(id(source)),\(id(target)),-\(amount)\n"
      } else {
        text += "\(id(source)),\(id(target)),\(amount)\n"
      }
    }
    return text
  }

  static func decode(_ bytes: [UInt8], threads: Int = 1) throws -> EdgeListCSV.Result {
    try bytes.withUnsafeBytes { try GraphFile.decode($0, file: "g.llg", threads: threads) }
  }

  /// Recomputes every checksum, so that a test can make a file that is intact but wrong.
  static func reseal(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { raw in
      for index in 0..<GraphFile.Section.allCases.count {
        let entry = GraphFile.Field.sectionTable + index * GraphFile.Field.sectionEntryBytes
        let offset = Int(raw.load(fromByteOffset: entry + 8, as: UInt64.self))
        let length = Int(raw.load(fromByteOffset: entry + 16, as: UInt64.self))
        guard offset + length <= raw.count else { continue }
        let sum = XXH64.hash(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)]))
        raw.storeBytes(of: sum.littleEndian, toByteOffset: entry + 24, as: UInt64.self)
      }
      let header = XXH64.hash(UnsafeRawBufferPointer(rebasing: raw[0..<GraphFile.Field.headerChecksum]))
      raw.storeBytes(of: header.littleEndian, toByteOffset: GraphFile.Field.headerChecksum, as: UInt64.self)
    }
  }

  static func section(_ bytes: [UInt8], _ section: GraphFile.Section) -> Int {
    let entry = GraphFile.Field.sectionTable + (section.rawValue - 1) * GraphFile.Field.sectionEntryBytes
    return bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: entry + 8, as: UInt64.self)) }
  }

  static func put<T: FixedWidthInteger>(_ value: T, at offset: Int, in bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self) }
  }

  static let sample: (csv: EdgeListCSV.Result, file: [UInt8]) = {
    let csv = try! EdgeListCSV.read(randomCSV(rows: 400, nodes: 60, seed: 7), file: "t.csv")
    return (csv, GraphFile.encode(csv))
  }()

  // MARK: - Round trips

  @Test(arguments: [(50, 10, 1), (2_000, 300, 2), (20_000, 3_000, 3), (5, 200, 4)] as [(Int, Int, UInt64)])
  func roundTripGivesTheSameResult(_ rows: Int, _ nodes: Int, _ seed: UInt64) throws {
    let text = Self.randomCSV(rows: rows, nodes: nodes, seed: seed)
    let csv = try EdgeListCSV.read(text, file: "t.csv")
    let file = GraphFile.encode(csv)
    for threads in [1, 2, 4] {
      #expect(Outcome { try Self.decode(file, threads: threads) } == Outcome { csv }, "\(threads) threads")
    }
    // Writing what was read gives the same bytes.
    #expect(GraphFile.encode(try Self.decode(file)) == file)
  }

  @Test func skippedRowsAndEmptyNetworksRoundTrip() throws {
    let skipped = try EdgeListCSV.read(
      Self.randomCSV(rows: 300, nodes: 40, seed: 9, bad: true), file: "t.csv", skipBadRows: true)
    #expect(skipped.skippedRows > 0)
    #expect(Outcome { try Self.decode(GraphFile.encode(skipped)) } == Outcome { skipped })
    let empty = try EdgeListCSV.read("source,target,amount\n", file: "t.csv")
    #expect(Outcome { try Self.decode(GraphFile.encode(empty)) } == Outcome { empty })
    let loopsOnly = try EdgeListCSV.read("source,target,amount\na,a,1\nb,b,2\n", file: "t.csv")
    let back = try Self.decode(GraphFile.encode(loopsOnly))
    #expect(back.ids == ["a", "b"] && back.network.edgeCount == 0 && back.selfLoops == 2)
  }

  /// Above 2^20 edges the rows are checked on several threads: a bad row in any part is found.
  @Test func largeNetworksAreCheckedInParts() throws {
    let nodes = 70_000
    let degree = 16
    var offsets = [0]
    var targets: [Int32] = []
    for node in 0..<nodes {
      targets += (1...degree).map { Int32((node + $0 * 37) % nodes) }.sorted()
      offsets.append(targets.count)
    }
    let network = FlowNetwork(
      nodeCount: nodes, offsets: offsets, targets: targets, weights: targets.map { Double($0 % 100) })
    let result = EdgeListCSV.Result(
      network: network, ids: (0..<nodes).map { "n\($0)" }, rows: targets.count, selfLoops: 0, skippedRows: 0,
      mergedRows: 0, skippedIssues: [], rowDetails: [])
    let file = GraphFile.encode(result)
    #expect(Outcome { try Self.decode(file, threads: 4) } == Outcome { result })
    for node in [5, nodes / 2 + 3, nodes - 1] {
      var bad = file
      Self.put(Int32(node), at: Self.section(file, .targets) + offsets[node] * 4, in: &bad)
      Self.reseal(&bad)
      let outcome = Outcome { try Self.decode(bad, threads: 4) }
      #expect(outcome.error?.contains("at node \(node), it has a self-loop") == true, "\(outcome)")
    }
  }

  @Test func layoutIsAsDocumented() {
    let file = Self.sample.file
    #expect(Array(file[0..<8]) == [0x89, 0x4C, 0x4C, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    #expect(Array(file[8..<24]) == [1, 0, 0, 0, 0, 1, 0, 0, 4, 3, 2, 1, 8, 4, 8, 8])
    for section in GraphFile.Section.allCases {
      #expect(Self.section(file, section) % 64 == 0)
    }
    #expect(Self.section(file, .rowOffsets) == 256)
  }

  @Test func recognisedByItsFirstBytes() {
    func recognised(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { GraphFile.isGraphFile(prefix: $0) } }
    #expect(recognised(GraphFile.magic))
    #expect(recognised(Array(GraphFile.magic[0..<4])))
    var damaged = GraphFile.magic
    damaged[1] = 0
    #expect(recognised(damaged))
    damaged[7] = 0
    #expect(!recognised(damaged))
    #expect(!recognised(Array(GraphFile.magic[0..<3]) + [0]))
    #expect(!recognised(Array("source,target,amount\n".utf8)))
    #expect(!recognised([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))  // PNG
    #expect(!recognised([0x89, 0x4C, 0x4C]))
  }

  // MARK: - Damaged and foreign files

  func expectError(_ bytes: [UInt8], _ words: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let outcome = Outcome { try Self.decode(bytes) }
    #expect(outcome.error?.contains(words) == true, "\(outcome)", sourceLocation: sourceLocation)
    #expect(outcome.error?.hasPrefix("g.llg: cannot be read: ") == true, sourceLocation: sourceLocation)
  }

  @Test func foreignFilesAreNamedAsSuch() {
    expectError([], "it is not a LoopLedger graph file")
    expectError(Array("source,target,amount\na,b,1\n".utf8), "it is not a LoopLedger graph file")
    expectError([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "it is not a LoopLedger graph file")
  }

  @Test func futureVersionsAskForANewerLoopLedger() {
    var file = Self.sample.file
    Self.put(UInt32(2), at: GraphFile.Field.version, in: &file)
    Self.reseal(&file)
    expectError(file, "format version 2, newer than this loopledger reads (version 1)")
    Self.put(UInt32(0), at: GraphFile.Field.version, in: &file)
    expectError(file, "format version 0, which does not exist")
  }

  @Test func cutOffFilesSaySo() {
    let file = Self.sample.file
    expectError(Array(file[0..<6]), "it is cut off after 6 bytes")
    expectError(Array(file[0..<100]), "inside its 256-byte header")
    expectError(Array(file.dropLast()), "it is cut off: it has \(file.count - 1) bytes, its header says \(file.count)")
    expectError(file + [0], "something was appended")
  }

  @Test func damagedBytesAreCaughtByTheChecksums() {
    let file = Self.sample.file
    var header = file
    header[GraphFile.Field.nodeCount] ^= 1
    expectError(header, "the checksum of its header does not match")
    for section in GraphFile.Section.allCases {
      var damaged = file
      damaged[Self.section(file, section) + 1] ^= 0x10
      expectError(damaged, "the checksum of its \(section.name) section does not match")
    }
    var magic = file
    magic[2] = 0x4D
    expectError(magic, "its first 8 bytes are not the graph file's magic number")
    var padding = file
    padding[Self.section(file, .targets) - 1] = 1
    expectError(padding, "the padding before its targets section is not zero")
  }

  /// Files whose checksums match but whose contents no writer produces.
  @Test func intactButImpossibleContentsAreRefused() {
    let file = Self.sample.file
    let nodes = Self.sample.csv.network.nodeCount
    func resealed(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
      var bytes = file
      change(&bytes)
      Self.reseal(&bytes)
      return bytes
    }
    let targets = Self.section(file, .targets)
    let weights = Self.section(file, .weights)
    let rows = Self.section(file, .rowOffsets)
    let idOffsets = Self.section(file, .idOffsets)
    let idBytes = Self.section(file, .idBytes)
    expectError(resealed { Self.put(Int32(nodes), at: targets, in: &$0) }, "an edge points to node \(nodes)")
    expectError(resealed { Self.put(Int32(-1), at: targets, in: &$0) }, "an edge points to node -1")
    // Node 0's first two edges swapped.
    let offsets = Self.sample.csv.network.offsets
    let row = (0..<nodes).first { offsets[$0 + 1] - offsets[$0] >= 2 }!
    expectError(
      resealed {
        let a = Self.sample.csv.network.targets[offsets[row]]
        let b = Self.sample.csv.network.targets[offsets[row] + 1]
        Self.put(b, at: targets + offsets[row] * 4, in: &$0)
        Self.put(a, at: targets + offsets[row] * 4 + 4, in: &$0)
      }, "its edges are not sorted by target without repeats")
    expectError(resealed { Self.put(Int32(row), at: targets + offsets[row] * 4, in: &$0) }, "it has a self-loop")
    let edges = Int64(Self.sample.csv.network.edgeCount)
    expectError(resealed { Self.put(edges, at: rows + 8, in: &$0) }, "at node 1, its row offsets decrease")
    expectError(resealed { Self.put(Int64(1), at: rows, in: &$0) }, "its row offsets do not run from 0")
    for bad in [-1.0, .nan, .infinity, 1e300] {
      expectError(resealed { Self.put(bad.bitPattern, at: weights + 8, in: &$0) }, "edge 1 has the weight")
    }
    expectError(resealed { Self.put(Int64(0), at: idOffsets + 8, in: &$0) }, "node 0 has an empty id")
    expectError(resealed { $0[idBytes] = 0xFF }, "the id of node 0 is not UTF-8")
    expectError(
      resealed { Self.put(UInt64(Self.sample.csv.rows + 1), at: GraphFile.Field.rows, in: &$0) }, "do not add up")
    expectError(
      resealed { Self.put(UInt64(1) << 40, at: GraphFile.Field.nodeCount, in: &$0) }, "cannot fit in")
    expectError(
      resealed { Self.put(UInt64(weights), at: GraphFile.Field.sectionTable + 32 * 3 + 8, in: &$0) },
      "overlaps another")
    expectError(
      resealed { Self.put(UInt32(7), at: GraphFile.Field.sectionTable + 32, in: &$0) },
      "does not list the targets section in its place")
    expectError(resealed { $0[GraphFile.Field.widths + 1] = 8 }, "word sizes")
  }

  /// Random damage: one to three random bytes changed, or the file cut at a random length, or
  /// at every length within the header — each gives an error or exactly the original result.
  @Test func randomDamageGivesAnErrorOrTheSameAnswer() {
    let file = Self.sample.file
    let original = Outcome { Self.sample.csv }
    var rng = SplitMix64(seed: 42)
    var errors = 0
    for trial in 0..<3_000 {
      var damaged = file
      if trial % 4 == 3 {
        damaged = Array(file[0..<Int.random(in: 0..<file.count, using: &rng)])
      } else {
        for _ in 0...(trial % 3) {
          damaged[Int.random(in: 0..<file.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        }
      }
      let outcome = Outcome { try Self.decode(damaged, threads: 1 + trial % 2) }
      if outcome.error != nil { errors += 1 } else { #expect(outcome == original, "trial \(trial)") }
    }
    #expect(errors > 2_900)
    for length in 0..<(GraphFile.headerBytes + 64) {
      #expect(Outcome { try Self.decode(Array(file[0..<length])) }.error != nil, "cut at \(length)")
    }
    // Every single byte of the file, changed.
    for index in file.indices {
      var damaged = file
      damaged[index] ^= 0x5A
      #expect(Outcome { try Self.decode(damaged) }.error != nil, "byte \(index)")
    }
  }
}
