import Foundation

/// Reads and writes projection scenarios (JSON, format `loopledger-scenario`, version 1).
///
/// A file names only what it changes; every other key keeps its value from ``ProjectionScenario/defaults``.
/// Every assumption is a distribution: a bare number (fixed), or an object with `type` (`fixed`,
/// `uniform`, `triangular`, `normal`, `lognormal`), its parameters and an optional `reason`.
/// Decoding collects every problem — unknown keys (with the nearest known one), wrong types,
/// parameters out of range, distributions that can leave the key's domain — and throws them
/// together. `docs/projection.md` documents the format.
public enum ProjectionScenarioFile {
  public static let formatName = "loopledger-scenario"
  public static let currentVersion = 1

  /// Decodes a scenario, starting from `base` (the defaults unless given).
  ///
  /// - Throws: ``LedgerError/invalid(file:issues:)`` listing every problem with its line, column
  ///   and key path.
  public static func decode(
    _ data: Data, file: String, base: ProjectionScenario = .defaults
  ) throws -> ProjectionScenario {
    var reader = ProjectionScenarioReader(file: file)
    guard let root = reader.json.parse(data) else { throw LedgerError.invalid(file: file, issues: reader.json.issues) }
    let scenario = reader.scenario(root, base: base)
    if !reader.json.issues.isEmpty { throw LedgerError.invalid(file: file, issues: reader.json.issues) }
    return scenario
  }

  /// The scenario as a complete, editable file.
  public static func encode(_ scenario: ProjectionScenario) throws -> Data {
    func dist(_ a: ScenarioAssumption) -> [String: Any] {
      var object: [String: Any]
      switch a.distribution.kind {
      case .fixed(let v): object = ["type": "fixed", "value": v]
      case .uniform(let min, let max): object = ["type": "uniform", "min": min, "max": max]
      case .triangular(let min, let mode, let max):
        object = ["type": "triangular", "min": min, "mode": mode, "max": max]
      case .normal(let mean, let sd, let min, let max):
        object = ["type": "normal", "mean": mean, "sd": sd]
        if let min { object["min"] = min }
        if let max { object["max"] = max }
      case .lognormal(let median, let sigma, let min, let max):
        object = ["type": "lognormal", "median": median, "sigma": sigma]
        if let min { object["min"] = min }
        if let max { object["max"] = max }
      }
      if let reason = a.reason { object["reason"] = reason }
      if let source = a.source {
        var quoted: [String: Any] = ["document": source.document, "quote": source.quote]
        if let language = source.language { quoted["language"] = language.rawValue }
        object["source"] = quoted
      }
      return object
    }
    var root: [String: Any] = [
      "format": formatName, "version": currentVersion,
      "openingCash": [
        scenario.openingCashBasis.rawValue: dist(scenario.openingCash)
      ],
      "revenue": [
        "base": scenario.revenueBase.map(dist) ?? NSNull(),
        // One period from year 0 is how a single distribution for every year is kept.
        "growth": scenario.revenueGrowth.count == 1 && scenario.revenueGrowth[0].from == 0
          && scenario.revenueGrowth[0].to == nil
          ? dist(scenario.revenueGrowth[0].growth) as Any
          : scenario.revenueGrowth.map { period -> [String: Any] in
            ["from": period.from, "to": period.to.map { $0 as Any } ?? NSNull(), "distribution": dist(period.growth)]
          } as Any,
        "draw": scenario.growthDraw.rawValue,
      ] as [String: Any],
      "operatingMargin": dist(scenario.operatingMargin),
      "fundingRounds": ["probability": dist(scenario.roundProbability), "size": dist(scenario.roundSize)],
      "dealProbability": [
        "talks": dist(scenario.talksProbability), "planned": dist(scenario.plannedProbability),
      ],
      "renegotiableShare": dist(scenario.renegotiableShare),
      "commitmentBlock": [
        "include": scenario.includeCommitmentBlock,
        "fact": scenario.commitmentFact.map { $0 as Any } ?? NSNull(),
        "horizonYears": dist(scenario.blockHorizonYears),
      ] as [String: Any],
      "schedule": scenario.schedule.rawValue,
      "defaultTermYears": dist(scenario.defaultTermYears),
      "defaultInflowTermYears": dist(scenario.defaultInflowTermYears),
      "amounts": scenario.amounts.rawValue,
    ]
    var deals: [String: Any] = [:]
    for (id, o) in scenario.deals {
      var object: [String: Any] = [:]
      if let p = o.probability { object["probability"] = p }
      if let a = o.amount { object["amount"] = a }
      if let t = o.termYears { object["termYears"] = t }
      if let r = o.reason { object["reason"] = r }
      deals[id.rawValue] = object
    }
    root["deals"] = deals
    return try JSONSerialization.data(
      withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
  }
}

/// The values a key's distribution must stay within: its number rule, in the words of the key.
private struct ProjectionDomain {
  var rule: NumberRule
  var name: String

  static let share = ProjectionDomain(rule: .share, name: "a share between 0 and 1")
  static let probability = ProjectionDomain(rule: .share, name: "a probability between 0 and 1")
  static let margin = ProjectionDomain(rule: .margin, name: "a margin from −10 to 1 (−1000 % to 100 %)")
  static let growth = ProjectionDomain(rule: .growth, name: "a growth rate from −1 to 10 (−100 % to +1000 % a year)")
  static let money = ProjectionDomain(rule: .amount, name: "an amount of US dollars from 0 to 10^16")
  static let years = ProjectionDomain(rule: .years, name: "a number of years from 0.01 to 100")
}

/// Walks a projection scenario with the one ``JSONReader``.
private struct ProjectionScenarioReader {
  var json: JSONReader
  var file: String { json.file }

  init(file: String) { json = JSONReader(file: file) }

  mutating func report(_ key: String, _ node: JSONNode?, _ problem: String) {
    json.report(JSONPlace(path: key), at: node?.position, problem)
  }

  mutating func scenario(_ root: JSONNode, base: ProjectionScenario) -> ProjectionScenario {
    var s = base
    guard case .object(let object) = root.value else {
      report("", root, "the top level must be a JSON object; found \(json.describe(root))")
      return s
    }
    json.checkKeys(
      object, JSONPlace(),
      allowed: [
        "format", "version", "note", "openingCash", "revenue", "operatingMargin", "fundingRounds",
        "dealProbability", "deals", "renegotiableShare", "commitmentBlock", "schedule",
        "defaultTermYears", "defaultInflowTermYears", "amounts",
      ])
    if let format = object["format"], format.value != .string(ProjectionScenarioFile.formatName) {
      report(
        "format", format, "expected \"\(ProjectionScenarioFile.formatName)\"; found \(json.describe(format))")
    }
    if let version = object["version"] {
      switch version.value {
      case .number(Double(ProjectionScenarioFile.currentVersion), _): break
      default:
        report(
          "version", version,
          "version \(json.describe(version)) is not supported; this build reads version \(ProjectionScenarioFile.currentVersion)"
        )
      }
    }
    if let value = object["openingCash"], let fields = json.object(value, JSONPlace(path: "openingCash")) {
      json.checkKeys(fields, JSONPlace(path: "openingCash"), allowed: ["shareOfCapitalRaised", "amount"])
      let share = fields["shareOfCapitalRaised"]
      let amount = fields["amount"]
      if share != nil, amount != nil {
        report("openingCash", value, "give either 'shareOfCapitalRaised' or 'amount', not both")
      } else if let share {
        if let a = assumption(share, "openingCash.shareOfCapitalRaised", .share) {
          s.openingCashBasis = .shareOfCapitalRaised
          s.openingCash = a
        }
      } else if let amount {
        if let a = assumption(amount, "openingCash.amount", .money) {
          s.openingCashBasis = .amount
          s.openingCash = a
        }
      } else {
        report("openingCash", value, "give 'shareOfCapitalRaised' or 'amount'")
      }
    }
    if let value = object["revenue"], let fields = json.object(value, JSONPlace(path: "revenue")) {
      json.checkKeys(fields, JSONPlace(path: "revenue"), allowed: ["base", "growth", "draw"])
      if let base = fields["base"] {
        if base.value == .null {
          s.revenueBase = nil
        } else if let a = assumption(base, "revenue.base", .money) {
          s.revenueBase = a
        }
      }
      if let growth = fields["growth"] { s.revenueGrowth = growthPeriods(growth) ?? s.revenueGrowth }
      if let draw = fields["draw"], let value: GrowthDraw = json.enumeration(draw, JSONPlace(path: "revenue.draw")) {
        s.growthDraw = value
      }
    }
    if let value = object["operatingMargin"], let a = assumption(value, "operatingMargin", .margin) {
      s.operatingMargin = a
    }
    if let value = object["fundingRounds"], let fields = json.object(value, JSONPlace(path: "fundingRounds")) {
      json.checkKeys(fields, JSONPlace(path: "fundingRounds"), allowed: ["probability", "size"])
      if let p = fields["probability"], let a = assumption(p, "fundingRounds.probability", .probability) {
        s.roundProbability = a
      }
      if let size = fields["size"], let a = assumption(size, "fundingRounds.size", .money) {
        s.roundSize = a
      }
    }
    if let value = object["dealProbability"], let fields = json.object(value, JSONPlace(path: "dealProbability")) {
      json.checkKeys(fields, JSONPlace(path: "dealProbability"), allowed: ["talks", "planned"])
      for (key, path) in [("talks", \ProjectionScenario.talksProbability), ("planned", \.plannedProbability)] {
        guard let raw = fields[key], let a = assumption(raw, "dealProbability.\(key)", .probability) else { continue }
        if !a.distribution.isFixed {
          report(
            "dealProbability.\(key)", raw,
            "must be a fixed probability (a number): whether a deal goes ahead is already a yes/no draw")
        } else {
          s[keyPath: path] = a
        }
      }
    }
    if let value = object["deals"], let fields = json.object(value, JSONPlace(path: "deals")) {
      for member in fields.members.sorted(by: { $0.key < $1.key }) {
        if let o = dealOverride(member.value, "deals.\(VisibleText.escape(member.key, newlines: false))") {
          s.deals[DealID(member.key)] = o
        }
      }
    }
    if let value = object["renegotiableShare"], let a = assumption(value, "renegotiableShare", .share) {
      s.renegotiableShare = a
    }
    if let value = object["commitmentBlock"], let fields = json.object(value, JSONPlace(path: "commitmentBlock")) {
      json.checkKeys(fields, JSONPlace(path: "commitmentBlock"), allowed: ["include", "fact", "horizonYears"])
      if let include = fields["include"], let value = json.bool(include, JSONPlace(path: "commitmentBlock.include")) {
        s.includeCommitmentBlock = value
      }
      if let fact = fields["fact"] {
        switch fact.value {
        case .null: s.commitmentFact = nil
        case .string(let id): s.commitmentFact = id
        default: report("commitmentBlock.fact", fact, "must be a fact id or null; found \(json.describe(fact))")
        }
      }
      if let h = fields["horizonYears"], let a = assumption(h, "commitmentBlock.horizonYears", .years) {
        s.blockHorizonYears = a
      }
    }
    if let node = object["schedule"], let shape: ScheduleShape = json.enumeration(node, JSONPlace(path: "schedule")) {
      s.schedule = shape
    }
    for (key, path) in [
      ("defaultTermYears", \ProjectionScenario.defaultTermYears), ("defaultInflowTermYears", \.defaultInflowTermYears),
    ] {
      guard let raw = object[key], let a = assumption(raw, key, .years) else { continue }
      if !a.distribution.isFixed {
        report(key, raw, "must be a fixed number of years (a number)")
      } else {
        s[keyPath: path] = a
      }
    }
    if let node = object["amounts"], let basis: AmountBasis = json.enumeration(node, JSONPlace(path: "amounts")) {
      s.amounts = basis
    }
    return s
  }

  // MARK: - Pieces

  mutating func growthPeriods(_ value: JSONNode) -> [GrowthPeriod]? {
    // A single distribution applies to every year.
    guard case .array(let items) = value.value else {
      guard let a = assumption(value, "revenue.growth", .growth) else { return nil }
      return [GrowthPeriod(from: 0, to: nil, growth: a)]
    }
    if items.isEmpty {
      report("revenue.growth", value, "is empty; give at least one period")
      return nil
    }
    var periods: [GrowthPeriod] = []
    var nodes: [JSONObject] = []
    var ok = true
    for (index, item) in items.enumerated() {
      let key = "revenue.growth[\(index)]"
      let place = JSONPlace(path: key)
      guard let fields = json.object(item, place) else {
        ok = false
        continue
      }
      json.checkKeys(fields, place, allowed: ["from", "to", "distribution"])
      let from = year(fields, "from", place, required: true)
      let to = year(fields, "to", place, required: false)
      var growth: ScenarioAssumption? = nil
      if let d = fields["distribution"] {
        growth = assumption(d, key + ".distribution", .growth)
      } else {
        json.missing(
          fields, "distribution", place,
          "missing; give the growth rate's distribution, e.g. {\"type\": \"triangular\", \"min\": 0.1, \"mode\": 0.3, \"max\": 0.6}"
        )
      }
      if let from, let to, to < from {
        report(key + ".to", fields["to"], "\(to) is before 'from' (\(from))")
        ok = false
      }
      guard let from, let growth else {
        ok = false
        continue
      }
      periods.append(GrowthPeriod(from: from, to: to, growth: growth))
      nodes.append(fields)
    }
    guard ok else { return nil }
    for index in periods.indices.dropFirst() {
      let previous = periods[index - 1]
      guard let end = previous.to else {
        report(
          "revenue.growth[\(index - 1)].to",
          nodes[index - 1]["to"] ?? JSONNode(value: .null, position: nodes[index - 1].position),
          "is open-ended (null) but another period follows; only the last period may be open-ended")
        return nil
      }
      if periods[index].from <= end {
        report(
          "revenue.growth[\(index)].from", nodes[index]["from"],
          "\(periods[index].from) overlaps the previous period (\(previous.from)–\(end)); periods must be in order and not overlap"
        )
        return nil
      }
    }
    return periods
  }

  mutating func dealOverride(_ value: JSONNode, _ key: String) -> DealOverride? {
    let place = JSONPlace(path: key)
    guard let fields = json.object(value, place) else { return nil }
    json.checkKeys(fields, place, allowed: ["probability", "amount", "termYears", "reason"])
    var o = DealOverride()
    let before = json.issues.count
    if let p = fields["probability"] {
      if case .number = p.value {
        o.probability = json.number(p, place.key("probability"), .share)
      } else {
        report(key + ".probability", p, "must be a number between 0 and 1; found \(json.describe(p))")
      }
    }
    if let a = fields["amount"] {
      switch a.value {
      case .number: o.amount = json.number(a, place.key("amount"), .amount)
      case .string(let text):
        if let amount = MoneyText.parse(text) {
          if let problem = NumberRule.amount.problem(amount, written: json.describe(a)) {
            report(key + ".amount", a, problem)
          } else {
            o.amount = amount
          }
        } else {
          report(key + ".amount", a, "must be an amount in US dollars (20e9 or \"20B\"); found \(json.describe(a))")
        }
      default:
        report(key + ".amount", a, "must be an amount in US dollars (20e9 or \"20B\"); found \(json.describe(a))")
      }
    }
    if let t = fields["termYears"] { o.termYears = json.number(t, place.key("termYears"), .years) }
    if let r = fields["reason"] { o.reason = json.string(r, place.key("reason")) }
    if fields.isEmpty { report(key, value, "is empty; give probability, amount or termYears") }
    return json.issues.count == before ? o : nil
  }

  /// A distribution with its reason, checked against the key's domain.
  mutating func assumption(_ value: JSONNode, _ key: String, _ domain: ProjectionDomain) -> ScenarioAssumption? {
    let before = json.issues.count
    var reason: String? = nil
    var source: Source? = nil
    let distribution: Distribution?
    switch value.value {
    case .number(let x, let text):
      if let problem = domain.rule.problem(x, written: text) {
        report(
          key, value,
          problem.replacingOccurrences(of: "must be \(domain.rule.expected)", with: "must stay \(domain.name)"))
        return nil
      }
      distribution = .fixed(x)
    case .object(let fields):
      if let r = fields["reason"] { reason = json.string(r, JSONPlace(path: key + ".reason")) }
      if let raw = fields["source"] { source = self.source(raw, key + ".source") }
      distribution = self.distribution(fields, key)
    default:
      report(
        key, value,
        "must be a number (a fixed value) or a distribution object such as {\"type\": \"uniform\", \"min\": 0.1, \"max\": 0.3}; found \(json.describe(value))"
      )
      return nil
    }
    guard let distribution, json.issues.count == before else { return nil }
    let support = distribution.support
    let below = domain.rule.lowIncluded ? support.low < domain.rule.low : support.low <= domain.rule.low
    let above = support.high > domain.rule.high
    if below || above {
      var problem = "must stay \(domain.name)"
      switch distribution.kind {
      case .normal(_, _, let min, let max):
        if (below && min == nil) || (above && max == nil) {
          problem += "; a normal distribution is unbounded: give 'min' and 'max' to truncate it"
        } else {
          problem += "; its bounds are [\(show(support.low)), \(show(support.high))]"
        }
      case .lognormal(_, _, _, let max) where above && max == nil:
        problem += "; a lognormal distribution is unbounded above: give 'max'"
      default:
        problem += "; it can take values in [\(show(support.low)), \(show(support.high))]"
      }
      report(key, value, problem)
      return nil
    }
    return ScenarioAssumption(distribution, reason: reason ?? "Set by the scenario file \(file).", source: source)
  }

  /// `{"document": "seed", "quote": "…", "language": "zh-Hant"}`: the words an assumption rests on.
  mutating func source(_ value: JSONNode, _ key: String) -> Source? {
    let place = JSONPlace(path: key)
    guard let fields = json.object(value, place) else { return nil }
    json.checkKeys(fields, place, allowed: ["document", "quote", "language"])
    guard case .string(let document)? = fields["document"]?.value, case .string(let quote)? = fields["quote"]?.value
    else {
      report(key, value, "needs 'document' and 'quote' strings")
      return nil
    }
    var language: Language? = nil
    if let raw = fields["language"] {
      language = json.enumeration(raw, place.key("language"))
      if language == nil { return nil }
    }
    return Source(document: document, quote: quote, language: language)
  }

  mutating func distribution(_ fields: JSONObject, _ key: String) -> Distribution? {
    let place = JSONPlace(path: key)
    guard let typeNode = fields["type"], case .string(let type) = typeNode.value else {
      if let t = fields["type"] {
        report(key + ".type", t, "must be a string; found \(json.describe(t))")
      } else {
        json.missing(fields, "type", place, "missing; one of fixed, uniform, triangular, normal, lognormal")
      }
      return nil
    }
    let parameters: [String]
    switch type {
    case "fixed": parameters = ["value"]
    case "uniform": parameters = ["min", "max"]
    case "triangular": parameters = ["min", "mode", "max"]
    case "normal": parameters = ["mean", "sd", "min", "max"]
    case "lognormal": parameters = ["median", "mu", "sigma", "min", "max"]
    default:
      report(
        key + ".type", typeNode,
        "\(json.describe(typeNode)) is not one of fixed, uniform, triangular, normal, lognormal")
      return nil
    }
    json.checkKeys(fields, place, allowed: parameters + ["type", "reason", "source"])
    var values: [String: Double] = [:]
    var ok = true
    for name in parameters {
      guard let node = fields[name], node.value != .null else { continue }
      if let x = json.number(node, place.key(name), .finite) { values[name] = x } else { ok = false }
    }
    func at(_ name: String) -> JSONNode? { fields[name] ?? JSONNode(value: .null, position: fields.position) }
    func need(_ names: String...) -> Bool {
      var all = true
      for name in names where values[name] == nil && fields[name] == nil {
        json.missing(fields, name, place, "missing; a \(type) distribution needs \(names.joined(separator: ", "))")
        all = false
      }
      return all
    }
    switch type {
    case "fixed":
      guard need("value"), ok, let v = values["value"] else { return nil }
      return .fixed(v)
    case "uniform":
      guard need("min", "max"), ok, let min = values["min"], let max = values["max"] else { return nil }
      guard min < max else {
        report(
          key + ".min", at("min"),
          "min (\(show(min))) must be below max (\(show(max))); use {\"type\": \"fixed\"} for a single value")
        return nil
      }
      return .uniform(min, max)
    case "triangular":
      guard need("min", "mode", "max"), ok, let min = values["min"], let mode = values["mode"],
        let max = values["max"]
      else { return nil }
      guard min < max else {
        report(key + ".min", at("min"), "min (\(show(min))) must be below max (\(show(max)))")
        return nil
      }
      guard mode >= min, mode <= max else {
        report(key + ".mode", at("mode"), "mode \(show(mode)) lies outside [\(show(min)), \(show(max))]")
        return nil
      }
      return .triangular(min, mode, max)
    case "normal":
      guard need("mean", "sd"), ok, let mean = values["mean"], let sd = values["sd"] else { return nil }
      guard sd > 0 else {
        report(key + ".sd", at("sd"), "must be positive; found \(show(sd))")
        return nil
      }
      guard checkBounds(values["min"], values["max"], key, fields) else { return nil }
      let d = Distribution.normal(mean: mean, sd: sd, min: values["min"], max: values["max"])
      return checkMass(d, key, fields)
    default:  // lognormal
      if values["median"] != nil, values["mu"] != nil {
        report(key + ".mu", at("mu"), "give either 'median' or 'mu' (= ln median), not both")
        return nil
      }
      if values["median"] == nil, values["mu"] == nil, fields["median"] == nil, fields["mu"] == nil {
        json.missing(fields, "median", place, "missing; a lognormal distribution needs median (or mu) and sigma")
        ok = false
      }
      guard need("sigma"), ok, let sigma = values["sigma"] else { return nil }
      let median = values["median"] ?? values["mu"].map { Foundation.exp($0) } ?? 0
      guard median > 0, median.isFinite else {
        report(
          key + ".median", at(values["median"] != nil ? "median" : "mu"),
          "must be positive and finite; found \(show(median))")
        return nil
      }
      guard sigma > 0 else {
        report(key + ".sigma", at("sigma"), "must be positive; found \(show(sigma))")
        return nil
      }
      if let min = values["min"], min < 0 {
        report(key + ".min", at("min"), "must be at least 0 for a lognormal distribution; found \(show(min))")
        return nil
      }
      guard checkBounds(values["min"], values["max"], key, fields) else { return nil }
      let d = Distribution.lognormal(median: median, sigma: sigma, min: values["min"], max: values["max"])
      return checkMass(d, key, fields)
    }
  }

  mutating func checkBounds(_ min: Double?, _ max: Double?, _ key: String, _ fields: JSONObject) -> Bool {
    if let min, let max, !(min < max) {
      report(key + ".min", fields["min"], "min (\(show(min))) must be below max (\(show(max)))")
      return false
    }
    return true
  }

  /// Truncation bounds far in a tail leave (almost) no probability to sample from.
  mutating func checkMass(_ d: Distribution, _ key: String, _ fields: JSONObject) -> Distribution? {
    let a = d.quantile(1e-12)
    let b = d.quantile(1 - 1e-12)
    guard a.isFinite, b.isFinite, a < b || d.support.low == d.support.high else {
      json.report(
        JSONPlace(path: key), at: fields.position,
        "its [min, max] holds almost none of the distribution's probability; move the bounds or the centre")
      return nil
    }
    return d
  }

  // MARK: - Field readers

  mutating func year(_ object: JSONObject, _ key: String, _ place: JSONPlace, required: Bool) -> Int? {
    guard let node = object[key], node.value != .null else {
      if required { json.missing(object, key, place, "missing; give a year such as 2026") }
      return nil
    }
    guard case .number = node.value else {
      report(place.key(key).path, node, "must be a year such as 2026; found \(json.describe(node))")
      return nil
    }
    return json.number(node, place.key(key), .calendarYear).map { Int($0) }
  }
}

private func show(_ value: Double) -> String {
  if value.isInfinite { return value > 0 ? "∞" : "−∞" }
  return NumberRule.show(value)
}
