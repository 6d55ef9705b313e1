// libFuzzer harness for the CSV edge-list reader. Built only with LOOPLEDGER_FUZZ=1 and
// `--sanitize fuzzer` (libFuzzer supplies `main`); run by Scripts/fuzz-csv.sh.
import LoopLedger

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: size)
  let whole = try? EdgeListCSV.read(bytes, file: "fuzz")
  _ = try? EdgeListCSV.read(bytes, file: "fuzz", skipBadRows: true, keepRows: true)
  // The same input in chunks of 1–7 bytes must give the same result.
  let chunkSize = size % 7 + 1
  var offset = 0
  let chunked = try? EdgeListCSV.read(
    chunks: {
      guard offset < size else { return nil }
      let end = min(size, offset + chunkSize)
      defer { offset = end }
      return Array(bytes[offset..<end])
    }, file: "fuzz")
  if (whole == nil) != (chunked == nil) {
    fatalError("chunked and whole reads disagree on success")
  }
  // On several threads, every chunk cut into parts of a few bytes, the result and the error
  // (words, lines and columns) are those of the one-thread reading, with and without skipping.
  for skipBadRows in [false, true] {
    func outcome(threads: Int) -> String {
      var position = 0
      do {
        let result = try EdgeListCSV.read(
          chunks: {
            guard position < size else { return nil }
            let end = min(size, position + chunkSize * 3)
            defer { position = end }
            return Array(bytes[position..<end])
          }, file: "fuzz", skipBadRows: skipBadRows, keepRows: false, threads: threads,
          minimumPartBytes: 1, progress: nil)
        return "\(result.network) \(result.ids) \(result.rows) \(result.selfLoops) "
          + "\(result.skippedRows) \(result.mergedRows) \(result.skippedIssues)"
      } catch {
        return "error: \(error)"
      }
    }
    // One reused buffer of a few bytes that must grow, filled by short reads (as a file is read).
    func buffered(threads: Int) -> String {
      var position = 0
      var buffer = [UInt8](repeating: 0, count: chunkSize)
      do {
        let result = try EdgeListCSV.read(
          buffer: &buffer, filled: 0,
          fill: { space in
            let count = min(space.count, chunkSize * 2 + 1, size - position)
            for index in 0..<count { space[index] = bytes[position + index] }
            position += count
            return count
          }, file: "fuzz", skipBadRows: skipBadRows, threads: threads, minimumPartBytes: 1, progress: nil)
        return "\(result.network) \(result.ids) \(result.rows) \(result.selfLoops) "
          + "\(result.skippedRows) \(result.mergedRows) \(result.skippedIssues)"
      } catch {
        return "error: \(error)"
      }
    }
    let reference = outcome(threads: 1)
    if reference != outcome(threads: size % 3 + 2) {
      fatalError("the parallel and one-thread reads disagree (skipBadRows: \(skipBadRows))")
    }
    if reference != buffered(threads: size % 2 + 1) {
      fatalError("the buffered and chunked reads disagree (skipBadRows: \(skipBadRows))")
    }
  }
  if let whole, let chunked {
    if whole.network != chunked.network || whole.ids != chunked.ids {
      fatalError("chunked and whole reads disagree")
    }
    // The graph invariants hold.
    let network = whole.network
    precondition(network.offsets.first == 0 && network.offsets.last == network.edgeCount)
    for node in 0..<network.nodeCount {
      let row = network.edges(from: node)
      for position in row where position > row.lowerBound {
        precondition(network.targets[position - 1] < network.targets[position], "row not sorted")
      }
    }
    precondition(network.targets.allSatisfy { $0 >= 0 && Int($0) < network.nodeCount })
  }
  return 0
}
