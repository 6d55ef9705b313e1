import Foundation
import HTTPTypes
import LoopLedger
import LoopLedgerApp
import LoopLedgerIO
import LoopLedgerRender
import LoopLedgerStore
import Synchronization

/// The server's ledger: the store (read and written) or a fixed ledger (a bundled name or a
/// file, read-only), with the default report computed once per version of the ledger and
/// rendered answers kept until the ledger changes.
///
/// A store's version is its latest change number, read on every request, so a change made by
/// another process (`loopledger deal add` at a terminal) shows on the next page load.
final class LedgerService: Sendable {
  /// The store, when the server serves one.
  let store: LedgerStore?
  /// The bundled name or file a fixed ledger came from.
  let fixedName: String
  private let fixedLedger: Ledger?
  private let selection: LedgerSelection
  private let state = Mutex(State())

  /// The most rendered answers kept for one version (older ones are dropped first).
  static let cacheLimit = 512

  /// One version of the ledger and what was computed from it.
  struct Snapshot: Sendable {
    var ledger: Ledger
    var version: Int64
    /// The report with the selection's filter and no limits beyond the defaults.
    var report: LoopReport
    var flows: LedgerFlows
  }

  private struct State {
    var snapshot: Snapshot?
    var rendered: [String: String] = [:]
    var order: [String] = []
    /// The timelines computed for this version, by period (the page and the API share them).
    var timelines: [TimelinePeriod: LedgerTimeline] = [:]
  }

  /// Opens the selection's ledger: the store it names, or the bundled ledger or file.
  ///
  /// - Throws: The store's or the loader's errors (a `--db` that does not exist, a bad file).
  init(selection: LedgerSelection) throws {
    var selection = selection
    selection.announcesStore = false
    self.selection = selection
    if let location = selection.readsStore {
      store = try location.openExisting()
      fixedLedger = nil
      fixedName = location.path
    } else {
      store = nil
      fixedLedger = try selection.load()
      fixedName = selection.source ?? BundledLedger.defaultName
    }
    _ = try snapshot()
  }

  /// Where the ledger comes from; `version` is a snapshot's, so a page reads the store's latest
  /// change number once, not twice.
  func origin(version: Int64?) throws -> WebLedgerOrigin {
    if let store { return .store(latestChange: try version ?? store.latestChangeID()) }
    return .fixed(name: (fixedName as NSString).lastPathComponent)
  }

  /// The ledger as it stands now, with its default report.
  func snapshot() throws -> Snapshot {
    let version = try store?.latestChangeID() ?? 0
    if let current = state.withLock({ $0.snapshot }), current.version == version { return current }
    var ledger: Ledger
    if let store {
      ledger = try store.loadLedger()
      let assumptions = try Assumption.parse(commandLine: selection.assumptions)
      if !assumptions.isEmpty { ledger = try ledger.assuming(assumptions) }
    } else if let fixedLedger {
      ledger = fixedLedger
    } else {
      throw WebError(.internalServerError, "internal error: no ledger")
    }
    let report = try LoopReport(ledger: ledger, options: LoopReportOptions(filter: selection.filter))
    let snapshot = Snapshot(
      ledger: ledger, version: version, report: report, flows: LedgerFlows(report: report, ledger: ledger))
    state.withLock { state in
      if (state.snapshot?.version ?? -1) <= version {
        state.snapshot = snapshot
        state.rendered = [:]
        state.order = []
        state.timelines = [:]
      }
    }
    return snapshot
  }

  /// The selection's filter (levels, statuses) every analysis of the server uses.
  var filter: GraphFilter { selection.filter }

  /// A rendered answer for `key` at `version`, made once and kept until the ledger changes.
  func rendered(_ key: String, version: Int64, make: () throws -> String) throws -> String {
    if let hit = state.withLock({ $0.snapshot?.version == version ? $0.rendered[key] : nil }) { return hit }
    let text = try make()
    state.withLock { state in
      guard state.snapshot?.version == version, state.rendered[key] == nil else { return }
      state.rendered[key] = text
      state.order.append(key)
      if state.order.count > Self.cacheLimit {
        let old = state.order.removeFirst()
        state.rendered[old] = nil
      }
    }
    return text
  }

  /// The ledger's timeline by `period` at `version`, made once and kept until the ledger changes.
  func timeline(_ period: TimelinePeriod, version: Int64, make: () throws -> LedgerTimeline) throws
    -> LedgerTimeline
  {
    if let hit = state.withLock({ $0.snapshot?.version == version ? $0.timelines[period] : nil }) { return hit }
    let timeline = try make()
    state.withLock { state in
      if state.snapshot?.version == version { state.timelines[period] = timeline }
    }
    return timeline
  }
}
