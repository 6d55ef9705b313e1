import Foundation
import LoopLedger

/// One status line on standard error, rewritten in place; silent when stderr is not a terminal.
public final class ProgressLine: @unchecked Sendable {
  public let enabled: Bool

  /// A progress line that shows only when standard error is a terminal.
  public static func onTerminal() -> ProgressLine { ProgressLine(enabled: isatty(2) == 1) }

  public init(enabled: Bool) { self.enabled = enabled }

  public func update(_ message: String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[2K\(VisibleText.escape(message, newlines: false))".utf8))
  }

  public func finish(_ message: String?) {
    guard enabled else { return }
    let shown = message.map { VisibleText.escape($0, newlines: false) + "\n" } ?? ""
    FileHandle.standardError.write(Data(("\r\u{1B}[2K" + shown).utf8))
  }
}

/// Seconds in a `Duration`, as a `Double`.
public func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}
