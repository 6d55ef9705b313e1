import Foundation
import Testing

/// Issue 17, items 5 and 6: text from files cannot inject markup into Markdown, nor drive the
/// terminal through control characters.
@Suite("Hostile markup and control characters")
struct MarkupTests {
  static let markup = "<img src=x onerror=alert(1)>"

  @Test func aLedgerTitleCannotInjectHTMLIntoMarkdown() throws {
    let folder = try Folder()
    try folder.write(
      "title.json",
      ledgerJSON(
        title: Self.markup + " *bold* [link](javascript:x)",
        deals: dealJSON("x", "a", "b", value: "5") + "," + dealJSON("y", "b", "a", value: "5")))
    let result = try LoopLedger.run(["report", "--ledger", "title.json", "--format", "markdown"], in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    let heading = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
    #expect(
      heading.hasPrefix(
        "# LoopLedger report — &lt;img src=x onerror=alert(1)&gt; \\*bold\\* \\[link\\](javascript:x) [t"), "\(heading)"
    )
    #expect(!result.stdout.contains("<img"))
  }

  @Test func companyIdsCannotInjectHTMLIntoTheStressMarkdown() throws {
    let folder = try Folder()
    try folder.write("edges.csv", "source,target,amount\n\"\(Self.markup)\",b,10\nb,\"\(Self.markup)\",10\n")
    for arguments in [
      ["stress", "--ledger", "edges.csv", "--default", Self.markup, "--format", "markdown"],
      ["stress", "--ledger", "edges.csv", "--sweep", "--format", "markdown"],
      ["loops", "--ledger", "edges.csv", "--format", "markdown"],
      ["report", "--ledger", "edges.csv", "--format", "markdown"],
    ] {
      let result = try LoopLedger.run(arguments, in: folder.url)
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
      #expect(!result.stdout.contains("<img"), "\(arguments): \(result.stdout)")
      #expect(result.stdout.contains("&lt;img"), "\(arguments)")
    }
  }

  @Test func controlBytesAreShownEscapedInResultsAndErrors() throws {
    let folder = try Folder()
    let hostile = "evil\u{1B}]0;pwned\u{07}\u{1B}[2J"
    try folder.write(
      "edges.csv", "source,target,amount\n\"\(hostile)\",b,10\nb,\"\(hostile)\",10\nb,c,5\nc,b,\(hostile)\n")
    try folder.write("good.csv", "source,target,amount\n\"\(hostile)\",b,10\nb,\"\(hostile)\",10\n")
    for arguments in [
      ["report", "--ledger", "good.csv"], ["loops", "--ledger", "good.csv"], ["analyze", "good.csv"],
      ["clear", "good.csv"], ["debtrank", "good.csv"], ["analyze", "edges.csv"], ["validate", "edges.csv"],
      ["report", "--ledger", "no-such-\(hostile).json"],
    ] {
      let result = try LoopLedger.run(arguments, in: folder.url)
      #expect(result.ended, "\(arguments)")
      for text in [result.stdout, result.stderr] {
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"), "\(arguments): raw control bytes")
      }
      if !["clear", "debtrank"].contains(arguments[0]) {
        #expect(
          (result.stdout + result.stderr).contains("evil\\x1B]0;pwned\\x07"),
          "\(arguments): \(result.stdout) \(result.stderr)")
      }
    }
    // A result written to a file is escaped the same way.
    let written = try LoopLedger.run(["report", "--ledger", "good.csv", "-o", "out.txt"], in: folder.url)
    #expect(written.status == 0)
    #expect(try !folder.read("out.txt").contains("\u{1B}"))
  }
}
