import Foundation

/// Reads stress scenarios from JSON, reporting every problem with its key path.
///
/// ```json
/// {
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
  /// Decodes a scenario.
  ///
  /// - Throws: ``LedgerError/invalid(file:issues:)`` listing every problem (entry = key path).
  public static func decode(_ data: Data, file: String) throws -> StressScenario {
    var issues: [LedgerIssue] = []
    func report(_ path: String, _ problem: String) {
      issues.append(LedgerIssue(file: file, entry: path, field: "", problem: problem))
    }
    let root: JSONValue
    do {
      root = try JSONDecoder().decode(JSONValue.self, from: data)
    } catch {
      throw LedgerError.invalid(
        file: file, issues: [LedgerIssue(file: file, entry: "file", field: "", problem: "not valid JSON: \(error)")])
    }
    guard case .object(let object) = root else {
      throw LedgerError.invalid(
        file: file, issues: [LedgerIssue(file: file, entry: "file", field: "", problem: "the top level must be an object")])
    }
    for key in object.keys.sorted() where !["name", "description", "parameters", "shocks"].contains(key) {
      report(key, "unknown key; expected name, description, parameters, shocks")
    }
    func string(_ value: JSONValue?, _ path: String, required: Bool = false) -> String? {
      switch value {
      case .string(let text)?: return text
      case nil, .null?:
        if required { report(path, "missing") }
        return nil
      case let other?:
        report(path, "must be a string; found \(other.typeName)")
        return nil
      }
    }
    func number(_ value: JSONValue?, _ path: String, in range: ClosedRange<Double>, required: Bool = false)
      -> Double?
    {
      switch value {
      case .number(let x)?:
        guard range.contains(x) else {
          report(path, "\(x) is out of range; expected \(range.lowerBound)…\(range.upperBound)")
          return nil
        }
        return x
      case nil, .null?:
        if required { report(path, "missing") }
        return nil
      case let other?:
        report(path, "must be a number; found \(other.typeName)")
        return nil
      }
    }
    var parameters = StressParameters()
    if let value = object["parameters"], value != .null {
      if case .object(let fields) = value {
        let known = ["defaultTermYears", "investmentYears", "revenueMultiple", "investmentElasticity", "defaultCosts", "maxRounds"]
        for key in fields.keys.sorted() where !known.contains(key) {
          report("parameters.\(key)", "unknown parameter; expected one of \(known.joined(separator: ", "))")
        }
        if let x = number(fields["defaultTermYears"], "parameters.defaultTermYears", in: 0.01...100) { parameters.defaultTermYears = x }
        if let x = number(fields["investmentYears"], "parameters.investmentYears", in: 0.01...100) { parameters.investmentYears = x }
        if let x = number(fields["revenueMultiple"], "parameters.revenueMultiple", in: 0...1_000) { parameters.revenueMultiple = x }
        if let x = number(fields["investmentElasticity"], "parameters.investmentElasticity", in: 0...100) { parameters.investmentElasticity = x }
        if let x = number(fields["maxRounds"], "parameters.maxRounds", in: 1...100_000) { parameters.maxRounds = Int(x) }
        if let costs = fields["defaultCosts"], costs != .null {
          if case .object(let c) = costs {
            let alpha = number(c["alpha"], "parameters.defaultCosts.alpha", in: 0...1, required: true)
            let beta = number(c["beta"], "parameters.defaultCosts.beta", in: 0...1, required: true)
            if let alpha, let beta { parameters.defaultCosts = DefaultCosts(alpha: alpha, beta: beta) }
          } else {
            report("parameters.defaultCosts", "must be an object {\"alpha\": …, \"beta\": …}")
          }
        }
      } else {
        report("parameters", "must be an object")
      }
    }
    var shocks: [StressShock] = []
    switch object["shocks"] {
    case .array(let items)?:
      for (index, item) in items.enumerated() {
        let path = "shocks[\(index)]"
        guard case .object(let fields) = item else {
          report(path, "must be an object")
          continue
        }
        let kinds = ["stopDeal", "stopLink", "default", "limitResources", "changeResources", "demandReturns"]
        let present = kinds.filter { fields[$0] != nil }
        guard present.count == 1, let kind = present.first else {
          report(path, "needs exactly one of \(kinds.joined(separator: ", "))")
          continue
        }
        let extra = Set(fields.keys).subtracting([kind, "fraction", "amount"])
        for key in extra.sorted() { report("\(path).\(key)", "unknown key") }
        switch kind {
        case "stopDeal":
          let id = string(fields[kind], "\(path).stopDeal")
          let fraction = number(fields["fraction"], "\(path).fraction", in: 0...1) ?? 1
          if let id { shocks.append(.stopDeal(DealID(id), fraction: fraction)) }
        case "stopLink":
          let link = string(fields[kind], "\(path).stopLink")
          let fraction = number(fields["fraction"], "\(path).fraction", in: 0...1) ?? 1
          if let link {
            let parts = link.split(separator: ":").map(String.init)
            if parts.count == 2 {
              shocks.append(.stopLink(payer: CompanyID(parts[0]), payee: CompanyID(parts[1]), fraction: fraction))
            } else {
              report("\(path).stopLink", "'\(link)' is not PAYER:PAYEE")
            }
          }
        case "default":
          if let id = string(fields[kind], "\(path).default") { shocks.append(.defaultCompany(CompanyID(id))) }
        case "limitResources":
          let id = string(fields[kind], "\(path).limitResources")
          let amount = number(fields["amount"], "\(path).amount", in: 0...1e16, required: true)
          if let id, let amount { shocks.append(.limitResources(CompanyID(id), amount: amount)) }
        case "changeResources":
          let id = string(fields[kind], "\(path).changeResources")
          let fraction = number(fields["fraction"], "\(path).fraction", in: -1...10, required: true)
          if let id, let fraction { shocks.append(.changeResources(CompanyID(id), fraction: fraction)) }
        default:
          if let rate = number(fields[kind], "\(path).demandReturns", in: 0...1) { shocks.append(.demandReturns(rate: rate)) }
        }
      }
    case nil, .null?:
      report("shocks", "missing; give a list of shocks")
    case let other?:
      report("shocks", "must be an array; found \(other.typeName)")
    }
    if !issues.isEmpty { throw LedgerError.invalid(file: file, issues: issues) }
    return StressScenario(
      name: string(object["name"], "name") ?? file,
      description: string(object["description"], "description") ?? "", shocks: shocks,
      parameters: parameters)
  }
}
