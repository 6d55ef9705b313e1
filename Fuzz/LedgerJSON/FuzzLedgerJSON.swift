// libFuzzer harness for the ledger JSON reader (LedgerFile.decode on the one JSONReader). Built
// only with LOOPLEDGER_FUZZ=1 and `--sanitize fuzzer`; run by Scripts/fuzz-json.sh.
import Foundation
import LoopLedger

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLedgerJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(bytes: data, count: size)
  let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
  do {
    // `extends` resolves to nothing, so every run reads only its input.
    let ledger = try LedgerFile.decode(bytes, file: "fuzz.json") { name in
      throw LedgerError.unknownBundledLedger(name, available: [])
    }
    // A ledger that reads back writes out and reads back the same.
    let again = try LedgerFile.decode(try LedgerFile.encode(ledger), file: "again.json") { name in
      throw LedgerError.unknownBundledLedger(name, available: [])
    }
    if again != ledger { fatalError("a decoded ledger does not survive encode → decode") }
  } catch LedgerError.invalid(let file, let issues) {
    precondition(file == "fuzz.json" && !issues.isEmpty, "an invalid file with no issue")
    for issue in issues {
      precondition(issue.file == "fuzz.json" && !issue.problem.isEmpty, "an issue without file or words")
      if let line = issue.line {
        precondition(line >= 1 && line <= lines, "issue on line \(line) of \(lines)")
        precondition((issue.column ?? 1) >= 1, "column below 1")
      }
      _ = issue.description
    }
  } catch {
    fatalError("unexpected error \(error)")
  }
  return 0
}
