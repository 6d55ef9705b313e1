import Foundation
import Hummingbird
import LoopLedger
import LoopLedgerApp
import LoopLedgerRender
import LoopLedgerStore

/// The dashboard's pages: server-rendered HTML from the same analyses and pictures as the CLI.
extension WebApp {
  func addPageRoutes(to router: Router<BasicRequestContext>) {
    router.get("/") { request, _ in
      // `?as_of=DATE`: the ledger as it stood then (as `report --as-of`).
      let asOf = try Self.date(request, "as_of")
      return try self.page(request, shared: true) { page, snapshot in
        let language = page.context.language
        if let asOf {
          let ledger = snapshot.ledger.asOf(asOf)
          let report = try LoopReport(ledger: ledger, options: LoopReportOptions(filter: self.service.filter))
          return page.overview(
            report: report, ledger: ledger, changes: try self.recentChanges(limit: 10),
            map: WebPage.overviewMap(report: report, ledger: ledger, language: language))
        }
        let map = try self.service.rendered("overview-map|\(language.rawValue)", version: snapshot.version) {
          WebPage.overviewMap(report: snapshot.report, ledger: snapshot.ledger, language: language)
        }
        return page.overview(
          report: snapshot.report, ledger: snapshot.ledger, changes: try self.recentChanges(limit: 10), map: map)
      }
    }
    router.get("/timeline") { request, _ in
      let asked = request.uri.queryParameters.get("period").map { String($0) } ?? "quarter"
      guard let period = TimelinePeriod(rawValue: asked) else {
        throw WebError(
          .badRequest, "'period' must be quarter or year; found '\(VisibleText.escape(asked, newlines: false))'.",
          field: "period")
      }
      return try self.page(request, shared: true) { page, snapshot in
        let timeline = try self.service.timeline(period, version: snapshot.version) {
          try LedgerTimeline(
            ledger: snapshot.ledger, period: period, options: LoopReportOptions(filter: self.service.filter))
        }
        return page.timeline(timeline, ledger: snapshot.ledger)
      }
    }
    router.get("/loops") { request, _ in
      let asOf = try Self.date(request, "as_of")
      return try self.page(request, shared: true) { page, snapshot in
        guard let asOf else { return page.loops(report: snapshot.report, ledger: snapshot.ledger) }
        let ledger = snapshot.ledger.asOf(asOf)
        return page.loops(
          report: try LoopReport(ledger: ledger, options: LoopReportOptions(filter: self.service.filter)),
          ledger: ledger)
      }
    }
    router.get("/companies") { request, _ in
      try self.page(request, shared: true) { page, snapshot in
        page.companies(report: snapshot.report, ledger: snapshot.ledger)
      }
    }
    router.get("/companies/:id") { request, context in
      let id = try self.companyID(context.parameters.get("id") ?? "")
      return try self.page(request, shared: true) { page, snapshot in
        page.company(id, report: snapshot.report, ledger: snapshot.ledger, flows: snapshot.flows)
      }
    }
    router.get("/deals") { request, _ in
      let query = try DealQuery(request)
      return try self.page(request) { page, snapshot in
        let (slice, total) = try query.apply(to: snapshot.ledger)
        return page.deals(
          slice, total: total, offset: query.offset, limit: query.limit, ledger: snapshot.ledger, filter: query.items)
      }
    }
    router.get("/deals/:id") { request, context in
      let id = DealID(context.parameters.get("id") ?? "")
      return try self.page(request) { page, snapshot in
        let (deal, removed) = try self.deal(id, in: snapshot.ledger)
        return page.deal(deal, removed: removed, ledger: snapshot.ledger, history: try self.history(of: id))
      }
    }
    router.get("/stress") { request, _ in try self.stressPage(request) }
    router.get("/projection") { request, _ in
      let q = request.uri.queryParameters
      let fields = ["company", "from", "to", "paths", "seed", "schedule"].reduce(into: [String: String]()) {
        if let value = q.get($1) { $0[$1] = String(value) }
      }
      return try self.projectionPage(request, fields: fields)
    }
    // The scenario is too long for an address: an edited one comes in a form body (a read, so
    // no login and no CSRF token).
    router.post("/projection") { request, _ in
      try self.projectionPage(request, fields: try await self.formBody(request))
    }
    router.get("/review") { request, _ in
      let done = request.uri.queryParameters.get("done")
      return try self.page(request) { page, snapshot in
        page.review(try self.webCandidates(snapshot.ledger), done: done != nil)
      }
    }
    for action in ["accept", "reject", "merge"] {
      router.post("/review/:id/\(action)") { request, context in
        let form = try await self.formBody(request)
        try Security.requireCSRF(request, form: form)
        guard self.security.isLoggedIn(request) else { return WebApp.redirect("/login") }
        let id = context.parameters.get("id") ?? ""
        try self.decide(action, candidate: id, form: form)
        return WebApp.redirect("/review?done=" + WebPage.segment(action))
      }
    }
    router.get("/login") { request, _ in
      try self.page(request) { page, _ in page.login(failed: request.uri.queryParameters.get("failed") != nil) }
    }
    router.post("/login") { request, _ in
      let form = try await self.formBody(request)
      try Security.requireCSRF(request, form: form)
      guard let session = self.security.logIn(with: form["token"] ?? "") else {
        return WebApp.redirect("/login?failed=1")
      }
      var response = WebApp.redirect("/review")
      response.setCookie(Security.cookie(Security.sessionCookie, session, maxAge: Int(Security.sessionLifetime)))
      return response
    }
    router.post("/logout") { request, _ in
      let form = try await self.formBody(request)
      try Security.requireCSRF(request, form: form)
      self.security.logOut(request)
      var response = WebApp.redirect("/")
      response.setCookie(Security.cookie(Security.sessionCookie, "", maxAge: 0))
      return response
    }
    router.get(RouterPath(WebAssets.stylesheetPath)) { _, _ in
      var response = WebApp.response(WebAssets.stylesheet, type: "text/css; charset=utf-8")
      response.headers[.cacheControl] = "public, max-age=3600"
      return response
    }
    router.get(RouterPath(WebAssets.scriptPath)) { _, _ in
      var response = WebApp.response(WebAssets.script, type: "text/javascript; charset=utf-8")
      response.headers[.cacheControl] = "public, max-age=3600"
      return response
    }
  }

  /// What the layout needs from the request: language, path, login, CSRF token.
  func pageContext(_ request: Request, snapshot: LedgerService.Snapshot? = nil, csrf: String? = nil) throws
    -> WebPageContext
  {
    let query = request.uri.queryParameters.filter { $0.key != "lang" }.map {
      WebPageContext.QueryItem(String($0.key), String($0.value))
    }
    let title = snapshot.map { $0.ledger.title.isEmpty ? $0.ledger.id : $0.ledger.title } ?? ""
    return WebPageContext(
      language: Self.language(of: request), path: request.uri.path, query: query,
      loggedIn: security.isLoggedIn(request), writable: writable,
      csrf: csrf ?? Security.csrfCookieValue(request), origin: try service.origin(version: snapshot?.version),
      ledgerTitle: title)
  }

  /// Renders a page for the ledger as it stands, setting the language and CSRF cookies.
  ///
  /// A `shared` page (one without forms that write) seen by a visitor who is not logged in and
  /// asked for no query is the same for everyone: it is rendered once per ledger version and
  /// language and kept.
  func page(
    _ request: Request, shared: Bool = false, _ body: (WebPage, LedgerService.Snapshot) throws -> String
  ) throws -> Response {
    let snapshot = try service.snapshot()
    let newCSRF = Security.csrfCookieValue(request) == nil ? Security.randomToken() : nil
    let context = try pageContext(request, snapshot: snapshot, csrf: newCSRF)
    let html: String
    if shared, !context.loggedIn, context.query.isEmpty {
      let key = "page|\(context.path)|\(context.language.rawValue)"
      html = try service.rendered(key, version: snapshot.version) { try body(WebPage(context), snapshot) }
    } else {
      html = try body(WebPage(context), snapshot)
    }
    var response = WebApp.response(html, type: "text/html; charset=utf-8")
    if let newCSRF { response.setCookie(Security.cookie(Security.csrfCookie, newCSRF, maxAge: nil)) }
    if let asked = request.uri.queryParameters.get("lang"), Language(rawValue: asked) != nil {
      response.setCookie(Security.cookie(Self.languageCookie, asked, maxAge: 365 * 24 * 3600))
    }
    return response
  }

  func companyID(_ text: String) throws -> CompanyID {
    let ledger = try service.snapshot().ledger
    let id = CompanyID(text)
    guard ledger.company(id) != nil else {
      throw WebError.notFound("No company of this ledger has the id '\(VisibleText.escape(text, newlines: false))'.")
    }
    return id
  }

  /// A deal of the ledger, or a removed one from the store's tombstones.
  func deal(_ id: DealID, in ledger: Ledger) throws -> (Deal, removed: Bool) {
    if let deal = ledger.deal(id) { return (deal, false) }
    if let store = service.store, let stored = try? store.showDeal(id) { return (stored.deal, stored.isRemoved) }
    throw WebError.notFound("No deal has the id '\(VisibleText.escape(id.rawValue, newlines: false))'.")
  }

  func recentChanges(limit: Int) throws -> [WebChange]? {
    guard let store = service.store else { return nil }
    return try store.recentChanges(limit: limit).map(Self.webChange)
  }

  static func webChange(_ change: ChangeSummary) -> WebChange {
    var entities = change.firstEntities
    if change.itemCount > entities.count { entities.append("… (\(change.itemCount))") }
    return WebChange(
      id: change.id, time: change.time, actor: change.actor, command: change.command, reason: change.reason,
      entities: entities)
  }

  func history(of deal: DealID) throws -> [WebChange]? {
    guard let store = service.store else { return nil }
    return try store.history(deal: deal).reversed().map { change in
      WebChange(
        id: change.id, time: change.time, actor: change.actor, command: change.command, reason: change.reason,
        entities: change.items.filter { $0.entityID == deal.rawValue }.map { "\($0.kind.rawValue) \($0.entityID)" })
    }
  }

  func webCandidates(_ ledger: Ledger) throws -> [WebCandidate] {
    guard let store = service.store else { return [] }
    return try store.pending().map { entry in
      let x = entry.candidate.extracted
      let amount = x.amount.asWritten ?? x.amount.qualifier
      return WebCandidate(
        id: entry.candidate.id, article: entry.candidate.articleFile,
        articleDate: entry.candidate.articleDate.map { "\($0)" }, payer: x.payer.name, payee: x.payee.name,
        kind: x.kind,
        amount: amount, status: x.status, quote: x.quote,
        highlights: [x.payer.asWritten, x.payee.asWritten, x.amount.asWritten].compactMap { $0 },
        confidence: x.confidence, duplicates: entry.duplicates, problems: entry.problems)
    }
  }

  /// Accept, reject or merge a candidate from the review page's form.
  func decide(_ action: String, candidate id: String, form: [String: String]) throws {
    guard let store = service.store else { throw WebError(.forbidden, "Writes are off: there is no ledger store.") }
    let why = form["why"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    switch action {
    case "accept":
      let overrides = (form["set"] ?? "").split(whereSeparator: \.isNewline).map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty }
      try store.accept(id, overrides: overrides, actor: "web", reason: why)
    case "reject":
      try store.reject(id, why: why ?? "", actor: "web")
    default:
      guard let into = form["into"], !into.isEmpty else {
        throw WebError(.unprocessableContent, "Merging needs the id of the deal to merge into.", field: "into")
      }
      try store.merge(id, into: DealID(into), actor: "web", reason: why)
    }
  }

  // MARK: - Scenario pages

  func stressPage(_ request: Request) throws -> Response {
    let q = request.uri.queryParameters
    let form = WebStressForm(
      stop: q.get("stop") ?? "", fraction: q.get("fraction").flatMap { $0.isEmpty ? nil : $0 } ?? "1",
      defaulting: q.get("default") ?? "")
    return try page(request) { page, snapshot in
      let ledger = snapshot.ledger
      var links: [(CompanyID, CompanyID)] = []
      var seen = Set<String>()
      for flow in snapshot.flows.flows where seen.insert(flow.payer.rawValue + ":" + flow.payee.rawValue).inserted {
        links.append((flow.payer, flow.payee))
      }
      var report: StressReport? = nil
      var problem: String? = nil
      if !form.isEmpty {
        do {
          let shocks = try StressShock.parse(
            stops: form.stop.isEmpty ? [] : [form.stop + "=" + form.fraction],
            defaults: form.defaulting.isEmpty ? [] : [form.defaulting])
          var parts: [String] = []
          if !form.stop.isEmpty {
            let ends = form.stop.split(separator: ":").map {
              ledger.name(of: CompanyID(String($0)), in: page.context.language)
            }
            parts.append(ends.joined(separator: " ⇢ ") + " ×\(form.fraction)")
          }
          if !form.defaulting.isEmpty {
            parts.append("✕ " + ledger.name(of: CompanyID(form.defaulting), in: page.context.language))
          }
          let scenario = StressScenario(name: parts.joined(separator: " · "), description: "", shocks: shocks)
          report = try StressReport(ledger: ledger, scenario: scenario, filter: service.filter)
        } catch {
          problem = WebError.from(error, storePath: storePath).message
        }
      }
      return page.stress(form: form, links: links, ledger: ledger, report: report, problem: problem)
    }
  }

  func projectionPage(_ request: Request, fields: [String: String]) throws -> Response {
    let snapshot = try service.snapshot()
    let defaultCompany =
      snapshot.ledger.company(CompanyID("openai")) != nil
      ? "openai" : (snapshot.ledger.companies.first?.id.rawValue ?? "")
    let scenario = fields["scenario"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    var form = WebProjectionForm(
      company: fields["company"] ?? defaultCompany, from: fields["from"] ?? "", to: fields["to"] ?? "",
      paths: fields["paths"] ?? "", seed: fields["seed"] ?? "", schedule: fields["schedule"] ?? "",
      scenario: scenario ?? ProjectionInput.defaultScenarioText)
    let window = ProjectionOptions.window(for: snapshot.ledger)
    form.placeholders = [
      "from": "\(window.lowerBound)", "to": "\(window.upperBound)", "paths": "\(ProjectionInput.defaultPaths)",
      "seed": "1",
    ]
    return try page(request) { page, snapshot in
      var projection: FundingProjection? = nil
      var problem: String? = nil
      do {
        let input = try ProjectionInput(form: form, maxPaths: configuration.maxProjectionPaths)
        projection = try input.run(ledger: snapshot.ledger)
      } catch {
        problem = WebError.from(error, storePath: storePath).message
      }
      return page.projection(form: form, ledger: snapshot.ledger, projection: projection, problem: problem)
    }
  }
}
