import Foundation
import Testing

/// The ledger store as a user meets it.
///
/// Covers `db …`, `deal …`, `company …`, `review …`, `history`, `undo`, and every reading command
/// on `--ledger db`. Each test has its own database file.
@Suite("loopledger db and the store commands")
struct StoreTests {
  /// A store created from `from` in a fresh scratch folder; returns the folder and `--db PATH`.
  private func store(from: String = "seed") async throws -> (Scratch, [String]) {
    let scratch = try Scratch()
    let db = ["--db", scratch.path("ledger.sqlite")]
    let created = try await CLI.run(["db", "init", "--from", from, "--actor", "tester"] + db)
    expectSuccess(created)
    return (scratch, db)
  }

  /// `db status`'s "N companies, N deals, …" line and its change count, to compare states.
  private func counts(_ db: [String]) async throws -> String {
    let status = try await CLI.run(["db", "status"] + db)
    expectSuccess(status)
    return status.stdout.split(separator: "\n").filter { $0.contains("deals") || $0.contains("changes") }
      .joined(separator: "\n")
  }

  @Test func withoutAStoreReportReadsTheBundledSeedAndSaysNothing() async throws {
    let run = try await CLI.run(["report"])
    expectSuccess(run)
    #expect(run.stdout.contains("[seed"), "\(run.stdout.prefix(200))")
  }

  @Test func aStoreAtTheDefaultPlaceIsReadAndSaidOnStderr() async throws {
    let scratch = try Scratch()
    let data = scratch.path("xdg")
    let environment = ["XDG_DATA_HOME": data]
    expectSuccess(try await CLI.run(["db", "init", "--from", "public-2025"], environment: environment))
    #expect(FileManager.default.fileExists(atPath: data + "/loopledger/ledger.sqlite"))
    let report = try await CLI.run(["report"], environment: environment)
    expectSuccess(report, quietStderr: false)
    #expect(report.stdout.contains("[public-2025"), "\(report.stdout.prefix(200))")
    let lines = report.stderr.split(separator: "\n")
    #expect(lines.count == 1 && lines[0].contains(data + "/loopledger/ledger.sqlite"), "\(report.stderr)")
    // LOOPLEDGER_DB wins over XDG_DATA_HOME; --ledger seed reads the bundled ledger, silently.
    let bundled = try await CLI.run(["report", "--ledger", "seed"], environment: environment)
    expectSuccess(bundled)
    #expect(bundled.stdout.contains("[seed"))
    let missing = try await CLI.run(
      ["report"], environment: environment.merging(["LOOPLEDGER_DB": scratch.path("none.sqlite")]) { $1 })
    expectFailure(missing, mentions: [scratch.path("none.sqlite"), "db init"])
  }

  @Test func theExportedLedgerValidatesAndEveryAnalysisIsUnchanged() async throws {
    let (scratch, db) = try await store(from: "public-2025")
    let file = scratch.path("export.json")
    expectSuccess(try await CLI.run(["db", "export", "-o", file] + db))
    let validate = try await CLI.run(["validate", file])
    expectSuccess(validate)
    for command in [["report", "--format", "json"], ["loops"], ["stress"], ["draw", "loops"]] {
      let bundled = try await CLI.run(command + ["--ledger", "public-2025"])
      let exported = try await CLI.run(command + ["--ledger", file])
      let stored = try await CLI.run(command + ["--ledger", "db"] + db)
      expectSuccess(bundled)
      #expect(exported.stdoutData == bundled.stdoutData, "\(command)")
      #expect(stored.stdoutData == bundled.stdoutData, "\(command)")
      #expect(stored.stderr.contains("reading the ledger store"))
    }
  }

  @Test func aDerivedAmountIsSetCheckedAndShown() async throws {
    let (_, db) = try await store()
    // A share without a deal to take it of is refused, naming the field; nothing changes.
    let early = try await CLI.run(
      ["deal", "edit", "openai-aws-cloud-38b-2025", "--set", "amount.derived.low=0.5"] + db)
    #expect(early.status == 1 && early.stderr.contains("set amount.derived.of=DEAL first"), "\(early.stderr)")
    let bad = try await CLI.run(
      [
        "deal", "edit", "openai-aws-cloud-38b-2025", "--set", "amount.derived.of=amazon-openai-equity-2025",
        "amount.derived.low=120%", "amount.derived.high=abc",
      ] + db)
    #expect(bad.status == 1 && bad.stderr.contains("120%") && bad.stderr.contains("abc"), "\(bad.stderr)")
    // A reason is required, and said so by the ledger's own check.
    let noReason = try await CLI.run(
      ["deal", "edit", "openai-aws-cloud-38b-2025", "--set", "amount.derived.of=amazon-openai-equity-2025"] + db)
    #expect(noReason.status == 1 && noReason.stderr.contains("amount.derived.reason"), "\(noReason.stderr)")
    // A whole derivation lands: the stated figure gives way to a third of Amazon's ≥ $10B.
    let edit = try await CLI.run(
      [
        "deal", "edit", "openai-aws-cloud-38b-2025", "--set", "amount.derived.of=amazon-openai-equity-2025",
        "amount.derived.low=1/3", "amount.derived.reason=a third of it",
      ] + db)
    #expect(edit.status == 1, "a share is a number or a percentage")
    expectSuccess(
      try await CLI.run(
        [
          "deal", "edit", "openai-aws-cloud-38b-2025", "--set", "amount.derived.of=amazon-openai-equity-2025",
          "amount.derived.low=0.25", "amount.derived.high=50%", "amount.derived.reason=a share of it",
        ] + db))
    let show = try await CLI.run(["deal", "show", "openai-aws-cloud-38b-2025"] + db)
    #expect(show.stdout.contains("\"derived\"") && show.stdout.contains("\"unstated\""), "\(show.stdout)")
    let report = try await CLI.run(["report", "--ledger", "db"] + db)
    expectSuccess(report, quietStderr: false)
    #expect(report.stdout.contains("[DERIVED] — openai-aws-cloud-38b-2025"), "\(report.stdout)")
    // A stated qualifier replaces the derivation again.
    expectSuccess(
      try await CLI.run(
        [
          "deal", "edit", "openai-aws-cloud-38b-2025", "--set", "amount.qualifier=up_to", "amount.value=38B",
          "amount.currency=USD",
        ] + db))
    let back = try await CLI.run(["deal", "show", "openai-aws-cloud-38b-2025"] + db)
    #expect(!back.stdout.contains("\"derived\""), "\(back.stdout)")
  }

  @Test func dealsAreAddedEditedRemovedUndoneAndReadAsOfAChange() async throws {
    let (_, db) = try await store()
    let add = try await CLI.run(
      [
        "deal", "add", "test-chips", "--set", "payer=openai", "payee=nvidia", "kind=chip_purchase", "status=talks",
        "amount.qualifier=up_to", "amount.value=5B", "amount.currency=USD", "source=seed:OpenAI",
        "--actor", "alice", "--why", "a test deal",
      ] + db)
    expectSuccess(add)
    #expect(add.stdout.contains("change 2, by alice"), "\(add.stdout)")
    let edit = try await CLI.run(["deal", "edit", "test-chips", "--set", "status=announced"] + db)
    expectSuccess(edit)
    let show = try await CLI.run(["deal", "show", "test-chips"] + db)
    expectSuccess(show)
    #expect(show.stdout.contains("\"announced\""), "\(show.stdout)")
    #expect(show.stdout.contains("5000000000"), "\(show.stdout)")
    expectSuccess(try await CLI.run(["deal", "remove", "test-chips"] + db))
    let removed = try await CLI.run(["deal", "show", "test-chips"] + db)
    #expect(removed.stdout.hasPrefix("removed by change 4"), "\(removed.stdout)")
    // The ledger as it stood after change 2 has the deal, with its first status.
    let asOf = try await CLI.run(["report", "--ledger", "db", "--as-of-change", "2", "--format", "json"] + db)
    expectSuccess(asOf, quietStderr: false)
    #expect(asOf.stdout.contains("\"deals\" : 19"), "\(asOf.stdout.prefix(400))")
    let now = try await CLI.run(["report", "--ledger", "db", "--format", "json"] + db)
    #expect(now.stdout.contains("\"deals\" : 18"))
    // Undo appends the inverse: the removal is undone, the deal is back, the history keeps all.
    expectSuccess(try await CLI.run(["undo"] + db))
    let back = try await CLI.run(["deal", "show", "test-chips"] + db)
    #expect(!back.stdout.hasPrefix("removed"), "\(back.stdout)")
    let history = try await CLI.run(["history", "--deal", "test-chips"] + db)
    expectSuccess(history)
    for word in ["deal add", "deal edit", "deal remove", "undo", "alice", "why: a test deal"] {
      #expect(history.stdout.contains(word), "history lacks \(word): \(history.stdout)")
    }
  }

  @Test func aDealWithoutItsRequiredFieldsIsRefusedWithEveryField() async throws {
    let (_, db) = try await store()
    let before = try await counts(db)
    let run = try await CLI.run(["deal", "add", "half", "--set", "payer=openai", "amount.value=abc"] + db)
    expectFailure(run, mentions: ["amount.value=abc"])
    let missing = try await CLI.run(["deal", "add", "half", "--set", "payer=openai"] + db)
    expectFailure(missing, mentions: ["payee: missing", "kind: missing", "status: missing", "source: missing"])
    let unknown = try await CLI.run(
      ["deal", "add", "ghost", "--set", "payer=openai", "payee=nobody", "kind=loan", "status=talks", "source=seed:x"]
        + db)
    expectFailure(unknown, mentions: ["unknown company 'nobody'"])
    #expect(
      unknown.stderr.range(of: #"ledger\.sqlite:\d+:\d+"#, options: .regularExpression) == nil,
      "a position in JSON the user never saw: \(unknown.stderr)")
    #expect(try await counts(db) == before)
  }

  @Test func companiesAreMergedWithEveryReferenceRewritten() async throws {
    let (_, db) = try await store()
    expectSuccess(try await CLI.run(["company", "add", "acme", "--set", "name.en=Acme Corp", "alias=ACME"] + db))
    expectSuccess(
      try await CLI.run(
        [
          "deal", "add", "acme-loan", "--set", "payer=acme", "payee=openai", "kind=loan", "status=talks",
          "source=seed:x",
        ]
          + db))
    expectSuccess(try await CLI.run(["company", "merge", "acme", "--into", "amazon"] + db))
    let show = try await CLI.run(["deal", "show", "acme-loan"] + db)
    #expect(show.stdout.contains("\"amazon\""), "\(show.stdout)")
    let export = try await CLI.run(["db", "export"] + db)
    #expect(!export.stdout.contains("\"id\" : \"acme\""))
    #expect(export.stdout.contains("Acme Corp"), "the merged name is kept as an alias")
  }

  @Test func aBadImportWritesNothingAndListsEveryProblem() async throws {
    let (_, db) = try await store()
    let before = try await counts(db)
    let run = try await CLI.run(["db", "import", Fixture.badLedger] + db)
    expectFailure(run, mentions: ["unknown company 'zeta'", "\"gift\" is not one of", "no exchange rate for 'JPY'"])
    #expect(try await counts(db) == before)
  }

  @Test func candidatesFromTheNewsAreReviewed() async throws {
    let (scratch, db) = try await store()
    let extracted = try await CLI.run(["extract", "--format", "json", "--ledger", "seed", Fixture.seedArticle])
    expectSuccess(extracted)
    let file = try scratch.write("candidates.json", extracted.stdout)
    let queued = try await CLI.run(["db", "import", file] + db)
    expectSuccess(queued)
    #expect(queued.stdout.contains("queued for review"), "\(queued.stdout)")
    let review = try await CLI.run(["review"] + db)
    expectSuccess(review)
    #expect(review.stdout.contains("[1]") && review.stdout.contains("likely the same as"), "\(review.stdout)")
    let reject = try await CLI.run(["review", "reject", "1"] + db)
    expectUsageError(reject, mentions: ["--why"])
    expectSuccess(try await CLI.run(["review", "reject", "1", "--why", "restates a stored deal"] + db))
    let merge = try await CLI.run(["review", "merge", "2", "--into", "amazon-openai-equity-2025"] + db)
    expectSuccess(merge)
    // Importing the same file again queues nothing new.
    let again = try await CLI.run(["db", "import", file] + db)
    #expect(again.stdout.contains("0 candidate(s) queued"), "\(again.stdout)")
  }

  @Test func filesThatAreNoStoreAreRefusedNamingTheFile() async throws {
    let scratch = try Scratch()
    let text = try scratch.write("notes.sqlite", "just some notes\n")
    let run = try await CLI.run(["report", "--ledger", "db", "--db", text])
    expectFailure(run, mentions: [text, "not a LoopLedger database"])
    let status = try await CLI.run(["db", "status", "--db", scratch.path("absent.sqlite")])
    expectFailure(status, mentions: [scratch.path("absent.sqlite"), "db init"])
    #expect(!FileManager.default.fileExists(atPath: scratch.path("absent.sqlite")), "reading created a store")
  }

  @Test func asOfChangeNeedsAStore() async throws {
    let run = try await CLI.run(["report", "--ledger", "seed", "--as-of-change", "1"])
    expectUsageError(run, mentions: ["--as-of-change"])
  }

  @Test func ftmAndCSVExportsCarryEveryDeal() async throws {
    let (_, db) = try await store()
    let ftm = try await CLI.run(["db", "export", "--format", "ftm"] + db)
    expectSuccess(ftm)
    let lines = ftm.stdout.split(separator: "\n")
    #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
    #expect(ftm.stdout.contains("\"Ownership\""), "equity deals become Ownership")
    let csv = try await CLI.run(["db", "export", "--format", "csv"] + db)
    expectSuccess(csv)
    #expect(csv.stdout.split(separator: "\n").count == 1 + 18)
    // An unstated amount is empty cells, never 0; "up to" is [0, X], not X.
    let rows = csv.stdout.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    // The last three columns (derived_of, derived_low, derived_high) hold no commas; the quote
    // before them may, so they are counted from the end.
    func derivedOf(_ row: [Substring]) -> Substring { row[row.count - 3] }
    let unstated = rows.filter { $0[7] == "unstated" && derivedOf($0).isEmpty }
    #expect(unstated.count == 9)  // seed.json: 9 of 18 deals state no amount
    #expect(unstated.allSatisfy { $0[2].isEmpty && $0[12].isEmpty && $0[13].isEmpty })
    // A derived amount states none either; its dollars are derived from the deal it names.
    let derived = rows.filter { !derivedOf($0).isEmpty }
    #expect(derived.map { $0[5] } == ["openai-nvidia-gpus-2025-09"])
    #expect(
      derived.allSatisfy {
        $0[7] == "unstated" && derivedOf($0) == "nvidia-openai-equity-2025-09" && $0[$0.count - 2] == "0.5"
          && $0[$0.count - 1] == "1" && $0[12] == "0" && $0[13] == "100000000000" && $0[2].isEmpty
      })
    let upTo = rows.filter { $0[7] == "up_to" }
    #expect(!upTo.isEmpty && upTo.allSatisfy { $0[2].isEmpty && $0[12] == "0" })
  }

  // MARK: - Safety with real processes

  @Test func twoWritersAtOnceBothLand() async throws {
    let (_, db) = try await store()
    async let first = CLI.run(
      ["company", "add", "writer-one", "--set", "name.en=Writer One"] + db)
    async let second = CLI.run(
      ["company", "add", "writer-two", "--set", "name.en=Writer Two"] + db)
    let (a, b) = try await (first, second)
    expectSuccess(a)
    expectSuccess(b)
    let export = try await CLI.run(["db", "export"] + db)
    #expect(export.stdout.contains("writer-one") && export.stdout.contains("writer-two"))
  }

  @Test func killingAnImportAtAnyMomentLeavesTheStoreAsItWas() async throws {
    let (scratch, db) = try await store()
    let big = scratch.path("big.json")
    let generator = Process()
    generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    generator.arguments = ["python3", CLI.repositoryFile("Scripts/generate-ledger.py"), "30000", "5000", "14"]
    _ = FileManager.default.createFile(atPath: big, contents: nil)
    generator.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
    try generator.run()
    generator.waitUntilExit()
    try #require(generator.terminationStatus == 0)
    var before = try await counts(db)
    let binary = try CLI.binary.get()
    // How long a whole import takes here, then kills spread over it.
    let clock = ContinuousClock()
    // (into a store made like this one, whose state after a whole import is then known)
    let (_, probeDB) = try await store()
    let start = clock.now
    let whole = try await CLI.run(["db", "import", big] + probeDB, timeout: .seconds(600))
    expectSuccess(whole)
    let duration = clock.now - start
    let complete = try await counts(probeDB)
    #expect(complete != before)
    var killedMidway = 0
    for fraction in [0.2, 0.5, 0.8] {
      let process = Process()
      process.executableURL = binary
      process.arguments = ["db", "import", big] + db
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      process.environment = ["SWIFT_BACKTRACE": "enable=no", "XDG_DATA_HOME": CLI.isolatedDataHome]
      try process.run()
      try await Task.sleep(for: duration * fraction)
      if fraction == 0.2 {
        // A reader is not blocked by the writer: the store answers while the import runs.
        let reader = try await CLI.run(["report", "--ledger", "db"] + db)
        expectSuccess(reader, quietStderr: false)
        #expect(reader.stdout.contains("[seed"), "\(reader.stdout.prefix(200))")
      }
      guard process.isRunning else {
        // This run finished before the kill: take it back and go on from the new state.
        process.waitUntilExit()
        expectSuccess(try await CLI.run(["undo"] + db))
        before = try await counts(db)
        continue
      }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let status = try await CLI.run(["db", "status"] + db)
      expectSuccess(status)
      #expect(status.stdout.contains("integrity: ok"), "\(status.stdout)")
      // The kill can land after the import committed (while the process exits): then the whole
      // import is there. Either way nothing is half-written.
      let after = try await counts(db)
      func deals(_ counts: String) -> Substring? { counts.split(separator: "\n").first { $0.contains("deals") } }
      let whole = after != before && deals(after) == deals(complete)
      #expect(after == before || whole, "killed at \(fraction) of \(duration)")
      if whole {
        expectSuccess(try await CLI.run(["undo"] + db))
        before = try await counts(db)
      } else {
        killedMidway += 1
      }
    }
    #expect(killedMidway >= 2, "the import finished before most kills; a larger ledger is needed")
  }
}
