import Foundation
import HTTPTypes
import Hummingbird
import LoopLedger
import LoopLedgerApp
import LoopLedgerNews
import LoopLedgerRender
import LoopLedgerStore

/// `/api/v1`: the same JSON as the CLI's `--format json` where both exist; errors as
/// `{"error": {"message", "field", "problems"}}`. Reads are open; writes need the bearer token.
extension WebApp {
  func addAPIRoutes(to router: Router<BasicRequestContext>) {
    let api = router.group("/api/v1")
    api.get("/openapi.json") { _, _ in WebApp.json(OpenAPIDocument.json) }
    api.get("/report") { request, _ in try self.cachedJSON(request, kind: "report") }
    api.get("/loops") { request, _ in try self.cachedJSON(request, kind: "loops") }
    api.get("/timeline") { request, _ in
      let snapshot = try self.service.snapshot()
      let language = Self.language(of: request)
      let asked = request.uri.queryParameters.get("period").map { String($0) } ?? "quarter"
      guard let period = TimelinePeriod(rawValue: asked) else {
        throw WebError(
          .badRequest, "'period' must be quarter or year; found '\(VisibleText.escape(asked, newlines: false))'.",
          field: "period")
      }
      return WebApp.json(
        try self.service.rendered("timeline|\(period.rawValue)|\(language.rawValue)", version: snapshot.version) {
          let timeline = try self.service.timeline(period, version: snapshot.version) {
            try LedgerTimeline(
              ledger: snapshot.ledger, period: period, options: LoopReportOptions(filter: self.service.filter))
          }
          return try TimelineRenderer(timeline: timeline, ledger: snapshot.ledger, language: language).render(.json)
        })
    }
    api.get("/companies") { _, _ in
      let snapshot = try self.service.snapshot()
      return WebApp.json(
        try self.service.rendered("companies", version: snapshot.version) {
          try JSONOutput.string(CompanyList(ledger: snapshot.ledger.id, companies: snapshot.ledger.companies))
        })
    }
    api.get("/companies/:id") { _, context in
      let id = try self.companyID(context.parameters.get("id") ?? "")
      let snapshot = try self.service.snapshot()
      guard let company = snapshot.ledger.company(id) else { throw WebError.notFound("No company '\(id)'.") }
      return WebApp.json(try JSONOutput.string(CompanyDetail(company, snapshot: snapshot)))
    }
    api.get("/deals") { request, _ in
      let query = try DealQuery(request)
      let snapshot = try self.service.snapshot()
      let (page, total) = try query.apply(to: snapshot.ledger)
      return WebApp.json(
        try JSONOutput.string(DealPage(total: total, offset: query.offset, limit: query.limit, deals: page)))
    }
    api.get("/deals/:id") { _, context in
      let id = DealID(context.parameters.get("id") ?? "")
      let snapshot = try self.service.snapshot()
      let (deal, removed) = try self.deal(id, in: snapshot.ledger)
      return WebApp.json(try JSONOutput.string(DealDetail(deal: deal, removed: removed)))
    }
    api.get("/deals/:id/history") { _, context in
      let id = DealID(context.parameters.get("id") ?? "")
      let snapshot = try self.service.snapshot()
      _ = try self.deal(id, in: snapshot.ledger)
      let changes = try self.service.store?.history(deal: id) ?? []
      return WebApp.json(try JSONOutput.string(ChangeList(changes: changes)))
    }
    api.get("/changes") { request, _ in
      let limit = try WebApp.integer(request, "limit", default: 20, in: 1...1_000)
      let changes = try self.service.store?.recentChanges(limit: limit) ?? []
      return WebApp.json(try JSONOutput.string(ChangeSummaryList(changes: changes)))
    }
    api.post("/deals") { request, _ in
      let store = try self.writableStore(request)
      let deal = try LedgerFile.decodeDeal(try await self.jsonBody(request), file: "request body")
      let change = try store.addDeal(deal, actor: "api", reason: Self.reason(request))
      return WebApp.json(try JSONOutput.string(DealWritten(deal: deal, change: change.id)), status: .created)
    }
    api.put("/deals/:id") { request, context in
      let store = try self.writableStore(request)
      let id = DealID(context.parameters.get("id") ?? "")
      let deal = try LedgerFile.decodeDeal(try await self.jsonBody(request), file: "request body")
      guard deal.id == id else {
        throw WebError(
          .unprocessableContent,
          "The body's id '\(deal.id)' differs from the address's '\(id)'; a deal's id cannot change.", field: "id")
      }
      let change = try store.editDeal(id, actor: "api", reason: Self.reason(request)) { $0 = deal }
      return WebApp.json(try JSONOutput.string(DealWritten(deal: deal, change: change?.id)))
    }
    api.delete("/deals/:id") { request, context in
      let store = try self.writableStore(request)
      let id = DealID(context.parameters.get("id") ?? "")
      let change: Change
      do {
        change = try store.removeDeal(id, actor: "api", reason: Self.reason(request))
      } catch StoreError.invalid(let error) {
        // Another deal names this one (supersededBy, a derived amount): the ledger's state forbids it.
        throw WebError(
          .conflict,
          "Deal '\(id)' cannot be removed while another deal names it; change that deal first. \(error)")
      }
      return WebApp.json(try JSONOutput.string(DealRemoved(removed: id, change: change.id)))
    }
    api.post("/stress") { request, _ in
      let data = try await self.jsonBody(request)
      let snapshot = try self.service.snapshot()
      let scenario = try StressScenarioFile.decode(data, file: "request body")
      let report = try StressReport(ledger: snapshot.ledger, scenario: scenario, filter: self.service.filter)
      let language = Self.language(of: request)
      return WebApp.json(
        try StressRenderer(report: report, ledger: snapshot.ledger, language: language).render(.json))
    }
    api.post("/projection") { request, _ in
      let data = try await self.jsonBody(request)
      let input = try ProjectionInput(json: data, maxPaths: self.configuration.maxProjectionPaths)
      let snapshot = try self.service.snapshot()
      let projection = try input.run(ledger: snapshot.ledger)
      return WebApp.json(
        try ProjectionRenderer(projection: projection, ledger: snapshot.ledger, language: Self.language(of: request))
          .render(.json))
    }
    api.post("/extract") { request, _ in
      let type = (request.headers[.contentType] ?? "").lowercased()
      guard type.hasPrefix("text/plain") || type.hasPrefix("text/html") else {
        throw WebError(
          .unsupportedMediaType, "Send the article as text/plain or text/html (UTF-8).", field: "Content-Type")
      }
      let buffer = try await self.body(request)
      guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
        throw WebError(.unprocessableContent, "The article is not valid UTF-8.")
      }
      var date: PartialDate? = nil
      if let written = request.uri.queryParameters.get("date"), !written.isEmpty {
        guard let parsed = PartialDate(written) else {
          throw WebError(.badRequest, "'date' must be YYYY, YYYY-MM or YYYY-MM-DD.", field: "date")
        }
        date = parsed
      }
      let name = request.uri.queryParameters.get("file").flatMap { $0.isEmpty ? nil : $0 } ?? "article"
      let snapshot = try self.service.snapshot()
      let extractor = DealExtractor(ledger: snapshot.ledger)
      let extraction = extractor.extract(text, file: name, date: date)
      let report = ExtractReport(
        extractions: [extraction], ledger: snapshot.ledger,
        ledgerName: self.service.store == nil ? self.service.fixedName : "db")
      return WebApp.json(String(decoding: try report.encoded(), as: UTF8.self) + "\n")
    }
    api.get("/review") { _, _ in
      let entries = try self.service.store?.pending() ?? []
      return WebApp.json(try JSONOutput.string(ReviewList(entries: entries)))
    }
    for action in ["accept", "reject", "merge"] {
      api.post("/review/:id/\(action)") { request, context in
        let store = try self.writableStore(request)
        let id = context.parameters.get("id") ?? ""
        _ = try store.candidate(id)  // 404 before anything else
        let decision = try await self.decisionBody(request)
        let change: Change
        switch action {
        case "accept":
          change = try store.accept(id, overrides: decision.set ?? [], actor: "api", reason: decision.why)
        case "reject":
          guard let why = decision.why, !why.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw WebError(.unprocessableContent, "Rejecting a candidate needs a reason: 'why'.", field: "why")
          }
          change = try store.reject(id, why: why, actor: "api")
        default:
          guard let into = decision.into, !into.isEmpty else {
            throw WebError(
              .unprocessableContent, "'into' is required: the id of the deal to merge into.", field: "into")
          }
          change = try store.merge(id, into: DealID(into), actor: "api", reason: decision.why)
        }
        let candidate = try store.candidate(id)
        return WebApp.json(try JSONOutput.string(Decision(candidate: candidate, change: change.id)))
      }
    }
  }

  /// The store, when this request may write to it (401/403 otherwise).
  func writableStore(_ request: Request) throws -> LedgerStore {
    try security.requireBearer(request, storeAvailable: service.store != nil)
    guard let store = service.store else { throw WebError(.forbidden, "Writes are off: there is no ledger store.") }
    return store
  }

  /// `?why=` on a write, or the `X-LoopLedger-Reason` header.
  static func reason(_ request: Request) -> String? {
    let query: String? = request.uri.queryParameters.get("why").map { String($0) }
    let why: String? = query ?? request.headers[reasonHeader]
    guard let why, !why.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
    return why
  }

  static let reasonHeader = HTTPField.Name.named("X-LoopLedger-Reason")

  struct DecisionBody: Decodable {
    var set: [String]?
    var why: String?
    var into: String?
  }

  /// The optional JSON body of a review decision.
  func decisionBody(_ request: Request) async throws -> DecisionBody {
    let length = request.headers[.contentLength].flatMap { Int($0) }
    if length == 0 || (length == nil && request.headers[.contentType] == nil) { return DecisionBody() }
    let data = try await jsonBody(request)
    if data.isEmpty { return DecisionBody() }
    func wrongType(_ context: DecodingError.Context) -> WebError {
      guard let field = context.codingPath.first?.stringValue else {
        return WebError(.badRequest, "The body must be a JSON object such as {\"why\": \"…\"}.")
      }
      return WebError(
        .unprocessableContent,
        "'\(field)' has the wrong type ('set' is a list of FIELD=VALUE strings, 'why' and 'into' are strings).",
        field: field)
    }
    do {
      return try JSONDecoder().decode(DecisionBody.self, from: data)
    } catch DecodingError.typeMismatch(_, let context) {
      throw wrongType(context)
    } catch DecodingError.valueNotFound(_, let context) {
      throw wrongType(context)
    } catch {
      throw WebError(.badRequest, "The body must be a JSON object such as {\"why\": \"…\"}.")
    }
  }

  /// `/api/v1/report` and `/api/v1/loops`: the CLI's JSON (`as_of` = `--as-of`), kept per ledger
  /// version and query.
  func cachedJSON(_ request: Request, kind: String) throws -> Response {
    let snapshot = try service.snapshot()
    let language = Self.language(of: request)
    let limit = try Self.integer(request, "limit", default: 1_000, in: 1...100_000)
    let maxLength = try Self.integer(request, "max_length", default: 0, in: 0...64)
    let company = request.uri.queryParameters.get("company").flatMap { $0.isEmpty ? nil : String($0) }
    if let company { _ = try companyID(company) }
    let asOf = try Self.date(request, "as_of")
    let key = "\(kind)|\(language.rawValue)|\(limit)|\(maxLength)|\(company ?? "")|\(asOf?.description ?? "")"
    let text = try service.rendered(key, version: snapshot.version) {
      let report: LoopReport
      let ledger = asOf.map { snapshot.ledger.asOf($0) } ?? snapshot.ledger
      if limit == 1_000, maxLength == 0, company == nil, asOf == nil {
        report = snapshot.report
      } else {
        report = try LoopReport(
          ledger: ledger,
          options: LoopReportOptions(
            filter: service.filter, maxLength: maxLength == 0 ? nil : maxLength, limit: limit,
            company: company.map { CompanyID($0) }))
      }
      if kind == "report" {
        return try ReportRenderer(report: report, ledger: ledger, language: language).render(.json)
      }
      return try LoopListRenderer(report: report, ledger: ledger, language: language, limit: limit)
        .render(.json)
    }
    return WebApp.json(text)
  }
}

// MARK: - Answer shapes

struct CompanyList: Encodable {
  var ledger: String
  var companies: [Company]
}

/// One company with its report row, its flows in and out, its facts and the loops through it.
struct CompanyDetail: Encodable {
  struct FlowRow: Encodable {
    var counterparty: CompanyID
    var flowClass: FlowClass
    var amount: Interval
    var deals: [DealID]
  }
  var company: Company
  var summary: LoopReport.CompanyRow?
  var flowsIn: [FlowRow]
  var flowsOut: [FlowRow]
  var facts: [LoopReport.FactRow]
  /// Numbers (1-based) of the report's loops through the company.
  var loops: [Int]

  init(_ company: Company, snapshot: LedgerService.Snapshot) {
    let id = company.id
    self.company = company
    summary = snapshot.report.companies.first { $0.id == id }
    flowsIn = snapshot.flows.flows.filter { $0.payee == id }.map {
      FlowRow(counterparty: $0.payer, flowClass: $0.flowClass, amount: $0.amount, deals: $0.deals)
    }
    flowsOut = snapshot.flows.flows.filter { $0.payer == id }.map {
      FlowRow(counterparty: $0.payee, flowClass: $0.flowClass, amount: $0.amount, deals: $0.deals)
    }
    facts = snapshot.report.facts.filter { $0.company == id }
    loops = snapshot.report.loops.enumerated().filter { $0.element.path.contains(id) }.map { $0.offset + 1 }
  }
}

struct DealPage: Encodable {
  var total: Int
  var offset: Int
  var limit: Int
  var deals: [Deal]
}

struct DealDetail: Encodable {
  var deal: Deal
  var removed: Bool
}

struct DealWritten: Encodable {
  var deal: Deal
  /// The change number, or nil when the edit changed nothing.
  var change: Int64?
}

struct DealRemoved: Encodable {
  var removed: DealID
  var change: Int64
}

struct ChangeList: Encodable {
  var changes: [Change]
}

struct ChangeSummaryList: Encodable {
  var changes: [ChangeSummary]
}

struct ReviewList: Encodable {
  struct Entry: Encodable {
    var candidate: ReviewCandidate
    var draft: Deal
    var duplicates: [DealID]
    var problems: [String]
  }
  var pending: [Entry]

  init(entries: [ReviewEntry]) {
    pending = entries.map {
      Entry(candidate: $0.candidate, draft: $0.draft, duplicates: $0.duplicates, problems: $0.problems)
    }
  }
}

struct Decision: Encodable {
  var candidate: ReviewCandidate
  var change: Int64
}
