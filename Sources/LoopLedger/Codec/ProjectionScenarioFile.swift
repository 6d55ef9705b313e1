import Foundation

/// One problem in a scenario file: the file, the key path (`revenue.growth[1].distribution.sd`)
/// and what is wrong.
public struct ProjectionScenarioIssue: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var key: String
  public var problem: String

  public init(file: String, key: String, problem: String) {
    self.file = file
    self.key = key
    self.problem = problem
  }

  public var description: String { key.isEmpty ? "\(file): \(problem)" : "\(file): \(key): \(problem)" }
}

/// A scenario file that cannot be used; every problem is listed.
public enum ProjectionScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
  case invalid(file: String, issues: [ProjectionScenarioIssue])
  case unreadable(file: String, reason: String)

  public var description: String {
    switch self {
    case .invalid(let file, let issues):
      let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
      return "\(file): \(count):\n" + issues.map { "  " + $0.description }.joined(separator: "\n")
    case .unreadable(let file, let reason):
      return "\(file): cannot be read: \(reason)"
    }
  }

  public var issues: [ProjectionScenarioIssue] {
    if case .invalid(_, let issues) = self { return issues }
    return []
  }
}

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
  public static func decode(
    _ data: Data, file: String, base: ProjectionScenario = .defaults
  ) throws -> ProjectionScenario {
    let root: JSONValue
    do {
      root = try JSONDecoder().decode(JSONValue.self, from: data)
    } catch {
      throw ProjectionScenarioError.invalid(
        file: file, issues: [ProjectionScenarioIssue(file: file, key: "", problem: "not valid JSON: \(syntax(error))")])
    }
    var reader = ProjectionScenarioReader(file: file)
    let scenario = reader.scenario(root, base: base)
    if !reader.issues.isEmpty { throw ProjectionScenarioError.invalid(file: file, issues: reader.issues) }
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
        "growth": scenario.revenueGrowth.map { period -> [String: Any] in
          ["from": period.from, "to": period.to.map { $0 as Any } ?? NSNull(), "distribution": dist(period.growth)]
        },
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

  private static func syntax(_ error: any Error) -> String {
    if case DecodingError.dataCorrupted(let context) = error {
      return context.underlyingError.map { "\($0)" } ?? context.debugDescription
    }
    return "\(error)"
  }
}

/// The values a key's distribution must stay within.
private struct ProjectionDomain {
  var low: Double
  var high: Double
  /// Whether `low` itself is excluded (years must be > 0).
  var openLow = false
  var name: String

  static let share = ProjectionDomain(low: 0, high: 1, name: "a share between 0 and 1")
  static let probability = ProjectionDomain(low: 0, high: 1, name: "a probability between 0 and 1")
  static let margin = ProjectionDomain(low: -.infinity, high: 1, name: "a margin of at most 1 (100 %)")
  static let growth = ProjectionDomain(low: -1, high: .infinity, name: "a growth rate of at least −1 (−100 %)")
  static let money = ProjectionDomain(low: 0, high: .infinity, name: "a non-negative amount of US dollars")
  static let years = ProjectionDomain(low: 0, high: .infinity, openLow: true, name: "a positive number of years")
}

private struct ProjectionScenarioReader {
  let file: String
  var issues: [ProjectionScenarioIssue] = []

  init(file: String) { self.file = file }

  mutating func report(_ key: String, _ problem: String) {
    issues.append(ProjectionScenarioIssue(file: file, key: key, problem: problem))
  }

  mutating func scenario(_ root: JSONValue, base: ProjectionScenario) -> ProjectionScenario {
    var s = base
    guard case .object(let object) = root else {
      report("", "the top level must be a JSON object; found \(root.typeName)")
      return s
    }
    checkKeys(
      object, "",
      allowed: [
        "format", "version", "note", "openingCash", "revenue", "operatingMargin", "fundingRounds",
        "dealProbability", "deals", "renegotiableShare", "commitmentBlock", "schedule",
        "defaultTermYears", "defaultInflowTermYears", "amounts",
      ])
    switch object["format"] {
    case nil, .string(ProjectionScenarioFile.formatName)?: break
    case let other?: report("format", "expected \"\(ProjectionScenarioFile.formatName)\"; found \(describe(other))")
    }
    switch object["version"] {
    case nil, .number(Double(ProjectionScenarioFile.currentVersion))?: break
    case let other?:
      report("version", "version \(describe(other)) is not supported; this build reads version \(ProjectionScenarioFile.currentVersion)")
    }
    if let value = object["openingCash"], let fields = self.object(value, "openingCash") {
      checkKeys(fields, "openingCash", allowed: ["shareOfCapitalRaised", "amount"])
      let share = fields["shareOfCapitalRaised"]
      let amount = fields["amount"]
      if share != nil, amount != nil {
        report("openingCash", "give either 'shareOfCapitalRaised' or 'amount', not both")
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
        report("openingCash", "give 'shareOfCapitalRaised' or 'amount'")
      }
    }
    if let value = object["revenue"], let fields = self.object(value, "revenue") {
      checkKeys(fields, "revenue", allowed: ["base", "growth", "draw"])
      if let base = fields["base"] {
        if base == .null {
          s.revenueBase = nil
        } else if let a = assumption(base, "revenue.base", .money) {
          s.revenueBase = a
        }
      }
      if let growth = fields["growth"] { s.revenueGrowth = growthPeriods(growth) ?? s.revenueGrowth }
      if let draw: GrowthDraw = enumeration(fields["draw"], "revenue.draw") { s.growthDraw = draw }
    }
    if let value = object["operatingMargin"], let a = assumption(value, "operatingMargin", .margin) {
      s.operatingMargin = a
    }
    if let value = object["fundingRounds"], let fields = self.object(value, "fundingRounds") {
      checkKeys(fields, "fundingRounds", allowed: ["probability", "size"])
      if let p = fields["probability"], let a = assumption(p, "fundingRounds.probability", .probability) {
        s.roundProbability = a
      }
      if let size = fields["size"], let a = assumption(size, "fundingRounds.size", .money) {
        s.roundSize = a
      }
    }
    if let value = object["dealProbability"], let fields = self.object(value, "dealProbability") {
      checkKeys(fields, "dealProbability", allowed: ["talks", "planned"])
      for (key, path) in [("talks", \ProjectionScenario.talksProbability), ("planned", \.plannedProbability)] {
        guard let raw = fields[key], let a = assumption(raw, "dealProbability.\(key)", .probability) else { continue }
        if !a.distribution.isFixed {
          report(
            "dealProbability.\(key)",
            "must be a fixed probability (a number): whether a deal goes ahead is already a yes/no draw")
        } else {
          s[keyPath: path] = a
        }
      }
    }
    if let value = object["deals"], let fields = self.object(value, "deals") {
      for id in fields.keys.sorted() {
        if let o = dealOverride(fields[id]!, "deals.\(id)") { s.deals[DealID(id)] = o }
      }
    }
    if let value = object["renegotiableShare"], let a = assumption(value, "renegotiableShare", .share) {
      s.renegotiableShare = a
    }
    if let value = object["commitmentBlock"], let fields = self.object(value, "commitmentBlock") {
      checkKeys(fields, "commitmentBlock", allowed: ["include", "fact", "horizonYears"])
      switch fields["include"] {
      case nil: break
      case .bool(let include)?: s.includeCommitmentBlock = include
      case let other?: report("commitmentBlock.include", "must be true or false; found \(describe(other))")
      }
      switch fields["fact"] {
      case nil: break
      case .null?: s.commitmentFact = nil
      case .string(let id)?: s.commitmentFact = id
      case let other?: report("commitmentBlock.fact", "must be a fact id or null; found \(describe(other))")
      }
      if let h = fields["horizonYears"], let a = assumption(h, "commitmentBlock.horizonYears", .years) {
        s.blockHorizonYears = a
      }
    }
    if let shape: ScheduleShape = enumeration(object["schedule"], "schedule") { s.schedule = shape }
    for (key, path) in [("defaultTermYears", \ProjectionScenario.defaultTermYears), ("defaultInflowTermYears", \.defaultInflowTermYears)] {
      guard let raw = object[key], let a = assumption(raw, key, .years) else { continue }
      if !a.distribution.isFixed {
        report(key, "must be a fixed number of years (a number)")
      } else {
        s[keyPath: path] = a
      }
    }
    if let basis: AmountBasis = enumeration(object["amounts"], "amounts") { s.amounts = basis }
    return s
  }

  // MARK: - Pieces

  mutating func growthPeriods(_ value: JSONValue) -> [GrowthPeriod]? {
    // A single distribution applies to every year.
    if case .array(let items) = value {
      if items.isEmpty {
        report("revenue.growth", "is empty; give at least one period")
        return nil
      }
      var periods: [GrowthPeriod] = []
      var ok = true
      for (index, item) in items.enumerated() {
        let key = "revenue.growth[\(index)]"
        guard let fields = object(item, key) else {
          ok = false
          continue
        }
        checkKeys(fields, key, allowed: ["from", "to", "distribution"])
        let from = year(fields["from"], key + ".from", required: true)
        let to = year(fields["to"], key + ".to", required: false)
        var growth: ScenarioAssumption? = nil
        if let d = fields["distribution"] {
          growth = assumption(d, key + ".distribution", .growth)
        } else {
          report(key + ".distribution", "missing; give the growth rate's distribution, e.g. {\"type\": \"triangular\", \"min\": 0.1, \"mode\": 0.3, \"max\": 0.6}")
        }
        if let from, let to, to < from {
          report(key + ".to", "\(to) is before 'from' (\(from))")
          ok = false
        }
        guard let from, let growth else {
          ok = false
          continue
        }
        periods.append(GrowthPeriod(from: from, to: to, growth: growth))
      }
      guard ok else { return nil }
      for index in periods.indices.dropFirst() {
        let previous = periods[index - 1]
        guard let end = previous.to else {
          report("revenue.growth[\(index - 1)].to", "is open-ended (null) but another period follows; only the last period may be open-ended")
          return nil
        }
        if periods[index].from <= end {
          report(
            "revenue.growth[\(index)].from",
            "\(periods[index].from) overlaps the previous period (\(previous.from)–\(end)); periods must be in order and not overlap")
          return nil
        }
      }
      return periods
    }
    guard let a = assumption(value, "revenue.growth", .growth) else { return nil }
    return [GrowthPeriod(from: 0, to: nil, growth: a)]
  }

  mutating func dealOverride(_ value: JSONValue, _ key: String) -> DealOverride? {
    guard let fields = object(value, key) else { return nil }
    checkKeys(fields, key, allowed: ["probability", "amount", "termYears", "reason"])
    var o = DealOverride()
    var ok = true
    if let p = fields["probability"] {
      if case .number(let x) = p, x >= 0, x <= 1 {
        o.probability = x
      } else {
        report(key + ".probability", "must be a number between 0 and 1; found \(describe(p))")
        ok = false
      }
    }
    if let a = fields["amount"] {
      switch a {
      case .number(let x) where x >= 0 && x.isFinite: o.amount = x
      case .string(let text) where MoneyText.parse(text) != nil: o.amount = MoneyText.parse(text)
      default:
        report(key + ".amount", "must be a non-negative amount in US dollars (20e9 or \"20B\"); found \(describe(a))")
        ok = false
      }
    }
    if let t = fields["termYears"] {
      if case .number(let x) = t, x > 0, x.isFinite {
        o.termYears = x
      } else {
        report(key + ".termYears", "must be a positive number of years; found \(describe(t))")
        ok = false
      }
    }
    switch fields["reason"] {
    case nil: break
    case .string(let r)?: o.reason = r
    case let other?:
      report(key + ".reason", "must be a string; found \(describe(other))")
      ok = false
    }
    if fields.isEmpty { report(key, "is empty; give probability, amount or termYears") }
    return ok ? o : nil
  }

  /// A distribution with its reason, checked against the key's domain.
  mutating func assumption(_ value: JSONValue, _ key: String, _ domain: ProjectionDomain) -> ScenarioAssumption? {
    let before = issues.count
    var reason: String? = nil
    var source: Source? = nil
    let distribution: Distribution?
    switch value {
    case .number(let x):
      distribution = x.isFinite ? .fixed(x) : nil
    case .object(let fields):
      if case .string(let text)? = fields["reason"] { reason = text } else if let r = fields["reason"] {
        report(key + ".reason", "must be a string; found \(describe(r))")
      }
      if let raw = fields["source"] { source = self.source(raw, key + ".source") }
      distribution = self.distribution(fields, key)
    default:
      report(key, "must be a number (a fixed value) or a distribution object such as {\"type\": \"uniform\", \"min\": 0.1, \"max\": 0.3}; found \(describe(value))")
      return nil
    }
    guard let distribution, issues.count == before else { return nil }
    let support = distribution.support
    let below = domain.openLow ? support.low <= domain.low : support.low < domain.low
    if below || support.high > domain.high {
      var problem = "must stay \(domain.name)"
      switch distribution.kind {
      case .normal(_, _, let min, let max):
        if (below && min == nil) || (support.high > domain.high && max == nil) {
          problem += "; a normal distribution is unbounded: give 'min' and 'max' to truncate it"
        } else {
          problem += "; its bounds are [\(show(support.low)), \(show(support.high))]"
        }
      case .lognormal(_, _, _, let max) where support.high > domain.high && max == nil:
        problem += "; a lognormal distribution is unbounded above: give 'max'"
      default:
        problem += "; it can take values in [\(show(support.low)), \(show(support.high))]"
      }
      report(key, problem)
      return nil
    }
    return ScenarioAssumption(distribution, reason: reason ?? "Set by the scenario file \(file).", source: source)
  }

  /// `{"document": "seed", "quote": "…", "language": "zh-Hant"}`: the words an assumption rests on.
  mutating func source(_ value: JSONValue, _ key: String) -> Source? {
    guard let fields = object(value, key) else { return nil }
    checkKeys(fields, key, allowed: ["document", "quote", "language"])
    guard case .string(let document)? = fields["document"], case .string(let quote)? = fields["quote"] else {
      report(key, "needs 'document' and 'quote' strings")
      return nil
    }
    var language: Language? = nil
    if let raw = fields["language"] {
      language = enumeration(raw, key + ".language")
      if language == nil { return nil }
    }
    return Source(document: document, quote: quote, language: language)
  }

  mutating func distribution(_ fields: [String: JSONValue], _ key: String) -> Distribution? {
    guard case .string(let type)? = fields["type"] else {
      if let t = fields["type"] {
        report(key + ".type", "must be a string; found \(describe(t))")
      } else {
        report(key + ".type", "missing; one of fixed, uniform, triangular, normal, lognormal")
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
      report(key + ".type", "'\(type)' is not one of fixed, uniform, triangular, normal, lognormal")
      return nil
    }
    checkKeys(fields, key, allowed: Set(parameters + ["type", "reason", "source"]))
    var values: [String: Double] = [:]
    var ok = true
    for name in parameters {
      switch fields[name] {
      case nil, .null?: break
      case .number(let x)? where x.isFinite: values[name] = x
      case let other?:
        report(key + "." + name, "must be a number; found \(describe(other))")
        ok = false
      }
    }
    func need(_ names: String...) -> Bool {
      var all = true
      for name in names where values[name] == nil && fields[name] == nil {
        report(key + "." + name, "missing; a \(type) distribution needs \(names.joined(separator: ", "))")
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
        report(key + ".min", "min (\(show(min))) must be below max (\(show(max))); use {\"type\": \"fixed\"} for a single value")
        return nil
      }
      return .uniform(min, max)
    case "triangular":
      guard need("min", "mode", "max"), ok, let min = values["min"], let mode = values["mode"],
        let max = values["max"]
      else { return nil }
      guard min < max else {
        report(key + ".min", "min (\(show(min))) must be below max (\(show(max)))")
        return nil
      }
      guard mode >= min, mode <= max else {
        report(key + ".mode", "mode \(show(mode)) lies outside [\(show(min)), \(show(max))]")
        return nil
      }
      return .triangular(min, mode, max)
    case "normal":
      guard need("mean", "sd"), ok, let mean = values["mean"], let sd = values["sd"] else { return nil }
      guard sd > 0 else {
        report(key + ".sd", "must be positive; found \(show(sd))")
        return nil
      }
      guard checkBounds(values["min"], values["max"], key) else { return nil }
      let d = Distribution.normal(mean: mean, sd: sd, min: values["min"], max: values["max"])
      return checkMass(d, key)
    default:  // lognormal
      if values["median"] != nil, values["mu"] != nil {
        report(key + ".mu", "give either 'median' or 'mu' (= ln median), not both")
        return nil
      }
      if values["median"] == nil, values["mu"] == nil, fields["median"] == nil, fields["mu"] == nil {
        report(key + ".median", "missing; a lognormal distribution needs median (or mu) and sigma")
        ok = false
      }
      guard need("sigma"), ok, let sigma = values["sigma"] else { return nil }
      let median = values["median"] ?? values["mu"].map { Foundation.exp($0) } ?? 0
      guard median > 0 else {
        report(key + ".median", "must be positive; found \(show(median))")
        return nil
      }
      guard sigma > 0 else {
        report(key + ".sigma", "must be positive; found \(show(sigma))")
        return nil
      }
      if let min = values["min"], min < 0 {
        report(key + ".min", "must be at least 0 for a lognormal distribution; found \(show(min))")
        return nil
      }
      guard checkBounds(values["min"], values["max"], key) else { return nil }
      let d = Distribution.lognormal(median: median, sigma: sigma, min: values["min"], max: values["max"])
      return checkMass(d, key)
    }
  }

  mutating func checkBounds(_ min: Double?, _ max: Double?, _ key: String) -> Bool {
    if let min, let max, !(min < max) {
      report(key + ".min", "min (\(show(min))) must be below max (\(show(max)))")
      return false
    }
    return true
  }

  /// Truncation bounds far in a tail leave (almost) no probability to sample from.
  mutating func checkMass(_ d: Distribution, _ key: String) -> Distribution? {
    let a = d.quantile(1e-12)
    let b = d.quantile(1 - 1e-12)
    guard a.isFinite, b.isFinite, a < b || d.support.low == d.support.high else {
      report(key, "its [min, max] holds almost none of the distribution's probability; move the bounds or the centre")
      return nil
    }
    return d
  }

  // MARK: - Field readers

  mutating func object(_ value: JSONValue, _ key: String) -> [String: JSONValue]? {
    guard case .object(let fields) = value else {
      report(key, "must be an object; found \(describe(value))")
      return nil
    }
    return fields
  }

  mutating func year(_ value: JSONValue?, _ key: String, required: Bool) -> Int? {
    switch value {
    case nil, .null?:
      if required { report(key, "missing; give a year such as 2026") }
      return nil
    case .number(let x)? where x == x.rounded() && x >= 1900 && x <= 2200:
      return Int(x)
    case let other?:
      report(key, "must be a year such as 2026; found \(describe(other))")
      return nil
    }
  }

  mutating func enumeration<T: RawRepresentable & CaseIterable>(_ value: JSONValue?, _ key: String) -> T?
  where T.RawValue == String {
    guard let value else { return nil }
    guard case .string(let text) = value, let result = T(rawValue: text) else {
      report(key, "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")); found \(describe(value))")
      return nil
    }
    return result
  }

  mutating func checkKeys(_ object: [String: JSONValue], _ path: String, allowed: Set<String>) {
    for key in object.keys.sorted() where !allowed.contains(key) {
      let full = path.isEmpty ? key : path + "." + key
      let suggestion = allowed.min { distance(key, $0) < distance(key, $1) }
      if let suggestion, distance(key, suggestion) <= max(2, key.count / 3) {
        report(full, "unknown key; did you mean '\(suggestion)'?")
      } else {
        report(full, "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
      }
    }
  }

  func describe(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): "\"\(text)\""
    case .number(let x): show(x)
    default: value.typeName
    }
  }
}

/// Levenshtein distance, case-insensitive, for "did you mean" hints.
private func distance(_ a: String, _ b: String) -> Int {
  let x = Array(a.lowercased())
  let y = Array(b.lowercased())
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  var previous = Array(0...y.count)
  for i in 1...x.count {
    var current = [i] + Array(repeating: 0, count: y.count)
    for j in 1...y.count {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[y.count]
}

private func show(_ value: Double) -> String {
  if value.isInfinite { return value > 0 ? "∞" : "−∞" }
  return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
}

extension ProjectionScenario {
  /// Checks the names a scenario uses against a ledger: deals in `deals`, the commitments fact.
  public func crossCheck(ledger: Ledger, file: String) throws {
    var issues: [ProjectionScenarioIssue] = []
    for id in deals.keys.sorted() where ledger.deal(id) == nil {
      issues.append(
        ProjectionScenarioIssue(
          file: file, key: "deals.\(id)",
          problem: "no deal has this id in ledger '\(ledger.id)'"))
    }
    if let fact = commitmentFact {
      if let found = ledger.facts.first(where: { $0.id == fact }) {
        if found.metric != .commitments || found.value.currency == nil {
          issues.append(
            ProjectionScenarioIssue(
              file: file, key: "commitmentBlock.fact",
              problem: "'\(fact)' is a \(found.metric.rawValue) fact; the block needs a money 'commitments' fact"))
        }
      } else {
        issues.append(
          ProjectionScenarioIssue(
            file: file, key: "commitmentBlock.fact", problem: "no fact has the id '\(fact)' in ledger '\(ledger.id)'"))
      }
    }
    if !issues.isEmpty { throw ProjectionScenarioError.invalid(file: file, issues: issues) }
  }
}
