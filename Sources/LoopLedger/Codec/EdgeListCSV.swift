import Foundation

/// Reads a CSV edge list `source,target,amount[,kind,date]` into a ``FlowNetwork`` or a ``Ledger``.
///
/// The first line is a header naming the columns (`source`, `target`, `amount` required; `kind` and
/// `date` optional, in any order, each at most once; extra columns are ignored). Fields may be
/// quoted with `"` (a doubled `""` inside stands for one quote), amounts too (`"4"`, as
/// spreadsheets write them). Amounts follow ``NumberRule/amount``. Ids are interned once, in order
/// of first appearance. Rows with the same source and target are summed; self-loops are dropped
/// and counted.
///
/// Errors name the line and column. By default the first bad rows (up to ``maxReportedIssues``)
/// are collected and thrown together; with `skipBadRows` they are skipped and counted instead —
/// unless every row is bad. A quote that is never closed is blamed on the line where it opens; a
/// record longer than ``maximumRecordBytes`` (an endless line, a stray quote in a huge file) stops
/// the read.
public struct EdgeListCSV {
  /// How many problems are listed in one error before the rest are only counted.
  public static let maxReportedIssues = 50
  /// The longest record (one line, or several inside a quoted field) read before giving up.
  public static let maximumRecordBytes = 1 << 20

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
    /// Rows read by the parallel path for plain rows (the rest by the one-thread parser).
    var parallelRows = 0
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
  ///   - threads: Parse each chunk's plain rows on this many threads (see
  ///     `EdgeListCSV+Parallel.swift`); the result is the same for any number.
  ///   - progress: Called now and then with the number of bytes consumed.
  /// - Returns: The network and its node ids, the counts of rows read, self-loops, skipped and
  ///   merged rows, the first problems of skipped rows, and the rows' details when kept.
  /// - Throws: ``LedgerError/invalid(file:issues:)`` naming each bad line.
  /// - Complexity: O(bytes + edges · log(max degree)); memory 16 bytes per edge while reading,
  ///   plus the ids.
  public static func read(
    chunks nextChunk: () throws -> [UInt8]?, file: String, skipBadRows: Bool = false,
    keepRows: Bool = false, threads: Int = 1, progress: ((Int) -> Void)? = nil
  ) throws -> Result {
    try read(
      chunks: nextChunk, file: file, skipBadRows: skipBadRows, keepRows: keepRows,
      threads: threads, minimumPartBytes: Parser.minimumPartBytes, progress: progress)
  }

  /// ``read(chunks:file:skipBadRows:keepRows:threads:progress:)`` with the smallest part a
  /// chunk is cut into (tests and the fuzzer make it small, so that small inputs are split too).
  package static func read(
    chunks nextChunk: () throws -> [UInt8]?, file: String, skipBadRows: Bool, keepRows: Bool,
    threads: Int, minimumPartBytes: Int, progress: ((Int) -> Void)?
  ) throws -> Result {
    var parser = Parser(file: file, skipBadRows: skipBadRows, keepRows: keepRows)
    parser.threads = keepRows ? 1 : max(1, threads)
    parser.minimumPartBytes = max(1, minimumPartBytes)
    var buffer: [UInt8] = []
    var consumed = 0
    var nextProgress = 1 << 24
    while true {
      let chunk = try nextChunk()
      let isLast = chunk == nil
      if let chunk {
        if buffer.isEmpty { buffer = chunk } else { buffer.append(contentsOf: chunk) }
      }
      let used = try buffer.withUnsafeBytes { try parser.consumeChunk($0, isLast: isLast) }
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

  /// Parses an edge list read by `fill` into one buffer that is reused from chunk to chunk, so
  /// that no byte is copied after the read.
  ///
  /// `buffer` holds the file's first `filled` bytes (already read, e.g. to tell the file's kind)
  /// and its size is the chunk size; `fill` reads more bytes into the space it is given and
  /// returns how many (0 at the end). Each round fills the buffer, parses its complete records,
  /// and moves the unused tail (a partial record) to the front. The result is the one of
  /// ``read(chunks:file:skipBadRows:keepRows:threads:progress:)`` for the same bytes.
  ///
  /// `expectedBytes`, the file's size when it is known, lets the reader reserve room for all
  /// the edges once the first chunk has shown how long a row is, instead of growing (and
  /// copying) its arrays as it goes; it changes nothing else.
  ///
  /// - Complexity: as ``read(chunks:file:skipBadRows:keepRows:threads:progress:)``; memory the
  ///   buffer (doubled only if one record does not fit, which the record limit keeps rare).
  public static func read(
    buffer: inout [UInt8], filled: Int, fill: (UnsafeMutableRawBufferPointer) throws -> Int,
    file: String, expectedBytes: Int? = nil, skipBadRows: Bool = false, threads: Int = 1,
    progress: ((Int) -> Void)? = nil
  ) throws -> Result {
    try read(
      buffer: &buffer, filled: filled, fill: fill, file: file, expectedBytes: expectedBytes,
      skipBadRows: skipBadRows, threads: threads, minimumPartBytes: Parser.minimumPartBytes,
      progress: progress)
  }

  /// ``read(buffer:filled:fill:file:skipBadRows:threads:progress:)`` with the smallest part a
  /// chunk is cut into (tests make it small).
  package static func read(
    buffer: inout [UInt8], filled: Int, fill: (UnsafeMutableRawBufferPointer) throws -> Int,
    file: String, expectedBytes: Int? = nil, skipBadRows: Bool, threads: Int, minimumPartBytes: Int,
    progress: ((Int) -> Void)?
  ) throws -> Result {
    var parser = Parser(file: file, skipBadRows: skipBadRows, keepRows: false)
    parser.threads = max(1, threads)
    parser.minimumPartBytes = max(1, minimumPartBytes)
    var expectedBytes = expectedBytes
    if buffer.isEmpty { buffer = [0] }
    var filled = min(max(filled, 0), buffer.count)
    var atEnd = false
    var consumed = 0
    var nextProgress = 1 << 24
    while true {
      while !atEnd, filled < buffer.count {
        let start = filled
        let count = try buffer.withUnsafeMutableBytes {
          try fill(UnsafeMutableRawBufferPointer(rebasing: $0[start...]))
        }
        if count <= 0 { atEnd = true } else { filled += count }
      }
      let available = filled
      let isLast = atEnd
      let used = try buffer.withUnsafeBytes {
        try parser.consumeChunk(UnsafeRawBufferPointer(rebasing: $0[0..<available]), isLast: isLast)
      }
      consumed += used
      if isLast { break }
      if var expected = expectedBytes, used > 0, parser.builder.count > 0 {
        // Rows of the size seen so far, 2 % more; a row takes at least 6 bytes ("a,b,1\n").
        expected = max(expected, consumed)
        let rows = Double(expected) / Double(consumed) * Double(parser.builder.count) * 1.02
        // At most 2²⁷ edges (2 GiB) ahead: a larger file grows its arrays as before.
        parser.builder.reserveCapacity(min(Int(rows) + 1024, expected / 6 + 1, 1 << 27))
        expectedBytes = nil
      }
      if used == 0 {
        buffer += repeatElement(0, count: buffer.count)
      } else if used < filled {
        buffer.withUnsafeMutableBytes { bytes in
          guard let base = bytes.baseAddress else { return }
          base.copyMemory(from: base + used, byteCount: filled - used)
        }
      }
      filled -= used
      if let progress, consumed >= nextProgress {
        progress(consumed)
        nextProgress = consumed + (1 << 24)
      }
    }
    progress?(consumed)
    return try parser.finish()
  }

  /// Parses an edge list held in memory (on `threads` threads, 8 MiB at a time, when more than
  /// one).
  public static func read(
    _ bytes: UnsafeRawBufferPointer, file: String, skipBadRows: Bool = false,
    keepRows: Bool = false, threads: Int = 1
  ) throws -> Result {
    if threads > 1, !keepRows {
      var offset = 0
      return try read(
        chunks: {
          guard offset < bytes.count else { return nil }
          let end = min(bytes.count, offset + Parser.chunkBytes)
          defer { offset = end }
          return Array(bytes[offset..<end])
        }, file: file, skipBadRows: skipBadRows, keepRows: false, threads: threads)
    }
    var parser = Parser(file: file, skipBadRows: skipBadRows, keepRows: keepRows)
    _ = try parser.consume(bytes, isLast: true)
    return try parser.finish()
  }

  /// Parses an edge list given as a string (small inputs and tests).
  public static func read(
    _ text: String, file: String, skipBadRows: Bool = false, keepRows: Bool = false,
    threads: Int = 1
  ) throws -> Result {
    var copy = text
    return try copy.withUTF8 { buffer in
      try read(
        UnsafeRawBufferPointer(buffer), file: file, skipBadRows: skipBadRows, keepRows: keepRows,
        threads: threads)
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
  struct Columns {
    var source: Int
    var target: Int
    var amount: Int
    var kind: Int?
    var date: Int?
    var needed: Int { max(source, target, amount) }
  }

  enum RecordState {
    case record
    case incomplete
    case end
  }

  /// The parser's state between chunks.
  struct Parser {
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
    // Reused per record: the first `fieldCapacity` fields' ranges, and how many fields there were.
    var fieldStart = [Int](repeating: 0, count: 64)
    var fieldEnd = [Int](repeating: 0, count: 64)
    var fieldQuoted = [Bool](repeating: false, count: 64)
    var fieldCount = 0
    var fieldCapacity = 64
    /// Where the current record starts: its byte in the chunk and its line.
    var recordStart = 0
    var recordLine = 0
    /// A quote of the current record that opens and is never closed (its byte in the chunk).
    var openQuote: Int? = nil
    var lastSource: Int32 = -1
    var lastSourceBytes: [UInt8] = []
    /// Rows parsed but not yet interned (plain, unquoted ids only), as byte ranges of the chunk.
    var batch: [(source: Range<Int>, target: Range<Int>, amount: Double)] = []
    var batchHashes: [UInt64] = []
    var touchSink: UInt64 = 0
    static let batchSize = 128
    /// Threads for the plain rows of each chunk (`EdgeListCSV+Parallel.swift`), and their
    /// reusable state.
    var threads = 1
    var minimumPartBytes = Parser.minimumPartBytes
    var parts: [PlainPart] = []
    var parallelRows = 0
    /// The chunk size of files read from disk and of in-memory reads on several threads.
    static let chunkBytes = 8 << 20
    /// A chunk is cut into parts of at least this many bytes.
    static let minimumPartBytes = 1 << 16

    init(file: String, skipBadRows: Bool, keepRows: Bool) {
      self.file = file
      self.skipBadRows = skipBadRows
      self.keepRows = keepRows
    }

    /// Line and column of a byte of the current record.
    func position(of offset: Int, in bytes: UnsafeRawBufferPointer) -> TextPosition {
      var line = recordLine
      var column = 1
      var index = recordStart
      while index < offset, index < bytes.count {
        if bytes[index] == 0x0A {
          line += 1
          column = 1
        } else if bytes[index] & 0xC0 != 0x80 {
          column += 1
        }
        index += 1
      }
      return TextPosition(line: line, column: column)
    }

    /// Records a problem of the current record, at the start of field `column` (or of the record).
    mutating func report(_ bytes: UnsafeRawBufferPointer, column: Int?, _ field: String, _ problem: String) {
      issueCount += 1
      if issues.count < EdgeListCSV.maxReportedIssues {
        let offset = column.map { fieldStart[$0] } ?? recordStart
        issues.append(
          LedgerIssue(file: file, field: field, problem: problem, at: position(of: offset, in: bytes)))
      }
    }

    func problem(_ problem: String, at position: TextPosition) -> LedgerError {
      LedgerError.invalid(file: file, issues: [LedgerIssue(file: file, problem: problem, at: position)])
    }

    /// Parses every complete record in `bytes`; returns how many bytes were used.
    ///
    /// Without `isLast`, a trailing record without its newline is left for the next chunk.
    mutating func consume(
      _ bytes: UnsafeRawBufferPointer, isLast: Bool, stopAfterHeader: Bool = false
    ) throws -> Int {
      var position = 0
      if !sawAnything {
        // Wait for the 512 bytes the encoding check looks at, so that chunked reading decides
        // as reading at once does.
        if bytes.count < 512, !isLast { return 0 }
        sawAnything = true
        // Skip a UTF-8 byte-order mark; refuse UTF-16 and UTF-32, which would read as garbage.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        if let wide = TextDecoding.wideEncodingName(bytes.prefix(512)) {
          throw LedgerError.unreadable(
            file: file, reason: "it is \(wide) text; save it as UTF-8 (e.g. iconv -f \(wide) -t UTF-8)")
        }
      }
      while true {
        let recordStart = position
        let lineBefore = line
        switch nextRecord(bytes, &position, isLast: isLast) {
        case .end:
          flush(bytes)
          return position
        case .incomplete:
          line = lineBefore
          flush(bytes)
          if bytes.count - recordStart > EdgeListCSV.maximumRecordBytes {
            self.recordStart = recordStart
            self.recordLine = lineBefore + 1
            if let openQuote {
              throw problem(
                "the quote that opens here is not closed within \(EdgeListCSV.maximumRecordBytes >> 20) MiB; close it (a quote inside a field is written \"\")",
                at: self.position(of: openQuote, in: bytes))
            }
            throw problem(
              "this line is longer than \(EdgeListCSV.maximumRecordBytes >> 20) MiB without a line break; is this a CSV edge list?",
              at: TextPosition(line: lineBefore + 1, column: 1))
          }
          return recordStart
        case .record:
          if columns == nil {
            try header(bytes)
            if stopAfterHeader, columns != nil { return position }
          } else {
            row(bytes)
          }
        }
      }
    }

    /// Reads one record's fields as byte ranges (only the first `fieldCapacity` are kept).
    mutating func nextRecord(
      _ bytes: UnsafeRawBufferPointer, _ position: inout Int, isLast: Bool
    ) -> RecordState {
      fieldCount = 0
      openQuote = nil
      guard position < bytes.count else { return .end }
      line += 1
      recordStart = position
      recordLine = line
      var start = position
      var inQuotes = false
      var wasQuoted = false
      var index = position
      let count = bytes.count
      let capacity = fieldCapacity
      return fieldStart.withUnsafeMutableBufferPointer { starts in
        fieldEnd.withUnsafeMutableBufferPointer { ends in
          fieldQuoted.withUnsafeMutableBufferPointer { quotes in
            var fields = 0
            var quoteAt = 0
            func close(_ end: Int) {
              if fields < capacity {
                starts[fields] = start
                ends[fields] = end
                quotes[fields] = wasQuoted
              }
              fields += 1
            }
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
                close(index)
                wasQuoted = false
                index += 1
                start = index
              } else if byte == UInt8(ascii: "\n") {
                var end = index
                if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                close(end)
                fieldCount = fields
                position = index + 1
                return .record
              } else {
                if byte == UInt8(ascii: "\""), index == start {
                  inQuotes = true
                  wasQuoted = true
                  quoteAt = index
                }
                index += 1
              }
            }
            if inQuotes { openQuote = quoteAt }
            if !isLast { return .incomplete }
            var end = index
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            close(end)
            fieldCount = fields
            position = index
            return .record
          }
        }
      }
    }

    /// The byte range of field `index` of the current record.
    func field(_ index: Int) -> Range<Int> { fieldStart[index]..<fieldEnd[index] }

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
      let names = (0..<min(fieldCount, fieldCapacity)).map {
        text(bytes, trimmed(bytes, field($0)), quoted: fieldQuoted[$0]).lowercased()
      }
      if names == [""] { return }  // blank lines before the header
      headerText = names
      let here = TextPosition(line: recordLine, column: 1)
      if let openQuote {
        throw problem("the quote that opens here is never closed", at: position(of: openQuote, in: bytes))
      }
      func column(_ name: String) -> Int? { names.firstIndex(of: name) }
      for name in ["source", "target", "amount", "kind", "date"] {
        let found = names.indices.filter { names[$0] == name }
        if found.count > 1 {
          throw problem(
            "the header names the column '\(name)' \(found.count) times (columns \(found.map { String($0 + 1) }.joined(separator: ", "))); keep one",
            at: here)
        }
      }
      guard let source = column("source"), let target = column("target"),
        let amount = column("amount")
      else {
        let missing = ["source", "target", "amount"].filter { column($0) == nil }
        let shown = VisibleText.escape(names.joined(separator: ",").prefix(200).description, newlines: false)
        throw problem(
          "the header lacks the column(s) \(missing.joined(separator: ", ")); it must name source, target and amount (found: \(shown))",
          at: here)
      }
      columns = Columns(
        source: source, target: target, amount: amount, kind: column("kind"), date: column("date"))
      if let columns {
        // Keep only the columns that are read.
        fieldCapacity = max(columns.needed, columns.kind ?? 0, columns.date ?? 0) + 1
      }
    }

    mutating func row(_ bytes: UnsafeRawBufferPointer) {
      guard let columns else { return }
      if fieldCount == 1, fieldStart[0] == fieldEnd[0] { return }  // blank line
      rows += 1
      let rowLine = recordLine
      let issuesBefore = issueCount
      defer {
        if issueCount != issuesBefore, skipBadRows {
          skipped += 1
          if skippedIssues.count < EdgeListCSV.maxReportedIssues, let last = issues.last {
            skippedIssues.append(last)
          }
        }
      }
      if let openQuote {
        let opened = position(of: openQuote, in: bytes)
        issueCount += 1
        if issues.count < EdgeListCSV.maxReportedIssues {
          issues.append(
            LedgerIssue(
              file: file,
              problem:
                "the quote that opens here is never closed, so the rest of the file (to line \(line)) was read as one field; close it (a quote inside a field is written \"\")",
              at: opened))
        }
        return
      }
      guard fieldCount > columns.needed else {
        report(
          bytes, column: nil, "",
          "has \(fieldCount) field(s); expected at least \(columns.needed + 1) (source,target,amount)")
        return
      }
      let sourceRange = trimmed(bytes, field(columns.source))
      let targetRange = trimmed(bytes, field(columns.target))
      var amountRange = trimmed(bytes, field(columns.amount))
      if fieldQuoted[columns.amount], amountRange.count >= 2, bytes[amountRange.upperBound - 1] == UInt8(ascii: "\"") {
        // "4", as spreadsheets and pandas' quote-all write numbers.
        amountRange = trimmed(bytes, (amountRange.lowerBound + 1)..<(amountRange.upperBound - 1))
      }
      if sourceRange.isEmpty { report(bytes, column: columns.source, "source", "is empty") }
      if targetRange.isEmpty { report(bytes, column: columns.target, "target", "is empty") }
      var amount = Parser.parseAmount(bytes, amountRange)
      if let value = amount, !NumberRule.amount.allows(value) { amount = nil }
      if amount == nil {
        let shown = text(bytes, amountRange, quoted: false)
        let problem: String
        if shown.isEmpty {
          problem = "is empty"
        } else if let value = Double(shown.trimmingCharacters(in: .whitespaces)),
          let words = NumberRule.amount.problem(value, written: shown)
        {
          problem = words
        } else {
          problem =
            "'\(VisibleText.escape(String(shown.prefix(40)), newlines: false))' is not a number; write an amount from 0 to 10^16 such as 1250000 or 1.25e6"
        }
        report(bytes, column: columns.amount, "amount", problem)
      }
      var kind: DealKind? = nil
      var date: PartialDate? = nil
      if keepRows {
        if let kindColumn = columns.kind, kindColumn < fieldCount {
          let raw = text(bytes, trimmed(bytes, field(kindColumn)), quoted: fieldQuoted[kindColumn])
          if !raw.isEmpty {
            kind = DealKind(rawValue: raw)
            if kind == nil {
              report(
                bytes, column: kindColumn, "kind",
                "'\(raw)' is not one of \(DealKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
          }
        }
        if let dateColumn = columns.date, dateColumn < fieldCount {
          let raw = text(bytes, trimmed(bytes, field(dateColumn)), quoted: fieldQuoted[dateColumn])
          if !raw.isEmpty {
            date = PartialDate(raw)
            if date == nil {
              report(
                bytes, column: dateColumn, "date",
                "'\(VisibleText.escape(raw, newlines: false))' is not YYYY, YYYY-MM or YYYY-MM-DD")
            }
          }
        }
      }
      guard issueCount == issuesBefore, let amount else { return }
      if !keepRows, !fieldQuoted[columns.source], !fieldQuoted[columns.target] {
        batch.append((sourceRange, targetRange, amount))
        if batch.count == Parser.batchSize { flush(bytes) }
        return
      }
      flush(bytes)
      // Edge lists are usually grouped by source: reuse the previous row's source when equal.
      let sourceBytes = UnsafeRawBufferPointer(rebasing: bytes[sourceRange])
      let source: Int32
      if lastSource >= 0, !fieldQuoted[columns.source], sourceBytes.elementsEqual(lastSourceBytes) {
        source = lastSource
      } else {
        source = interner.intern(sourceBytes, quoted: fieldQuoted[columns.source])
        lastSource = fieldQuoted[columns.source] ? -1 : source
        lastSourceBytes.removeAll(keepingCapacity: true)
        lastSourceBytes.append(contentsOf: sourceBytes)
      }
      let target = interner.intern(
        UnsafeRawBufferPointer(rebasing: bytes[targetRange]), quoted: fieldQuoted[columns.target])
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

    /// Interns the batched rows in order.
    ///
    /// Hashing every key first and touching its slot lets the processor overlap the cache misses of
    /// the whole batch instead of paying them one by one.
    mutating func flush(_ bytes: UnsafeRawBufferPointer) {
      guard !batch.isEmpty else { return }
      batchHashes.removeAll(keepingCapacity: true)
      var sink: UInt64 = 0
      for row in batch {
        let sourceHash = Interner.hash(UnsafeRawBufferPointer(rebasing: bytes[row.source]))
        let targetHash = Interner.hash(UnsafeRawBufferPointer(rebasing: bytes[row.target]))
        batchHashes.append(sourceHash)
        batchHashes.append(targetHash)
        sink ^= interner.touch(sourceHash) ^ interner.touch(targetHash)
      }
      touchSink ^= sink
      for (index, row) in batch.enumerated() {
        let source = interner.internPlain(
          UnsafeRawBufferPointer(rebasing: bytes[row.source]), hash: batchHashes[2 * index])
        let target = interner.internPlain(
          UnsafeRawBufferPointer(rebasing: bytes[row.target]), hash: batchHashes[2 * index + 1])
        if source == target {
          selfLoops += 1
        } else {
          builder.append(source: source, target: target, weight: row.amount)
        }
      }
      batch.removeAll(keepingCapacity: true)
      lastSource = -1
    }

    mutating func finish() throws -> Result {
      guard columns != nil else {
        throw LedgerError.invalid(
          file: file,
          issues: [
            LedgerIssue(file: file, problem: "the file is empty; expected a header 'source,target,amount'", at: nil)
          ])
      }
      if issueCount > 0, !skipBadRows || skipped == rows {
        var listed = issues
        if issueCount > issues.count {
          listed.append(
            LedgerIssue(
              file: file,
              problem:
                "\(issueCount - issues.count) more problem(s) not listed\(skipBadRows ? "" : "; use --skip-bad-rows to skip bad rows")",
              at: nil))
        }
        if skipBadRows {
          listed.append(
            LedgerIssue(
              file: file,
              problem: "every one of the \(rows) rows is bad, so nothing is left to read; fix the rows above",
              at: nil))
        }
        throw LedgerError.invalid(file: file, issues: listed)
      }
      let appended = builder.count
      let nodeCount = interner.count
      let ids = interner.ids
      interner = Interner()
      let network = builder.build(nodeCount: nodeCount, threads: threads)
      builder = FlowNetwork.Builder()
      return Result(
        network: network, ids: ids, rows: rows, selfLoops: selfLoops, skippedRows: skipped,
        mergedRows: appended - network.edgeCount, skippedIssues: skippedIssues,
        rowDetails: details, parallelRows: parallelRows)
    }

    /// Parses a plain decimal number (optional `+`, digits, fraction, exponent); rejects
    /// negatives, NaN, infinities and anything else.
    static func parseAmount(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Double? {
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
      guard
        index == range.upperBound || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")
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
/// Open addressing with linear probing over a 64-bit hash (FNV-1a, then the splitmix64 finaliser
/// so that the low bits are well mixed). Interning 10⁷ ids is bound by memory latency, so each
/// slot is one 32-byte record — node number, key length and 24 bits of hash in one word, and the
/// first 16 key bytes inline — and a lookup of a key of up to 16 bytes touches one cache line.
/// Longer keys compare their tail against the concatenated key store.
///
/// **Numbered ids.** Once ``chooseNumberedPrefix(_:)`` has seen the file's first id (before any
/// is interned), ids written as that id's non-digit prefix (up to 8 bytes, possibly none)
/// followed by a decimal number below ``numberedLimit`` without leading zeros — `n0`, `n17`;
/// `0`, `42` — skip hashing: their node is read from a table indexed by the number (4 bytes per
/// number up to the largest seen, at most 16 MiB). Which ids take this path depends on their
/// bytes alone, so each id has exactly one place, and node numbers stay in order of first
/// appearance.
struct Interner {
  /// Numbered ids: the prefix (packed little-endian) and its length, once chosen.
  private var numberedPrefix: UInt64 = 0
  private var numberedPrefixLength = -1
  private var numberedChosen = false
  /// `numbered[k]` = node + 1 of the numbered id with number k (0 = not seen).
  private var numbered: [Int32] = []
  static let numberedLimit = 1 << 22

  private(set) var ids: [String] = []
  private var keyBytes: [UInt8] = []
  private var keyStart: [Int] = [0]
  /// Four words per slot: meta, key bytes 0–7, key bytes 8–15, the full hash (so that growing never
  /// rehashes a key).
  ///
  /// Meta 0 = empty; otherwise `(node + 1) | min(length, 255) << 32 | (hash >> 40) << 40`.
  private var slots = [UInt64](repeating: 0, count: 4 << 12)
  private var slotMask = (1 << 12) - 1

  var count: Int { ids.count }

  /// Chooses the numbered-id prefix from the file's first id; only before anything is interned,
  /// and only once.
  mutating func chooseNumberedPrefix(_ key: UnsafeRawBufferPointer) {
    guard !numberedChosen, ids.isEmpty else { return }
    numberedChosen = true
    var length = 0
    while length < key.count, !(48...57).contains(key[length]) { length += 1 }
    guard length <= 8, length < key.count else { return }
    var prefix: UInt64 = 0
    for index in 0..<length { prefix |= UInt64(key[index]) << (8 * UInt64(index)) }
    numberedPrefix = prefix
    numberedPrefixLength = length
  }

  /// The number of a numbered id, or nil when `key` is not one.
  @inline(__always)
  func number(_ key: UnsafeRawBufferPointer) -> Int? {
    let length = numberedPrefixLength
    guard length >= 0, key.count > length, key.count - length <= 7 else { return nil }
    var prefix: UInt64 = 0
    for index in 0..<length { prefix |= UInt64(key[index]) << (8 * UInt64(index)) }
    guard prefix == numberedPrefix, key.count - length == 1 || key[length] != 48 else { return nil }
    var value = 0
    for index in length..<key.count {
      let digit = Int(key[index]) &- 48
      guard digit >= 0, digit <= 9 else { return nil }
      value = value &* 10 &+ digit
    }
    return value < Interner.numberedLimit ? value : nil
  }

  /// The node of a numbered id: ≥ 0 found, −1 a numbered id not seen yet, −2 not a numbered id.
  @inline(__always)
  func numberedNode(_ key: UnsafeRawBufferPointer) -> Int32 {
    guard let value = number(key) else { return -2 }
    return numberedNode(number: value)
  }

  /// The node of the numbered id with this number, or −1 when it was not seen.
  @inline(__always)
  func numberedNode(number value: Int) -> Int32 {
    value < numbered.count ? numbered[value] - 1 : -1
  }

  mutating func intern(_ raw: UnsafeRawBufferPointer, quoted: Bool) -> Int32 {
    if quoted, raw.count >= 2 {
      let key = UnsafeRawBufferPointer(rebasing: raw[1..<(raw.count - 1)])
      var unescaped: [UInt8] = []
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
    return internPlain(raw)
  }

  static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
    hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
    return hash ^ (hash >> 31)
  }

  /// The first 16 bytes of `key`, little-endian, zero-padded.
  @inline(__always)
  private static func prefix(_ key: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
    var low: UInt64 = 0
    var high: UInt64 = 0
    let count = min(key.count, 16)
    for index in 0..<count {
      let byte = UInt64(key[index])
      if index < 8 { low |= byte << (8 * UInt64(index)) } else { high |= byte << (8 * UInt64(index - 8)) }
    }
    return (low, high)
  }

  /// The node of `key` if it was interned (read-only, so threads may share it).
  @inline(__always)
  func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
    let direct = numberedNode(key)
    if direct != -2 { return direct >= 0 ? direct : nil }
    let (low, high) = Interner.prefix(key)
    let tag = (UInt64(min(key.count, 255)) << 32) | ((hash >> 40) << 40)
    var slot = Int(truncatingIfNeeded: hash) & slotMask
    return slots.withUnsafeBufferPointer { table in
      while true {
        let meta = table[slot * 4]
        if meta == 0 { return nil }
        if meta & ~0xFFFF_FFFF == tag, table[slot * 4 + 1] == low, table[slot * 4 + 2] == high {
          let node = Int(meta & 0xFFFF_FFFF) - 1
          if key.count <= 16 || tailEquals(node, key) { return Int32(node) }
        }
        slot = (slot + 1) & slotMask
      }
    }
  }

  /// Reads the slot a hash starts probing at, so that a batch of lookups overlaps its cache misses.
  @inline(__always)
  func touch(_ hash: UInt64) -> UInt64 {
    slots.withUnsafeBufferPointer { $0[(Int(truncatingIfNeeded: hash) & slotMask) * 4] }
  }

  mutating func internPlain(_ key: UnsafeRawBufferPointer) -> Int32 {
    internPlain(key, hash: Interner.hash(key))
  }

  mutating func internPlain(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
    if let value = number(key) {
      if value < numbered.count, numbered[value] != 0 { return numbered[value] - 1 }
      let node = ids.count
      ids.append(String(decoding: key, as: UTF8.self))
      keyStart.append(keyBytes.count)
      if value >= numbered.count {
        var size = max(numbered.count, 1 << 10)
        while size <= value { size *= 2 }
        numbered += repeatElement(0, count: min(size, Interner.numberedLimit) - numbered.count)
      }
      numbered[value] = Int32(node + 1)
      return Int32(node)
    }
    let (low, high) = Interner.prefix(key)
    let tag = (UInt64(min(key.count, 255)) << 32) | ((hash >> 40) << 40)
    var slot = Int(truncatingIfNeeded: hash) & slotMask
    let found: Int32? = slots.withUnsafeBufferPointer { table in
      while true {
        let meta = table[slot * 4]
        if meta == 0 { return nil }
        if meta & ~0xFFFF_FFFF == tag, table[slot * 4 + 1] == low, table[slot * 4 + 2] == high {
          let node = Int(meta & 0xFFFF_FFFF) - 1
          if key.count <= 16 || tailEquals(node, key) { return Int32(node) }
        }
        slot = (slot + 1) & slotMask
      }
    }
    if let found { return found }
    let node = ids.count
    ids.append(String(decoding: key, as: UTF8.self))
    if key.count > 16 {
      keyBytes.append(contentsOf: key)
    }
    keyStart.append(keyBytes.count)
    slots[slot * 4] = tag | UInt64(node + 1)
    slots[slot * 4 + 1] = low
    slots[slot * 4 + 2] = high
    slots[slot * 4 + 3] = hash
    if ids.count * 10 > (slotMask + 1) * 7 { grow() }
    return Int32(node)
  }

  private mutating func grow() {
    let capacity = (slotMask + 1) * 2
    var larger = [UInt64](repeating: 0, count: capacity * 4)
    let mask = capacity - 1
    slots.withUnsafeBufferPointer { old in
      larger.withUnsafeMutableBufferPointer { new in
        for index in 0...slotMask where old[index * 4] != 0 {
          var slot = Int(truncatingIfNeeded: old[index * 4 + 3]) & mask
          while new[slot * 4] != 0 { slot = (slot + 1) & mask }
          for word in 0..<4 { new[slot * 4 + word] = old[index * 4 + word] }
        }
      }
    }
    slots = larger
    slotMask = mask
  }

  /// Compares a key longer than 16 bytes with the stored one (its full bytes are kept only then).
  private func tailEquals(_ node: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    let start = keyStart[node]
    let length = keyStart[node + 1] - start
    guard length == key.count else { return false }
    return keyBytes.withUnsafeBytes { stored in
      for offset in 16..<length where stored[start + offset] != key[offset] { return false }
      return true
    }
  }
}
