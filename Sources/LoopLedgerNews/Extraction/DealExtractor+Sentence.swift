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
    detectHeader(context)

    var candidates: [Candidate] = []
    var totalIndices: [Int] = []
    for (index, item) in context.items.enumerated() {
      var made: [Candidate] = []
      switch item.tag {
      case .trigger(let flow, _):
        if let relation = relation(at: index, flow: flow, in: context) {
          made = makeCandidates(relation, in: context)
        } else if flow == .agreement, let followUp = followUp(at: index, in: context, previous: candidates) {
          made = [followUp]
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
    candidates = resolveAgreements(candidates)
    candidates = mergeSentence(candidates)
    candidates.append(contentsOf: impliedPurchases(candidates, in: context))
    updateParagraphState(context, candidates)
    paragraphCandidates.append(contentsOf: candidates.filter { $0.status != .implied })
    if paragraphCandidates.count > 32 { paragraphCandidates.removeFirst(paragraphCandidates.count - 32) }
    return candidates
  }

  /// A clause that adds to or details a deal named before (其中首份合約…價值119億美元; 5月份OpenAI
  /// 再追加40億美元; expanded by $6.5 billion): a new candidate for the same payer, payee and kind,
  /// with the clause's own amount and date.
  func followUp(at index: Int, in context: SentenceContext, previous: [Candidate]) -> Candidate? {
    let item = context.items[index]
    guard var base = (paragraphCandidates + previous).last(where: { $0.status != .implied && !$0.isAdditionalFollowUp }) ?? (paragraphCandidates + previous).last else { return nil }
    // The clause's own subject, if any, must be one of the deal's sides.
    let groupsOfBase: Set<CompanyID> = [catalog.group(of: base.payer.id), catalog.group(of: base.payee.id)]
    for other in context.items where other.clause == item.clause {
      if let mention = other.mention, !groupsOfBase.contains(catalog.group(of: mention.company)) { return nil }
    }
    let pseudo = Item(range: item.range, tag: .trigger(.agreement, nil), clause: item.clause)
    guard let amount = amount(for: pseudo, in: context) else { return nil }
    base.amount = amount.amount
    base.conversion = amount.conversion
    base.currencyAssumed = amount.currencyAssumed
    let dates = context.dates.filter { context.clause(of: $0.range.lowerBound) == item.clause }
    base.announced = dates.first?.expression.resolve(articleDate: articleDate)
    base.basis["announced"] = dates.first.map { text.slice($0.range) }
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
        let previousTag = index > 0 ? context.items[index - 1].tag : nil
        let isPrepObject: Bool
        if case .preposition? = previousTag { isPrepObject = true } else { isPrepObject = false }
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
        let isIt = ChineseFold.foldedString(written) == "it"
        if let target = isIt ? recentNonPrepMention : recentMentions.last {
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
    var listPreposition: Preposition? = nil
    var listPassive = false
    var listClause = -1
    for index in context.items.indices {
      let item = context.items[index]
      if item.clause != listClause {
        listPreposition = nil
        pending = nil
        listClause = item.clause
      }
      switch item.tag {
      case .preposition(let preposition):
        pending = preposition
        pendingPassive = false
        pendingEnd = item.range.upperBound
        listPreposition = nil
      case .passive:
        pending = .by
        pendingPassive = true
        pendingEnd = item.range.upperBound
        listPreposition = nil
      case .conjunction, .listEnd:
        continue
      default:
        if item.mention != nil || !item.pair.isEmpty {
          let gap = item.range.lowerBound - pendingEnd
          if let preposition = pending, gap >= 0, gap <= 10, !gapHasPunctuation(pendingEnd..<item.range.lowerBound),
            englishGapIsDeterminer(pendingEnd..<item.range.lowerBound)
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
        } else {
          pending = nil
          listPreposition = nil
        }
      }
    }
    // 向OpenAI的競爭對手Anthropic, in Nvidia's partner CoreWeave: the preposition governs the head.
    for index in context.items.indices.dropLast() {
      let item = context.items[index]
      let next = context.items[index + 1]
      guard item.mention != nil, next.mention != nil, next.clause == item.clause else { continue }
      let gap = item.range.upperBound..<next.range.lowerBound
      guard gap.count >= 2, gap.count <= 10, !gapHasPunctuation(gap) else { continue }
      let words = text.slice(gap)
      guard words.hasPrefix("的") || words.hasPrefix("'s") || words.hasPrefix("’s") else { continue }
      if catalog.group(of: item.mention?.company ?? "") == catalog.group(of: next.mention?.company ?? "") { continue }
      context.items[index + 1].preposition = item.preposition
      context.items[index + 1].afterPassive = item.afterPassive
      context.items[index].isPossessor = true
      context.items[index].preposition = nil
    }
  }

  /// After an English preposition only a determiner may stand before the company ("in the
  /// startup", "on Tuesday it said" is no "on it"); Chinese descriptors may (向AI公司Anthropic).
  func englishGapIsDeterminer(_ gap: Range<Int>) -> Bool {
    guard gap.lowerBound > 0, Scalar.isASCIILetter(f[gap.lowerBound - 1]) else { return true }
    let words = ChineseFold.foldedString(text.slice(gap)).split(separator: " ")
    return words.allSatisfy { ["the", "a", "an", "its", "their", "his", "her"].contains(String($0)) }
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
      between.allSatisfy({ f[$0] == 0x2D || f[$0] == 0x2F || f[$0] == 0x2194 || f[$0] == 0x2192 || f[$0] == 0x26 || Scalar.isSpace(f[$0]) || f[$0] == 0x2014 || f[$0] == 0x2500 })
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
      break
    }
    return result
  }

  func relation(at index: Int, flow: Flow, in context: SentenceContext) -> Relation? {
    let trigger = context.items[index]
    let clause = trigger.clause
    if flow == .customer || flow == .supplier { return possessiveRelation(at: index, flow: flow, in: context) }
    var subjects: [Mention] = []
    var counter: [Mention] = []
    var counterPreposition: Preposition? = nil
    var passive = false
    var subjectInClause = true
    var counterInClause = true
    // Before the trigger, in its clause.
    var j = index - 1
    var subjectIndex: Int? = nil
    var counterIndex: Int? = nil
    var intermediary: Mention? = nil
    var viaCloud = false
    var relativeIndex: Int? = nil
    while j >= 0, context.items[j].clause == clause {
      let item = context.items[j]
      if case .relative = item.tag, subjectIndex == nil { relativeIndex = j }
      if item.isPossessor {
        j -= 1
        continue
      }
      if item.preposition == .via, let mention = item.mention {
        intermediary = mention
        j -= 1
        continue
      }
      if item.mention != nil || !item.pair.isEmpty {
        if let preposition = item.preposition, preposition != .by || item.afterPassive {
          if counterIndex == nil {
            counterIndex = j
            counterPreposition = item.afterPassive ? nil : preposition
            passive = item.afterPassive
          }
        } else if subjectIndex == nil {
          subjectIndex = j
        }
      }
      j -= 1
    }
    if let subjectIndex { subjects = list(endingAt: subjectIndex, in: context) }
    if let counterIndex {
      counter = list(startingAt: counterIndex, in: context)
      // "向甲骨文、英偉達" read backwards: collect the list from its first member.
      var first = counterIndex
      while first > 0 {
        let previous = context.items[first - 1]
        if previous.mention != nil, !previous.isPossessor, previous.preposition == context.items[counterIndex].preposition {
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
    // After the trigger: "invest in Y", "採購亞馬遜的芯片", "raised from X", "by X".
    if counter.isEmpty || subjects.isEmpty {
      var k = index + 1
      var found = 0
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
          if preposition == .by && !item.afterPassive && flow == .raise && counter.isEmpty {
            // "raised $40 billion in a round led by SoftBank": the agent is the investor.
            counter = list(startingAt: k, in: context)
            counterPreposition = .from
          } else if preposition == .by && !item.afterPassive {
            if subjects.isEmpty { subjects = list(startingAt: k, in: context) }
          } else if counter.isEmpty {
            counter = list(startingAt: k, in: context)
            counterPreposition = item.afterPassive ? nil : preposition
            if item.afterPassive { passive = true }
          }
          found += 1
          k += 1
          continue
        }
        k += 1
      }
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
    // Subject carried from an earlier clause of the sentence, then from the paragraph.
    if subjects.isEmpty {
      subjectInClause = false
      // The nearest earlier clause that names a company outside a prepositional phrase gives its
      // first such company: the clause's subject (輝達亦已持有CoreWeave…股份，並承諾…購買 → 輝達).
      var k = index - 1
      var found: Int? = nil
      while k >= 0 {
        let item = context.items[k]
        if item.clause != clause, item.mention != nil || !item.pair.isEmpty, item.preposition == nil, !item.isPossessor {
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
      if subjects.isEmpty, let carried = lastSubject {
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
      if let holder = others.first {
        subjects = [issuer]
        counter = [holder]
        counterPreposition = nil
        passive = false
      }
    }
    if counter.isEmpty {
      counterInClause = false
      counter = fallbackCounterparty(for: subjects, flow: flow, at: index, in: context, subjectCarried: !subjectInClause)
    }
    // Chips used through a cloud (將通過AWS使用…英偉達芯片): the deal is with the cloud.
    if flow == .buy, let intermediary, isCloudVendor(intermediary.company) || roleOf(intermediary.company) == "cloud"
      || catalog.cloudUnit(of: catalog.group(of: intermediary.company)) != nil
    {
      counter = [intermediary]
      counterPreposition = nil
      viaCloud = true
    }
    guard !subjects.isEmpty, !counter.isEmpty else { return nil }
    // An agreement with a partner named before it needs a signing word between them
    // (與甲骨文…簽署…合約), not another verb (與微軟重組合作關係後簽下的…合同).
    if flow == .agreement, counterPreposition == .with, let first = counter.first, first.range.upperBound <= trigger.range.lowerBound,
      trigger.range.lowerBound - first.range.upperBound > 4
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
    } else if let counterPreposition, let item = context.items.first(where: { $0.mention != nil && $0.preposition == counterPreposition }) {
      let k = context.items.firstIndex { $0.range == item.range } ?? 0
      if k > 0 { directionBasis = "preposition: \(text.slice(context.items[k - 1].range))" }
    }
    return Relation(
      trigger: trigger, flow: flow, subjects: subjects, counterparties: counter,
      counterPreposition: counterPreposition, passive: passive, directionBasis: directionBasis,
      subjectInClause: subjectInClause, counterInClause: counterInClause, viaCloud: viaCloud)
  }

  /// "X 是 Y 的最大客戶", "X is one of Y's biggest customers", "Y's customers include X".
  func possessiveRelation(at index: Int, flow: Flow, in context: SentenceContext) -> Relation? {
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
        if let mention = context.items[k].mention, catalog.group(of: mention.company) != catalog.group(of: vendor?.company ?? "") {
          customer = mention
          break
        }
        k -= 1
      }
    } else {
      // "a customer of Y": the vendor after "of".
      var k = index + 1
      while k < context.items.count, context.items[k].clause == clause, k - index <= 3 {
        if let mention = context.items[k].mention, context.items[k].preposition == .from {
          vendor = mention
          break
        }
        k += 1
      }
      if vendor != nil {
        var b = index - 1
        while b >= 0, context.items[b].clause == clause {
          if let mention = context.items[b].mention { customer = mention; break }
          b -= 1
        }
      }
    }
    if customer == nil, vendor != nil {
      // "Y's customers include X": the customer after the noun.
      var k = index + 1
      while k < context.items.count, context.items[k].clause == clause, k - index <= 4 {
        if let mention = context.items[k].mention { customer = mention; break }
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
    guard let vendor, let customer else { return nil }
    return Relation(
      trigger: trigger, flow: flow, subjects: [customer], counterparties: [vendor],
      counterPreposition: nil, passive: false, directionBasis: "possessive: \(text.slice(trigger.range))",
      subjectInClause: subjectInClause, counterInClause: true, viaCloud: false)
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
      if isShares, next.range.lowerBound - mention.range.upperBound <= 2 { return mention }
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
    for item in context.items where item.clause == trigger.clause && item.range.upperBound <= trigger.range.lowerBound {
      if case .preposition(let preposition) = item.tag, preposition == .toward || preposition == .from {
        let hasObject = context.items.contains { $0.mention != nil && $0.preposition == preposition && $0.clause == trigger.clause }
        if !hasObject { return [] }
      }
    }
    if flow == .invest || flow == .raise {
      for (k, item) in context.items.enumerated() {
        guard case .investorNoun = item.tag, k > 0 else { continue }
        var b = k - 1
        while b >= 0, context.items[b].clause == item.clause {
          if let mention = context.items[b].mention {
            if catalog.group(of: mention.company) != subjectGroup, item.range.lowerBound - mention.range.upperBound <= 10 {
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
        var b = k - 1
        while b >= 0, context.items[b].clause == item.clause {
          if let mention = context.items[b].mention, context.items[b].preposition == nil,
            catalog.group(of: mention.company) != subjectGroup
          {
            return [Mention(range: mention.range, company: mention.company, via: "carried")]
          }
          b -= 1
        }
        break
      }
    }
    if headerPair.count == 2 {
      let groups = headerPair.map { catalog.group(of: $0.company) }
      if groups[0] == subjectGroup { return [headerPair[1]] }
      if groups[1] == subjectGroup { return [headerPair[0]] }
    }
    // The partner an earlier clause introduced with 與 / with / 向, when the subject is carried too.
    guard subjectCarried else { return [] }
    var k = index - 1
    while k >= 0 {
      let item = context.items[k]
      if item.clause < trigger.clause, let mention = item.mention, let preposition = item.preposition,
        preposition == .with || preposition == .toward, catalog.group(of: mention.company) != subjectGroup
      {
        return [Mention(range: mention.range, company: mention.company, via: "carried")]
      }
      k -= 1
    }
    return []
  }
}
