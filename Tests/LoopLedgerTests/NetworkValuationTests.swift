import Testing

@testable import LoopLedger

@Suite("Network valuation (NEVA)")
struct NetworkValuationTests {
  @Test func nevaModelsOrderTheLosses() throws {
    // A ring of claims; node 0 loses its outside assets. Furfine (all or nothing) hurts at least
    // as much as linear DebtRank here, and every equity is at most its book value.
    let claims = FlowNetwork(nodeCount: 3, edges: [(0, 1, 10), (1, 2, 10), (2, 0, 10)])
    let outside = [0.0, 3, 3]
    for model in ValuationModel.allCases {
      let result = try networkValuation(claims: claims, externalAssets: outside, model: model)
      #expect(zip(result.equity, result.bookEquity).allSatisfy { $0 <= $1 + 1e-9 })
    }
    let furfine = try networkValuation(claims: claims, externalAssets: [-1, 3, 3], model: .furfine)
    #expect(furfine.isInDefault[0])
  }
}
