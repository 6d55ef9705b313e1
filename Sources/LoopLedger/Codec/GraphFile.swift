import Dispatch
import Foundation

/// The graph file: a loaded edge list (``EdgeListCSV/Result``) in a compact, versioned,
/// checksummed binary form that opens without parsing (`loopledger convert`; docs/graph-file.md
/// describes every byte).
///
/// Little-endian throughout. A 256-byte header — magic `89 4C 4C 47 0D 0A 1A 0A`, format
/// version, header size, a byte-order mark, the word sizes, the counts, the file's length, a
/// table of five sections (kind, offset, length, XXH64 of the section's bytes) and the XXH64 of
/// the header itself — then the sections, each starting on a multiple of 64: the CSR row offsets
/// (`Int64` × (nodes + 1)), the targets (`Int32` × edges), the weights (`Float64` × edges), the id
/// offsets (`Int64` × (nodes + 1)) and the ids' UTF-8 bytes.
///
/// Reading trusts nothing: every size, offset and count is checked against the file's length
/// before anything is read; the CSR offsets must rise from 0 to the edge count, each row's
/// targets must be other nodes in increasing order, each weight must be an amount the CSV reader
/// could have summed, each id non-empty UTF-8, and the checksums must match. A file that fails
/// any check gets ``LedgerError/unreadable(file:reason:)`` naming the problem.
public enum GraphFile {
  /// The first eight bytes: `\x89LLG\r\n\x1a\n` (PNG's design: a high byte, the name, and line
  /// ends that a text-mode transfer would change).
  public static let magic: [UInt8] = [0x89, 0x4C, 0x4C, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
  /// The format version this code writes and reads.
  public static let version: UInt32 = 1
  /// The header's length in bytes.
  public static let headerBytes = 256
  /// The byte-order mark, written little-endian (`04 03 02 01`).
  static let byteOrderMark: UInt32 = 0x0102_0304
  /// Sections start on multiples of this.
  static let alignment = 64

  /// The sections, in file order.
  enum Section: Int, CaseIterable {
    case rowOffsets = 1, targets, weights, idOffsets, idBytes

    var name: String {
      switch self {
      case .rowOffsets: "row offsets"
      case .targets: "targets"
      case .weights: "weights"
      case .idOffsets: "id offsets"
      case .idBytes: "id bytes"
      }
    }
  }

  /// Where the header's fields are.
  enum Field {
    static let version = 8
    static let headerBytes = 12
    static let byteOrder = 16
    static let widths = 20  // 4 bytes: row offset, target, weight, id offset
    static let sectionCount = 24
    static let flags = 28
    static let nodeCount = 32
    static let edgeCount = 40
    static let rows = 48
    static let selfLoops = 56
    static let mergedRows = 64
    static let skippedRows = 72
    static let fileBytes = 80
    static let sectionTable = 88  // 5 × 32 bytes: kind u32, reserved u32, offset, length, checksum
    static let sectionEntryBytes = 32
    static let headerChecksum = 248
  }

  static let widths: [UInt8] = [8, 4, 8, 8]

  // MARK: - Writing

  /// The graph file of a loaded edge list.
  ///
  /// - Complexity: O(nodes + edges + id bytes); memory: the file.
  public static func encode(_ result: EdgeListCSV.Result) -> [UInt8] {
    let network = result.network
    let nodes = network.nodeCount
    let edges = network.edgeCount
    var idOffsets = [Int64](repeating: 0, count: nodes + 1)
    var idBytes: [UInt8] = []
    idBytes.reserveCapacity(nodes * 8)
    for (node, id) in result.ids.enumerated() {
      idBytes.append(contentsOf: id.utf8)
      idOffsets[node + 1] = Int64(idBytes.count)
    }
    let lengths = [(nodes + 1) * 8, edges * 4, edges * 8, (nodes + 1) * 8, idBytes.count]
    var starts: [Int] = []
    var end = headerBytes
    for length in lengths {
      let start = (end + alignment - 1) / alignment * alignment
      starts.append(start)
      end = start + length
    }
    var file = [UInt8](repeating: 0, count: end)
    file.withUnsafeMutableBytes { out in
      guard let base = out.baseAddress else { return }
      func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        base.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
      }
      func putArray<T: FixedWidthInteger>(_ values: [T], at offset: Int) {
        values.withUnsafeBufferPointer { values in
          if hostIsLittleEndian {
            guard let source = values.baseAddress else { return }
            (base + offset).copyMemory(from: source, byteCount: values.count * MemoryLayout<T>.size)
          } else {
            for (index, value) in values.enumerated() { put(value, at: offset + index * MemoryLayout<T>.size) }
          }
        }
      }
      for (index, byte) in magic.enumerated() { put(byte, at: index) }
      put(version, at: Field.version)
      put(UInt32(headerBytes), at: Field.headerBytes)
      put(byteOrderMark, at: Field.byteOrder)
      for (index, width) in widths.enumerated() { put(width, at: Field.widths + index) }
      put(UInt32(Section.allCases.count), at: Field.sectionCount)
      put(UInt32(0), at: Field.flags)
      put(UInt64(nodes), at: Field.nodeCount)
      put(UInt64(edges), at: Field.edgeCount)
      put(UInt64(result.rows), at: Field.rows)
      put(UInt64(result.selfLoops), at: Field.selfLoops)
      put(UInt64(result.mergedRows), at: Field.mergedRows)
      put(UInt64(result.skippedRows), at: Field.skippedRows)
      put(UInt64(end), at: Field.fileBytes)
      putArray(network.offsets.map { Int64($0) }, at: starts[0])
      putArray(network.targets, at: starts[1])
      putArray(network.weights.map { $0.bitPattern }, at: starts[2])
      putArray(idOffsets, at: starts[3])
      putArray(idBytes, at: starts[4])
      for (index, section) in Section.allCases.enumerated() {
        let entry = Field.sectionTable + index * Field.sectionEntryBytes
        let bytes = UnsafeRawBufferPointer(start: base + starts[index], count: lengths[index])
        put(UInt32(section.rawValue), at: entry)
        put(UInt64(starts[index]), at: entry + 8)
        put(UInt64(lengths[index]), at: entry + 16)
        put(XXH64.hash(bytes), at: entry + 24)
      }
      put(XXH64.hash(UnsafeRawBufferPointer(start: base, count: Field.headerChecksum)), at: Field.headerChecksum)
    }
    return file
  }

  // MARK: - Recognising

  /// Whether bytes that start a file make it a graph file (or a damaged one).
  ///
  /// Its first eight bytes differ from the magic in at most one place, or a shorter file (at
  /// least four bytes) is a start of the magic. A CSV file never comes close, nor does a PNG
  /// image (two places).
  ///
  /// - Complexity: O(1).
  public static func isGraphFile(prefix: UnsafeRawBufferPointer) -> Bool {
    let count = min(prefix.count, magic.count)
    guard count >= 4 else { return false }
    var mismatches = 0
    for index in 0..<count where prefix[index] != magic[index] { mismatches += 1 }
    return count == magic.count ? mismatches <= 1 : mismatches == 0
  }

  /// The file length a graph file's header declares, if `prefix` holds that field (nothing
  /// else is checked).
  public static func declaredLength(prefix: UnsafeRawBufferPointer) -> Int? {
    guard prefix.count >= Field.fileBytes + 8 else { return nil }
    let value = UInt64(littleEndian: prefix.loadUnaligned(fromByteOffset: Field.fileBytes, as: UInt64.self))
    return Int(min(value, UInt64(Int.max / 2)))
  }

  // MARK: - Reading

  /// Reads a graph file held in memory (typically memory-mapped).
  ///
  /// - Parameters:
  ///   - bytes: The whole file.
  ///   - file: The name used in messages.
  ///   - threads: Check and copy the sections on this many threads.
  /// - Returns: The network, ids and row counts exactly as the CSV they were converted from gave
  ///   them (no skipped-row issues, no row details).
  /// - Throws: ``LedgerError/unreadable(file:reason:)`` naming the first problem found.
  /// - Complexity: O(nodes + edges + id bytes): one pass over each section that copies, hashes
  ///   and checks 64 KiB at a time, then the rows and the ids; memory: the network and ids.
  public static func decode(_ bytes: UnsafeRawBufferPointer, file: String, threads: Int = 1) throws
    -> EdgeListCSV.Result
  {
    let header = try Header(bytes, file: file)
    guard let base = bytes.baseAddress else { throw damaged(file, "it is empty") }
    let sections = header.sections.map { UnsafeRawBufferPointer(start: base + $0.offset, count: $0.length) }
    let nodes = header.nodeCount
    let edges = header.edgeCount
    let maximumWeight = NumberRule.amount.high * Double(header.mergedRows + 1)
    let shared = UnsafeSendable(sections)
    let entries = header.sections
    // One task per section: copy it, hashing and checking each piece while it is in cache.
    let task: @Sendable (Int) throws -> Decoded = { index in
      let bytes = shared.value[index]
      let section = Section.allCases[index]
      let decoded: Decoded
      let checksum: UInt64
      switch section {
      case .rowOffsets, .idOffsets:
        let (values, sum, _) = copy(bytes, count: nodes + 1, as: Int.self, from: Int64.self) { _, _ in nil }
        (decoded, checksum) = (.offsets(values), sum)
      case .targets:
        let (values, sum, _) = copy(bytes, count: edges, as: Int32.self, from: Int32.self) { _, _ in nil }
        (decoded, checksum) = (.targets(values), sum)
      case .weights:
        let (values, sum, bad) = copy(bytes, count: edges, as: Double.self, from: UInt64.self) { piece, first in
          for (index, weight) in piece.enumerated() where !(weight >= 0 && weight <= maximumWeight) {
            return first + index
          }
          return nil
        }
        if let bad, sum == entries[index].checksum {
          throw damaged(
            file,
            "edge \(bad) has the weight \(values[bad]), which no CSV edge list gives (amounts are from 0 to 10^16)")
        }
        (decoded, checksum) = (.weights(values), sum)
      case .idBytes:
        (decoded, checksum) = (.none, XXH64.hash(bytes))
      }
      guard checksum == entries[index].checksum else {
        throw damaged(
          file,
          "the checksum of its \(section.name) section does not match (the file was changed or damaged after it was written)"
        )
      }
      return decoded
    }
    // The big sections first, so that two threads finish together.
    let order = [Section.weights, .targets, .rowOffsets, .idOffsets, .idBytes].map { $0.rawValue - 1 }
    var results = [Decoded](repeating: .none, count: order.count)
    if threads > 1 {
      for (slot, result) in try Parallel.map(count: order.count, { try task(order[$0]) }).enumerated() {
        results[order[slot]] = result
      }
    } else {
      for index in order { results[index] = try task(index) }
    }
    guard case .offsets(let offsets) = results[0], case .targets(let targets) = results[1],
      case .weights(let weights) = results[2], case .offsets(let idOffsets) = results[3]
    else { throw damaged(file, "its sections could not be read") }
    try checkRows(offsets: offsets, targets: targets, nodes: nodes, file: file, threads: threads)
    let ids = try readIDs(offsets: idOffsets, bytes: sections[4], file: file, threads: threads)
    let network = FlowNetwork(nodeCount: nodes, offsets: offsets, targets: targets, weights: weights)
    return EdgeListCSV.Result(
      network: network, ids: ids, rows: header.rows, selfLoops: header.selfLoops,
      skippedRows: header.skippedRows, mergedRows: header.mergedRows, skippedIssues: [], rowDetails: [])
  }

  private enum Decoded: Sendable {
    case offsets([Int])
    case targets([Int32])
    case weights([Double])
    case none
  }

  static let hostIsLittleEndian = 1.littleEndian == 1

  /// The first `count` little-endian values of type `Stored` in `bytes` (which holds exactly
  /// that many), as `T` of the same size, copied 64 KiB at a time; each piece is hashed and
  /// handed to `check` (with the index of its first value) while it is in cache.
  ///
  /// - Returns: The values, the XXH64 of `bytes`, and the first index `check` returned.
  private static func copy<T: BitwiseCopyable, Stored: FixedWidthInteger>(
    _ bytes: UnsafeRawBufferPointer, count: Int, as: T.Type, from: Stored.Type,
    check: (UnsafeBufferPointer<T>, Int) -> Int?
  ) -> (values: [T], checksum: UInt64, bad: Int?) {
    precondition(MemoryLayout<T>.size == MemoryLayout<Stored>.size, "a value and its stored form differ in size")
    precondition(bytes.count == count * MemoryLayout<T>.size, "the section's length was checked")
    let size = MemoryLayout<T>.size
    let piece = 1 << 16
    var stream = XXH64.Stream()
    var checksum = XXH64.hash(UnsafeRawBufferPointer(start: nil, count: 0))
    var bad: Int?
    let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      initialized = 0
      guard let destination = buffer.baseAddress, let source = bytes.baseAddress, count > 0 else { return }
      let raw = UnsafeMutableRawPointer(destination)
      var offset = 0
      while offset < bytes.count {
        let length = min(piece, bytes.count - offset)
        (raw + offset).copyMemory(from: source + offset, byteCount: length)
        let copied = UnsafeRawBufferPointer(start: raw + offset, count: length)
        if offset + length == bytes.count {
          checksum = stream.finish(copied)
        } else {
          stream.update(copied)
        }
        if !hostIsLittleEndian {
          for at in stride(from: offset, to: offset + length, by: size) {
            let word = Stored(littleEndian: raw.load(fromByteOffset: at, as: Stored.self))
            raw.storeBytes(of: word, toByteOffset: at, as: Stored.self)
          }
        }
        if bad == nil {
          bad = check(UnsafeBufferPointer(start: destination + offset / size, count: length / size), offset / size)
        }
        offset += length
      }
      initialized = count
    }
    return (values, checksum, bad)
  }

  /// Checks the CSR invariants ``FlowNetwork`` relies on: offsets rise from 0 to the edge count,
  /// and each row's targets are other nodes in increasing order (rows split between threads).
  private static func checkRows(offsets: [Int], targets: [Int32], nodes: Int, file: String, threads: Int) throws {
    guard offsets.first == 0, offsets.last == targets.count else {
      throw damaged(file, "its row offsets do not run from 0 to the number of edges")
    }
    if let node = (0..<nodes).first(where: { offsets[$0] > offsets[$0 + 1] }) {
      throw damaged(file, "at node \(node), its row offsets decrease")
    }
    let parts = targets.count >= 1 << 20 ? max(1, min(threads, 4)) : 1
    // Node ranges with about equal numbers of edges.
    var bounds = [0]
    for part in 1..<parts {
      let wanted = targets.count * part / parts
      var low = bounds[part - 1]
      var high = nodes
      while low < high {
        let middle = (low + high) / 2
        if offsets[middle] < wanted { low = middle + 1 } else { high = middle }
      }
      bounds.append(low)
    }
    bounds.append(nodes)
    let partBounds = bounds
    let check: @Sendable (Int) -> (node: Int, words: String)? = { part in
      offsets.withUnsafeBufferPointer { offsets in
        targets.withUnsafeBufferPointer { targets in
          let limit = Int32(truncatingIfNeeded: nodes)
          for node in partBounds[part]..<partBounds[part + 1] {
            var previous: Int32 = -1
            for position in offsets[node]..<offsets[node + 1] {
              let target = targets[position]
              guard target > previous, target < limit else {
                return (
                  node,
                  target >= limit || target < 0
                    ? "an edge points to node \(target), but there are \(nodes) nodes"
                    : "its edges are not sorted by target without repeats"
                )
              }
              guard Int(target) != node else { return (node, "it has a self-loop, which no CSV edge list gives") }
              previous = target
            }
          }
          return nil
        }
      }
    }
    let problems = parts > 1 ? (try Parallel.map(count: parts) { check($0) }) : [check(0)]
    if let problem = problems.compactMap({ $0 }).first {
      throw damaged(file, "at node \(problem.node), \(problem.words)")
    }
  }

  /// The ids: `offsets` rise from 0 to the length of `bytes`, and each id is non-empty UTF-8.
  private static func readIDs(offsets: [Int], bytes: UnsafeRawBufferPointer, file: String, threads: Int) throws
    -> [String]
  {
    guard offsets.first == 0, offsets.last == bytes.count else {
      throw damaged(file, "its id offsets do not run from 0 to the length of the id bytes")
    }
    let nodes = offsets.count - 1
    for node in 0..<nodes where offsets[node] >= offsets[node + 1] {
      throw damaged(
        file, "node \(node) has \(offsets[node] == offsets[node + 1] ? "an empty id" : "a negative length")")
    }
    guard let base = bytes.baseAddress, nodes > 0 else { return [] }
    var high: UInt64 = 0
    var position = 0
    while position + 8 <= bytes.count {
      high |= bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
      position += 8
    }
    while position < bytes.count {
      high |= UInt64(bytes[position])
      position += 1
    }
    let ascii = high & 0x8080_8080_8080_8080 == 0
    let parts = max(1, min(threads, 4, nodes / 50_000 + 1))
    let shared = UnsafeSendable(base)
    if ascii {
      // Every id is non-empty ASCII, so nothing below can fail: build them in place.
      return [String](unsafeUninitializedCapacity: nodes) { buffer, initialized in
        guard let start = buffer.baseAddress else { return }
        let target = UnsafeSendable(start)
        let fill: @Sendable (Int) -> Void = { part in
          let (base, first) = (shared.value, target.value)
          for node in (nodes * part / parts)..<(nodes * (part + 1) / parts) {
            let id = UnsafeRawBufferPointer(start: base + offsets[node], count: offsets[node + 1] - offsets[node])
            (first + node).initialize(to: String(decoding: id, as: UTF8.self))
          }
        }
        if parts > 1 { DispatchQueue.concurrentPerform(iterations: parts, execute: fill) } else { fill(0) }
        initialized = nodes
      }
    }
    let chunks = try Parallel.map(count: parts) { part -> [String] in
      let base = shared.value
      let range = (nodes * part / parts)..<(nodes * (part + 1) / parts)
      var ids: [String] = []
      ids.reserveCapacity(range.count)
      for node in range {
        let id = UnsafeRawBufferPointer(start: base + offsets[node], count: offsets[node + 1] - offsets[node])
        guard let text = String(validating: id, as: UTF8.self) else {
          throw damaged(file, "the id of node \(node) is not UTF-8")
        }
        ids.append(text)
      }
      return ids
    }
    return Array(chunks.joined())
  }

  static func damaged(_ file: String, _ problem: String) -> LedgerError {
    LedgerError.unreadable(file: file, reason: "it is a damaged LoopLedger graph file: \(problem)")
  }

  // MARK: - The header

  struct SectionEntry: Sendable {
    var offset: Int
    var length: Int
    var checksum: UInt64
  }

  /// The header, checked field by field against the file's length.
  struct Header {
    var nodeCount: Int
    var edgeCount: Int
    var rows: Int
    var selfLoops: Int
    var mergedRows: Int
    var skippedRows: Int
    var sections: [SectionEntry]

    init(_ bytes: UnsafeRawBufferPointer, file: String) throws {
      func u32(_ offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
      }
      func u64(_ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      }
      let size = bytes.count
      let prefix = UnsafeRawBufferPointer(rebasing: bytes[0..<min(size, magic.count)])
      guard size >= magic.count, prefix.elementsEqual(magic) else {
        if isGraphFile(prefix: prefix) {
          throw size < magic.count
            ? damaged(file, "it is cut off after \(size) bytes")
            : damaged(file, "its first 8 bytes are not the graph file's magic number (89 4C 4C 47 0D 0A 1A 0A)")
        }
        throw LedgerError.unreadable(
          file: file,
          reason:
            "it is not a LoopLedger graph file (those start with the bytes 89 4C 4C 47 0D 0A 1A 0A; `loopledger convert` writes them)"
        )
      }
      // The version first: a newer file may have a longer header.
      guard size >= Field.version + 4 else { throw damaged(file, "it is cut off after \(size) bytes") }
      let version = u32(Field.version)
      guard version == GraphFile.version else {
        throw LedgerError.unreadable(
          file: file,
          reason: version > GraphFile.version
            ? "it is a LoopLedger graph file of format version \(version), newer than this loopledger reads (version \(GraphFile.version)); update loopledger, or convert the CSV again with this one"
            : "it is a damaged LoopLedger graph file: it says format version \(version), which does not exist")
      }
      guard size >= headerBytes else {
        throw damaged(file, "it is cut off after \(size) bytes, inside its \(headerBytes)-byte header")
      }
      let headerSum = XXH64.hash(UnsafeRawBufferPointer(rebasing: bytes[0..<Field.headerChecksum]))
      guard headerSum == u64(Field.headerChecksum) else {
        throw damaged(file, "the checksum of its header does not match (the header was changed or damaged)")
      }
      // The header is intact; what follows checks what a writer could have got wrong.
      guard u32(Field.headerBytes) == UInt32(headerBytes), u32(Field.byteOrder) == byteOrderMark,
        (0..<4).map({ bytes[Field.widths + $0] }) == widths, u32(Field.sectionCount) == UInt32(Section.allCases.count),
        u32(Field.flags) == 0
      else {
        throw damaged(
          file,
          "its header has a layout (header size, byte order, word sizes or sections) this loopledger does not write")
      }
      let declared = u64(Field.fileBytes)
      guard declared == UInt64(size) else {
        throw declared > UInt64(size)
          ? damaged(file, "it is cut off: it has \(size) bytes, its header says \(declared)")
          : damaged(file, "it has \(size) bytes, but its header says \(declared): something was appended")
      }
      // Every count fits in the file, so none of the products below overflows.
      func count(_ offset: Int, _ what: String) throws -> Int {
        let value = u64(offset)
        guard value <= UInt64(size) else { throw damaged(file, "its \(what) (\(value)) cannot fit in \(size) bytes") }
        return Int(value)
      }
      nodeCount = try count(Field.nodeCount, "node count")
      edgeCount = try count(Field.edgeCount, "edge count")
      rows = try count(Field.rows, "row count")
      selfLoops = try count(Field.selfLoops, "self-loop count")
      mergedRows = try count(Field.mergedRows, "merged-row count")
      skippedRows = try count(Field.skippedRows, "skipped-row count")
      guard nodeCount <= Int(Int32.max) else { throw damaged(file, "it has more nodes than a network can hold") }
      guard edgeCount + mergedRows + selfLoops + skippedRows == rows else {
        throw damaged(file, "its counts of edges, merged rows, self-loops and skipped rows do not add up to its rows")
      }
      let expected = [(nodeCount + 1) * 8, edgeCount * 4, edgeCount * 8, (nodeCount + 1) * 8]
      var sections: [SectionEntry] = []
      var end = headerBytes
      for (index, section) in Section.allCases.enumerated() {
        let entry = Field.sectionTable + index * Field.sectionEntryBytes
        let offset = u64(entry + 8)
        let length = u64(entry + 16)
        guard u32(entry) == UInt32(section.rawValue), u32(entry + 4) == 0 else {
          throw damaged(file, "its section table does not list the \(section.name) section in its place")
        }
        guard offset >= UInt64(end), offset <= UInt64(size), length <= UInt64(size) - offset else {
          throw damaged(file, "its \(section.name) section lies outside the file or overlaps another")
        }
        guard offset % UInt64(alignment) == 0 else {
          throw damaged(file, "its \(section.name) section does not start on a multiple of \(alignment)")
        }
        guard bytes[end..<Int(offset)].allSatisfy({ $0 == 0 }) else {
          throw damaged(file, "the padding before its \(section.name) section is not zero")
        }
        guard index == expected.count || Int(length) == expected[index] else {
          throw damaged(
            file, "its \(section.name) section has \(length) bytes, not the \(expected[index]) its counts need")
        }
        end = Int(offset + length)
        sections.append(SectionEntry(offset: Int(offset), length: Int(length), checksum: u64(entry + 24)))
      }
      guard end == size else { throw damaged(file, "it has bytes after its last section") }
      self.sections = sections
    }
  }
}
