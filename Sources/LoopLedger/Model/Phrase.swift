import Foundation

/// A sentence an analysis says about its result (a note, an assumption, a shock), kept as an
/// English template with named values so that a renderer can say it in another language.
///
/// The template is the English sentence with `{name}` placeholders; ``description`` fills them
/// in English, and that is also the JSON form (a plain string). Renderers look the template up
/// in their word table and fill the same values in their own language.
public struct Phrase: Codable, Sendable, Equatable, CustomStringConvertible {
  /// A value in a phrase, typed so that each language can format it its own way.
  public enum Value: Sendable, Equatable {
    /// Words taken as they are (ids, names, text from the ledger).
    case text(String)
    /// A number shown compactly (`5`, `2.5`).
    case number(Double)
    /// US dollars.
    case money(Double)
    /// A fraction shown as a percentage.
    case percent(Double)
  }

  public var template: String
  public var values: [String: Value]

  public init(_ template: String, _ values: [String: Value] = [:]) {
    self.template = template
    self.values = values
  }

  /// The sentence in English.
  public var description: String {
    fill { value in
      switch value {
      case .text(let text): text
      case .number(let x): MoneyText.compact(x)
      case .money(let x): MoneyText.plain(x, currency: "USD")
      case .percent(let x): "\(MoneyText.compact((x * 100).rounded()))%"
      }
    }
  }

  /// The template with every `{name}` replaced by its value as `format` shows it (a name
  /// without a value stays as written).
  public func fill(with template: String? = nil, _ format: (Value) -> String) -> String {
    var out = ""
    var rest = Substring(template ?? self.template)
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}") else { break }
      let name = String(rest[rest.index(after: open)..<close])
      if let value = values[name] { out += format(value) } else { out += rest[open...close] }
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }

  /// Two phrases are equal when they say the same in English (a decoded phrase keeps only that).
  public static func == (lhs: Phrase, rhs: Phrase) -> Bool { lhs.description == rhs.description }

  public init(from decoder: any Decoder) throws {
    self.init(try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
