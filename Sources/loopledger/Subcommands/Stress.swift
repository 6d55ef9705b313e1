import ArgumentParser
import Foundation
import LoopLedger
import LoopLedgerRender

extension LoopLedgerCommand {
  struct Stress: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Stress-test the loop: break a link and follow the damage round by round.",
      discussion: """
        The baseline is the loop as announced: every included deal pays its annual share \
        (contracts over their term, pending investments over --investment-years). Shocks stop \
        deals or links, make a company default, limit or cut its outside resources, or make \
        investors demand returns. Each round clears the obligations (Eisenberg–Noe), then vendors \
        that lost revenue lose valuation (--multiple) and cut their pending investments \
        (--elasticity), which starts the next round. Amounts are run at their low, estimate and \
        high ends; unstated amounts are left out and named. Built-in scenarios from the seed: \
        \(StressScenario.builtInNames.joined(separator: ", ")). Scenario files: docs/stress.md.
        """)

    @OptionGroup var ledgerOptions: LedgerOptions
    @OptionGroup var outputOptions: OutputOptions

    @Option(help: ArgumentHelp("A built-in scenario name or a scenario JSON file.", valueName: "name-or-file"))
    var scenario: String?

    @Option(
      name: .customLong("stop"),
      help: ArgumentHelp("Stop a deal or a link: DEAL-ID or PAYER:PAYEE, optionally =FRACTION (default 1).", valueName: "deal|payer:payee[=f]"))
    var stops: [String] = []

    @Option(name: .customLong("default"), help: ArgumentHelp("A company that pays nothing.", valueName: "company"))
    var defaults: [String] = []

    @Option(name: .customLong("resources"), help: ArgumentHelp("Limit a company's outside resources: COMPANY=AMOUNT a year.", valueName: "company=amount"))
    var resources: [String] = []

    @Option(name: .customLong("revenue"), help: ArgumentHelp("Change a company's outside resources by a fraction: COMPANY=-0.3.", valueName: "company=fraction"))
    var revenue: [String] = []

    @Option(help: "Investors demand this return a year on equity they put in (e.g. 0.1).")
    var demandReturns: Double?

    @Flag(help: "Break each link in turn and rank the links by the damage.")
    var sweep = false

    @Option(help: "Term of contracts without a stated term, in years.")
    var termYears: Double?

    @Option(help: "Years over which pending investments are paid.")
    var investmentYears: Double?

    @Option(help: "Valuation change per dollar of annual revenue lost.")
    var multiple: Double?

    @Option(help: "Share of pending investments cut per share of loop revenue lost.")
    var elasticity: Double?

    @Option(help: "Rogers–Veraart α (with --beta).")
    var alpha: Double?

    @Option(help: "Rogers–Veraart β (with --alpha).")
    var beta: Double?

    func validate() throws {
      if (alpha == nil) != (beta == nil) { throw ValidationError("Give both --alpha and --beta, or neither.") }
      for (flag, value) in [("alpha", alpha), ("beta", beta)] {
        if let value, !(0...1).contains(value) { throw ValidationError("'--\(flag)' must be in [0, 1].") }
      }
      if let demandReturns, !(0...1).contains(demandReturns) { throw ValidationError("'--demand-returns' must be in [0, 1].") }
      for (flag, value) in [("term-years", termYears), ("investment-years", investmentYears)] {
        if let value, !(value > 0) { throw ValidationError("'--\(flag)' must be positive.") }
      }
    }

    func run() throws {
      let ledger = try ledgerOptions.load()
      var scenario = try baseScenario(ledger)
      scenario.shocks += try commandLineShocks()
      if let termYears { scenario.parameters.defaultTermYears = termYears }
      if let investmentYears { scenario.parameters.investmentYears = investmentYears }
      if let multiple { scenario.parameters.revenueMultiple = multiple }
      if let elasticity { scenario.parameters.investmentElasticity = elasticity }
      if let alpha, let beta { scenario.parameters.defaultCosts = DefaultCosts(alpha: alpha, beta: beta) }
      if sweep {
        let ranking = try StressReport.sweep(ledger: ledger, scenario: scenario, filter: ledgerOptions.filter)
        try outputOptions.write(try renderSweep(ranking, ledger: ledger, scenario: scenario))
        return
      }
      let report = try StressReport(ledger: ledger, scenario: scenario, filter: ledgerOptions.filter)
      try outputOptions.write(
        try StressRenderer(report: report, ledger: ledger, language: outputOptions.lang).render(outputOptions.format))
    }

    private func baseScenario(_ ledger: Ledger) throws -> StressScenario {
      guard let scenario else {
        return StressScenario(name: "command line", description: "", shocks: [])
      }
      if StressScenario.builtInNames.contains(scenario) {
        return try StressScenario.builtIn(scenario, ledger: ledger)
      }
      guard let data = FileManager.default.contents(atPath: scenario) else {
        throw ValidationError(
          "'\(scenario)' is neither a built-in scenario (\(StressScenario.builtInNames.joined(separator: ", "))) nor a readable file.")
      }
      return try StressScenarioFile.decode(data, file: scenario)
    }

    private func commandLineShocks() throws -> [StressShock] {
      var shocks: [StressShock] = []
      for stop in stops {
        let parts = stop.split(separator: "=", maxSplits: 1).map(String.init)
        var fraction = 1.0
        if parts.count == 2 {
          guard let value = Double(parts[1]), (0...1).contains(value) else {
            throw ValidationError("'--stop \(stop)': the fraction must be a number in [0, 1].")
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
        guard parts.count == 2, let amount = MoneyText.parse(parts[1]) else {
          throw ValidationError("'--resources \(item)': write COMPANY=AMOUNT, e.g. openai=20B.")
        }
        shocks.append(.limitResources(CompanyID(parts[0]), amount: amount))
      }
      for item in revenue {
        let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let fraction = Double(parts[1]), fraction >= -1 else {
          throw ValidationError("'--revenue \(item)': write COMPANY=FRACTION, e.g. openai=-0.3.")
        }
        shocks.append(.changeResources(CompanyID(parts[0]), fraction: fraction))
      }
      if let demandReturns { shocks.append(.demandReturns(rate: demandReturns)) }
      return shocks
    }

    private func renderSweep(_ ranking: [LinkDamage], ledger: Ledger, scenario: StressScenario) throws -> String {
      if outputOptions.format == .json { return try JSONOutput.string(ranking) }
      let money = MoneyFormat(outputOptions.lang)
      var table = TextTable(
        headers: ["#", "Link broken", "Damage / year", "Unfunded", "Revenue lost", "Investment cut", "Defaults"],
        alignments: [.right, .left, .left, .left, .left, .left, .right])
      for (index, link) in ranking.enumerated() {
        table.add([
          "\(index + 1)",
          "\(ledger.name(of: link.payer, in: outputOptions.lang)) → \(ledger.name(of: link.payee, in: outputOptions.lang))",
          money.usd(link.damage), money.usd(link.unfunded), money.usd(link.revenueLost),
          money.usd(link.investmentCut), "\(link.defaults)",
        ])
      }
      var lines = ["Sweep: each link broken in turn\(scenario.shocks.isEmpty ? "" : " on top of: " + scenario.shocks.map(\.description).joined(separator: "; ")) (estimate run, annual flows)", ""]
      lines.append(table.render(indent: "  "))
      lines.append("")
      lines.append("Assumptions: " + scenario.parameters.descriptions.joined(separator: " "))
      return lines.joined(separator: "\n") + "\n"
    }
  }
}
