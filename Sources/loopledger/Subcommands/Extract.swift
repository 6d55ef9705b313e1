import ArgumentParser
import Foundation
import LoopLedger
import LoopLedgerNews

/// Output formats of `extract`.
enum ExtractFormat: String, ExpressibleByArgument, CaseIterable {
  case json, ledger, text
}

extension LoopLedgerCommand {
  struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Extract candidate deals from news articles (Chinese or English, text or HTML).",
      discussion: """
        Each candidate names payer and payee (money flows from investor to investee and from \
        buyer to seller), kind, amount as an interval with its qualifier and currency, date, \
        status and term, with the sentence it came from, its span and a confidence. Candidates \
        that restate a deal of --ledger are marked with that deal's id. JSON output is \
        documented in docs/extract-json.md; '--format ledger' writes a ledger file that \
        'loopledger validate' accepts. With --eval TRUTH.json DIR, extracts every article of \
        DIR named in the truth file and prints precision, recall and F1 of deals (matched on \
        file, payer, payee and kind) and the accuracy of amount and status on matched deals.
        """)

    @Argument(help: ArgumentHelp("Article files (plain text or HTML); with --eval, one directory.", valueName: "article"))
    var articles: [String] = []

    @Option(
      name: .long,
      help: ArgumentHelp(
        "A bundled ledger (\(BundledLedger.names.joined(separator: ", "))) or a ledger file: its companies are recognized and its deals used to mark duplicates.",
        valueName: "name-or-file"))
    var ledger: String = BundledLedger.defaultName

    @Option(help: ArgumentHelp("The articles' date, for resolving 上個月, last month, on Monday.", valueName: "YYYY-MM-DD"))
    var date: PartialDate?

    @Option(help: "Output format: json, ledger or text.")
    var format: ExtractFormat = .json

    @Option(help: ArgumentHelp("Compare with a truth file (JSON array) and print precision, recall and F1.", valueName: "truth.json"))
    var eval: String?

    @Option(help: "Leave out candidates below this confidence (0–1).")
    var minConfidence: Double = 0

    @Flag(help: "Recognize only the ledger's companies, not the built-in directory of AI-industry companies.")
    var noBuiltinCompanies = false

    @Flag(help: "Print the time each article took to standard error.")
    var timing = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
      if eval != nil, articles.count != 1 {
        throw ValidationError("'--eval TRUTH.json' takes exactly one directory of articles; got \(articles.count) arguments.")
      }
      if eval == nil, articles.isEmpty { throw ValidationError("Give at least one article file.") }
      if !(0...1).contains(minConfidence) { throw ValidationError("'--min-confidence' must be between 0 and 1.") }
    }

    func run() throws {
      let reference = try LedgerLoader.load(ledger)
      let extractor = DealExtractor(ledger: reference, builtInCompanies: !noBuiltinCompanies)
      if let eval {
        try evaluate(truthPath: eval, directory: articles[0], extractor: extractor)
        return
      }
      var extractions: [ArticleExtraction] = []
      for path in articles {
        extractions.append(try extract(path, extractor: extractor, date: date))
      }
      try write(render(extractions, extractor: extractor, reference: reference))
    }

    func read(_ path: String) throws -> String {
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
      } catch {
        throw ValidationError("Cannot read '\(path)': \(error.localizedDescription)")
      }
      // Invalid UTF-8 is repaired, never fatal.
      return String(decoding: data, as: UTF8.self)
    }

    func extract(_ path: String, extractor: DealExtractor, date: PartialDate?) throws -> ArticleExtraction {
      let text = try read(path)
      let start = ContinuousClock.now
      var extraction = extractor.extract(text, file: URL(fileURLWithPath: path).lastPathComponent, date: date)
      let elapsed = ContinuousClock.now - start
      extraction.candidates.removeAll { $0.confidence < minConfidence }
      if timing {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        FileHandle.standardError.write(
          Data("\(path): \(text.utf8.count) bytes, \(extraction.candidates.count) candidates, \(String(format: "%.3f", seconds)) s\n".utf8))
      }
      return extraction
    }

    func render(_ extractions: [ArticleExtraction], extractor: DealExtractor, reference: Ledger) throws -> String {
      switch format {
      case .json:
        let report = ExtractReport(extractions: extractions, ledger: reference, ledgerName: ledger)
        return String(decoding: try report.encoded(), as: UTF8.self) + "\n"
      case .ledger:
        let built = CandidateLedger.build(
          extractions: extractions, catalog: extractor.catalog, reference: reference, minimumConfidence: minConfidence)
        return String(decoding: try LedgerFile.encode(built), as: UTF8.self) + "\n"
      case .text:
        return ExtractText.render(extractions)
      }
    }

    func write(_ text: String) throws {
      guard let output else {
        print(text, terminator: "")
        return
      }
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
      } catch {
        throw ValidationError("Cannot write '\(output)': \(error.localizedDescription)")
      }
    }

    func evaluate(truthPath: String, directory: String, extractor: DealExtractor) throws {
      let truthData: Data
      do {
        truthData = try Data(contentsOf: URL(fileURLWithPath: truthPath))
      } catch {
        throw ValidationError("Cannot read '\(truthPath)': \(error.localizedDescription)")
      }
      let truth: [TruthDeal]
      do {
        truth = try Evaluator.truth(from: truthData)
      } catch {
        throw ValidationError("'\(truthPath)' is not a truth file (a JSON array of {file, from, to, kind, …}): \(error)")
      }
      var extractions: [ArticleExtraction] = []
      for file in Set(truth.map(\.file)).sorted() {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(file).path
        let articleDate = date ?? truth.first { $0.file == file && $0.articleDate != nil }?.articleDate.flatMap { PartialDate($0) }
        extractions.append(try extract(path, extractor: extractor, date: articleDate))
      }
      let result = Evaluator.evaluate(truth: truth, extractions: extractions, catalog: extractor.catalog)
      try write(EvaluationText.render(result, truthFile: truthPath, directory: directory))
    }
  }
}

/// Plain-text renderings for the terminal.
enum ExtractText {
  static func render(_ extractions: [ArticleExtraction]) -> String {
    var out = ""
    for extraction in extractions {
      out += "\(extraction.file) — \(extraction.language.rawValue), date \(extraction.articleDate?.description ?? "unknown"), \(extraction.candidates.count) candidates\n"
      for (index, c) in extraction.candidates.enumerated() {
        let amount = c.amount.qualifier == .unstated ? "amount unstated" : "\(c.amount.qualifier.rawValue) \(c.amount.asWritten ?? "")"
        out += String(format: "%3d. ", index + 1)
          + "\(c.payer.name) → \(c.payee.name)  \(c.kind.rawValue)  \(amount)  \(c.status.rawValue)"
          + (c.announced.map { "  \($0)" } ?? "") + (c.termYears.map { "  \(Int($0))y" } ?? "")
          + String(format: "  conf %.2f", c.confidence)
          + (c.duplicateOf.map { "  duplicate of \($0)" } ?? "") + "\n"
        out += "     「\(c.quote)」 [\(c.span.lowerBound), \(c.span.upperBound))\n"
      }
    }
    return out
  }
}

enum EvaluationText {
  static func render(_ r: EvaluationResult, truthFile: String, directory: String) -> String {
    func f(_ x: Double) -> String { String(format: "%.3f", x) }
    var out = "Evaluation of \(directory) against \(truthFile)\n"
    out += "deals (file, payer, payee, kind; companies at group level):\n"
    out += "  truth \(r.deals.truth)  found \(r.deals.found)  matched \(r.deals.matched)  "
    out += "precision \(f(r.deals.precision))  recall \(f(r.deals.recall))  F1 \(f(r.deals.f1))\n"
    out += "deals with units exact (AWS ≠ Amazon):\n"
    out += "  matched \(r.dealsExactUnits.matched)  precision \(f(r.dealsExactUnits.precision))  recall \(f(r.dealsExactUnits.recall))  F1 \(f(r.dealsExactUnits.f1))\n"
    out += "on matched deals:\n"
    out += "  amount accuracy \(r.amountCorrect)/\(r.deals.matched) = \(f(r.amountAccuracy))\n"
    out += "  status accuracy \(r.statusCorrect)/\(r.deals.matched) = \(f(r.statusAccuracy))\n"
    out += "  date consistent \(r.dateConsistent)/\(r.dateCompared)\n"
    out += "per file:\n"
    for (file, counts) in r.perFile.sorted(by: { $0.key < $1.key }) {
      out += "  \(file): truth \(counts.truth) found \(counts.found) matched \(counts.matched)  P \(f(counts.precision)) R \(f(counts.recall)) F1 \(f(counts.f1))\n"
    }
    if !r.missed.isEmpty { out += "missed:\n" + r.missed.map { "  \($0)\n" }.joined() }
    if !r.falsePositives.isEmpty { out += "not in truth:\n" + r.falsePositives.map { "  \($0)\n" }.joined() }
    if !r.mismatches.isEmpty { out += "amount or status differs:\n" + r.mismatches.map { "  \($0)\n" }.joined() }
    return out
  }
}
