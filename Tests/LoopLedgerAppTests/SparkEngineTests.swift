import Foundation
import LoopLedger
import LoopLedgerIO
import LoopLedgerRender
import Testing

@testable import LoopLedgerApp

@Suite("Spark engine")
struct SparkEngineTests {
  /// The repository root, from this file's path.
  private var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  @Test func theShippedJobIsTheRepositorysJob() throws {
    let file = try String(contentsOf: root.appendingPathComponent("Spark/loopledger_spark.py"), encoding: .utf8)
    #expect(SparkEngine.jobSource == file, "run Scripts/embed-spark-job.py after editing Spark/loopledger_spark.py")
  }

  @Test func theJobGetsTheSubcommandsOwnOptions() {
    var analyze = AnalyzeJob(file: "edges.csv")
    analyze.format = .json
    analyze.only = [.hodge]
    analyze.weighted = true
    #expect(
      analyze.sparkArguments == [
        "analyze", "edges.csv", "--format", "json", "--max-length", "3", "--limit", "20", "--only", "hodge",
        "--weighted", "--tolerance", "1e-10", "--max-iterations", "20000",
      ])
    var clear = ClearJob(input: InterbankInput(file: "l.csv", externalAssets: "e.csv"))
    clear.defaultCosts = .init(alpha: 0.5, beta: 0.25)
    #expect(
      clear.sparkArguments == [
        "clear", "l.csv", "--external-assets", "e.csv", "--format", "text", "--tolerance", "1e-13", "--alpha", "0.5",
        "--beta", "0.25",
      ])
    var debtRank = DebtRankJob(input: InterbankInput(file: "l.csv", skipBadRows: true))
    debtRank.shock = 3
    #expect(debtRank.sparkArguments == ["debtrank", "l.csv", "--skip-bad-rows", "--format", "text", "--shock", "3"])
  }

  @Test func aMissingSparkSubmitSaysWhatToDo() {
    #expect(throws: SparkSubmit.Failure.self) { try SparkSubmit.locate(environment: ["PATH": "/nonexistent"]) }
    do {
      _ = try SparkSubmit.locate(environment: ["SPARK_HOME": "/nonexistent"])
      Issue.record("no error")
    } catch {
      #expect("\(error)".contains("SPARK_HOME is '/nonexistent'"))
    }
  }
}
