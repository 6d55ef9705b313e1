import Foundation

// The CSV reader's parallel path for plain rows.
//
// A chunk's complete records are cut into one part per thread at line ends. Each thread parses
// its part — only if every record in it is a *plain row*: no quote anywhere, at least as many
// fields as the header needs, non-empty source and target, an amount the sequential reader
// accepts; or a blank line. Ids are looked up in the shared interner (read-only while the
// threads run) and, when new, interned in the part's own table of new keys. Then, on one thread
// and in part order, the new keys are added to the shared interner — so node numbers follow the
// order of first appearance exactly as when reading on one thread — the part's rows are
// renumbered and appended to the builder in file order.
//
// If any part meets anything else (a quote, a bad row, a header-less line …), the whole chunk
// goes to the sequential parser, which reads it exactly as before: line numbers, problems,
// `skipBadRows` and quoting stay its business. Nothing of a failed attempt is kept.

extension EdgeListCSV.Parser {
  /// Parses every complete record of `bytes` — plain rows on several threads when it can —
  /// and returns how many bytes were used (see ``consume(_:isLast:stopAfterHeader:)``).
  mutating func consumeChunk(_ bytes: UnsafeRawBufferPointer, isLast: Bool) throws -> Int {
    guard threads > 1, !keepRows else { return try consume(bytes, isLast: isLast) }
    var used = 0
    if columns == nil {
      used = try consume(bytes, isLast: isLast, stopAfterHeader: true)
      if columns == nil { return used }
    }
    used += consumePlain(UnsafeRawBufferPointer(rebasing: bytes[used...]))
    return used + (try consume(UnsafeRawBufferPointer(rebasing: bytes[used...]), isLast: isLast))
  }

  /// Parses the records of `bytes` up to its last line end if all are plain; returns the bytes
  /// used (0 when they are left to the sequential parser).
  mutating func consumePlain(_ bytes: UnsafeRawBufferPointer) -> Int {
    guard let columns, threads > 1 else { return 0 }
    var end = bytes.count
    while end > 0, bytes[end - 1] != UInt8(ascii: "\n") { end -= 1 }
    guard end > 0 else { return 0 }
    let partCount = max(1, min(threads, end / minimumPartBytes))
    var bounds = [0]
    for part in 1..<max(partCount, 1) {
      var bound = max(end * part / partCount, bounds[part - 1])
      while bound < end, bound > 0, bytes[bound - 1] != UInt8(ascii: "\n") { bound += 1 }
      bounds.append(bound)
    }
    bounds.append(end)
    while parts.count < partCount { parts.append(PlainPart()) }
    if interner.count == 0 { chooseNumberedPrefix(bytes, columns: columns) }

    let parsed = parts.withUnsafeMutableBufferPointer { parts in
      Self.parseParts(bytes, bounds: bounds, columns: columns, shared: interner, into: parts)
    }
    guard parsed else { return 0 }

    // One thread, in part order: new keys into the shared interner, then the rows.
    for part in 0..<partCount {
      parts[part].number(into: &interner, bytes)
      builder.append(
        sources: parts[part].sources, targets: parts[part].targets, weights: parts[part].weights,
        count: parts[part].sources.count)
      rows += parts[part].rows
      parallelRows += parts[part].rows
      selfLoops += parts[part].selfLoops
      line += parts[part].lines
    }
    lastSource = -1
    return end
  }

  /// Lets the interner choose its numbered-id prefix from the first record's source id.
  private mutating func chooseNumberedPrefix(
    _ bytes: UnsafeRawBufferPointer, columns: EdgeListCSV.Columns
  ) {
    var field = 0
    var start = 0
    var index = 0
    while index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\"") {
      if bytes[index] == UInt8(ascii: ",") {
        if field == columns.source { break }
        field += 1
        start = index + 1
      }
      index += 1
    }
    guard field == columns.source, index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return }
    let range = PlainPart.trimmed(bytes, start..<index)
    interner.chooseNumberedPrefix(UnsafeRawBufferPointer(rebasing: bytes[range]))
  }

  /// Parses each part on its own thread; false if any part is not all plain rows.
  private static func parseParts(
    _ bytes: UnsafeRawBufferPointer, bounds: [Int], columns: EdgeListCSV.Columns,
    shared interner: Interner, into parts: UnsafeMutableBufferPointer<PlainPart>
  ) -> Bool {
    let partCount = bounds.count - 1
    let workspace = UnsafeSendable((bytes, parts))
    let plain =
      (try? Parallel.map(count: partCount) { part -> Bool in
        let (bytes, parts) = workspace.value
        return parts[part].parse(
          bytes, bounds[part]..<bounds[part + 1], columns: columns, shared: interner)
      }) ?? []
    return plain.count == partCount && !plain.contains(false)
  }
}

/// 10⁰ … 10¹⁵, exact.
private let plainPowersOfTen: [Double] = (0...15).map { exponent in
  var value = 1.0
  for _ in 0..<exponent { value *= 10 }
  return value
}

/// One thread's share of a chunk.
///
/// Its rows (ids as shared node numbers, or `-(k + 1)` for its k-th new key), its new keys, and
/// its counts. Reused from chunk to chunk, so that parsing allocates nothing per row.
struct PlainPart {
  var sources: [Int32] = []
  var targets: [Int32] = []
  var weights: [Double] = []
  var rows = 0
  var lines = 0
  var selfLoops = 0
  /// New keys, by first appearance in the part: byte offset in the chunk, length, hash.
  private var keyOffsets: [Int] = []
  private var keyLengths: [Int] = []
  private var keyHashes: [UInt64] = []
  /// Open addressing over the new keys: slot → key number + 1 (0 = empty).
  private var table = [Int32](repeating: 0, count: 1 << 12)
  private var usedSlots: [Int] = []
  /// Rows waiting to be interned together (their lookups overlap their cache misses).
  private var pending: [(source: Range<Int>, target: Range<Int>, amount: Double)] = []
  private var pendingHashes: [UInt64] = []
  /// Per pending id: its numbered node (≥ 0), −1 a new numbered id, −2 not a numbered id; its
  /// number (−1 for none).
  private var pendingNodes: [Int32] = []
  private var pendingNumbers: [Int] = []
  /// The touched slots' words, kept so that the touches are not optimised away.
  private var touchSink: UInt64 = 0
  private static let batchSize = 128

  private mutating func reset() {
    sources.removeAll(keepingCapacity: true)
    targets.removeAll(keepingCapacity: true)
    weights.removeAll(keepingCapacity: true)
    rows = 0
    lines = 0
    selfLoops = 0
    keyOffsets.removeAll(keepingCapacity: true)
    keyLengths.removeAll(keepingCapacity: true)
    keyHashes.removeAll(keepingCapacity: true)
    for slot in usedSlots { table[slot] = 0 }
    usedSlots.removeAll(keepingCapacity: true)
    pending.removeAll(keepingCapacity: true)
  }

  /// Parses the records of `bytes[range]` (which ends with a line end); false at the first
  /// record that is not a plain row or a blank line.
  ///
  /// A part with a quote anywhere is not plain (one `memchr`); otherwise separators are found
  /// eight bytes at a time.
  mutating func parse(
    _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, columns: EdgeListCSV.Columns,
    shared interner: Interner
  ) -> Bool {
    reset()
    guard let base = bytes.baseAddress else { return range.isEmpty }
    if !range.isEmpty, memchr(base + range.lowerBound, Int32(UInt8(ascii: "\"")), range.count) != nil {
      return false
    }
    let needed = columns.needed
    let rule = NumberRule.amount
    var index = range.lowerBound
    let end = range.upperBound
    let wordEnd = bytes.count - 8
    let newline = UInt8(ascii: "\n")
    while index < end {
      lines += 1
      var field = 0
      var fieldStart = index
      var source = 0..<0
      var target = 0..<0
      var amount = 0..<0
      var firstEmpty = false
      while true {
        // The next comma or line end at or after `index` (the part ends with a line end).
        var separator = index
        while true {
          if separator <= wordEnd {
            let mask = Self.separatorMask(base.loadUnaligned(fromByteOffset: separator, as: UInt64.self))
            if mask == 0 {
              separator += 8
              continue
            }
            separator += mask.trailingZeroBitCount >> 3
            break
          }
          let byte = bytes[separator]
          if byte == newline || byte == UInt8(ascii: ",") { break }
          separator += 1
        }
        let byte = bytes[separator]
        var fieldEnd = separator
        if byte == newline, fieldEnd > fieldStart, bytes[fieldEnd - 1] == UInt8(ascii: "\r") {
          fieldEnd -= 1
        }
        if field == 0 { firstEmpty = fieldEnd == fieldStart }
        if field == columns.source { source = fieldStart..<fieldEnd }
        if field == columns.target { target = fieldStart..<fieldEnd }
        if field == columns.amount { amount = fieldStart..<fieldEnd }
        field += 1
        index = separator + 1
        fieldStart = index
        if byte == newline { break }
      }
      if field == 1, firstEmpty { continue }  // blank line
      guard field > needed else { return false }
      rows += 1
      source = Self.trimmed(bytes, source)
      target = Self.trimmed(bytes, target)
      let amountRange = Self.trimmed(bytes, amount)
      guard !source.isEmpty, !target.isEmpty,
        let value = Self.plainDecimal(bytes, amountRange)
          ?? EdgeListCSV.Parser.parseAmount(bytes, amountRange),
        rule.allows(value)
      else { return false }
      pending.append((source, target, value))
      if pending.count == Self.batchSize { flush(bytes, interner) }
    }
    flush(bytes, interner)
    return true
  }

  /// The high bit of each byte of `word` (little-endian) that is a comma or a line feed; exact,
  /// no false positives.
  @inline(__always)
  static func separatorMask(_ word: UInt64) -> UInt64 {
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let comma = word ^ 0x2C2C_2C2C_2C2C_2C2C
    let newline = word ^ 0x0A0A_0A0A_0A0A_0A0A
    let commaZero = ~(((comma & low) &+ low) | comma)
    let newlineZero = ~(((newline & low) &+ low) | newline)
    return (commaZero | newlineZero) & ~low
  }

  /// `digits[.digits]` with at most 15 digits in all, as ``EdgeListCSV/Parser/parseAmount(_:_:)``
  /// reads it (the same double: the integer of the digits, exact, divided by a power of ten);
  /// nil for anything else, which the full reader then takes.
  @inline(__always)
  static func plainDecimal(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Double? {
    guard !range.isEmpty, range.count <= 16 else { return nil }
    var mantissa: UInt64 = 0
    var index = range.lowerBound
    var digits = 0
    var scale = 0
    var point = false
    while index < range.upperBound {
      let byte = bytes[index]
      if byte &- 48 <= 9 {
        mantissa = mantissa &* 10 &+ UInt64(byte &- 48)
        digits += 1
        if point { scale += 1 }
      } else if byte == UInt8(ascii: "."), !point, digits > 0 {
        point = true
      } else {
        return nil
      }
      index += 1
    }
    guard digits > 0, digits <= 15, !point || scale > 0 else { return nil }
    return scale == 0 ? Double(mantissa) : Double(mantissa) / plainPowersOfTen[scale]
  }

  static func trimmed(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
    while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
    return lower..<upper
  }

  /// Looks up the pending rows' ids in three passes, so that the lookups of a batch overlap
  /// their cache misses: parse each id's number (or hash it), then read every numbered id's node
  /// and touch every other id's slot in one tight loop, then resolve the rows.
  private mutating func flush(_ bytes: UnsafeRawBufferPointer, _ interner: Interner) {
    guard !pending.isEmpty else { return }
    let count = 2 * pending.count
    if pendingNodes.count < count {
      pendingNodes = [Int32](repeating: 0, count: 2 * Self.batchSize)
      pendingHashes = [UInt64](repeating: 0, count: 2 * Self.batchSize)
      pendingNumbers = [Int](repeating: 0, count: 2 * Self.batchSize)
    }
    pendingNumbers.withUnsafeMutableBufferPointer { numbers in
      pendingHashes.withUnsafeMutableBufferPointer { hashes in
        func parse(_ slot: Int, _ range: Range<Int>) {
          let key = UnsafeRawBufferPointer(rebasing: bytes[range])
          if let number = interner.number(key) {
            numbers[slot] = number
          } else {
            numbers[slot] = -1
            hashes[slot] = Interner.hash(key)
          }
        }
        for (index, row) in pending.enumerated() {
          parse(2 * index, row.source)
          parse(2 * index + 1, row.target)
        }
      }
    }
    var sink: UInt64 = 0
    pendingNumbers.withUnsafeBufferPointer { numbers in
      pendingHashes.withUnsafeBufferPointer { hashes in
        pendingNodes.withUnsafeMutableBufferPointer { nodes in
          for slot in 0..<count {
            if numbers[slot] >= 0 {
              nodes[slot] = interner.numberedNode(number: numbers[slot])
            } else {
              nodes[slot] = -2
              sink ^= interner.touch(hashes[slot])
            }
          }
        }
      }
    }
    touchSink ^= sink
    for (index, row) in pending.enumerated() {
      let source = node(bytes, row.source, 2 * index, interner)
      let target = node(bytes, row.target, 2 * index + 1, interner)
      if source == target {
        selfLoops += 1
      } else {
        sources.append(source)
        targets.append(target)
        weights.append(row.amount)
      }
    }
    pending.removeAll(keepingCapacity: true)
  }

  /// The shared node of a key, or `-(k + 1)` for the part's k-th new key.
  @inline(__always)
  private mutating func node(
    _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ pendingIndex: Int, _ interner: Interner
  ) -> Int32 {
    let key = UnsafeRawBufferPointer(rebasing: bytes[range])
    let direct = pendingNodes[pendingIndex]
    if direct >= 0 { return direct }
    var hash = pendingHashes[pendingIndex]
    if direct == -2 {
      if let node = interner.find(key, hash: hash) { return node }
    } else {
      hash = Interner.hash(key)
    }
    let mask = table.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = Int(table[slot])
      if entry == 0 { break }
      let known = entry - 1
      if keyHashes[known] == hash, keyLengths[known] == key.count,
        UnsafeRawBufferPointer(rebasing: bytes[keyOffsets[known]..<(keyOffsets[known] + key.count)])
          .elementsEqual(key)
      {
        return Int32(-entry)
      }
      slot = (slot + 1) & mask
    }
    let number = keyOffsets.count
    keyOffsets.append(range.lowerBound)
    keyLengths.append(key.count)
    keyHashes.append(hash)
    table[slot] = Int32(number + 1)
    usedSlots.append(slot)
    if keyOffsets.count * 2 > table.count { grow() }
    return Int32(-(number + 1))
  }

  private mutating func grow() {
    for slot in usedSlots { table[slot] = 0 }
    usedSlots.removeAll(keepingCapacity: true)
    if table.count < keyOffsets.count * 4 {
      table = [Int32](repeating: 0, count: table.count * 4)
    }
    let mask = table.count - 1
    for (number, hash) in keyHashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while table[slot] != 0 { slot = (slot + 1) & mask }
      table[slot] = Int32(number + 1)
      usedSlots.append(slot)
    }
  }

  /// Interns the part's new keys into the shared interner, in order, and renumbers its rows.
  mutating func number(into interner: inout Interner, _ bytes: UnsafeRawBufferPointer) {
    guard !keyOffsets.isEmpty else { return }
    var nodes = [Int32](repeating: 0, count: keyOffsets.count)
    for number in keyOffsets.indices {
      let key = UnsafeRawBufferPointer(
        rebasing: bytes[keyOffsets[number]..<(keyOffsets[number] + keyLengths[number])])
      nodes[number] = interner.internPlain(key, hash: keyHashes[number])
    }
    nodes.withUnsafeBufferPointer { nodes in
      for index in sources.indices where sources[index] < 0 {
        sources[index] = nodes[Int(-sources[index]) - 1]
      }
      for index in targets.indices where targets[index] < 0 {
        targets[index] = nodes[Int(-targets[index]) - 1]
      }
    }
  }
}
