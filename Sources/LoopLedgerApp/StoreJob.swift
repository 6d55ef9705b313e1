import Foundation
import LoopLedger
import LoopLedgerIO
import LoopLedgerRender
import LoopLedgerStore

/// Who makes a change to the store and why: `--db`, `--actor`, `--why`.
public struct StoreSelection: Sendable, Equatable {
  /// `--db PATH`; nil for `LOOPLEDGER_DB` or the default place.
  public var database: String?
  /// `--actor`; nil for the operating-system user.
  public var actor: String?
  /// `--why`.
  public var reason: String?
  public var environment: [String: String]

  public init(
    database: String? = nil, actor: String? = nil, reason: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.database = database
    self.actor = actor
    self.reason = reason
    self.environment = environment
  }

  /// The store's place.
  public var location: StoreLocation { StoreLocation.resolve(flag: database, environment: environment) }

  /// The actor recorded in the history.
  public var who: String { actor.flatMap { $0.isEmpty ? nil : $0 } ?? LedgerStore.defaultActor }
}

/// What a store command does (`db …`, `deal …`, `company …`, `document add`, `review …`,
/// `history`, `undo`).
public enum StoreAction: Sendable, Equatable {
  /// `db init [--from NAME|FILE]`.
  case initialize(from: String)
  /// `db import FILE…`: ledger JSON, CSV edge list, extractor JSON (into the review queue),
  /// FollowTheMoney JSON lines.
  case importFiles([String])
  /// `db export --format ledger|csv|ftm`.
  case export(StoreExportFormat)
  /// `db status`.
  case status
  case dealAdd(DealID, set: [String])
  case dealEdit(DealID, set: [String])
  case dealRemove(DealID)
  case dealShow(DealID)
  case companyAdd(CompanyID, set: [String])
  case companyEdit(CompanyID, set: [String])
  case companyMerge(CompanyID, into: CompanyID)
  /// `document add ID --title T [--url U] [--publisher P] [--published DATE]`.
  case documentAdd(Document)
  case reviewList
  case reviewAccept(String, set: [String])
  case reviewReject(String)
  case reviewMerge(String, into: DealID)
  case history(deal: DealID?, since: PartialDate?)
  case undo(Int)
}

/// The formats of `db export`.
public enum StoreExportFormat: String, Sendable, CaseIterable {
  /// Ledger JSON v1: passes `validate` and gives every analysis the same result as the store.
  case ledger
  /// One row per deal, for spreadsheets (see docs/store.md for what it cannot carry).
  case csv
  /// FollowTheMoney entities as JSON lines (docs/ftm.md).
  case ftm
}

/// A store command: opens the store (creating it only for `db init`), makes one change or
/// reads, and says what it did.
public struct StoreJob: Job {
  public var store: StoreSelection
  public var action: StoreAction
  /// `-o FILE` for `db export`; nil for standard output.
  public var outputPath: String?

  public init(store: StoreSelection, action: StoreAction, outputPath: String? = nil) {
    self.store = store
    self.action = action
    self.outputPath = outputPath
  }

  public var inputs: [String] {
    var files = [store.location.path]
    switch action {
    case .importFiles(let paths): files += paths
    case .initialize(let from) where !BundledLedger.names.contains(from): files.append(from)
    default: break
    }
    return files
  }

  /// Checks what can be checked before the store is opened.
  ///
  /// - Throws: ``ArgumentValueError``.
  public func validate() throws {
    switch action {
    case .undo(let count) where count < 1 || count > 10_000:
      throw ArgumentValueError("'undo' takes a number of changes from 1 to 10000; found \(count).")
    case .importFiles(let files) where files.isEmpty:
      throw ArgumentValueError("'db import' needs at least one file.")
    case .reviewReject where (store.reason ?? "").allSatisfy(\.isWhitespace):
      throw ArgumentValueError("'review reject' needs a reason: --why TEXT.")
    case .companyMerge(let from, let into) where from == into:
      throw ArgumentValueError("'company merge' needs two different companies; both are '\(from)'.")
    default: break
    }
  }

  public func outputs(progress: ProgressLine) throws -> [Output] {
    let location = store.location
    if case .initialize(let from) = action {
      let source = LedgerSource(from)
      let ledger = try LedgerLoader.load(source)
      let opened = try LedgerStore.open(path: location.path)
      let report =
        if case .edgeList = source {
          try opened.initialize(from: ledger, actor: store.who, reason: store.reason)
        } else {
          // A bundled ledger or a ledger file: `LedgerFile.decode` validated it just now.
          try opened.initialize(decoded: ledger, actor: store.who, reason: store.reason)
        }
      return [
        Output(
          "\(location.path): created from \(from) — \(ledger.companies.count) companies, \(ledger.deals.count) deals, \(ledger.facts.count) facts, \(ledger.documents.count) documents\(Self.changeNote(report.change))\n",
          to: .standardOutput)
      ]
    }
    let opened = try location.openExisting()
    return try perform(on: opened, progress: progress)
  }

  private func perform(on db: LedgerStore, progress: ProgressLine) throws -> [Output] {
    let who = store.who
    let why = store.reason
    func say(_ text: String) -> [Output] { [Output(text + "\n", to: .standardOutput)] }
    switch action {
    case .initialize:
      return []
    case .importFiles(let files):
      var lines: [String] = []
      for file in files { lines.append(try importFile(file, into: db, actor: who, reason: why)) }
      return say(lines.joined(separator: "\n"))
    case .export(let format):
      let text: String
      switch format {
      case .ledger: text = String(decoding: try LedgerFile.encode(try db.exportLedger()), as: UTF8.self)
      case .ftm: text = String(decoding: try db.exportFollowTheMoney(), as: UTF8.self)
      case .csv: text = StoreCSV.encode(try db.exportLedger())
      }
      return [Output(text.hasSuffix("\n") ? text : text + "\n", to: OutputTarget(outputPath))]
    case .status:
      return say(try Self.status(db))
    case .dealAdd(let id, let assignments):
      var deal = Deal(
        id: id, payer: CompanyID(""), payee: CompanyID(""), kind: .other, amount: Amount(qualifier: .unstated),
        status: .announced, sources: [])
      try DealAssignments.apply(assignments, to: &deal)
      try Self.requireFields(of: deal, assignments)
      let duplicates = try db.likelyDuplicates(of: deal)
      let change = try db.addDeal(deal, actor: who, reason: why)
      var text = "deal \(id) added\(Self.changeNote(change))"
      if !duplicates.isEmpty {
        text +=
          "\nnote: it looks like \(duplicates.map(\.rawValue).joined(separator: ", ")) (same payer, payee and kind, overlapping amount, dates within a month); if it is the same deal, `loopledger undo` and add the source to that deal instead"
      }
      return say(text)
    case .dealEdit(let id, let assignments):
      let change = try db.editDeal(id, set: assignments, actor: who, reason: why)
      return say(change.map { "deal \(id) changed\(Self.changeNote($0))" } ?? "deal \(id): nothing to change")
    case .dealRemove(let id):
      let change = try db.removeDeal(id, actor: who, reason: why)
      return say("deal \(id) removed (kept as a tombstone; `loopledger undo` brings it back)\(Self.changeNote(change))")
    case .dealShow(let id):
      let stored = try db.showDeal(id)
      var text = try JSONOutput.string(stored.deal)
      if let change = stored.removedByChange { text = "removed by change \(change)\n" + text }
      return say(text)
    case .companyAdd(let id, let assignments):
      var company = Company(id: id)
      try CompanyAssignments.apply(assignments, to: &company)
      let change = try db.addCompany(company, actor: who, reason: why)
      return say("company \(id) added\(Self.changeNote(change))")
    case .companyEdit(let id, let assignments):
      let change = try db.editCompany(id, set: assignments, actor: who, reason: why)
      return say(change.map { "company \(id) changed\(Self.changeNote($0))" } ?? "company \(id): nothing to change")
    case .companyMerge(let from, let into):
      let change = try db.mergeCompany(from, into: into, actor: who, reason: why)
      return say(
        "company \(from) merged into \(into): every reference rewritten, its names kept as aliases\(Self.changeNote(change))"
      )
    case .documentAdd(let document):
      let change = try db.addDocument(document, actor: who, reason: why)
      return say("document \(document.id) added\(Self.changeNote(change))")
    case .reviewList:
      return say(try Self.reviewText(db.pending()))
    case .reviewAccept(let id, let assignments):
      let change = try db.accept(id, overrides: assignments, actor: who, reason: why)
      let deal = try db.candidate(id).dealID.map { " as deal \($0)" } ?? ""
      return say("candidate \(id) accepted\(deal)\(Self.changeNote(change))")
    case .reviewReject(let id):
      let change = try db.reject(id, why: why ?? "", actor: who)
      return say("candidate \(id) rejected\(Self.changeNote(change))")
    case .reviewMerge(let id, let deal):
      let change = try db.merge(id, into: deal, actor: who, reason: why)
      return say("candidate \(id) merged into deal \(deal) as one more source\(Self.changeNote(change))")
    case .history(let deal, let since):
      let changes = try deal.map { try db.history(deal: $0, since: since) } ?? db.history(since: since)
      return say(Self.historyText(changes))
    case .undo(let count):
      let changes = try db.undo(count, actor: who, reason: why)
      return say(
        changes.map { "change \($0.id): undid change \($0.undoes.map(String.init) ?? "?") (\($0.command))" }.joined(
          separator: "\n"))
    }
  }

  /// Imports one file by what it holds: a ledger JSON (`"format": "loopledger-ledger"`), an
  /// extractor JSON (`"format": "loopledger-extract"`, into the review queue), FollowTheMoney
  /// JSON lines (a first line with `"schema"`), or a CSV edge list (`.csv`).
  private func importFile(_ file: String, into db: LedgerStore, actor: String, reason: String?) throws -> String {
    let data = try InputFile.read(file)
    let kind = Self.kind(of: data, file: file)
    switch kind {
    case .ledger:
      let report = try db.importLedgerFile(
        data, file: file, resolveBase: { try LedgerLoader.load($0) }, actor: actor, reason: reason)
      return Self.importText(file, report)
    case .csv:
      let ledger = try LedgerLoader.load(file)
      return Self.importText(file, try db.importLedger(ledger, actor: actor, reason: reason ?? "CSV import of \(file)"))
    case .extract:
      let report = try db.enqueue(extractJSON: data, file: file, actor: actor, reason: reason)
      return
        "\(file): \(report.queued.count) candidate(s) queued for review, \(report.alreadyQueued) already in the queue\(Self.changeNote(report.change)); see `loopledger review`"
    case .ftm:
      return Self.importText(file, try db.importFollowTheMoney(data, file: file, actor: actor, reason: reason))
    case .unknown(let what):
      throw StoreError.badInput(
        file: file,
        problems: [
          "\(what); db import reads a ledger JSON (\"format\": \"loopledger-ledger\"), the output of `loopledger extract --format json`, FollowTheMoney JSON lines, or a CSV edge list (.csv)"
        ])
    }
  }

  enum ImportKind: Equatable {
    case ledger, extract, ftm, csv
    case unknown(String)
  }

  static func kind(of data: Data, file: String) -> ImportKind {
    if file.lowercased().hasSuffix(".csv") { return .csv }
    let text = String(decoding: data.prefix(1 << 20), as: UTF8.self)
    let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
    guard trimmed.first == "{" else { return .unknown("it is not JSON (it does not start with '{')") }
    let firstLine = trimmed.prefix { $0 != "\n" }
    if let line = firstLine.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
      object["schema"] is String, object["properties"] != nil
    {
      return .ftm
    }
    // A file whose first key is "format" (as LoopLedger writes ledgers) is told by it, without
    // parsing a large ledger twice; otherwise the whole object is read for its "format".
    let opening = String(trimmed.prefix(4096))
    let format: String?
    if let match = opening.firstMatch(of: /^\{\s*"format"\s*:\s*"([^"\\]*)"/) {
      format = String(match.1)
    } else if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
      format = object["format"] as? String
    } else {
      return .ledger  // not valid JSON: the ledger reader says where
    }
    switch format {
    case "loopledger-ledger": return .ledger
    case "loopledger-extract": return .extract
    case let other?: return .unknown("its format is \"\(other)\"")
    case nil: return .ledger  // the ledger reader names what is missing
    }
  }

  static func importText(_ file: String, _ report: ImportReport) -> String {
    var text =
      "\(file): \(report.added.count) added, \(report.updated.count) updated, \(report.unchanged) unchanged"
    if !report.restored.isEmpty { text += ", \(report.restored.count) restored" }
    text += changeNote(report.change)
    for match in report.likelyDuplicates {
      text += "\n  likely duplicate: deal \(match.deal) looks like \(match.existing) already in the store"
    }
    return text
  }

  static func changeNote(_ change: Change?) -> String {
    guard let change else { return " (nothing changed)" }
    return " (change \(change.id), by \(change.actor))"
  }

  static func requireFields(of deal: Deal, _ assignments: [String]) throws {
    var missing: [String] = []
    if deal.payer.rawValue.isEmpty { missing.append("payer") }
    if deal.payee.rawValue.isEmpty { missing.append("payee") }
    let fields = Set(assignments.map { String($0.prefix { $0 != "=" }) })
    if !fields.contains("kind") { missing.append("kind") }
    if !fields.contains("status") { missing.append("status") }
    if deal.sources.isEmpty { missing.append("source") }
    if !missing.isEmpty {
      throw StoreError.badInput(
        file: "--set",
        problems: missing.map { field in
          field == "source"
            ? "source: missing; every deal needs one: --set source=DOCUMENT:QUOTE (add the document with `loopledger document add`)"
            : "\(field): missing; give --set \(field)=…"
        })
    }
  }

  static func status(_ db: LedgerStore) throws -> String {
    let counts = try db.counts()
    var lines = [
      "store \(db.path)", "schema version \(try db.schemaVersionOnDisk()) (this build: \(LedgerStore.schemaVersion))",
    ]
    if try db.isInitialized() {
      let ledger = try db.loadLedger()
      lines.append("ledger \(ledger.id): \(ledger.title)")
      lines.append(
        "\(ledger.companies.count) companies, \(ledger.deals.count) deals, \(ledger.facts.count) facts, \(ledger.documents.count) documents"
      )
    } else {
      lines.append("no ledger yet: run `loopledger db init`")
    }
    let pending = try db.pending().count
    lines.append(
      "\(counts["change"] ?? 0) changes, latest \(try db.latestChangeID()); \(pending) candidate(s) waiting for review")
    let integrity = try db.integrityCheck()
    lines.append("integrity: \(integrity.joined(separator: "; "))")
    return lines.joined(separator: "\n")
  }

  static func reviewText(_ entries: [ReviewEntry]) -> String {
    if entries.isEmpty { return "no candidates waiting for review" }
    var lines: [String] = []
    for entry in entries {
      let c = entry.candidate
      let x = c.extracted
      let amount = x.amount.asWritten ?? x.amount.qualifier
      lines.append(
        "[\(c.id)] \(x.payer.name) → \(x.payee.name): \(x.kind), \(amount), \(x.status), confidence \(String(format: "%.2f", x.confidence))"
      )
      lines.append("    \(c.articleFile)\(c.articleDate.map { " (\($0))" } ?? ""): “\(x.quote)”")
      if !entry.duplicates.isEmpty {
        lines.append(
          "    likely the same as \(entry.duplicates.map(\.rawValue).joined(separator: ", ")): review merge \(c.id) --into \(entry.duplicates[0])"
        )
      }
      for problem in entry.problems { lines.append("    cannot be accepted as is: \(problem) (fix with --set)") }
    }
    lines.append("")
    lines.append(
      "accept: loopledger review accept ID [--set field=value …]; reject: loopledger review reject ID --why TEXT; merge: loopledger review merge ID --into DEAL"
    )
    return lines.joined(separator: "\n")
  }

  static func historyText(_ changes: [Change]) -> String {
    if changes.isEmpty { return "no changes" }
    return changes.map { change in
      var line = "\(change.id)  \(change.time)  \(change.actor)  \(change.command)"
      if let undoes = change.undoes { line += " (undoes \(undoes))" }
      let entities = change.items.prefix(6).map { "\($0.kind.rawValue) \($0.entityID)" }
      if !entities.isEmpty {
        line +=
          "  — " + entities.joined(separator: ", ")
          + (change.items.count > 6 ? ", … (\(change.items.count) in all)" : "")
      }
      if let reason = change.reason { line += "\n    why: \(reason)" }
      return line
    }.joined(separator: "\n")
  }
}

/// The CSV of `db export --format csv`, one row per deal.
///
/// Each row has the amount as the ledger keeps it (qualifier, figures, currency) and in US
/// dollars as an interval. `amount` is filled only when the USD
/// amount is one exact figure, so that `loopledger analyze` and `report --ledger FILE.csv` read the
/// file; a deal with no stated amount has an empty `amount`, never 0.
public enum StoreCSV {
  public static let header =
    "source,target,amount,kind,date,deal,status,qualifier,value,low,high,currency,usd_low,usd_high,as_written,first_source,derived_of,derived_low,derived_high"

  public static func encode(_ ledger: Ledger) -> String {
    var lines = [header]
    for deal in ledger.deals {
      let usd = ledger.usdInterval(of: deal.amount)
      let exact = usd.flatMap { $0.low != nil && $0.low == $0.high ? $0.low : nil }
      let fields: [String?] = [
        deal.payer.rawValue, deal.payee.rawValue, exact.map(number), deal.kind.rawValue,
        deal.announced?.description, deal.id.rawValue, deal.status.rawValue, deal.amount.qualifier.rawValue,
        deal.amount.value.map(number), deal.amount.low.map(number), deal.amount.high.map(number),
        deal.amount.currency, usd?.low.map(number), usd?.high.map(number), deal.amount.asWritten,
        deal.sources.first.map { "\($0.document): \($0.quote)" }, deal.amount.derived?.of.rawValue,
        deal.amount.derived.map { number($0.low) }, deal.amount.derived.map { number($0.high) },
      ]
      lines.append(fields.map { quote($0 ?? "") }.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e17 ? String(Int64(value)) : String(value)
  }

  static func quote(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
