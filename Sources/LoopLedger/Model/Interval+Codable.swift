extension Interval {
  enum CodingKeys: String, CodingKey {
    case low, high, estimate, missingEstimates, assumed, derived
  }

  /// Writes `null` for unknown parts, so that readers see every key.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(low, forKey: .low)
    try container.encode(high, forKey: .high)
    try container.encode(estimate, forKey: .estimate)
    try container.encode(missingEstimates, forKey: .missingEstimates)
    try container.encode(isAssumed, forKey: .assumed)
    // Only where it is true, so that JSON without derived amounts is unchanged.
    if isDerived { try container.encode(true, forKey: .derived) }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      low: try container.decodeIfPresent(Double.self, forKey: .low),
      high: try container.decodeIfPresent(Double.self, forKey: .high),
      estimate: try container.decodeIfPresent(Double.self, forKey: .estimate),
      missingEstimates: try container.decodeIfPresent(Int.self, forKey: .missingEstimates) ?? 0,
      isAssumed: try container.decodeIfPresent(Bool.self, forKey: .assumed) ?? false,
      isDerived: try container.decodeIfPresent(Bool.self, forKey: .derived) ?? false)
  }
}
