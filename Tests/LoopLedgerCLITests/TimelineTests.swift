import Foundation
import Testing

/// `report --as-of DATE`, `report --timeline quarter|year` and `draw timeline`, as a user runs them.
@Suite("loopledger report --as-of and --timeline")
struct TimelineTests {
  private struct TimelineJSON: Decodable {
    struct Point: Decodable {
      struct Circulation: Decodable {
        var tier: String
        var circulation: Double
      }
      struct Loop: Decodable {
        var path: [String]
        var inferred: Bool
      }
      var label: String
      var end: String
      var deals: Int
      var loops: [Loop]
      var circulation: [Circulation]
    }
    var ledger: String
    var period: String
    var points: [Point]
  }

  @Test func asOfShowsTheLedgerThenAndSaysSo() async throws {
    let run = try await CLI.run(["report", "--ledger", "public-2026", "--as-of", "2025-12-31"])
    expectSuccess(run)
    #expect(run.stdout.contains("[public-2026, as of 2025-12-31]"), "\(run.stdout.prefix(300))")
    // The deals it counts and the deals it says it left out add up to the whole ledger.
    let whole = try await CLI.run(["report", "--ledger", "public-2026", "--format", "json"])
    let total = try #require(
      ((try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any])?["ledger"] as? [String: Any])?[
        "deals"] as? Int)
    let counted = try #require(
      run.stdout.split(separator: "\n").dropFirst().first?.split(separator: " ").first.flatMap { Int($0) })
    #expect(
      run.stdout.contains(
        "As of 2025-12-31: the ledger as it stood then — \(total - counted) deals reported later left out"),
      "\(run.stdout)")
    // NVIDIA's letter of intent is still the arrangement at the end of 2025: up to $100B.
    let line = run.stdout.split(separator: "\n").first { $0.contains(" 1  NVIDIA → OpenAI → NVIDIA ") }
    #expect(line?.contains("≤$100B ≈$75B†") == true, "\(run.stdout)")
    // A date that is no date is a usage error naming the option.
    let bad = try await CLI.run(["report", "--as-of", "2025-13"])
    expectUsageError(bad, mentions: ["as-of"])
  }

  @Test func theTimelineByQuarterInTextAndJSON() async throws {
    let text = try await CLI.run(["report", "--ledger", "public-2026", "--timeline", "quarter"])
    expectSuccess(text)
    #expect(text.stdout.hasPrefix("LoopLedger timeline by quarter"), "\(text.stdout.prefix(200))")
    #expect(text.stdout.contains("2026-Q1 — loops:"))
    let json = try await CLI.run(["report", "--ledger", "public-2026", "--timeline", "quarter", "--format", "json"])
    expectSuccess(json)
    let timeline = try JSONDecoder().decode(TimelineJSON.self, from: Data(json.stdout.utf8))
    #expect(timeline.ledger == "public-2026" && timeline.period == "quarter")
    #expect(timeline.points.last?.label == "2026-Q2" && timeline.points.last?.end == "2026-06-30")
    // The last quarter is the report on the whole ledger.
    let report = try await CLI.run(["report", "--ledger", "public-2026", "--format", "json"])
    let whole = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
    let loops = whole?["loops"] as? [[String: Any]]
    #expect(timeline.points.last?.loops.count == loops?.count)
    #expect(timeline.points.last?.deals == (whole?["ledger"] as? [String: Any])?["deals"] as? Int)
    // Markdown escapes its table cells.
    let markdown = try await CLI.run(["report", "--timeline", "year", "--format", "markdown", "--lang", "zh-Hant"])
    expectSuccess(markdown)
    #expect(markdown.stdout.hasPrefix("# LoopLedger 按年度的時間線"), "\(markdown.stdout.prefix(200))")
    #expect(markdown.stdout.contains("| 2025 |"))
  }

  @Test func theTimelinePictureAndTheHTMLPage() async throws {
    let scratch = try Scratch()
    let draw = try await CLI.run(["draw", "timeline", "--ledger", "public-2026", "--svg", scratch.path("t.svg")])
    expectSuccess(draw)
    let svg = String(decoding: try scratch.read("t.svg"), as: UTF8.self)
    #expect(svgRoot(svg)?["class"] == "timeline")
    #expect(svg.contains("id=\"tl-2026-Q1\"") && svg.contains("includes derived amounts"))
    let html = try await CLI.run(
      ["report", "--ledger", "public-2026", "--timeline", "quarter", "--html", scratch.path("r.html")])
    expectSuccess(html)
    let page = String(decoding: try scratch.read("r.html"), as: UTF8.self)
    #expect(page.contains("class=\"timeline\"") && page.contains("Money going round, by certainty tier"))
  }
}
