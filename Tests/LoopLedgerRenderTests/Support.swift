import Foundation
import LoopLedger

#if canImport(FoundationXML)
import FoundationXML
#endif

/// One parsed XML element: name, attributes, and the text directly inside it.
struct ParsedElement {
  var name: String
  var attributes: [String: String]
  var text: String
  var depth: Int

  var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }
}

/// Parses XML with Foundation's `XMLParser`; throws with the parser's error if it is not well-formed.
final class XMLDocumentCollector: NSObject, XMLParserDelegate {
  private(set) var elements: [ParsedElement] = []
  private var open: [Int] = []
  private(set) var allText = ""
  private(set) var error: (any Error)?

  static func parse(_ text: String) throws -> XMLDocumentCollector {
    let collector = XMLDocumentCollector()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = collector
    parser.shouldResolveExternalEntities = false
    if !parser.parse() {
      throw parser.parserError ?? collector.error ?? CocoaError(.propertyListReadCorrupt)
    }
    return collector
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    open.append(elements.count)
    elements.append(ParsedElement(name: elementName, attributes: attributeDict, text: "", depth: open.count))
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
  ) {
    _ = open.popLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let index = open.last { elements[index].text += string }
    allText += string
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
    error = parseError
  }

  func elements(named name: String) -> [ParsedElement] { elements.filter { $0.name == name } }

  /// The elements inside the element with `id`.
  func descendants(ofID id: String) -> ArraySlice<ParsedElement> {
    guard let start = elements.firstIndex(where: { $0.attributes["id"] == id }) else { return [] }
    var end = start + 1
    while end < elements.count, elements[end].depth > elements[start].depth { end += 1 }
    return elements[(start + 1)..<end]
  }

  func element(id: String) -> ParsedElement? { elements.first { $0.attributes["id"] == id } }

  /// The text of the `<title>` element that directly follows `element` (the first child).
  func title(after element: ParsedElement) -> String? {
    guard
      let index = elements.firstIndex(where: {
        $0.attributes["id"] == element.attributes["id"] && $0.name == element.name
          && $0.attributes == element.attributes
      }), index + 1 < elements.count, elements[index + 1].name == "title"
    else { return nil }
    return elements[index + 1].text
  }
}

/// The two bundled ledgers and their reports.
func bundled(_ name: String) throws -> (Ledger, LoopReport) {
  let ledger = try BundledLedger.load(name)
  return (ledger, try LoopReport(ledger: ledger))
}

/// A ledger whose names and quotes would break naive markup.
func hostileLedger() -> Ledger {
  Ledger(
    id: "hostile", title: "Escaping <test> & \"quotes\"",
    documents: [Document(id: "doc&1", title: "A <b>bold</b> & 'quoted' title", url: "https://example.com/?a=1&b=2")],
    companies: [
      Company(id: "script", names: LocalizedNames(english: "<script>alert(1)</script>", traditionalChinese: "<腳本>")),
      Company(id: "ab", names: LocalizedNames(english: "A & B", traditionalChinese: "甲 & 乙")),
      Company(id: "quote", names: LocalizedNames(english: "\"Quote\" 'Co' ]]>", traditionalChinese: "「引號」")),
    ],
    deals: [
      Deal(
        id: "invest", payer: "ab", payee: "script", kind: .equityInvestment,
        amount: Amount(qualifier: .atLeast, value: 5e9, currency: "USD", asWritten: "at least <$5B> & more"),
        status: .talks, sources: [Source(document: "doc&1", quote: "A & B said \"<script>\" would get ≥ $5B")]),
      Deal(
        id: "buy", payer: "script", payee: "ab", kind: .chipPurchase,
        amount: Amount(qualifier: .range, low: 1e9, high: 9e9, currency: "USD", asWritten: "1–9 & <billion>"),
        status: .announced, sources: [Source(document: "doc&1", quote: "bought chips </title><script>x</script>")]),
      Deal(
        id: "cloud", payer: "script", payee: "quote", kind: .cloudContract, amount: .unstated, status: .implied,
        sources: [Source(document: "doc&1", quote: "control \u{1} char & ]]> end")]),
      Deal(
        id: "back", payer: "quote", payee: "ab", kind: .softwareSale, amount: .usd(2e9), status: .planned,
        sources: [Source(document: "doc&1", quote: "'single' & \"double\"")]),
    ])
}
