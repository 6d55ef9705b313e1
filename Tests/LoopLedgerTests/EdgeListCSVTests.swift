import Testing

@testable import LoopLedger

@Suite("CSV edge lists")
struct EdgeListCSVTests {
  @Test func readsSumsDuplicatesAndDropsSelfLoops() throws {
    let csv = "source,target,amount\na,b,10\nb,a,5\na,b,2.5\nc,c,7\n\nb,c,1e3\n"
    let result = try EdgeListCSV.read(csv, file: "e.csv")
    #expect(result.ids == ["a", "b", "c"])
    #expect(result.rows == 5)
    #expect(result.selfLoops == 1)
    #expect(result.mergedRows == 1)
    #expect(result.network.edgeCount == 3)
    #expect(result.network.edge(from: 0, to: 1).map { result.network.weights[$0] } == 12.5)
    #expect(result.network.edge(from: 1, to: 2).map { result.network.weights[$0] } == 1000)
  }

  @Test func columnsInAnyOrderQuotesCRLFAndBOM() throws {
    let csv = "\u{FEFF}amount,Target,source,note\r\n3,\"b, inc\",\"a \"\"x\"\"\",hello\r\n"
    let result = try EdgeListCSV.read(csv, file: "e.csv")
    #expect(result.ids == ["a \"x\"", "b, inc"])
    #expect(result.network.weights == [3])
  }

  @Test func badRowsAreNamedByLineAllAtOnce() {
    let csv = "source,target,amount\na,b,10\na,,5\nb,c,-1\nc,a\nd,e,abc\n"
    #expect {
      _ = try EdgeListCSV.read(csv, file: "bad.csv")
    } throws: { error in
      guard case LedgerError.invalid(let file, let issues) = error else { return false }
      let lines = issues.map(\.line)
      return file == "bad.csv" && lines == [3, 4, 5, 6] && issues.map(\.column) == [3, 5, 1, 5]
        && issues[0].field == "target" && issues[1].field == "amount"
        && issues[1].problem.contains("must be an amount from 0 to 10^16; found -1")
        && issues[1].description == "bad.csv:4:5: amount: must be an amount from 0 to 10^16; found -1"
        && issues[2].problem.contains("expected at least 3")
        && issues[3].problem.contains("'abc'")
    }
  }

  @Test func skipBadRowsCountsThem() throws {
    let csv = "source,target,amount\na,b,10\na,,5\nb,c,x\nc,a,2\n"
    let result = try EdgeListCSV.read(csv, file: "e.csv", skipBadRows: true)
    #expect(result.skippedRows == 2)
    #expect(result.network.edgeCount == 2)
    #expect(result.skippedIssues.map(\.line) == [3, 4])
  }

  @Test func headerMustNameTheColumns() {
    #expect(throws: LedgerError.self) { _ = try EdgeListCSV.read("from,to,value\na,b,1\n", file: "h.csv") }
    #expect(throws: LedgerError.self) { _ = try EdgeListCSV.read("", file: "empty.csv") }
  }

  @Test(
    "Amounts parse like Double does",
    arguments: [
      "0", "1", "10.5", "0.001", "1234567890123456", "1e9", "2.5E-3", "+7", "00042", "3.", ".5", "1e16",
    ])
  func amounts(text: String) throws {
    let result = try EdgeListCSV.read("source,target,amount\na,b,\(text)\n", file: "n.csv")
    #expect(result.network.weights == [Double(text) ?? -1])
  }

  @Test(
    "Malformed amounts are rejected",
    arguments: ["-1", "nan", "inf", "1e999", "1,5", "0x10", "1 2", "--1", "1.1e16", "123456789012345678"])
  func badAmounts(text: String) {
    #expect(throws: LedgerError.self) {
      _ = try EdgeListCSV.read("source,target,amount\na,b,\"\(text)\"\n", file: "n.csv")
    }
  }

  @Test func aSmallEdgeListBecomesALedgerWithKindsAndDates() throws {
    let csv = "source,target,amount,kind,date\nx,y,5,equity_investment,2025-03\ny,x,9,cloud_contract,\n"
    let ledger = try EdgeListCSV.ledger(from: csv, file: "k.csv")
    #expect(ledger.deals.map(\.kind) == [.equityInvestment, .cloudContract])
    #expect(ledger.deals.first?.announced == PartialDate("2025-03"))
    let report = try LoopReport(ledger: ledger)
    #expect(report.loops.count == 1)
    #expect(report.loops.first?.path == ["x", "y", "x"])
    #expect(report.loops.first?.roundTrip == .exact(5))
  }

  @Test("Chunked reading equals reading at once", arguments: [1, 2, 3, 5, 8, 13, 64])
  func chunkBoundariesDoNotMatter(chunkSize: Int) throws {
    let csv =
      "\u{FEFF}source,target,amount\r\n\"multi\nline\",b,1\r\na,\"b\"\"q\",2.5\n\nb,a,3e2\nc,c,1\nb,a,4"
    let whole = try EdgeListCSV.read(csv, file: "c.csv")
    let bytes = Array(csv.utf8)
    var offset = 0
    let chunked = try EdgeListCSV.read(
      chunks: {
        guard offset < bytes.count else { return nil }
        let end = min(bytes.count, offset + chunkSize)
        defer { offset = end }
        return Array(bytes[offset..<end])
      }, file: "c.csv")
    #expect(chunked.network == whole.network)
    #expect(chunked.ids == whole.ids)
    #expect(chunked.ids.first == "multi\nline")
    #expect((chunked.rows, chunked.selfLoops, chunked.mergedRows) == (whole.rows, whole.selfLoops, whole.mergedRows))
    // Errors carry the same line numbers however the file is cut.
    let bad = Array("source,target,amount\n\"x\ny\",b,1\na,b,oops\n".utf8)
    var position = 0
    #expect {
      _ = try EdgeListCSV.read(
        chunks: {
          guard position < bad.count else { return nil }
          let end = min(bad.count, position + chunkSize)
          defer { position = end }
          return Array(bad[position..<end])
        }, file: "bad.csv")
    } throws: { error in
      guard case LedgerError.invalid(_, let issues) = error else { return false }
      return issues.map(\.line) == [4] && issues.map(\.column) == [5]
    }
  }

  @Test func interningMatchesADictionaryForShortLongAndSharedPrefixIds() throws {
    var rng = SplitMix64(seed: 99)
    let stems = ["n", "0123456789abcdef", "company-with-a-long-shared-name-", "甲骨文", "x"]
    var csv = "source,target,amount\n"
    var expectedOrder: [String] = []
    var seen: Set<String> = []
    var expectedEdges: [String: Double] = [:]
    for row in 0..<20_000 {
      func id() -> String {
        let stem = stems[Int.random(in: 0..<stems.count, using: &rng)]
        return stem + String(Int.random(in: 0..<3_000, using: &rng))
      }
      let (a, b) = (id(), id())
      csv += "\(a),\(b),\(row % 7 + 1)\n"
      for key in [a, b] where seen.insert(key).inserted { expectedOrder.append(key) }
      if a != b { expectedEdges["\(a)→\(b)", default: 0] += Double(row % 7 + 1) }
    }
    let result = try EdgeListCSV.read(csv, file: "ids.csv")
    #expect(result.ids == expectedOrder)
    #expect(result.network.edgeCount == expectedEdges.count)
    for source in 0..<result.network.nodeCount {
      for position in result.network.edges(from: source) {
        let key = "\(result.ids[source])→\(result.ids[Int(result.network.targets[position])])"
        #expect(expectedEdges[key] == result.network.weights[position])
      }
    }
  }
}
