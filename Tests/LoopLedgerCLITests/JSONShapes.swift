import Foundation

// The parts of each JSON output that the tests read. Decoding ignores every other key, so a new
// field never breaks a test; a renamed or removed one does, as it would break a user's script.

/// An interval amount (docs/report-json.md).
struct IntervalJSON: Decodable {
  var low: Double?
  var high: Double?
  var estimate: Double?
  var assumed: Bool?
}

struct LoopJSON: Decodable {
  struct Step: Decodable {
    var payer: String
    var payee: String
    var deals: [String]
    var amount: IntervalJSON
  }
  var path: [String]
  var steps: [Step]
  var roundTrip: IntervalJSON
}

/// `report --format json`.
struct ReportJSON: Decodable {
  struct Ledger: Decodable {
    var id: String
    var deals: Int
    var companies: Int
    var asOf: String?
  }
  struct Filter: Decodable {
    var level: String
    var statuses: [String]
  }
  struct Company: Decodable { var id: String }
  struct Excluded: Decodable {
    var id: String
    var reason: String
  }
  var reportVersion: Int
  var ledger: Ledger
  var filter: Filter
  var loops: [LoopJSON]
  var loopsComplete: Bool
  var loopLimit: Int
  var maxLength: Int?
  var companies: [Company]
  var unknownAmountDeals: [String]
  var excludedDeals: [Excluded]
  var assumptions: [String]
}

/// `loops --format json`.
struct LoopListJSON: Decodable {
  var loops: [LoopJSON]
  var complete: Bool
}

/// `stress --format json`.
struct StressJSON: Decodable {
  struct Scenario: Decodable {
    var name: String
  }
  struct Run: Decodable {
    var rounds: Int?
    var converged: Bool?
  }
  var reportVersion: Int
  var ledger: String
  var scenario: Scenario
  var low: Run
  var estimate: Run
  var high: Run
  var assumptions: [String]
}

/// One row of `stress --sweep --format json`.
struct LinkDamageJSON: Decodable {
  var payer: String
  var payee: String
  var damage: Double
  var defaults: Int
}

/// `project --format json`.
struct ProjectionJSON: Decodable {
  struct Year: Decodable { var year: Int }
  var company: String
  var from: Int
  var to: Int
  var paths: Int
  var seed: Int
  var years: [Year]
  var assumptions: [AnyJSON]
}

/// Any JSON value (to count array items without caring what they are).
struct AnyJSON: Decodable {
  init(from decoder: any Decoder) throws {}
}

/// `extract --format json` (docs/extract-json.md).
struct ExtractJSON: Decodable {
  struct Article: Decodable {
    var file: String
    var language: String
    var articleDate: String?
    var candidates: [Candidate]

    enum CodingKeys: String, CodingKey {
      case file, language, candidates
      case articleDate = "article_date"
    }
  }
  struct Candidate: Decodable {
    var payer: Party
    var payee: Party
    var kind: String
    var status: String
    var quote: String
    var span: [Int]
    var confidence: Double
    var duplicateOf: String?

    enum CodingKeys: String, CodingKey {
      case payer, payee, kind, status, quote, span, confidence
      case duplicateOf = "duplicate_of"
    }
  }
  struct Party: Decodable {
    var id: String?
    var name: String
  }
  var format: String
  var version: Int
  var ledger: String
  var articles: [Article]
}

/// `analyze --format json` (docs/analyze-json.md).
struct AnalyzeJSON: Decodable {
  struct Cycles: Decodable {
    var count: Int
    var complete: Bool
    var histogram: [Int]
    var listed: [[String]]
    var longest: Int
    var maxLength: Int?
    var sumLength: Int
  }
  struct Hodge: Decodable {
    var total: Double
    var gradient: Double
    var circular: Double
    var circularShare: Double
    var converged: Bool
    var weighted: Bool
  }
  struct Circulation: Decodable {
    var totalFlow: Double
    var circulation: Double
    var maxCircularity: Double
    var upperBound: Double
    var gap: Double
  }
  var file: String
  var nodes: Int
  var edges: Int
  var rows: Int
  var mergedRows: Int
  var selfLoops: Int
  var skippedRows: Int
  var cycles: Cycles?
  var hodge: Hodge?
  var circulation: Circulation?
  var circulationSkipped: Bool
  var timings: [String: Double]
}

/// `clear --format json`.
struct ClearJSON: Decodable {
  struct Costs: Decodable {
    var alpha: Double
    var beta: Double
  }
  var file: String
  var nodes: Int
  var edges: Int
  var defaulted: Int
  var totalLiabilities: Double
  var totalPayments: Double
  var shortfall: Double
  var proven: Bool
  var externalAssets: String
  var idsWithoutExternalAssets: Int
  var defaultCosts: Costs?
}

/// `debtrank --format json`.
struct DebtRankJSON: Decodable {
  var file: String
  var nodes: Int
  var edges: Int
  var debtRank: Double
  var initialLoss: Double
  var distressedNodes: Int
  var shocked: [String]
  var externalAssets: String
  var idsWithoutExternalAssets: Int
}

/// The bundled ledger files, read as a user's script would.
struct LedgerFileJSON: Decodable {
  struct Deal: Decodable { var id: String }
  struct Company: Decodable { var id: String }
  var deals: [Deal]
  var companies: [Company]
}
