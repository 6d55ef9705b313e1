import Foundation
import Testing

/// Issue 17, items 10 and 11: article encodings, and a subject that is not carried over.
@Suite("Hostile articles")
struct ExtractTests {
  static let sentence = "Amazon said it would invest £10 billion in Anthropic, according to the filing."

  @Test func latin1WithoutACharsetIsRefusedNotMangled() throws {
    let folder = try Folder()
    try folder.write("latin1.txt", Self.sentence.data(using: .isoLatin1)!)
    let result = try LoopLedger.run(["extract", "latin1.txt", "--format", "text"], in: folder.url)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("latin1.txt: cannot be read: it is not UTF-8 text: line 1, column 29 has the byte 0xA3"),
      "\(result.stderr)")
    #expect(!result.stdout.contains("\u{FFFD}"))
  }

  @Test func aDeclaredCharsetIsConverted() throws {
    let folder = try Folder()
    let html =
      "<html><head><meta charset=\"iso-8859-1\"><title>t</title></head><body><p>\(Self.sentence)</p></body></html>"
    try folder.write("page.html", html.data(using: .isoLatin1)!)
    let result = try LoopLedger.run(["extract", "page.html", "--format", "json"], in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("£10 billion"), "\(result.stdout)")
    #expect(!result.stdout.contains("\u{FFFD}"))
    #expect(result.stderr.contains("note: page.html was read as Windows-1252"))
  }

  @Test func utf16IsConverted() throws {
    let folder = try Folder()
    let text = "Amazon invested $4 billion in Anthropic in 2024.\n"
    var withMark = Data([0xFF, 0xFE])
    withMark.append(text.data(using: .utf16LittleEndian)!)
    try folder.write("bom.txt", withMark)
    try folder.write("plain16.txt", text.data(using: .utf16BigEndian)!)
    for name in ["bom.txt", "plain16.txt"] {
      let result = try LoopLedger.run(["extract", name, "--format", "text"], in: folder.url)
      #expect(result.status == 0, "\(name): \(result.stderr)")
      #expect(result.stdout.contains("Amazon → Anthropic"), "\(name): \(result.stdout)")
    }
  }

  @Test func anUnknownInvestorDoesNotInheritThePreviousSubject() throws {
    let folder = try Folder()
    try folder.write(
      "sg.txt", "Amazon invested $4 billion in OpenAI in 2025. Société Générale invested €10 billion in Anthropic.\n")
    let result = try LoopLedger.run(["extract", "sg.txt", "--format", "text"], in: folder.url)
    #expect(result.status == 0)
    #expect(result.stdout.contains("Amazon → OpenAI"))
    #expect(!result.stdout.contains("Amazon → Anthropic"), "\(result.stdout)")
    // A pronoun still carries the subject.
    try folder.write(
      "it.txt", "Amazon invested $4 billion in OpenAI in 2025. It also invested $10 billion in Anthropic.\n")
    let pronoun = try LoopLedger.run(["extract", "it.txt", "--format", "text"], in: folder.url)
    #expect(pronoun.stdout.contains("Amazon → Anthropic"), "\(pronoun.stdout)")
  }
}
