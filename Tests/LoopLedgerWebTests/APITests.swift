import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoopLedger
import LoopLedgerApp
import LoopLedgerIO
import LoopLedgerRender
import LoopLedgerStore
import NIOCore
import Testing

@testable import LoopLedgerWeb

@Suite("serve: /api/v1")
struct APITests {
  /// The CLI's `--format json` output of a job on the seed.
  func cliJSON(_ job: some Job) throws -> String {
    try job.outputs(progress: ProgressLine(enabled: false)).first { $0.target == .standardOutput }!.text
  }

  @Test("loops and report are byte for byte the CLI's --format json, in each language")
  func sameJSONAsTheCLI() async throws {
    let app = try application()
    try await app.test(.router) { client in
      for language in Language.allCases {
        let selection = LedgerSelection(source: "seed", environment: [:], announcesStore: false)
        let output = OutputSelection(format: .json, language: language)
        let loops = try cliJSON(LoopsJob(ledger: selection, output: output, maxLength: nil, company: nil, limit: 1_000))
        let report = try cliJSON(ReportJob(ledger: selection, output: output))
        try await client.execute(uri: "/api/v1/loops?lang=\(language.rawValue)", method: .get) { response in
          #expect(response.status == .ok)
          #expect(response.headers[.contentType] == "application/json; charset=utf-8")
          #expect(response.text == loops)
        }
        try await client.execute(uri: "/api/v1/report?lang=\(language.rawValue)", method: .get) {
          #expect($0.text == report)
        }
      }
      let limited = try cliJSON(
        LoopsJob(
          ledger: LedgerSelection(source: "seed", environment: [:], announcesStore: false),
          output: OutputSelection(format: .json), maxLength: 2, company: "nvidia", limit: 3))
      try await client.execute(uri: "/api/v1/loops?max_length=2&company=nvidia&limit=3", method: .get) {
        #expect($0.text == limited)
      }
    }
  }

  @Test("as_of and the timeline are the CLI's --as-of and --timeline JSON")
  func asOfAndTimeline() async throws {
    let app = try application()
    try await app.test(.router) { client in
      var selection = LedgerSelection(source: "seed", environment: [:], announcesStore: false)
      let output = OutputSelection(format: .json, language: .traditionalChinese)
      var timelineJob = ReportJob(ledger: selection, output: output)
      timelineJob.timeline = .quarter
      let timeline = try cliJSON(timelineJob)
      try await client.execute(uri: "/api/v1/timeline?period=quarter&lang=zh-Hant", method: .get) {
        #expect($0.status == .ok && $0.text == timeline)
      }
      selection.asOfDate = PartialDate("2025-09-30")
      let report = try cliJSON(ReportJob(ledger: selection, output: output))
      #expect(report.contains("\"view\""))
      try await client.execute(uri: "/api/v1/report?as_of=2025-09-30&lang=zh-Hant", method: .get) {
        #expect($0.status == .ok && $0.text == report)
      }
      for uri in ["/api/v1/report?as_of=2025-13", "/api/v1/loops?as_of=soon", "/api/v1/timeline?period=week"] {
        try await client.execute(uri: uri, method: .get) { response in
          #expect(response.status == .badRequest, "\(uri)")
          #expect(response.text.contains("\"field\""), "\(uri)")
        }
      }
    }
  }

  @Test("stress and projection answer a POSTed scenario with the CLI's JSON")
  func scenarios() async throws {
    let app = try application()
    let folder = try TemporaryFolder()
    let scenario = #"{"name": "t", "shocks": [{"stopLink": "openai:microsoft", "fraction": 1}, {"default": "oracle"}]}"#
    let scenarioPath = folder.path("s.json")
    try scenario.write(toFile: scenarioPath, atomically: true, encoding: .utf8)
    var stress = StressJob(
      ledger: LedgerSelection(source: "seed", environment: [:], announcesStore: false),
      output: OutputSelection(format: .json))
    stress.scenario = scenarioPath
    let expected = try cliJSON(stress)
    try await app.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/stress", method: .post, headers: .json(), body: ByteBuffer(string: scenario)
      ) { response in
        #expect(response.status == .ok)
        #expect(response.text == expected)
      }
      var project = ProjectJob(
        company: "openai", ledger: LedgerSelection(source: "seed", environment: [:], announcesStore: false),
        output: OutputSelection(format: .json))
      project.paths = 300
      project.seed = 7
      project.sensitivity = false
      let projection = try cliJSON(project)
      try await client.execute(
        uri: "/api/v1/projection", method: .post, headers: .json(),
        body: ByteBuffer(string: #"{"company": "openai", "paths": 300, "seed": 7}"#)
      ) { response in
        #expect(response.status == .ok)
        #expect(response.text == projection)
      }
      // A window before the ledger's date: 422 naming the field, not a server error.
      try await client.execute(
        uri: "/api/v1/projection", method: .post, headers: .json(),
        body: ByteBuffer(string: #"{"company": "openai", "from": 1900, "to": 1900}"#)
      ) { response in
        #expect(response.status == .unprocessableContent, "\(response.text)")
        #expect(response.errorField == "from")
      }
      try await client.execute(
        uri: "/api/v1/projection", method: .post, headers: .json(),
        body: ByteBuffer(string: #"{"company": "openai", "paths": "many"}"#)
      ) { response in
        #expect(response.status == .unprocessableContent)
        #expect(response.errorField == "paths")
      }
      try await client.execute(
        uri: "/api/v1/stress", method: .post, headers: .json(),
        body: ByteBuffer(string: #"{"shocks": [{"stopLink": "openai"}], "colour": 1}"#)
      ) { response in
        #expect(response.status == .unprocessableContent)
        let problems = (response.json["error"] as? [String: Any])?["problems"] as? [[String: Any]] ?? []
        #expect(problems.count >= 2, "every problem at once: \(response.text)")
      }
    }
  }

  @Test("companies, deals (filters, paging), one deal, one company")
  func reads() async throws {
    let app = try application()
    let seed = try BundledLedger.load("seed")
    try await app.test(.router) { client in
      try await client.execute(uri: "/api/v1/companies", method: .get) {
        #expect(($0.json["companies"] as? [Any])?.count == seed.companies.count)
      }
      try await client.execute(uri: "/api/v1/companies/openai", method: .get) { response in
        #expect((response.json["company"] as? [String: Any])?["id"] as? String == "openai")
        #expect(!((response.json["flowsIn"] as? [Any]) ?? []).isEmpty)
      }
      try await client.execute(uri: "/api/v1/deals?limit=3&offset=2", method: .get) { response in
        #expect(response.json["total"] as? Int == seed.deals.count)
        let ids = (response.json["deals"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == seed.deals[2..<5].map(\.id.rawValue))
      }
      let nvidia = seed.deals.filter { $0.payer == "nvidia" }
      try await client.execute(uri: "/api/v1/deals?payer=nvidia&limit=1000", method: .get) {
        #expect($0.json["total"] as? Int == nvidia.count)
      }
      try await client.execute(uri: "/api/v1/deals/\(seed.deals[0].id)", method: .get) { response in
        #expect((response.json["deal"] as? [String: Any])?["id"] as? String == seed.deals[0].id.rawValue)
        #expect(response.json["removed"] as? Bool == false)
      }
    }
  }

  @Test("errors are {\"error\": {message, field}} with the status that means them, and no path")
  func errors() async throws {
    let folder = try TemporaryFolder()
    let store = try seededStore(in: folder)
    let app = try application(store: store, maxBody: 4_096)
    try await app.test(.router) { client in
      try await client.execute(uri: "/api/v1/deals/nope", method: .get) { response in
        #expect(response.status == .notFound)
        #expect(response.errorMessage?.contains("nope") == true)
      }
      try await client.execute(uri: "/api/v1/companies/nope", method: .get) { #expect($0.status == .notFound) }
      try await client.execute(uri: "/api/v1/deals?limit=abc", method: .get) { response in
        #expect(response.status == .badRequest)
        #expect(response.errorField == "limit")
      }
      try await client.execute(uri: "/api/v1/deals?status=rumour", method: .get) { #expect($0.status == .badRequest) }
      // No token: 401 with WWW-Authenticate; a wrong one: 401.
      let deal =
        #"{"id": "new-deal", "payer": "openai", "payee": "oracle", "kind": "cloud_contract", "amount": {"qualifier": "exact", "value": 1e9, "currency": "USD"}, "status": "talks", "sources": [{"document": "seed", "quote": "a test"}]}"#
      try await client.execute(uri: "/api/v1/deals", method: .post, headers: .json(), body: ByteBuffer(string: deal)) {
        #expect($0.status == .unauthorized)
        #expect($0.headers[.wwwAuthenticate] == "Bearer")
      }
      try await client.execute(
        uri: "/api/v1/deals", method: .post, headers: .json(token: "wrong-token-wrong-token"),
        body: ByteBuffer(string: deal)
      ) { #expect($0.status == .unauthorized) }
      // Wrong media type: 415; too large: 413; not JSON: 422 with line and column.
      try await client.execute(
        uri: "/api/v1/deals", method: .post,
        headers: [.authorization: "Bearer \(testToken)", .contentType: "text/plain"],
        body: ByteBuffer(string: deal)
      ) { #expect($0.status == .unsupportedMediaType) }
      try await client.execute(
        uri: "/api/v1/deals", method: .post, headers: .json(token: testToken),
        body: ByteBuffer(string: String(repeating: " ", count: 5_000) + deal)
      ) { #expect($0.status == .contentTooLarge) }
      try await client.execute(
        uri: "/api/v1/deals", method: .post, headers: .json(token: testToken), body: ByteBuffer(string: "{\"id\": ")
      ) { response in
        #expect(response.status == .unprocessableContent)
        #expect(response.errorMessage?.contains("request body:1:") == true)
      }
      // Field problems all at once, with the field.
      try await client.execute(
        uri: "/api/v1/deals", method: .post, headers: .json(token: testToken),
        body: ByteBuffer(
          string: #"{"id": "x", "payer": "openai", "payee": "openai", "kind": "gift", "status": "talks"}"#)
      ) { response in
        #expect(response.status == .unprocessableContent)
        let problems = (response.json["error"] as? [String: Any])?["problems"] as? [[String: Any]] ?? []
        #expect(problems.count >= 3, "\(response.text)")
      }
      // Unknown company: the store's whole-ledger validation, 422, and no file path in the answer.
      try await client.execute(
        uri: "/api/v1/deals", method: .post, headers: .json(token: testToken),
        body: ByteBuffer(string: deal.replacingOccurrences(of: "\"oracle\"", with: "\"nobody\""))
      ) { response in
        #expect(response.status == .unprocessableContent)
        #expect(!response.text.contains(folder.url.path))
        #expect(!response.text.contains("/tmp"))
      }
      // An id that exists: 409.
      let seed = try BundledLedger.load("seed")
      try await client.execute(
        uri: "/api/v1/deals", method: .post, headers: .json(token: testToken),
        body: ByteBuffer(string: deal.replacingOccurrences(of: "new-deal", with: seed.deals[0].id.rawValue))
      ) { response in
        #expect(response.status == .conflict)
        #expect(!response.text.contains(folder.url.path))
      }
    }
  }

  @Test("deals are created, read, replaced and removed with the token; each write is in the history")
  func dealWrites() async throws {
    let folder = try TemporaryFolder()
    let path = try seededStore(in: folder)
    let app = try application(store: path)
    let deal =
      #"{"id": "new-deal", "payer": "openai", "payee": "oracle", "kind": "cloud_contract", "amount": {"qualifier": "exact", "value": 1e9, "currency": "USD"}, "status": "talks", "sources": [{"document": "seed", "quote": "a test"}]}"#
    try await app.test(.router) { client in
      // The overview is kept per ledger version: seen before the writes, it must not go stale.
      let before = try await client.execute(uri: "/", method: .get) { $0.text }
      try await client.execute(uri: "/", method: .get) { #expect($0.text == before, "the kept page is the same") }
      #expect(!before.contains("deal remove"))
      try await client.execute(
        uri: "/api/v1/deals?why=test", method: .post, headers: .json(token: testToken), body: ByteBuffer(string: deal)
      ) { response in
        #expect(response.status == .created, "\(response.text)")
        #expect(response.json["change"] as? Int == 2)
      }
      try await client.execute(uri: "/api/v1/deals/new-deal", method: .get) { #expect($0.status == .ok) }
      try await client.execute(
        uri: "/api/v1/deals/new-deal", method: .put, headers: .json(token: testToken),
        body: ByteBuffer(string: deal.replacingOccurrences(of: "\"talks\"", with: "\"announced\""))
      ) { response in
        #expect(response.status == .ok, "\(response.text)")
        #expect((response.json["deal"] as? [String: Any])?["status"] as? String == "announced")
      }
      try await client.execute(
        uri: "/api/v1/deals/new-deal", method: .put, headers: .json(token: testToken),
        body: ByteBuffer(string: deal.replacingOccurrences(of: "new-deal", with: "other-id"))
      ) { #expect($0.status == .unprocessableContent) }
      try await client.execute(uri: "/api/v1/deals/new-deal", method: .delete, headers: .json(token: testToken)) {
        #expect($0.status == .ok)
      }
      try await client.execute(uri: "/api/v1/deals/new-deal", method: .delete, headers: .json(token: testToken)) {
        #expect($0.status == .conflict, "removed twice")
      }
      // A deal another names (openai-nvidia-compute-2025's supersededBy): 409, nothing removed.
      try await client.execute(
        uri: "/api/v1/deals/openai-nvidia-gpus-2025-09", method: .delete, headers: .json(token: testToken)
      ) { response in
        #expect(response.status == .conflict)
        #expect(response.errorField == nil)
        #expect(response.errorMessage?.contains("openai-nvidia-compute-2025") == true)
      }
      try await client.execute(uri: "/api/v1/deals/new-deal", method: .get) { response in
        #expect(response.json["removed"] as? Bool == true)
      }
      try await client.execute(uri: "/api/v1/deals/new-deal/history", method: .get) { response in
        let commands = (response.json["changes"] as? [[String: Any]])?.compactMap { $0["command"] as? String }
        #expect(commands == ["deal add", "deal edit", "deal remove"])
        let first = (response.json["changes"] as? [[String: Any]])?.first
        #expect(first?["actor"] as? String == "api")
        #expect(first?["reason"] as? String == "test")
      }
      try await client.execute(uri: "/api/v1/changes?limit=2", method: .get) { response in
        #expect((response.json["changes"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [4, 3])
      }
      // The overview lists the change; the store's reader sees it without a restart.
      try await client.execute(uri: "/", method: .get) { #expect($0.text.contains("deal remove")) }
    }
    let store = try LedgerStore.open(path: path)
    #expect(try store.latestChangeID() == 4)
  }

  @Test("a fixed ledger takes no writes (403); a server without a token neither")
  func writesOff() async throws {
    let deal = #"{"id": "x"}"#
    try await application(token: testToken).test(.router) { client in
      try await client.execute(
        uri: "/api/v1/deals", method: .post, headers: .json(token: testToken), body: ByteBuffer(string: deal)
      ) {
        #expect($0.status == .forbidden)
      }
    }
    let folder = try TemporaryFolder()
    try await application(store: try seededStore(in: folder), token: nil).test(.router) { client in
      try await client.execute(uri: "/api/v1/deals/x", method: .delete, headers: .json(token: testToken)) {
        #expect($0.status == .forbidden)
        #expect($0.errorMessage?.contains("token") == true)
      }
    }
  }

  @Test("extract takes article text and answers the CLI's extract JSON")
  func extract() async throws {
    let app = try application()
    let article = "NVIDIA will invest up to $100 billion in OpenAI, the companies said on Monday."
    try await app.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/extract?date=2025-09-22&file=a.txt", method: .post, headers: [.contentType: "text/plain"],
        body: ByteBuffer(string: article)
      ) { response in
        #expect(response.status == .ok)
        #expect(response.json["format"] as? String == "loopledger-extract")
        let articles = response.json["articles"] as? [[String: Any]] ?? []
        let candidates = articles.first?["candidates"] as? [Any] ?? []
        #expect(candidates.count == 1, "\(response.text)")
      }
      try await client.execute(uri: "/api/v1/extract", method: .post, headers: .json(), body: ByteBuffer(string: "{}"))
      {
        #expect($0.status == .unsupportedMediaType)
      }
    }
  }

  @Test("the OpenAPI document is JSON, OpenAPI 3.1, and lists exactly the API's routes")
  func openAPIDocument() async throws {
    let app = try application()
    try await app.test(.router) { client in
      let document = try await client.execute(uri: "/api/v1/openapi.json", method: .get) { $0.json }
      #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
      let paths = document["paths"] as? [String: [String: Any]] ?? [:]
      var documented = Set<String>()
      for (path, operations) in paths {
        for method in operations.keys where ["get", "post", "put", "delete"].contains(method) {
          documented.insert("\(method.uppercased()) \(path)")
        }
      }
      #expect(documented == Set(OpenAPIDocument.routes), "document and code differ")
      // Every documented route exists: none answers 404 for a wrong route (ids that exist used).
      for route in OpenAPIDocument.routes {
        let parts = route.split(separator: " ")
        let uri = String(parts[1]).replacingOccurrences(of: "{id}", with: "openai")
        let method = HTTPRequest.Method(String(parts[0]))!
        try await client.execute(uri: uri, method: method, headers: .json(), body: ByteBuffer(string: "{}")) {
          response in
          if response.status == .notFound {
            #expect(response.errorMessage?.contains("openai") == true, "\(route): no such route")
          }
        }
      }
    }
  }
}
