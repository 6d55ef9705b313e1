import Foundation
import Hummingbird
import LoopLedger
import LoopLedgerApp
import LoopLedgerRender

/// The deal list's filters and paging, from the query of `/deals` or `/api/v1/deals`.
struct DealQuery: Sendable {
  var company: CompanyID?
  var payer: CompanyID?
  var payee: CompanyID?
  var kind: DealKind?
  var status: DealStatus?
  var offset: Int
  var limit: Int
  /// The query as given, for the paging links.
  var items: [WebPageContextItem]

  typealias WebPageContextItem = WebPageContext.QueryItem

  static let maxLimit = 1_000

  init(_ request: Request) throws {
    let q = request.uri.queryParameters
    func nonEmpty(_ name: String) -> String? { q.get(name).flatMap { $0.isEmpty ? nil : $0 } }
    company = nonEmpty("company").map { CompanyID($0) }
    payer = nonEmpty("payer").map { CompanyID($0) }
    payee = nonEmpty("payee").map { CompanyID($0) }
    if let text = nonEmpty("kind") {
      guard let kind = DealKind(rawValue: text) else {
        throw WebError(
          .badRequest,
          "'kind' must be one of \(DealKind.allCases.map(\.rawValue).joined(separator: ", ")); found '\(VisibleText.escape(text, newlines: false))'.",
          field: "kind")
      }
      self.kind = kind
    }
    if let text = nonEmpty("status") {
      guard let status = DealStatus(rawValue: text) else {
        throw WebError(
          .badRequest,
          "'status' must be one of \(DealStatus.allCases.map(\.rawValue).joined(separator: ", ")); found '\(VisibleText.escape(text, newlines: false))'.",
          field: "status")
      }
      self.status = status
    }
    offset = try WebApp.integer(request, "offset", default: 0, in: 0...Int(Int32.max))
    limit = try WebApp.integer(request, "limit", default: 50, in: 1...Self.maxLimit)
    items = ["company", "payer", "payee", "kind", "status", "offset", "limit"].compactMap { name in
      nonEmpty(name).map { WebPageContextItem(name, $0) }
    }
  }

  /// The matching deals of `ledger` in ledger order, one page of them, and how many match.
  func apply(to ledger: Ledger) throws -> ([Deal], Int) {
    for id in [company, payer, payee].compactMap({ $0 }) where ledger.company(id) == nil {
      throw WebError.notFound(
        "No company of this ledger has the id '\(VisibleText.escape(id.rawValue, newlines: false))'.")
    }
    let matching = ledger.deals.filter { deal in
      (company.map { deal.payer == $0 || deal.payee == $0 } ?? true) && (payer.map { deal.payer == $0 } ?? true)
        && (payee.map { deal.payee == $0 } ?? true) && (kind.map { deal.kind == $0 } ?? true)
        && (status.map { deal.status == $0 } ?? true)
    }
    let start = min(offset, matching.count)
    return (Array(matching[start..<min(matching.count, start + limit)]), matching.count)
  }
}

/// A funding projection asked for by the projection page's form or `POST /api/v1/projection`.
struct ProjectionInput: Sendable {
  var company: String
  var from: Int?
  var to: Int?
  var paths: Int
  var seed: UInt64
  var schedule: ScheduleShape?
  var scenario: ProjectionScenario?
  var sensitivity: Bool

  static let defaultPaths = 2_000

  /// The default scenario as the `--write-scenario` file, shown in the form to be edited.
  static let defaultScenarioText: String = {
    (try? ProjectionScenarioFile.encode(.defaults)).map { String(decoding: $0, as: UTF8.self) } ?? ""
  }()

  /// From the page's form (strings as typed).
  init(form: WebProjectionForm, maxPaths: Int) throws {
    func integer(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws -> Int? {
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      guard !trimmed.isEmpty else { return nil }
      guard let value = Int(trimmed), range.contains(value) else {
        throw WebError(
          .badRequest,
          "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound); found '\(VisibleText.escape(trimmed, newlines: false))'.",
          field: name)
      }
      return value
    }
    company = form.company
    from = try integer(form.from, "from", 1900...2200)
    to = try integer(form.to, "to", 1900...2200)
    paths = try integer(form.paths, "paths", 1...maxPaths) ?? Self.defaultPaths
    seed = UInt64(try integer(form.seed, "seed", 0...Int(Int32.max)) ?? 1)
    if !form.schedule.isEmpty {
      guard let shape = ScheduleShape(rawValue: form.schedule) else {
        throw WebError(
          .badRequest, "'schedule' must be one of \(ScheduleShape.allCases.map(\.rawValue).joined(separator: ", ")).",
          field: "schedule")
      }
      schedule = shape
    }
    let text = form.scenario.trimmingCharacters(in: .whitespacesAndNewlines)
    let unchanged = text.isEmpty || text == Self.defaultScenarioText.trimmingCharacters(in: .whitespacesAndNewlines)
    scenario = unchanged ? nil : try ProjectionScenarioFile.decode(Data(text.utf8), file: "scenario")
    sensitivity = false
  }

  /// From the API's JSON body: `{"company": …, "from": …, "to": …, "paths": …, "seed": …,
  /// "schedule": …, "sensitivity": …, "scenario": {…}}`; only `company` is required.
  init(json data: Data, maxPaths: Int) throws {
    struct Body: Decodable {
      var company: String?
      var from: Int?
      var to: Int?
      var paths: Int?
      var seed: Int?
      var schedule: String?
      var sensitivity: Bool?
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw WebError(.badRequest, "The body must be a JSON object such as {\"company\": \"openai\"}.")
    }
    let allowed: Set<String> = ["company", "from", "to", "paths", "seed", "schedule", "sensitivity", "scenario"]
    if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw WebError(
        .unprocessableContent,
        "unknown field '\(VisibleText.escape(unknown, newlines: false))'; the fields are \(allowed.sorted().joined(separator: ", ")).",
        field: unknown)
    }
    let body: Body
    do {
      body = try JSONDecoder().decode(Body.self, from: data)
    } catch let DecodingError.typeMismatch(_, context) {
      let field = context.codingPath.first?.stringValue ?? ""
      throw WebError(
        .unprocessableContent, "'\(field)' has the wrong type (\(Self.expected[field] ?? "see the API document")).",
        field: field)
    } catch {
      throw WebError(.badRequest, "The body is not valid JSON.")
    }
    guard let company = body.company, !company.isEmpty else {
      throw WebError(.unprocessableContent, "'company' is required: a company id or name.", field: "company")
    }
    func check(_ value: Int?, _ name: String, _ range: ClosedRange<Int>) throws -> Int? {
      guard let value else { return nil }
      guard range.contains(value) else {
        throw WebError(
          .unprocessableContent, "'\(name)' must be from \(range.lowerBound) to \(range.upperBound); found \(value).",
          field: name)
      }
      return value
    }
    self.company = company
    from = try check(body.from, "from", 1900...2200)
    to = try check(body.to, "to", 1900...2200)
    paths = try check(body.paths, "paths", 1...maxPaths) ?? Self.defaultPaths
    seed = UInt64(try check(body.seed, "seed", 0...Int(Int32.max)) ?? 1)
    if let text = body.schedule {
      guard let shape = ScheduleShape(rawValue: text) else {
        throw WebError(
          .unprocessableContent,
          "'schedule' must be one of \(ScheduleShape.allCases.map(\.rawValue).joined(separator: ", ")).",
          field: "schedule")
      }
      schedule = shape
    }
    sensitivity = body.sensitivity ?? false
    if let value = object["scenario"] {
      guard value is [String: Any] else {
        throw WebError(.unprocessableContent, "'scenario' must be a projection scenario object.", field: "scenario")
      }
      let bytes = try JSONSerialization.data(withJSONObject: value)
      scenario = try ProjectionScenarioFile.decode(bytes, file: "scenario")
    }
  }

  static let expected = [
    "company": "a string", "from": "a whole number", "to": "a whole number", "paths": "a whole number",
    "seed": "a whole number", "schedule": "a string", "sensitivity": "true or false",
  ]

  /// Runs the projection with the same checks as `loopledger project`.
  func run(ledger: Ledger) throws -> FundingProjection {
    var job = ProjectJob(company: company, ledger: LedgerSelection(), output: OutputSelection())
    job.from = from
    job.to = to
    job.paths = paths
    job.seed = seed
    job.sensitivity = sensitivity
    job.sensitivityPaths = min(paths, 2_000)
    try job.validate()
    let window = try job.checkedWindow(for: ledger)
    var scenario = self.scenario ?? .defaults
    if self.scenario != nil { try scenario.crossCheck(ledger: ledger, file: "scenario") }
    if let schedule { scenario.schedule = schedule }
    let id = try FundingProjection.resolveCompany(company, in: ledger)
    let options = ProjectionOptions(
      from: window.lowerBound, to: window.upperBound, paths: paths, seed: seed, threads: nil,
      exactQuantileLimit: job.exactQuantileLimit, sensitivityPaths: job.effectiveSensitivityPaths,
      sensitivity: sensitivity)
    return try FundingProjection(
      ledger: ledger, company: id, scenario: scenario, options: options,
      scenarioOrigin: self.scenario == nil ? "default" : "scenario")
  }
}
