import ArgumentParser
import LoopLedger
import LoopLedgerApp
import LoopLedgerRender

/// Where the ledger comes from: `--ledger`, `--db`, `--as-of-change` (every command that reads one).
struct LedgerSourceOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A bundled ledger (\(BundledLedger.names.joined(separator: ", "))), a ledger JSON file, a CSV edge list, or 'db' (the ledger store). Default: the store if there is one (see 'loopledger db'), else '\(BundledLedger.defaultName)'.",
      valueName: "name-or-file"))
  var ledger: String?

  @Option(
    help: ArgumentHelp(
      "The ledger store to read (default: $LOOPLEDGER_DB, else $XDG_DATA_HOME/loopledger/ledger.sqlite, else ~/.local/share/loopledger/ledger.sqlite).",
      valueName: "path"))
  var db: String?

  @Option(
    name: .customLong("as-of-change"), parsing: .unconditional,
    help: ArgumentHelp(
      "Read the store's ledger as it stood after this change (see 'loopledger history').", valueName: "n"))
  var asOfChange: Int64?

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp(
      "Show the ledger as it stood on this date: deals reported by then, with the status they had then (dated status changes; a deal another one supersedes is current until that one is reported); facts dated later left out.",
      valueName: "YYYY[-MM[-DD]]"))
  var asOfDate: PartialDate?
}

extension LedgerSourceOptions {
  /// The ledger these options name, with every other selection at its default.
  var selection: LedgerSelection {
    var selection = LedgerSelection(source: ledger, database: db, asOfChange: asOfChange)
    selection.asOfDate = asOfDate
    return selection
  }
}

/// Options shared by every subcommand that reads a ledger and builds its graph.
struct LedgerOptions: ParsableArguments {
  @OptionGroup var source: LedgerSourceOptions

  @Option(help: "Graph level: 'group' merges units into their parent (AWS into Amazon); 'unit' keeps them.")
  var level: GraphLevel = .group

  @Option(
    name: .customLong("status"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "Deal statuses to include (default: all but cancelled and superseded).",
      valueName: DealStatus.allCases.map(\.rawValue).joined(separator: "|")))
  var statuses: [DealStatus] = []

  @Option(
    help: ArgumentHelp(
      "Count only deals of this certainty tier: signed (closed, announced), with_plans, with_talks, with_inferences (all but cancelled and superseded). Not with --status.",
      valueName: CertaintyTier.allCases.map(\.rawValue).joined(separator: "|")))
  var tier: CertaintyTier?

  @Flag(
    help:
      "Dollars per year: contracts spread over their terms (5 years where none is stated, an assumption), investments in full, in the year paid."
  )
  var perYear = false

  @Option(
    name: .customLong("kind"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "Deal kinds to include (default: all).", valueName: DealKind.allCases.map(\.rawValue).joined(separator: "|")))
  var kinds: [DealKind] = []

  @Option(help: ArgumentHelp("Include only deals announced on or after this date.", valueName: "YYYY[-MM[-DD]]"))
  var from: PartialDate?

  @Option(help: ArgumentHelp("Include only deals announced on or before this date.", valueName: "YYYY[-MM[-DD]]"))
  var to: PartialDate?

  @Option(
    name: .customLong("assume"),
    help: ArgumentHelp(
      "Assume an amount for a deal, labelled as an assumption in every output: DEAL=AMOUNT or DEAL=LOW..HIGH (e.g. openai-oracle-compute-2025=300B).",
      valueName: "deal=amount"))
  var assumptions: [String] = []

  var selection: LedgerSelection {
    var selection = LedgerSelection(
      source: source.ledger, database: source.db, asOfChange: source.asOfChange, level: level,
      statuses: tier.map { tier in DealStatus.allCases.filter(tier.statuses.contains) } ?? statuses, kinds: kinds,
      from: from,
      to: to, assumptions: assumptions)
    selection.perYear = perYear
    selection.asOfDate = source.asOfDate
    return selection
  }

  func validate() throws {
    if tier != nil, !statuses.isEmpty {
      throw ValidationError("Give either --tier or --status, not both: a tier is a set of statuses.")
    }
    try usage { try selection.validate() }
  }
}

/// Options for where and how to write a result.
struct OutputOptions: ParsableArguments {
  @Option(help: "Output format: text, markdown or json.")
  var format: OutputFormat = .text

  @Option(help: "Language of the text and Markdown outputs: en, zh-Hant or zh-Hans.")
  var lang: Language = .english

  @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
  var output: String?

  var selection: OutputSelection { OutputSelection(format: format, language: lang, path: output) }
}

/// Runs `body`, turning a bad option value into ArgumentParser's usage error (exit 64).
func usage<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as ArgumentValueError {
    throw ValidationError(error.message)
  }
}

extension Job {
  /// Runs the job; a bad option value found on the way (``ArgumentValueError``) is reported by
  /// ``LoopLedgerCommand/main()`` as a usage error of the subcommand (exit 64).
  func runFromCommandLine() throws { try run() }
}

extension GraphLevel: ExpressibleByArgument {}
extension DealStatus: ExpressibleByArgument {}
extension DealKind: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension CertaintyTier: ExpressibleByArgument {}
extension TimelinePeriod: ExpressibleByArgument {}

/// The formats of the bulk analyses (`analyze`, `clear`, `debtrank`), which have no Markdown
/// rendering: `--format markdown` is refused there rather than printed as text.
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
  case text
  case json

  var outputFormat: OutputFormat { self == .json ? .json : .text }
}
extension ScheduleShape: ExpressibleByArgument {}
extension Picture: ExpressibleByArgument {}
extension LoopMapOptions.Layout: ExpressibleByArgument {}
extension ExtractFormat: ExpressibleByArgument {}
extension BulkAnalysis: ExpressibleByArgument {}

extension PartialDate: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}

/// `--engine`, `--master`, `--conf`: where a bulk analysis runs.
struct EngineOptions: ParsableArguments {
  @Option(help: "local (this process) or spark (spark-submit with the job shipped inside the tool; docs/spark.md).")
  var engine: Engine = .local

  @Option(help: ArgumentHelp("Spark master URL, with --engine spark (default local[*]).", valueName: "url"))
  var master: String?

  @Option(
    name: .customLong("conf"),
    help: ArgumentHelp("A Spark setting, with --engine spark (repeatable).", valueName: "key=value"))
  var conf: [String] = []

  var spark: SparkEngine? { engine == .spark ? SparkEngine(master: master, conf: conf) : nil }

  func validate() throws {
    if engine == .local, master != nil || !conf.isEmpty {
      throw ValidationError("'--master' and '--conf' go with '--engine spark'.")
    }
    for item in conf where !item.contains("=") {
      throw ValidationError("'--conf \(item)': write KEY=VALUE, e.g. spark.executor.memory=8g.")
    }
  }
}

extension Engine: ExpressibleByArgument {}
