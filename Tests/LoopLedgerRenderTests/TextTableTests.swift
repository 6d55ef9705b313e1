import Testing

@testable import LoopLedgerRender

@Suite("Text table")
struct TextTableTests {
  @Test func textTablesCountWideCharactersAsTwoColumns() {
    #expect(displayWidth("亞馬遜") == 6)
    #expect(displayWidth("AWS") == 3)
    var table = TextTable(headers: ["公司", "x"])
    table.add(["Amazon", "1"])
    let lines = table.render().split(separator: "\n")
    #expect(displayWidth(String(lines[0])) == displayWidth(String(lines[2])))
  }
}
