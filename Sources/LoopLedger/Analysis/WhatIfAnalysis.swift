/// The two what-if figures of the full report: the cascade if NVIDIA's investment does not arrive
/// (the built-in `nvidia-stops` stress test) and OpenAI's funding fan (the default projection).
///
/// Each is computed when the ledger has what it needs; what could not be computed is listed with
/// the reason, never dropped silently.
public struct WhatIfAnalysis {
  /// One figure that could not be computed.
  public struct Missing: Sendable, Equatable {
    /// `stress` or `projection`.
    public var figure: String
    public var reason: String
  }

  /// The built-in stress scenario the report shows.
  public static let stressScenario = "nvidia-stops"
  /// The company whose funding the report projects.
  public static let projectedCompany: CompanyID = "openai"
  /// Paths and seed of the report's projection.
  public static let projectionPaths = 20_000
  public static let projectionSeed: UInt64 = 1

  public var stress: StressReport?
  public var projection: FundingProjection?
  public var missing: [Missing] = []

  /// Runs both analyses on `ledger`.
  ///
  /// - Complexity: one stress test and one projection of ``projectionPaths`` paths.
  public init(ledger: Ledger, filter: GraphFilter) {
    do {
      let scenario = try StressScenario.builtIn(Self.stressScenario, ledger: ledger)
      stress = try StressReport(ledger: ledger, scenario: scenario, filter: filter)
    } catch {
      missing.append(Missing(figure: "stress", reason: "\(error)"))
    }
    guard ledger.company(Self.projectedCompany) != nil else {
      missing.append(
        Missing(figure: "projection", reason: "the ledger has no company '\(Self.projectedCompany)'"))
      return
    }
    do {
      let window = ProjectionOptions.window(for: ledger)
      projection = try FundingProjection(
        ledger: ledger, company: Self.projectedCompany, scenario: .defaults,
        options: ProjectionOptions(
          from: window.lowerBound, to: window.upperBound, paths: Self.projectionPaths,
          seed: Self.projectionSeed, sensitivity: false))
    } catch {
      missing.append(Missing(figure: "projection", reason: "\(error)"))
    }
  }
}
