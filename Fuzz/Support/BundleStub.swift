import Foundation

// Fuzz builds compile LoopLedger with swiftc, outside SwiftPM, so there is no resource bundle.
// The harnesses never load bundled ledgers; this stands in for the accessor SwiftPM generates.
extension Bundle {
  static let module = Bundle.main
}
