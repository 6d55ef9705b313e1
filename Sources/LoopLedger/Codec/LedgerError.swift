/// One problem found in an input file — a ledger, a scenario, a CSV, chart data, a truth file:
/// the file, the place (line and column), the entry and key path, and what is wrong in words.
///
/// Every reader reports this one type, and ``description`` is the one way it is shown:
/// `file:line:column: entry: key.path: problem`, each part left out when it is not known.
public struct LedgerIssue: Sendable, Equatable, CustomStringConvertible {
  /// The file's name or path as the user gave it.
  public var file: String
  /// The entry, such as `deals[3] (amazon-openai-equity-2025)`; empty for files without entries.
  public var entry: String
  /// The key path inside the entry or file, such as `payee`, `amount.low`,
  /// `revenue.growth[1].distribution.sd` or a CSV column; empty when the whole entry is at fault.
  public var field: String
  /// What is wrong and, where possible, how to fix it.
  public var problem: String
  /// The line the problem is on, counted from 1.
  public var line: Int?
  /// The column (in characters, counted from 1).
  public var column: Int?

  public init(file: String, entry: String, field: String, problem: String, line: Int? = nil, column: Int? = nil) {
    self.file = file
    self.entry = entry
    self.field = field
    self.problem = problem
    self.line = line
    self.column = column
  }

  public init(file: String, entry: String = "", field: String = "", problem: String, at position: TextPosition?) {
    self.init(file: file, entry: entry, field: field, problem: problem, line: position?.line, column: position?.column)
  }

  /// `file:12:5`, `file:12` or `file`.
  public var place: String {
    guard let line else { return file }
    return "\(file):\(line)" + (column.map { ":\($0)" } ?? "")
  }

  public var description: String {
    var parts = [place]
    if !entry.isEmpty { parts.append(entry) }
    if !field.isEmpty { parts.append(field) }
    parts.append(problem)
    return parts.joined(separator: ": ")
  }
}

/// An error raised while reading or using a ledger.
public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file has problems; all of them are listed.
  case invalid(file: String, issues: [LedgerIssue])
  /// The file could not be read at all.
  case unreadable(file: String, reason: String)
  /// No bundled ledger has that name.
  case unknownBundledLedger(String, available: [String])
  /// A company a user named (by id, name or alias) that the ledger does not have; `known` lists
  /// the ledger's company ids.
  case noSuchCompany(String, known: [String])
  /// An assumption or option names a deal that the ledger does not hold.
  case unknownDeal(String)
  /// A company named on the command line is not in the ledger.
  case unknownCompany(String)

  public var description: String {
    switch self {
    case .invalid(let file, let issues):
      let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
      return "\(file): \(count):\n" + issues.map { "  " + $0.description }.joined(separator: "\n")
    case .unreadable(let file, let reason):
      return "\(file): cannot be read: \(reason)"
    case .unknownBundledLedger(let name, let available):
      return
        "There is no bundled ledger '\(name)'; available: \(available.joined(separator: ", "))."
    case .unknownDeal(let id):
      return "No deal has the id '\(id)'; `loopledger report --format json` lists the deal ids."
    case .noSuchCompany(let name, let known):
      let shown = known.prefix(30).joined(separator: ", ") + (known.count > 30 ? ", … (\(known.count) in all)" : "")
      return "No company of this ledger is called '\(name)' (by id, name or alias); its companies are \(shown)."
    case .unknownCompany(let id):
      let isSlug = !id.isEmpty && id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
      return isSlug
        ? "No company has the id '\(id)' in the graph of this ledger (with the statuses, kinds and dates selected)."
        : "No company has the id '\(id)'; company ids are lower-case slugs such as 'openai'."
    }
  }
}
