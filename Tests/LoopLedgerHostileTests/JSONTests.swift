import Foundation
import Testing

/// Issue 17, items 7 and 14, and issue 11 item 4: one JSON reader for ledgers and both scenario
/// formats, with line and column, duplicate keys named at both places, errors in words.
@Suite("Hostile JSON")
struct JSONTests {
  @Test func aDuplicateKeyIsRefusedNamingBothPlaces() throws {
    let folder = try Folder()
    let ledger = ledgerJSON(deals: dealJSON("x", "a", "b", value: "5"))
      .replacingOccurrences(of: #""version": 1,"#, with: #""version": 1, "deals": [],"#)
    try folder.write("dup.json", ledger)
    let result = try LoopLedger.run(["validate", "dup.json"], in: folder.url)
    #expect(result.status == 1)
    #expect(!result.stdout.contains("ok"))
    #expect(
      result.stderr.contains(
        "dup.json:4:2: deals: the key \"deals\" is written twice in one object (first at 1:47); keep one"),
      "\(result.stderr)")
    try folder.write("s.json", #"{"shocks": [], "name": "a", "shocks": [{"default": "openai"}]}"#)
    let stress = try LoopLedger.run(["stress", "--scenario", "s.json"], in: folder.url)
    #expect(
      stress.status == 1 && stress.stderr.contains("s.json:1:29: shocks: the key \"shocks\" is written twice"),
      "\(stress.stderr)")
    try folder.write("p.json", "{\"schedule\": \"even\",\n \"schedule\": \"back\"}")
    let project = try LoopLedger.run(["project", "openai", "--scenario", "p.json"], in: folder.url)
    #expect(
      project.status == 1
        && project.stderr.contains(
          "p.json:2:2: schedule: the key \"schedule\" is written twice in one object (first at 1:2)"),
      "\(project.stderr)")
  }

  @Test func syntaxErrorsSayLineColumnAndWhat() throws {
    let folder = try Folder()
    let cases: [(String, String, String)] = [
      ("empty.json", "", "empty.json: the file is empty; expected a JSON object"),
      ("blank.json", "  \n\n", "blank.json: the file holds only white space; expected a JSON object"),
      (
        "trailing.json", "{\"format\": \"loopledger-ledger\",\n \"deals\": [1, 2,]}",
        "trailing.json:2:17: not valid JSON: a ',' before ']' is not allowed in JSON"
      ),
      (
        "cut.json", "{\"format\": \"loopledger-ledger\",\n \"deals\": [",
        "cut.json:2:12: not valid JSON: the file ends inside the array that opens at 2:11"
      ),
      ("quote.json", "{'format': 1}", "quote.json:1:2: not valid JSON: expected a key in double quotes; found '''"),
      ("nan.json", "{\"version\": NaN}", "nan.json:1:13: not valid JSON: NaN and Infinity are not JSON numbers"),
      (
        "deep.json", String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        "deep.json:1:513: not valid JSON: arrays and objects are nested more than 512 deep here"
      ),
      (
        "huge.json", "{\"format\": \"loopledger-ledger\", \"version\": 1, \"deals\": 1e400}",
        "huge.json:1:56: ledger: deals: must be an array; found 1e400"
      ),
      ("latin1.json", "{\"title\": \"\u{FFFD}\"}", "latin1.json:1:12: not valid JSON: the byte 0xA3 is not UTF-8"),
    ]
    for (name, text, words) in cases {
      var data = Data(text.utf8)
      if name == "latin1.json" {
        data = Data([0x7B, 0x22, 0x74, 0x69, 0x74, 0x6C, 0x65, 0x22, 0x3A, 0x20, 0x22, 0xA3, 0x22, 0x7D])
      }
      try folder.write(name, data)
      let result = try LoopLedger.run(["validate", name], in: folder.url)
      #expect(result.ended && result.status == 1, "\(name)")
      #expect(result.stderr.contains(words), "\(name): \(result.stderr)")
      #expect(!result.stderr.contains("DecodingError") && !result.stderr.contains("NSCocoaErrorDomain"))
    }
  }

  @Test func aNumberBeyondDoubleIsNamedWithItsKeyNotAsATypeMismatch() throws {
    let folder = try Folder()
    try folder.write("n.json", ledgerJSON(deals: dealJSON("x", "a", "b", value: "1e400")))
    let result = try LoopLedger.run(["validate", "n.json"], in: folder.url)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "deals[0] (x): amount.value: must be an amount from 0 to 10^16; 1e400 is beyond the largest number"),
      "\(result.stderr)")
  }

  @Test func theStressScenarioFormatHasAVersion() throws {
    let folder = try Folder()
    try folder.write(
      "v2.json", #"{"format": "loopledger-stress-scenario", "version": 2, "shocks": [{"default": "openai"}]}"#)
    let result = try LoopLedger.run(["stress", "--scenario", "v2.json"], in: folder.url)
    #expect(
      result.status == 1
        && result.stderr.contains("v2.json:1:53: version: version 2 is not supported; this build reads version 1"),
      "\(result.stderr)")
    try folder.write(
      "v1.json",
      #"{"format": "loopledger-stress-scenario", "version": 1, "name": "v1", "shocks": [{"default": "openai"}]}"#)
    let ok = try LoopLedger.run(["stress", "--scenario", "v1.json"], in: folder.url)
    #expect(ok.status == 0, "\(ok.stderr)")
    try folder.write("typo.json", #"{"shocks": [{"defualt": "openai"}], "paramters": {}}"#)
    let typo = try LoopLedger.run(["stress", "--scenario", "typo.json"], in: folder.url)
    #expect(
      typo.stderr.contains("typo.json:1:37: paramters: unknown key; did you mean 'parameters'?"), "\(typo.stderr)")
  }

  @Test func chartDataAndTruthFileErrorsNameTheFileAndPlace() throws {
    let folder = try Folder()
    try folder.write(
      "fan.json",
      "{\"title\": \"t\", \"unit\": \"USD\", \"p5\": [1, 2], \"p25\": [2, 3], \"p50\": [3, 4], \"p75\": [4, 5], \"p95\": [5, 6],\n \"years\": [2026, \"2027\"]}"
    )
    let fan = try LoopLedger.run(["draw", "fan", "--data", "fan.json"], in: folder.url)
    #expect(fan.status == 1)
    #expect(fan.stderr.contains("fan.json:2:18: years[1]: must be a whole number; found \"2027\""), "\(fan.stderr)")
    #expect(!fan.stderr.contains("DecodingError") && !fan.stderr.contains("FanChartData"))
    try folder.write("cascade.json", "{\"title\": ")
    let cascade = try LoopLedger.run(["draw", "cascade", "--data", "cascade.json"], in: folder.url)
    #expect(
      cascade.status == 1
        && cascade.stderr.contains("cascade.json:1:11: not valid JSON: the file ends where a value was expected"),
      "\(cascade.stderr)")
    try folder.write("truth.json", "[{\"file\": 3}]")
    let truth = try LoopLedger.run(["extract", "--eval", "truth.json", folder.path], in: folder.url)
    #expect(truth.status == 1)
    #expect(truth.stderr.contains("truth.json:1:11: [0].file: must be a string; found 3"), "\(truth.stderr)")
  }
}
