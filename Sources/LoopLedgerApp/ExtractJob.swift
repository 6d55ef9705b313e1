import Foundation
import LoopLedger
import LoopLedgerIO
import LoopLedgerNews

/// Output formats of `extract`.
public enum ExtractFormat: String, CaseIterable, Sendable {
  case json, ledger, text
}

/// `loopledger extract ARTICLE…` and `extract --eval TRUTH DIR`.
public struct ExtractJob: Job {
  public var articles: [String]
  public var ledger: LedgerSelection
  public var date: PartialDate?
  public var format: ExtractFormat = .json
  /// A truth file: evaluate the one directory in ``articles`` against it.
  public var truthPath: String?
  public var minConfidence = 0.0
  public var builtInCompanies = true
  /// Print each article's time to standard error.
  public var timing = false
  public var outputPath: String?

  public init(articles: [String], ledger: LedgerSelection) {
    self.articles = articles
    self.ledger = ledger
  }

  public func validate() throws {
    try ledger.validate()
    if truthPath != nil, articles.count != 1 {
      throw ArgumentValueError(
        "'--eval TRUTH.json' takes exactly one directory of articles; got \(articles.count) arguments.")
    }
    if truthPath == nil, articles.isEmpty { throw ArgumentValueError("Give at least one article file.") }
    try FlagRule.check("min-confidence", minConfidence)
  }

  public var inputs: [String] {
    articles + ledger.inputs + (truthPath.map { [$0] } ?? [])
  }

  public func outputs(progress: ProgressLine) throws -> [Output] {
    let reference = try ledger.load()
    let extractor = DealExtractor(ledger: reference, builtInCompanies: builtInCompanies)
    var messages: [Output] = []
    if let truthPath {
      let truth = try Evaluator.truth(from: try InputFile.read(truthPath), file: truthPath)
      let directory = articles[0]
      var extractions: [ArticleExtraction] = []
      for file in Set(truth.map(\.file)).sorted() {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(file).path
        let articleDate =
          date ?? truth.first { $0.file == file && $0.articleDate != nil }?.articleDate.flatMap { PartialDate($0) }
        extractions.append(try extract(path, extractor: extractor, date: articleDate, messages: &messages))
      }
      let result = Evaluator.evaluate(truth: truth, extractions: extractions, catalog: extractor.catalog)
      return messages
        + [
          Output(
            EvaluationText.render(result, truthFile: truthPath, directory: directory), to: OutputTarget(outputPath))
        ]
    }
    var extractions: [ArticleExtraction] = []
    for path in articles {
      extractions.append(try extract(path, extractor: extractor, date: date, messages: &messages))
    }
    let text: String
    switch format {
    case .json:
      let report = ExtractReport(
        extractions: extractions, ledger: reference,
        ledgerName: ledger.source ?? (ledger.readsStore != nil ? "db" : BundledLedger.defaultName))
      text = String(decoding: try report.encoded(), as: UTF8.self) + "\n"
    case .ledger:
      let built = CandidateLedger.build(
        extractions: extractions, catalog: extractor.catalog, reference: reference, minimumConfidence: minConfidence)
      text = String(decoding: try LedgerFile.encode(built), as: UTF8.self) + "\n"
    case .text:
      text = ExtractText.render(extractions)
    }
    return messages + [Output(text, to: OutputTarget(outputPath))]
  }

  private func extract(
    _ path: String, extractor: DealExtractor, date: PartialDate?, messages: inout [Output]
  ) throws -> ArticleExtraction {
    // UTF-8, UTF-16/32 or a declared HTML charset; anything else is refused, never mangled.
    let (text, convertedFrom) = try InputFile.readArticle(path)
    if let convertedFrom {
      messages.append(Output("note: \(path) was read as \(convertedFrom) and converted to UTF-8\n", to: .standardError))
    }
    let start = ContinuousClock.now
    var extraction = extractor.extract(text, file: URL(fileURLWithPath: path).lastPathComponent, date: date)
    let elapsed = seconds(ContinuousClock.now - start)
    extraction.candidates.removeAll { $0.confidence < minConfidence }
    if timing {
      messages.append(
        Output(
          "\(path): \(text.utf8.count) bytes, \(extraction.candidates.count) candidates, \(String(format: "%.3f", elapsed)) s\n",
          to: .standardError))
    }
    return extraction
  }
}

/// `loopledger validate FILE…`: every problem of every file.
public struct ValidateJob {
  public var files: [String]

  public init(files: [String]) { self.files = files }

  /// One line per good file for standard output, every problem of the others for standard
  /// error, and how many files failed.
  public func check() -> (outputs: [Output], failed: Int) {
    var outputs: [Output] = []
    var failed = 0
    for file in files {
      do {
        if BulkEdgeList.kind(of: file) == .graphFile {
          // A graph file holds a network, not a ledger: opening it checks every size, row,
          // weight, id and checksum.
          let result = try BulkEdgeList.read(
            path: file, skipBadRows: false, threads: ProcessInfo.processInfo.activeProcessorCount,
            progress: ProgressLine(enabled: false)
          ).result
          outputs.append(
            Output(
              "\(file): ok — graph file format \(GraphFile.version), \(result.network.nodeCount) nodes, \(result.network.edgeCount) edges (from \(result.rows) rows)\n",
              to: .standardOutput))
          continue
        }
        let ledger = try LedgerLoader.load(file)
        outputs.append(
          Output(
            "\(file): ok — \(ledger.companies.count) companies, \(ledger.deals.count) deals, \(ledger.facts.count) facts, \(ledger.documents.count) documents\n",
            to: .standardOutput))
      } catch {
        failed += 1
        outputs.append(Output("\(error)\n", to: .standardError))
      }
    }
    return (outputs, failed)
  }

  /// Writes the result and returns how many files failed.
  public func run() throws -> Int {
    let (outputs, failed) = check()
    try OutputWriter.write(outputs)
    return failed
  }
}
