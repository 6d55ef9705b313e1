/// A calendar date known to the year, the month or the day, as news reports state them.
///
/// Written as `2025`, `2025-09` or `2025-09-22`. Ordering compares the earliest day each value
/// can mean, then the precision (a year sorts before its first month).
public struct PartialDate: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
  public var year: Int
  public var month: Int?
  public var day: Int?

  public init(year: Int, month: Int? = nil, day: Int? = nil) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; returns nil for anything else or an impossible date.
  public init?(_ text: String) {
    // On the UTF-8 bytes: ASCII digits in the places of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    var text = text
    let parsed: (Int, Int?, Int?)? = text.withUTF8 { bytes in
      guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10 else { return nil }
      func number(_ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
          let byte = bytes[index]
          guard byte >= 48, byte <= 57 else { return nil }
          value = value * 10 + Int(byte - 48)
        }
        return value
      }
      guard let year = number(0, 4) else { return nil }
      if bytes.count == 4 { return (year, nil, nil) }
      guard bytes[4] == UInt8(ascii: "-"), let month = number(5, 2) else { return nil }
      if bytes.count == 7 { return (year, month, nil) }
      guard bytes[7] == UInt8(ascii: "-"), let day = number(8, 2) else { return nil }
      return (year, month, day)
    }
    guard let (year, month, day) = parsed else { return nil }
    self.year = year
    self.month = month
    self.day = day
    if let month, !(1...12).contains(month) { return nil }
    if let month, let day {
      guard day >= 1, day <= PartialDate.daysIn(month: month, year: year) else { return nil }
    }
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let date = PartialDate(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not YYYY, YYYY-MM or YYYY-MM-DD"))
    }
    self = date
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }

  public var description: String {
    var text = String(format4: year)
    if let month { text += "-" + String(twoDigits: month) }
    if let day { text += "-" + String(twoDigits: day) }
    return text
  }

  /// The first day this value can mean, as `(year, month, day)`.
  public var earliest: (Int, Int, Int) { (year, month ?? 1, day ?? 1) }

  /// The last day this value can mean, as `(year, month, day)`.
  public var latest: (Int, Int, Int) {
    let lastMonth = month ?? 12
    return (year, lastMonth, day ?? PartialDate.daysIn(month: lastMonth, year: year))
  }

  /// Whether some day this value can mean lies in the closed range `from ... to` (either end open).
  public func overlaps(from: PartialDate?, to: PartialDate?) -> Bool {
    if let from, latest < from.earliest { return false }
    if let to, earliest > to.latest { return false }
    return true
  }

  public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
    if lhs.earliest != rhs.earliest { return lhs.earliest < rhs.earliest }
    return lhs.precision < rhs.precision
  }

  private var precision: Int { day != nil ? 2 : month != nil ? 1 : 0 }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

extension String {
  fileprivate init(format4 value: Int) {
    let digits = String(value)
    self = String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
  }
  fileprivate init(twoDigits value: Int) {
    self = value < 10 ? "0\(value)" : "\(value)"
  }
}
