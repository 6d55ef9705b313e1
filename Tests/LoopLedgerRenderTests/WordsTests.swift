import Foundation
import LoopLedger
import LoopLedgerNews
import Testing

@testable import LoopLedgerRender

/// The one word table: every phrase the analyses say has a translation, and each script's words
/// are written in that script.
@Suite("Words")
struct WordsTests {
  /// Traditional-only Han characters of `text` (only this direction is checked: the fold table's
  /// targets include characters common to both scripts, such as 合 and 布, so "Simplified-only"
  /// has false positives).
  private func traditionalOnly(_ text: String) -> [Character] {
    text.filter { character in
      character.unicodeScalars.contains { ChineseFold.isTraditionalOnly($0.value) }
    }.map { $0 }
  }

  /// Text with quoted source passages (「…」, “…”) and the given ledger-supplied strings removed:
  /// what is left is LoopLedger's own words.
  private func ownWords(_ text: String, removing data: [String]) -> String {
    var result = text
    for pattern in ["「[^」]*」", "“[^”]*”"] {
      result = result.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
    }
    for item in data where !item.isEmpty { result = result.replacingOccurrences(of: item, with: "") }
    return result
  }

  @Test func everyPhraseTranslationIsWrittenInItsOwnScript() {
    for (template, entry) in Words.phrases {
      #expect(traditionalOnly(entry.1).isEmpty, "简体: \(entry.1)")
      // The same placeholders in all three.
      func names(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{([a-z]+)\}/).map { String($0.1) })
      }
      #expect(names(entry.0) == names(template) && names(entry.1) == names(template), "\(template)")
    }
  }

  @Test func everyPhraseTheAnalysesSayOnTheBundledLedgersIsTranslated() throws {
    var phrases: [Phrase] = []
    for name in BundledLedger.names {
      let ledger = try BundledLedger.load(name)
      let report = try LoopReport(
        ledger: ledger, options: LoopReportOptions(externalMoney: ["amazon": 600e9]))
      phrases += report.assumptions
      for scenarioName in StressScenario.builtInNames {
        var scenario = try StressScenario.builtIn(scenarioName, ledger: ledger)
        scenario.parameters.defaultCosts = DefaultCosts(alpha: 0.5, beta: 0.5)
        phrases += try StressReport(ledger: ledger, scenario: scenario).assumptions
      }
      let projection = try FundingProjection(
        ledger: ledger, company: "openai", scenario: .defaults,
        options: ProjectionOptions(from: 2027, to: 2030, paths: 200, seed: 3, sensitivity: false))
      phrases += projection.notes
    }
    #expect(phrases.count > 20)
    for phrase in phrases {
      #expect(Words.hasTranslation(phrase.template), "no translation: \(phrase.template)")
      let chinese = Words(.simplifiedChinese).say(phrase)
      #expect(chinese != phrase.description, "not said in Chinese: \(phrase.template)")
    }
  }

  @Test func simplifiedOutputsUseSimplifiedScript() throws {
    let ledger = try BundledLedger.load("seed")
    let data =
      ledger.companies.flatMap { [$0.names.english] + $0.aliases } + ledger.deals.map(\.id.rawValue)
      + ledger.facts.compactMap(\.label) + ledger.deals.compactMap(\.amount.asWritten)
      + ledger.facts.compactMap(\.value.asWritten)
    let report = try LoopReport(ledger: ledger)
    let stress = try StressReport(ledger: ledger, scenario: try StressScenario.builtIn("nvidia-stops", ledger: ledger))
    let projection = try FundingProjection(
      ledger: ledger, company: "openai", scenario: .defaults,
      options: ProjectionOptions(from: 2026, to: 2030, paths: 500, seed: 1, sensitivityPaths: 200, sensitivity: true))
    let reasons = projection.assumptions.compactMap(\.reason)
    for language in [Language.simplifiedChinese] {
      let outputs = [
        try ReportRenderer(report: report, ledger: ledger, language: language).render(.text),
        try StressRenderer(report: stress, ledger: ledger, language: language).render(.markdown),
        try ProjectionRenderer(projection: projection, ledger: ledger, language: language).render(.text),
        try CascadeChart(CascadeChartData(stress: stress, ledger: ledger, language: language), language: language)
          .svg(),
        try FanChart(FanChartData(projection: projection, language: language), language: language).svg(),
      ]
      for output in outputs {
        let wrong = traditionalOnly(ownWords(output, removing: data + reasons))
        #expect(wrong.isEmpty, "\(language): \(String(wrong))")
      }
    }
  }
}
