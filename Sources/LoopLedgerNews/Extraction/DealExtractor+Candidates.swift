import LoopLedger

extension Run {
  // MARK: - Candidates from a relation

  func named(_ mention: Mention) -> NamedCompany {
    NamedCompany(
      id: mention.company,
      name: catalog.company(mention.company)?.names.english
        ?? unknownOrganizations.first(where: { $0.id == mention.company })?.name ?? mention.company.rawValue,
      asWritten: text.slice(mention.range), span: mention.range, via: mention.via)
  }

  func makeCandidates(_ relation: Relation, in context: SentenceContext, forcedAmount: ParsedAmount?? = nil)
    -> [Candidate]
  {
    let trigger = relation.trigger
    let clause = trigger.clause
    guard case .trigger(_, let triggerProduct) = trigger.tag else { return [] }
    var product = relation.viaCloud ? .cloud : triggerProduct ?? productNear(trigger, in: context)
    if relation.flow == .raise || relation.flow == .invest, triggerProduct == nil,
      context.items.contains(where: {
        guard $0.clause == clause, $0.range.lowerBound > trigger.range.upperBound else { return false }
        switch $0.tag {
        case .product(.loan), .trigger(_, .loan?): return true
        default: return false
        }
      })
    {
      // "raise part of the money through bonds issued to Pimco": debt, not shares.
      product = .loan
    }
    // Weak verbs (使用, use, 支付, spend) need a product or an amount to mean a purchase.
    let triggerWord = ChineseFold.foldedString(text.slice(trigger.range))
    let weakVerbs = Run.weakVerbs
    var amountChoice = forcedAmount ?? amount(for: trigger, in: context)
    if relation.ledBy, forcedAmount == nil {
      // "$38 billion in loans from banks led by JPMorgan": the syndicate's total, not the lead's.
      amountChoice = nil
    }
    if relation.flow == .raise, forcedAmount == nil, relation.viaRound || !relation.counterInClause {
      // "raised $2 billion in a round led by ASML", "正與MGX…商談，計劃…募資10億美元": the round's
      // total is not one investor's amount.
      amountChoice = nil
    }
    if weakVerbs.contains(triggerWord), product == nil, amountChoice == nil { return [] }
    // "承諾最高投資80億美元": a ceiling written before the relation word still caps the amount after it.
    if var choice = amountChoice, choice.amount.qualifier == .exact,
      choice.range.lowerBound >= trigger.range.upperBound,
      choice.range.lowerBound - trigger.range.upperBound <= 1
    {
      let before = ChineseFold.foldedString(
        text.slice(Swift.max(0, trigger.range.lowerBound - 3)..<trigger.range.lowerBound))
      if ["最高", "最多", "至多", "高达"].contains(where: { before.hasSuffix($0) }) {
        choice.amount.qualifier = .upTo
        choice.amount.asWritten = text.slice((trigger.range.lowerBound - 2)..<choice.range.upperBound)
        amountChoice = choice
      }
    }
    // Payment verbs without an object of their own (sent, pledged, committed) need an amount.
    if Run.amountVerbs.contains(triggerWord), amountChoice == nil { return [] }
    // "use" / 使用 / 部署 with a product is a purchase only when a deal is said: an amount, a
    // status or modal word (將, will, 計劃, agreed), or an agreement word in the sentence; "Oracle
    // and OpenAI use Nvidia's chips at the campus" describes, it does not buy.
    if Run.useVerbs.contains(triggerWord), amountChoice == nil, !saysADeal(around: trigger, in: context) { return [] }
    // An agreement that names no product needs an amount and both sides in its own clause, or a
    // list of vendors it is signed with (與多家雲端供應商，包括輝達、超微…簽約).
    // "Anthropic表示，與谷歌的這筆交易價值達數百億美元": the subject of the sentence's first clause.
    let subjectInSentence =
      relation.subjectInClause
      || relation.subjects.allSatisfy { context.range.contains($0.range.lowerBound) }
    if relation.flow == .agreement, product == nil,
      amountChoice == nil || !subjectInSentence || !relation.counterInClause
    {
      let vendors =
        relation.counterparties.count >= 2
        && relation.counterparties.allSatisfy { isVendorRole($0.company) }
        && relation.subjects.allSatisfy { !isVendorRole($0.company) }
      // "a deal for a generator facility to be built by Entergy": the maker is named.
      let maker = relation.directionBasis.hasPrefix("maker")
      if !vendors, !maker { return [] }
    }
    if !relation.gapped.isEmpty, forcedAmount == nil {
      // "Nvidia will invest up to $10 billion and Microsoft up to $5 billion": one candidate per
      // subject, each with its own amount.
      var result = makeCandidates(
        Relation(
          trigger: relation.trigger, flow: relation.flow, subjects: relation.subjects,
          counterparties: relation.counterparties, counterPreposition: relation.counterPreposition,
          passive: relation.passive, directionBasis: relation.directionBasis, subjectInClause: relation.subjectInClause,
          counterInClause: relation.counterInClause, viaCloud: relation.viaCloud, viaRound: relation.viaRound),
        in: context, forcedAmount: .some(amountChoice))
      for (mention, amount) in relation.gapped {
        var single = relation
        single.subjects = [mention]
        single.gapped = []
        result += makeCandidates(single, in: context, forcedAmount: .some(amount))
      }
      return result
    }
    // "…invest up to $5 billion and up to $10 billion, respectively": amounts pair in order.
    let respectively = context.items.contains { if case .respectively = $0.tag { return true } else { return false } }
    let clauseAmounts = context.amounts.filter { context.clause(of: $0.range.lowerBound) == clause }
    let pairs = Swift.max(relation.subjects.count, relation.counterparties.count)

    // Direction.
    var subjectPays = relation.flow.subjectPays
    var basis = relation.directionBasis
    if relation.counterPreposition == .from, relation.flow == .invest || relation.flow == .lend {
      // "raised from X", "a bridge loan from Mizuho": X pays.
      subjectPays = false
    }
    // "谷歌計劃明年為Anthropic部署TPU", "Cerebras deploying its systems to serve OpenAI": deploying
    // one's own product for a customer is selling it.
    if Run.useVerbs.contains(triggerWord), relation.counterPreposition == .to || ownsObject(after: trigger) {
      subjectPays = false
      basis = relation.counterPreposition == .to ? "preposition: \(text.slice(trigger.range)) for" : "deploys its own"
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
    let shared =
      relation.subjects.count > 1 || relation.counterparties.count > 1
      || (relation.subjects + relation.counterparties).contains { hasUnnamedOthers(after: $0) }
    let pairsInOrder = respectively && pairs > 1 && clauseAmounts.count == pairs
    for (subjectIndex, subject) in relation.subjects.enumerated() {
      for (counterIndex, counter) in relation.counterparties.enumerated() {
        guard catalog.group(of: subject.company) != catalog.group(of: counter.company) else { continue }
        var payer = subjectPays ? subject : counter
        var payee = subjectPays ? counter : subject
        var kind = self.kind(flow: relation.flow, product: product, payer: payer.company, payee: payee.company)
        var notes: [String] = []
        var directionBasis = basis
        if relation.flow == .invest, relation.counterPreposition == .with, roleOf(payer.company) == "ai_lab",
          roleOf(payee.company) != "ai_lab"
        {
          // "OpenAI正與亞馬遜就…投資協議進行談判": talks with a partner do not say who invests;
          // the AI lab raises, the other side invests.
          swap(&payer, &payee)
          directionBasis = "roles: \(payee.company) raises"
        }
        if Run.acquisitionWords.contains(triggerWord) { kind = .other }
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
          notes.append(
            "The amount \(amount.asWritten ?? "") is a total shared with other companies of the same sentence; kept as unstated for this pair."
          )
          amount = .unstated
          conversion = nil
          chosen = nil
          amountBasis = nil
        }
        if chosen == nil, !shared,
          let bounded = fundsBound(payer: payer.company, payee: payee.company, clause: clause, in: context)
        {
          amount = bounded.amount
          amountBasis = bounded.basis
          notes.append(bounded.note)
        }
        var (status, statusBasis) = status(for: relation, in: context)
        let ownClauseStatus = context.items.contains {
          $0.clause == clause && statusWord($0).map { !$0.weak } == true
        }
        if relation.viaRound, let round = lastRound, !ownClauseStatus, statusBasis?.hasPrefix("reported") != true {
          // A participant of a round takes the round's status (has raised → closed).
          status = round.status
          statusBasis = round.statusBasis.map { "round: \($0)" } ?? "round"
        }
        let (date, dateBasis) = date(
          for: trigger, status: status, groups: [catalog.group(of: payer.company), catalog.group(of: payee.company)],
          in: context)
        let term = context.terms.min {
          abs($0.range.lowerBound - trigger.range.lowerBound) < abs($1.range.lowerBound - trigger.range.lowerBound)
        }
        let (quote, span) = quote(for: trigger, in: context)
        // Confidence: how directly the text states the deal (weights in docs/news-extraction.md;
        // the article-level part is added when mentions are merged).
        var confidence = 0.5
        let markedDirection = [
          "preposition", "passive", "possessive", "provides", "agent", "maker", "round", "deploys",
        ]
        if markedDirection.contains(where: { directionBasis.hasPrefix($0) }) { confidence += 0.15 }
        if directionBasis == "word order" { confidence += 0.1 }
        if relation.subjectInClause, subject.via == "named" { confidence += 0.1 }
        if relation.counterInClause, counter.via == "named" { confidence += 0.1 }
        if chosen != nil { confidence += 0.1 }
        if triggerProduct != nil { confidence += 0.05 }
        if product == nil, ![.invest, .raise, .lend, .borrow, .warrant].contains(relation.flow) {
          // The kind comes from the seller's role alone.
          confidence -= 0.05
        }
        if subject.via == "pronoun" || counter.via == "pronoun" { confidence -= 0.05 }
        if assumed { confidence -= 0.1 }
        if shared { confidence -= 0.05 }
        if relation.flow == .agreement, directionBasis.hasPrefix("subject") { confidence -= 0.1 }
        if catalog.company(subject.company) == nil || catalog.company(counter.company) == nil {
          // An organisation no catalog knows: its name was read from the text's form alone.
          confidence -= 0.1
        }
        var candidateBasis: [String: String] = [
          "kind": text.slice(trigger.range), "direction": directionBasis,
        ]
        if let statusBasis { candidateBasis["status"] = statusBasis }
        if let dateBasis { candidateBasis["announced"] = dateBasis }
        if let term { candidateBasis["term"] = text.slice(term.range) }
        if let amountBasis { candidateBasis["amount"] = amountBasis }
        if let product { candidateBasis["product"] = "\(product)" }
        let additional = context.items.contains {
          if case .additional = $0.tag {
            return $0.clause == clause && $0.range.upperBound <= trigger.range.upperBound + 2
          }
          return false
        }
        result.append(
          Candidate(
            payer: named(payer), payee: named(payee), kind: kind, amount: amount, conversion: conversion,
            currencyAssumed: assumed, announced: date, status: status, termYears: term.map(\.years),
            quote: quote, span: span, confidence: Swift.min(0.95, Swift.max(0.05, confidence)),
            basis: candidateBasis, alsoIn: [], duplicateOf: nil, mergedSources: nil, notes: notes,
            isAdditional: additional, sentence: context.index,
            productAdjacent: triggerProduct != nil || productIsAdjacent(to: trigger, in: context),
            roundKey: relation.viaRound ? (lastRound?.sentence ?? context.index) : nil))
      }
    }
    return result
  }

  /// A product word right before the relation word (within three characters).
  func productIsAdjacent(to trigger: Item, in context: SentenceContext) -> Bool {
    context.items.contains {
      if case .product = $0.tag {
        return $0.clause == trigger.clause && $0.range.upperBound <= trigger.range.lowerBound
          && trigger.range.lowerBound - $0.range.upperBound <= 3
      }
      return false
    }
  }

  /// Whether a product word describes the company right after it ("AI chip startup Cerebras",
  /// "data center operator IREN").
  func describesCompany(_ index: Int, in context: SentenceContext) -> Bool {
    let item = context.items[index]
    var next = index + 1
    while next < context.items.count, next - index <= 3 {
      let other = context.items[next]
      if other.mention != nil {
        let gap = ChineseFold.foldedString(text.slice(item.range.upperBound..<other.range.lowerBound))
        guard other.range.lowerBound - item.range.upperBound <= 14, !gap.contains(",") else { return false }
        return [
          "startup", "start-up", "maker", "company", "firm", "provider", "operator", "developer", "designer",
          "giant", "group", "公司", "厂商", "企业", "商",
        ].contains { gap.contains($0) }
      }
      guard case .product = other.tag else { return false }
      next += 1
    }
    return false
  }

  /// "deploying its wafer-scale systems", 部署自製的TPU: the subject's own product.
  func ownsObject(after trigger: Item) -> Bool {
    let end = Swift.min(f.count, trigger.range.upperBound + 4)
    let after = ChineseFold.foldedString(text.slice(trigger.range.upperBound..<end))
    return ["自制", "自研", "自家", " its ", " their ", " its", " own"].contains { after.hasPrefix($0) }
  }

  /// "MGX及其他投資人", "Pimco and other bond investors": a total shared with parties not named.
  func hasUnnamedOthers(after mention: Mention) -> Bool {
    let end = Swift.min(f.count, mention.range.upperBound + 12)
    let after = ChineseFold.foldedString(text.slice(mention.range.upperBound..<end))
    return ["及其他", "和其他", "与其他", "等其他", " and other", ", and other", " among others", " and others"].contains {
      after.hasPrefix($0)
    }
  }

  /// Verbs that mean a purchase only with a product or an amount (使用, use, 支付, spend).
  static let weakVerbs: Set<String> = [
    "使用", "采用", "部署", "支付", "花费", "use", "uses", "using", "deploy", "deploys", "spend", "spends",
    "spent", "spending", "提供", "provide", "provides", "provided", "providing", "offer", "offers", "投入",
  ]
  /// Past tenses that report a completed deal.
  static let pastTense: Set<String> = Set(
    [
      "invested", "took a stake", "poured", "injected", "bought", "purchased", "paid", "pumped", "raised", "募得",
      "籌得", "sent", "transferred", "wired", "contributed",
    ].map(ChineseFold.foldedString))
  /// Relation words that state their own status (committed → announced).
  static let triggerStatus: [String: DealStatus] = Dictionary(
    uniqueKeysWithValues: [
      ("committed", DealStatus.announced), ("commits", .announced), ("pledged", .announced),
      ("pledges", .announced), ("簽約", .announced),
    ].map { (ChineseFold.foldedString($0.0), $0.1) })
  /// Payment verbs that need an amount of their own.
  static let amountVerbs: Set<String> = [
    "sent", "transferred", "wired", "committed", "commits", "pledge", "pledges", "pledged", "pledging",
    "contribute", "contributes", "contributed", "contributing", "合作", "stake",
  ]
  /// Verbs of use, which mean a purchase only when a deal is said.
  static let useVerbs: Set<String> = Set(
    ["使用", "採用", "部署", "use", "uses", "using", "deploy", "deploys"].map(ChineseFold.foldedString))
  /// Payments in a buying word (支付, paid): 已 marks them completed.
  static let paymentVerbs: Set<String> = Set(
    ["支付", "付款", "支付給", "pay", "pays", "paid", "paying"].map(ChineseFold.foldedString))

  /// Whether the sentence says a deal around a verb of use: an amount, a status or modal word, or
  /// an agreement word in the sentence.
  func saysADeal(around trigger: Item, in context: SentenceContext) -> Bool {
    for item in context.items {
      switch item.tag {
      case .status(let word):
        if word.status != .closed || !word.clauseOnly { return true }
      case .trigger(.agreement, _):
        return true
      case .rumour:
        return true
      default:
        break
      }
    }
    // "a deal to use", "agreed to use": an infinitive after a deal word.
    let before = ChineseFold.foldedString(
      text.slice(Swift.max(context.range.lowerBound, trigger.range.lowerBound - 3)..<trigger.range.lowerBound))
    return before.hasSuffix("to ")
  }

  /// Whether a company sells what deals are about: chips, cloud, servers.
  func isVendorRole(_ id: CompanyID) -> Bool {
    let role = roleOf(id)
    return role == "chips" || role == "cloud" || role == "hardware" || isCloudVendor(id)
      || (role == "big_tech" && catalog.cloudUnit(of: catalog.group(of: id)) != nil)
  }

  func isEnglish(_ item: Item) -> Bool {
    guard let first = text.folded[safe: item.range.lowerBound] else { return false }
    return Scalar.isASCIILetter(first)
  }

  /// The product word nearest after the trigger in its clause, else nearest before it.
  func productNear(_ trigger: Item, in context: SentenceContext) -> ProductClass? {
    var before: ProductClass? = nil
    var isAgreement = false
    if case .trigger(.agreement, _) = trigger.tag { isAgreement = true }
    // "a $9.7 billion cloud services agreement": the product right before an agreement noun is its own.
    if isAgreement,
      let adjacent = context.items.last(where: {
        if case .product = $0.tag {
          return $0.clause == trigger.clause && $0.range.upperBound <= trigger.range.lowerBound
        } else {
          return false
        }
      }), trigger.range.lowerBound - adjacent.range.upperBound <= 3, case .product(let product) = adjacent.tag
    {
      return product
    }
    let items = context.items
    for (index, item) in items.enumerated() where item.clause == trigger.clause {
      guard case .product(var product) = item.tag else { continue }
      // "AI chip startup Cerebras", "雲計算公司…CoreWeave": a description of a company, not the
      // deal's product.
      if describesCompany(index, in: context) { continue }
      if item.range.lowerBound >= trigger.range.upperBound {
        // "GPU 基礎設施容量": the last noun of a phrase is its head.
        var next = index + 1
        var end = item.range.upperBound
        while next < items.count, items[next].clause == item.clause, items[next].range.lowerBound - end <= 3,
          case .product(let following) = items[next].tag
        {
          product = following
          end = items[next].range.upperBound
          next += 1
        }
        return product
      }
      // An agreement noun takes the product named right before it ("cloud services agreement",
      // 算力採購協議), not one of an earlier phrase of its clause.
      if isAgreement, trigger.range.lowerBound - item.range.upperBound > 25 { continue }
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
      case .other?: return .other
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
    // A tech group with a cloud unit sells cloud (a contract with Google is one with Google Cloud).
    if roleOf(payee) == "big_tech", catalog.cloudUnit(of: catalog.group(of: payee)) != nil { return .cloudContract }
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
      case .cloud?, .compute?:
        return isCloudVendor(id) || role == "cloud"
          || (role == "big_tech" && catalog.cloudUnit(of: catalog.group(of: id)) != nil) || role == "chips"
      case .software?: return role == "ai_lab" || role == "software"
      case .equity?, .money?: return role == "ai_lab"
      default:
        return role == "chips" || role == "cloud" || isCloudVendor(id)
          || (role == "big_tech" && catalog.cloudUnit(of: catalog.group(of: id)) != nil)
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
        if item.range.lowerBound >= amount.range.upperBound, item.range.lowerBound - amount.range.upperBound <= 8 {
          // "11.7 billion-euro valuation": only a word of the amount between.
          let gap = text.slice(amount.range.upperBound..<item.range.lowerBound)
          if item.range.lowerBound - amount.range.upperBound <= 2
            || gap.unicodeScalars.allSatisfy({ Scalar.isASCIILetter($0.value) || $0 == "-" || $0 == " " })
          {
            return true
          }
        }
      }
      return false
    }
    let clause = trigger.clause
    var best: ParsedAmount? = nil
    var bestDistance = Int.max
    for amount in context.amounts
    where abs(amount.range.lowerBound - trigger.range.lowerBound) < 300
      && context.clause(of: amount.range.lowerBound) == clause && !excluded(amount)
    {
      let distance =
        amount.range.lowerBound >= trigger.range.upperBound
        ? amount.range.lowerBound - trigger.range.upperBound : trigger.range.lowerBound - amount.range.upperBound
      // Another relation word closer to the amount claims it.
      let claimed = triggers.contains { other in
        guard other.range != trigger.range, other.clause == clause else { return false }
        let d =
          amount.range.lowerBound >= other.range.upperBound
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
    // A warrant's value is never a neighbour's amount; nor is a total of several deals (總計約1兆美元).
    if case .trigger(.warrant, _) = trigger.tag { return nil }
    func isTotal(_ amount: ParsedAmount) -> Bool {
      let start = Swift.max(context.range.lowerBound, amount.range.lowerBound - 4)
      let before = ChineseFold.foldedString(text.slice(start..<amount.range.lowerBound))
      let written = ChineseFold.foldedString(amount.amount.asWritten ?? "")
      return ["总计", "总共", "合计", "共计", "in total", "combined", "totaling", "totalling", "总金额", "总额"].contains {
        before.contains($0) || written.hasPrefix($0)
      }
    }
    // An investor's share is not the round's total: a round word elsewhere in the sentence claims
    // the amounts of the neighbouring clauses.
    let raiseInSentence = context.items.contains {
      if case .trigger(.raise, _) = $0.tag { return $0.clause != clause } else { return false }
    }
    if case .trigger(.invest, _) = trigger.tag, raiseInSentence { return nil }
    // A neighbouring clause without a relation word of its own (為期七年、總值高達380億美元的…計劃).
    // Agreement nouns (協議, deal) name the same deal, so they do not claim the clause.
    let triggerClauses = Set(
      triggers.compactMap { item -> Int? in
        if case .trigger(let flow, _) = item.tag, flow != .agreement { return item.clause }
        return nil
      })
    for neighbour in [clause - 1, clause + 1] where neighbour >= 0 && neighbour < context.clauses.count {
      guard !triggerClauses.contains(neighbour) else { continue }
      let hasMention = context.items.contains { $0.clause == neighbour && $0.mention != nil }
      for amount in context.amounts
      where context.clause(of: amount.range.lowerBound) == neighbour && !excluded(amount) && !isTotal(amount) {
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
  func fundsBound(payer: CompanyID, payee: CompanyID, clause: Int, in context: SentenceContext) -> (
    amount: Amount, basis: String, note: String
  )? {
    guard
      let reference = context.items.first(where: {
        if case .fundsReference = $0.tag { return $0.clause == clause }
        return false
      })
    else { return nil }
    let group = catalog.group(of: payer)
    // The money the vendor itself invested comes back first (輝達投資OpenAI，OpenAI再用這筆資金向輝達購買);
    // among several, the largest.
    let into = paragraphInvestments.filter { catalog.group(of: $0.payee.id) == group }
    let fromVendor = into.filter { catalog.group(of: $0.payer.id) == catalog.group(of: payee) }
    let pool = fromVendor.isEmpty ? into : fromVendor
    guard
      let investment = pool.max(by: {
        ($0.amount.value ?? $0.amount.high ?? 0) < ($1.amount.value ?? $1.amount.high ?? 0)
      }),
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
    let triggerWord = ChineseFold.foldedString(text.slice(trigger.range))
    let isPayment = [.invest, .raise, .lend, .borrow].contains(relation.flow) || Run.paymentVerbs.contains(triggerWord)
    // Words that say nothing about this deal: a negated disclosure (從未公布, did not disclose).
    func usable(_ item: Item) -> StatusWord? {
      guard let word = statusWord(item) else { return nil }
      if isNegated(item), Run.disclosureWords.contains(ChineseFold.foldedString(text.slice(item.range))) { return nil }
      return word
    }
    var chosen: (StatusWord, Item)? = nil
    // Cancelled in its clause, or elsewhere in the sentence when its own clause says nothing else
    // (談判破裂為Meta介入創造了機會，Meta考慮…租賃: Meta's talks go on).
    let ownClauseStatus = context.items.contains {
      $0.clause == clause && usable($0).map { !$0.weak && $0.status != .cancelled } == true
    }
    if let item = context.items.first(where: {
      usable($0)?.status == .cancelled && !isNegated($0) && ($0.clause == clause || !ownClauseStatus)
    }) {
      return (.cancelled, text.slice(item.range))
    }
    // A letter of intent anywhere in the sentence: planned.
    if let item = context.items.first(where: { usable($0)?.overrides == true && !isNegated($0) }) {
      return (.planned, text.slice(item.range))
    }
    // Nearest before the trigger in its clause.
    for item in context.items where item.clause == clause && item.range.upperBound <= trigger.range.lowerBound {
      guard let word = usable(item) else { continue }
      if word.clauseOnly, !isPayment { continue }
      if word.weak, let current = chosen, !current.0.weak { continue }
      chosen = (word, item)
    }
    if chosen == nil || chosen?.0.weak == true {
      // After the trigger in its clause.
      for item in context.items where item.clause == clause && item.range.lowerBound >= trigger.range.upperBound {
        guard let word = usable(item), !word.weak, !word.clauseOnly || isPayment else { continue }
        chosen = (word, item)
        break
      }
    }
    // "…已對Anthropic投資逾30億美元，包括2023年投資的20億美元…": a clause that details the one
    // before it shares its status, completion included.
    if chosen == nil || chosen?.0.weak == true, clause > 0, clause < context.clauses.count {
      let opening = ChineseFold.foldedString(
        text.slice(
          context.clauses[clause]
            .lowerBound..<Swift.min(context.clauses[clause].upperBound, context.clauses[clause].lowerBound + 10))
      )
      .trimmingSpaces
      if ["包括", "包含", "其中", "including", "of which"].contains(where: { opening.hasPrefix($0) }),
        let item = context.items.last(where: { $0.clause == clause - 1 && usable($0).map { !$0.weak } == true }),
        let word = usable(item), !isNegated(item)
      {
        return (word.status, text.slice(item.range))
      }
    }
    // "committed $100 billion", 簽約: the relation word says it.
    if chosen == nil || chosen?.0.weak == true, let own = Run.triggerStatus[triggerWord] {
      return (own, text.slice(trigger.range))
    }
    // "Amazon invested $8 billion", "the chipmaker took a stake": done, unless its clause says otherwise.
    if chosen == nil, Run.pastTense.contains(triggerWord) {
      return (.closed, text.slice(trigger.range))
    }
    // "並獲得輝達資助", "received funding from": money received is money paid.
    if chosen == nil, relation.passive, isPayment,
      !context.items.contains(where: { statusWord($0) != nil && $0.clause == clause })
    {
      if let passive = context.items.first(where: {
        if case .passive = $0.tag { return $0.clause == clause } else { return false }
      }) {
        return (.closed, text.slice(passive.range))
      }
    }
    if chosen == nil || chosen?.0.weak == true {
      // Other clauses of the sentence: before first, then after.
      let others = context.items.filter { $0.clause != clause && usable($0).map { !$0.weak && !$0.clauseOnly } == true }
      if let item = others.last(where: { $0.range.upperBound <= trigger.range.lowerBound }) ?? others.first,
        let word = usable(item)
      {
        chosen = (word, item)
      }
    }
    let talks = context.items.first { usable($0)?.status == .talks }
    let rumour = context.items.first { if case .rumour = $0.tag { return true } else { return false } }
    if let (word, item) = chosen, !word.weak, word.status == .announced || word.status == .closed, isNegated(item) {
      // 尚未達成協議, has not signed: not done yet.
      return (
        .talks, text.slice(Swift.max(context.range.lowerBound, item.range.lowerBound - 2)..<item.range.upperBound)
      )
    }
    if let (word, item) = chosen, !word.weak {
      if word.status == .planned, let talks { return (.talks, text.slice(talks.range)) }
      if word.status == .planned, let rumour { return (.talks, "reported: \(text.slice(rumour.range))") }
      return (word.status, text.slice(item.range))
    }
    if let talks { return (.talks, text.slice(talks.range)) }
    // Reported by sources only (知情人士, people familiar with the matter): talks.
    if let rumour { return (.talks, "reported: \(text.slice(rumour.range))") }
    if relation.flow == .customer || relation.flow == .supplier { return (.announced, nil) }
    // Negotiations reported earlier in the paragraph go on (據悉…OpenAI將大規模採購…).
    if let lastStatus, lastStatus == .talks || lastStatus == .cancelled {
      return (lastStatus, "carried from the paragraph")
    }
    let continues = context.items.contains { if case .continuation = $0.tag { return true } else { return false } }
    if continues, let carried = lastStatus ?? articleStatus { return (carried, "carried from the previous sentence") }
    let reported = context.items.first { if case .reporting = $0.tag { return true } else { return false } }
    if let (_, item) = chosen {
      // "X said it will supply…", "谷歌表示將…": an announced commitment.
      if let reported { return (.announced, "\(text.slice(reported.range)) … \(text.slice(item.range))") }
      return (.planned, text.slice(item.range))
    }
    // "Anthropic表示，與谷歌的這筆交易價值達數百億美元": a deal a party states.
    if let reported { return (.announced, text.slice(reported.range)) }
    return (.announced, nil)
  }

  /// Words of disclosure: negated, they say what was not told (從未公布), not that a deal is undone.
  static let disclosureWords: Set<String> = Set(
    ["公布", "宣布", "宣佈", "透露", "披露", "announced", "announce", "announces", "confirmed", "confirms"]
      .map(ChineseFold.foldedString))

  /// Whether a status word is negated: 未 / 尚未 / 沒有 / 並未 before it, or "not" / "yet to".
  func isNegated(_ item: Item) -> Bool {
    let start = Swift.max(0, item.range.lowerBound - 8)
    let before = ChineseFold.foldedString(text.slice(start..<item.range.lowerBound))
    if let last = before.unicodeScalars.last, ["未", "没", "不"].contains(String(last)) { return true }
    if before.hasSuffix("未能") || before.hasSuffix("尚未") || before.hasSuffix("从未") || before.hasSuffix("并未") {
      return true
    }
    return before.hasSuffix("not ") || before.hasSuffix("yet to ") || before.hasSuffix("n't ")
      || before.hasSuffix("never ")
  }

  // MARK: Date, quote

  func date(for trigger: Item, status: DealStatus, groups: Set<CompanyID>, in context: SentenceContext) -> (
    PartialDate?, String?
  ) {
    let clause = trigger.clause
    let resolved = context.dates.compactMap { mention -> (DateMention, PartialDate)? in
      mention.expression.resolve(articleDate: articleDate).map { (mention, $0) }
    }
    let inClause = resolved.filter { context.clause(of: $0.0.range.lowerBound) == clause }
    let pool = inClause.isEmpty ? resolved : inClause
    if let best = pool.min(by: {
      abs($0.0.range.lowerBound - trigger.range.lowerBound) < abs($1.0.range.lowerBound - trigger.range.lowerBound)
    }) {
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

  /// The sentence, or for very long sentences the clause, or a window around the trigger.
  ///
  /// The words are filled in once the article's candidates are merged (`quote` is empty until
  /// then).
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
