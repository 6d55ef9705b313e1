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

  /// Parses an edge list held in memory.
  ///
  /// - Parameters:
  ///   - bytes: The file's bytes, UTF-8.
  ///   - file: The name used in messages.
  ///   - skipBadRows: Skip and count bad rows instead of failing.
  ///   - keepRows: Keep each row's kind and date (for ``ledger(from:file:)``); costs memory.
  ///   - progress: Called now and then with the number of bytes consumed.
  /// - Throws: ``LedgerError/invalid(file:issues:)`` naming each bad line.
  /// - Complexity: O(bytes + edges · log(max degree)).
  public static func read(
    _ bytes: UnsafeRawBufferPointer, file: String, skipBadRows: Bool = false,
    keepRows: Bool = false, progress: ((Int) -> Void)? = nil
  ) throws -> Result {
    var parser = Parser(bytes: bytes, file: file)
    return try parser.run(skipBadRows: skipBadRows, keepRows: keepRows, progress: progress)
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
  private struct Parser {
    let bytes: UnsafeRawBufferPointer
    let file: String
    var position = 0
    var line = 0
    var issues: [LedgerIssue] = []
    var issueCount = 0

    init(bytes: UnsafeRawBufferPointer, file: String) {
      self.bytes = bytes
      self.file = file
    }

    mutating func report(_ line: Int, _ field: String, _ problem: String) {
      issueCount += 1
      if issues.count < EdgeListCSV.maxReportedIssues {
        issues.append(LedgerIssue(file: file, entry: "line \(line)", field: field, problem: problem))
      }
    }

    /// Reads one record's fields as byte ranges; returns nil at the end of input.
    mutating func nextRecord(into fields: inout [Range<Int>], quoted: inout [Bool]) -> Bool {
      fields.removeAll(keepingCapacity: true)
      quoted.removeAll(keepingCapacity: true)
      guard position < bytes.count else { return false }
      line += 1
      var start = position
      var inQuotes = false
      var wasQuoted = false
      while position < bytes.count {
        let byte = bytes[position]
        if inQuotes {
          if byte == UInt8(ascii: "\"") {
            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
              position += 2
              continue
            }
            inQuotes = false
          } else if byte == UInt8(ascii: "\n") {
            line += 1
          }
          position += 1
          continue
        }
        switch byte {
        case UInt8(ascii: ","):
          fields.append(start..<position)
          quoted.append(wasQuoted)
          wasQuoted = false
          position += 1
          start = position
        case UInt8(ascii: "\n"):
          var end = position
          if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
          fields.append(start..<end)
          quoted.append(wasQuoted)
          position += 1
          return true
        case UInt8(ascii: "\""):
          if position == start {
            inQuotes = true
            wasQuoted = true
          }
          position += 1
        default:
          position += 1
        }
      }
      var end = position
      if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      fields.append(start..<end)
      quoted.append(wasQuoted)
      return true
    }

    func text(_ range: Range<Int>, quoted: Bool) -> String {
      var slice = UnsafeRawBufferPointer(rebasing: bytes[range])
      if quoted, slice.count >= 2 {
        slice = UnsafeRawBufferPointer(rebasing: slice[1..<(slice.count - 1)])
        let raw = String(decoding: slice, as: UTF8.self)
        return raw.replacingOccurrences(of: "\"\"", with: "\"")
      }
      return String(decoding: slice, as: UTF8.self)
    }

    func trimmed(_ range: Range<Int>) -> Range<Int> {
      var lower = range.lowerBound
      var upper = range.upperBound
      while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
      while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
      return lower..<upper
    }

    mutating func run(
      skipBadRows: Bool, keepRows: Bool, progress: ((Int) -> Void)?
    ) throws -> Result {
      var fields: [Range<Int>] = []
      var quoted: [Bool] = []
      // Skip a UTF-8 byte-order mark.
      if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
      // Header.
      var header: [String] = []
      while header.isEmpty {
        guard nextRecord(into: &fields, quoted: &quoted) else {
          throw LedgerError.invalid(
            file: file,
            issues: [
              LedgerIssue(
                file: file, entry: "line 1", field: "",
                problem: "the file is empty; expected a header 'source,target,amount'")
            ])
        }
        header = zip(fields, quoted).map { text(trimmed($0), quoted: $1).lowercased() }
        if header == [""] { header = [] }
      }
      let headerLine = line
      func column(_ name: String) -> Int? { header.firstIndex(of: name) }
      guard let sourceColumn = column("source"), let targetColumn = column("target"),
        let amountColumn = column("amount")
      else {
        let missing = ["source", "target", "amount"].filter { column($0) == nil }
        throw LedgerError.invalid(
          file: file,
          issues: [
            LedgerIssue(
              file: file, entry: "line \(headerLine)", field: "header",
              problem:
                "missing column(s) \(missing.joined(separator: ", ")); the header must name source, target and amount (found: \(header.joined(separator: ",")))"
            )
          ])
      }
      let kindColumn = column("kind")
      let dateColumn = column("date")
      let needed = max(sourceColumn, targetColumn, amountColumn)

      var interner = Interner()
      var builder = FlowNetwork.Builder()
      var rows = 0
      var selfLoops = 0
      var skipped = 0
      var details: [RowDetail] = []
      var skippedIssues: [LedgerIssue] = []
      var nextProgress = 1 << 22

      while nextRecord(into: &fields, quoted: &quoted) {
        if let progress, position >= nextProgress {
          progress(position)
          nextProgress = position + (1 << 22)
        }
        if fields.count == 1, fields[0].isEmpty { continue }  // blank line
        rows += 1
        let rowLine = line
        let issuesBefore = issueCount
        if fields.count <= needed {
          report(
            rowLine, "",
            "has \(fields.count) field(s); expected at least \(needed + 1) (source,target,amount)")
        } else {
          let sourceRange = trimmed(fields[sourceColumn])
          let targetRange = trimmed(fields[targetColumn])
          let amountRange = trimmed(fields[amountColumn])
          if sourceRange.isEmpty { report(rowLine, "source", "is empty") }
          if targetRange.isEmpty { report(rowLine, "target", "is empty") }
          let amount = parseAmount(amountRange)
          if amount == nil {
            let shown = text(amountRange, quoted: false)
            report(
              rowLine, "amount",
              shown.isEmpty
                ? "is empty" : "'\(shown.prefix(40))' is not a non-negative number")
          }
          var kind: DealKind? = nil
          var date: PartialDate? = nil
          if keepRows {
            if let kindColumn, kindColumn < fields.count {
              let raw = text(trimmed(fields[kindColumn]), quoted: quoted[kindColumn])
              if !raw.isEmpty {
                kind = DealKind(rawValue: raw)
                if kind == nil {
                  report(
                    rowLine, "kind",
                    "'\(raw)' is not one of \(DealKind.allCases.map(\.rawValue).joined(separator: ", "))"
                  )
                }
              }
            }
            if let dateColumn, dateColumn < fields.count {
              let raw = text(trimmed(fields[dateColumn]), quoted: quoted[dateColumn])
              if !raw.isEmpty {
                date = PartialDate(raw)
                if date == nil {
                  report(rowLine, "date", "'\(raw)' is not YYYY, YYYY-MM or YYYY-MM-DD")
                }
              }
            }
          }
          if issueCount == issuesBefore, let amount {
            let source = interner.intern(
              UnsafeRawBufferPointer(rebasing: bytes[sourceRange]), quoted: quoted[sourceColumn])
            let target = interner.intern(
              UnsafeRawBufferPointer(rebasing: bytes[targetRange]), quoted: quoted[targetColumn])
            if source == target {
              selfLoops += 1
            } else {
              builder.append(source: source, target: target, weight: amount)
              if keepRows {
                details.append(
                  RowDetail(
                    line: rowLine, source: source, target: target, amount: amount, kind: kind,
                    date: date))
              }
            }
          }
        }
        if issueCount != issuesBefore, skipBadRows {
          skipped += 1
          if skippedIssues.count < EdgeListCSV.maxReportedIssues, let last = issues.last {
            skippedIssues.append(last)
          }
        }
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
      progress?(bytes.count)
      let appended = builder.count
      let network = builder.build(nodeCount: interner.count)
      return Result(
        network: network, ids: interner.ids, rows: rows, selfLoops: selfLoops, skippedRows: skipped,
        mergedRows: appended - network.edgeCount, skippedIssues: skippedIssues,
        rowDetails: details)
    }

    /// Parses a plain decimal number (optional sign, digits, fraction, exponent); rejects
    /// negatives, NaN and infinities.
    func parseAmount(_ range: Range<Int>) -> Double? {
      guard !range.isEmpty, range.count < 64 else { return nil }
      var index = range.lowerBound
      var mantissa: UInt64 = 0
      var digits = 0
      var scale = 0
      var simple = true
      if bytes[index] == UInt8(ascii: "+") { index += 1 }
      while index < range.upperBound {
        let c = bytes[index]
        if c >= 48 && c <= 57 {
          if digits < 18 {
            mantissa = mantissa * 10 + UInt64(c - 48)
            digits += mantissa == 0 ? 0 : 1
          } else {
            simple = false
          }
          index += 1
        } else {
          break
        }
      }
      let integerEnd = index
      if index < range.upperBound, bytes[index] == UInt8(ascii: ".") {
        index += 1
        while index < range.upperBound, bytes[index] >= 48 && bytes[index] <= 57 {
          if digits < 18 {
            mantissa = mantissa * 10 + UInt64(bytes[index] - 48)
            digits += mantissa == 0 ? 0 : 1
            scale += 1
          }
          index += 1
        }
      }
      if index == range.upperBound, simple, integerEnd > range.lowerBound || scale > 0 {
        if scale == 0 { return Double(mantissa) }
        if mantissa < (1 << 53), scale <= 22 { return Double(mantissa) / powersOfTen[scale] }
      }
      // Exponents, long numbers and anything unusual go through the standard library.
      let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
      guard let value = Double(text), value.isFinite, value >= 0,
        text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 101 || $0 == 69 || $0 == 43 || $0 == 45 })
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
