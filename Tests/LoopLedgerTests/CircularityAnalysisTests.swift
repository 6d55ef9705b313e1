import Foundation
import Testing

@testable import LoopLedger

@Suite("Circularity analysis")
struct CircularityAnalysisTests {
  /// Triangle 0 → 1 → 2 → 0 (5, 3, 3) and 1 → 0 (1): one 2-cycle and one triangle.
  private let loops = FlowNetwork(nodeCount: 3, edges: [(0, 1, 5), (1, 2, 3), (2, 0, 3), (1, 0, 1)])
  private let ids = ["a", "b", "c"]

  private func options(_ change: (inout CircularityAnalysis.Options) -> Void = { _ in }) -> CircularityAnalysis.Options
  {
    var options = CircularityAnalysis.Options()
    change(&options)
    return options
  }

  /// `histogram[k]` cycles of `k` edges, trailing zeros trimmed (as `CycleStatistics` keeps it).
  private func histogram(_ cycles: Set<[Int32]>) -> [Int] {
    var result = [Int](repeating: 0, count: (cycles.map(\.count).max() ?? -1) + 1)
    for cycle in cycles { result[cycle.count] += 1 }
    return result
  }

  @Test func aGraphWorkedByHand() throws {
    let analysis = try CircularityAnalysis(network: loops, ids: ids, options: options { $0.maxLength = nil })
    #expect(analysis.nodes == 3 && analysis.edges == 4)
    let cycles = try #require(analysis.cycles)
    #expect(cycles.count == 2 && cycles.histogram == [0, 0, 1, 1] && cycles.sumLength == 5 && cycles.longest == 3)
    #expect(cycles.method == "johnson" && cycles.complete && cycles.maxLength == nil)
    // Net flow 4, 3, 3 round the triangle: the circular part is the mean 10/3 on each edge,
    // ‖f‖² = 34, circular 3 · (10/3)² = 100/3.
    let hodge = try #require(analysis.hodge)
    #expect(abs(hodge.total - 34) < 1e-9)
    #expect(abs(hodge.circular - 100.0 / 3) < 1e-7)
    #expect(abs(hodge.circularShare - 50.0 / 51) < 1e-9)
    // 3 round the triangle and 1 round the 2-cycle (twice): 11 of 12.
    let circulation = try #require(analysis.circulation)
    #expect(abs(circulation.circulation - 11) < 1e-9 && circulation.totalFlow == 12)
    #expect(abs(circulation.maxCircularity - 11.0 / 12) < 1e-12)
  }

  @Test("Equals brute force and the separately tested algorithms", arguments: 0..<20)
  func agreesWithItsParts(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed &+ 7_700)
    let n = Int.random(in: 2...9, using: &rng)
    let network = FlowNetwork.random(
      nodeCount: n, edgeProbability: Double.random(in: 0.15...0.6, using: &rng), using: &rng)
    let ids = (0..<n).map { "node-\($0)" }
    for bound in [2, 3, 4, 5, nil] as [Int?] {
      let threads = Int.random(in: 1...3, using: &rng)
      let weighted = Bool.random(using: &rng)
      let analysis = try CircularityAnalysis(
        network: network, ids: ids,
        options: options {
          $0.maxLength = bound
          $0.threads = threads
          $0.weightedHodge = weighted
        })
      let cycles = try #require(analysis.cycles)
      let expected = network.bruteForceCycles(maxLength: bound ?? .max)
      #expect(cycles.count == expected.count, "bound \(String(describing: bound))")
      #expect(cycles.histogram == histogram(expected))
      #expect(cycles.sumLength == expected.reduce(0) { $0 + $1.count })
      #expect(cycles.longest == (expected.map(\.count).max() ?? 0))
      #expect(cycles.method == ((bound ?? .max) <= 4 ? "short-cycles" : "johnson"))
      #expect(cycles.complete && cycles.threads == threads && cycles.maxLength == bound && cycles.listed.isEmpty)
      #expect(
        analysis.hodge == (try network.hodgeDecomposition(weighted: weighted, tolerance: 1e-10, maxIterations: 20_000)))
      #expect(analysis.circulation == (try network.maximumCirculation(edgeFlows: false)))
    }
  }

  @Test func aCycleBudgetStopsTheCountAndSaysSo() throws {
    let complete5 = FlowNetwork.complete(5)  // 84 cycles
    let ids = (0..<5).map(String.init)
    let stopped = try CircularityAnalysis(
      network: complete5, ids: ids,
      options: options {
        $0.maxLength = nil
        $0.cycleBudget = 10
        $0.threads = 4
      })
    let cycles = try #require(stopped.cycles)
    #expect(cycles.count == 10 && !cycles.complete && cycles.method == "johnson" && cycles.threads == 1)
    // A budget the count never reaches changes nothing but the method.
    let enough = try CircularityAnalysis(
      network: complete5, ids: ids,
      options: options {
        $0.maxLength = 3
        $0.cycleBudget = 1_000
      })
    #expect(enough.cycles?.count == 10 + 20 && enough.cycles?.complete == true)
    #expect(enough.cycles?.histogram == [0, 0, 10, 20] && enough.cycles?.method == "johnson")
  }

  @Test func listedCyclesAreNamedByTheirIds() throws {
    let analysis = try CircularityAnalysis(
      network: loops, ids: ids,
      options: options {
        $0.listLimit = 5
        $0.hodge = false
        $0.circulation = false
      })
    let listed = try #require(analysis.cycles?.listed)
    #expect(Set(listed) == [["a", "b"], ["a", "b", "c"]])
    let one = try CircularityAnalysis(network: loops, ids: ids, options: options { $0.listLimit = 1 })
    #expect(one.cycles?.listed.count == 1 && one.cycles?.count == 2)
  }

  @Test func onlyWhatIsAskedForIsComputed() throws {
    let nothing = try CircularityAnalysis(
      network: loops, ids: ids,
      options: options {
        $0.cycles = false
        $0.hodge = false
        $0.circulation = false
      })
    #expect(nothing.cycles == nil && nothing.hodge == nil && nothing.circulation == nil)
    // The circulation is skipped above its edge limit, and computed at it.
    let above = try CircularityAnalysis(network: loops, ids: ids, options: options { $0.circulationEdgeLimit = 3 })
    #expect(above.circulation == nil && above.cycles != nil && above.hodge != nil)
    let at = try CircularityAnalysis(network: loops, ids: ids, options: options { $0.circulationEdgeLimit = 4 })
    #expect(at.circulation != nil)
  }

  @Test func timingAndProgressAreReported() throws {
    var timed: [String] = []
    var progress: [String] = []
    _ = try CircularityAnalysis(
      network: loops, ids: ids, options: options(),
      timing: { name, seconds in
        #expect(seconds >= 0)
        timed.append(name)
      },
      progress: { progress.append($0) })
    #expect(timed == ["cycles", "hodge", "circulation"])
    #expect(progress.first == "maximum circulation…")
    #expect(progress.dropFirst().allSatisfy { $0.hasPrefix("maximum circulation: phase ") })
    #expect(progress.count >= 2)
  }

  @Test func theJSONKeepsAnUnboundedLengthAsNull() throws {
    let analysis = try CircularityAnalysis(network: loops, ids: ids, options: options { $0.maxLength = nil })
    let data = try JSONEncoder().encode(analysis)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let cycles = try #require(object["cycles"] as? [String: Any])
    #expect(cycles["maxLength"] is NSNull)
    let decoded = try JSONDecoder().decode(CircularityAnalysis.self, from: data)
    #expect(decoded.cycles == analysis.cycles)
    #expect(decoded.circulation?.circulation == analysis.circulation?.circulation)
    #expect(decoded.hodge?.circular == analysis.hodge?.circular && decoded.hodge?.potential == [])
  }
}
