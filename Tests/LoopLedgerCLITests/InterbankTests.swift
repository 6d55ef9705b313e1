import Foundation
import Testing

/// a owes b 10, b owes c 5; a has 4 of its own, b and c nothing.
///
/// Eisenberg–Noe: a pays its 4 and defaults; b receives 4, pays 4 of its 5 and defaults: 8 of 15
/// paid. Rogers–Veraart with α = β = ½: a pays ½·4 = 2, b passes on ½·2 = 1: 3 paid.
/// DebtRank: total assets a 4, b 10 (its claim on a), c 5 (its claim on b): 19. The largest, b,
/// starts distressed (initial loss 10/19); c, whose whole capital 0.1·5 is its claim on b, follows:
/// R = 5/19.
private func chain() throws -> (Scratch, network: String, assets: String) {
  let scratch = try Scratch()
  let network = try scratch.write("chain.csv", "source,target,amount\na,b,10\nb,c,5\n")
  let assets = try scratch.write("assets.csv", "id,amount\na,4\nb,0\nc,0\n")
  return (scratch, network, assets)
}

@Suite("loopledger clear")
struct ClearTests {
  @Test func eisenbergNoeOnAChain() async throws {
    let (_, network, assets) = try chain()
    let run = try await CLI.run(["clear", network, "--external-assets", assets, "--format", "json"])
    expectSuccess(run)
    let result = try run.decode(ClearJSON.self)
    #expect((result.nodes, result.edges, result.defaulted) == (3, 2, 2))
    #expect(result.totalLiabilities == 15)
    #expect(abs(result.totalPayments - 8) < 1e-9)
    #expect(abs(result.shortfall - 7) < 1e-9)
    #expect(result.proven)
    #expect(result.externalAssets == assets)
    #expect(result.idsWithoutExternalAssets == 0)
    #expect(result.defaultCosts == nil)
  }

  @Test func rogersVeraartCostsCutThePayments() async throws {
    let (_, network, assets) = try chain()
    let run = try await CLI.run([
      "clear", network, "--external-assets", assets, "--alpha", "0.5", "--beta", "0.5", "--format", "json",
    ])
    let result = try run.decode(ClearJSON.self)
    #expect(abs(result.totalPayments - 3) < 1e-9)
    #expect(result.defaultCosts?.alpha == 0.5 && result.defaultCosts?.beta == 0.5)
  }

  @Test func textSaysWhoDefaulted() async throws {
    let (_, network, assets) = try chain()
    let run = try await CLI.run(["clear", network, "--external-assets", assets])
    expectSuccess(run)
    #expect(run.lines.first == "\(network): 3 nodes, 2 obligations")
    #expect(run.stdout.contains("2 nodes in default"))
    #expect(run.stdout.contains("external assets: \(assets)"))
  }

  @Test func withoutAssetsTheConventionIsUsedAndNamed() async throws {
    let (_, network, _) = try chain()
    let run = try await CLI.run(["clear", network, "--format", "json"])
    expectSuccess(run)
    #expect(try run.decode(ClearJSON.self).externalAssets.hasPrefix("convention"))
  }

  @Test func idsMissingFromTheAssetsFileAreCounted() async throws {
    let (scratch, network, _) = try chain()
    let partial = try scratch.write("partial.csv", "id,amount\na,4\n")
    let json = try await CLI.run(["clear", network, "--external-assets", partial, "--format", "json"])
    #expect(try json.decode(ClearJSON.self).idsWithoutExternalAssets == 2)
    let text = try await CLI.run(["clear", network, "--external-assets", partial])
    #expect(text.stdout.contains("2 ids not in the file"))
  }

  // MARK: Bad input

  @Test func aMissingFileFailsNamingIt() async throws {
    let scratch = try Scratch()
    let run = try await CLI.run(["clear", scratch.path("none.csv")])
    expectFailure(run, mentions: [scratch.path("none.csv")])
  }

  @Test func aBadRowFailsNamingTheLine() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("l.csv", "source,target,amount\na,b,lots\n")
    let run = try await CLI.run(["clear", file])
    expectFailure(run, mentions: [file + ":2:", "'lots'"])
  }

  @Test func aMissingAssetsFileFailsNamingIt() async throws {
    let (scratch, network, _) = try chain()
    let run = try await CLI.run(["clear", network, "--external-assets", scratch.path("none.csv")])
    expectFailure(run, mentions: [scratch.path("none.csv")])
  }

  @Test func aBadAssetsRowFailsNamingFileAndLine() async throws {
    let (scratch, network, _) = try chain()
    let bad = try scratch.write("bad-assets.csv", "id,amount\na,lots\n")
    let run = try await CLI.run(["clear", network, "--external-assets", bad])
    expectFailure(run, mentions: [bad + ":2:", "'lots'"])
  }

  @Test(arguments: [
    (["--alpha", "0.5"], ["--alpha", "--beta"]),
    (["--alpha", "1.5", "--beta", "0.5"], ["--alpha", "1.5"]),
    (["--format", "xml"], ["xml", "--format"]),
  ])
  func invalidFlagValuesAreUsageErrors(_ arguments: [String], _ mentions: [String]) async throws {
    let (_, network, _) = try chain()
    let run = try await CLI.run(["clear", network] + arguments)
    expectUsageError(run, mentions: mentions)
  }

  @Test(arguments: [
    (["--threads", "0"], "--threads"),
    (["--tolerance=-1"], "--tolerance"),
    (["--format", "markdown"], "--format"),
  ])
  func valuesThatMeanNothingAreRefused(_ arguments: [String], _ flag: String) async throws {
    let (_, network, _) = try chain()
    let run = try await CLI.run(["clear", network] + arguments)
    expectUsageError(run, mentions: [flag])
  }

  @Test func aUniqueClearingVectorIsProven() async throws {
    // Every node of the ring has external assets, so the clearing vector is unique and the
    // iteration from below reaches it in a few sweeps.
    let scratch = try Scratch()
    let ring = try scratch.write("ring.csv", "source,target,amount\na,b,10\nb,c,10\nc,a,10\n")
    let assets = try scratch.write("assets.csv", "id,amount\na,3\nb,3\nc,3\n")
    let run = try await CLI.run(["clear", ring, "--external-assets", assets, "--format", "json"])
    let result = try run.decode(ClearJSON.self)
    #expect(result.totalPayments == 30)
    #expect(result.defaulted == 0)
    withKnownIssue(
      "clearing stops once the upper run is stationary, before the bracket closes: 'bracket gap 12.0: greatest clearing vector reported', proven false, on a provable case"
    ) {
      #expect(result.proven)
    }
  }
}

@Suite("loopledger debtrank")
struct DebtRankTests {
  @Test func theLargestNodeStartsDistressedAndItsCreditorFollows() async throws {
    let (_, network, assets) = try chain()
    let run = try await CLI.run(["debtrank", network, "--external-assets", assets, "--shock", "1", "--format", "json"])
    expectSuccess(run)
    let result = try run.decode(DebtRankJSON.self)
    #expect((result.nodes, result.edges) == (3, 2))
    #expect(result.shocked == ["b"])
    #expect(abs(result.initialLoss - 10.0 / 19) < 1e-12)
    #expect(abs(result.debtRank - 5.0 / 19) < 1e-12)
    #expect(result.distressedNodes == 2)
  }

  @Test func shockingTheTwoLargestLeavesNothingToSpread() async throws {
    let (_, network, assets) = try chain()
    let run = try await CLI.run(["debtrank", network, "--external-assets", assets, "--shock", "2", "--format", "json"])
    let result = try run.decode(DebtRankJSON.self)
    #expect(result.shocked == ["b", "c"])
    #expect(abs(result.initialLoss - 15.0 / 19) < 1e-12)
    #expect(abs(result.debtRank) < 1e-12)
  }

  @Test func textNamesTheShockedNodes() async throws {
    let (_, network, assets) = try chain()
    let run = try await CLI.run(["debtrank", network, "--external-assets", assets, "--shock", "1"])
    expectSuccess(run)
    #expect(run.lines.first == "\(network): 3 nodes, 2 exposures")
    #expect(run.stdout.contains("DebtRank R = "))
    #expect(run.lines.contains("shocked: b"))
  }

  @Test func aMissingFileFailsNamingIt() async throws {
    let scratch = try Scratch()
    let run = try await CLI.run(["debtrank", scratch.path("none.csv")])
    expectFailure(run, mentions: [scratch.path("none.csv")])
  }

  @Test func aBadRowFailsNamingTheLine() async throws {
    let scratch = try Scratch()
    let file = try scratch.write("l.csv", "source,target,amount\na,b,1\nb\n")
    let run = try await CLI.run(["debtrank", file])
    expectFailure(run, mentions: [file + ":3:"])
  }

  @Test func aNonNumericShockIsAUsageError() async throws {
    let (_, network, _) = try chain()
    let run = try await CLI.run(["debtrank", network, "--shock", "many"])
    expectUsageError(run, mentions: ["many", "--shock"])
  }

  @Test func aNegativeShockIsRefusedNotACrash() async throws {
    let (_, network, _) = try chain()
    let run = try await CLI.run(["debtrank", network, "--shock=-1"])
    expectNoCrash(run)
    expectUsageError(run, mentions: ["--shock"])
  }

  @Test func idsMissingFromTheAssetsFileAreSaidInText() async throws {
    let (scratch, network, _) = try chain()
    let partial = try scratch.write("partial.csv", "id,amount\na,4\n")
    let json = try await CLI.run(["debtrank", network, "--external-assets", partial, "--format", "json"])
    #expect(try json.decode(DebtRankJSON.self).idsWithoutExternalAssets == 2)
    let text = try await CLI.run(["debtrank", network, "--external-assets", partial])
    #expect(text.stdout.contains("2 ids not in the file"), "\(text.stdout)")
  }

  @Test(arguments: [(["--threads", "0"], "--threads"), (["--format", "markdown"], "--format")])
  func valuesThatMeanNothingAreRefused(_ arguments: [String], _ flag: String) async throws {
    let (_, network, _) = try chain()
    let run = try await CLI.run(["debtrank", network] + arguments)
    expectUsageError(run, mentions: [flag])
  }
}
