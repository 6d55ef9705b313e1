/// A stable, human-readable identifier: a lower-case slug such as `amazon` or
/// `amazon-openai-equity-2025`.
///
/// Encoded as a plain JSON string.
public protocol SlugIdentifier: RawRepresentable, Hashable, Comparable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
where RawValue == String {
  init(rawValue: String)
}

extension SlugIdentifier {
  public init(_ rawValue: String) { self.init(rawValue: rawValue) }
  public init(stringLiteral value: String) { self.init(rawValue: value) }
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
  public var description: String { rawValue }
}

/// The stable identifier of a company, a lower-case slug such as `amazon` or `google-cloud`.
public struct CompanyID: SlugIdentifier {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
}

/// The stable identifier of a deal, a slug such as `amazon-openai-equity-2025`.
public struct DealID: SlugIdentifier {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
}

extension String {
  /// Whether the string is a slug: lower-case ASCII letters and digits, words joined by `-` or `_`.
  var isSlug: Bool {
    guard let first = utf8.first, let last = utf8.last else { return false }
    func isAlnum(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
    guard isAlnum(first), isAlnum(last) else { return false }
    return utf8.allSatisfy { isAlnum($0) || $0 == 45 || $0 == 95 || $0 == 46 }
  }
}
