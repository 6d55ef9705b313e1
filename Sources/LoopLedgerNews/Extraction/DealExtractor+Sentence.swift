import LoopLedger

/// A relation read from one relation word, before it becomes a candidate.
struct Relation {
  var trigger: Item
  var flow: Flow
  var subjects: [Mention]
  var counterparties: [Mention]
  var counterPreposition: Preposition?
  var passive: Bool
  /// How the direction was decided: a preposition, a passive, roles, or the word order.
  var directionBasis: String
  /// Whether both sides were found in the trigger's own clause.
  var subjectInClause: Bool
  var counterInClause: Bool
  /// Chips used through a cloud: the deal is a cloud contract with the intermediary.
  var viaCloud: Bool
  /// Subjects of a gapped clause with their own amounts ("… and Microsoft up to $5 billion").
  var gapped: [(Mention, ParsedAmount)] = []
  /// The counterparty is the company raising a round the subject takes part in.
  var viaRound = false
  /// The counterparty leads a round or a syndicate ("led by X"): the total is not its share.
  var ledBy = false
}

extension Run {
  // MARK: - Sentence

  mutating func process(_ context: inout SentenceContext) -> [Candidate] {
    // Clause of each item, prepositions before mentions, anaphors resolved.
    for index in context.items.indices {
      context.items[index].clause = context.clause(of: context.items[index].range.lowerBound)
    }
    resolveAnaphors(&context)
    markPrepositions(&context)
    markParticipants(&context)
    markStakeTaking(&context)
    rememberPairs(context)
    detectHeader(context)
    updateRound(context)

    var candidates: [Candidate] = []
    var totalIndices: [Int] = []
    for (index, item) in context.items.enumerated() {
      var made: [Candidate] = []
      switch item.tag {
      case .trigger(let flow, _):
        if let relation = relation(at: index, flow: flow, in: context) {
          made = makeCandidates(relation, in: context)
        }
        if made.isEmpty, flow == .agreement, let followUp = followUp(at: index, in: context, previous: candidates) {
          made = [followUp]
        }
      case .investorNoun:
        // "X已是Y的投資者", "Y's investors include X": a holding.
        if var relation = possessiveRelation(at: index, flow: .customer, in: context, customerNoun: false),
          catalog.group(of: relation.subjects[0].company) != catalog.group(of: relation.counterparties[0].company)
        {
          relation.flow = .invest
          relation.trigger.tag = .trigger(.invest, .equity)
          relation.directionBasis = "possessive: \(text.slice(item.range))"
          made = makeCandidates(relation, in: context).map { candidate in
            var candidate = candidate
            if candidate.basis["status"] == nil {
              candidate.status = .closed
              candidate.basis["status"] = text.slice(item.range)
            }
            return candidate
          }
        } else if let (participants, raiser) = roundParticipants(at: index, in: context) {
          // "other investors who joined the round are A, B and C", "A and B, strategic investors in
          // the round": each invests in the company raising the round.
          var pseudo = item
          pseudo.tag = .trigger(.invest, .equity)
          let relation = Relation(
            trigger: pseudo, flow: .invest, subjects: participants, counterparties: [raiser], counterPreposition: nil,
            passive: false, directionBasis: "round: \(text.slice(item.range))", subjectInClause: true,
            counterInClause: false, viaCloud: false, viaRound: true)
          made = makeCandidates(relation, in: context, forcedAmount: .some(nil))
        }
      case .expansion, .additional:
        // 追加40億美元, expanded by $6.5 billion: a later addition to the deal named before.
        let next = index + 1 < context.items.count ? context.items[index + 1] : nil
        let triggerFollows: Bool
        if let next, case .trigger = next.tag, next.range.lowerBound - item.range.upperBound <= 3 {
          triggerFollows = true
        } else {
          triggerFollows = false
        }
        if !triggerFollows, let followUp = followUp(at: index, in: context, previous: candidates) { made = [followUp] }
      default:
        break
      }
      for candidate in made {
        if candidate.kind == .equityInvestment, candidate.amount.qualifier != .unstated {
          paragraphInvestments.append(candidate)
          if paragraphInvestments.count > 32 { paragraphInvestments.removeFirst() }
        }
        if context.items.contains(where: {
          if case .total = $0.tag { return $0.clause == item.clause || $0.clause + 1 == item.clause }
          return false
        }) {
          totalIndices.append(candidates.count)
        }
        candidates.append(candidate)
      }
    }
    for index in totalIndices where index < candidates.count { candidates[index].isTotal = true }
    candidates += statedParts(of: candidates, in: context)
    candidates = resolveAgreements(candidates)
    candidates = mergeSentence(candidates)
    candidates.append(contentsOf: impliedPurchases(candidates, in: context))
    updateParagraphState(context, candidates)
    if let last = candidates.last(where: { $0.status != .implied }), last.basis["status"] != nil {
      articleStatus = last.status
    }
    paragraphCandidates.append(contentsOf: candidates.filter { $0.status != .implied })
    if paragraphCandidates.count > 32 { paragraphCandidates.removeFirst(paragraphCandidates.count - 32) }
    recentCandidates.append(contentsOf: candidates.filter { $0.status != .implied })
    if recentCandidates.count > 16 { recentCandidates.removeFirst(recentCandidates.count - 16) }
    return candidates
  }

  /// "取得英特爾十％股權": obtaining a company's shares is investing in it.
  func markStakeTaking(_ context: inout SentenceContext) {
    for index in context.items.indices.dropLast() {
      guard case .passive = context.items[index].tag, context.items[index + 1].mention != nil,
        context.items[index + 1].range.lowerBound - context.items[index].range.upperBound <= 2,
        isFollowedByShares(index + 1, in: context)
      else { continue }
      context.items[index].tag = .trigger(.invest, .equity)
    }
  }

  /// "has invested more than $3 billion in Anthropic, including $2 billion in 2023 and $1 billion this
  /// year": the parts after "including" / 包括 are deals of their own (the total then gives way to
  /// them), each with its own amount and date.
  func statedParts(of candidates: [Candidate], in context: SentenceContext) -> [Candidate] {
    var result: [Candidate] = []
    let used = Set(candidates.compactMap { $0.amount.value ?? $0.amount.high })
    for candidate in candidates where !candidate.isAdditionalFollowUp {
      guard let whole = candidate.amount.value ?? candidate.amount.high,
        let wholeAmount = context.amounts.first(where: { ($0.amount.value ?? $0.amount.high) == whole }),
        let marker = context.items.first(where: {
          guard case .copula = $0.tag, $0.range.lowerBound >= wholeAmount.range.upperBound,
            $0.range.lowerBound - wholeAmount.range.upperBound <= 30
          else { return false }
          return ["包括", "包含", "including"].contains(ChineseFold.foldedString(text.slice($0.range)))
        })
      else { continue }
      let parts = context.amounts.filter {
        $0.range.lowerBound > marker.range.upperBound
          && ($0.amount.value ?? $0.amount.high).map { $0 < whole && !used.contains($0) } == true
          && $0.amount.currency == candidate.amount.currency
      }
      guard parts.count >= 2 else { continue }
      for (n, part) in parts.enumerated() {
        var copy = candidate
        copy.amount = part.amount
        copy.conversion = part.conversion
        copy.basis["amount"] = part.amount.asWritten
        let limit = n + 1 < parts.count ? parts[n + 1].range.lowerBound : context.range.upperBound
        let date =
          context.dates.first { $0.range.lowerBound >= part.range.upperBound && $0.range.lowerBound < limit }
          ?? context.dates.last {
            $0.range.upperBound <= part.range.lowerBound && $0.range.lowerBound > marker.range.upperBound
          }
        copy.announced = date?.expression.resolve(articleDate: articleDate)
        copy.basis["announced"] = date.map { text.slice($0.range) }
        copy.isAdditional = true
        copy.isAdditionalFollowUp = true
        copy.isTotal = false
        copy.notes = [
          "A part of \(candidate.amount.asWritten ?? "the total") (\(candidate.payer.name) → \(candidate.payee.name))."
        ]
        result.append(copy)
      }
    }
    return result
  }

  /// Marks the investors of a round: a company right before 領投 / 跟投 (紅杉中國領投的天使輪融資).
  func markParticipants(_ context: inout SentenceContext) {
    for index in context.items.indices.dropLast() {
      guard context.items[index].mention != nil else { continue }
      let next = context.items[index + 1]
      guard case .trigger = next.tag, next.range.lowerBound - context.items[index].range.upperBound <= 1,
        Run.participantWords.contains(ChineseFold.foldedString(text.slice(next.range)))
      else { continue }
      context.items[index].isParticipant = true
    }
  }

  /// Remembers two companies joined by "and" / 和 (Microsoft and Nvidia): "the two companies".
  mutating func rememberPairs(_ context: SentenceContext) {
    let items = context.items
    for index in items.indices.dropFirst().dropLast() {
      guard case .conjunction = items[index].tag, let a = items[index - 1].mention, let b = items[index + 1].mention,
        items[index - 1].clause == items[index + 1].clause, catalog.group(of: a.company) != catalog.group(of: b.company)
      else { continue }
      if index + 2 < items.count, case .conjunction = items[index + 2].tag { continue }
      recentPairs.append([a, b])
      if recentPairs.count > 4 { recentPairs.removeFirst() }
    }
  }

  /// Remembers the round a sentence names: who raises it, and its status.
  mutating func updateRound(_ context: SentenceContext) {
    for (k, item) in context.items.enumerated() {
      guard case .trigger(.raise, _) = item.tag else { continue }
      guard let raiser = raiser(ofRoundAt: k, in: context),
        context.range.contains(raiser.range.lowerBound) || !isDefiniteRound(item)
      else { continue }
      let stub = Relation(
        trigger: item, flow: .raise, subjects: [raiser], counterparties: [raiser], counterPreposition: nil,
        passive: false,
        directionBasis: "", subjectInClause: true, counterInClause: true, viaCloud: false)
      let (status, basis) = status(for: stub, in: context)
      let label = roundLabel(before: item)
      let amount = context.amounts.first { context.clause(of: $0.range.lowerBound) == item.clause }?.representativeValue
      if let round = lastRound, catalog.group(of: round.raiser.company) == catalog.group(of: raiser.company),
        label == nil || label == round.label, amount == nil || round.amount == nil || amount == round.amount
      {
        // The same round again ("The company has raised the funds from…"): its first sentence
        // stays the key.
        lastRound?.raiser = raiser
        if basis != nil {
          lastRound?.status = status
          lastRound?.statusBasis = basis
        }
        if lastRound?.amount == nil { lastRound?.amount = amount }
        return
      }
      lastRound = Round(
        raiser: raiser, status: basis == nil ? .closed : status, statusBasis: basis, sentence: context.index,
        label: label, amount: amount)
      return
    }
  }

  /// The participants an investor noun introduces, and the company raising the round: "investors
  /// … are / include A, B and C", 參與者包括A及B, or an apposition "A and B, strategic investors in
  /// the round".
  func roundParticipants(at index: Int, in context: SentenceContext) -> ([Mention], Mention)? {
    let noun = context.items[index]
    var participants: [Mention] = []
    // A copula after the noun, then the list.
    var k = index + 1
    var copulaClause = noun.clause
    while k < context.items.count, context.items[k].range.lowerBound - noun.range.upperBound <= 60 {
      if context.items[k].clause != copulaClause {
        // "投資方陣容異常豪華，其中最引人注目的是阿里和騰訊": a clause that details the one before.
        let opening = ChineseFold.foldedString(
          text.slice(context.clauses[Swift.min(context.items[k].clause, context.clauses.count - 1)])
        )
        .trimmingSpaces
        guard context.items[k].clause == copulaClause + 1,
          ["其中", "包括", "including", "among them"].contains(where: { opening.hasPrefix($0) })
        else { break }
        copulaClause = context.items[k].clause
      }
      if case .copula = context.items[k].tag {
        participants = copulaList(after: k, in: context)
        break
      }
      if case .trigger(let flow, _) = context.items[k].tag, flow != .raise { break }
      if context.items[k].mention != nil { break }
      k += 1
    }
    // An apposition: "A and B, strategic investors in the round".
    if participants.isEmpty, index > 0, context.items[index - 1].mention != nil {
      let gap = context.items[index - 1].range.upperBound..<noun.range.lowerBound
      let words = text.slice(gap)
      if words.hasPrefix(","), gap.count <= 30, words.split(separator: " ").count <= 3 {
        participants = list(endingAt: index - 1, in: context)
        // The apposition must name the round: "investors in the round".
        let after = ChineseFold.foldedString(
          text.slice(noun.range.upperBound..<Swift.min(context.range.upperBound, noun.range.upperBound + 20)))
        if !(after.hasPrefix(" in the round") || after.hasPrefix(" in the funding") || after.hasPrefix(" in the deal"))
        {
          participants = []
        }
      }
    }
    guard !participants.isEmpty else { return nil }
    // Whose round: "Y's investors", Y的投資方, else the round of the sentence or the article.
    var raiser: Mention? = nil
    if index > 0, let possessor = context.items[index - 1].mention {
      let gap = text.slice(possessor.range.upperBound..<noun.range.lowerBound)
      if gap.hasPrefix("'s") || gap.hasPrefix("’s") || gap.hasPrefix("的") { raiser = possessor }
    }
    if raiser == nil {
      for (k, item) in context.items.enumerated() {
        guard case .trigger(.raise, _) = item.tag else { continue }
        raiser = self.raiser(ofRoundAt: k, in: context)
        if raiser != nil { break }
      }
    }
    if raiser == nil, let round = lastRound { raiser = round.raiser }
    guard let raiser else { return nil }
    let raiserGroup = catalog.group(of: raiser.company)
    let investors = participants.filter { catalog.group(of: $0.company) != raiserGroup }
    guard !investors.isEmpty else { return nil }
    return (
      investors,
      Mention(
        range: raiser.range, company: raiser.company,
        via: context.range.contains(raiser.range.lowerBound) ? raiser.via : "carried")
    )
  }

  /// The companies a copula introduces (包括A與B, are A, B and C): every company of its clause after
  /// it, joined by commas, 、, 和, 與, 及 or "and".
  func copulaList(after k: Int, in context: SentenceContext) -> [Mention] {
    guard k < context.items.count else { return [] }
    let clause = context.items[k].clause
    var result: [Mention] = []
    var m = k + 1
    var lastEnd = context.items[k].range.upperBound
    while m < context.items.count, context.items[m].clause == clause {
      let item = context.items[m]
      if case .trigger(let flow, _) = item.tag, flow != .raise { break }
      if let mention = item.mention {
        // A long stretch of other words ends the list (包括A及B，其中…).
        if !result.isEmpty, item.range.lowerBound - lastEnd > 12 { break }
        result.append(mention)
        lastEnd = item.range.upperBound
      }
      m += 1
    }
    return distinctGroups(result)
  }

  /// A clause that adds to or details a deal named before (其中首份合約…價值119億美元; 5月份OpenAI
  /// 再追加40億美元; expanded by $6.5 billion): a new candidate for the same payer, payee and kind,
  /// with the clause's own amount and date.
  func followUp(at index: Int, in context: SentenceContext, previous: [Candidate]) -> Candidate? {
    let item = context.items[index]
    guard
      var base = (paragraphCandidates + previous).last(where: { $0.status != .implied && !$0.isAdditionalFollowUp })
        ?? (paragraphCandidates + previous).last
    else { return nil }
    // The clause's own subject, if any, must be one of the deal's sides.
    let groupsOfBase: Set<CompanyID> = [catalog.group(of: base.payer.id), catalog.group(of: base.payee.id)]
    for other in context.items where other.clause == item.clause {
      if let mention = other.mention, !groupsOfBase.contains(catalog.group(of: mention.company)) { return nil }
    }
    let pseudo = Item(range: item.range, tag: .trigger(.agreement, nil), clause: item.clause)
    guard let amount = amount(for: pseudo, in: context) else { return nil }
    // The deal's own amount again (…提供多達100萬顆TPU，交易價值達數百億美元): no addition.
    if amount.amount == base.amount || amount.range == previous.last?.span { return nil }
    if previous.contains(where: { $0.amount == amount.amount && groups($0) == groups(base) }) { return nil }
    base.amount = amount.amount
    base.conversion = amount.conversion
    base.currencyAssumed = amount.currencyAssumed
    // The date nearest before the addition in its clause (…2023年投資的20億美元和今年追加的10億美元).
    let dates = context.dates.filter { context.clause(of: $0.range.lowerBound) == item.clause }
    let date = dates.last { $0.range.upperBound <= item.range.lowerBound } ?? dates.first
    base.announced = date?.expression.resolve(articleDate: articleDate)
    base.basis["announced"] = date.map { text.slice($0.range) }
    let term = context.terms.first { context.clause(of: $0.range.lowerBound) == item.clause }
    base.termYears = term?.years
    base.basis["term"] = term.map { text.slice($0.range) }
    base.basis["amount"] = amount.amount.asWritten
    base.basis["kind"] = text.slice(item.range)
    base.basis["direction"] = "continues the deal named before (\(base.payer.name) → \(base.payee.name))"
    let (quote, span) = quote(for: item, in: context)
    base.quote = quote
    base.span = span
    base.alsoIn = []
    base.confidence = 0.55
    base.isAdditional = true
    base.isAdditionalFollowUp = true
    base.isTotal = false
    base.sentence = context.index
    base.notes = ["A part or an addition of the \(base.payer.name) → \(base.payee.name) deal named before."]
    return base
  }

  /// Resolves 該公司 / the company, 雙方 / both companies and role descriptions to mentions.
  mutating func resolveAnaphors(_ context: inout SentenceContext) {
    var index = 0
    while index < context.items.count {
      let item = context.items[index]
      if let mention = item.mention {
        let previous = index > 0 ? context.items[index - 1] : nil
        var isPrepObject = false
        if let previous, case .preposition = previous.tag, mention.range.lowerBound - previous.range.upperBound <= 10,
          !gapHasPunctuation(previous.range.upperBound..<mention.range.lowerBound)
        {
          isPrepObject = true
        }
        remember(mention, prepObject: isPrepObject)
        index += 1
        continue
      }
      guard case .anaphor(let anaphor) = item.tag else {
        index += 1
        continue
      }
      // A description right before a name ("科技巨頭亞馬遜", "the startup Anthropic") is no pointer.
      if index + 1 < context.items.count, context.items[index + 1].mention != nil,
        context.items[index + 1].range.lowerBound - item.range.upperBound <= 3
      {
        index += 1
        continue
      }
      let written = text.slice(item.range)
      switch anaphor {
      case .recent:
        // "it" and a described company ("the Japanese group") stand for the last company named
        // as a subject; "the company" for the last one named.
        let folded = ChineseFold.foldedString(written)
        let isIt = folded == "it" || (folded.hasPrefix("the ") && folded.split(separator: " ").count >= 3)
        if let target = isIt ? recentNonPrepMention : recentMentions.last {
          context.items[index].mention = Mention(range: item.range, company: target.company, via: "pronoun")
        }
      case .latter, .former:
        // 後者 / the latter: the second of the two companies named last.
        var distinct: [Mention] = []
        for mention in recentMentions.reversed()
        where !distinct.contains(where: { catalog.group(of: $0.company) == catalog.group(of: mention.company) }) {
          distinct.append(mention)
          if distinct.count == 2 { break }
        }
        if distinct.count == 2 {
          let target = anaphor == .latter ? distinct[0] : distinct[1]
          context.items[index].mention = Mention(range: item.range, company: target.company, via: "pronoun")
        }
      case .role(let role):
        let subjects = zip(recentMentions, recentWasPrepObject).filter { !$0.1 }.map(\.0)
        if let target = subjects.last(where: { roleOf($0.company) == role })
          ?? recentMentions.last(where: { roleOf($0.company) == role })
        {
          context.items[index].mention = Mention(range: item.range, company: target.company, via: "pronoun")
        }
      case .pair:
        var pair = headerPair
        if pair.count < 2, let last = recentPairs.last {
          // "Microsoft and Nvidia… The two tech giants": the pair named together, if still recent.
          let recent = Set(recentMentions.suffix(4).map { catalog.group(of: $0.company) })
          if last.allSatisfy({ recent.contains(catalog.group(of: $0.company)) }) { pair = last }
        }
        if pair.count < 2 {
          pair = []
          var groups = Set<CompanyID>()
          for mention in recentMentions.reversed() where groups.insert(catalog.group(of: mention.company)).inserted {
            pair.append(mention)
            if pair.count == 2 { break }
          }
        }
        if pair.count == 2 {
          context.items[index].pair = pair.map { Mention(range: item.range, company: $0.company, via: "pair") }
        }
      }
      index += 1
    }
  }

  mutating func remember(_ mention: Mention, prepObject: Bool) {
    recentMentions.append(mention)
    recentWasPrepObject.append(prepObject)
    if recentMentions.count > 16 {
      recentMentions.removeFirst(recentMentions.count - 16)
      recentWasPrepObject.removeFirst(recentWasPrepObject.count - 16)
    }
    if !prepObject { recentNonPrepMention = mention }
  }

  func roleOf(_ id: CompanyID) -> String? {
    if catalog.company(id) == nil { return unknownOrganizations.first(where: { $0.id == id })?.role }
    let own = catalog.role(of: id)
    if own == nil || own == "unit" { return catalog.role(of: catalog.group(of: id)) }
    return own
  }

  /// Marks each mention that a preposition (向 Y, from Y) or a passive (獲 Y) introduces, and the
  /// rest of a list after it (向 Y、Z 等).
  func markPrepositions(_ context: inout SentenceContext) {
    var pending: Preposition? = nil
    var pendingPassive = false
    var pendingEnd = 0
    var pendingItem: Item? = nil
    var listPreposition: Preposition? = nil
    var listPassive = false
    var listClause = -1
    for index in context.items.indices {
      let item = context.items[index]
      if item.clause != listClause {
        // "與多家雲端供應商，包括輝達、超微…及谷歌": a preposition whose object is no company,
        // followed by a clause that lists them, governs the list.
        let dangling = pending
        listPreposition = nil
        pending = nil
        listClause = item.clause
        if let dangling, case .copula = item.tag,
          ["包括", "including", "such as", "包含"].contains(ChineseFold.foldedString(text.slice(item.range)))
        {
          pending = dangling
          pendingPassive = false
          pendingEnd = item.range.upperBound
          pendingItem = item
          continue
        }
      }
      switch item.tag {
      case .preposition(let preposition):
        pending = preposition
        pendingPassive = false
        pendingEnd = item.range.upperBound
        pendingItem = item
        listPreposition = nil
      case .passive:
        pending = .by
        pendingPassive = true
        pendingEnd = item.range.upperBound
        pendingItem = item
        listPreposition = nil
      case .conjunction, .listEnd:
        continue
      default:
        if item.mention != nil || !item.pair.isEmpty {
          let gap = item.range.lowerBound - pendingEnd
          let gapRange = pendingEnd..<Swift.max(pendingEnd, item.range.lowerBound)
          let english = pendingEnd > 0 && Scalar.isASCIILetter(f[pendingEnd - 1])
          let named = item.mention?.via == "named"
          let limit = named ? (english ? 28 : 16) : 10
          if let preposition = pending, gap >= 0, gap <= limit, !gapHasPunctuation(gapRange),
            englishGapIsDescriptor(gapRange, named: named), !isOfPossessive(pendingItem, item),
            !isAbsoluteWith(pendingItem, item), !(pendingPassive && isFollowedByShares(index, in: context))
          {
            context.items[index].preposition = preposition
            context.items[index].afterPassive = pendingPassive
            listPreposition = preposition
            listPassive = pendingPassive
          } else if let preposition = listPreposition, index > 0,
            isListJoin(context.items[index - 1], before: item)
          {
            context.items[index].preposition = preposition
            context.items[index].afterPassive = listPassive
          } else {
            listPreposition = nil
          }
          pending = nil
          pendingEnd = item.range.upperBound
        } else if pending != nil, isTransparent(item) {
          // Descriptors between a preposition and its company: 向晶片設計商超微, from investors Valor….
          continue
        } else {
          pending = nil
          listPreposition = nil
        }
      }
    }
    // 向OpenAI的競爭對手Anthropic, in Nvidia's partner CoreWeave, 輝達在AI晶片勁敵超微: the
    // preposition governs the head; the possessor is neither subject nor counterparty.
    for index in context.items.indices.dropLast() {
      let item = context.items[index]
      guard item.mention != nil else { continue }
      var next = index + 1
      var rival = false
      while next < context.items.count, context.items[next].mention == nil, next - index <= 3 {
        switch context.items[next].tag {
        case .rivalry:
          let word = ChineseFold.foldedString(text.slice(context.items[next].range))
          if !Run.contestWords.contains(word), !Run.alternativeWords.contains(word) { rival = true }
        case .product:
          break
        default:
          next = context.items.count
        }
        next += 1
      }
      guard next < context.items.count, context.items[next].mention != nil, context.items[next].clause == item.clause
      else { continue }
      let gap = item.range.upperBound..<context.items[next].range.lowerBound
      guard gap.count >= 1, gap.count <= 14, !gapHasPunctuation(gap) else { continue }
      let words = text.slice(gap)
      guard rival || words.hasPrefix("的") || words.hasPrefix("'s") || words.hasPrefix("’s") else { continue }
      if !rival, next != index + 1 { continue }
      if catalog.group(of: item.mention?.company ?? "") == catalog.group(of: context.items[next].mention?.company ?? "")
      {
        continue
      }
      context.items[next].preposition = item.preposition
      context.items[next].afterPassive = item.afterPassive
      context.items[index].isPossessor = true
      context.items[index].preposition = nil
    }
  }

  /// Words that may stand between a preposition and its company: a product, a role noun
  /// (investors, 客戶), a conjunction inside a description (雲計算公司及其重要客戶CoreWeave).
  func isTransparent(_ item: Item) -> Bool {
    switch item.tag {
    case .product, .investorNoun, .trigger(.customer, _), .trigger(.supplier, _), .anaphor(.role): return true
    default: return false
    }
  }

  /// "with Nvidia contributing up to $2 billion", "with HUMAIN intending to spend": the company
  /// after "with" is the subject of the -ing verb, not a partner.
  func isAbsoluteWith(_ preposition: Item?, _ item: Item) -> Bool {
    guard let preposition, ChineseFold.foldedString(text.slice(preposition.range)) == "with" else { return false }
    var j = item.range.upperBound
    while j < f.count, Scalar.isSpace(f[j]) { j += 1 }
    var k = j
    while k < f.count, Scalar.isASCIILetter(f[k]) { k += 1 }
    if ChineseFold.foldedString(text.slice(j..<k)) == "also" {
      // "with the company also entering into an agreement"
      j = k
      while j < f.count, Scalar.isSpace(f[j]) { j += 1 }
      k = j
      while k < f.count, Scalar.isASCIILetter(f[k]) { k += 1 }
    }
    let word = ChineseFold.foldedString(text.slice(j..<k))
    return word.count > 4 && word.hasSuffix("ing")
  }

  /// "取得英特爾十％股權": after a verb of obtaining, a company followed by its shares is the
  /// issuer, not the giver.
  func isFollowedByShares(_ index: Int, in context: SentenceContext) -> Bool {
    guard index + 1 < context.items.count else { return false }
    let next = context.items[index + 1]
    guard next.clause == context.items[index].clause, next.range.lowerBound - context.items[index].range.upperBound <= 8
    else { return false }
    switch next.tag {
    case .product(.equity), .shares, .trigger(.invest, .equity): return true
    default: return false
    }
  }

  /// "…價值380億美元的 AWS 雲端服務合作": a company naming the product of a noun phrase (的 X 產品).
  func isProductModifier(_ index: Int, in context: SentenceContext) -> Bool {
    let item = context.items[index]
    guard item.mention != nil, index + 1 < context.items.count, case .product = context.items[index + 1].tag,
      context.items[index + 1].range.lowerBound - item.range.upperBound <= 1
    else { return false }
    var b = item.range.lowerBound
    while b > 0, Scalar.isSpace(f[b - 1]) { b -= 1 }
    return b > 0 && text.slice((b - 1)..<b) == "的"
  }

  /// "the size of xAI's deal": "of" governs the noun the company possesses, not the company.
  func isOfPossessive(_ preposition: Item?, _ item: Item) -> Bool {
    guard let preposition, ChineseFold.foldedString(text.slice(preposition.range)) == "of" else { return false }
    let after = text.slice(item.range.upperBound..<Swift.min(f.count, item.range.upperBound + 2))
    return after == "'s" || after == "’s"
  }

  /// After an English preposition, the words before the company must describe it: determiners,
  /// lower-case words and abbreviations ("into self-driving startup Wayve", "from investors
  /// Valor…", "with data center operator IREN"); a capitalized word ends it ("on Tuesday it said"
  /// is no "on it").
  ///
  /// Before a pronoun only a determiner may stand. Chinese descriptors may (向AI公司Anthropic).
  func englishGapIsDescriptor(_ gap: Range<Int>, named: Bool) -> Bool {
    guard gap.lowerBound > 0, Scalar.isASCIILetter(f[gap.lowerBound - 1]) else { return true }
    let words = text.slice(gap).split(separator: " ").map(String.init)
    let determiners: Set<String> = ["the", "a", "an", "its", "their", "his", "her"]
    if words.allSatisfy({ determiners.contains($0.lowercased()) }) { return true }
    let origins: Set<String> = [
      "Dutch", "French", "British", "German", "Saudi", "Japanese", "Chinese", "American", "Korean", "South",
      "Taiwanese", "Israeli", "Indian", "Canadian", "Emirati", "Finnish", "Swedish", "European", "Swiss", "Italian",
      "Spanish", "Qatari", "Singaporean", "Australian", "Texas", "California", "Silicon", "Valley", "Arabian",
      "Norwegian", "Danish", "Irish", "Asian", "Hong", "Kong", "Abu", "Dhabi", "Gulf", "Wall", "Street",
      "Chinese-owned",
    ]
    guard named, words.count <= 5 else { return false }
    let verbs: Set<String> = [
      "said", "says", "will", "would", "is", "are", "was", "were", "has", "have", "had", "it", "that", "which", "who",
    ]
    return words.allSatisfy { word in
      if verbs.contains(word.lowercased()) { return false }
      // "with both backing Anthropic's round": a verb, not a description ("self-driving" is one).
      if word.count > 4, word.hasSuffix("ing"), !word.contains("-") { return false }
      guard let first = word.unicodeScalars.first else { return true }
      if Scalar.isUppercase(first) {
        // U.K., AI, US: an abbreviation; Dutch, Texas-based: an origin; Tuesday, September: a
        // new phrase.
        if origins.contains(word) || word.hasSuffix("-based") { return true }
        return word.unicodeScalars.allSatisfy { Scalar.isUppercase($0) || $0 == "." || $0 == "-" }
      }
      return true
    }
  }

  /// Whether `previous` (a mention or a conjunction) joins a list with `item`.
  func isListJoin(_ previous: Item, before item: Item) -> Bool {
    let gap = previous.range.upperBound..<item.range.lowerBound
    guard gap.count <= 3 else { return false }
    if previous.mention != nil {
      // 甲骨文(Oracle)、英偉達 — the 、 is a conjunction token; an ASCII comma only in English lists.
      return gap.allSatisfy {
        (f[$0] == 0x2C && text.scalars[$0].value == 0x2C && !ChineseFold.isHan(f[Swift.max(0, gap.lowerBound - 1)]))
          || f[$0] == 0x3001 || Scalar.isSpace(f[$0])
      }
    }
    if case .conjunction = previous.tag { return true }
    return false
  }

  /// A paragraph that opens with "亞馬遜─Anthropic:" names the pair the paragraph is about.
  mutating func detectHeader(_ context: SentenceContext) {
    let mentions = context.items.filter { $0.mention != nil }
    guard mentions.count >= 2, let a = mentions[0].mention, let b = mentions[1].mention else { return }
    guard a.range.lowerBound - context.range.lowerBound <= 2 else { return }
    let between = a.range.upperBound..<b.range.lowerBound
    guard between.count >= 1, between.count <= 4,
      between.allSatisfy({
        f[$0] == 0x2D || f[$0] == 0x2F || f[$0] == 0x2194 || f[$0] == 0x2192 || f[$0] == 0x26 || Scalar.isSpace(f[$0])
          || f[$0] == 0x2014 || f[$0] == 0x2500
      })
    else { return }
    var after = b.range.upperBound
    while after < context.range.upperBound, Scalar.isSpace(f[after]) { after += 1 }
    guard after < f.count, f[after] == 0x3A else { return }
    headerPair = [
      Mention(range: a.range, company: a.company, via: "heading"),
      Mention(range: b.range, company: b.company, via: "heading"),
    ]
  }

  // MARK: - Relations

  /// The mentions a subject at `index` stands for: itself, or its 雙方 pair.
  func mentions(of item: Item) -> [Mention] {
    if let mention = item.mention { return [mention] }
    return item.pair
  }

  /// The list of mentions ending at `index` (微軟和英偉達, Microsoft and Nvidia).
  func list(endingAt index: Int, in context: SentenceContext) -> [Mention] {
    distinctGroups(listEndingAt(index, in: context))
  }

  /// Keeps the first mention of each company group (OpenAI, OpenAI → OpenAI).
  func distinctGroups(_ mentions: [Mention]) -> [Mention] {
    var seen = Set<CompanyID>()
    return mentions.filter { seen.insert(catalog.group(of: $0.company)).inserted }
  }

  func listEndingAt(_ index: Int, in context: SentenceContext) -> [Mention] {
    var result = mentions(of: context.items[index])
    var i = index
    while i >= 2 {
      let join = context.items[i - 1]
      let previous = context.items[i - 2]
      guard previous.mention != nil, previous.clause == context.items[index].clause else { break }
      if case .conjunction = join.tag, previous.preposition == context.items[index].preposition {
        result.insert(contentsOf: mentions(of: previous), at: 0)
        i -= 2
      } else {
        break
      }
    }
    if i >= 1, let previous = context.items[i - 1].mention, isListJoin(context.items[i - 1], before: context.items[i]),
      context.items[i - 1].preposition == context.items[index].preposition
    {
      result.insert(previous, at: 0)
    }
    return result
  }

  /// The list of mentions starting at `index` (向甲骨文(Oracle)、英偉達等).
  func list(startingAt index: Int, in context: SentenceContext) -> [Mention] {
    distinctGroups(listStartingAt(index, in: context))
  }

  func listStartingAt(_ index: Int, in context: SentenceContext) -> [Mention] {
    var result = mentions(of: context.items[index])
    var i = index
    while i + 1 < context.items.count, result.count < 8 {
      let next = context.items[i + 1]
      if next.mention != nil, next.clause == context.items[index].clause, isListJoin(context.items[i], before: next) {
        result.append(contentsOf: mentions(of: next))
        i += 1
        continue
      }
      if case .conjunction = next.tag, i + 2 < context.items.count, context.items[i + 2].mention != nil,
        context.items[i + 2].clause == context.items[index].clause
      {
        result.append(contentsOf: mentions(of: context.items[i + 2]))
        i += 2
        continue
      }
      // "Wayve and U.K. cloud provider Nscale": a description between the conjunction and the name.
      if case .conjunction = next.tag {
        var m = i + 2
        while m < context.items.count, context.items[m].mention == nil, m - i <= 4 {
          guard case .product = context.items[m].tag else { break }
          m += 1
        }
        if m < context.items.count, m > i + 2, context.items[m].mention != nil,
          context.items[m].clause == context.items[index].clause,
          context.items[m].range.lowerBound - next.range.upperBound <= 30,
          !gapHasClauseBreak(next.range.upperBound..<context.items[m].range.lowerBound)
        {
          result.append(contentsOf: mentions(of: context.items[m]))
          i = m
          continue
        }
      }
      break
    }
    return result
  }

  func relation(at index: Int, flow: Flow, in context: SentenceContext) -> Relation? {
    let trigger = context.items[index]
    let clause = trigger.clause
    if flow == .customer || flow == .supplier { return possessiveRelation(at: index, flow: flow, in: context) }
    if isBlockedByContext(at: index, flow: flow, in: context) { return nil }
    let triggerWord = ChineseFold.foldedString(text.slice(trigger.range))
    // "但未提供具體估算數字", "did not invest": a negated relation word states no deal.
    if isNegatedTrigger(trigger, in: context) { return nil }
    // "the latest funding round gives Mistral a valuation…": a round named before, unless the
    // clause names its investors (from X, led by Y).
    // "ASML is investing €1.3bn in Mistral as part of a funding round": the round is the
    // investment's, not a deal of its own.
    if flow == .raise,
      context.items[..<index].contains(where: {
        if case .trigger(.invest, _) = $0.tag { return $0.clause == clause } else { return false }
      })
    {
      return nil
    }
    if flow == .raise, lastRound != nil, isDefiniteRound(trigger),
      !context.items.contains(where: {
        $0.clause == clause && $0.mention != nil && ($0.preposition == .from || $0.preposition == .by)
      })
    {
      return nil
    }
    let isParticipantWord = Run.participantWords.contains(triggerWord)
    var subjects: [Mention] = []
    var counter: [Mention] = []
    var counterPreposition: Preposition? = nil
    var passive = false
    var subjectInClause = true
    var counterInClause = true
    var gapped: [(Mention, ParsedAmount)] = []
    var viaRound = false
    var ledBy = false
    var makerCounter = false
    // Before the trigger, in its clause.
    var j = index - 1
    var subjectIndex: Int? = nil
    var counterIndex: Int? = nil
    var intermediary: Mention? = nil
    var viaCloud = false
    var relativeIndex: Int? = nil
    var unnamedSubject = false
    var subjectIsAgent = false
    var participantIndices: [Int] = []
    var phraseStart: Int? = nil
    if index > 0, case .conjunction = context.items[index - 1].tag, context.items[index - 1].clause == clause,
      trigger.range.lowerBound - context.items[index - 1].range.upperBound <= 1,
      isEnglish(trigger) || triggerWordIsVerb(trigger)
    {
      // "…pledged $3 billion to Intel and poured $1 billion into Nscale": a second verb phrase; what
      // stands before "and" belongs to the first, except its subject.
      phraseStart = index - 1
      j = -1
    }
    while j >= 0, context.items[j].clause == clause {
      let item = context.items[j]
      if case .relative = item.tag, subjectIndex == nil { relativeIndex = j }
      if case .unnamedParty = item.tag, subjectIndex == nil, counterIndex == nil { unnamedSubject = true }
      if item.isPossessor || isProductModifier(j, in: context) {
        j -= 1
        continue
      }
      if item.preposition == .via, let mention = item.mention {
        intermediary = mention
        j -= 1
        continue
      }
      if item.mention != nil || !item.pair.isEmpty {
        if flow == .raise, item.isParticipant {
          // 完成紅杉中國領投的天使輪融資: the lead is an investor, not the company raising.
          participantIndices.append(j)
        } else if let preposition = item.preposition, preposition != .by || item.afterPassive {
          if counterIndex == nil {
            counterIndex = j
            counterPreposition = item.afterPassive ? nil : preposition
            passive = item.afterPassive
          }
        } else if subjectIndex == nil {
          if !unnamedSubject {
            subjectIndex = j
            subjectIsAgent = item.preposition == .by
          }
        } else if subjectIsAgent, counterIndex == nil {
          // 輝達、超微的AI晶片都由台積電代工: the agent acts on the topic named before it.
          counterIndex = j
        }
      }
      j -= 1
    }
    if var chosen = subjectIndex {
      // "HUMAIN, a subsidiary of Saudi Arabia's Public Investment Fund, intends to buy…": the
      // subject is the head before the appositive, not a company inside it.
      if isEnglish(trigger), let head = appositiveHead(of: chosen, before: trigger, in: context) { chosen = head }
      subjects = list(endingAt: chosen, in: context)
    }
    if subjectIsAgent, let subjectIndex {
      // "輝達與超微的晶片都由台積電代工": every company before the agent is the customer.
      let topic = context.items[..<subjectIndex].filter {
        $0.clause == clause && $0.mention != nil && !$0.isPossessor && $0.preposition != .by
      }.compactMap(\.mention)
      if topic.count > 1 {
        counter = distinctGroups(topic)
        counterPreposition = nil
      }
    }
    if let counterIndex, counter.isEmpty {
      counter =
        subjectIsAgent && context.items[counterIndex].preposition == nil
        ? list(endingAt: counterIndex, in: context) : list(startingAt: counterIndex, in: context)
      // "向甲骨文、英偉達" read backwards: collect the list from its first member.
      var first = counterIndex
      while first > 0 {
        let previous = context.items[first - 1]
        if previous.mention != nil, !previous.isPossessor,
          previous.preposition == context.items[counterIndex].preposition
        {
          first -= 1
        } else if case .conjunction = previous.tag {
          first -= 1
        } else {
          break
        }
      }
      while first < counterIndex, context.items[first].mention == nil { first += 1 }
      if first != counterIndex, context.items[first].mention != nil {
        counter = list(startingAt: first, in: context)
      }
    }
    if !participantIndices.isEmpty, counter.isEmpty {
      counter = distinctGroups(participantIndices.reversed().flatMap { mentions(of: context.items[$0]) })
      counterPreposition = .from
      viaRound = true
    }
    // "X與Y投資Z" / "輝達與軟銀分別斥資…入股英特爾": a partner named before the verb joins the subject
    // when the verb has an object of its own.
    let coordinable = counterPreposition == .with && flow != .agreement && counterIndex.map { $0 < index } == true
    // After the trigger: "invest in Y", "採購亞馬遜的芯片", "raised from X", "by X".
    if counter.isEmpty || subjects.isEmpty || coordinable || (isParticipantWord && subjectIndex == nil) {
      var k = index + 1
      var found = 0
      var afterCounter: [Mention] = []
      var afterPreposition: Preposition? = nil
      var afterPassive = false
      var participants: [Mention] = []
      while k < context.items.count, context.items[k].clause == clause, found < 2 {
        let item = context.items[k]
        if case .trigger = item.tag, found == 0, k - index > 6 { break }
        if item.isPossessor {
          k += 1
          continue
        }
        if item.preposition == .via, let mention = item.mention {
          intermediary = mention
          k += 1
          continue
        }
        if item.mention != nil || !item.pair.isEmpty {
          let preposition = item.preposition
          if isParticipantWord, subjectIndex == nil, participants.isEmpty {
            // 領投為IDG資本, 跟投的有阿里、騰訊: the participants follow the word.
            participants = list(startingAt: k, in: context)
            break
          }
          if let amount = gappedAmount(after: k, in: context), k > index + 1 || found > 0,
            isGapJoin(context.items[k - 1]), !subjects.isEmpty
          {
            // "Nvidia will invest up to $10 billion and Microsoft up to $5 billion": a second subject
            // with its own amount, the verb left out.
            gapped.append((item.mention ?? mentions(of: item)[0], amount))
            k += 1
            continue
          }
          if preposition == .by && !item.afterPassive && [.raise, .borrow, .lend].contains(flow) && afterCounter.isEmpty
            && counter.isEmpty
          {
            // "raised $40 billion in a round led by SoftBank", "loans from banks led by JPMorgan":
            // the agent is the investor or the lender.
            afterCounter = list(startingAt: k, in: context)
            afterPreposition = .from
            viaRound = flow == .raise
            ledBy = true
          } else if preposition == .by && !item.afterPassive {
            if subjects.isEmpty {
              subjects = list(startingAt: k, in: context)
            } else if afterCounter.isEmpty, counter.isEmpty, flow == .agreement || flow == .buy {
              // "a deal for a generator to be built by Entergy": the maker is the vendor.
              afterCounter = list(startingAt: k, in: context)
              afterPreposition = nil
              makerCounter = true
            }
          } else if afterCounter.isEmpty {
            afterCounter = list(startingAt: k, in: context)
            afterPreposition = item.afterPassive ? nil : preposition
            if item.afterPassive { afterPassive = true }
          }
          found += 1
          k += 1
          continue
        }
        k += 1
      }
      if !participants.isEmpty {
        subjects = participants
        subjectInClause = true
      }
      // The object must follow the verb closely, before another relation word or a copula
      // (與AWS簽署…採購協議——這是OpenAI首次… has no object of its own).
      let closeObject =
        afterCounter.first.map { object in
          object.range.lowerBound - trigger.range.upperBound <= 12
            && !context.items.contains { item in
              guard item.range.lowerBound >= trigger.range.upperBound, item.range.upperBound <= object.range.lowerBound
              else { return false }
              switch item.tag {
              case .trigger, .copula: return true
              default: return false
              }
            }
        } ?? false
      if coordinable, closeObject, afterPreposition == nil || afterPreposition == .toward || afterPreposition == .to {
        subjects = distinctGroups(subjects + counter)
        counter = afterCounter
        counterPreposition = afterPreposition
        passive = afterPassive
      } else if counter.isEmpty, !afterCounter.isEmpty {
        counter = afterCounter
        counterPreposition = afterPreposition
        if afterPassive { passive = true }
      }
    }
    if let phraseStart, subjects.isEmpty,
      let first = context.items[..<phraseStart].first(where: {
        $0.clause == clause && $0.mention != nil && $0.preposition == nil && !$0.isPossessor
      })?.mention
    {
      subjects = [Mention(range: first.range, company: first.company, via: "carried")]
      subjectInClause = false
    }
    // "…in OpenAI, which in turn will buy…": the company just named.
    if subjects.isEmpty, let relativeIndex {
      var k = relativeIndex - 1
      while k >= 0 {
        if let mention = context.items[k].mention, !context.items[k].isPossessor {
          subjects = [Mention(range: mention.range, company: mention.company, via: "carried")]
          break
        }
        k -= 1
      }
    }
    // A subject the text does not name (an SPV, 其他銀行), or an English name the catalog does not
    // know right before the verb: no company of an earlier clause stands in for it.
    if subjects.isEmpty,
      unnamedSubject || hasUnknownEnglishSubject(before: trigger, in: context)
        || hasUnknownChineseSubject(before: trigger, in: context)
    {
      return nil
    }
    // Subject carried from an earlier clause of the sentence, then from the paragraph.
    if subjects.isEmpty {
      subjectInClause = false
      // The nearest earlier clause that names a company outside a prepositional phrase gives its
      // first such company: the clause's subject (輝達亦已持有CoreWeave…股份，並承諾…購買 → 輝達).
      var k = index - 1
      var found: Int? = nil
      while k >= 0 {
        let item = context.items[k]
        if item.clause != clause, item.mention != nil || !item.pair.isEmpty, item.preposition == nil, !item.isPossessor,
          !item.isParticipant
        {
          if let current = found, context.items[current].clause != item.clause { break }
          found = k
        }
        k -= 1
      }
      if let found {
        subjects = mentions(of: context.items[found]).map {
          Mention(range: $0.range, company: $0.company, via: $0.via == "named" ? "carried" : $0.via)
        }
      }
      if subjects.isEmpty, flow == .raise, let round = lastRound {
        subjects = [Mention(range: round.raiser.range, company: round.raiser.company, via: "carried")]
      }
      if subjects.isEmpty, let carried = lastSubject, !namesUnknownSubject(before: trigger, in: context) {
        subjects = [Mention(range: carried.range, company: carried.company, via: "carried")]
      }
    }
    // A 雙方 subject names both sides at once.
    if counter.isEmpty, subjects.count == 2, subjects.allSatisfy({ $0.via == "pair" }) {
      counter = [subjects[1]]
      subjects = [subjects[0]]
    }
    // Warrants: the company whose shares they are issues them ("a warrant for 160 million AMD shares").
    if flow == .warrant, let issuer = shareIssuer(in: context) {
      let others = (subjects + counter).filter { catalog.group(of: $0.company) != catalog.group(of: issuer.company) }
      let holder =
        others.first
        ?? context.items.filter {
          $0.mention != nil && !$0.isPossessor
            && catalog.group(of: $0.mention?.company ?? "") != catalog.group(of: issuer.company)
        }.min {
          abs($0.range.lowerBound - trigger.range.lowerBound) < abs($1.range.lowerBound - trigger.range.lowerBound)
        }?.mention
      if let holder {
        subjects = [issuer]
        counter = [holder]
        counterPreposition = nil
        passive = false
      }
    }
    if counter.isEmpty {
      counterInClause = false
      if flow == .invest, let raiser = roundRaiser(for: index, in: context),
        !subjects.contains(where: { catalog.group(of: $0.company) == catalog.group(of: raiser.company) })
      {
        // A participant of a round: the company raising it.
        counter = [raiser]
        counterPreposition = nil
        viaRound = true
      } else {
        counter = fallbackCounterparty(
          for: subjects, flow: flow, at: index, in: context, subjectCarried: !subjectInClause)
      }
    }
    // Chips used through a cloud (將通過AWS使用…英偉達芯片): the deal is with the cloud.
    if flow == .buy, let intermediary,
      isCloudVendor(intermediary.company) || roleOf(intermediary.company) == "cloud"
        || catalog.cloudUnit(of: catalog.group(of: intermediary.company)) != nil
    {
      counter = [intermediary]
      counterPreposition = nil
      viaCloud = true
    }
    guard !subjects.isEmpty, !counter.isEmpty else { return nil }
    // "收購鴻海集團位於俄亥俄州的電動車工廠": buying an asset of a company is a deal with it; buying
    // the company itself is a deal with its owners, whom the text does not name.
    if Run.acquisitionWords.contains(triggerWord) {
      guard let target = counter.first, hasAssetNoun(after: target, in: context) else { return nil }
    }
    // 為OpenAI開發…容量, build … for X: only for a customer named with 為 / for.
    if Run.buildWords.contains(triggerWord), counterPreposition != .to { return nil }
    // An agreement with a partner named before it needs a signing word between them
    // (與甲骨文…簽署…合約), not another verb (與微軟重組合作關係後簽下的…合同).
    if flow == .agreement, counterPreposition == .with, let first = counter.first,
      first.range.upperBound <= trigger.range.lowerBound,
      trigger.range.lowerBound - first.range.upperBound > 4, triggerWord != "签约"
    {
      let signed = context.items.contains { item in
        guard let word = statusWord(item), word.status == .announced, !word.weak else { return false }
        return item.range.lowerBound >= first.range.upperBound && item.range.upperBound <= trigger.range.lowerBound
      }
      if !signed { return nil }
    }
    var directionBasis = "word order"
    if passive {
      directionBasis = "passive: \(text.slice(context.items[Swift.max(0, (counterIndex ?? index) - 1)].range))"
    } else if viaRound {
      directionBasis =
        "round: \(catalog.company(counter[0].company)?.names.english ?? counter[0].company.rawValue) raises"
    } else if let counterPreposition,
      let item = context.items.first(where: { $0.mention != nil && $0.preposition == counterPreposition })
    {
      let k = context.items.firstIndex { $0.range == item.range } ?? 0
      if k > 0 { directionBasis = "preposition: \(text.slice(context.items[k - 1].range))" }
    } else if subjectIsAgent {
      directionBasis = "agent: \(text.slice(context.items[Swift.max(0, (subjectIndex ?? index) - 1)].range))"
    } else if makerCounter {
      directionBasis = "maker: by"
    }
    return Relation(
      trigger: trigger, flow: flow, subjects: subjects, counterparties: counter,
      counterPreposition: counterPreposition, passive: passive, directionBasis: directionBasis,
      subjectInClause: subjectInClause, counterInClause: counterInClause, viaCloud: viaCloud,
      gapped: gapped, viaRound: viaRound, ledBy: ledBy)
  }

  /// The label of a round word: 天使 in 天使輪融資, C+ in C+輪, E in "Series E funding".
  func roundLabel(before item: Item) -> String? {
    let start = Swift.max(0, item.range.lowerBound - 24)
    let before = ChineseFold.foldedString(text.slice(start..<item.range.upperBound))
    if let wheel = before.lastIndex(of: "轮") {
      let head = before[..<wheel].suffix(3).filter { $0.isLetter || $0 == "+" || $0 == "-" }
      if !head.isEmpty { return String(head.suffix(3)) }
    }
    let words = before.split(separator: " ")
    if let series = words.lastIndex(of: "series"), series + 1 < words.count {
      let letter = words[series + 1].prefix(2).filter { $0.isLetter || $0 == "+" }
      if !letter.isEmpty { return "series " + letter }
    }
    return nil
  }

  /// "joined the fundraising", "in the round", 本輪融資: a round the article named before.
  func isDefiniteRound(_ item: Item) -> Bool {
    let start = Swift.max(0, item.range.lowerBound - 30)
    let before = ChineseFold.foldedString(text.slice(start..<item.range.lowerBound))
    for prefix in ["本轮", "这轮", "此轮", "该轮", "这次", "本次", "此次", "该次"] where before.hasSuffix(prefix) { return true }
    let words = before.split(separator: " ").suffix(4).reversed()
    for word in words {
      if word == "the" || word == "this" || word == "that" { return true }
      if word == "its" || word == "their" || word.hasSuffix("'s") || word.hasSuffix("’s") || word.hasSuffix(",") {
        return false
      }
    }
    return false
  }

  /// The company an English appositive describes: for a subject inside ", a … of Y," return the
  /// company before the appositive.
  func appositiveHead(of subjectIndex: Int, before trigger: Item, in context: SentenceContext) -> Int? {
    let subject = context.items[subjectIndex]
    let afterSubject = text.slice(subject.range.upperBound..<trigger.range.lowerBound)
    guard afterSubject.contains(",") else { return nil }
    var k = subjectIndex - 1
    while k >= 0, context.items[k].clause == subject.clause {
      if context.items[k].mention != nil {
        let between = ChineseFold.foldedString(text.slice(context.items[k].range.upperBound..<subject.range.lowerBound))
        if [", a ", ", an ", ", the ", ", its ", ", which ", ", owned by "].contains(where: { between.hasPrefix($0) }),
          between.filter({ $0 == "," }).count == 1
        {
          return k
        }
        return nil
      }
      k -= 1
    }
    return nil
  }

  static let leaseWords: Set<String> = Set(
    ["租賃", "租用", "承租", "租下", "lease", "leases", "leased", "rent", "rents", "rented"].map(ChineseFold.foldedString))
  static let acquisitionWords: Set<String> = Set(
    ["收購", "acquire", "acquires", "acquired", "acquiring"].map(ChineseFold.foldedString))
  static let buildWords: Set<String> = Set(
    ["開發", "建設", "建造", "興建", "build", "builds", "building", "develop", "develops", "developing"].map(
      ChineseFold.foldedString))

  /// An asset of the company after an acquisition word: 鴻海集團位於俄亥俄州的…工廠, its plant.
  func hasAssetNoun(after mention: Mention, in context: SentenceContext) -> Bool {
    let end = Swift.min(context.range.upperBound, mention.range.upperBound + 24)
    let after = ChineseFold.foldedString(text.slice(mention.range.upperBound..<end))
    let stop = after.firstIndex(where: { "，。,;；".contains($0) }) ?? after.endIndex
    let phrase = after[..<stop]
    return [
      "工厂", "厂房", "资产", "业务", "园区", "部门", "设施", "资料中心", "数据中心", "plant", "factory", "facility", "assets", "business",
      "unit", "data center",
    ]
    .contains { phrase.contains($0) }
  }

  /// Round words whose subject is the investor (領投, 跟投, 參投).
  static let participantWords: Set<String> = Set(
    ["領投", "跟投", "參投", "聯合領投", "領投方", "跟投方", "參投方"].map(ChineseFold.foldedString))

  /// An amount right after a mention (at most a few spaces away, nothing between): the gapped
  /// clause "… and Microsoft up to $5 billion".
  func gappedAmount(after k: Int, in context: SentenceContext) -> ParsedAmount? {
    let item = context.items[k]
    guard item.mention != nil else { return nil }
    if k + 1 < context.items.count {
      let next = context.items[k + 1]
      if next.clause == item.clause, next.range.lowerBound < item.range.upperBound + 12 {
        // Another word (a relation, a status) between the name and the amount: a clause of its own.
        if let amount = context.amounts.first(where: { $0.range.lowerBound >= item.range.upperBound }),
          next.range.lowerBound < amount.range.lowerBound
        {
          return nil
        }
      }
    }
    guard let amount = context.amounts.first(where: { $0.range.lowerBound >= item.range.upperBound }),
      amount.range.lowerBound - item.range.upperBound <= 3,
      context.clause(of: amount.range.lowerBound) == item.clause
    else { return nil }
    return amount
  }

  /// A relation word right after 未 / 不 / 沒有 / 並未 / not / never.
  func isNegatedTrigger(_ trigger: Item, in context: SentenceContext? = nil) -> Bool {
    let before = ChineseFold.foldedString(
      text.slice(Swift.max(0, trigger.range.lowerBound - 5)..<trigger.range.lowerBound))
    if let last = before.last, "未不没".contains(last) { return true }
    if ["not ", "never ", "n't ", "没有"].contains(where: { before.hasSuffix($0) }) { return true }
    // "谷歌並未向Anthropic提供…": a negation before the verb's phrase, unless it negates a status
    // word (尚未達成 is talks).
    guard let context, !isEnglish(trigger) else { return false }
    let clauseStart = context.clauses[Swift.min(trigger.clause, context.clauses.count - 1)].lowerBound
    var cursor = clauseStart
    let items = context.items.filter { $0.clause == trigger.clause && $0.range.upperBound <= trigger.range.lowerBound }
    for (position, item) in (items + [trigger]).enumerated() {
      if item.range.lowerBound > cursor {
        let gap = ChineseFold.foldedString(text.slice(cursor..<item.range.lowerBound))
        if let last = gap.last, "未不".contains(last) || gap.hasSuffix("没有") {
          if position < items.count, statusWord(items[position]) != nil {
            // 未 + a status word: the status logic reads it.
          } else {
            return true
          }
        }
      }
      cursor = Swift.max(cursor, item.range.upperBound)
    }
    return false
  }

  /// Whether a Chinese relation word is a verb here (not a noun after 的).
  func triggerWordIsVerb(_ trigger: Item) -> Bool {
    trigger.range.lowerBound > 0 && text.slice((trigger.range.lowerBound - 1)..<trigger.range.lowerBound) != "的"
  }

  /// Punctuation that ends a phrase (a full stop inside "U.K." does not).
  func gapHasClauseBreak(_ range: Range<Int>) -> Bool {
    for i in range where isPunctuation(f[i]) {
      if f[i] == 0x2E, i > 0, i + 1 < f.count, Scalar.isASCIILetter(f[i - 1]) || Scalar.isASCIILetter(f[i + 1]) {
        continue
      }
      return true
    }
    return false
  }

  /// "and" / 和 / a comma before a gapped subject.
  func isGapJoin(_ previous: Item) -> Bool {
    if case .conjunction = previous.tag { return true }
    return false
  }

  /// Whether the word right before an English verb is a capitalized name the catalog does not
  /// know ("BlackRock bought…" with BlackRock unknown), so that the subject must not be carried.
  func hasUnknownEnglishSubject(before trigger: Item, in context: SentenceContext) -> Bool {
    guard isEnglish(trigger) else { return false }
    let clauseStart = context.clauses[Swift.min(trigger.clause, context.clauses.count - 1)].lowerBound
    var end = trigger.range.lowerBound
    var skipped = 0
    while true {
      var e = end
      while e > clauseStart, Scalar.isSpace(f[e - 1]) { e -= 1 }
      var s0 = e
      while s0 > clauseStart, Scalar.isWordChar(f[s0 - 1]) || [0x2E, 0x2D, 0x26, 0x27, 0x2019].contains(f[s0 - 1]) {
        s0 -= 1
      }
      guard s0 < e else { return false }
      let word = text.slice(s0..<e)
      let lower = word.lowercased()
      if skipped < 4, Run.auxiliaries.contains(lower), word.first?.isLowercase == true {
        end = s0
        skipped += 1
        continue
      }
      guard let first = word.unicodeScalars.first, Scalar.isUppercase(first) else { return false }
      var bare = word
      while let last = bare.last, !last.isLetter && !last.isNumber { bare.removeLast() }
      if bare.hasSuffix("'s") || bare.hasSuffix("’s") { return false }
      if Run.sentenceStarters.contains(bare) { return false }
      // Part of a name the catalog knows, or a word standing for one: not unknown.
      if context.items.contains(where: { ($0.mention != nil || !$0.pair.isEmpty) && $0.range.overlaps(s0..<e) }) {
        return false
      }
      if context.items.contains(where: {
        if case .anaphor = $0.tag { return $0.range.overlaps(s0..<e) } else { return false }
      }) {
        return false
      }
      return true
    }
  }

  /// Whether an organisation no catalog knows stands before a Chinese verb in its clause
  /// (某某資本已投資…, 銀團提供…): a name ending in 資本, 基金, 集團, 創投, 銀行, 證券 outside any word found.
  func hasUnknownChineseSubject(before trigger: Item, in context: SentenceContext) -> Bool {
    guard !isEnglish(trigger) else { return false }
    let clauseStart = context.clauses[Swift.min(trigger.clause, context.clauses.count - 1)].lowerBound
    var cursor = clauseStart
    var gaps: [Range<Int>] = []
    for item in context.items where item.clause == trigger.clause && item.range.upperBound <= trigger.range.lowerBound {
      if item.range.lowerBound > cursor { gaps.append(cursor..<item.range.lowerBound) }
      cursor = Swift.max(cursor, item.range.upperBound)
    }
    if trigger.range.lowerBound > cursor { gaps.append(cursor..<trigger.range.lowerBound) }
    let suffixes = ["资本", "基金", "集团", "创投", "银行", "证券", "资管", "银团"]
    return gaps.contains { gap in
      let words = ChineseFold.foldedString(text.slice(gap))
      return suffixes.contains { words.contains($0) }
    }
  }

  static let auxiliaries: Set<String> = [
    "will", "would", "has", "have", "had", "is", "are", "was", "were", "also", "already", "to", "plans", "plan",
    "agreed", "expects", "intends", "said", "says", "could", "may", "might", "can", "just", "recently",
    "reportedly", "previously", "then", "later", "now", "be", "been", "being", "initially", "first", "further",
    "separately", "jointly", "set", "aims", "wants", "seeks", "hopes", "not", "fully", "has already",
  ]
  static let sentenceStarters: Set<String> = [
    "The", "A", "An", "It", "Its", "This", "That", "These", "Those", "He", "She", "They", "We", "I", "In", "On",
    "At", "For", "Under", "Besides", "Last", "Yesterday", "Today", "Earlier", "Just", "And", "But", "Also",
    "Meanwhile", "However", "Separately", "As", "After", "Before", "When", "While", "Media", "According",
    "Industry", "Analysts", "Sources", "People", "Both", "Each", "Their", "Our", "With", "By", "If", "Once",
    "Since", "Because", "Still", "Now", "Then", "Later", "Investors", "Shares", "Some", "Many", "Other", "Such",
    "Several", "Why", "How", "What", "Who", "Here", "There", "January", "February", "March", "April", "May",
    "June", "July", "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "CEO", "AI", "US", "U.S.", "UK", "EU",
  ]

  /// Context that makes a relation word no deal: a company description (業務包括…), a contest for
  /// contracts (爭奪…合約), a stake sold to the market (sold its stake in), a warrant's own shares
  /// (認股權證…購買…股票), or a reference back to a deal named before ("the investment…").
  func isBlockedByContext(at index: Int, flow: Flow, in context: SentenceContext) -> Bool {
    let trigger = context.items[index]
    let clause = trigger.clause
    let word = ChineseFold.foldedString(text.slice(trigger.range))
    // A warrant to buy shares anywhere in the sentence: the warrant is the deal.
    if flow == .buy || flow == .invest, productNearIsEquity(trigger, in: context),
      context.items.contains(where: { if case .trigger(.warrant, _) = $0.tag { return true } else { return false } })
    {
      return true
    }
    let before12 = ChineseFold.foldedString(
      text.slice(Swift.max(context.range.lowerBound, trigger.range.lowerBound - 12)..<trigger.range.lowerBound))
    // "for its 80% stake": a holding named, not a deal.
    if case .trigger(.invest, .equity) = trigger.tag, word == "stake",
      ["its ", "their ", "his ", "her "].contains(where: { before12.hasSuffix($0) }) || before12.contains("% ")
    {
      return true
    }
    if Run.useVerbs.contains(word) {
      // "xAI計劃…使用的輝達GPU": a relative clause describes the chips; "無論其採用哪一家": no deal.
      let after = text.slice(trigger.range.upperBound..<Swift.min(f.count, trigger.range.upperBound + 1))
      if after == "的" { return true }
      if ["无论", "不论", "regardless", "whether"].contains(where: { before12.contains($0) }) { return true }
    }
    for item in context.items where item.clause == clause {
      switch item.tag {
      case .description:
        if item.range.upperBound <= trigger.range.lowerBound { return true }
      case .rivalry:
        let rivalry = ChineseFold.foldedString(text.slice(item.range))
        if Run.contestWords.contains(rivalry), flow == .agreement || flow == .buy || flow == .sell { return true }
      case .trigger(let other, let product):
        // "sold its entire stake in Nvidia": a sale of shares, not an investment in the company.
        if other == .sell, flow == .invest, item.range.upperBound <= trigger.range.lowerBound,
          case .trigger(.invest, .equity) = trigger.tag
        {
          return true
        }
        if flow == .sell, other == .invest, product == .equity, item.range.lowerBound >= trigger.range.upperBound,
          item.range.lowerBound - trigger.range.upperBound <= 20
        {
          return true
        }

      default:
        break
      }
    }
    if flow == .sell {
      // "sold its stake", 出售…持股.
      for item in context.items where item.clause == clause && item.range.lowerBound >= trigger.range.upperBound {
        if case .product(.equity) = item.tag, item.range.lowerBound - trigger.range.upperBound <= 20 { return true }
      }
    }
    // "The investment is part of…", 這筆投資體現了…: a deal named before, with no company of its own;
    // "the core of the deal involves…": the deal named before, unless an amount details it.
    let hasMention = context.items.contains { $0.clause == clause && ($0.mention?.via == "named" || !$0.pair.isEmpty) }
    let hasAmount = context.amounts.contains { context.clause(of: $0.range.lowerBound) == clause }
    if !hasMention || (flow == .agreement && !hasAmount) {
      let before = ChineseFold.foldedString(
        text.slice(Swift.max(context.range.lowerBound, trigger.range.lowerBound - 6)..<trigger.range.lowerBound))
      var references = ["the ", "this ", "that ", "這筆", "該筆", "此筆", "這項", "該項", "此項", "這次", "本次", "此次", "該次"]
      if !hasMention { references.append("的") }
      let folded = references.map(ChineseFold.foldedString)
      if folded.contains(where: { before.hasSuffix($0) }) { return true }
    }
    return false
  }

  /// 而非 / instead of: what follows is the alternative not chosen.
  static let alternativeWords: Set<String> = Set(["而非", "rather than", "instead of"].map(ChineseFold.foldedString))

  /// Words of a contest (爭奪, compete for): contracts fought over, not signed.
  static let contestWords: Set<String> = Set(
    [
      "爭奪", "競逐", "對壘", "競爭中", "抗衡", "較量", "compete for", "competing for", "vie for", "vying for", "race for",
      "battle for",
    ]
    .map(ChineseFold.foldedString))

  func productNearIsEquity(_ trigger: Item, in context: SentenceContext) -> Bool {
    for item in context.items where item.clause == trigger.clause && item.range.lowerBound >= trigger.range.upperBound {
      if case .product(.equity) = item.tag, item.range.lowerBound - trigger.range.upperBound <= 16 { return true }
      if case .shares = item.tag, item.range.lowerBound - trigger.range.upperBound <= 16 { return true }
    }
    if case .trigger(_, .equity) = trigger.tag { return true }
    return false
  }

  /// The company raising the round a participant joins: the subject of a round word of the same
  /// sentence ("X完成…融資", "X's funding round"), else the round named last in the article.
  func roundRaiser(for index: Int, in context: SentenceContext) -> Mention? {
    let trigger = context.items[index]
    let word = ChineseFold.foldedString(text.slice(trigger.range))
    for (k, item) in context.items.enumerated() where k != index {
      guard case .trigger(.raise, _) = item.tag else { continue }
      if let raiser = raiser(ofRoundAt: k, in: context) { return raiser }
    }
    // Only a participant word, an amount contributed "to the round", or the round's own words
    // point back at the article's round.
    let roundWords = [
      "這次交易", "本次交易", "本輪", "此輪", "該輪", "this round", "the round", "equity portion", "the deal", "the raise",
    ]
    .map(ChineseFold.foldedString)
    let sentence = ChineseFold.foldedString(text.slice(context.range))
    if let round = lastRound,
      Run.participantWords.contains(word) || roundWords.contains(where: { sentence.contains($0) })
    {
      return Mention(range: round.raiser.range, company: round.raiser.company, via: "carried")
    }
    return nil
  }

  /// The company raising the round whose word is at `k`: "X's … round", the clause's subject
  /// (not a participant), the subject of an earlier clause, then the article's last round.
  func raiser(ofRoundAt k: Int, in context: SentenceContext) -> Mention? {
    let item = context.items[k]
    // "the round", 本輪融資: the round named before.
    if let round = lastRound, isDefiniteRound(item) { return round.raiser }
    // "ASML is investing €1.3bn in Mistral as part of a funding round": the investee raises it.
    var b0 = k - 1
    while b0 >= 0, context.items[b0].clause == item.clause {
      if case .trigger(.invest, _) = context.items[b0].tag,
        let object = context.items[(b0 + 1)..<k].first(where: {
          $0.mention != nil && !$0.isPossessor && !$0.isParticipant
            && ($0.preposition == nil || $0.preposition == .toward || $0.preposition == .to)
        })?.mention
      {
        return object
      }
      b0 -= 1
    }
    var b = k - 1
    while b >= 0, context.items[b].clause == item.clause {
      let other = context.items[b]
      if let mention = other.mention, !other.isParticipant, other.preposition == nil || other.isPossessor {
        return mention
      }
      if let mention = other.mention, other.preposition == .toward || other.preposition == .to {
        // "in xAI's round": the possessor after a preposition.
        let gap = text.slice(mention.range.upperBound..<item.range.lowerBound)
        if gap.hasPrefix("'s") || gap.hasPrefix("’s") || gap.hasPrefix("的") { return mention }
      }
      b -= 1
    }
    // An earlier clause's subject.
    var c = k - 1
    while c >= 0 {
      let other = context.items[c]
      if other.clause < item.clause, let mention = other.mention, other.preposition == nil, !other.isParticipant,
        !other.isPossessor
      {
        var first = c
        while first > 0, context.items[first - 1].clause == other.clause { first -= 1 }
        if let subject = context.items[first...c].first(where: {
          $0.mention != nil && $0.preposition == nil && !$0.isParticipant && !$0.isPossessor
        })?.mention {
          return subject
        }
        return mention
      }
      c -= 1
    }
    if let round = lastRound { return round.raiser }
    return lastSubject
  }

  /// "X 是 Y 的最大客戶", "X is one of Y's biggest customers", "Y's customers include X".
  func possessiveRelation(at index: Int, flow: Flow, in context: SentenceContext, customerNoun: Bool = true)
    -> Relation?
  {
    let trigger = context.items[index]
    let clause = trigger.clause
    var vendor: Mention? = nil
    var vendorIndex: Int? = nil
    var j = index - 1
    while j >= 0, context.items[j].clause == clause {
      if let mention = context.items[j].mention {
        let gap = mention.range.upperBound..<trigger.range.lowerBound
        let gapText = text.slice(gap)
        if gap.count <= 24, gapText.contains("的") || gapText.contains("'s") || gapText.contains("’s") {
          vendor = mention
          vendorIndex = j
        }
        break
      }
      j -= 1
    }
    var customer: Mention? = nil
    if let vendorIndex {
      var k = vendorIndex - 1
      while k >= 0, context.items[k].clause == clause {
        if let mention = context.items[k].mention, !context.items[k].isPossessor,
          catalog.group(of: mention.company) != catalog.group(of: vendor?.company ?? "")
        {
          // "X is one of Y's customers", X是Y的客戶: a copula says it ("to serve OpenAI's
          // customers" does not).
          if hasCopula(from: mention.range.upperBound, to: context.items[vendorIndex].range.lowerBound, in: context) {
            customer = mention
          }
          break
        }
        k -= 1
      }
      if customer == nil,
        !hasCopula(from: context.range.lowerBound, to: context.items[vendorIndex].range.lowerBound, in: context)
      {
        // No copula at all: "Cerebras deploying its systems to serve OpenAI's customers".
        let after = context.items[(index + 1)...].first { $0.clause == clause }
        var isInclude = false
        if let after, case .copula = after.tag { isInclude = true }
        if !isInclude { return nil }
      }
    } else {
      // "a customer of Y": the vendor after "of".
      var k = index + 1
      while k < context.items.count, context.items[k].clause == clause, k - index <= 3 {
        if let mention = context.items[k].mention, context.items[k].preposition == .from, k > index + 1,
          case .preposition = context.items[k - 1].tag
        {
          vendor = mention
          break
        }
        k += 1
      }
      if vendor != nil {
        var b = index - 1
        while b >= 0, context.items[b].clause == clause {
          if let mention = context.items[b].mention {
            customer = mention
            break
          }
          b -= 1
        }
      }
    }
    if customer == nil, vendor != nil {
      // "Y's customers include X": the customer after the noun.
      var k = index + 1
      while k < context.items.count, context.items[k].clause == clause, k - index <= 4 {
        if let mention = context.items[k].mention {
          customer = mention
          break
        }
        k += 1
      }
    }
    var subjectInClause = true
    if customer == nil, vendor != nil {
      // The subject of an earlier clause: "而OpenAI則是…客戶" has it in the clause already.
      subjectInClause = false
      var k = (vendorIndex ?? index) - 1
      while k >= 0 {
        if let mention = context.items[k].mention, context.items[k].preposition == nil,
          catalog.group(of: mention.company) != catalog.group(of: vendor?.company ?? "")
        {
          customer = Mention(range: mention.range, company: mention.company, via: "carried")
          break
        }
        k -= 1
      }
    }
    if vendor == nil, customer == nil, flow == .customer, customerNoun {
      // "The company had relied on a single large customer, G42": an apposition names the customer.
      if index + 1 < context.items.count, let named = context.items[index + 1].mention,
        context.items[index + 1].clause == clause,
        text.slice(context.items[index].range.upperBound..<named.range.lowerBound).trimmingSpaces == ","
      {
        if let speaker = context.items[..<index].last(where: {
          $0.mention != nil && $0.preposition == nil && !$0.isPossessor && $0.clause == clause
            && catalog.group(of: $0.mention?.company ?? "") != catalog.group(of: named.company)
        })?.mention {
          vendor = Mention(range: speaker.range, company: speaker.company, via: speaker.via)
          customer = named
        }
      }
      // "博通…揭露，…「100億美元神祕客戶」正是Anthropic": the customer after a copula, the vendor the
      // company the sentence is about.
      var k = index + 1
      while k < context.items.count, k - index <= 3, context.items[k].mention == nil {
        var isCopula = false
        if case .copula = context.items[k].tag { isCopula = true }
        if isCopula, k + 1 < context.items.count, let named = context.items[k + 1].mention,
          context.items[k + 1].clause == clause
        {
          let speaker = context.items[..<index].first {
            $0.mention != nil && $0.preposition == nil && !$0.isPossessor
              && catalog.group(of: $0.mention?.company ?? "") != catalog.group(of: named.company)
          }
          if let speaker = speaker?.mention {
            vendor = Mention(range: speaker.range, company: speaker.company, via: "carried")
            customer = named
            subjectInClause = true
            let customers = copulaList(after: k, in: context).filter {
              catalog.group(of: $0.company) != catalog.group(of: speaker.company)
            }
            if customers.count > 1, let vendor {
              return Relation(
                trigger: context.items[index], flow: flow, subjects: customers, counterparties: [vendor],
                counterPreposition: nil, passive: false,
                directionBasis: "possessive: \(text.slice(context.items[index].range))",
                subjectInClause: true, counterInClause: false, viaCloud: false)
            }
          }
          break
        }
        k += 1
      }
    }
    guard let vendor, let customer else { return nil }
    return Relation(
      trigger: trigger, flow: flow, subjects: [customer], counterparties: [vendor],
      counterPreposition: nil, passive: false, directionBasis: "possessive: \(text.slice(trigger.range))",
      subjectInClause: subjectInClause, counterInClause: true, viaCloud: false)
  }

  /// Whether a copula (是, is, 成為, one of, making) stands between two offsets of the sentence.
  func hasCopula(from start: Int, to end: Int, in context: SentenceContext) -> Bool {
    guard start < end else { return false }
    if context.items.contains(where: {
      if case .copula = $0.tag { return $0.range.lowerBound >= start && $0.range.upperBound <= end }
      return false
    }) {
      return true
    }
    let words = ChineseFold.foldedString(text.slice(start..<end))
    return [" making ", " makes ", " made ", " become ", " becomes ", " became ", "还是", "仍是"].contains {
      words.contains($0)
    }
  }

  /// The company whose shares a warrant is for: a mention right before "shares" / 股票 / 股份.
  func shareIssuer(in context: SentenceContext) -> Mention? {
    for (index, item) in context.items.enumerated() where index + 1 < context.items.count {
      guard let mention = item.mention else { continue }
      let next = context.items[index + 1]
      let isShares: Bool
      switch next.tag {
      case .shares, .product(.equity): isShares = true
      default: isShares = false
      }
      // "AMD shares", 超微10%股票, 超微股票: a count or a share of it may stand between.
      let gap = text.slice(mention.range.upperBound..<next.range.lowerBound)
      if isShares, next.range.lowerBound - mention.range.upperBound <= 8,
        gap.unicodeScalars.allSatisfy({ Scalar.isDigit($0.value) || "%％.約约 的".unicodeScalars.contains($0) })
      {
        return mention
      }
    }
    return nil
  }

  /// The counterparty when the clause names none: the investee of "作為 Y 的投資方", the other
  /// company of a list heading, or the partner an earlier clause named (正與 Y 進行磋商).
  func fallbackCounterparty(
    for subjects: [Mention], flow: Flow, at index: Int, in context: SentenceContext, subjectCarried: Bool
  ) -> [Mention] {
    guard let subject = subjects.first else { return [] }
    let subjectGroup = catalog.group(of: subject.company)
    let trigger = context.items[index]
    // A preposition in the trigger's clause that introduces something other than a company
    // (向多家雲服務供應商) says the counterparty is not a named company.
    var phraseBegins = 0
    if index > 0, case .conjunction = context.items[index - 1].tag { phraseBegins = index }
    for item in context.items[phraseBegins...]
    where item.clause == trigger.clause && item.range.upperBound <= trigger.range.lowerBound {
      if case .preposition(let preposition) = item.tag, preposition == .toward || preposition == .from {
        let hasObject = context.items.contains {
          $0.mention != nil && $0.preposition == preposition && $0.clause == trigger.clause
        }
        if !hasObject { return [] }
      }
    }
    if flow == .invest {
      for (k, item) in context.items.enumerated() {
        guard case .investorNoun = item.tag, k > 0 else { continue }
        var b = k - 1
        while b >= 0, context.items[b].clause == item.clause {
          if let mention = context.items[b].mention {
            if catalog.group(of: mention.company) != subjectGroup,
              item.range.lowerBound - mention.range.upperBound <= 10
            {
              return [Mention(range: mention.range, company: mention.company, via: "carried")]
            }
            break
          }
          b -= 1
        }
      }
    }
    // "OpenAI完成400億美元融資，由軟銀領投": the company raising money in an earlier clause.
    if flow == .invest {
      for k in stride(from: index - 1, through: 0, by: -1) {
        let item = context.items[k]
        guard item.clause < trigger.clause, case .trigger(.raise, _) = item.tag else { continue }
        if let raiser = raiser(ofRoundAt: k, in: context), catalog.group(of: raiser.company) != subjectGroup {
          return [Mention(range: raiser.range, company: raiser.company, via: "carried")]
        }
        break
      }
    }
    if headerPair.count == 2 {
      let groups = headerPair.map { catalog.group(of: $0.company) }
      if groups[0] == subjectGroup { return [headerPair[1]] }
      if groups[1] == subjectGroup { return [headerPair[0]] }
    }
    let product = productNear(trigger, in: context)
    if flow == .buy, product == .loan,
      let loan = (paragraphCandidates + recentCandidates).last(where: { $0.kind == .loan }),
      catalog.group(of: loan.payee.id) != subjectGroup
    {
      // "BlackRock bought $3 billion of the bonds": the bonds of the borrower named before.
      return [Mention(range: loan.payee.span ?? trigger.range, company: loan.payee.id, via: "carried")]
    }
    if flow == .buy {
      // "AMD is HUMAIN's second source, with HUMAIN intending to spend up to $10 billion": the
      // vendor an earlier clause of the sentence names.
      for item in context.items where item.clause < trigger.clause {
        guard let mention = item.mention, catalog.group(of: mention.company) != subjectGroup,
          isVendorRole(mention.company)
        else { continue }
        return [Mention(range: mention.range, company: mention.company, via: "carried")]
      }
    }
    if flow == .buy, Run.leaseWords.contains(ChineseFold.foldedString(text.slice(trigger.range))),
      let lessor = recentMentions.last(where: {
        catalog.group(of: $0.company) != subjectGroup && roleOf($0.company) == "cloud"
      })
    {
      // "甲骨文和OpenAI已決定不再推進租賃…": the lessor the paragraph is about.
      return [Mention(range: lessor.range, company: lessor.company, via: "carried")]
    }
    if flow == .invest, !subjectCarried,
      let previous = paragraphCandidates.last(where: {
        $0.kind == .equityInvestment && context.index - $0.sentence <= 2
      }),
      catalog.group(of: previous.payee.id) != subjectGroup
    {
      // "谷歌先前已對Anthropic投資…。與此同時，亞馬遜則承諾最高投資80億美元": the investee the
      // paragraph is about.
      return [Mention(range: previous.payee.span ?? trigger.range, company: previous.payee.id, via: "carried")]
    }
    if flow == .invest, subjectCarried,
      let previous = recentCandidates.last(where: {
        $0.kind == .equityInvestment && catalog.group(of: $0.payer.id) == subjectGroup
          && context.index - $0.sentence <= 20
      })
    {
      // "SoftBank had already raised $10 billion from external parties and invested $8 billion
      // itself": the company it invests in, named just before.
      return [Mention(range: previous.payee.span ?? trigger.range, company: previous.payee.id, via: "carried")]
    }
    // The partner an earlier clause introduced with 與 / with / 向, when the subject is carried too.
    guard subjectCarried else { return [] }
    var k = index - 1
    while k >= 0 {
      let item = context.items[k]
      if item.clause < trigger.clause, item.mention != nil, let preposition = item.preposition,
        preposition == .with || preposition == .toward, catalog.group(of: item.mention?.company ?? "") != subjectGroup
      {
        // The whole list of that clause (與多家供應商，包括輝達、超微…及谷歌).
        let partners = context.items.filter { $0.clause == item.clause && $0.preposition == preposition }.compactMap(
          \.mention)
        return distinctGroups(partners.filter { catalog.group(of: $0.company) != subjectGroup }).map {
          Mention(range: $0.range, company: $0.company, via: "carried")
        }
      }
      k -= 1
    }
    return []
  }
}

extension Run {
  /// Words that may stand between a subject and its verb.
  private static let betweenSubjectAndVerb: Set<String> = [
    "also", "already", "has", "have", "had", "will", "would", "could", "may", "might", "is", "was", "are",
    "were", "be", "been", "said", "says", "reportedly", "recently", "previously", "later", "then", "jointly",
    "itself", "themselves", "further", "separately", "now", "plans", "planned", "agreed", "to", "and", "just",
    "earlier", "too",
  ]
  /// Capitalised words that do not name a company of their own.
  private static let notNames: Set<String> = [
    "it", "they", "he", "she", "we", "i", "you", "this", "that", "these", "those", "which", "who", "the",
    "its", "their", "both", "each", "all", "meanwhile", "separately", "additionally", "also", "then", "later",
    "earlier", "in", "on", "at", "by", "last", "next", "so", "but", "and", "however", "still", "together",
  ]

  /// Whether the clause names a subject of its own, right before the trigger, that is no company
  /// the directory knows ("Société Générale invested €10 billion in Anthropic"): a capitalised word
  /// that is no pronoun, skipping auxiliaries and adverbs.
  ///
  /// Such a clause has its own (unknown) subject, so the previous sentence's subject must not be
  /// carried into it. Only Latin script is judged; Chinese has no capitals to tell a name by.
  func namesUnknownSubject(before trigger: Item, in context: SentenceContext) -> Bool {
    guard trigger.clause < context.clauses.count else { return false }
    let start = context.clauses[trigger.clause].lowerBound
    guard trigger.range.lowerBound > start else { return false }
    let words = text.slice(start..<trigger.range.lowerBound)
      .split { !($0.isLetter || $0 == "'" || $0 == "’" || $0 == "-" || $0 == "&") }
    for word in words.reversed() {
      let lower = word.lowercased()
      if Self.betweenSubjectAndVerb.contains(lower) { continue }
      guard let first = word.first, first.isUppercase else { return false }
      return !Self.notNames.contains(lower)
    }
    return false
  }
}
