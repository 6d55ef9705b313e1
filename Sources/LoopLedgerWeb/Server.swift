import Foundation
import Hummingbird
import Logging
import LoopLedger
import LoopLedgerApp
import Synchronization

/// `loopledger serve`: runs the application until SIGINT or SIGTERM, letting requests in flight
/// finish.
public enum Server {
  /// Starts the server and blocks until it stops.
  ///
  /// On start it says on standard error where it listens, which ledger it serves and whether
  /// writes are on (and why not).
  ///
  /// - Throws: When the ledger cannot be opened or the address cannot be bound.
  public static func run(configuration: WebConfiguration, quiet: Bool = false) throws {
    LoggingSystem.bootstrap(StreamLogHandler.standardError)
    var logger = Logger(label: "loopledger.serve")
    logger.logLevel = quiet ? .warning : .info
    let app = try buildApplication(configuration: configuration, logger: logger) { port in
      let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
      FileHandle.standardError.write(
        Data((startMessage(configuration: configuration, address: "http://\(host):\(port)") + "\n").utf8))
    }
    let failure = Mutex<(any Error)?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
      do {
        try await app.runService()
      } catch {
        failure.withLock { $0 = error }
      }
      done.signal()
    }
    done.wait()
    if let error = failure.withLock({ $0 }) { throw error }
  }

  /// The line said on start.
  static func startMessage(configuration: WebConfiguration, address: String) -> String {
    let ledger = configuration.ledger
    var source: String
    if let location = ledger.readsStore {
      source = "the ledger store \(location.path) (\(location.origin))"
    } else {
      source = "the ledger '\(ledger.source ?? BundledLedger.defaultName)' (read-only)"
    }
    var message = "loopledger: serving \(source) at \(address)"
    if ledger.readsStore == nil {
      message += "; writes are off (a fixed ledger: start with --db to keep one)"
    } else if configuration.token == nil {
      message += "; writes are off (no --token or LOOPLEDGER_TOKEN)"
    } else {
      message += "; writes need the token (API: Authorization: Bearer; pages: log in)"
    }
    return VisibleText.escape(message + ". Stop with Ctrl-C.")
  }
}
