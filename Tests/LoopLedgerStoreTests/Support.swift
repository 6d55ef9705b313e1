import Foundation
import LoopLedger
import LoopLedgerNews
import Synchronization
import Testing

@testable import LoopLedgerStore

/// A temporary folder; `withTemporaryFolder` removes it.
struct TemporaryFolder: Sendable {
  let path: String

  func file(_ name: String) -> String { path + "/" + name }
}

/// Runs `body` with a new temporary folder, and removes the folder afterwards.
func withTemporaryFolder(_ body: (TemporaryFolder) throws -> Void) throws {
  let folder = TemporaryFolder(path: NSTemporaryDirectory() + "loopledger-store-tests-" + UUID().uuidString)
  try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: folder.path) }
  try body(folder)
}

/// A clock that returns 2025-12-17T09:00:00Z plus one second per call, so history times differ.
final class TestClock: Sendable {
  private let ticks = Mutex(0)
  func now() -> Date {
    let tick = ticks.withLock { value -> Int in
      value += 1
      return value
    }
    return Date(timeIntervalSince1970: 1_765_962_000 + Double(tick))
  }
}

/// Opens a store in `folder` with a test clock.
func openStore(_ folder: TemporaryFolder, _ name: String = "ledger.sqlite") throws -> LedgerStore {
  let clock = TestClock()
  return try LedgerStore.open(path: folder.file(name), clock: { clock.now() })
}

/// Runs `body` with a new, empty store in a temporary folder.
func withEmptyStore(_ body: (LedgerStore, TemporaryFolder) throws -> Void) throws {
  try withTemporaryFolder { folder in
    let store = try openStore(folder)
    defer { try? store.close() }
    try body(store, folder)
  }
}

/// Runs `body` with a store holding a bundled ledger (change 1 is its `db init`).
func withStore(_ bundled: String, _ body: (LedgerStore, TemporaryFolder, Ledger) throws -> Void) throws {
  try withEmptyStore { store, folder in
    let ledger = try BundledLedger.load(bundled)
    try store.initialize(from: ledger, actor: "test", reason: "fixture")
    try body(store, folder, ledger)
  }
}

func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

/// The ledger JSON as LedgerFile writes it.
func encoded(_ ledger: Ledger) throws -> String { text(try LedgerFile.encode(ledger)) }

/// A deal between two seed companies, with the seed article as its source.
func sampleDeal(_ id: String = "nvidia-openai-test-2025", amount: Amount = .usd(5e9)) -> Deal {
  Deal(
    id: DealID(id), payer: "microsoft", payee: "openai", kind: .cloudContract, amount: amount,
    announced: PartialDate("2025-11-03"), status: .announced,
    sources: [Source(document: seedDocumentID, quote: "a test quote")])
}

/// The id of the seed ledger's one document.
let seedDocumentID: String = (try? BundledLedger.load("seed").documents.first?.id) ?? "?"

/// `loopledger extract --format json` of the seed article, as the extractor writes it.
func seedArticleExtractJSON() throws -> Data {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../LoopLedgerNewsTests/Fixtures/articles/seed.txt").standardized
  let article = try String(contentsOf: url, encoding: .utf8)
  let seed = try BundledLedger.load("seed")
  let extraction = DealExtractor(ledger: seed).extract(article, file: "seed.txt", date: PartialDate("2025-12-17"))
  return try ExtractReport(extractions: [extraction], ledger: seed, ledgerName: "seed").encoded()
}
