import Foundation
import HTTPTypes
import Hummingbird
import Logging
import LoopLedger
import LoopLedgerApp
import LoopLedgerRender
import LoopLedgerStore
import NIOCore

/// The server's one application, used by `loopledger serve` and by the tests.
///
/// Routes: the pages (`/`, `/loops`, `/companies`, `/deals`, `/stress`, `/projection`,
/// `/review`, `/login`), the JSON API under `/api/v1` (described by `/api/v1/openapi.json`),
/// and the stylesheet and script under `/static`.
///
/// - Throws: When the ledger cannot be opened (a `--db` that does not exist, a bad file).
public func buildApplication(
  configuration: WebConfiguration, logger: Logger = Logger(label: "loopledger.serve"),
  onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
  let web = try WebApp(configuration: configuration, logger: logger)
  let router = Router(context: BasicRequestContext.self)
  router.add(middleware: AccessLogMiddleware(logger: logger))
  router.add(middleware: SecurityHeadersMiddleware())
  router.add(middleware: ErrorMiddleware(web: web))
  router.add(middleware: BodyLimitMiddleware(limit: configuration.maxBody))
  web.addPageRoutes(to: router)
  web.addAPIRoutes(to: router)
  return Application(
    responder: HeadAsGet(inner: router.buildResponder()),
    // Idle a little longer than a body may take, so a slow body gets its 408 before the close.
    server: .http1(
      configuration: .init(idleTimeout: .milliseconds(Int64(configuration.requestTimeout * 1_000) + 2_000))),
    configuration: ApplicationConfiguration(
      address: .hostname(configuration.host, port: configuration.port), serverName: "LoopLedger"),
    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
    logger: logger)
}

/// What every route shares: the ledger, who may write, the limits.
struct WebApp: Sendable {
  let configuration: WebConfiguration
  let service: LedgerService
  let security: Security
  let logger: Logger

  init(configuration: WebConfiguration, logger: Logger) throws {
    self.configuration = configuration
    self.service = try LedgerService(selection: configuration.ledger)
    self.security = Security(token: configuration.token)
    self.logger = logger
  }

  /// Whether writes are possible: a store and a token.
  var writable: Bool { service.store != nil && security.writesEnabled }

  /// The store's path, scrubbed from error messages.
  var storePath: String? { service.store?.path }

  /// The language of a request: `?lang=`, else the cookie, else Accept-Language, else English.
  static func language(of request: Request) -> Language {
    if let asked = request.uri.queryParameters.get("lang"), let language = Language(rawValue: asked) {
      return language
    }
    if let cookie = request.cookies[languageCookie]?.value, let language = Language(rawValue: cookie) {
      return language
    }
    let accept = (request.headers[.acceptLanguage] ?? "").lowercased()
    for part in accept.split(separator: ",") {
      let tag = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      if tag.hasPrefix("zh-hant") || tag == "zh-tw" || tag == "zh-hk" || tag == "zh-mo" { return .traditionalChinese }
      if tag.hasPrefix("zh") { return .simplifiedChinese }
      if tag.hasPrefix("en") { return .english }
    }
    return .english
  }

  static let languageCookie = "loopledger_lang"

  /// A query parameter as an integer in `range`, or the default; 400 naming the parameter.
  static func integer(_ request: Request, _ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int
  {
    guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return value }
    guard let number = Int(text), range.contains(number) else {
      throw WebError(
        .badRequest,
        "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound); found '\(VisibleText.escape(text, newlines: false))'.",
        field: name)
    }
    return number
  }

  /// A query parameter as a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or nil; 400 naming the parameter.
  static func date(_ request: Request, _ name: String) throws -> PartialDate? {
    guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return nil }
    guard let date = PartialDate(String(text)) else {
      throw WebError(
        .badRequest,
        "'\(name)' must be a date written YYYY, YYYY-MM or YYYY-MM-DD; found '\(VisibleText.escape(String(text), newlines: false))'.",
        field: name)
    }
    return date
  }

  /// The request body, at most the configured size, within the configured time.
  ///
  /// - Throws: 413 when larger, 408 when it does not arrive in time.
  func body(_ request: Request) async throws -> ByteBuffer {
    let limit = configuration.maxBody
    let timeout = configuration.requestTimeout
    return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
      group.addTask {
        do {
          var copy = request
          return try await copy.collectBody(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
          throw WebError(.contentTooLarge, "The request body is larger than \(limit) bytes (--max-body).")
        }
      }
      group.addTask {
        try await Task.sleep(for: .seconds(timeout))
        return nil
      }
      defer { group.cancelAll() }
      guard let first = try await group.next(), let buffer = first else {
        throw WebError(.requestTimeout, "The request body did not arrive within \(Int(timeout)) seconds.")
      }
      return buffer
    }
  }

  /// A JSON body: 415 unless the content type is JSON.
  func jsonBody(_ request: Request) async throws -> Data {
    let type = (request.headers[.contentType] ?? "").lowercased()
    guard type.hasPrefix("application/json") else {
      throw WebError(
        .unsupportedMediaType,
        "Send JSON with 'Content-Type: application/json'; got '\(type.isEmpty ? "none" : type)'.",
        field: "Content-Type")
    }
    return Data(try await body(request).readableBytesView)
  }

  /// A form body (`application/x-www-form-urlencoded`) as a dictionary; 415 for other types.
  func formBody(_ request: Request) async throws -> [String: String] {
    let type = (request.headers[.contentType] ?? "").lowercased()
    guard type.hasPrefix("application/x-www-form-urlencoded") else {
      throw WebError(
        .unsupportedMediaType, "Send the form as application/x-www-form-urlencoded.", field: "Content-Type")
    }
    let text = String(buffer: try await body(request))
    return Self.parseForm(text)
  }

  /// `a=1&b=x+y` → ["a": "1", "b": "x y"]; the first value of a repeated name wins.
  static func parseForm(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
      }
      let name = decode(parts[0])
      if result[name] == nil { result[name] = parts.count > 1 ? decode(parts[1]) : "" }
    }
    return result
  }

  /// A response with `text` and its content type.
  static func response(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    response(text, type: "application/json; charset=utf-8", status: status)
  }

  static func redirect(_ location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
  }
}

/// Turns every error into an answer: JSON `{"error": …}` under `/api/`, an HTML page elsewhere;
/// nothing unexpected leaks (the log gets the details).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
  let web: WebApp

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    do {
      return try await next(request, context)
    } catch {
      let answer = WebError.from(error, storePath: web.storePath)
      if answer.status == .internalServerError {
        web.logger.error("unexpected error", metadata: ["path": .string(request.uri.path), "error": "\(error)"])
      }
      var response: Response
      if request.uri.path.hasPrefix("/api/") {
        response = WebApp.json(answer.json, status: answer.status)
      } else {
        let page = try web.pageContext(request)
        response = WebApp.response(
          WebPage(page).error(status: Int(answer.status.code), message: answer.message),
          type: "text/html; charset=utf-8",
          status: answer.status)
      }
      if answer.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
      return response
    }
  }
}

/// Refuses a body announced as larger than the limit before reading any of it (413).
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
  let limit: Int

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
      throw WebError(.contentTooLarge, "The request body is larger than \(limit) bytes (--max-body).")
    }
    return try await next(request, context)
  }
}

/// Answers HEAD as GET without the body (the router knows GET routes only).
struct HeadAsGet<Inner: HTTPResponder>: HTTPResponder {
  typealias Context = Inner.Context
  let inner: Inner

  func respond(to request: Request, context: Context) async throws -> Response {
    guard request.method == .head else { return try await inner.respond(to: request, context: context) }
    var head = request.head
    head.method = .get
    var response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
    response.body = ResponseBody()
    return response
  }
}
