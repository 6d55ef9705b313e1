import LoopLedger

/// The loop through time in words (`loopledger report --timeline quarter|year`).
///
/// The money going round per period and tier, then each period's loops with their round trips
/// per tier. JSON is the ``LedgerTimeline`` itself.
public struct TimelineRenderer {
  public let timeline: LedgerTimeline
  public let ledger: Ledger
  public let language: Language
  /// Loops listed per period in text and Markdown (the JSON lists all).
  public let loopsPerPeriod: Int

  public init(timeline: LedgerTimeline, ledger: Ledger, language: Language, loopsPerPeriod: Int = 8) {
    self.timeline = timeline
    self.ledger = ledger
    self.language = language
    self.loopsPerPeriod = loopsPerPeriod
  }

  private struct TimelineJSON: Encodable {
    var ledger: String
    var period: TimelinePeriod
    var points: [LedgerTimeline.Point]
  }

  public func render(_ format: OutputFormat) throws -> String {
    if format == .json {
      return try JSONOutput.string(TimelineJSON(ledger: ledger.id, period: timeline.period, points: timeline.points))
    }
    let markdown = format == .markdown
    let words = Words(language)
    let money = MoneyFormat(language)
    let md: (String) -> String = { markdown ? Markdown.escape($0) : $0 }
    // Table cells are escaped by the table's Markdown form.
    func name(_ id: CompanyID) -> String { ledger.name(of: id, in: language) }
    func circulationCell(_ point: LedgerTimeline.Point, _ tier: CertaintyTier) -> String {
      guard let value = point.circulation.first(where: { $0.tier == tier }) else { return "–" }
      return money.usd(value.circulation) + (value.maxCircularity.isDerived ? "†" : "")
    }
    var out: [String] = []
    let heading = words.timelineHeading(md(ledger.title), id: md(ledger.id), period: timeline.period)
    out.append(markdown ? "# " + heading : heading)
    out.append(words.timelineExplanation)
    out.append("")
    guard !timeline.points.isEmpty else {
      out.append(words.noDatedDeals)
      return out.joined(separator: "\n") + "\n"
    }
    out.append(markdown ? "## " + words.goingRoundHeading : words.goingRoundHeading)
    var table = TextTable(
      headers: [words.periodColumn, words.dealsColumn, words.loopsCountColumn]
        + CertaintyTier.allCases.map(words.tier) + [words.shareAllColumn],
      alignments: [.left, .right, .right, .right, .right, .right, .right, .right])
    for point in timeline.points {
      let share = point.circulation.last.map { money.share($0.maxCircularity, style: .compact) } ?? "–"
      table.add(
        [point.label, "\(point.deals)", "\(point.loops.count)"]
          + CertaintyTier.allCases.map { circulationCell(point, $0) } + [share])
    }
    out.append(markdown ? table.markdown() : table.render(indent: "  "))
    // A period whose loops are those of the last one listed refers to it.
    var listed: LedgerTimeline.Point? = nil
    for point in timeline.points {
      if point.loops.isEmpty {
        listed = nil
        continue
      }
      out.append("")
      let title = words.loopsAt(point.label, count: point.loops.count)
      if let listed, listed.loops == point.loops {
        out.append((markdown ? "### " : "") + title + " " + words.sameLoopsAs(listed.label))
        continue
      }
      listed = point
      out.append(markdown ? "### " + title : title)
      var loops = TextTable(
        headers: ["#", words.loop] + CertaintyTier.allCases.map(words.tier),
        alignments: [.right, .left, .left, .left, .left, .left])
      for (index, loop) in point.loops.prefix(loopsPerPeriod).enumerated() {
        let path = loop.path.map(name).joined(separator: " → ") + (loop.inferred ? " " + words.inferredMark : "")
        let cells: [String] = loop.roundTrips.map { value in
          guard let roundTrip = value.roundTrip else { return "–" }
          return money.interval(roundTrip, style: .compact)
        }
        loops.add(["\(index + 1)", path] + cells)
      }
      out.append(markdown ? loops.markdown() : loops.render(indent: "  "))
      if point.loops.count > loopsPerPeriod {
        out.append("  " + words.moreTimelineLoops(point.loops.count - loopsPerPeriod))
      }
    }
    out.append("")
    out.append(money.legend)
    return out.joined(separator: "\n") + "\n"
  }
}
