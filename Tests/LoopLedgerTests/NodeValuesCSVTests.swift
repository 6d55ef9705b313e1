import Foundation
import Testing

@testable import LoopLedger

@Suite("Node values CSV")
struct NodeValuesCSVTests {
  /// The issues `read` throws, or nil when it does not throw `LedgerError.invalid`.
  private func issues(_ text: String, file: String = "v.csv") -> [LedgerIssue]? {
    do {
      _ = try NodeValuesCSV.read(text, file: file)
      return []
    } catch LedgerError.invalid(let thrownFile, let issues) {
      return thrownFile == file ? issues : nil
    } catch {
      return nil
    }
  }

  @Test func readsIdsAndAmountsAfterTheHeader() throws {
    let values = try NodeValuesCSV.read("id,amount\na,10\nb,2.5\nc,1e9\nd,0\n", file: "v.csv")
    #expect(values == ["a": 10, "b": 2.5, "c": 1e9, "d": 0])
  }

  @Test func theFirstLineIsTheHeaderWhateverItSays() throws {
    // The header is not checked: a file without one loses its first row.
    #expect(try NodeValuesCSV.read("a,10\nb,20\n", file: "v.csv") == ["b": 20])
  }

  @Test func bomBlankLinesSpacesExtraColumnsAndQuotes() throws {
    let text = "\u{FEFF}node,value\n\n  a  , 10 \n\"b \"\"x\"\"\",20,ignored\n   \n\" c \",3\nd,4\r"
    let values = try NodeValuesCSV.read(text, file: "v.csv")
    // A quoted id keeps its spaces; an unquoted one is trimmed.
    #expect(values == ["a": 10, "b \"x\"": 20, " c ": 3, "d": 4])
  }

  @Test func anEmptyIdIsAProblemNotANode() throws {
    let found = try #require(issues("id,amount\na,1\n\"\",3\n"))
    #expect(found.map(\.line) == [3])
    #expect(found.map(\.field) == ["id"])
    #expect(found.first?.problem == "is empty")
  }

  @Test func windowsLineEndingsAreRead() throws {
    // In a Swift String "\r\n" is one Character, so splitting on "\n" would not split it.
    let text = "id,amount\r\na,10\r\nb,20\r\n"
    let values = try NodeValuesCSV.read(text, file: "v.csv")
    #expect(values == ["a": 10, "b": 20])
  }

  @Test func emptyAndHeaderOnlyFilesHaveNoValues() throws {
    #expect(try NodeValuesCSV.read("", file: "v.csv").isEmpty)
    #expect(try NodeValuesCSV.read("id,amount\n\n", file: "v.csv").isEmpty)
  }

  @Test func everyBadLineIsNamedAtOnceWithItsFileLineNumber() throws {
    // Line numbers count the header and blank lines, as an editor shows them.
    let text = "id,amount\na,1\n\nb\nc,-1\nd,abc\ne,nan\nf,inf\na,2\ng,\n"
    let found = try #require(issues(text))
    #expect(found.map(\.line) == [4, 5, 6, 7, 8, 9, 10])
    #expect(found.map(\.column) == [1, 3, 3, 3, 3, 1, 3])
    #expect(found.map(\.field) == ["", "amount", "amount", "amount", "amount", "id", "amount"])
    #expect(found[0].problem == "has 1 field(s); expected id,amount")
    #expect(found[1].problem == "must be an amount from 0 to 10^16; found -1")
    #expect(found[2].problem == "'abc' is not a number; write an amount from 0 to 10^16")
    #expect(found[5].problem == "'a' appears twice (first on line 2)")
    #expect(found.allSatisfy { $0.file == "v.csv" })
  }

  @Test func longBadAmountsAreCutInTheMessage() throws {
    let found = try #require(issues("id,amount\na," + String(repeating: "x", count: 100) + "\n"))
    #expect(
      found.first?.problem == "'" + String(repeating: "x", count: 40)
        + "' is not a number; write an amount from 0 to 10^16")
  }

  @Test("Written values read back exactly", arguments: 0..<20)
  func roundTrip(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 6_600)
    var written: [String: Double] = [:]
    var lines = ["id,amount"]
    for index in 0..<Int.random(in: 0...40, using: &rng) {
      // Ids with spaces inside and quotes (doubled when written); amounts of any size.
      let id = "n\(index)" + (Bool.random(using: &rng) ? " \"q\" \(index)" : "")
      let amount =
        Double.random(in: 0...1e12, using: &rng).rounded() / Double([1, 100, 1e6].randomElement(using: &rng)!)
      written[id] = amount
      let field = id.contains("\"") ? "\"" + id.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : id
      lines.append("\(field),\(amount)")
      if Int.random(in: 0..<5, using: &rng) == 0 { lines.append("") }
    }
    let text = lines.joined(separator: "\n")
    #expect(try NodeValuesCSV.read(text, file: "v.csv") == written)
  }

  @Test func everyIdTheEdgeListAcceptsCanBeGivenAValue() throws {
    // The edge-list reader accepts quoted ids with commas in them; the values of those nodes must
    // be readable from a node-values file quoted the same way.
    let edges = try EdgeListCSV.read(
      "source,target,amount\n\"Acme, Inc.\",b,10\nb,\"x \"\"y\"\"\",5\n", file: "e.csv")
    #expect(edges.ids == ["Acme, Inc.", "b", "x \"y\""])
    let text = "id,amount\n\"Acme, Inc.\",100\nb,200\n\"x \"\"y\"\"\",300\n"
    let values = try NodeValuesCSV.read(text, file: "v.csv")
    #expect(values == ["Acme, Inc.": 100, "b": 200, "x \"y\"": 300])
  }
}
