import LoopLedger

extension Run {
  // MARK: - Candidates from a relation

  func named(_ mention: Mention) -> NamedCompany {
    NamedCompany(
      id: mention.company, name: catalog.company(mention.company)?.names.english ?? mention.company.rawValue,
      asWritten: text.slice(mention.range), span: mention.range, via: mention.via)
  }

  func makeCandidates(_ relation: Relation, in context: SentenceContext) -> [Candidate] {
    let trigger = relation.trigger
    let clause = trigger.clause
    guard case .trigger(_, let triggerProduct) = trigger.tag else { return [] }
    let product = relation.viaCloud ? .cloud : triggerProduct ?? productNear(trigger, in: context)
    // Weak verbs (使用, use, 支付, spend) need a product or an amount to mean a purchase.
    let triggerWord = ChineseFold.foldedString(text.slice(trigger.range))
    let weakVerbs = Run.weakVerbs
    let amountChoice = amount(for: trigger, in: context)
    if weakVerbs.contains(triggerWord), product == nil, amountChoice == nil { return [] }
    // An agreement that names no product needs an amount and both sides in its own clause.
    if relation.flow == .agreement, product == nil,
      amountChoice == nil || !relation.subjectInClause || !relation.counterInClause
    {
      return []
    }
    // "…invest up to $5 billion and up to $10 billion, respectively": amounts pair in order.
    let respectively = context.items.contains { if case .respectively = $0.tag { return true } else { return false } }
    let clauseAmounts = context.amounts.filter { context.clause(of: $0.range.lowerBound) == clause }
    let pairs = Swift.max(relation.subjects.count, relation.counterparties.count)

    // Direction.
    var subjectPays = relation.flow.subjectPays
    var basis = relation.directionBasis
    if relation.counterPreposition == .from, relation.flow == .invest {
      subjectPays = false
    }
    if relation.counterPreposition == .to, relation.flow == .buy, isEnglish(trigger) {
      subjectPays = false
      basis = "preposition: to"
    }
    if relation.passive { subjectPays.toggle() }
    if relation.flow == .sell, let product, [.money, .loan, .warrant].contains(product) {
      subjectPays = true
      basis = "provides \(product)"
    }

    var result: [Candidate] = []
    let shared = relation.subjects.count > 1 || relation.counterparties.count > 1
    let pairsInOrder = respectively && pairs > 1 && clauseAmounts.count == pairs
    for (subjectIndex, subject) in relation.subjects.enumerated() {
      for (counterIndex, counter) in relation.counterparties.enumerated() {
        guard catalog.group(of: subject.company) != catalog.group(of: counter.company) else { continue }
        var payer = subjectPays ? subject : counter
        var payee = subjectPays ? counter : subject
        var kind = self.kind(flow: relation.flow, product: product, payer: payer.company, payee: payee.company)
        var notes: [String] = []
        var directionBasis = basis
        let fromPair = subject.via == "pair" && counter.via == "pair"
        if fromPair, relation.flow != .agreement {
          // 雙方將…: the two sides of a pair are ordered by their roles.
          let orientProduct: ProductClass? = [.invest, .raise].contains(relation.flow) ? .equity : product
          let (p, q, roleBasis) = orientAgreement(subject: subject, counter: counter, product: orientProduct)
          payer = p
          payee = q
          kind = self.kind(flow: relation.flow, product: product, payer: payer.company, payee: payee.company)
          directionBasis = roleBasis
        }
        if relation.flow == .agreement {
          // Symmetric: decided by roles here, and by another relation of the sentence later.
          let (p, q, roleBasis) = orientAgreement(subject: subject, counter: counter, product: product)
          payer = p
          payee = q
          kind = self.kind(flow: .buy, product: product, payer: payer.company, payee: payee.company)
          if product == .equity { kind = .equityInvestment }
          directionBasis = roleBasis
        }
        // Amount.
        var chosen = amountChoice
        if pairsInOrder {
          chosen = clauseAmounts[relation.subjects.count > 1 ? subjectIndex : counterIndex]
        }
        var amount = Amount.unstated
        var conversion: ParsedAmount.Conversion? = nil
        var assumed = false
        var amountBasis: String? = nil
        if let choice = chosen {
          amount = choice.amount
          conversion = choice.conversion
          assumed = choice.currencyAssumed
          amountBasis = choice.amount.asWritten
        }
        if shared, chosen != nil, !pairsInOrder {
          notes.append("The amount \(amount.asWritten ?? "") is a total shared with other companies of the same sentence; kept as unstated for this pair.")
          amount = .unstated
          conversion = nil
          chosen = nil
          amountBasis = nil
        }
        if chosen == nil, !shared, let bounded = fundsBound(payer: payer.company, payee: payee.company, clause: clause, in: context) {
          amount = bounded.amount
          amountBasis = bounded.basis
          notes.append(bounded.note)
        }
        let (status, statusBasis) = status(for: relation, in: context)
        let (date, dateBasis) = date(for: trigger, status: status, groups: [catalog.group(of: payer.company), catalog.group(of: payee.company)], in: context)
        let term = context.terms.min { abs($0.range.lowerBound - trigger.range.lowerBound) < abs($1.range.lowerBound - trigger.range.lowerBound) }
        let (quote, span) = quote(for: trigger, in: context)
        var confidence = 0.5
        if directionBasis.hasPrefix("preposition") || directionBasis.hasPrefix("passive") || directionBasis.hasPrefix("possessive") || directionBasis.hasPrefix("provides") { confidence += 0.15 }
        if directionBasis == "word order" { confidence += 0.1 }
        if relation.subjectInClause, subject.via == "named" { confidence += 0.1 }
        if relation.counterInClause, counter.via == "named" { confidence += 0.1 }
        if chosen != nil { confidence += 0.1 }
        if triggerProduct != nil { confidence += 0.05 }
        if subject.via == "pronoun" || counter.via == "pronoun" { confidence -= 0.05 }
        if assumed { confidence -= 0.1 }
        if shared { confidence -= 0.05 }
        if relation.flow == .agreement, directionBasis.hasPrefix("subject") { confidence -= 0.1 }
        var candidateBasis: [String: String] = [
          "kind": text.slice(trigger.range), "direction": directionBasis,
        ]
        if let statusBasis { candidateBasis["status"] = statusBasis }
        if let dateBasis { candidateBasis["announced"] = dateBasis }
        if let term { candidateBasis["term"] = text.slice(term.range) }
        if let amountBasis { candidateBasis["amount"] = amountBasis }
        if let product { candidateBasis["product"] = "\(product)" }
        let additional = context.items.contains {
          if case .additional = $0.tag { return $0.clause == clause && $0.range.upperBound <= trigger.range.upperBound + 2 }
          return false
        }
        result.append(
          Candidate(
            payer: named(payer), payee: named(payee), kind: kind, amount: amount, conversion: conversion,
            currencyAssumed: assumed, announced: date, status: status, termYears: term.map(\.years),
            quote: quote, span: span, confidence: Swift.min(0.95, Swift.max(0.05, confidence)),
            basis: candidateBasis, alsoIn: [], duplicateOf: nil, mergedSources: nil, notes: notes,
            isAdditional: additional, sentence: context.index))
      }
    }
    return result
  }

  /// Verbs that mean a purchase only with a product or an amount (使用, use, 支付, spend).
  static let weakVerbs: Set<String> = [
    "使用", "采用", "部署", "支付", "花费", "use", "uses", "using", "deploy", "deploys", "spend", "spends",
    "spent", "spending", "提供", "provide", "provides", "provided", "providing", "offer", "offers", "投入",
  ]
  /// Past tenses that report a completed deal.
  static let pastTense: Set<String> = [
    "invested", "took a stake", "poured", "injected", "bought", "purchased", "paid", "pumped",
  ]

  func isEnglish(_ item: Item) -> Bool {
    guard let first = text.folded[safe: item.range.lowerBound] else { return false }
    return Scalar.isASCIILetter(first)
  }

  /// The product word nearest after the trigger in its clause, else nearest before it.
  func productNear(_ trigger: Item, in context: SentenceContext) -> ProductClass? {
    var before: ProductClass? = nil
    for item in context.items where item.clause == trigger.clause {
      guard case .product(let product) = item.tag else { continue }
      if item.range.lowerBound >= trigger.range.upperBound { return product }
      before = product
    }
    return before
  }

  func kind(flow: Flow, product: ProductClass?, payer: CompanyID, payee: CompanyID) -> DealKind {
    switch flow {
    case .invest, .raise:
      switch product {
      case .loan?: return .loan
      case .warrant?: return .warrant
      default: return .equityInvestment
      }
    case .lend, .borrow: return .loan
    case .warrant: return .warrant
    case .buy, .sell, .customer, .supplier, .agreement:
      switch product {
      case .chips?: return .chipPurchase
      case .cloud?: return .cloudContract
      case .compute?: return isCloudVendor(payee) ? .cloudContract : .computePurchase
      case .software?: return .softwareSale
      case .equity?: return .equityInvestment
      case .money?: return flow == .sell ? .equityInvestment : vendorKind(payee)
      case .loan?: return .loan
      case .warrant?: return .warrant
      case nil: return vendorKind(payee)
      }
    }
  }

  func isCloudVendor(_ id: CompanyID) -> Bool {
    if let role = catalog.role(of: id), role == "cloud" { return true }
    if catalog.company(id)?.parent != nil, catalog.cloudUnit(of: catalog.group(of: id)) == id { return true }
    return false
  }

  /// What one buys from a vendor when the text names no product.
  func vendorKind(_ payee: CompanyID) -> DealKind {
    if isCloudVendor(payee) { return .cloudContract }
    switch roleOf(payee) {
    case "chips"?, "hardware"?: return .chipPurchase
    case "cloud"?: return .cloudContract
    case "ai_lab"?, "software"?: return .softwareSale
    default: return .other
    }
  }

  /// Orients an agreement between two companies: the vendor of the product is paid.
  func orientAgreement(subject: Mention, counter: Mention, product: ProductClass?) -> (Mention, Mention, String) {
    func isVendor(_ id: CompanyID) -> Bool {
      let role = roleOf(id)
      switch product {
      case .chips?: return role == "chips" || role == "hardware"
      case .cloud?, .compute?: return isCloudVendor(id) || role == "cloud" || (role == "big_tech" && catalog.cloudUnit(of: catalog.group(of: id)) != nil) || role == "chips"
      case .software?: return role == "ai_lab" || role == "software"
      case .equity?, .money?: return role == "ai_lab"
      default: return role == "chips" || role == "cloud" || isCloudVendor(id)
      }
    }
    let subjectVendor = isVendor(subject.company)
    let counterVendor = isVendor(counter.company)
    if counterVendor, !subjectVendor { return (subject, counter, "roles: \(counter.company) sells") }
    if subjectVendor, !counterVendor { return (counter, subject, "roles: \(subject.company) sells") }
    if roleOf(subject.company) == "ai_lab", roleOf(counter.company) != "ai_lab" {
      return (subject, counter, "roles: \(subject.company) buys")
    }
    if roleOf(counter.company) == "ai_lab", roleOf(subject.company) != "ai_lab" {
      return (counter, subject, "roles: \(counter.company) buys")
    }
    return (subject, counter, "subject pays")
  }

  // MARK: Amount

  /// The amount of a relation: the nearest amount of its clause that is not a valuation or a
  /// revenue figure; else one from a neighbouring clause that has no relation word of its own.
  func amount(for trigger: Item, in context: SentenceContext) -> ParsedAmount? {
    var context = context
    let triggers = context.triggerItems
    let contextWords = context.contextWordItems
    func excluded(_ amount: ParsedAmount) -> Bool {
      for item in contextWords {
        if item.range.upperBound <= amount.range.lowerBound, amount.range.lowerBound - item.range.upperBound <= 12 {
          // A relation word between the context word and the amount reattaches it.
          let between = triggers.contains {
            $0.range.lowerBound >= item.range.upperBound && $0.range.upperBound <= amount.range.lowerBound
          }
          if !between { return true }
        }
        if item.range.lowerBound >= amount.range.upperBound, item.range.lowerBound - amount.range.upperBound <= 2 {
          return true
        }
      }
      return false
    }
    let clause = trigger.clause
    var best: ParsedAmount? = nil
    var bestDistance = Int.max
    for amount in context.amounts where abs(amount.range.lowerBound - trigger.range.lowerBound) < 300
      && context.clause(of: amount.range.lowerBound) == clause && !excluded(amount)
    {
      let distance = amount.range.lowerBound >= trigger.range.upperBound
        ? amount.range.lowerBound - trigger.range.upperBound : trigger.range.lowerBound - amount.range.upperBound
      // Another relation word closer to the amount claims it.
      let claimed = triggers.contains { other in
        guard other.range != trigger.range, other.clause == clause else { return false }
        let d = amount.range.lowerBound >= other.range.upperBound
          ? amount.range.lowerBound - other.range.upperBound : other.range.lowerBound - amount.range.upperBound
        return d < distance && !(isSameRelationWord(other, trigger))
      }
      if claimed { continue }
      if distance < bestDistance {
        best = amount
        bestDistance = distance
      }
    }
    if best != nil { return best }
    // A neighbouring clause without a relation word of its own (為期七年、總值高達380億美元的…計劃).
    // Agreement nouns (協議, deal) name the same deal, so they do not claim the clause.
    let triggerClauses = Set(triggers.compactMap { item -> Int? in
      if case .trigger(let flow, _) = item.tag, flow != .agreement { return item.clause }
      return nil
    })
    for neighbour in [clause - 1, clause + 1] where neighbour >= 0 && neighbour < context.clauses.count {
      guard !triggerClauses.contains(neighbour) else { continue }
      let hasMention = context.items.contains { $0.clause == neighbour && $0.mention != nil }
      for amount in context.amounts where context.clause(of: amount.range.lowerBound) == neighbour && !excluded(amount) {
        if neighbour == clause + 1, hasMention { continue }
        return amount
      }
    }
    return nil
  }

  /// Two relation words of one phrase (簽署…協議, agreed to buy) do not compete for an amount.
  func isSameRelationWord(_ a: Item, _ b: Item) -> Bool {
    guard case .trigger(let fa, _) = a.tag, case .trigger(let fb, _) = b.tag else { return false }
    return fa == .agreement || fb == .agreement
  }

  /// "所得資金" / "the proceeds": bounded by the latest investment into the payer in this paragraph.
  func fundsBound(payer: CompanyID, payee: CompanyID, clause: Int, in context: SentenceContext) -> (amount: Amount, basis: String, note: String)? {
    guard let reference = context.items.first(where: {
      if case .fundsReference = $0.tag { return $0.clause == clause }
      return false
    }) else { return nil }
    let group = catalog.group(of: payer)
    // The money the vendor itself invested comes back first (輝達投資OpenAI，OpenAI再用這筆資金向輝達購買);
    // among several, the largest.
    let into = paragraphInvestments.filter { catalog.group(of: $0.payee.id) == group }
    let fromVendor = into.filter { catalog.group(of: $0.payer.id) == catalog.group(of: payee) }
    let pool = fromVendor.isEmpty ? into : fromVendor
    guard let investment = pool.max(by: { ($0.amount.value ?? $0.amount.high ?? 0) < ($1.amount.value ?? $1.amount.high ?? 0) }),
      let bound = investment.amount.high ?? investment.amount.value, investment.amount.qualifier != .atLeast,
      investment.amount.qualifier != .moreThan
    else { return nil }
    let words = text.slice(reference.range)
    var phrase = words
    // Keep "大部分" / "most of" before the reference in the written form.
    let start = Swift.max(context.range.lowerBound, reference.range.lowerBound - 3)
    let lead = text.slice(start..<reference.range.lowerBound)
    if lead.hasSuffix("大部分") || lead.hasSuffix("部分") || lead.hasSuffix("全部") {
      phrase = text.slice((reference.range.lowerBound - (lead.hasSuffix("大部分") ? 3 : 2))..<reference.range.upperBound)
    }
    return (
      Amount(qualifier: .upTo, value: bound, currency: investment.amount.currency, asWritten: phrase),
      phrase,
      "Amount bounded by the investment it spends (\(investment.amount.asWritten ?? "")): \(investment.payer.name) → \(investment.payee.name)."
    )
  }

  // MARK: Status

  func statusWord(_ item: Item) -> StatusWord? {
    if case .status(let word) = item.tag { return word }
    return nil
  }

  func status(for relation: Relation, in context: SentenceContext) -> (DealStatus, String?) {
    let trigger = relation.trigger
    let clause = trigger.clause
    let isPayment = [.invest, .raise, .lend, .borrow].contains(relation.flow)
    var chosen: (StatusWord, Item)? = nil
    // Cancelled anywhere in the sentence.
    if let item = context.items.first(where: { statusWord($0)?.status == .cancelled }) {
      return (.cancelled, text.slice(item.range))
    }
    // Nearest before the trigger in its clause.
    for item in context.items where item.clause == clause && item.range.upperBound <= trigger.range.lowerBound {
      guard let word = statusWord(item) else { continue }
      if word.clauseOnly, !isPayment { continue }
      if word.weak, let current = chosen, !current.0.weak { continue }
      chosen = (word, item)
    }
    if chosen == nil || chosen?.0.weak == true {
      // After the trigger in its clause.
      for item in context.items where item.clause == clause && item.range.lowerBound >= trigger.range.upperBound {
        guard let word = statusWord(item), !word.weak, !word.clauseOnly || isPayment else { continue }
        chosen = (word, item)
        break
      }
    }
    // "Amazon invested $8 billion", "the chipmaker took a stake": done, unless its clause says otherwise.
    if chosen == nil, Run.pastTense.contains(ChineseFold.foldedString(text.slice(trigger.range))) {
      return (.closed, text.slice(trigger.range))
    }
    if chosen == nil || chosen?.0.weak == true {
      // Other clauses of the sentence: before first, then after.
      let others = context.items.filter { $0.clause != clause && statusWord($0).map { !$0.weak && !$0.clauseOnly } == true }
      if let item = others.last(where: { $0.range.upperBound <= trigger.range.lowerBound }) ?? others.first,
        let word = statusWord(item)
      {
        chosen = (word, item)
      }
    }
    let talks = context.items.first { statusWord($0)?.status == .talks }
    if let (word, item) = chosen, !word.weak, word.status == .announced || word.status == .closed, isNegated(item) {
      // 尚未達成協議, has not signed: not done yet.
      return (.talks, text.slice(Swift.max(context.range.lowerBound, item.range.lowerBound - 2)..<item.range.upperBound))
    }
    if let (word, item) = chosen, !word.weak {
      if word.status == .planned, let talks { return (.talks, text.slice(talks.range)) }
      return (word.status, text.slice(item.range))
    }
    if let talks { return (.talks, text.slice(talks.range)) }
    if relation.flow == .customer || relation.flow == .supplier { return (.announced, nil) }
    // Negotiations reported earlier in the paragraph go on (據悉…OpenAI將大規模採購…).
    if let lastStatus, lastStatus == .talks || lastStatus == .cancelled {
      return (lastStatus, "carried from the paragraph")
    }
    let continues = context.items.contains { if case .continuation = $0.tag { return true } else { return false } }
    if continues, let lastStatus { return (lastStatus, "carried from the previous sentence") }
    let reported = context.items.first { if case .reporting = $0.tag { return true } else { return false } }
    if let (_, item) = chosen {
      // "X said it will supply…", "谷歌表示將…": an announced commitment.
      if let reported { return (.announced, "\(text.slice(reported.range)) … \(text.slice(item.range))") }
      return (.planned, text.slice(item.range))
    }
    return (.announced, nil)
  }

  /// Whether a status word is negated: 未 / 尚未 / 沒有 / 並未 before it, or "not" / "yet to".
  func isNegated(_ item: Item) -> Bool {
    let start = Swift.max(0, item.range.lowerBound - 8)
    let before = ChineseFold.foldedString(text.slice(start..<item.range.lowerBound))
    if let last = before.unicodeScalars.last, ["未", "没", "不"].contains(String(last)) { return true }
    if before.hasSuffix("未能") || before.hasSuffix("尚未") { return true }
    return before.hasSuffix("not ") || before.hasSuffix("yet to ") || before.hasSuffix("n't ") || before.hasSuffix("never ")
  }

  // MARK: Date, quote

  func date(for trigger: Item, status: DealStatus, groups: Set<CompanyID>, in context: SentenceContext) -> (PartialDate?, String?) {
    let clause = trigger.clause
    let resolved = context.dates.compactMap { mention -> (DateMention, PartialDate)? in
      mention.expression.resolve(articleDate: articleDate).map { (mention, $0) }
    }
    let inClause = resolved.filter { context.clause(of: $0.0.range.lowerBound) == clause }
    let pool = inClause.isEmpty ? resolved : inClause
    if let best = pool.min(by: { abs($0.0.range.lowerBound - trigger.range.lowerBound) < abs($1.0.range.lowerBound - trigger.range.lowerBound) }) {
      return (best.1, text.slice(best.0.range))
    }
    if let lastDated, !lastDated.groups.isDisjoint(with: groups) {
      return (lastDated.date, "carried from the previous sentence")
    }
    if status == .talks, let articleDate {
      return (PartialDate(year: articleDate.year, month: articleDate.month), "article date (talks reported now)")
    }
    return (nil, nil)
  }

  /// The sentence, or for very long sentences the clause, or a window around the trigger. The
  /// words are filled in once the article's candidates are merged (`quote` is empty until then).
  func quote(for trigger: Item, in context: SentenceContext) -> (String, Range<Int>) {
    let limit = 400
    if context.range.count <= limit { return ("", context.range) }
    let clause = context.clauses[Swift.min(trigger.clause, context.clauses.count - 1)]
    if clause.count <= limit { return ("", clause) }
    let start = Swift.max(clause.lowerBound, trigger.range.lowerBound - 150)
    let end = Swift.min(clause.upperBound, trigger.range.upperBound + 150)
    return ("", start..<end)
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { index >= 0 && index < count ? self[index] : nil }
}
