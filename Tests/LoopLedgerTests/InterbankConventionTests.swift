import Testing

@testable import LoopLedger

@Suite("Interbank convention")
struct InterbankConventionTests {
  @Test func theConventionMatchesItsTestVectors() {
    #expect(InterbankConvention.unitValue("n0") == 0.3906519805240266)
    #expect(InterbankConvention.unitValue("n1") == 0.3581209366717161)
    #expect(InterbankConvention.unitValue("n42") == 0.3983263275201029)
  }
}
