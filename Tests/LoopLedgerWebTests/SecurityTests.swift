import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoopLedger
import LoopLedgerNews
import LoopLedgerStore
import NIOCore
import Testing

@testable import LoopLedgerWeb

@Suite("serve: login, CSRF and the review queue")
struct SecurityTests {
  /// A store seeded from the seed with two candidates from an article in its review queue.
  func storeWithCandidates(_ folder: TemporaryFolder) throws -> String {
    let path = try seededStore(in: folder)
    let store = try LedgerStore.open(path: path)
    let ledger = try store.loadLedger()
    let article = """
      Oracle said on Tuesday it will buy $40 billion of NVIDIA chips. Separately, Amazon will invest \
      $5 billion in Anthropic, the company said.
      """
    let extraction = DealExtractor(ledger: ledger).extract(article, file: "news.txt", date: PartialDate("2026-01-13"))
    let report = ExtractReport(extractions: [extraction], ledger: ledger, ledgerName: "db")
    _ = try store.enqueue(extractJSON: try report.encoded(), file: "news.json")
    try store.close()
    return path
  }

  func form(_ fields: [String: String]) -> ByteBuffer {
    ByteBuffer(
      string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        .joined(separator: "&"))
  }

  static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

  @Test("log in with the token, decide candidates with the form's CSRF token, log out")
  func reviewFlow() async throws {
    let folder = try TemporaryFolder()
    let path = try storeWithCandidates(folder)
    let pending = try LedgerStore.open(path: path).pending()
    #expect(pending.count >= 2, "the article gave \(pending.count) candidates")
    let app = try application(store: path)
    try await app.test(.router) { client in
      // Logged out: the queue shows with its quotes, and no decision forms.
      let csrf = try await client.execute(uri: "/review", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains("<mark>"), "the quote's parties and amount are highlighted")
        #expect(!response.text.contains("/accept\""))
        return try #require(response.cookies["loopledger_csrf"])
      }
      var headers = Self.formHeaders
      headers[.cookie] = "loopledger_csrf=\(csrf)"
      // A wrong token: back to the form.
      try await client.execute(
        uri: "/login", method: .post, headers: headers, body: form(["csrf": csrf, "token": "not-the-token-at-all"])
      ) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/login?failed=1")
        #expect(response.cookies["loopledger_session"] == nil)
      }
      // No CSRF field: 403, no session.
      try await client.execute(uri: "/login", method: .post, headers: headers, body: form(["token": testToken])) {
        #expect($0.status == .forbidden)
      }
      let session = try await client.execute(
        uri: "/login", method: .post, headers: headers, body: form(["csrf": csrf, "token": testToken])
      ) { response in
        #expect(response.status == .seeOther)
        let cookie = response.headers[values: .setCookie].first { $0.hasPrefix("loopledger_session=") } ?? ""
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        return try #require(response.cookies["loopledger_session"])
      }
      headers[.cookie] = "loopledger_csrf=\(csrf); loopledger_session=\(session)"
      try await client.execute(uri: "/review", method: .get, headers: headers) { response in
        #expect(response.text.contains("/accept\""))
        #expect(response.text.contains("name=\"csrf\" value=\"\(csrf)\""))
      }
      let first = pending[0].candidate.id
      let second = pending[1].candidate.id
      // A decision with a wrong CSRF token is refused and changes nothing.
      try await client.execute(
        uri: "/review/\(first)/reject", method: .post, headers: headers,
        body: form(["csrf": String(repeating: "0", count: 64), "why": "x"])
      ) { #expect($0.status == .forbidden) }
      try await client.execute(
        uri: "/review/\(first)/reject", method: .post, headers: headers,
        body: form(["csrf": csrf, "why": "not a deal"])
      ) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/review?done=reject")
      }
      try await client.execute(
        uri: "/review/\(second)/accept", method: .post, headers: headers, body: form(["csrf": csrf, "why": "checked"])
      ) { #expect($0.status == .seeOther) }
      // Rejecting again: the candidate is no longer pending (409 page).
      try await client.execute(
        uri: "/review/\(first)/reject", method: .post, headers: headers, body: form(["csrf": csrf, "why": "again"])
      ) { #expect($0.status == .conflict) }
      try await client.execute(uri: "/logout", method: .post, headers: headers, body: form(["csrf": csrf])) {
        #expect($0.status == .seeOther)
      }
      // The old session no longer writes.
      try await client.execute(uri: "/review", method: .get, headers: headers) { response in
        #expect(!response.text.contains("/accept\""))
      }
    }
    let store = try LedgerStore.open(path: path)
    #expect(try store.candidate(pending[0].candidate.id).state == .rejected)
    #expect(try store.candidate(pending[1].candidate.id).state == .accepted)
    let history = try store.history()
    #expect(history.suffix(2).map(\.actor) == ["web", "web"])
    #expect(history.suffix(2).map(\.reason) == ["not a deal", "checked"])
  }

  @Test("the API decides candidates with the bearer token only")
  func reviewByAPI() async throws {
    let folder = try TemporaryFolder()
    let path = try storeWithCandidates(folder)
    let app = try application(store: path)
    try await app.test(.router) { client in
      let id = try await client.execute(uri: "/api/v1/review", method: .get) { response in
        let pending = response.json["pending"] as? [[String: Any]] ?? []
        return try #require((pending.first?["candidate"] as? [String: Any])?["id"] as? String)
      }
      try await client.execute(
        uri: "/api/v1/review/\(id)/reject", method: .post, headers: .json(), body: ByteBuffer(string: #"{"why": "x"}"#)
      ) { #expect($0.status == .unauthorized) }
      try await client.execute(
        uri: "/api/v1/review/\(id)/reject", method: .post, headers: .json(token: testToken),
        body: ByteBuffer(string: #"{"why": ""}"#)
      ) { response in
        #expect(response.status == .unprocessableContent)
        #expect(response.errorField == "why")
      }
      try await client.execute(
        uri: "/api/v1/review/\(id)/accept", method: .post, headers: .json(token: testToken),
        body: ByteBuffer(string: #"{"set": [null]}"#)
      ) { response in
        #expect(response.status == .unprocessableContent)
        #expect(response.errorField == "set")
      }
      try await client.execute(
        uri: "/api/v1/review/\(id)/accept", method: .post, headers: .json(token: testToken),
        body: ByteBuffer(string: "[]")
      ) { #expect($0.status == .badRequest) }
      try await client.execute(
        uri: "/api/v1/review/nope/reject", method: .post, headers: .json(token: testToken),
        body: ByteBuffer(string: #"{}"#)
      ) { #expect($0.status == .notFound, "an unknown candidate is a 404 before the body is checked") }
      try await client.execute(
        uri: "/api/v1/review/\(id)/accept", method: .post, headers: .json(token: testToken),
        body: ByteBuffer(string: #"{"set": ["status=announced"], "why": "read the filing"}"#)
      ) { response in
        #expect(response.status == .ok, "\(response.text)")
        #expect((response.json["candidate"] as? [String: Any])?["state"] as? String == "accepted")
      }
      try await client.execute(
        uri: "/api/v1/review/nope/accept", method: .post, headers: .json(token: testToken)
      ) { #expect($0.status == .notFound) }
    }
  }

  @Test("the token is compared in full: prefixes, longer strings and other schemes are refused")
  func tokenComparison() {
    #expect(Security.constantTimeEqual(testToken, testToken))
    #expect(!Security.constantTimeEqual(testToken, String(testToken.dropLast())))
    #expect(!Security.constantTimeEqual(testToken, testToken + "x"))
    #expect(!Security.constantTimeEqual("", testToken))
    #expect(!Security.constantTimeEqual(testToken, testToken.uppercased()))
    #expect(Security.randomToken().count == 64)
    #expect(Security.randomToken() != Security.randomToken())
  }

  @Test("a body announced as too large is refused before it is read; forms need their content type")
  func limits() async throws {
    let folder = try TemporaryFolder()
    let app = try application(store: try seededStore(in: folder), maxBody: 2_048)
    try await app.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/stress", method: .post, headers: .json(),
        body: ByteBuffer(string: "{\"name\": \"" + String(repeating: "x", count: 3_000) + "\"}")
      ) { response in
        #expect(response.status == .contentTooLarge)
        #expect(response.errorMessage?.contains("2048") == true)
      }
      try await client.execute(uri: "/login", method: .post, headers: .json(), body: ByteBuffer(string: "{}")) {
        #expect($0.status == .unsupportedMediaType)
      }
    }
  }
}
