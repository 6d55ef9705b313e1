import Foundation

/// Reads a CSV of one number per node: a header, then `id,amount` rows (e.g. external assets).
public enum NodeValuesCSV {
  /// Returns the values by id.
  ///
  /// - Throws: ``LedgerError/invalid(file:issues:)`` naming each bad line (all at once).
  public static func read(_ text: String, file: String) throws -> [String: Double] {
    var values: [String: Double] = [:]
    var issues: [LedgerIssue] = []
    var header = true
    for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
      if line.allSatisfy(\.isWhitespace) { continue }
      if header {
        header = false
        continue
      }
      let number = offset + 1
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count >= 2 else {
        issues.append(LedgerIssue(file: file, entry: "line \(number)", field: "", problem: "expected id,amount"))
        continue
      }
      var id = fields[0].trimmingCharacters(in: .whitespaces)
      if id.count >= 2, id.hasPrefix("\""), id.hasSuffix("\"") {
        id = String(id.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
      }
      let amountText = fields[1].trimmingCharacters(in: .whitespaces)
      guard let amount = Double(amountText), amount.isFinite, amount >= 0 else {
        issues.append(
          LedgerIssue(
            file: file, entry: "line \(number)", field: "amount",
            problem: "'\(amountText.prefix(40))' is not a non-negative number"))
        continue
      }
      if values[id] != nil {
        issues.append(LedgerIssue(file: file, entry: "line \(number)", field: "id", problem: "'\(id)' appears twice"))
      }
      values[id] = amount
    }
    if !issues.isEmpty { throw LedgerError.invalid(file: file, issues: issues) }
    return values
  }
}
