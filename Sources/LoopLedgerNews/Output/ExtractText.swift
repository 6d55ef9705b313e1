import Foundation
import LoopLedger

/// Plain-text renderings for the terminal.
public enum ExtractText {
  public static func render(_ extractions: [ArticleExtraction]) -> String {
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

/// The `extract --eval` summary: precision, recall and F1, per file, and what was missed.
public enum EvaluationText {
  public static func render(_ r: EvaluationResult, truthFile: String, directory: String) -> String {
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
