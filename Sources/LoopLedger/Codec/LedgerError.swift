/// One problem found in a ledger or edge-list file: where it is, which field, and what is wrong.
public struct LedgerIssue: Sendable, Equatable, CustomStringConvertible {
  /// The file's name or path as the user gave it.
  public var file: String
  /// The entry, e.g. `deals[3] (amazon-openai-equity-2025)`, or `line 12` for CSV input.
  public var entry: String
  /// The field, e.g. `payee` or `amount.low`; empty when the whole entry is at fault.
  public var field: String
  /// What is wrong and, where possible, how to fix it.
  public var problem: String

  public init(file: String, entry: String, field: String, problem: String) {
    self.file = file
    self.entry = entry
    self.field = field
    self.problem = problem
  }

  public var description: String {
    field.isEmpty ? "\(file): \(entry): \(problem)" : "\(file): \(entry): \(field): \(problem)"
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
    case .unknownCompany(let id):
      return "No company has the id '\(id)'; company ids are lower-case slugs such as 'openai'."
    }
  }
}
