import GRDB

/// The store's schema, as a list of migrations.
///
/// **A migration is never edited once it is committed**: a database that ran `v1` must end up
/// with the same tables as every other. A change of schema is a new migration `vN` appended at the
/// end, and ``Schema/currentVersion`` is its number. Each migration sets `PRAGMA user_version` to
/// its number, so the version can be read without GRDB.
enum Schema {
  /// `PRAGMA application_id` of a LoopLedger store: "LOOP" in ASCII.
  static let applicationID: Int32 = 0x4C4F_4F50

  /// The migrations in order; `v1` … `vN`.
  static let identifiers = ["v1", "v2", "v3", "v4"]

  /// The schema version this build writes: the number of the last migration.
  static var currentVersion: Int { identifiers.count }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in try v1(db) }
    migrator.registerMigration("v2") { db in try v2(db) }
    migrator.registerMigration("v3") { db in try v3(db) }
    migrator.registerMigration("v4") { db in try v4(db) }
    return migrator
  }

  /// The number of a migration identifier `vN`, or nil.
  static func version(of identifier: String) -> Int? {
    guard identifier.hasPrefix("v") else { return nil }
    return Int(identifier.dropFirst())
  }

  // MARK: - v1: the ledger and its history

  private static func amountColumns(_ prefix: String) -> String {
    """
    \(prefix)_qualifier TEXT NOT NULL,
    \(prefix)_value REAL, \(prefix)_low REAL, \(prefix)_high REAL, \(prefix)_estimate REAL,
    \(prefix)_currency TEXT, \(prefix)_unit TEXT, \(prefix)_as_written TEXT,
    \(prefix)_assumed_low REAL, \(prefix)_assumed_high REAL, \(prefix)_assumed_estimate REAL,
    \(prefix)_assumed_reason TEXT
    """
  }

  private static func v1(_ db: Database) throws {
    try db.execute(
      sql: """
        PRAGMA application_id = \(applicationID);

        CREATE TABLE ledger_info (
          singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
          ledger_id TEXT NOT NULL,
          title TEXT NOT NULL,
          as_of TEXT
        );

        CREATE TABLE document (
          id TEXT PRIMARY KEY NOT NULL,
          position INTEGER NOT NULL,
          title TEXT NOT NULL,
          publisher TEXT,
          published TEXT,
          language TEXT,
          url TEXT,
          note TEXT
        );

        CREATE TABLE fx_rate (
          currency TEXT PRIMARY KEY NOT NULL,
          position INTEGER NOT NULL,
          per_usd REAL NOT NULL CHECK (per_usd > 0),
          as_of TEXT,
          source_document TEXT NOT NULL
            REFERENCES document(id) DEFERRABLE INITIALLY DEFERRED,
          source_quote TEXT NOT NULL,
          source_language TEXT
        );

        CREATE TABLE company (
          id TEXT PRIMARY KEY NOT NULL,
          position INTEGER NOT NULL,
          name_en TEXT NOT NULL,
          name_zh_hant TEXT,
          name_zh_hans TEXT,
          parent TEXT REFERENCES company(id) DEFERRABLE INITIALLY DEFERRED,
          role TEXT
        );

        CREATE TABLE company_alias (
          company_id TEXT NOT NULL REFERENCES company(id) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          alias TEXT NOT NULL,
          PRIMARY KEY (company_id, position)
        );

        -- A deal; `removed_by_change` is set on a tombstone (a removed deal, kept with its data).
        CREATE TABLE deal (
          id TEXT PRIMARY KEY NOT NULL,
          position INTEGER NOT NULL,
          payer TEXT NOT NULL REFERENCES company(id) DEFERRABLE INITIALLY DEFERRED,
          payee TEXT NOT NULL REFERENCES company(id) DEFERRABLE INITIALLY DEFERRED,
          kind TEXT NOT NULL,
          \(amountColumns("amount")),
          announced TEXT,
          term_years REAL,
          status TEXT NOT NULL,
          superseded_by TEXT,
          note TEXT,
          removed_by_change INTEGER REFERENCES change(id)
        );
        CREATE INDEX deal_payer_payee ON deal(payer, payee);
        CREATE INDEX deal_payee ON deal(payee);

        CREATE TABLE deal_source (
          deal_id TEXT NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          document TEXT NOT NULL REFERENCES document(id) DEFERRABLE INITIALLY DEFERRED,
          quote TEXT NOT NULL,
          language TEXT,
          PRIMARY KEY (deal_id, position)
        );
        CREATE INDEX deal_source_document ON deal_source(document);

        CREATE TABLE deal_supersedes (
          deal_id TEXT NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          superseded TEXT NOT NULL,
          PRIMARY KEY (deal_id, position)
        );

        CREATE TABLE fact (
          id TEXT PRIMARY KEY NOT NULL,
          position INTEGER NOT NULL,
          company TEXT REFERENCES company(id) DEFERRABLE INITIALLY DEFERRED,
          metric TEXT NOT NULL,
          \(amountColumns("value")),
          as_of TEXT,
          label TEXT,
          note TEXT
        );
        CREATE INDEX fact_company ON fact(company);

        CREATE TABLE fact_source (
          fact_id TEXT NOT NULL REFERENCES fact(id) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          document TEXT NOT NULL REFERENCES document(id) DEFERRABLE INITIALLY DEFERRED,
          quote TEXT NOT NULL,
          language TEXT,
          PRIMARY KEY (fact_id, position)
        );

        -- The history: appended, never rewritten (the triggers refuse updates and deletes).
        CREATE TABLE change (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          time TEXT NOT NULL,
          actor TEXT NOT NULL,
          command TEXT NOT NULL,
          reason TEXT,
          undoes INTEGER REFERENCES change(id)
        );

        CREATE TABLE change_item (
          change_id INTEGER NOT NULL REFERENCES change(id),
          seq INTEGER NOT NULL,
          entity_kind TEXT NOT NULL,
          entity_id TEXT NOT NULL,
          position INTEGER NOT NULL,
          before TEXT,
          after TEXT,
          PRIMARY KEY (change_id, seq)
        );
        CREATE INDEX change_item_entity ON change_item(entity_kind, entity_id);

        CREATE TRIGGER change_no_update BEFORE UPDATE ON change
          BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END;
        CREATE TRIGGER change_no_delete BEFORE DELETE ON change
          BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END;
        CREATE TRIGGER change_item_no_update BEFORE UPDATE ON change_item
          BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END;
        CREATE TRIGGER change_item_no_delete BEFORE DELETE ON change_item
          BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END;

        PRAGMA user_version = 1;
        """)
  }

  // MARK: - v2: the review queue

  private static func v2(_ db: Database) throws {
    try db.execute(
      sql: """
        -- A candidate deal from the news extractor, waiting for review or decided.
        CREATE TABLE candidate (
          id TEXT PRIMARY KEY NOT NULL,
          position INTEGER NOT NULL,
          article_file TEXT NOT NULL,
          article_date TEXT,
          payer TEXT NOT NULL,
          payee TEXT NOT NULL,
          kind TEXT NOT NULL,
          confidence REAL NOT NULL,
          quote TEXT NOT NULL,
          payload TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected', 'merged')),
          deal_id TEXT,
          decision_reason TEXT
        );
        CREATE INDEX candidate_state ON candidate(state);

        PRAGMA user_version = 2;
        """)
  }

  // MARK: - v3: derived amounts

  /// Derived amounts: a deal's amount stated only as a share of another deal's (``Derivation``).
  ///
  /// The other deal and the share's bounds, estimate and reason. Facts get the columns too
  /// (always empty), so that every amount has the same columns.
  private static func v3(_ db: Database) throws {
    var statements: [String] = []
    for (table, prefix) in [("deal", "amount"), ("fact", "value")] {
      for (column, type) in [
        ("of", "TEXT"), ("low", "REAL"), ("high", "REAL"), ("estimate", "REAL"), ("reason", "TEXT"),
      ] {
        statements.append("ALTER TABLE \(table) ADD COLUMN \(prefix)_derived_\(column) \(type);")
      }
    }
    try db.execute(sql: statements.joined(separator: "\n") + "\nPRAGMA user_version = 3;")
  }

  // MARK: - v4: dated status changes

  /// A deal's status history (``StatusChange``s, oldest first) as JSON, or NULL for none.
  private static func v4(_ db: Database) throws {
    try db.execute(sql: "ALTER TABLE deal ADD COLUMN status_history TEXT;\nPRAGMA user_version = 4;")
  }
}
