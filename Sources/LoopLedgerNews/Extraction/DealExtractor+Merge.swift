import LoopLedger

extension Run {
  // MARK: - Within a sentence

  func groups(_ candidate: Candidate) -> (CompanyID, CompanyID) {
    (catalog.group(of: candidate.payer.id), catalog.group(of: candidate.payee.id))
  }

  /// An agreement (簽署…協議, a deal with) takes its direction from another relation of the same
  /// sentence between the same two companies (…Anthropic將使用…谷歌自研的TPU), keeping its own kind
  /// and amount.
  func resolveAgreements(_ candidates: [Candidate]) -> [Candidate] {
    var result = candidates
    var drop = Set<Int>()
    for (i, agreement) in candidates.enumerated()
    where agreement.basis["direction"].map({ $0.hasPrefix("roles") || $0.hasPrefix("subject") }) == true {
      let pair = Set([groups(agreement).0, groups(agreement).1])
      for (j, other) in candidates.enumerated() where j != i && !drop.contains(j) {
        guard other.basis["direction"].map({ !$0.hasPrefix("roles") && !$0.hasPrefix("subject") }) == true,
          Set([groups(other).0, groups(other).1]) == pair,
          other.kind.flowClass == agreement.kind.flowClass || agreement.kind == .other
        else { continue }
        var merged = agreement
        merged.payer = other.payer
        merged.payee = other.payee
        merged.basis["direction"] = "\(other.basis["direction"] ?? "") (\(other.basis["kind"] ?? ""))"
        if agreement.basis["product"] == nil || agreement.kind == .other
          || (!agreement.productAdjacent && other.basis["product"] != nil)
        {
          // "contract up to 1 gigawatt of capacity using Nvidia's systems": the verb's own object
          // names the product better than a word further along the agreement's clause.
          merged.kind = other.kind
        } else {
          merged.kind = kind(
            flow: .buy, product: productClass(agreement.basis["product"]), payer: other.payer.id, payee: other.payee.id)
        }
        if merged.amount.qualifier == .unstated { merged.amount = other.amount }
        merged.confidence = Swift.min(0.95, Swift.max(agreement.confidence, other.confidence) + 0.05)
        result[i] = merged
        drop.insert(j)
      }
    }
    return result.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
  }

  func productClass(_ text: String?) -> ProductClass? {
    switch text {
    case "chips": .chips
    case "cloud": .cloud
    case "compute": .compute
    case "software": .software
    case "equity": .equity
    case "money": .money
    case "loan": .loan
    case "warrant": .warrant
    case "other": .other
    default: nil
    }
  }

  /// Candidates of one sentence with the same payer, payee and kind are one deal.
  func mergeSentence(_ candidates: [Candidate]) -> [Candidate] {
    var result: [Candidate] = []
    for candidate in candidates {
      if candidate.isAdditionalFollowUp,
        result.contains(where: {
          $0.isAdditionalFollowUp && groups($0) == groups(candidate) && $0.kind == candidate.kind
            && $0.amount == candidate.amount
        })
      {
        // 追加了110億美元訂單: the addition and its order noun are one follow-up.
        continue
      }
      if !candidate.isAdditionalFollowUp,
        let index = result.firstIndex(where: {
          groups($0) == groups(candidate) && $0.kind == candidate.kind && $0.isAdditional == candidate.isAdditional
            && !$0.isAdditionalFollowUp && Run.amountsOverlap($0.amount, candidate.amount)
        })
      {
        result[index] = combine(result[index], candidate, sameSentence: true)
      } else {
        result.append(candidate)
      }
    }
    return result
  }

  /// Renting cloud capacity to get a third company's GPUs (租用AWS…以獲取…英偉達GPU) implies the
  /// cloud provider buys those chips from the chip maker.
  func impliedPurchases(_ candidates: [Candidate], in context: SentenceContext) -> [Candidate] {
    var result: [Candidate] = []
    for candidate in candidates where candidate.kind == .cloudContract || candidate.kind == .computePurchase {
      let involved: Set<CompanyID> = [catalog.group(of: candidate.payer.id), catalog.group(of: candidate.payee.id)]
      for (index, item) in context.items.enumerated() {
        guard case .product(.chips) = item.tag, index > 0, let maker = context.items[index - 1].mention else {
          continue
        }
        guard item.range.lowerBound - maker.range.upperBound <= 3,
          !involved.contains(catalog.group(of: maker.company)), roleOf(maker.company) == "chips"
        else { continue }
        // "而非競爭對手AMD的晶片": the chips not chosen.
        if index > 1, case .rivalry = context.items[index - 2].tag,
          context.items[index - 2].range.upperBound + 8 >= maker.range.lowerBound
        {
          continue
        }
        let clause = context.clauses[Swift.min(item.clause, context.clauses.count - 1)]
        // "該公司核心業務包括提供英偉達GPU": a description, not chips it must buy.
        if context.items.contains(where: {
          if case .description = $0.tag { return $0.clause == item.clause } else { return false }
        }) {
          continue
        }
        var implied = candidate
        implied.payer = candidate.payee
        implied.payer.via = "implied"
        implied.payee = named(maker)
        implied.kind = .chipPurchase
        implied.amount = .unstated
        implied.conversion = nil
        implied.status = .implied
        implied.termYears = nil
        implied.quote = ""
        implied.span = clause
        implied.confidence = 0.4
        implied.basis = [
          "kind": text.slice(maker.range.lowerBound..<item.range.upperBound),
          "direction": "implied: \(candidate.payee.name) provides \(text.slice(maker.range)) chips it must buy",
          "status": "implied",
        ]
        if let announced = candidate.basis["announced"] { implied.basis["announced"] = announced }
        implied.notes = [
          "Implied, not stated: \(candidate.payer.name) gets \(implied.payee.name) chips through \(candidate.payee.name)'s cloud, so \(candidate.payee.name) buys them."
        ]
        result.append(implied)
      }
    }
    return result
  }

  mutating func updateParagraphState(_ context: SentenceContext, _ candidates: [Candidate]) {
    if let last = candidates.last(where: { $0.status != .implied }) {
      if last.basis["status"] != nil || last.status != .announced { lastStatus = last.status }
      if let date = last.announced, last.basis["announced"]?.hasPrefix("article date") != true {
        lastDated = (date, [catalog.group(of: last.payer.id), catalog.group(of: last.payee.id)])
      }
    } else if let word = context.items.last(where: { statusWord($0).map { !$0.weak && !$0.clauseOnly } == true })
      .flatMap(statusWord)
    {
      if word.status == .talks || word.status == .cancelled { lastStatus = word.status }
    }
    // The subject for the next sentence: the last company named outside a prepositional phrase.
    if let subject = context.items.last(where: { $0.mention != nil && $0.preposition == nil })?.mention {
      lastSubject = subject
    }
  }

  // MARK: - Within an article

  /// Whether two amounts can describe the same deal: unknown overlaps everything.
  static func amountsOverlap(_ a: Amount, _ b: Amount) -> Bool {
    if a.qualifier == .unstated || b.qualifier == .unstated { return true }
    guard a.currency == b.currency else { return true }
    let x = a.statedInterval
    let y = b.statedInterval
    let xLow = x.low ?? 0
    let yLow = y.low ?? 0
    let xHigh = x.high ?? .infinity
    let yHigh = y.high ?? .infinity
    let tolerance = 0.005 * Swift.max(xLow, yLow, 1)
    return xLow <= yHigh + tolerance && yLow <= xHigh + tolerance
  }

  static let totalWords: [String] = [
    "总", "共计", "合计", "累计", "包括", "commitment", "total", "including", "in all", "altogether", "combined",
  ]

  /// How directly a status is stated: a word of its own (3), sources or a round (2), carried (1),
  /// none (0).
  static func statusStrength(_ basis: String?) -> Int {
    guard let basis else { return 0 }
    if basis.hasPrefix("carried") || basis.hasPrefix("article") { return 1 }
    if basis.hasPrefix("reported") || basis.hasPrefix("round") { return 2 }
    return 3
  }

  func combine(_ a: Candidate, _ b: Candidate, sameSentence: Bool) -> Candidate {
    // The better-supported candidate leads: a stated amount, then confidence.
    func score(_ c: Candidate) -> Double {
      (c.amount.qualifier == .unstated ? 0 : 1) + c.confidence + (c.basis["product"] != nil ? 0.01 : 0)
    }
    var lead = score(b) > score(a) ? b : a
    let other = score(b) > score(a) ? a : b
    // The more specific unit (AWS rather than Amazon) names each side.
    if catalog.isUnit(other.payer.id, of: lead.payer.id) { lead.payer = other.payer }
    if catalog.isUnit(other.payee.id, of: lead.payee.id) { lead.payee = other.payee }
    if lead.announced == nil {
      lead.announced = other.announced
      if let basis = other.basis["announced"] { lead.basis["announced"] = basis }
    }
    if lead.termYears == nil {
      lead.termYears = other.termYears
      if let basis = other.basis["term"] { lead.basis["term"] = basis }
    }
    if Run.statusStrength(other.basis["status"]) > Run.statusStrength(lead.basis["status"]),
      let basis = other.basis["status"]
    {
      // A status a word of the deal's own states beats one reported by sources, carried, or assumed.
      lead.status = other.status
      lead.basis["status"] = basis
    }
    if lead.status == .planned, other.status == .talks, Run.statusStrength(other.basis["status"]) >= 2 {
      // A plan inside negotiations is still negotiated.
      lead.status = .talks
      lead.basis["status"] = other.basis["status"]
    }
    if !sameSentence || lead.span != other.span, lead.alsoIn.count < 20 {
      // At most 20 other passages; a passage already kept (same span or same words) is skipped.
      for evidence in [Evidence(quote: other.quote, span: other.span)] + other.alsoIn where lead.alsoIn.count < 20 {
        func same(_ e: Evidence) -> Bool { e.span == evidence.span }
        if !same(Evidence(quote: lead.quote, span: lead.span)), !lead.alsoIn.contains(where: same) {
          lead.alsoIn.append(evidence)
        }
      }
    }
    for note in other.notes where !lead.notes.contains(note) && lead.notes.count < 8 { lead.notes.append(note) }
    lead.confidence = Swift.min(0.97, Swift.max(a.confidence, b.confidence) + 0.03)
    lead.sentence = Swift.min(a.sentence, b.sentence)
    return lead
  }

  /// Mentions of the same deal across the article become one candidate: same payer and payee
  /// groups, same kind, overlapping amounts, and not a deal the text calls additional.
  func mergeArticle(_ candidates: [Candidate]) -> [Candidate] {
    struct Key: Hashable {
      var payer: CompanyID
      var payee: CompanyID
      var kind: DealKind
    }
    var result: [Candidate] = []
    var byKey: [Key: [Int]] = [:]
    // A total of several contracts (三份合約，總值224億美元) gives way to its parts when they follow.
    var candidates = candidates
    for index in candidates.indices where candidates[index].isTotal {
      let key = (groups(candidates[index]), candidates[index].kind)
      let parts = candidates[(index + 1)...].prefix(16).filter {
        $0.isAdditionalFollowUp && groups($0) == key.0 && $0.kind == key.1
      }
      if parts.count >= 2 {
        candidates[index].notes.append("dropped: a total of the deals that follow")
        candidates[index].confidence = -1
      }
    }
    // A total that is the sum of parts the article also names (逾30億美元，包括…20億美元和…10億美元;
    // a $40bn commitment paid as $22.5bn and $8bn) is not a deal of its own.
    for index in candidates.indices where candidates[index].confidence >= 0 {
      let total = candidates[index]
      guard let whole = total.amount.value ?? total.amount.high, whole > 0, total.amount.qualifier != .range else {
        continue
      }
      // Only an amount its sentence calls a total or a commitment, or details with 包括 / including.
      let sentence = ChineseFold.foldedString(text.slice(total.span))
      guard total.isTotal || Run.totalWords.contains(where: { sentence.contains($0) }) else { continue }
      let parts = candidates.indices.filter { other in
        guard other != index, candidates[other].confidence >= 0, groups(candidates[other]) == groups(total),
          candidates[other].kind == total.kind, candidates[other].amount.currency == total.amount.currency,
          let part = candidates[other].amount.value ?? candidates[other].amount.high
        else { return false }
        return part < whole * 0.99
      }
      let values = Set(parts.compactMap { candidates[$0].amount.value ?? candidates[$0].amount.high })
      let sum = values.reduce(0, +)
      guard values.count >= 2, sum >= 0.7 * whole, sum <= 1.05 * whole, let first = parts.first else { continue }
      candidates[first].alsoIn.append(Evidence(quote: "", span: total.span))
      candidates[first].notes.append(
        "Part of \(total.amount.asWritten ?? "a total") (\(total.payer.name) → \(total.payee.name)), which the parts add up to."
      )
      candidates[index].confidence = -1
    }
    candidates.removeAll { $0.confidence < 0 }
    for candidate in candidates {
      let (p, q) = groups(candidate)
      let key = Key(payer: p, payee: q, kind: candidate.kind)
      var merged = false
      if !candidate.isAdditional {
        // Look at the most recent few candidates of the key only, so the pass stays linear.
        for index in (byKey[key] ?? []).suffix(8).reversed() {
          let existing = result[index]
          // One investor's stakes in two rounds are two deals.
          if let a = existing.roundKey, let b = candidate.roundKey, a != b { continue }
          guard !existing.isAdditional, Run.amountsOverlap(existing.amount, candidate.amount),
            existing.status == candidate.status || existing.amount.qualifier == .unstated
              || candidate.amount.qualifier == .unstated || existing.amount == candidate.amount
              || existing.status == .talks || candidate.status == .talks
          else { continue }
          result[index] = combine(existing, candidate, sameSentence: false)
          merged = true
          break
        }
      }
      if !merged {
        byKey[key, default: []].append(result.count)
        result.append(candidate)
      }
    }
    // The same two companies found with two kinds (or in both directions): one of them is likely
    // a restatement read differently, so all but the best-supported lose confidence.
    var byPair: [[CompanyID]: [Int]] = [:]
    for index in result.indices where result[index].status != .implied {
      let (p, q) = groups(result[index])
      byPair[[p, q].sorted(by: { $0.rawValue < $1.rawValue }), default: []].append(index)
    }
    for indices in byPair.values where indices.count > 1 {
      let kinds = Set(indices.map { "\(result[$0].kind)-\(groups(result[$0]).0)" })
      guard kinds.count > 1, let best = indices.max(by: { result[$0].confidence < result[$1].confidence }) else {
        continue
      }
      for index in indices
      where index != best && result[index].kind != result[best].kind
        || (index != best && groups(result[index]) != groups(result[best]))
      {
        result[index].confidence = Swift.max(0.05, result[index].confidence - 0.1)
      }
    }
    // A cloud contract with a group goes to its cloud unit (谷歌 → Google Cloud).
    for index in result.indices where result[index].kind == .cloudContract {
      let payee = result[index].payee.id
      if catalog.company(payee)?.parent == nil, let unit = catalog.cloudUnit(of: payee) {
        result[index].payee.id = unit
        result[index].payee.name = catalog.company(unit)?.names.english ?? unit.rawValue
      }
    }
    // An amount in another currency, converted at the rate the article states ($1 = 0.8495 euros).
    for index in result.indices where result[index].conversion == nil {
      let amount = result[index].amount
      guard let currency = amount.currency, currency != "USD", amount.qualifier != .unstated,
        let rate = statedRates.first(where: { $0.currency == currency }), rate.perUSD > 0
      else { continue }
      let factor = 1 / rate.perUSD
      let converted = Amount(
        qualifier: amount.qualifier, value: amount.value.map { $0 * factor }, low: amount.low.map { $0 * factor },
        high: amount.high.map { $0 * factor }, currency: "USD", asWritten: rate.quote)
      result[index].conversion = ParsedAmount.Conversion(range: rate.span, amount: converted, rate: factor)
      result[index].notes.append("In USD at the article's rate: \(rate.quote).")
    }
    // The words of each quote, now that the candidates are few; repeated passages once.
    for index in result.indices {
      result[index].quote = text.slice(result[index].span)
      var seen: Set<String> = [result[index].quote]
      var kept: [Evidence] = []
      for evidence in result[index].alsoIn {
        let quote = text.slice(evidence.span)
        if seen.insert(quote).inserted { kept.append(Evidence(quote: quote, span: evidence.span)) }
      }
      result[index].alsoIn = kept
    }
    return result.sorted { $0.span.lowerBound < $1.span.lowerBound }
  }
}
