import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// Who may write: the bearer token of the API, the login sessions of the pages, and the CSRF
/// token every form carries.
///
/// Tokens are compared in constant time. A session is a random 256-bit id in an HttpOnly,
/// SameSite=Strict cookie, kept in memory (a restart logs everyone out) for at most
/// ``sessionLifetime``; at most ``sessionLimit`` live at once (the oldest go first).
final class Security: Sendable {
  let token: String?
  private let sessions = Mutex<[String: Date]>([:])

  static let sessionCookie = "loopledger_session"
  static let csrfCookie = "loopledger_csrf"
  static let sessionLifetime: TimeInterval = 12 * 3600
  static let sessionLimit = 1_000

  init(token: String?) { self.token = token }

  /// Whether writes are on at all.
  var writesEnabled: Bool { token != nil }

  /// Equal strings, in time that does not depend on where they differ.
  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var difference = UInt8(truncatingIfNeeded: x.count ^ y.count)
    for i in 0..<max(x.count, y.count) {
      difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
    }
    return difference == 0 && x.count == y.count
  }

  /// 32 random bytes as hex.
  static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
  }

  /// Whether `Authorization: Bearer …` carries the server's token.
  func bearerAllowed(_ request: Request) -> Bool {
    guard let token, let header = request.headers[.authorization] else { return false }
    let prefix = "Bearer "
    guard header.hasPrefix(prefix) else { return false }
    return Self.constantTimeEqual(String(header.dropFirst(prefix.count)), token)
  }

  /// Checks a write to the API: 401 without the right token, 403 with writes off.
  func requireBearer(_ request: Request, storeAvailable: Bool) throws {
    guard writesEnabled, storeAvailable else {
      throw WebError(
        .forbidden,
        storeAvailable
          ? "Writes are off: the server was started without a token (--token or LOOPLEDGER_TOKEN)."
          : "Writes are off: the server serves a fixed ledger; start it on a ledger store (--db) to write.")
    }
    guard bearerAllowed(request) else {
      throw WebError(.unauthorized, "This request changes the ledger: send 'Authorization: Bearer <token>'.")
    }
  }

  /// Starts a session for a user who gave the right token; nil for a wrong one.
  func logIn(with given: String) -> String? {
    guard let token, Self.constantTimeEqual(given, token) else { return nil }
    let id = Self.randomToken()
    sessions.withLock { sessions in
      let now = Date()
      sessions = sessions.filter { $0.value > now }
      if sessions.count >= Self.sessionLimit, let oldest = sessions.min(by: { $0.value < $1.value }) {
        sessions[oldest.key] = nil
      }
      sessions[id] = now.addingTimeInterval(Self.sessionLifetime)
    }
    return id
  }

  func logOut(_ request: Request) {
    guard let id = request.cookies[Self.sessionCookie]?.value else { return }
    _ = sessions.withLock { $0.removeValue(forKey: id) }
  }

  /// Whether the request carries a live session.
  func isLoggedIn(_ request: Request) -> Bool {
    guard writesEnabled, let id = request.cookies[Self.sessionCookie]?.value else { return false }
    return sessions.withLock { sessions in
      guard let expiry = sessions[id] else { return false }
      if expiry < Date() {
        sessions[id] = nil
        return false
      }
      return true
    }
  }

  /// The request's CSRF cookie value, if it has a well-formed one.
  static func csrfCookieValue(_ request: Request) -> String? {
    guard let value = request.cookies[csrfCookie]?.value, value.count == 64,
      value.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
    else { return nil }
    return value
  }

  /// Checks a form's `csrf` field against the CSRF cookie (403 when they differ or either lacks).
  static func requireCSRF(_ request: Request, form: [String: String]) throws {
    guard let cookie = csrfCookieValue(request), let field = form["csrf"], constantTimeEqual(cookie, field) else {
      throw WebError(
        .forbidden, "The form's security token is missing or out of date: reload the page and send it again.",
        field: "csrf")
    }
  }

  static func cookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
    Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: false, httpOnly: true, sameSite: .strict)
  }
}

/// Security headers on every response: a Content-Security-Policy without inline script, no
/// sniffing, no framing, no referrer across origins.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  static var policy: String {
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
      + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
  }

  static var frameOptions: HTTPField.Name { .named("X-Frame-Options") }
  static var referrerPolicy: HTTPField.Name { .named("Referrer-Policy") }
  static var openerPolicy: HTTPField.Name { .named("Cross-Origin-Opener-Policy") }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response = try await next(request, context)
    response.headers[.contentSecurityPolicy] = Self.policy
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[Self.frameOptions] = "DENY"
    response.headers[Self.referrerPolicy] = "same-origin"
    response.headers[Self.openerPolicy] = "same-origin"
    if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    return response
  }
}

/// One structured log line per request.
///
/// It holds the method, the path (without the query, which may hold form values), the status and
/// the duration; never a header, a cookie or a token.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
  let logger: Logger

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    let start = ContinuousClock.now
    let response = try await next(request, context)
    let elapsed = ContinuousClock.now - start
    let ms = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
    logger.info(
      "request",
      metadata: [
        "method": .string(request.method.rawValue), "path": .string(request.uri.path),
        "status": .stringConvertible(response.status.code), "duration_ms": .string(String(format: "%.2f", ms)),
      ])
    return response
  }
}

extension HTTPField.Name {
  /// A header name written in this file (a valid token, so the check cannot fail).
  static func named(_ text: String) -> HTTPField.Name {
    guard let name = HTTPField.Name(text) else { preconditionFailure("'\(text)' is not a header name") }
    return name
  }
}
