import Foundation

/// Reads a CSV edge list `source,target,amount[,kind,date]` into a ``FlowNetwork`` or a ``Ledger``.
///
/// The first line is a header naming the columns (`source`, `target`, `amount` required; `kind` and
/// `date` optional, in any order; extra columns are ignored). Fields may be quoted with `"` (a
/// doubled `""` inside stands for one quote). Ids are interned once, in order of first appearance.
/// Rows with the same source and target are summed; self-loops are dropped and counted.
///
/// Errors name the line. By default the first bad rows (up to ``maxReportedIssues``) are collected
/// and thrown together; with `skipBadRows` they are skipped and counted instead.
public struct EdgeListCSV {
  /// How many problems are listed in one error before the rest are only counted.
  public static let maxReportedIssues = 50

  /// The result of reading an edge list.
  public struct Result: Sendable {
    /// The network, with duplicate pairs summed and self-loops dropped.
    public var network: FlowNetwork
    /// Node ids, indexed by node number.
    public var ids: [String]
    /// Data rows read (header excluded, blank lines excluded).
    public var rows: Int
    /// Rows whose source equals their target.
    public var selfLoops: Int
    /// Rows skipped under `skipBadRows`.
    public var skippedRows: Int
    /// Rows that repeated a (source, target) pair already seen, and were summed into it.
    public var mergedRows: Int
    /// The first problems of skipped rows (at most ``EdgeListCSV/maxReportedIssues``).
    public var skippedIssues: [LedgerIssue]
    /// Per-row kind and date, kept only when the file has those columns and `keepRows` was set.
    public var rowDetails: [RowDetail]
  }

  /// One row as read, for building a ledger from a small edge list.
  public struct RowDetail: Sendable {
    public var line: Int
    public var source: Int32
    public var target: Int32
    public var amount: Double
    public var kind: DealKind?
    public var date: PartialDate?
  }

  /// Parses an edge list delivered in chunks, so that a file of any size is read with a small
  /// buffer; records may span chunk boundaries.
  ///
  /// - Parameters:
  ///   - nextChunk: Returns the next bytes of the file, or nil at the end.
  ///   - file: The name used in messages.
  ///   - skipBadRows: Skip and count bad rows instead of failing.
  ///   - keepRows: Keep each row's kind and date (for ``ledger(from:file:)``); costs memory.
  ///   - progress: Called now and then with the number of bytes consumed.
  /// - Throws: ``LedgerError/invalid(file:issues:)`` naming each bad line.
  /// - Complexity: O(bytes + edges · log(max degree)); memory 16 bytes per edge while reading,
  ///   plus the ids.
  public static func read(
    chunks nextChunk: () throws -> [UInt8]?, file: String, skipBadRows: Bool = false,
    keepRows: Bool = false, progress: ((Int) -> Void)? = nil
  ) throws -> Result {
    var parser = Parser(file: file, skipBadRows: skipBadRows, keepRows: keepRows)
    var buffer: [UInt8] = []
    var consumed = 0
    var nextProgress = 1 << 24
    while true {
      let chunk = try nextChunk()
      let isLast = chunk == nil
      if let chunk {
        if buffer.isEmpty { buffer = chunk } else { buffer.append(contentsOf: chunk) }
      }
      let used = try buffer.withUnsafeBytes { try parser.consume($0, isLast: isLast) }
      consumed += used
      if used == buffer.count {
        buffer.removeAll(keepingCapacity: false)
      } else if used > 0 {
        buffer = Array(buffer[used...])
      }
      if let progress, consumed >= nextProgress {
        progress(consumed)
        nextProgress = consumed + (1 << 24)
      }
      if isLast { break }
    }
    progress?(consumed)
    return try parser.finish()
  }

  /// Parses an edge list held in memory.
  public static func read(
    _ bytes: UnsafeRawBufferPointer, file: String, skipBadRows: Bool = false,
    keepRows: Bool = false
  ) throws -> Result {
    var parser = Parser(file: file, skipBadRows: skipBadRows, keepRows: keepRows)
    _ = try parser.consume(bytes, isLast: true)
    return try parser.finish()
  }

  /// Parses an edge list given as a string (small inputs and tests).
  public static func read(
    _ text: String, file: String, skipBadRows: Bool = false, keepRows: Bool = false
  ) throws -> Result {
    var copy = text
    return try copy.withUTF8 { buffer in
      try read(
        UnsafeRawBufferPointer(buffer), file: file, skipBadRows: skipBadRows, keepRows: keepRows)
    }
  }

  /// Builds a ledger from an edge list, one deal per row, so that `report` and `loops` work on it.
  ///
  /// Amounts are exact US dollars, kinds default to `other`, statuses to `announced`; each deal's
  /// source is the file and line.
  public static func ledger(from text: String, file: String) throws -> Ledger {
    let result = try read(text, file: file, keepRows: true)
    let companies = result.ids.map { Company(id: CompanyID($0)) }
    let document = Document(id: "csv", title: file, note: "CSV edge list")
    var deals: [Deal] = []
    deals.reserveCapacity(result.rowDetails.count)
    for row in result.rowDetails {
      deals.append(
        Deal(
          id: DealID("line-\(row.line)"), payer: CompanyID(result.ids[Int(row.source)]),
          payee: CompanyID(result.ids[Int(row.target)]), kind: row.kind ?? .other,
          amount: .usd(row.amount), announced: row.date, status: .announced,
          sources: [Source(document: "csv", quote: "line \(row.line)")]))
    }
    return Ledger(
      id: file, title: file, documents: [document], companies: companies, deals: deals)
  }
}

// MARK: - Parser

extension EdgeListCSV {
  private struct Columns {
    var source: Int
    var target: Int
    var amount: Int
    var kind: Int?
    var date: Int?
    var needed: Int { max(source, target, amount) }
  }

  private enum RecordState {
    case record
    case incomplete
    case end
  }

  /// The parser's state between chunks.
  private struct Parser {
    let file: String
    let skipBadRows: Bool
    let keepRows: Bool
    var line = 0
    var issues: [LedgerIssue] = []
    var issueCount = 0
    var columns: Columns?
    var headerText: [String] = []
    var sawAnything = false
    var interner = Interner()
    var builder = FlowNetwork.Builder()
    var rows = 0
    var selfLoops = 0
    var skipped = 0
    var details: [RowDetail] = []
    var skippedIssues: [LedgerIssue] = []
    // Reused per record.
    var fields: [Range<Int>] = []
    var quoted: [Bool] = []

    init(file: String, skipBadRows: Bool, keepRows: Bool) {
      self.file = file
      self.skipBadRows = skipBadRows
      self.keepRows = keepRows
    }

    mutating func report(_ line: Int, _ field: String, _ problem: String) {
      issueCount += 1
      if issues.count < EdgeListCSV.maxReportedIssues {
        issues.append(LedgerIssue(file: file, entry: "line \(line)", field: field, problem: problem))
      }
    }

    /// Parses every complete record in `bytes`; returns how many bytes were used. Without
    /// `isLast`, a trailing record without its newline is left for the next chunk.
    mutating func consume(_ bytes: UnsafeRawBufferPointer, isLast: Bool) throws -> Int {
      var position = 0
      if !sawAnything {
        if bytes.count < 3, !isLast { return 0 }
        sawAnything = true
        // Skip a UTF-8 byte-order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
      }
      while true {
        let recordStart = position
        let lineBefore = line
        switch nextRecord(bytes, &position, isLast: isLast) {
        case .end:
          return position
        case .incomplete:
          line = lineBefore
          return recordStart
        case .record:
          if columns == nil {
            try header(bytes)
          } else {
            row(bytes)
          }
        }
      }
    }

    /// Reads one record's fields as byte ranges.
    mutating func nextRecord(
      _ bytes: UnsafeRawBufferPointer, _ position: inout Int, isLast: Bool
    ) -> RecordState {
      fields.removeAll(keepingCapacity: true)
      quoted.removeAll(keepingCapacity: true)
      guard position < bytes.count else { return .end }
      line += 1
      var start = position
      var inQuotes = false
      var wasQuoted = false
      var index = position
      let count = bytes.count
      while index < count {
        let byte = bytes[index]
        if inQuotes {
          if byte == UInt8(ascii: "\"") {
            if index + 1 < count, bytes[index + 1] == UInt8(ascii: "\"") {
              index += 2
              continue
            }
            if index + 1 == count, !isLast { return .incomplete }
            inQuotes = false
          } else if byte == UInt8(ascii: "\n") {
            line += 1
          }
          index += 1
          continue
        }
        if byte == UInt8(ascii: ",") {
          fields.append(start..<index)
          quoted.append(wasQuoted)
          wasQuoted = false
          index += 1
          start = index
        } else if byte == UInt8(ascii: "\n") {
          var end = index
          if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
          fields.append(start..<end)
          quoted.append(wasQuoted)
          position = index + 1
          return .record
        } else {
          if byte == UInt8(ascii: "\""), index == start {
            inQuotes = true
            wasQuoted = true
          }
          index += 1
        }
      }
      if !isLast { return .incomplete }
      var end = index
      if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      fields.append(start..<end)
      quoted.append(wasQuoted)
      position = index
      return .record
    }

    func text(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, quoted: Bool) -> String {
      var slice = UnsafeRawBufferPointer(rebasing: bytes[range])
      if quoted, slice.count >= 2 {
        slice = UnsafeRawBufferPointer(rebasing: slice[1..<(slice.count - 1)])
        let raw = String(decoding: slice, as: UTF8.self)
        return raw.replacingOccurrences(of: "\"\"", with: "\"")
      }
      return String(decoding: slice, as: UTF8.self)
    }

    func trimmed(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
      var lower = range.lowerBound
      var upper = range.upperBound
      while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
      while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
      return lower..<upper
    }

    mutating func header(_ bytes: UnsafeRawBufferPointer) throws {
      let names = zip(fields, quoted).map { text(bytes, trimmed(bytes, $0), quoted: $1).lowercased() }
      if names == [""] { return }  // blank lines before the header
      headerText = names
      func column(_ name: String) -> Int? { names.firstIndex(of: name) }
      guard let source = column("source"), let target = column("target"),
        let amount = column("amount")
      else {
        let missing = ["source", "target", "amount"].filter { column($0) == nil }
        throw LedgerError.invalid(
          file: file,
          issues: [
            LedgerIssue(
              file: file, entry: "line \(line)", field: "header",
              problem:
                "missing column(s) \(missing.joined(separator: ", ")); the header must name source, target and amount (found: \(names.joined(separator: ",")))"
            )
          ])
      }
      columns = Columns(
        source: source, target: target, amount: amount, kind: column("kind"), date: column("date"))
    }

    mutating func row(_ bytes: UnsafeRawBufferPointer) {
      guard let columns else { return }
      if fields.count == 1, fields[0].isEmpty { return }  // blank line
      rows += 1
      let rowLine = line
      let issuesBefore = issueCount
      defer {
        if issueCount != issuesBefore, skipBadRows {
          skipped += 1
          if skippedIssues.count < EdgeListCSV.maxReportedIssues, let last = issues.last {
            skippedIssues.append(last)
          }
        }
      }
      guard fields.count > columns.needed else {
        report(
          rowLine, "",
          "has \(fields.count) field(s); expected at least \(columns.needed + 1) (source,target,amount)")
        return
      }
      let sourceRange = trimmed(bytes, fields[columns.source])
      let targetRange = trimmed(bytes, fields[columns.target])
      let amountRange = trimmed(bytes, fields[columns.amount])
      if sourceRange.isEmpty { report(rowLine, "source", "is empty") }
      if targetRange.isEmpty { report(rowLine, "target", "is empty") }
      let amount = parseAmount(bytes, amountRange)
      if amount == nil {
        let shown = text(bytes, amountRange, quoted: false)
        report(
          rowLine, "amount",
          shown.isEmpty ? "is empty" : "'\(shown.prefix(40))' is not a non-negative number")
      }
      var kind: DealKind? = nil
      var date: PartialDate? = nil
      if keepRows {
        if let kindColumn = columns.kind, kindColumn < fields.count {
          let raw = text(bytes, trimmed(bytes, fields[kindColumn]), quoted: quoted[kindColumn])
          if !raw.isEmpty {
            kind = DealKind(rawValue: raw)
            if kind == nil {
              report(
                rowLine, "kind",
                "'\(raw)' is not one of \(DealKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
          }
        }
        if let dateColumn = columns.date, dateColumn < fields.count {
          let raw = text(bytes, trimmed(bytes, fields[dateColumn]), quoted: quoted[dateColumn])
          if !raw.isEmpty {
            date = PartialDate(raw)
            if date == nil { report(rowLine, "date", "'\(raw)' is not YYYY, YYYY-MM or YYYY-MM-DD") }
          }
        }
      }
      guard issueCount == issuesBefore, let amount else { return }
      let source = interner.intern(
        UnsafeRawBufferPointer(rebasing: bytes[sourceRange]), quoted: quoted[columns.source])
      let target = interner.intern(
        UnsafeRawBufferPointer(rebasing: bytes[targetRange]), quoted: quoted[columns.target])
      if source == target {
        selfLoops += 1
        return
      }
      builder.append(source: source, target: target, weight: amount)
      if keepRows {
        details.append(
          RowDetail(line: rowLine, source: source, target: target, amount: amount, kind: kind, date: date))
      }
    }

    mutating func finish() throws -> Result {
      guard columns != nil else {
        throw LedgerError.invalid(
          file: file,
          issues: [
            LedgerIssue(
              file: file, entry: "line 1", field: "",
              problem: "the file is empty; expected a header 'source,target,amount'")
          ])
      }
      if !skipBadRows, issueCount > 0 {
        var listed = issues
        if issueCount > issues.count {
          listed.append(
            LedgerIssue(
              file: file, entry: "…", field: "",
              problem:
                "\(issueCount - issues.count) more problem(s) not listed; use --skip-bad-rows to skip bad rows"
            ))
        }
        throw LedgerError.invalid(file: file, issues: listed)
      }
      let appended = builder.count
      let nodeCount = interner.count
      let ids = interner.ids
      interner = Interner()
      let network = builder.build(nodeCount: nodeCount)
      builder = FlowNetwork.Builder()
      return Result(
        network: network, ids: ids, rows: rows, selfLoops: selfLoops, skippedRows: skipped,
        mergedRows: appended - network.edgeCount, skippedIssues: skippedIssues,
        rowDetails: details)
    }

    /// Parses a plain decimal number (optional `+`, digits, fraction, exponent); rejects
    /// negatives, NaN, infinities and anything else.
    func parseAmount(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Double? {
      guard !range.isEmpty, range.count < 64 else { return nil }
      var index = range.lowerBound
      var mantissa: UInt64 = 0
      var significant = 0
      var scale = 0
      var simple = true
      var digits = 0
      if bytes[index] == UInt8(ascii: "+") { index += 1 }
      while index < range.upperBound, bytes[index] >= 48 && bytes[index] <= 57 {
        digits += 1
        if significant < 18 {
          mantissa = mantissa * 10 + UInt64(bytes[index] - 48)
          if mantissa > 0 { significant += 1 }
        } else {
          simple = false
        }
        index += 1
      }
      if index < range.upperBound, bytes[index] == UInt8(ascii: ".") {
        index += 1
        while index < range.upperBound, bytes[index] >= 48 && bytes[index] <= 57 {
          digits += 1
          if significant < 18 {
            mantissa = mantissa * 10 + UInt64(bytes[index] - 48)
            if mantissa > 0 { significant += 1 }
            scale += 1
          }
          index += 1
        }
      }
      guard digits > 0 else { return nil }
      if index == range.upperBound, simple {
        if scale == 0 { return Double(mantissa) }
        if mantissa < (1 << 53), scale <= 22 { return Double(mantissa) / powersOfTen[scale] }
      }
      // Exponents, long numbers and anything unusual go through the standard library.
      guard index == range.upperBound || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")
        || !simple
      else { return nil }
      let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
      guard
        text.utf8.allSatisfy({
          ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 101 || $0 == 69 || $0 == 43 || $0 == 45
        }), !text.hasPrefix("-"), let value = Double(text), value.isFinite, value >= 0
      else { return nil }
      return value
    }
  }
}

private let powersOfTen: [Double] = (0...22).map { exponent in
  var value = 1.0
  for _ in 0..<exponent { value *= 10 }
  return value
}

/// Maps id strings to dense node numbers without creating a `String` per row.
///
/// Open addressing over FNV-1a hashes; keys are stored once, concatenated in one byte array.
private struct Interner {
  private(set) var ids: [String] = []
  private var keyBytes: [UInt8] = []
  private var keyStart: [Int] = [0]
  private var slots: [Int32] = Array(repeating: -1, count: 1 << 10)
  private var hashes: [UInt64] = []

  var count: Int { ids.count }

  mutating func intern(_ raw: UnsafeRawBufferPointer, quoted: Bool) -> Int32 {
    var key = raw
    var unescaped: [UInt8] = []
    if quoted, key.count >= 2 {
      key = UnsafeRawBufferPointer(rebasing: key[1..<(key.count - 1)])
      var index = 0
      while index < key.count {
        unescaped.append(key[index])
        if key[index] == UInt8(ascii: "\""), index + 1 < key.count, key[index + 1] == UInt8(ascii: "\"") {
          index += 1
        }
        index += 1
      }
      return unescaped.withUnsafeBytes { internPlain($0) }
    }
    return internPlain(key)
  }

  private mutating func internPlain(_ key: UnsafeRawBufferPointer) -> Int32 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    var mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let node = slots[slot]
      if node < 0 { break }
      if hashes[Int(node)] == hash, equals(Int(node), key) { return node }
      slot = (slot + 1) & mask
    }
    let node = Int32(ids.count)
    ids.append(String(decoding: key, as: UTF8.self))
    keyBytes.append(contentsOf: key)
    keyStart.append(keyBytes.count)
    hashes.append(hash)
    slots[slot] = node
    if ids.count * 2 > slots.count {
      slots = Array(repeating: -1, count: slots.count * 2)
      mask = slots.count - 1
      for (index, h) in hashes.enumerated() {
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = Int32(index)
      }
    }
    return node
  }

  private func equals(_ node: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    let start = keyStart[node]
    let end = keyStart[node + 1]
    guard end - start == key.count else { return false }
    for offset in 0..<key.count where keyBytes[start + offset] != key[offset] { return false }
    return true
  }
}
