import Foundation

/// Reads a CSV of one number per node (such as external assets): a header, then `id,amount` rows.
///
/// The header names the columns `id` and `amount` (any order; other columns are ignored); a
/// header without those names takes the first two columns. Fields may be quoted (`"a,b"`, `"4"`);
/// amounts follow ``NumberRule/amount``. Every problem is reported at once with its line and column.
public enum NodeValuesCSV {
  /// A value and the line it was read from.
  public struct Value: Sendable, Equatable {
    public var amount: Double
    public var line: Int
  }

  /// Returns the values by id.
  ///
  /// - Throws: ``LedgerError/invalid(file:issues:)`` naming each bad line (all at once).
  public static func read(_ text: String, file: String) throws -> [String: Double] {
    try readWithLines(text, file: file).mapValues(\.amount)
  }

  /// Returns the values by id, with the line of each.
  public static func readWithLines(_ text: String, file: String) throws -> [String: Value] {
    var values: [String: Value] = [:]
    var issues: [LedgerIssue] = []
    var records = CSVRecords(text)
    var columns: (id: Int, amount: Int)? = nil
    while let record = records.next() {
      if let open = record.unclosedQuote {
        issues.append(
          LedgerIssue(
            file: file,
            problem: "the quote that opens here is never closed; close it (a quote inside a field is written \"\")",
            at: open))
        break
      }
      if record.fields.count == 1, record.fields[0].text.allSatisfy(\.isWhitespace) { continue }
      guard let (idColumn, amountColumn) = columns else {
        let names = record.fields.map { $0.text.trimmingCharacters(in: .whitespaces).lowercased() }
        for name in ["id", "amount"] where names.filter({ $0 == name }).count > 1 {
          issues.append(
            LedgerIssue(
              file: file, problem: "the header names the column '\(name)' twice; keep one",
              at: record.fields[0].position))
        }
        columns = (names.firstIndex(of: "id") ?? 0, names.firstIndex(of: "amount") ?? 1)
        continue
      }
      guard record.fields.count > max(idColumn, amountColumn) else {
        issues.append(
          LedgerIssue(
            file: file, problem: "has \(record.fields.count) field(s); expected id,amount",
            at: record.fields[0].position))
        continue
      }
      let idField = record.fields[idColumn]
      let amountField = record.fields[amountColumn]
      let id = idField.quoted ? idField.text : idField.text.trimmingCharacters(in: .whitespaces)
      let amountText = amountField.text.trimmingCharacters(in: .whitespaces)
      if id.isEmpty {
        issues.append(LedgerIssue(file: file, field: "id", problem: "is empty", at: idField.position))
        continue
      }
      guard let amount = Double(amountText), NumberRule.amount.allows(amount) else {
        let problem =
          Double(amountText).flatMap { NumberRule.amount.problem($0, written: amountText) }
          ?? "'\(VisibleText.escape(String(amountText.prefix(40)), newlines: false))' is not a number; write an amount from 0 to 10^16"
        issues.append(LedgerIssue(file: file, field: "amount", problem: problem, at: amountField.position))
        continue
      }
      if let earlier = values[id] {
        issues.append(
          LedgerIssue(
            file: file, field: "id",
            problem: "'\(VisibleText.escape(id, newlines: false))' appears twice (first on line \(earlier.line))",
            at: idField.position))
      }
      values[id] = Value(amount: amount, line: idField.position.line)
    }
    if !issues.isEmpty { throw LedgerError.invalid(file: file, issues: issues) }
    return values
  }
}

/// Splits CSV text into records (RFC 4180: `"` quotes, `""` inside them, line breaks inside
/// quotes), keeping the line and column of every field.
struct CSVRecords {
  struct Field {
    var text: String
    var quoted: Bool
    var position: TextPosition
  }

  struct Record {
    var fields: [Field]
    /// Where a quote opens that the text never closes.
    var unclosedQuote: TextPosition?
  }

  private let scalars: [Unicode.Scalar]
  private var index = 0
  private var line = 1
  private var column = 1

  init(_ text: String) {
    var all = Array(text.unicodeScalars)
    if all.first == "\u{FEFF}" { all.removeFirst() }
    scalars = all
  }

  mutating func next() -> Record? {
    guard index < scalars.count else { return nil }
    var fields: [Field] = []
    var text = ""
    var quoted = false
    var start = TextPosition(line: line, column: column)
    var atFieldStart = true
    var inQuotes = false
    var quoteOpened = start
    func advance() {
      if scalars[index] == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      index += 1
    }
    while index < scalars.count {
      let scalar = scalars[index]
      if inQuotes {
        if scalar == "\"" {
          if index + 1 < scalars.count, scalars[index + 1] == "\"" {
            text.unicodeScalars.append("\"")
            advance()
            advance()
            continue
          }
          inQuotes = false
          advance()
          continue
        }
        text.unicodeScalars.append(scalar)
        advance()
        continue
      }
      if scalar == "\"", atFieldStart {
        inQuotes = true
        quoted = true
        quoteOpened = TextPosition(line: line, column: column)
        atFieldStart = false
        advance()
        continue
      }
      if scalar == "," {
        fields.append(Field(text: text, quoted: quoted, position: start))
        advance()
        text = ""
        quoted = false
        atFieldStart = true
        start = TextPosition(line: line, column: column)
        continue
      }
      if scalar == "\n" {
        if text.unicodeScalars.last == "\r" { text.unicodeScalars.removeLast() }
        fields.append(Field(text: text, quoted: quoted, position: start))
        advance()
        return Record(fields: fields, unclosedQuote: nil)
      }
      atFieldStart = false
      text.unicodeScalars.append(scalar)
      advance()
    }
    if text.unicodeScalars.last == "\r" { text.unicodeScalars.removeLast() }
    fields.append(Field(text: text, quoted: quoted, position: start))
    return Record(fields: fields, unclosedQuote: inQuotes ? quoteOpened : nil)
  }
}
