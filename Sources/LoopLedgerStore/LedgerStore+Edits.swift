import Foundation
import GRDB
import LoopLedger

/// A deal as the store keeps it: live, or a tombstone with the change that removed it.
public struct StoredDeal: Sendable, Equatable {
  public var deal: Deal
  /// The change that removed the deal, for a tombstone; nil for a live deal.
  public var removedByChange: Int64?
  public var isRemoved: Bool { removedByChange != nil }
}

extension LedgerStore {
  // MARK: - Deals

  /// Adds a deal (`deal add`).
  ///
  /// The resulting ledger is validated as a whole.
  ///
  /// - Throws: ``StoreError/alreadyExists(kind:id:detail:)`` if a live deal or a tombstone has the
  ///   id; ``StoreError/invalid(_:)`` listing every problem (unknown company, missing source, …).
  @discardableResult
  public func addDeal(
    _ deal: Deal, actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> Change {
    try requireChange(
      change("deal add", actor: actor, reason: reason) { staging in
        try Self.checkNewDealID(deal.id, staging.db)
        try staging.set(.deal, deal.id.rawValue, to: deal)
      }, "deal add")
  }

  /// Edits a live deal with `edit` (`deal edit`); its id cannot change.
  ///
  /// - Returns: The change, or nil when the edit changed nothing.
  @discardableResult
  public func editDeal(
    _ id: DealID, actor: String = LedgerStore.defaultActor, reason: String? = nil,
    _ edit: (inout Deal) throws -> Void
  ) throws -> Change? {
    try change("deal edit", actor: actor, reason: reason) { staging in
      guard var deal = try Tables.deals(staging.db, removed: false, id: id.rawValue).first?.deal else {
        throw try Self.missingDeal(id, staging.db)
      }
      try edit(&deal)
      guard deal.id == id else {
        throw StoreError.badAssignment(
          "id=\(deal.id)", problem: "a deal's id cannot change; remove it and add a new one")
      }
      try staging.set(.deal, id.rawValue, to: deal)
    }
  }

  /// Edits a live deal by field assignments such as `status=closed`, `amount.value=12B`
  /// (see ``DealAssignments``), all checked before anything is written.
  @discardableResult
  public func editDeal(
    _ id: DealID, set assignments: [String], actor: String = LedgerStore.defaultActor,
    reason: String? = nil
  ) throws -> Change? {
    try editDeal(id, actor: actor, reason: reason) { deal in
      try DealAssignments.apply(assignments, to: &deal)
    }
  }

  /// Removes a deal (`deal remove`): it leaves the ledger but is kept as a tombstone, and `undo`
  /// brings it back.
  @discardableResult
  public func removeDeal(
    _ id: DealID, actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> Change {
    try requireChange(
      change("deal remove", actor: actor, reason: reason) { staging in
        guard let stored = try Tables.deals(staging.db, removed: false, id: id.rawValue).first else {
          throw try Self.missingDeal(id, staging.db)
        }
        try staging.set(.deal, id.rawValue, json: nil)
        try staging.set(.removedDeal, id.rawValue, to: stored.deal, position: stored.position)
      }, "deal remove")
  }

  /// A deal by id, live or removed (`deal show`).
  public func showDeal(_ id: DealID) throws -> StoredDeal {
    try read { db in
      if let live = try Tables.deals(db, removed: false, id: id.rawValue).first {
        return StoredDeal(deal: live.deal, removedByChange: nil)
      }
      if let removed = try Tables.deals(db, removed: true, id: id.rawValue).first {
        return StoredDeal(deal: removed.deal, removedByChange: removed.removedBy)
      }
      throw StoreError.notFound(kind: "deal", id: id.rawValue)
    }
  }

  /// The stored deals that `deal` likely duplicates (see ``DuplicateRule``), for `deal add`.
  public func likelyDuplicates(of deal: Deal, rule: DuplicateRule = DuplicateRule()) throws -> [DealID] {
    let ledger = try loadLedger()
    return rule.matches(for: deal, among: ledger.deals, in: ledger)
  }

  static func checkNewDealID(_ id: DealID, _ db: Database) throws {
    if try Tables.current(.deal, id.rawValue, db) != nil {
      throw StoreError.alreadyExists(kind: "deal", id: id.rawValue, detail: "choose another id or edit it")
    }
    if let removed = try Tables.deals(db, removed: true, id: id.rawValue).first {
      throw StoreError.alreadyExists(
        kind: "deal", id: id.rawValue,
        detail:
          "it was removed by change \(removed.removedBy ?? 0); undo that change to restore it, or choose another id")
    }
  }

  static func missingDeal(_ id: DealID, _ db: Database) throws -> StoreError {
    if let removed = try Tables.deals(db, removed: true, id: id.rawValue).first {
      return StoreError.conflict(
        "The deal '\(id)' was removed by change \(removed.removedBy ?? 0); undo that change to restore it first.")
    }
    return StoreError.notFound(kind: "deal", id: id.rawValue)
  }

  func requireChange(_ change: Change?, _ command: String) throws -> Change {
    guard let change else { throw StoreError.conflict("\(path): `\(command)` changed nothing.") }
    return change
  }

  // MARK: - Documents

  /// Adds a document that sources can quote (`source add`).
  @discardableResult
  public func addDocument(
    _ document: Document, actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> Change {
    try requireChange(
      change("document add", actor: actor, reason: reason) { staging in
        if try Tables.current(.document, document.id, staging.db) != nil {
          throw StoreError.alreadyExists(kind: "document", id: document.id, detail: "")
        }
        try staging.set(.document, document.id, to: document)
      }, "document add")
  }

  // MARK: - Companies

  /// Adds a company (`company add`).
  @discardableResult
  public func addCompany(
    _ company: Company, actor: String = LedgerStore.defaultActor, reason: String? = nil
  ) throws -> Change {
    try requireChange(
      change("company add", actor: actor, reason: reason) { staging in
        if try Tables.current(.company, company.id.rawValue, staging.db) != nil {
          throw StoreError.alreadyExists(kind: "company", id: company.id.rawValue, detail: "edit it or merge into it")
        }
        try staging.set(.company, company.id.rawValue, to: company)
      }, "company add")
  }

  /// Edits a company with `edit` (`company edit`); its id cannot change (merge instead).
  @discardableResult
  public func editCompany(
    _ id: CompanyID, actor: String = LedgerStore.defaultActor, reason: String? = nil,
    _ edit: (inout Company) throws -> Void
  ) throws -> Change? {
    try change("company edit", actor: actor, reason: reason) { staging in
      guard var company = try Tables.companies(staging.db, id: id.rawValue).first?.1 else {
        throw StoreError.notFound(kind: "company", id: id.rawValue)
      }
      try edit(&company)
      guard company.id == id else {
        throw StoreError.badAssignment(
          "id=\(company.id)", problem: "a company's id cannot change; add the new company and merge the old one into it"
        )
      }
      try staging.set(.company, id.rawValue, to: company)
    }
  }

  /// Edits a company by assignments such as `name.zh-Hant=亞馬遜`, `parent=amazon`,
  /// `aliases=AMZN,亞馬遜` (see ``CompanyAssignments``).
  @discardableResult
  public func editCompany(
    _ id: CompanyID, set assignments: [String], actor: String = LedgerStore.defaultActor,
    reason: String? = nil
  ) throws -> Change? {
    try editCompany(id, actor: actor, reason: reason) { company in
      try CompanyAssignments.apply(assignments, to: &company)
    }
  }

  /// Merges company `merged` into `target` (`company merge`).
  ///
  /// Every deal (tombstones too), fact, parent link and pending candidate naming `merged` is
  /// rewritten to `target`; `merged`'s names and aliases become aliases of `target`; `merged` is
  /// removed. One change: `undo` reverts all.
  ///
  /// - Throws: ``StoreError/notFound(kind:id:)``; ``StoreError/invalid(_:)`` when the merge
  ///   would make a deal pay itself (a deal between the two companies).
  @discardableResult
  public func mergeCompany(
    _ merged: CompanyID, into target: CompanyID, actor: String = LedgerStore.defaultActor,
    reason: String? = nil
  ) throws -> Change {
    guard merged != target else {
      throw StoreError.conflict("Cannot merge the company '\(merged)' into itself.")
    }
    return try requireChange(
      change("company merge", actor: actor, reason: reason ?? "merge \(merged) into \(target)") { staging in
        let db = staging.db
        guard let old = try Tables.companies(db, id: merged.rawValue).first?.1 else {
          throw StoreError.notFound(kind: "company", id: merged.rawValue)
        }
        guard var kept = try Tables.companies(db, id: target.rawValue).first?.1 else {
          throw StoreError.notFound(kind: "company", id: target.rawValue)
        }
        var known = Set(
          [kept.names.english, kept.names.traditionalChinese, kept.names.simplifiedChinese].compactMap { $0 })
        known.formUnion(kept.aliases)
        for name in [old.names.english, old.names.traditionalChinese, old.names.simplifiedChinese].compactMap({ $0 })
          + old.aliases where known.insert(name).inserted
        {
          kept.aliases.append(name)
        }
        if kept.parent == merged { kept.parent = old.parent == target ? nil : old.parent }
        try staging.set(.company, target.rawValue, to: kept)
        func swap(_ id: CompanyID) -> CompanyID { id == merged ? target : id }
        for removed in [false, true] {
          for stored in try Tables.deals(db, removed: removed, id: nil)
          where stored.deal.payer == merged || stored.deal.payee == merged {
            var deal = stored.deal
            deal.payer = swap(deal.payer)
            deal.payee = swap(deal.payee)
            try staging.set(removed ? .removedDeal : .deal, deal.id.rawValue, to: deal)
          }
        }
        for (_, fact) in try Tables.facts(db) where fact.company == merged {
          var fact = fact
          fact.company = target
          try staging.set(.fact, fact.id, to: fact)
        }
        for (_, company) in try Tables.companies(db) where company.parent == merged && company.id != target {
          var company = company
          company.parent = target
          try staging.set(.company, company.id.rawValue, to: company)
        }
        for stored in try ReviewTables.candidates(db) where stored.candidate.state == .pending {
          var candidate = stored.candidate
          if candidate.extracted.payer.id == merged.rawValue { candidate.extracted.payer.id = target.rawValue }
          if candidate.extracted.payee.id == merged.rawValue { candidate.extracted.payee.id = target.rawValue }
          try staging.set(.candidate, candidate.id, to: candidate)
        }
        try staging.set(.company, merged.rawValue, json: nil)
      }, "company merge")
  }
}
