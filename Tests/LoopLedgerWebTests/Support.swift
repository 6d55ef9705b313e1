import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoopLedger
import LoopLedgerApp
import LoopLedgerStore
import NIOCore
import Testing

@testable import LoopLedgerWeb

/// A temporary folder, removed when the test ends.
final class TemporaryFolder: @unchecked Sendable {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("loopledger-web-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(at: url) }
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

let testToken = "correct-horse-battery-staple"

/// A ledger whose names and quotes try to break out of HTML, SVG and JSON.
func hostileLedger() -> Ledger {
  Ledger(
    id: "hostile", title: "Escaping <test> & \"quotes\"",
    documents: [
      Document(id: "doc1", title: "A <b>bold</b> & 'quoted' title", url: "javascript:alert(2)"),
      Document(id: "doc2", title: "Plain", url: "https://example.com/?a=1&b=2"),
    ],
    companies: [
      Company(id: "script", names: LocalizedNames(english: "<script>alert(1)</script>", traditionalChinese: "<腳本>")),
      Company(id: "ab", names: LocalizedNames(english: "A & B", traditionalChinese: "甲 & 乙")),
    ],
    deals: [
      Deal(
        id: "invest", payer: "ab", payee: "script", kind: .equityInvestment,
        amount: Amount(qualifier: .atLeast, value: 5e9, currency: "USD", asWritten: "at least <$5B> & more"),
        status: .announced, sources: [Source(document: "doc1", quote: "A & B said \"<script>\" would get ≥ $5B")]),
      Deal(
        id: "buy", payer: "script", payee: "ab", kind: .chipPurchase,
        amount: Amount(qualifier: .range, low: 1e9, high: 9e9, currency: "USD", asWritten: "1–9 & <billion>"),
        status: .announced, sources: [Source(document: "doc2", quote: "bought chips </title><script>x</script>")]),
    ])
}

/// Writes `ledger` as a ledger file in `folder`.
func ledgerFile(_ ledger: Ledger, in folder: TemporaryFolder) throws -> String {
  let path = folder.path("\(ledger.id).json")
  try LedgerFile.encode(ledger).write(to: URL(fileURLWithPath: path))
  return path
}

/// A store initialized from a bundled ledger.
func seededStore(in folder: TemporaryFolder, from name: String = "seed") throws -> String {
  let path = folder.path("ledger.sqlite")
  let store = try LedgerStore.open(path: path)
  try store.initialize(from: BundledLedger.load(name))
  try store.close()
  return path
}

/// The application on a bundled ledger, a file, or a store (with the test token).
func application(ledger: String = "seed", store: String? = nil, token: String? = testToken, maxBody: Int = 1 << 20)
  throws -> some ApplicationProtocol
{
  let selection =
    store.map { LedgerSelection(source: "db", database: $0, environment: [:], announcesStore: false) }
    ?? LedgerSelection(source: ledger, environment: [:], announcesStore: false)
  return try buildApplication(
    configuration: WebConfiguration(port: 0, ledger: selection, token: token, maxBody: maxBody))
}

extension TestResponse {
  var text: String { String(buffer: body) }
  var json: [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
  }
  /// The `message` of an `{"error": …}` answer.
  var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
  var errorField: String? { (json["error"] as? [String: Any])?["field"] as? String }
  /// Set-Cookie values by cookie name.
  var cookies: [String: String] {
    var result: [String: String] = [:]
    for field in headers where field.name == .setCookie {
      let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
      if pair.count == 2 { result[String(pair[0])] = String(pair[1]) }
    }
    return result
  }
}

extension HTTPFields {
  static func json(token: String? = nil) -> HTTPFields {
    var fields: HTTPFields = [.contentType: "application/json"]
    if let token { fields[.authorization] = "Bearer \(token)" }
    return fields
  }
}

/// Checks the headers every response carries.
func expectSecurityHeaders(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
  let csp = response.headers[.contentSecurityPolicy] ?? ""
  let scriptSource = csp.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    .first { $0.hasPrefix("script-src") }
  #expect(scriptSource == "script-src 'self'", sourceLocation: sourceLocation)
  #expect(csp.contains("frame-ancestors 'none'"), sourceLocation: sourceLocation)
  #expect(response.headers[.xContentTypeOptions] == "nosniff", sourceLocation: sourceLocation)
  #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", sourceLocation: sourceLocation)
}
