import Foundation
import LoopLedger
import LoopLedgerApp

/// How `loopledger serve` runs: where it listens, which ledger it serves, who may write.
public struct WebConfiguration: Sendable {
  /// The address to bind; 127.0.0.1 unless a user asks for more.
  public var host: String
  /// The port; 0 lets the system choose (the server says which on start).
  public var port: Int
  /// The ledger: a bundled name, a file, or the store (`--ledger`, `--db`, `LOOPLEDGER_DB`, the
  /// default store), resolved as for every other command.
  public var ledger: LedgerSelection
  /// The bearer token writes need; nil turns writes off.
  public var token: String?
  /// The largest request body taken, in bytes.
  public var maxBody: Int
  /// How long a request body may take to arrive, and a connection may stay idle, in seconds.
  public var requestTimeout: Double
  /// The most simulated paths a projection request may ask for.
  public var maxProjectionPaths: Int

  public static let defaultMaxBody = 1 << 20

  public init(
    host: String = "127.0.0.1", port: Int = 8080, ledger: LedgerSelection = LedgerSelection(announcesStore: false),
    token: String? = nil, maxBody: Int = defaultMaxBody, requestTimeout: Double = 30, maxProjectionPaths: Int = 20_000
  ) {
    self.host = host
    self.port = port
    self.ledger = ledger
    self.token = token
    self.maxBody = maxBody
    self.requestTimeout = requestTimeout
    self.maxProjectionPaths = maxProjectionPaths
  }

  /// Checks the values that can be checked before starting.
  ///
  /// - Throws: ``ArgumentValueError`` naming the option.
  public func validate() throws {
    guard (0...65_535).contains(port) else {
      throw ArgumentValueError("'--port \(port)' must be from 0 to 65535 (0: any free port).")
    }
    guard maxBody >= 1_024 else {
      throw ArgumentValueError("'--max-body \(maxBody)' is too small; give at least 1024 bytes.")
    }
    guard requestTimeout.isFinite, requestTimeout >= 1, requestTimeout <= 3_600 else {
      throw ArgumentValueError("'--request-timeout \(requestTimeout)' must be from 1 to 3600 seconds.")
    }
    if let token, token.count < 16 {
      throw ArgumentValueError(
        "The token must be at least 16 characters long (it is the only thing between the web and your ledger); it has \(token.count)."
      )
    }
    try ledger.validate()
  }
}
