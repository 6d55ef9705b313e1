import Foundation
import LoopLedger

/// `field=value` edits of a deal.
///
/// `deal edit ID --set …` and `review accept ID --set …` take them. Every assignment is checked,
/// and every problem reported at once, before any is applied.
///
/// | field | value |
/// |---|---|
/// | `id` | a new id (only for `review accept`: a stored deal keeps its id) |
/// | `payer`, `payee` | company ids |
/// | `kind` | `equity_investment`, `compute_purchase`, `chip_purchase`, `cloud_contract`, `software_sale`, `loan`, `warrant`, `other` |
/// | `status` | `talks`, `planned`, `announced`, `closed`, `implied`, `cancelled`, `superseded` |
/// | `announced` | `YYYY`, `YYYY-MM` or `YYYY-MM-DD` |
/// | `termYears` | a positive number |
/// | `supersededBy` | a deal id |
/// | `note` | text |
/// | `amount.qualifier` | `exact`, `about`, `at_least`, `more_than`, `up_to`, `range`, `unstated` (`unstated` clears the figures and currency: no figure is given) |
/// | `amount.value`, `.low`, `.high`, `.estimate` | `12000000000`, `12e9`, `12B`, `$1.4T` |
/// | `amount.currency` | `USD`, `HKD`, … |
/// | `amount.asWritten` | the source's words |
/// | `amount.derived.of` | a deal id: the amount becomes a share of that deal's (no figure of its own: the qualifier becomes `unstated`); empty removes the derivation |
/// | `amount.derived.low`, `.high`, `.estimate` | the share, `0.5` or `50%` |
/// | `amount.derived.reason` | why these bounds: the source's words and how they are read |
/// | `source` | `DOCUMENT:QUOTE`, appended to the sources |
///
/// An empty value (`note=`) clears an optional field.
public enum DealAssignments {
  public static func apply(_ assignments: [String], to deal: inout Deal) throws {
    try applyAll(assignments, to: &deal) { try apply($0, to: &$1) }
  }

  static func apply(_ assignment: String, to deal: inout Deal) throws {
    let (field, value) = try split(assignment)
    func fail(_ problem: String) -> StoreError { StoreError.badAssignment(assignment, problem: problem) }
    let optional: String? = value.isEmpty ? nil : value
    switch field {
    case "id": deal.id = DealID(try slug(value, assignment))
    case "payer": deal.payer = CompanyID(try slug(value, assignment))
    case "payee": deal.payee = CompanyID(try slug(value, assignment))
    case "kind": deal.kind = try enumeration(value, assignment)
    case "status": deal.status = try enumeration(value, assignment)
    case "announced": deal.announced = try optional.map { try date($0, assignment) }
    case "termYears", "term_years":
      deal.termYears = try optional.map {
        guard let years = Double($0), years > 0, years.isFinite else {
          throw fail("a term is a positive number of years")
        }
        return years
      }
    case "supersededBy", "superseded_by": deal.supersededBy = try optional.map { DealID(try slug($0, assignment)) }
    case "note": deal.note = optional
    case "source":
      guard let colon = value.firstIndex(of: ":"), colon != value.startIndex else {
        throw fail("write source=DOCUMENT:QUOTE, e.g. source=reuters-2025-10-06:AMD will supply…")
      }
      let quote = String(value[value.index(after: colon)...])
      guard !quote.allSatisfy(\.isWhitespace) else {
        throw fail("the quote is empty; copy the exact words of the source")
      }
      deal.sources.append(Source(document: String(value[..<colon]), quote: quote))
    case "amount.qualifier":
      let qualifier: AmountQualifier = try enumeration(value, assignment)
      deal.amount.qualifier = qualifier
      if qualifier == .unstated {
        deal.amount = Amount(
          qualifier: .unstated, asWritten: deal.amount.asWritten, assumed: deal.amount.assumed,
          derived: deal.amount.derived)
      } else {
        // A stated figure replaces a derived one.
        deal.amount.derived = nil
      }
    case "amount.value": deal.amount.value = try optional.map { try number($0, assignment) }
    case "amount.low": deal.amount.low = try optional.map { try number($0, assignment) }
    case "amount.high": deal.amount.high = try optional.map { try number($0, assignment) }
    case "amount.estimate": deal.amount.estimate = try optional.map { try number($0, assignment) }
    case "amount.currency": deal.amount.currency = optional
    case "amount.asWritten", "amount.as_written": deal.amount.asWritten = optional
    case "amount.derived", "amount.derived.of":
      guard let optional else {
        deal.amount.derived = nil
        return
      }
      let of = DealID(try slug(optional, assignment))
      let derivation =
        deal.amount.derived.map {
          Derivation(of: of, low: $0.low, high: $0.high, estimate: $0.estimate, reason: $0.reason)
        }
        ?? Derivation(of: of, low: 0, high: 1, reason: "")
      deal.amount = Amount(
        qualifier: .unstated, asWritten: deal.amount.asWritten, assumed: deal.amount.assumed, derived: derivation)
    case "amount.derived.low", "amount.derived.high", "amount.derived.estimate", "amount.derived.reason":
      guard var derivation = deal.amount.derived else {
        throw fail("the amount is not derived; set amount.derived.of=DEAL first")
      }
      switch field {
      case "amount.derived.low": derivation.low = try share(value, assignment)
      case "amount.derived.high": derivation.high = try share(value, assignment)
      case "amount.derived.estimate": derivation.estimate = try optional.map { try share($0, assignment) }
      default: derivation.reason = value
      }
      deal.amount.derived = derivation
    default:
      throw fail(
        "unknown field '\(field)'; use one of id, payer, payee, kind, status, announced, termYears, supersededBy, "
          + "note, source, amount.qualifier, amount.value, amount.low, amount.high, amount.estimate, "
          + "amount.currency, amount.asWritten, amount.derived.of, amount.derived.low, amount.derived.high, "
          + "amount.derived.estimate, amount.derived.reason")
    }
  }
}

/// `field=value` edits of a company, as `company edit ID --set …` takes them: `name.en`,
/// `name.zh-Hant`, `name.zh-Hans`, `parent` (a company id; empty clears it), `role`, and `aliases`
/// (comma-separated; replaces the list) or `alias` (adds one).
public enum CompanyAssignments {
  public static func apply(_ assignments: [String], to company: inout Company) throws {
    try applyAll(assignments, to: &company) { try apply($0, to: &$1) }
  }

  static func apply(_ assignment: String, to company: inout Company) throws {
    let (field, value) = try split(assignment)
    let optional: String? = value.isEmpty ? nil : value
    switch field {
    case "name.en", "names.en", "name":
      guard let optional else {
        throw StoreError.badAssignment(assignment, problem: "a company needs an English name")
      }
      company.names.english = optional
    case "name.zh-Hant", "names.zh-Hant": company.names.traditionalChinese = optional
    case "name.zh-Hans", "names.zh-Hans": company.names.simplifiedChinese = optional
    case "parent": company.parent = try optional.map { CompanyID(try slug($0, assignment)) }
    case "role": company.role = optional
    case "aliases":
      company.aliases = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
        !$0.isEmpty
      }
    case "alias":
      if let optional, !company.aliases.contains(optional) { company.aliases.append(optional) }
    default:
      throw StoreError.badAssignment(
        assignment,
        problem:
          "unknown field '\(field)'; use one of name.en, name.zh-Hant, name.zh-Hans, parent, role, aliases, alias")
    }
  }
}

private func split(_ assignment: String) throws -> (String, String) {
  guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
    throw StoreError.badAssignment(assignment, problem: "write FIELD=VALUE, e.g. status=closed")
  }
  return (String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...]))
}

private func slug(_ value: String, _ assignment: String) throws -> String {
  let allowed = value.utf8.allSatisfy {
    ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 || $0 == 46
  }
  guard !value.isEmpty, allowed else {
    throw StoreError.badAssignment(
      assignment, problem: "'\(value)' is not an id: use lower-case letters, digits and '-', e.g. 'google-cloud'")
  }
  return value
}

private func enumeration<T: RawRepresentable & CaseIterable>(_ value: String, _ assignment: String) throws -> T
where T.RawValue == String {
  guard let result = T(rawValue: value) else {
    throw StoreError.badAssignment(
      assignment, problem: "'\(value)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
  }
  return result
}

private func date(_ value: String, _ assignment: String) throws -> PartialDate {
  guard let date = PartialDate(value) else {
    throw StoreError.badAssignment(assignment, problem: "'\(value)' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
  }
  return date
}

private func number(_ value: String, _ assignment: String) throws -> Double {
  if let plain = Double(value), plain.isFinite, plain >= 0 { return plain }
  if let money = MoneyText.parse(value) { return money }
  throw StoreError.badAssignment(
    assignment, problem: "'\(value)' is not a non-negative number such as 12000000000, 12e9, 12B or $1.4T")
}

/// A share from 0 to 1, written `0.5` or `50%`.
private func share(_ value: String, _ assignment: String) throws -> Double {
  let trimmed = value.trimmingCharacters(in: .whitespaces)
  let percent = trimmed.hasSuffix("%")
  if let number = Double(percent ? String(trimmed.dropLast()) : trimmed), number.isFinite {
    let share = percent ? number / 100 : number
    if share >= 0, share <= 1 { return share }
  }
  throw StoreError.badAssignment(assignment, problem: "'\(value)' is not a share from 0 to 1 such as 0.5 or 50%")
}

/// Applies every `field=value` to a copy, collecting each bad one, and changes `value` only when
/// all of them apply: every problem is reported at once and nothing is half-changed.
private func applyAll<Value>(
  _ assignments: [String], to value: inout Value, _ apply: (String, inout Value) throws -> Void
) throws {
  var problems: [String] = []
  var copy = value
  for assignment in assignments {
    do {
      try apply(assignment, &copy)
    } catch let StoreError.badAssignment(text, problem) {
      problems.append("'\(text)': \(problem)")
    }
  }
  if !problems.isEmpty { throw StoreError.badInput(file: "--set", problems: problems) }
  value = copy
}
