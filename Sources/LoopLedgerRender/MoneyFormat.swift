import LoopLedger

/// Formats money, intervals and shares for people, in English or Chinese.
package struct MoneyFormat: Sendable {
  public let words: Words

  public init(_ language: Language) { words = Words(language) }

  /// `$38B`, `$1.4T`; `380億美元`, `1.4萬億美元` in Chinese.
  public func usd(_ value: Double) -> String {
    if words.language == .english { return MoneyText.plain(value, currency: "USD") }
    let traditional = words.language == .traditionalChinese
    if value >= 1e12 { return MoneyText.compact(value / 1e12) + (traditional ? "萬億美元" : "万亿美元") }
    if value >= 1e8 { return MoneyText.compact(value / 1e8) + (traditional ? "億美元" : "亿美元") }
    if value >= 1e4 { return MoneyText.compact(value / 1e4) + (traditional ? "萬美元" : "万美元") }
    return MoneyText.compact(value) + "美元"
  }

  /// How much an interval's text says.
  public enum Style: Sendable {
    /// `≥ $10B (est. $12B; +1 without figure)`: for sentences and step lines.
    case long
    /// `≥$10B ≈$12B +?`: for table cells; see ``legend``.
    case compact
  }

  /// An interval of US dollars: `$38B`, `≥ $10B`, `≤ $100B`, `$10B–$100B`, `unknown`, with the
  /// estimate and the count of amounts without a figure where they add information.
  public func interval(_ interval: Interval, style: Style = .long) -> String {
    text(interval, unit: usd, style: style)
  }

  /// An interval of shares (0…1) as percentages; `–` for nil.
  public func share(_ interval: Interval?, style: Style = .long) -> String {
    guard let interval else { return "–" }
    return text(interval, unit: percent, style: style)
  }

  /// The key to the compact notation.
  public var legend: String {
    switch words.language {
    case .english:
      "≥ at least · ≤ up to · ≈ estimate · +? plus deals whose amount is not stated · * assumed · † derived (a share of another deal's amount) · – none"
    case .traditionalChinese:
      "≥ 至少 · ≤ 至多 · ≈ 估計 · +? 另有未披露金額的交易 · * 假設值 · † 推算值(另一交易金額的一部分) · – 無"
    case .simplifiedChinese:
      "≥ 至少 · ≤ 至多 · ≈ 估计 · +? 另有未披露金额的交易 · * 假设值 · † 推算值(另一交易金额的一部分) · – 无"
    }
  }

  /// `26%`, `3.5%`, `<0.1%`; never traps (a share beyond 10¹³ % shows with an exponent).
  public func percent(_ value: Double) -> String {
    let p = value * 100
    if p == 0 { return "0%" }
    if p < 0.1, p >= 0 { return "<0.1%" }
    if p < 10, p > -10 { return MoneyText.compact((p * 10).rounded() / 10) + "%" }
    return MoneyText.compact(p.rounded()) + "%"
  }

  private func text(_ interval: Interval, unit: (Double) -> String, style: Style = .long)
    -> String
  {
    let compact = style == .compact
    let space = compact ? "" : " "
    var main: String
    var showEstimate = interval.estimate != nil
    switch (interval.low, interval.high) {
    case (nil, nil):
      main =
        interval.estimate.map { compact ? "≈" + unit($0) : "\(words.estimate) \(unit($0))" }
        ?? (compact ? "?" : words.unknown)
      showEstimate = false
    case (let low?, nil) where low > 0:
      main = "≥" + space + unit(low)
    case (_, nil):
      main = compact ? "?" : words.unknown
      if let estimate = interval.estimate {
        main = compact ? "≈" + unit(estimate) : "\(words.estimate) \(unit(estimate))"
      }
      showEstimate = false
    case (nil, let high?):
      main = "≤" + space + unit(high)
    case (let low?, let high?):
      if unit(low) == unit(high) {
        main = unit(low)
        showEstimate = false
      } else if low == 0 {
        main = "≤" + space + unit(high)
      } else {
        main = unit(low) + "–" + unit(high)
      }
    }
    if showEstimate, let estimate = interval.estimate {
      let shown = unit(estimate)
      if shown == unit(interval.low ?? -1) || shown == unit(interval.high ?? -1) {
        showEstimate = false
      }
      if showEstimate {
        main += compact ? " ≈" + shown : ""
      }
    }
    if !compact {
      var notes: [String] = []
      if showEstimate, let estimate = interval.estimate { notes.append("\(words.estimate) \(unit(estimate))") }
      if interval.missingEstimates > 0, !interval.isUnknown {
        notes.append(
          words.language == .english
            ? "+\(interval.missingEstimates) \(words.withoutFigure)"
            : "另\(interval.missingEstimates)\(words.withoutFigure)")
      }
      if !notes.isEmpty { main += " (" + notes.joined(separator: "; ") + ")" }
      if interval.isAssumed { main += " [\(words.assumed)]" }
      if interval.isDerived { main += " [\(words.derived)]" }
    } else {
      if interval.missingEstimates > 0, !interval.isUnknown { main += " +?" }
      if interval.isAssumed { main += "*" }
      if interval.isDerived { main += "†" }
    }
    return main
  }
}

extension Words {
  var withoutFigure: String {
    switch language {
    case .english: "without figure"
    case .traditionalChinese: "筆無金額"
    case .simplifiedChinese: "笔无金额"
    }
  }
}
