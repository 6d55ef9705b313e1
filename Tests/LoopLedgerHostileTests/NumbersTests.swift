import Foundation
import Testing

/// Issue 17, items 2, 3, 8 and 13: every number has one range, checked in one place for files
/// and flags alike; nothing traps, nothing runs without end, no NaN is reported as a result.
@Suite("Hostile numbers")
struct NumbersTests {
  @Test func aHugeLedgerAmountIsRefusedByValidateAndReport() throws {
    let folder = try Folder()
    try folder.write("big.json", ledgerJSON(deals: dealJSON("big", "a", "b", value: "1e28")))
    for command in [
      ["validate", "big.json"], ["report", "--ledger", "big.json"], ["stress", "--ledger", "big.json"],
    ] {
      let result = try LoopLedger.run(command, in: folder.url)
      #expect(result.ended && result.status == 1, "\(command): \(result.status) \(result.stderr)")
      #expect(result.stderr.contains("big.json:4:"), "\(result.stderr)")
      #expect(result.stderr.contains("amount.value: must be an amount from 0 to 10^16; found 1e28"))
    }
    // The largest allowed amount goes through every renderer without a trap or a non-finite number.
    try folder.write(
      "max.json",
      ledgerJSON(deals: dealJSON("x", "a", "b", value: "1e16") + "," + dealJSON("y", "b", "a", value: "1e16")))
    for format in ["text", "markdown", "json"] {
      let result = try LoopLedger.run(["report", "--ledger", "max.json", "--format", format], in: folder.url)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(!hasNonFinite(result.stdout))
    }
  }

  @Test func hugeInfiniteOrNaNFlagsAreRefusedWithTheRule() throws {
    let cases: [([String], String)] = [
      (
        ["report", "--assume", "openai-oracle-compute-2025=1e300", "--ledger", "public-2025"],
        "must be an amount from 0 to 10^16; found 1e300"
      ),
      (["report", "--external", "amazon=1e300"], "must be an amount from 0 to 10^16; found 1e300"),
      (["stress", "--elasticity", "nan"], "'--elasticity' must be an elasticity from 0 to 100; NaN is not a number"),
      (["stress", "--multiple", "inf"], "'--multiple' must be a multiple from 0 to 1000"),
      (["stress", "--resources", "openai=1e300"], "must be an amount from 0 to 10^16"),
      (
        ["stress", "--term-years", "1e-300"], "'--term-years' must be a number of years from 0.01 to 100; found 1e-300"
      ),
      (["debtrank", "--shock=-1", "x.csv"], "'--shock' must be a count"),
      (["stress", "--multiple", "-1"], "'--multiple' must be a multiple from 0 to 1000; found -1"),
      (["stress", "--elasticity", "-0.5"], "'--elasticity' must be an elasticity from 0 to 100; found -0.5"),
      (
        ["clear", "--threads", "0", "x.csv"],
        "'--threads' must be a number of threads (a whole number) from 1 to 256; found 0"
      ),
      (["debtrank", "--threads", "0", "x.csv"], "'--threads' must be a number of threads"),
      (["clear", "--tolerance", "-1", "x.csv"], "'--tolerance' must be a tolerance above 0 and at most 0.5; found -1"),
      (["analyze", "--max-iterations=-1", "x.csv"], "'--max-iterations' must be a number of iterations"),
      // A negative value after a flag, without '=', is read as the value (not "Missing value").
      (
        ["analyze", "--threads", "-1", "x.csv"],
        "'--threads' must be a number of threads (a whole number) from 1 to 256; found -1"
      ),
      (
        ["project", "openai", "--threads", "-1"],
        "'--threads' must be a number of threads (a whole number) from 1 to 256; found -1"
      ),
    ]
    for (arguments, words) in cases {
      let result = try LoopLedger.run(arguments)
      #expect(result.ended && result.status == 64, "\(arguments): status \(result.status)")
      #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)")
    }
  }

  @Test func theSameFlagHasTheSameRuleInEverySubcommand() throws {
    for arguments in [
      ["analyze", "x.csv", "--threads", "0"], ["clear", "x.csv", "--threads", "0"],
      ["debtrank", "x.csv", "--threads", "0"],
      ["project", "openai", "--threads", "0"],
    ] {
      let result = try LoopLedger.run(arguments)
      #expect(result.status == 64 && result.stderr.contains("from 1 to 256; found 0"), "\(arguments): \(result.stderr)")
    }
    for arguments in [
      ["report", "--limit", "0"], ["loops", "--limit", "0"], ["draw", "loops", "--limit", "0"],
      ["analyze", "x.csv", "--limit", "0"],
    ] {
      let result = try LoopLedger.run(arguments)
      #expect(
        result.status == 64 && result.stderr.contains("'--limit' must be a number of items"),
        "\(arguments): \(result.stderr)")
    }
  }

  @Test func aScenarioOutsideItsRangesIsRefusedNotRun() throws {
    let folder = try Folder()
    try folder.write("growth.json", #"{"revenue": {"growth": 1e6}}"#)
    let result = try LoopLedger.run(
      ["project", "openai", "--scenario", "growth.json", "--paths", "1000", "--no-sensitivity"], in: folder.url)
    #expect(result.ended && result.status == 1)
    #expect(
      result.stderr.contains("growth.json:1:24: revenue.growth: must stay a growth rate from −1 to 10"),
      "\(result.stderr)")
    try folder.write(
      "stress.json",
      #"{"parameters": {"revenueMultiple": 1e300}, "shocks": [{"limitResources": "openai", "amount": 1e400}]}"#)
    let stress = try LoopLedger.run(["stress", "--scenario", "stress.json"], in: folder.url)
    #expect(stress.ended && stress.status == 1)
    #expect(
      stress.stderr.contains("parameters.revenueMultiple: must be a multiple from 0 to 1000; found 1e300"),
      "\(stress.stderr)")
    #expect(
      stress.stderr.contains("shocks[0].amount: must be an amount from 0 to 10^16; 1e400 is beyond the largest number"),
      "\(stress.stderr)")
  }

  @Test func workThatCannotFinishOrFitIsRefusedWithItsLimit() throws {
    let cases: [([String], String)] = [
      (
        ["project", "openai", "--paths", "10000000000"],
        "'--paths' must be a number of paths (a whole number) from 1 to 100000000; found 10000000000"
      ),
      (["project", "openai", "--from", "9999999999"], "'--from' must be a year (a whole number) from 1900 to 2200"),
      (
        ["project", "openai", "--paths", "1000", "--sensitivity-paths", "20000"],
        "'--sensitivity-paths' (20000) must be at most '--paths' (1000)"
      ),
      (["project", "openai", "--paths", "100000000"], "path-years of work; the limit is 200000000"),
      (["project", "openai", "--paths", "20000000"], "with 20000 paths per sensitivity run, is 206000000 path-years"),
      (
        ["draw", "fan", "--paths", "100000000"],
        "100000000 paths over 10 simulated years is 1000000000 path-years of work"
      ),
      (["project", "openai", "--to", "2000"], "'--to 2000' is before the first projected year, 2026"),
      (["project", "openai", "--from", "2026", "--to", "2200"], "a projection spans at most 100 years"),
    ]
    for (arguments, words) in cases {
      let result = try LoopLedger.run(arguments, timeout: 60)
      #expect(result.ended && result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
      #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)")
    }
  }

  @Test func overflowingCSVSumsAreRefusedNotProven() throws {
    let folder = try Folder()
    try folder.write("overflow.csv", "source,target,amount\na,b,1e308\na,b,1e308\nb,a,1e308\n")
    try folder.write("hodge.csv", "source,target,amount\na,b,1e160\nb,c,1\nc,a,1\n")
    for command in ["clear", "analyze", "debtrank"] {
      for file in ["overflow.csv", "hodge.csv"] {
        let result = try LoopLedger.run([command, file], in: folder.url)
        #expect(result.ended && result.status == 1, "\(command) \(file): \(result.status)")
        #expect(!hasNonFinite(result.stdout) && !result.stdout.contains("proven"))
        #expect(result.stderr.contains("\(file):2:5: amount: must be an amount from 0 to 10^16"), "\(result.stderr)")
      }
    }
    // The largest allowed amounts, summed over many rows, still give finite, proven results.
    var rows = "source,target,amount\n"
    for i in 0..<200 { rows += "n\(i % 7),n\((i * 3 + 1) % 7),1e16\n" }
    try folder.write("max.csv", rows)
    for command in ["clear", "analyze", "debtrank"] {
      let result = try LoopLedger.run([command, "max.csv", "--format", "json"], in: folder.url)
      #expect(result.status == 0, "\(command): \(result.stderr)")
      #expect(!hasNonFinite(result.stdout), "\(command): \(result.stdout)")
    }
  }
}
