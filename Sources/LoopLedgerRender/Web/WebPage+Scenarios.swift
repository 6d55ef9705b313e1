import Foundation
import LoopLedger

/// The form values of the stress page, as they came in the address.
public struct WebStressForm: Sendable, Equatable {
  /// `PAYER:PAYEE` of the link that stops paying, or empty.
  public var stop: String
  /// The share of it that stops, as written.
  public var fraction: String
  /// The company that defaults, or empty.
  public var defaulting: String

  public init(stop: String = "", fraction: String = "1", defaulting: String = "") {
    self.stop = stop
    self.fraction = fraction
    self.defaulting = defaulting
  }

  public var isEmpty: Bool { stop.isEmpty && defaulting.isEmpty }
}

/// The form values of the projection page.
public struct WebProjectionForm: Sendable, Equatable {
  public var company: String
  public var from: String
  public var to: String
  public var paths: String
  public var seed: String
  public var schedule: String
  /// A projection scenario as JSON (the `--scenario` format), or empty for the defaults.
  public var scenario: String
  /// What an empty field means (the defaults), shown as its placeholder.
  public var placeholders: [String: String] = [:]

  public init(
    company: String = "", from: String = "", to: String = "", paths: String = "", seed: String = "",
    schedule: String = "", scenario: String = ""
  ) {
    self.company = company
    self.from = from
    self.to = to
    self.paths = paths
    self.seed = seed
    self.schedule = schedule
    self.scenario = scenario
  }
}

extension WebPage {
  /// The stress page: the form, and the result when one was asked for.
  ///
  /// - Parameters:
  ///   - form: The form's values as they came in the address.
  ///   - links: The graph's links (payer, payee) a user can break.
  ///   - ledger: The ledger the test ran on.
  ///   - report: The result, or nil before a scenario is chosen.
  ///   - problem: What was wrong with the form, said above it.
  /// - Returns: The whole page.
  public func stress(
    form: WebStressForm, links: [(CompanyID, CompanyID)], ledger: Ledger, report: StressReport?, problem: String?
  ) -> String {
    document(title: words.navStress, current: "stress") { w in
      w.element("h1", text: words.navStress)
      w.element("p", [("class", "meta")], text: words.stressIntro)
      if let problem { w.element("p", [("class", "error"), ("role", "alert")], text: problem) }
      w.open("form", [("method", "get"), ("action", "/stress"), ("class", "scenario")])
      select(
        &w, name: "stop", label: words.stopLink, blank: words.choose,
        options: links.map {
          (
            $0.0.rawValue + ":" + $0.1.rawValue,
            "\(ledger.name(of: $0.0, in: language)) → \(ledger.name(of: $0.1, in: language))"
          )
        }, selected: form.stop)
      w.open("label")
      w.content(words.fractionStopped)
      w.element(
        "input",
        [
          ("type", "number"), ("name", "fraction"), ("min", "0"), ("max", "1"), ("step", "any"),
          ("value", form.fraction),
        ])
      w.close()
      select(
        &w, name: "default", label: words.companyDefaults, blank: words.choose, options: companyOptions(ledger),
        selected: form.defaulting)
      w.element("button", [("type", "submit")], text: words.run)
      w.close()
      guard let report else {
        if problem == nil { w.element("p", [("class", "meta")], text: words.stressChooseFirst) }
        return
      }
      stressResult(&w, report, ledger: ledger)
    }
  }

  func stressResult(_ w: inout XMLWriter, _ report: StressReport, ledger: Ledger) {
    let run = report.estimate
    w.element("h2", text: words.totalsWord)
    table(
      &w,
      headers: [
        (words.endWord, false), (words.unfunded, true), (words.revenueLost, true), (words.investmentCut, true),
        (words.defaultedWord, true),
      ]
    ) {
      w in
      let runs: [(String, StressRun)] = [
        (words.lowRun, report.low), (words.estimateRun, report.estimate), (words.highRun, report.high),
      ]
      for (label, run) in runs {
        w.open("tr")
        w.element("td", text: label)
        w.element("td", [("class", "num")], text: money.usd(run.totals.unfunded))
        w.element("td", [("class", "num")], text: money.usd(run.totals.revenueLost))
        w.element("td", [("class", "num")], text: money.usd(run.totals.investmentCut))
        w.element("td", [("class", "num")], text: "\(run.totals.defaults)")
        w.close()
      }
    }
    if let chart = try? CascadeChart(
      CascadeChartData(stress: report, ledger: ledger, language: language), language: language, idPrefix: "cascade")
    {
      w.open("figure", [("class", "chart")])
      w.raw(chart.svg())
      w.close()
    }
    w.element("h2", text: words.roundsWord)
    table(
      &w,
      headers: [
        (words.roundWord, true), (words.newDefaults, false), (words.unfunded, true), (words.revenueLost, true),
        (words.investmentCut, true),
      ]
    ) {
      w in
      for round in run.trace {
        w.open("tr")
        w.element("td", [("class", "num")], text: "\(round.round)")
        w.element(
          "td",
          text: round.newDefaults.isEmpty
            ? "–" : round.newDefaults.map { ledger.name(of: $0, in: language) }.joined(separator: ", "))
        w.element("td", [("class", "num")], text: money.usd(round.unfunded))
        w.element("td", [("class", "num")], text: money.usd(round.revenueLost))
        w.element("td", [("class", "num")], text: money.usd(round.investmentCut))
        w.close()
      }
    }
    w.element("h2", text: words.defaultedWord)
    let defaulted = run.trace.flatMap(\.newDefaults)
    if defaulted.isEmpty { w.element("p", [("class", "meta")], text: words.noneWord) }
    w.open("ul")
    for id in defaulted {
      w.open("li")
      if ledger.company(id) != nil {
        companyLink(&w, id, ledger: ledger)
      } else {
        w.content(id.rawValue)
      }
      w.close()
    }
    w.close()
    w.element("h2", text: words.brokenLoops)
    if run.brokenLoops.isEmpty { w.element("p", [("class", "meta")], text: words.noneWord) }
    w.open("ul")
    for loop in run.brokenLoops {
      w.element(
        "li",
        text: loop.path.map { ledger.name(of: $0, in: language) }.joined(separator: " → ")
          + " — \(words.retention): \(money.percent(loop.retention))")
    }
    w.close()
    if !report.assumptions.isEmpty {
      w.element("h3", text: words.assumptionsWord)
      w.open("ul")
      for phrase in report.assumptions { w.element("li", text: words.say(phrase)) }
      w.close()
    }
  }

  /// The projection page: the form (with the scenario editable), the fan chart and the years.
  public func projection(form: WebProjectionForm, ledger: Ledger, projection: FundingProjection?, problem: String?)
    -> String
  {
    document(title: words.navProjection, current: "projection") { w in
      w.element("h1", text: words.navProjection)
      w.element("p", [("class", "meta")], text: words.projectionIntro)
      if let problem { w.element("p", [("class", "error"), ("role", "alert")], text: problem) }
      w.open("form", [("method", "post"), ("action", "/projection"), ("class", "scenario")])
      select(
        &w, name: "company", label: words.companyWord, blank: nil, options: companyOptions(ledger),
        selected: form.company)
      let numbers: [(String, String, String)] = [
        (words.fromYear, "from", form.from), (words.toYear, "to", form.to), (words.simulatedPaths, "paths", form.paths),
        (words.randomSeed, "seed", form.seed),
      ]
      for (label, name, value) in numbers {
        w.open("label")
        w.content(label)
        w.element(
          "input", [("type", "number"), ("name", name), ("value", value), ("placeholder", form.placeholders[name])])
        w.close()
      }
      select(
        &w, name: "schedule", label: words.scheduleWord, blank: words.asInScenario,
        options: ScheduleShape.allCases.map { ($0.rawValue, $0.rawValue) }, selected: form.schedule)
      w.open("label", [("class", "wide")])
      w.content(words.scenarioJSON)
      w.element("textarea", [("name", "scenario"), ("rows", "14"), ("spellcheck", "false")], text: form.scenario)
      w.close()
      w.element("button", [("type", "submit")], text: words.run)
      w.close()
      guard let projection else { return }
      if let chart = try? FanChart(FanChartData(projection: projection, language: language), language: language) {
        w.open("figure", [("class", "chart")])
        w.raw(chart.svg())
        w.close()
      }
      let renderer = ProjectionRenderer(projection: projection, ledger: ledger, language: language)
      w.element("h2", text: words.yearTable)
      let headers: [(String, Bool)] = renderer.yearHeaders.enumerated().map { index, header in (header, index > 0) }
      table(&w, headers: headers) { w in
        for row in renderer.yearRows {
          w.open("tr")
          for (index, cell) in row.enumerated() { w.element("td", [("class", index > 0 ? "num" : nil)], text: cell) }
          w.close()
        }
      }
      w.element("h2", text: words.assumptionsWord)
      table(&w, headers: [(words.what, false), (words.amountWord, false), (words.sourcesWord, false)]) { w in
        for line in projection.assumptions {
          w.open("tr")
          w.element("td", text: words.assumptionLabel(line.key) ?? line.label)
          w.element("td", text: line.value)
          let basis: String = line.reason ?? line.source?.quote ?? line.origin
          w.element("td", text: basis)
          w.close()
        }
      }
    }
  }

  /// The review queue: each pending candidate with its quote (parties and amount highlighted),
  /// and the forms to accept, reject or merge it when logged in.
  public func review(_ candidates: [WebCandidate], done: Bool) -> String {
    document(title: words.navReview, current: "review") { w in
      w.element("h1", text: "\(words.navReview) (\(candidates.count))")
      w.element("p", [("class", "meta")], text: words.reviewIntro)
      if done { w.element("p", [("class", "notice"), ("role", "status")], text: words.done) }
      if !context.writable {
        w.element("p", [("class", "notice")], text: words.writesOff)
      } else if !context.loggedIn {
        w.open("p", [("class", "notice")])
        w.element("a", [("href", "/login")], text: words.logIn)
        w.content(" " + words.writesNeedLogin)
        w.close()
      }
      if candidates.isEmpty { w.element("p", text: words.noPending) }
      for candidate in candidates {
        w.open("article", [("class", "candidate"), ("id", "candidate-" + Self.segment(candidate.id))])
        let kind = DealKind(rawValue: candidate.kind).map { words.kind($0) } ?? candidate.kind
        w.element("h2", text: "\(candidate.payer) → \(candidate.payee) · \(kind) · \(candidate.amount)")
        w.element(
          "p", [("class", "meta")],
          text:
            "\(candidate.id) · \(words.article): \(candidate.article)\(candidate.articleDate.map { " (\($0))" } ?? "") · \(words.statusHeading): \(DealStatus(rawValue: candidate.status).map { words.status($0) } ?? candidate.status) · \(words.confidence): \(money.percent(candidate.confidence))"
        )
        w.open("blockquote")
        highlighted(&w, candidate.quote, candidate.highlights)
        w.close()
        if !candidate.duplicates.isEmpty {
          w.open("p")
          w.content(words.duplicates + ": ")
          for id in candidate.duplicates { w.element("a", [("href", Self.dealHref(id))], text: id.rawValue + " ") }
          w.close()
        }
        if !candidate.problems.isEmpty {
          w.element("p", text: words.problemsWord + ":")
          w.open("ul", [("class", "problems")])
          for problem in candidate.problems { w.element("li", text: problem) }
          w.close()
        }
        if context.loggedIn, context.writable {
          let base = "/review/" + Self.segment(candidate.id)
          w.open("div", [("class", "decide")])
          w.open("form", [("method", "post"), ("action", base + "/accept")])
          hiddenCSRF(&w)
          w.open("label")
          w.content(words.corrections)
          w.element("textarea", [("name", "set"), ("rows", "2"), ("spellcheck", "false")], text: "")
          w.close()
          w.open("label")
          w.content(words.reasonWord)
          w.element("input", [("type", "text"), ("name", "why")])
          w.close()
          w.element("button", [("type", "submit")], text: words.accept)
          w.close()
          w.open("form", [("method", "post"), ("action", base + "/merge")])
          hiddenCSRF(&w)
          w.open("label")
          w.content(words.mergeInto)
          w.element(
            "input",
            [
              ("type", "text"), ("name", "into"), ("required", "required"),
              ("value", candidate.duplicates.first?.rawValue),
            ])
          w.close()
          w.open("label")
          w.content(words.reasonWord)
          w.element("input", [("type", "text"), ("name", "why")])
          w.close()
          w.element("button", [("type", "submit")], text: words.mergeInto)
          w.close()
          w.open("form", [("method", "post"), ("action", base + "/reject")])
          hiddenCSRF(&w)
          w.open("label")
          w.content(words.reasonWord)
          w.element("input", [("type", "text"), ("name", "why"), ("required", "required")])
          w.close()
          w.element("button", [("type", "submit"), ("class", "danger")], text: words.reject)
          w.close()
          w.close()
        }
        w.close()
      }
    }
  }

  /// The quote with each highlight (found case-sensitively, first occurrence) in `<mark>`.
  func highlighted(_ w: inout XMLWriter, _ quote: String, _ highlights: [String]) {
    var ranges: [Range<String.Index>] = []
    for piece in highlights where !piece.isEmpty {
      if let range = quote.range(of: piece), !ranges.contains(where: { $0.overlaps(range) }) {
        ranges.append(range)
      }
    }
    ranges.sort { $0.lowerBound < $1.lowerBound }
    var position = quote.startIndex
    var line = ""
    for range in ranges {
      line += XMLWriter.escapeText(String(quote[position..<range.lowerBound]))
      line += "<mark>" + XMLWriter.escapeText(String(quote[range])) + "</mark>"
      position = range.upperBound
    }
    line += XMLWriter.escapeText(String(quote[position...]))
    w.raw(line)
  }
}
