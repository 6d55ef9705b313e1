// libFuzzer harness for the stress scenario reader (StressScenarioFile.decode on the one
// JSONReader). Built only with LOOPLEDGER_FUZZ=1 and `--sanitize fuzzer`; run by
// Scripts/fuzz-json.sh.
import Foundation
import LoopLedger

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStressScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(bytes: data, count: size)
  let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
  do {
    let scenario = try StressScenarioFile.decode(bytes, file: "fuzz.json")
    let p = scenario.parameters
    for value in [p.defaultTermYears, p.investmentYears, p.revenueMultiple, p.investmentElasticity] {
      precondition(value.isFinite && value >= 0, "an accepted parameter is out of range")
    }
    precondition(p.maxRounds >= 1, "maxRounds below 1")
    for shock in scenario.shocks { _ = shock.description }
  } catch LedgerError.invalid(let file, let issues) {
    precondition(file == "fuzz.json" && !issues.isEmpty, "an invalid file with no issue")
    for issue in issues {
      if let line = issue.line { precondition(line >= 1 && line <= lines, "issue on line \(line) of \(lines)") }
      _ = issue.description
    }
  } catch {
    fatalError("unexpected error \(error)")
  }
  return 0
}
