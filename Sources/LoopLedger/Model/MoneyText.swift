import Foundation

/// Plain formatting of money for messages and assumption lines (renderers do the rich forms).
public enum MoneyText {
  /// `$10B`, `$1.4T`, `$350M`, `HKD 77.8B`.
  public static func plain(_ value: Double, currency: String) -> String {
    let scaled: (Double, String) =
      value >= 1e12
      ? (value / 1e12, "T")
      : value >= 1e9
        ? (value / 1e9, "B")
        : value >= 1e6 ? (value / 1e6, "M") : value >= 1e4 ? (value / 1e3, "K") : (value, "")
    let number = compact(scaled.0)
    return currency == "USD" ? "$\(number)\(scaled.1)" : "\(currency) \(number)\(scaled.1)"
  }

  /// A number with at most three decimals and no trailing zeros: `12`, `1.4`, `-0.3`; from 10¹⁵
  /// on, with an exponent (`1.23e20`).
  ///
  /// Never traps: NaN and the infinities (which no checked input can produce) show as `NaN`, `∞`,
  /// `−∞`.
  public static func compact(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
    if value < 0 {
      let magnitude = compact(-value)
      return magnitude == "0" ? "0" : "-" + magnitude
    }
    if value == value.rounded(), value < 1e15 { return String(Int64(value)) }
    if value >= 1e15 {
      let exponent = Int(Foundation.floor(Foundation.log10(value)))
      var mantissa = (value / Foundation.pow(10, Double(exponent)) * 1000).rounded() / 1000
      var shown = exponent
      if mantissa >= 10 {
        mantissa /= 10
        shown += 1
      }
      return compact(mantissa) + "e\(shown)"
    }
    var text = String(format3: value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}

extension String {
  /// A non-negative value below 10¹⁵ with three decimals.
  fileprivate init(format3 value: Double) {
    let thousandths = Int64((value * 1000).rounded())
    let whole = thousandths / 1000
    let digits = String(thousandths % 1000)
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
    // Beyond Double's range this gives infinity, which ``NumberRule/amount`` then refuses by name.
    return value * multiplier
  }
}
