import Foundation

/// A value given on the command line (or in a web form) that cannot be used, with the flag it
/// came from and how to write it.
public struct ArgumentValueError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

extension StressShock {
  /// Shocks written as command-line values: `--stop DEAL|PAYER:PAYEE[=FRACTION]`,
  /// `--default COMPANY`, `--resources COMPANY=AMOUNT`, `--revenue COMPANY=FRACTION`,
  /// `--demand-returns RATE`.
  ///
  /// - Throws: ``ArgumentValueError`` naming the flag and the value at fault.
  public static func parse(
    stops: [String] = [], defaults: [String] = [], resources: [String] = [], revenue: [String] = [],
    demandReturns: Double? = nil
  ) throws -> [StressShock] {
    var shocks: [StressShock] = []
    for stop in stops {
      let parts = stop.split(separator: "=", maxSplits: 1).map(String.init)
      var fraction = 1.0
      if parts.count == 2 {
        guard let value = Double(parts[1]) else {
          throw ArgumentValueError("'--stop \(stop)': the fraction must be a number from 0 to 1.")
        }
        if let problem = NumberRule.share.problem(value, written: parts[1]) {
          throw ArgumentValueError("'--stop \(stop)': \(problem).")
        }
        fraction = value
      }
      let link = parts[0].split(separator: ":").map(String.init)
      if link.count == 2 {
        shocks.append(.stopLink(payer: CompanyID(link[0]), payee: CompanyID(link[1]), fraction: fraction))
      } else {
        shocks.append(.stopDeal(DealID(parts[0]), fraction: fraction))
      }
    }
    shocks += defaults.map { .defaultCompany(CompanyID($0)) }
    for item in resources {
      let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, let amount = MoneyText.parse(parts[1]) else {
        throw ArgumentValueError("'--resources \(item)': write COMPANY=AMOUNT, e.g. openai=20B.")
      }
      if let problem = NumberRule.amount.problem(amount, written: parts[1]) {
        throw ArgumentValueError("'--resources \(item)': \(problem).")
      }
      shocks.append(.limitResources(CompanyID(parts[0]), amount: amount))
    }
    for item in revenue {
      let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, let fraction = Double(parts[1]) else {
        throw ArgumentValueError("'--revenue \(item)': write COMPANY=FRACTION, e.g. openai=-0.3.")
      }
      if let problem = NumberRule.resourceChange.problem(fraction, written: parts[1]) {
        throw ArgumentValueError("'--revenue \(item)': \(problem).")
      }
      shocks.append(.changeResources(CompanyID(parts[0]), fraction: fraction))
    }
    if let demandReturns {
      try NumberRule.share.check(demandReturns, flag: "demand-returns")
      shocks.append(.demandReturns(rate: demandReturns))
    }
    return shocks
  }
}

extension Assumption {
  /// `--assume DEAL=AMOUNT` or `DEAL=LOW..HIGH` values, by deal.
  ///
  /// - Throws: ``ArgumentValueError`` naming the value at fault.
  public static func parse(commandLine values: [String]) throws -> [DealID: Assumption] {
    var result: [DealID: Assumption] = [:]
    for text in values {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty else {
        throw ArgumentValueError("'--assume \(text)': write DEAL=AMOUNT or DEAL=LOW..HIGH.")
      }
      let bounds = parts[1].components(separatedBy: "..")
      let values = bounds.map { MoneyText.parse($0) }
      guard values.allSatisfy({ $0 != nil }), (1...2).contains(values.count) else {
        throw ArgumentValueError(
          "'--assume \(text)': '\(parts[1])' is not an amount; write 20e9, 20B, 1.4T or 10B..30B.")
      }
      let numbers = values.compactMap { $0 }
      for (number, written) in zip(numbers, bounds) {
        if let problem = NumberRule.amount.problem(number, written: written) {
          throw ArgumentValueError("'--assume \(text)': \(problem).")
        }
      }
      if numbers.count == 2, numbers[0] > numbers[1] {
        throw ArgumentValueError("'--assume \(text)': the low end is above the high end.")
      }
      result[DealID(parts[0])] =
        numbers.count == 1
        ? Assumption(low: numbers[0], high: numbers[0], estimate: numbers[0], reason: "--assume on the command line")
        : Assumption(low: numbers[0], high: numbers[1], estimate: nil, reason: "--assume on the command line")
    }
    return result
  }
}

extension CompanyID {
  /// Parses `COMPANY=AMOUNT` values such as `--external amazon=600B` into an amount per company.
  ///
  /// - Throws: ``ArgumentValueError`` naming the flag and the value at fault.
  public static func parseAmounts(_ values: [String], flag: String) throws -> [CompanyID: Double] {
    var result: [CompanyID: Double] = [:]
    for item in values {
      let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, let amount = MoneyText.parse(parts[1]) else {
        throw ArgumentValueError("'--\(flag) \(item)': write COMPANY=AMOUNT, e.g. amazon=600B.")
      }
      if let problem = NumberRule.amount.problem(amount, written: parts[1]) {
        throw ArgumentValueError("'--\(flag) \(item)': \(problem).")
      }
      result[CompanyID(parts[0])] = amount
    }
    return result
  }
}
