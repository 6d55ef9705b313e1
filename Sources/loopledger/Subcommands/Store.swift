import ArgumentParser
import LoopLedger
import LoopLedgerApp

/// `--db`, `--actor`, `--why`: where the store is, and who makes a change and why.
struct StoreOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The ledger store (default: $LOOPLEDGER_DB, else $XDG_DATA_HOME/loopledger/ledger.sqlite, else ~/.local/share/loopledger/ledger.sqlite).",
      valueName: "path"))
  var db: String?

  @Option(
    help: ArgumentHelp("Who makes the change, as the history records it (default: the system user).", valueName: "name")
  )
  var actor: String?

  @Option(name: .customLong("why"), help: ArgumentHelp("Why, as the history records it.", valueName: "text"))
  var reason: String?

  var selection: StoreSelection { StoreSelection(database: db, actor: actor, reason: reason) }
}

/// Runs a store action from the command line.
private func runStore(_ options: StoreOptions, _ action: StoreAction, output: String? = nil) throws {
  let job = StoreJob(store: options.selection, action: action, outputPath: output)
  try usage { try job.validate() }
  try job.runFromCommandLine()
}

extension LoopLedgerCommand {
  struct Db: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "db",
      abstract: "Create, import into, export and check the ledger store (SQLite).",
      discussion: """
        The store keeps a ledger a team edits for years: every change is recorded with who made \
        it and why (`loopledger history`), and can be undone (`loopledger undo`). Once a store \
        exists at the default place, every command that reads a ledger reads it (and says so on \
        standard error) unless --ledger names another. See docs/store.md.
        """,
      subcommands: [Init.self, Import.self, Export.self, Status.self])

    struct Init: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Create the store from a bundled ledger or a ledger file.")
      @OptionGroup var store: StoreOptions
      @Option(
        help: ArgumentHelp("A bundled ledger (seed, public-2025) or a ledger JSON file.", valueName: "name-or-file"))
      var from: String = BundledLedger.defaultName
      func run() throws { try runStore(store, .initialize(from: from)) }
    }

    struct Import: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Add files to the store, each in one transaction: all of it or nothing.",
        discussion: """
          A ledger JSON adds or updates companies, documents, deals and facts (nothing is \
          deleted); a CSV edge list adds its deals; the output of `loopledger extract --format \
          json` goes into the review queue (`loopledger review`); FollowTheMoney JSON lines add \
          their companies and deals (docs/ftm.md). A file that fails validation writes nothing \
          and every problem is listed.
          """)
      @OptionGroup var store: StoreOptions
      @Argument(help: ArgumentHelp("Files to import.", valueName: "file"))
      var files: [String]
      func run() throws { try runStore(store, .importFiles(files)) }
    }

    struct Export: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Write the store's ledger as ledger JSON, CSV or FollowTheMoney JSON lines.")
      @OptionGroup var store: StoreOptions
      @Option(help: "ledger (passes validate; every analysis gives the same result), csv or ftm.")
      var format: StoreExportFormat = .ledger
      @Option(
        name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
      var output: String?
      func run() throws { try runStore(store, .export(format), output: output) }
    }

    struct Status: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Say where the store is, its schema version, what it holds, and its integrity check.")
      @OptionGroup var store: StoreOptions
      func run() throws { try runStore(store, .status) }
    }
  }

  struct DealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "deal", abstract: "Add, edit, remove or show a deal in the store.",
      discussion: """
        Fields are set with --set field=value: payer, payee, kind, status, announced, termYears, \
        supersededBy, note, source (DOCUMENT:QUOTE, appended), amount.qualifier, amount.value, \
        amount.low, amount.high, amount.estimate (12e9, 12B, $1.4T), amount.currency, \
        amount.asWritten. An empty value clears an optional field.
        """,
      subcommands: [Add.self, Edit.self, Remove.self, Show.self])

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Add a deal: --set payer=… payee=… kind=… status=… source=DOC:QUOTE [amount.…]")
      @OptionGroup var store: StoreOptions
      @Argument(help: "The new deal's id (lower-case letters, digits and '-').") var id: String
      @Option(
        name: .customLong("set"), parsing: .upToNextOption, help: ArgumentHelp("field=value", valueName: "field=value"))
      var assignments: [String] = []
      func run() throws { try runStore(store, .dealAdd(DealID(id), set: assignments)) }
    }

    struct Edit: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Change fields of a deal: --set field=value …")
      @OptionGroup var store: StoreOptions
      @Argument(help: "The deal's id.") var id: String
      @Option(
        name: .customLong("set"), parsing: .upToNextOption, help: ArgumentHelp("field=value", valueName: "field=value"))
      var assignments: [String] = []
      func validate() throws {
        if assignments.isEmpty { throw ValidationError("Give at least one --set field=value.") }
      }
      func run() throws { try runStore(store, .dealEdit(DealID(id), set: assignments)) }
    }

    struct Remove: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Remove a deal (kept as a tombstone; undo brings it back).")
      @OptionGroup var store: StoreOptions
      @Argument(help: "The deal's id.") var id: String
      func run() throws { try runStore(store, .dealRemove(DealID(id))) }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Show a deal as JSON (removed deals too).")
      @OptionGroup var store: StoreOptions
      @Argument(help: "The deal's id.") var id: String
      func run() throws { try runStore(store, .dealShow(DealID(id))) }
    }
  }

  struct CompanyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "company", abstract: "Add, edit or merge companies in the store.",
      discussion: """
        Fields: name.en, name.zh-Hant, name.zh-Hans, parent, role, aliases (comma-separated, \
        replaces the list), alias (adds one).
        """,
      subcommands: [Add.self, Edit.self, Merge.self])

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Add a company: --set name.en=… [name.zh-Hant=…] …")
      @OptionGroup var store: StoreOptions
      @Argument(help: "The new company's id (lower-case letters, digits and '-').") var id: String
      @Option(
        name: .customLong("set"), parsing: .upToNextOption, help: ArgumentHelp("field=value", valueName: "field=value"))
      var assignments: [String] = []
      func run() throws { try runStore(store, .companyAdd(CompanyID(id), set: assignments)) }
    }

    struct Edit: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Change fields of a company: --set field=value …")
      @OptionGroup var store: StoreOptions
      @Argument(help: "The company's id.") var id: String
      @Option(
        name: .customLong("set"), parsing: .upToNextOption, help: ArgumentHelp("field=value", valueName: "field=value"))
      var assignments: [String] = []
      func validate() throws {
        if assignments.isEmpty { throw ValidationError("Give at least one --set field=value.") }
      }
      func run() throws { try runStore(store, .companyEdit(CompanyID(id), set: assignments)) }
    }

    struct Merge: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Merge a company into another: every reference rewritten, its names kept as aliases.")
      @OptionGroup var store: StoreOptions
      @Argument(help: "The company that goes.") var id: String
      @Option(help: "The company that stays.") var into: String
      func run() throws { try runStore(store, .companyMerge(CompanyID(id), into: CompanyID(into))) }
    }
  }

  struct DocumentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "document", abstract: "Add a source document to the store.", subcommands: [Add.self])

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Add a document that deals quote (source=ID:QUOTE).")
      @OptionGroup var store: StoreOptions
      @Argument(help: "The document's id, e.g. reuters-2025-10-06.") var id: String
      @Option(help: "Its title.") var title: String
      @Option(help: "Its address.") var url: String?
      @Option(help: "The outlet.") var publisher: String?
      @Option(help: ArgumentHelp("Publication date.", valueName: "YYYY[-MM[-DD]]")) var published: PartialDate?
      @Option(help: "Its language: en, zh-Hant or zh-Hans.") var lang: Language?
      func run() throws {
        let document = Document(
          id: id, title: title, publisher: publisher, published: published, language: lang, url: url)
        try runStore(store, .documentAdd(document))
      }
    }
  }

  struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Review the deals the news brought (db import of `extract --format json` output).",
      discussion: """
        Without a subcommand, lists the pending candidates with their quote, confidence and any \
        stored deal they likely duplicate.
        """,
      subcommands: [List.self, Accept.self, Reject.self, Merge.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "List the pending candidates.")
      @OptionGroup var store: StoreOptions
      func run() throws { try runStore(store, .reviewList) }
    }

    struct Accept: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Accept a candidate as a deal, optionally correcting fields: --set field=value …")
      @OptionGroup var store: StoreOptions
      @Argument(help: "The candidate's number.") var id: String
      @Option(
        name: .customLong("set"), parsing: .upToNextOption, help: ArgumentHelp("field=value", valueName: "field=value"))
      var assignments: [String] = []
      func run() throws { try runStore(store, .reviewAccept(id, set: assignments)) }
    }

    struct Reject: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Reject a candidate: --why TEXT is required.")
      @OptionGroup var store: StoreOptions
      @Argument(help: "The candidate's number.") var id: String
      func validate() throws {
        try usage { try StoreJob(store: store.selection, action: .reviewReject(id)).validate() }
      }
      func run() throws { try runStore(store, .reviewReject(id)) }
    }

    struct Merge: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Add a candidate's quote to an existing deal as one more source.")
      @OptionGroup var store: StoreOptions
      @Argument(help: "The candidate's number.") var id: String
      @Option(help: "The deal it restates.") var into: String
      func run() throws { try runStore(store, .reviewMerge(id, into: DealID(into))) }
    }
  }

  struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the store's changes: time, actor, command, what changed, why.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Only changes to this deal.") var deal: String?
    @Option(help: ArgumentHelp("Only changes on or after this date.", valueName: "YYYY[-MM[-DD]]")) var since:
      PartialDate?
    func run() throws { try runStore(store, .history(deal: deal.map(DealID.init), since: since)) }
  }

  struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Undo the last N changes by appending their inverse (the history keeps both).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "How many changes to undo.") var count: Int = 1
    func validate() throws { try usage { try StoreJob(store: store.selection, action: .undo(count)).validate() } }
    func run() throws { try runStore(store, .undo(count)) }
  }
}

extension StoreExportFormat: ExpressibleByArgument {}
