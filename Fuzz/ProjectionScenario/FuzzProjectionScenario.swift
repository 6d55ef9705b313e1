// libFuzzer harness for the projection scenario reader (ProjectionScenarioFile.decode on the one
// JSONReader). Built only with LOOPLEDGER_FUZZ=1 and `--sanitize fuzzer`; run by
// Scripts/fuzz-json.sh.
import Foundation
import LoopLedger

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProjectionScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(bytes: data, count: size)
  let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
  do {
    let scenario = try ProjectionScenarioFile.decode(bytes, file: "fuzz.json")
    // Every accepted assumption stays finite and inside its key's range, so a projection built on
    // it cannot overflow: check the ones that bound the money.
    for assumption in [
      scenario.operatingMargin, scenario.roundSize, scenario.roundProbability, scenario.renegotiableShare,
    ]
      + scenario.revenueGrowth.map(\.growth) + (scenario.revenueBase.map { [$0] } ?? [])
    {
      let support = assumption.distribution.support
      precondition(support.low.isFinite && support.high.isFinite, "an accepted distribution is unbounded")
    }
    // And writing it out reads back.
    _ = try ProjectionScenarioFile.decode(try ProjectionScenarioFile.encode(scenario), file: "again.json")
  } catch LedgerError.invalid(let file, let issues) {
    precondition(file == "fuzz.json" || file == "again.json", "wrong file")
    precondition(file == "fuzz.json", "a written scenario does not read back: \(issues)")
    precondition(!issues.isEmpty, "an invalid file with no issue")
    for issue in issues {
      if let line = issue.line { precondition(line >= 1 && line <= lines, "issue on line \(line) of \(lines)") }
      _ = issue.description
    }
  } catch {
    fatalError("unexpected error \(error)")
  }
  return 0
}
