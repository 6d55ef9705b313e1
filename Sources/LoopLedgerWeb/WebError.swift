import Foundation
import HTTPTypes
import Hummingbird
import LoopLedger
import LoopLedgerIO
import LoopLedgerRender
import LoopLedgerStore

/// An error as the server answers it: an HTTP status, a message in words (the CLI's message where
/// the CLI has one), the field it concerns, and every problem when there are several.
///
/// The message never holds a file path or a stack trace: a store's path is replaced by "the
/// ledger store", and an error the server did not expect is answered as "internal error" (its
/// details go to the log only).
struct WebError: Error, Sendable {
  var status: HTTPResponse.Status
  var message: String
  var field: String?
  var problems: [Problem] = []

  struct Problem: Sendable, Encodable {
    var entry: String?
    var field: String?
    var problem: String
    var line: Int?
    var column: Int?
  }

  init(_ status: HTTPResponse.Status, _ message: String, field: String? = nil, problems: [Problem] = []) {
    self.status = status
    self.message = message
    self.field = field
    self.problems = problems
  }

  static func notFound(_ what: String) -> WebError { WebError(.notFound, what) }

  /// The answer for any error a handler threw.
  ///
  /// - Parameters:
  ///   - error: What the handler threw.
  ///   - storePath: The store's path, scrubbed from messages.
  /// - Returns: The status, message, field and problems to answer with.
  static func from(_ error: any Error, storePath: String?) -> WebError {
    var result: WebError
    switch error {
    case let error as WebError:
      result = error
    case let error as LedgerError:
      switch error {
      case .invalid(_, let issues):
        result = WebError(
          .unprocessableContent, error.description, field: issues.first.flatMap { Self.fieldPath($0) },
          problems: issues.map {
            Problem(
              entry: $0.entry.isEmpty ? nil : $0.entry, field: $0.field.isEmpty ? nil : $0.field, problem: $0.problem,
              line: $0.line, column: $0.column)
          })
      case .unknownDeal, .unknownCompany, .noSuchCompany:
        result = WebError(.notFound, error.description)
      default:
        result = WebError(.unprocessableContent, error.description)
      }
    case let error as StoreError:
      switch error {
      case .notFound: result = WebError(.notFound, error.description)
      case .alreadyExists: result = WebError(.conflict, error.description, field: "id")
      case .conflict: result = WebError(.conflict, error.description)
      case .busy: result = WebError(.serviceUnavailable, error.description)
      case .badAssignment: result = WebError(.unprocessableContent, error.description, field: "set")
      case .invalid(let inner):
        // The ledger after the change would not validate: its entries' places are the store's,
        // not fields of the request.
        result = from(inner, storePath: storePath)
        result.field = nil
      case .badInput(_, let problems):
        result = WebError(
          .unprocessableContent, error.description, problems: problems.map { Problem(problem: $0) })
      case .notInitialized: result = WebError(.conflict, error.description)
      default: result = WebError(.internalServerError, "internal error: the ledger store cannot be used")
      }
    case let error as ArgumentValueError:
      result = WebError(.badRequest, error.message)
    case let error as ProjectionError:
      let field: String =
        switch error {
        case .fromBeforeLedger: "from"
        case .badWindow: "to"
        case .badPaths: "paths"
        }
      result = WebError(.unprocessableContent, error.description, field: field)
    case let error as ChartDataError:
      result = WebError(.unprocessableContent, error.description)
    case let error as HTTPError:
      result = WebError(error.status, error.body ?? error.status.reasonPhrase)
    default:
      result = WebError(.internalServerError, "internal error")
    }
    if let storePath, !storePath.isEmpty {
      result.message = result.message.replacingOccurrences(of: storePath, with: "the ledger store")
    }
    return result
  }

  static func fieldPath(_ issue: LedgerIssue) -> String? {
    let parts = [issue.entry, issue.field].filter { !$0.isEmpty }
    return parts.isEmpty ? nil : parts.joined(separator: ".")
  }

  /// `{"error": {"message": …, "field": …, "problems": […]}}`.
  var json: String {
    struct Body: Encodable {
      struct Inner: Encodable {
        var message: String
        var field: String?
        var problems: [Problem]?
      }
      var error: Inner
    }
    let body = Body(error: .init(message: message, field: field, problems: problems.isEmpty ? nil : problems))
    return (try? JSONOutput.string(body)) ?? #"{"error":{"message":"internal error"}}"#
  }
}
