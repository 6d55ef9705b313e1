import Foundation

/// Reads stress scenarios from JSON (format `loopledger-stress-scenario`, version 1; both keys
/// optional), reporting every problem with its line, column and key path.
///
/// ```json
/// {
///   "format": "loopledger-stress-scenario", "version": 1,
///   "name": "nvidia-and-revenue",
///   "description": "NVIDIA's investment does not arrive and OpenAI's revenue falls by 30%",
///   "parameters": {"defaultTermYears": 5, "investmentYears": 3, "revenueMultiple": 10,
///                  "investmentElasticity": 1, "defaultCosts": {"alpha": 0.5, "beta": 0.5},
///                  "maxRounds": 100},
///   "shocks": [
///     {"stopDeal": "nvidia-openai-equity-2025-09", "fraction": 1},
///     {"stopLink": "amazon:openai", "fraction": 0.5},
///     {"default": "anthropic"},
///     {"limitResources": "openai", "amount": 20e9},
///     {"changeResources": "openai", "fraction": -0.3},
///     {"demandReturns": 0.1}
///   ]
/// }
/// ```
public enum StressScenarioFile {
  /// The value of the `format` field.
  public static let formatName = "loopledger-stress-scenario"
  /// The newest format version this code reads.
  public static let currentVersion = 1

  /// The kinds of shock, one per shock object.
  static let shockKinds = ["stopDeal", "stopLink", "default", "limitResources", "changeResources", "demandReturns"]

  /// Decodes a scenario.
  ///
  /// - Throws: ``LedgerError/invalid(file:issues:)`` listing every problem (field = key path).
  public static func decode(_ data: Data, file: String) throws -> StressScenario {
    var json = JSONReader(file: file)
    guard let root = json.parse(data) else { throw LedgerError.invalid(file: file, issues: json.issues) }
    guard case .object(let object) = root.value else {
      json.report(JSONPlace(), root, "the top level must be a JSON object; found \(json.describe(root))")
      throw LedgerError.invalid(file: file, issues: json.issues)
    }
    let top = JSONPlace()
    json.checkKeys(object, top, allowed: ["format", "version", "name", "description", "parameters", "shocks"])
    if let format = object["format"], format.value != .string(formatName) {
      json.report(top.key("format"), format, "expected \"\(formatName)\"; found \(json.describe(format))")
    }
    if let version = object["version"] {
      if case .number(let number, _) = version.value, number == Double(currentVersion) {
      } else {
        json.report(
          top.key("version"), version,
          "version \(json.describe(version)) is not supported; this build reads version \(currentVersion)")
      }
    }
    var parameters = StressParameters()
    if let value = object["parameters"], value.value != .null, let fields = json.object(value, top.key("parameters")) {
      let place = top.key("parameters")
      json.checkKeys(
        fields, place,
        allowed: [
          "defaultTermYears", "investmentYears", "revenueMultiple", "investmentElasticity", "defaultCosts", "maxRounds",
        ])
      if let x = json.number(fields, "defaultTermYears", place, .years) { parameters.defaultTermYears = x }
      if let x = json.number(fields, "investmentYears", place, .years) { parameters.investmentYears = x }
      if let x = json.number(fields, "revenueMultiple", place, .revenueMultiple) { parameters.revenueMultiple = x }
      if let x = json.number(fields, "investmentElasticity", place, .elasticity) { parameters.investmentElasticity = x }
      if let x = json.number(fields, "maxRounds", place, .rounds) { parameters.maxRounds = Int(x) }
      if let costs = fields["defaultCosts"], costs.value != .null, let c = json.object(costs, place.key("defaultCosts"))
      {
        let costPlace = place.key("defaultCosts")
        json.checkKeys(c, costPlace, allowed: ["alpha", "beta"])
        let alpha = json.number(c, "alpha", costPlace, .share, required: true)
        let beta = json.number(c, "beta", costPlace, .share, required: true)
        if let alpha, let beta { parameters.defaultCosts = DefaultCosts(alpha: alpha, beta: beta) }
      }
    }
    var shocks: [StressShock] = []
    if json.isAbsent(object, "shocks") {
      json.missing(object, "shocks", top, "missing; give a list of shocks")
    } else if let node = object["shocks"], let items = json.array(node, top.key("shocks")) {
      for (index, item) in items.enumerated() {
        let place = top.key("shocks").index(index)
        guard let fields = json.object(item, place) else { continue }
        let present = shockKinds.filter { fields[$0] != nil }
        guard present.count == 1, let kind = present.first, let value = fields[kind] else {
          json.report(place, item, "needs exactly one of \(shockKinds.joined(separator: ", "))")
          continue
        }
        let extra: [String]
        switch kind {
        case "stopDeal", "stopLink": extra = ["fraction"]
        case "limitResources": extra = ["amount"]
        case "changeResources": extra = ["fraction"]
        default: extra = []
        }
        json.checkKeys(fields, place, allowed: [kind] + extra)
        switch kind {
        case "stopDeal":
          let id = json.string(fields, kind, place)
          let fraction = json.number(fields, "fraction", place, .share) ?? 1
          if let id { shocks.append(.stopDeal(DealID(id), fraction: fraction)) }
        case "stopLink":
          let link = json.string(fields, kind, place)
          let fraction = json.number(fields, "fraction", place, .share) ?? 1
          if let link {
            let parts = link.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
              shocks.append(.stopLink(payer: CompanyID(parts[0]), payee: CompanyID(parts[1]), fraction: fraction))
            } else {
              json.report(place.key(kind), value, "\(json.describe(value)) is not PAYER:PAYEE")
            }
          }
        case "default":
          if let id = json.string(fields, kind, place) { shocks.append(.defaultCompany(CompanyID(id))) }
        case "limitResources":
          let id = json.string(fields, kind, place)
          let amount = json.number(fields, "amount", place, .amount, required: true)
          if let id, let amount { shocks.append(.limitResources(CompanyID(id), amount: amount)) }
        case "changeResources":
          let id = json.string(fields, kind, place)
          let fraction = json.number(fields, "fraction", place, .resourceChange, required: true)
          if let id, let fraction { shocks.append(.changeResources(CompanyID(id), fraction: fraction)) }
        default:
          if let rate = json.number(value, place.key(kind), .share) {
            shocks.append(.demandReturns(rate: rate))
          }
        }
      }
    }
    let name = json.string(object, "name", top)
    let description = json.string(object, "description", top)
    if !json.issues.isEmpty { throw LedgerError.invalid(file: file, issues: json.issues) }
    return StressScenario(name: name ?? file, description: description ?? "", shocks: shocks, parameters: parameters)
  }
}
