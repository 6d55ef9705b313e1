import Foundation
import Testing

@testable import LoopLedger
@testable import LoopLedgerRender

@Suite("SVG writer, numbers, colours")
struct SVGTests {
  @Test func textAndAttributesAreEscaped() throws {
    var w = XMLWriter()
    w.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("data-name", "A & B \"q\" 'r' <s>"), ("skip", nil)])
    w.element("title", text: "<script>alert(1)</script> & ]]> \u{0}\u{1}")
    w.element("text", [("x", "1")], text: "line1\nline2")
    w.close()
    #expect(!w.text.contains("<script>"))
    #expect(w.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;"))
    #expect(w.text.contains("data-name=\"A &amp; B &quot;q&quot; &#39;r&#39; &lt;s&gt;\""))
    #expect(!w.text.contains("skip="))
    let parsed = try XMLDocumentCollector.parse(w.text)
    #expect(parsed.elements(named: "title").first?.text == "<script>alert(1)</script> & ]]> \u{FFFD}\u{FFFD}")
    #expect(parsed.elements(named: "svg").first?.attributes["data-name"] == "A & B \"q\" 'r' <s>")
  }

  @Test func attributeLineBreaksSurvive() throws {
    var w = XMLWriter()
    w.element("g", [("aria-label", "one\ntwo\tthree")])
    let parsed = try XMLDocumentCollector.parse(w.text)
    #expect(parsed.elements.first?.attributes["aria-label"] == "one\ntwo\tthree")
  }

  @Test(arguments: [
    (0.0, "0"), (-0.0, "0"), (-0.001, "0"), (12.0, "12"), (12.5, "12.5"), (-3.25, "-3.25"),
    (0.05, "0.05"), (1.005, "1"), (1.006, "1.01"), (99.999, "100"), (-0.5, "-0.5"), (1e20, "1000000000000"),
    (Double.nan, "0"), (Double.infinity, "0"), (123456.789, "123456.79"),
  ])
  func numbersHaveAFixedForm(value: Double, expected: String) {
    #expect(SVGNumber.format(value) == expected)
  }

  @Test func flowColoursReachGraphicalContrastAndTextColoursReachAA() {
    for flowClass in FlowClass.allCases {
      // WCAG 2.1 1.4.11: graphical objects 3 : 1; 1.4.3: text 4.5 : 1.
      #expect(Palette.contrast(Palette.color(of: flowClass), Palette.background) >= 3)
      #expect(Palette.contrast(Palette.textColor(of: flowClass), Palette.background) >= 4.5)
    }
    #expect(Palette.contrast(Palette.ink, Palette.background) >= 7)
    #expect(Palette.contrast(Palette.mutedInk, Palette.background) >= 4.5)
    #expect(Palette.contrast(Palette.shortfall, Palette.background) >= 4.5)
    #expect(abs(Palette.contrast("#000000", "#ffffff") - 21) < 1e-9)
  }

  /// Investment and purchase stay apart for the commonest colour-vision deficiencies: simulated
  /// with the Machado, Oliveira & Fernandes (2009) matrices at severity 1.0 (applied to linear
  /// RGB), the two colours still differ clearly.
  @Test func flowColoursStayApartUnderSimulatedColourBlindness() {
    let matrices: [String: [[Double]]] = [
      "protanopia": [
        [0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998],
      ],
      "deuteranopia": [
        [0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881],
      ],
      "tritanopia": [
        [1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900],
      ],
    ]
    func linear(_ hex: String) -> [Double] {
      let (r, g, b) = Palette.rgb(hex)
      return [r, g, b].map { $0 <= 0.04045 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
    }
    for (name, m) in matrices.sorted(by: { $0.key < $1.key }) {
      let a = linear(Palette.investment)
      let b = linear(Palette.purchase)
      let sa = m.map { row in zip(row, a).reduce(0) { $0 + $1.0 * $1.1 } }
      let sb = m.map { row in zip(row, b).reduce(0) { $0 + $1.0 * $1.1 } }
      let distance = zip(sa, sb).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
      #expect(distance > 0.25, "\(name): simulated colours too close (\(distance))")
    }
  }

  @Test func wrappingBreaksAtSpacesAndBetweenWideCharacters() {
    let lines = SVGText.wrap("one two three four five six", size: 10, maxWidth: 60)
    #expect(lines.count > 1)
    #expect(lines.joined(separator: " ") == "one two three four five six")
    let chinese = SVGText.wrap("流入資金中源自公司自身流出資金的比例", size: 10, maxWidth: 50)
    #expect(chinese.count > 1)
    #expect(chinese.joined() == "流入資金中源自公司自身流出資金的比例")
  }
}
