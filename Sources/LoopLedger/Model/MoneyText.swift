import Foundation

/// Plain formatting of money for messages and assumption lines (renderers do the rich forms).
public enum MoneyText {
  /// `$10B`, `$1.4T`, `$350M`, `HKD 77.8B`.
  public static func plain(_ value: Double, currency: String) -> String {
    let scaled: (Double, String) =
      value >= 1e12 ? (value / 1e12, "T") : value >= 1e9 ? (value / 1e9, "B")
      : value >= 1e6 ? (value / 1e6, "M") : value >= 1e4 ? (value / 1e3, "K") : (value, "")
    let number = compact(scaled.0)
    return currency == "USD" ? "$\(number)\(scaled.1)" : "\(currency) \(number)\(scaled.1)"
  }

  /// A number with at most three significant decimals and no trailing zeros.
  public static func compact(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    var text = String(format3: value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}

extension String {
  fileprivate init(format3 value: Double) {
    let rounded = (value * 1000).rounded() / 1000
    let whole = Int(rounded)
    let fraction = Int(((abs(rounded) - Double(abs(whole))) * 1000).rounded())
    let digits = String(fraction)
    self = "\(whole).\(String(repeating: "0", count: 3 - digits.count))\(digits)"
  }
}

extension MoneyText {
  /// Parses `20e9`, `20000000000`, `20B`, `1.4T`, `350M`, `$38B` (US dollars); nil otherwise.
  public static func parse(_ text: String) -> Double? {
    var body = text.trimmingCharacters(in: .whitespaces)
    if body.hasPrefix("$") { body.removeFirst() }
    var multiplier = 1.0
    switch body.last {
    case "T", "t": multiplier = 1e12
    case "B", "b": multiplier = 1e9
    case "M", "m": multiplier = 1e6
    case "K", "k": multiplier = 1e3
    default: break
    }
    if multiplier != 1 { body.removeLast() }
    guard let value = Double(body), value.isFinite, value >= 0 else { return nil }
    return value * multiplier
  }
}
