import Foundation
import Testing

/// Issue 17, item 12: the CSV readers.
@Suite("Hostile CSV")
struct CSVTests {
  @Test func quotedNumbersAreRead() throws {
    let folder = try Folder()
    try folder.write("quoted.csv", "\"source\",\"target\",\"amount\"\n\"a\",\"b\",\"4\"\n\"b\",\"a\",\" 2.5 \"\n")
    let result = try LoopLedger.run(["analyze", "quoted.csv", "--format", "json", "--threads", "1"], in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"rows\" : 2"), "\(result.stdout)")
    try folder.write("assets.csv", "\"id\",\"amount\"\n\"a\",\"7\"\n\"b\",\"1,5\"\n")
    let assets = try LoopLedger.run(["clear", "quoted.csv", "--external-assets", "assets.csv"], in: folder.url)
    #expect(assets.status == 1)
    #expect(assets.stderr.contains("assets.csv:3:5: amount: '1,5' is not a number"), "\(assets.stderr)")
  }

  @Test func anUnterminatedQuoteIsBlamedOnTheLineWhereItOpens() throws {
    let folder = try Folder()
    try folder.write("open.csv", "source,target,amount\na,b,1\n\"c,d,2\ne,f,3\ng,h,4\n")
    let result = try LoopLedger.run(["analyze", "open.csv"], in: folder.url)
    #expect(result.status == 1)
    #expect(result.stderr.contains("open.csv:3:1: the quote that opens here is never closed"), "\(result.stderr)")
    // In a file larger than the 8 MiB read at a time, the stray quote is found without reading
    // it all: the open record stops at the 1 MiB a record may take.
    var big = "source,target,amount\na,b,1\n\"x,y,1\n"
    big += String(repeating: "p,q,1\n", count: 1_500_000)
    try folder.write("big.csv", big)
    let large = try LoopLedger.run(["analyze", "big.csv"], in: folder.url)
    #expect(
      large.status == 1 && large.stderr.contains("big.csv:3:1: the quote that opens here is not closed within 1 MiB"),
      "\(large.stderr)")
  }

  @Test func aRepeatedColumnIsRefused() throws {
    let folder = try Folder()
    try folder.write("dup.csv", "source,target,amount,source\na,b,1,c\n")
    let result = try LoopLedger.run(["analyze", "dup.csv"], in: folder.url)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("dup.csv:1:1: the header names the column 'source' 2 times (columns 1, 4); keep one"),
      "\(result.stderr)")
  }

  @Test func skippingEveryRowIsAnErrorNotAnEmptyAnswer() throws {
    let folder = try Folder()
    try folder.write("bad.csv", "source,target,amount\na,b,x\nc,d,-1\n")
    for command in ["analyze", "clear", "debtrank"] {
      let result = try LoopLedger.run([command, "bad.csv", "--skip-bad-rows"], in: folder.url)
      #expect(result.status == 1, "\(command)")
      #expect(result.stderr.contains("every one of the 2 rows is bad"), "\(command): \(result.stderr)")
      #expect(result.stderr.contains("bad.csv:2:5: amount: 'x' is not a number"))
      #expect(!result.stdout.contains("0 nodes"))
    }
  }

  @Test func externalAssetIdsThatNameNoNodeAreReported() throws {
    let folder = try Folder()
    try folder.write("edges.csv", "source,target,amount\na,b,10\nb,a,5\n")
    try folder.write("assets.csv", "id,amount\na,1\nbb,2\nzz,3\n")
    for command in ["clear", "debtrank"] {
      let result = try LoopLedger.run([command, "edges.csv", "--external-assets", "assets.csv"], in: folder.url)
      #expect(result.status == 0, "\(command): \(result.stderr)")
      #expect(
        result.stderr.contains(
          "warning: assets.csv: 2 id(s) name no node of edges.csv, so their amounts are not used: line 3 'bb', line 4 'zz'"
        ),
        "\(command): \(result.stderr)")
    }
  }

  @Test func aUTF16CSVIsNamedAsSuch() throws {
    let folder = try Folder()
    var data = Data([0xFF, 0xFE])
    data.append("source,target,amount\na,b,1\n".data(using: .utf16LittleEndian)!)
    try folder.write("wide.csv", data)
    let result = try LoopLedger.run(["analyze", "wide.csv"], in: folder.url)
    #expect(
      result.status == 1 && result.stderr.contains("wide.csv: cannot be read: it is UTF-16 text; save it as UTF-8"),
      "\(result.stderr)")
  }
}
