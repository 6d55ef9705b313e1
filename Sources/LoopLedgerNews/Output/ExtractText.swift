import Foundation
import LoopLedger

/// Plain-text renderings for the terminal.
public enum ExtractText {
  public static func render(_ extractions: [ArticleExtraction]) -> String {
    var out = ""
    for extraction in extractions {
      out +=
        "\(extraction.file) — \(extraction.language.rawValue), date \(extraction.articleDate?.description ?? "unknown"), \(extraction.candidates.count) candidates\n"
      for (index, c) in extraction.candidates.enumerated() {
        let amount =
          c.amount.qualifier == .unstated
          ? "amount unstated" : "\(c.amount.qualifier.rawValue) \(c.amount.asWritten ?? "")"
        out +=
          String(format: "%3d. ", index + 1)
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
    out +=
      "  matched \(r.dealsExactUnits.matched)  precision \(f(r.dealsExactUnits.precision))  recall \(f(r.dealsExactUnits.recall))  F1 \(f(r.dealsExactUnits.f1))\n"
    out += "on matched deals:\n"
    out += "  amount accuracy \(r.amountCorrect)/\(r.deals.matched) = \(f(r.amountAccuracy))\n"
    out += "  status accuracy \(r.statusCorrect)/\(r.deals.matched) = \(f(r.statusAccuracy))\n"
    out += "  date consistent \(r.dateConsistent)/\(r.dateCompared)\n"
    out += errorTable(r)
    out += reliabilityTable(r)
    out += "per file:\n"
    for (file, counts) in r.perFile.sorted(by: { $0.key < $1.key }) {
      out +=
        "  \(file): truth \(counts.truth) found \(counts.found) matched \(counts.matched)  P \(f(counts.precision)) R \(f(counts.recall)) F1 \(f(counts.f1))\n"
    }
    for errorClass in EvaluationText.classOrder {
      let items = r.classified.filter { $0.errorClass == errorClass }
      guard !items.isEmpty else { continue }
      out += "\(errorClass) (\(items.count)):\n"
      for item in items { out += "  \(item.file): \(item.detail)\n" }
    }
    return out
  }

  static let classOrder = [
    "wrong amount", "wrong status", "wrong kind", "wrong direction", "wrong payer/payee", "missed", "duplicate",
    "spurious",
  ]

  /// Scores and error classes per language, one column each.
  static func errorTable(_ r: EvaluationResult) -> String {
    let order = ["all"] + ArticleLanguage.allCases.map(\.rawValue)
    let columns = order.filter { r.errorClasses[$0] != nil }
    guard !columns.isEmpty else { return "" }
    func pad(_ s: String, _ width: Int) -> String {
      let count = s.unicodeScalars.count
      return count >= width ? s : String(repeating: " ", count: width - count) + s
    }
    var out = "by language and error class (matched: payer, payee and kind right; companies at group level):\n"
    out += "  " + "".padding(toLength: 30, withPad: " ", startingAt: 0) + columns.map { pad($0, 9) }.joined() + "\n"
    let rows: [(String, (EvaluationResult.ErrorCounts) -> String)] = [
      ("truth deals", { "\($0.truth)" }),
      ("candidates", { "\($0.candidates)" }),
      ("matched", { "\($0.matched)" }),
      ("precision", { String(format: "%.3f", $0.deals.precision) }),
      ("recall", { String(format: "%.3f", $0.deals.recall) }),
      ("F1", { String(format: "%.3f", $0.deals.f1) }),
      ("matched, amount wrong", { "\($0.wrongAmount)" }),
      ("matched, status wrong", { "\($0.wrongStatus)" }),
      ("wrong kind", { "\($0.wrongKind)" }),
      ("wrong direction", { "\($0.wrongDirection)" }),
      ("wrong payer/payee", { "\($0.wrongPayerOrPayee)" }),
      ("missed", { "\($0.missed)" }),
      ("  a company not in the catalog", { "\($0.missedUnknownCompany)" }),
      ("duplicate (same deal again)", { "\($0.duplicate)" }),
      ("spurious", { "\($0.spurious)" }),
    ]
    for (label, value) in rows {
      out +=
        "  " + label.padding(toLength: 30, withPad: " ", startingAt: 0)
        + columns.map { pad(value(r.errorClasses[$0] ?? .init()), 9) }.joined() + "\n"
    }
    return out
  }

  /// Confidence buckets and the share of their candidates that is right.
  static func reliabilityTable(_ r: EvaluationResult) -> String {
    func f(_ x: Double) -> String { String(format: "%.3f", x) }
    var out = "reliability (right: payer, payee and kind match a truth deal; all fields: amount and status too):\n"
    out += "  confidence    candidates  right  share  all fields right\n"
    for bucket in r.reliability {
      let label = String(format: "[%.1f, %.1f", bucket.low, bucket.high) + (bucket.high >= 1 ? "]" : ")")
      let share = bucket.candidates == 0 ? "  -  " : f(bucket.share)
      out +=
        "  " + label.padding(toLength: 12, withPad: " ", startingAt: 0)
        + String(format: "%12d %6d  ", bucket.candidates, bucket.right) + share + "  \(bucket.allFieldsRight)\n"
    }
    let high = r.reliability(atLeast: 0.8)
    out += "  ≥ 0.8: \(high.candidates) candidates, \(high.right) right"
    out += high.candidates == 0 ? "\n" : " (\(f(Double(high.right) / Double(high.candidates))))\n"
    return out
  }
}
