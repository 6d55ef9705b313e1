import Foundation
import LoopLedger

/// The pages that show the ledger: overview, loops, companies, deals.
extension WebPage {
  /// The loop map the overview shows (a server keeps it per ledger version and language).
  public static func overviewMap(report: LoopReport, ledger: Ledger, language: Language) -> String {
    LoopMap(
      report: report, ledger: ledger, options: LoopMapOptions(language: language, idPrefix: "map", standalone: false)
    ).svg()
  }

  /// The overview: headline figures, the loop map, the largest loops, what changed recently.
  ///
  /// A ledger shown as of a date (``Ledger/asOf(_:)``) is said so, with what the view left out.
  ///
  /// - Parameters:
  ///   - report: The ledger's report.
  ///   - ledger: The ledger.
  ///   - changes: The store's newest changes, or nil for a fixed ledger.
  ///   - map: ``overviewMap(report:ledger:language:)``'s SVG, if already drawn.
  /// - Returns: The whole page.
  public func overview(report: LoopReport, ledger: Ledger, changes: [WebChange]?, map: String? = nil) -> String {
    document(title: words.navOverview, current: "overview") { w in
      w.element("h1", text: report.ledger.title.isEmpty ? report.ledger.id : report.ledger.title)
      if ledger.view != nil {
        asOfNotes(&w, ledger)
      } else if let asOf = report.ledger.asOf {
        w.element("p", [("class", "meta")], text: "\(words.asOf) \(asOf)")
      }
      asOfForm(&w, shown: ledger.view?.asOf)
      w.open("dl", [("class", "headline")])
      func figure(_ label: String, _ value: String, _ note: String? = nil) {
        w.open("div")
        w.element("dt", text: label)
        w.element("dd", text: value)
        if let note { w.element("dd", [("class", "note")], text: note) }
        w.close()
      }
      figure(words.headlineDeals, "\(report.ledger.deals)")
      figure(words.headlineCompanies, "\(report.ledger.companies)")
      figure(words.headlineLoops, "\(report.loops.count)")
      if let largest = report.loops.first {
        figure(words.headlineLargest, money.interval(largest.roundTrip, style: .compact), path(largest, ledger: ledger))
      }
      if let circulation = report.circulation {
        let signed = report.tiers?.circulation.first { $0.tier == .signed }
        figure(
          words.headlineGoingRound, money.share(circulation.maxCircularity, style: .compact),
          signed.map { "\(words.headlineSignedOnly): \(money.share($0.maxCircularity, style: .compact))" })
      }
      w.close()
      w.open("figure", [("class", "map")])
      w.raw(map ?? Self.overviewMap(report: report, ledger: ledger, language: language))
      w.close()
      w.element("h2", text: words.navLoops)
      loopTable(&w, report: report, ledger: ledger, limit: 10)
      if report.loops.count > 10 {
        w.open("p")
        w.element("a", [("href", Self.loopsHref(ledger))], text: "\(words.allLoops) (\(report.loops.count))")
        w.close()
      }
      w.element("h2", text: words.recentChanges)
      if let changes, !changes.isEmpty {
        changesTable(&w, changes)
      } else {
        w.element("p", [("class", "meta")], text: words.noRecentChanges)
      }
    }
  }

  func loopTable(_ w: inout XMLWriter, report: LoopReport, ledger: Ledger, limit: Int) {
    if report.loops.isEmpty {
      w.element("p", text: words.noLoops)
      return
    }
    table(
      &w,
      headers: [("#", true), (words.loop, false), (words.roundTrip, true), (words.type, false), (words.ratio, true)]
    ) {
      w in
      for (index, loop) in report.loops.enumerated().prefix(limit) {
        w.open("tr")
        w.element("td", [("class", "num")], text: "\(index + 1)")
        w.open("td")
        w.element("a", [("href", Self.loopsHref(ledger, loop: index + 1))], text: path(loop, ledger: ledger))
        w.close()
        w.element("td", [("class", "num")], text: money.interval(loop.roundTrip, style: .compact))
        w.element(
          "td",
          text: (loop.isInvestmentProcurement ? words.investmentProcurement : words.otherLoop)
            + (loop.inferred ? " " + words.inferredMark : ""))
        w.element("td", [("class", "num")], text: money.share(loop.investmentToPurchaseRatio, style: .compact))
        w.close()
      }
    }
  }

  /// Every loop, ranked, each with its steps, deals and quotes.
  public func loops(report: LoopReport, ledger: Ledger) -> String {
    document(title: words.navLoops, current: "loops") { w in
      w.element("h1", text: "\(words.navLoops) (\(report.loops.count))")
      asOfNotes(&w, ledger)
      w.element("p", [("class", "meta")], text: words.rankedBy)
      loopTable(&w, report: report, ledger: ledger, limit: report.loops.count)
      if !report.loopsComplete { w.element("p", [("class", "meta")], text: "⚠ " + words.limitHit) }
      if report.loops.contains(where: \.inferred) { w.element("p", [("class", "meta")], text: words.inferredNote) }
      for (index, loop) in report.loops.enumerated() {
        w.open("section", [("id", "loop-\(index + 1)"), ("class", "loop")])
        w.element("h2", text: "\(index + 1). \(path(loop, ledger: ledger))")
        w.element("p", text: "\(words.roundTrip): \(money.interval(loop.roundTrip))")
        w.open("ol", [("class", "steps")])
        for step in loop.steps {
          w.open("li")
          companyLink(&w, step.payer, ledger: ledger)
          w.content(" → ")
          companyLink(&w, step.payee, ledger: ledger)
          w.content(": \(money.interval(step.amount))")
          for id in step.deals {
            guard let deal = ledger.deal(id) else { continue }
            w.open("div", [("class", "deal-ref")])
            w.element("a", [("href", Self.dealHref(id)), ("class", "deal-id")], text: id.rawValue)
            w.content(
              " · \(words.kind(deal.kind)) · \(words.status(deal.status)) · \(amountText(deal, ledger: ledger))")
            w.close()
            // Folded: every loop would repeat every deal's quotes in full (works without script).
            w.open("details", [("class", "quotes")])
            w.element("summary", text: words.quotesCount(Set(deal.sources.map(\.quote)).count))
            quotes(&w, deal.sources, ledger: ledger)
            w.close()
          }
          w.close()
        }
        w.close()
        w.close()
      }
    }
  }

  /// The figure in US dollars first (in the page's language), then the source's own words.
  func amountText(_ deal: Deal, ledger: Ledger) -> String {
    var text: String
    if let usd = ledger.usdInterval(of: deal.amount), !usd.isUnknown {
      text = money.interval(usd, style: .compact)
    } else {
      text = words.notStated
    }
    if let written = deal.amount.asWritten, written != text { text += " (\(words.asWritten): \(written))" }
    if deal.amount.assumed != nil { text += " · " + words.assumed }
    if deal.amount.derived != nil, deal.amount.assumed == nil { text += " · " + words.derived }
    return text
  }

  /// The company table.
  public func companies(report: LoopReport, ledger: Ledger) -> String {
    document(title: words.navCompanies, current: "companies") { w in
      w.element("h1", text: words.navCompanies)
      table(
        &w,
        headers: [
          (words.company, false), (words.investedOut, true), (words.investmentIn, true), (words.purchasesIn, true),
          (words.purchasesOut, true), (words.selfFunded, true), (words.loopsColumn, true),
        ]
      ) { w in
        for row in report.companies {
          w.open("tr")
          w.open("td")
          companyLink(&w, row.id, ledger: ledger)
          w.close()
          for value in [row.investedOut, row.investmentIn, row.purchasesIn, row.purchasesOut] {
            w.element("td", [("class", "num")], text: value == .zero ? "–" : money.interval(value, style: .compact))
          }
          w.element("td", [("class", "num")], text: money.share(row.selfFundedShare, style: .compact))
          w.element("td", [("class", "num")], text: "\(row.loops)")
          w.close()
        }
      }
    }
  }

  /// One company: names, flows in and out by counterparty, self-funded share, facts, loops.
  public func company(_ id: CompanyID, report: LoopReport, ledger: Ledger, flows: LedgerFlows) -> String {
    let company = ledger.company(id)
    let row = report.companies.first { $0.id == id }
    let name = ledger.name(of: id, in: language)
    return document(title: name, current: "companies") { w in
      w.element("h1", text: name)
      w.open("dl", [("class", "fields")])
      func field(_ label: String, _ value: String) {
        w.element("dt", text: label)
        w.element("dd", text: value)
      }
      field(words.idWord, id.rawValue)
      if let company {
        var names: [String] = []
        for case let name? in [
          company.names.english, company.names.traditionalChinese, company.names.simplifiedChinese,
        ] where !names.contains(name) {
          names.append(name)
        }
        field(words.namesWord, names.joined(separator: " · "))
        if !company.aliases.isEmpty { field(words.aliasesWord, company.aliases.joined(separator: ", ")) }
        if let parent = company.parent {
          w.element("dt", text: words.parentWord)
          w.open("dd")
          companyLink(&w, parent, ledger: ledger)
          w.close()
        }
      }
      w.close()
      w.element("h2", text: words.selfFunded)
      w.element("p", [("class", "meta")], text: words.selfFundedRange)
      w.element("p", [("class", "big")], text: money.share(row?.selfFundedShare))
      if let row {
        w.element(
          "p",
          text:
            "\(words.purchasesIn): \(money.interval(row.purchasesIn)) · \(words.investedOut): \(money.interval(row.investedOut))"
        )
      }
      if !report.assumptions.isEmpty {
        w.element("h3", text: words.assumptionsWord)
        w.open("ul")
        for phrase in report.assumptions { w.element("li", text: words.say(phrase)) }
        w.close()
      }
      for (heading, incoming) in [(words.flowsIn, true), (words.flowsOut, false)] {
        w.element("h2", text: heading)
        let mine = flows.flows.filter { incoming ? $0.payee == id : $0.payer == id }
        if mine.isEmpty {
          w.element("p", [("class", "meta")], text: words.noneWord)
          continue
        }
        table(
          &w,
          headers: [
            (words.counterparty, false), (words.type, false), (words.amountUSD, true), (words.dealsWord, false),
          ]
        ) {
          w in
          for flow in mine {
            w.open("tr")
            w.open("td")
            companyLink(&w, incoming ? flow.payer : flow.payee, ledger: ledger)
            w.close()
            w.element("td", text: words.flowClass(flow.flowClass))
            w.element("td", [("class", "num")], text: money.interval(flow.amount, style: .compact))
            w.open("td")
            for (k, deal) in flow.deals.enumerated() {
              w.element("a", [("href", Self.dealHref(deal))], text: deal.rawValue)
              if k < flow.deals.count - 1 { w.content(", ") }
            }
            w.close()
            w.close()
          }
        }
      }
      let facts = report.facts.filter { $0.company == id }
      w.element("h2", text: words.factsWord)
      if facts.isEmpty { w.element("p", [("class", "meta")], text: words.noneWord) }
      for fact in facts {
        w.open("div", [("class", "fact")])
        w.element(
          "p",
          text: "\(fact.label ?? words.metric(fact.metric)): \(fact.value.asWritten ?? "–")"
            + (fact.asOf.map { " (\($0))" } ?? ""))
        quotes(&w, fact.sources, ledger: ledger)
        w.close()
      }
      w.element("h2", text: words.loopsThrough)
      let through = report.loops.enumerated().filter { $0.element.path.contains(id) }
      if through.isEmpty { w.element("p", [("class", "meta")], text: words.noneWord) }
      w.open("ul")
      for (index, loop) in through {
        w.open("li")
        w.element("a", [("href", "/loops#loop-\(index + 1)")], text: "\(index + 1). \(path(loop, ledger: ledger))")
        w.content(" — " + money.interval(loop.roundTrip, style: .compact))
        w.close()
      }
      w.close()
    }
  }

  /// A page of the deal list, with its filter form and paging links.
  public func deals(
    _ page: [Deal], total: Int, offset: Int, limit: Int, ledger: Ledger, filter: [WebPageContext.QueryItem]
  ) -> String {
    document(title: words.navDeals, current: "deals") { w in
      w.element("h1", text: words.navDeals)
      w.open("form", [("method", "get"), ("action", "/deals"), ("class", "filters")])
      let value = { (name: String) in filter.first { $0.name == name }?.value ?? "" }
      select(
        &w, name: "company", label: words.company, blank: words.anyWord, options: companyOptions(ledger),
        selected: value("company"))
      select(
        &w, name: "kind", label: words.kindWord, blank: words.anyWord,
        options: DealKind.allCases.map { ($0.rawValue, words.kind($0)) }, selected: value("kind"))
      select(
        &w, name: "status", label: words.statusHeading, blank: words.anyWord,
        options: DealStatus.allCases.map { ($0.rawValue, words.status($0)) }, selected: value("status"))
      w.element("button", [("type", "submit")], text: words.filterWord)
      w.close()
      let end = min(offset + page.count, total)
      w.element(
        "p", [("class", "meta")],
        text: "\(words.showing) \(page.isEmpty ? 0 : offset + 1)–\(end) \(words.ofWord) \(total)")
      table(
        &w,
        headers: [
          (words.idWord, false), (words.payer.sentenceCased, false), (words.payee.sentenceCased, false),
          (words.kindWord, false),
          (words.amountWord, false), (words.statusHeading, false), (words.announcedWord, false),
        ]
      ) { w in
        for deal in page {
          w.open("tr")
          w.open("td")
          w.element("a", [("href", Self.dealHref(deal.id))], text: deal.id.rawValue)
          w.close()
          w.open("td")
          companyLink(&w, deal.payer, ledger: ledger)
          w.close()
          w.open("td")
          companyLink(&w, deal.payee, ledger: ledger)
          w.close()
          w.element("td", text: words.kind(deal.kind))
          w.element("td", text: amountText(deal, ledger: ledger))
          w.element("td", text: words.status(deal.status))
          w.element("td", text: deal.announced.map { "\($0)" } ?? "")
          w.close()
        }
      }
      w.open("nav", [("class", "pages")])
      let base = filter.filter { $0.name != "offset" && $0.name != "limit" }
      if offset > 0 {
        let previous = base + [.init("offset", "\(max(0, offset - limit))"), .init("limit", "\(limit)")]
        w.element("a", [("href", "/deals" + Self.queryString(previous)), ("rel", "prev")], text: words.previous)
      }
      if end < total {
        let next = base + [.init("offset", "\(offset + limit)"), .init("limit", "\(limit)")]
        w.element("a", [("href", "/deals" + Self.queryString(next)), ("rel", "next")], text: words.next)
      }
      w.close()
    }
  }

  /// One deal: every field, its quotes with links, its history.
  public func deal(_ deal: Deal, removed: Bool, ledger: Ledger, history: [WebChange]?) -> String {
    document(title: deal.id.rawValue, current: "deals") { w in
      w.open("h1")
      companyLink(&w, deal.payer, ledger: ledger)
      w.content(" → ")
      companyLink(&w, deal.payee, ledger: ledger)
      w.close()
      if removed { w.element("p", [("class", "error")], text: words.removedDeal) }
      w.open("dl", [("class", "fields")])
      func field(_ label: String, _ value: String) {
        w.element("dt", text: label)
        w.element("dd", text: value)
      }
      field(words.idWord, deal.id.rawValue)
      field(words.kindWord, words.kind(deal.kind))
      field(words.amountWord, amountText(deal, ledger: ledger))
      if let assumed = deal.amount.assumed {
        let range = [assumed.low, assumed.high].compactMap { $0 }.map(money.usd).joined(separator: "–")
        field(words.assumed, range.isEmpty ? assumed.reason : "\(range): \(assumed.reason)")
      }
      if let derived = deal.amount.derived {
        w.element("dt", text: words.derived)
        w.open("dd")
        w.content("\(derived.shareText) · ")
        if ledger.deal(derived.of) != nil {
          w.element("a", [("href", Self.dealHref(derived.of))], text: derived.of.rawValue)
        } else {
          w.content(derived.of.rawValue)
        }
        w.content(" · \(derived.reason)")
        w.close()
      }
      field(words.statusHeading, words.status(deal.status))
      if let announced = deal.announced { field(words.announcedWord, "\(announced)") }
      if let term = deal.termYears { field(words.termWord, MoneyText.compact(term)) }
      if let supersedes = deal.supersedes, !supersedes.isEmpty {
        w.element("dt", text: words.supersedesWord)
        w.open("dd")
        for id in supersedes { w.element("a", [("href", Self.dealHref(id))], text: id.rawValue + " ") }
        w.close()
      }
      if let by = deal.supersededBy {
        w.element("dt", text: words.supersededByWord)
        w.open("dd")
        w.element("a", [("href", Self.dealHref(by))], text: by.rawValue)
        w.close()
      }
      if let note = deal.note { field(words.noteWord, note) }
      w.close()
      w.element("h2", text: words.sourcesWord)
      quotes(&w, deal.sources, ledger: ledger)
      w.element("h2", text: words.historyWord)
      if let history, !history.isEmpty {
        changesTable(&w, history)
      } else {
        w.element("p", [("class", "meta")], text: history == nil ? words.noHistory : words.noneWord)
      }
      w.open("p")
      w.element("a", [("href", "/api/v1/deals/" + Self.segment(deal.id.rawValue))], text: words.asJSON)
      w.close()
    }
  }
}
