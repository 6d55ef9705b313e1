import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoopLedger
import LoopLedgerStore
import Testing

@testable import LoopLedgerWeb

@Suite("serve: the pages")
struct PageTests {
  static let pages = [
    "/", "/loops", "/companies", "/companies/openai", "/deals", "/deals?company=nvidia&kind=chip_purchase",
    "/deals/amazon-openai-equity-2025", "/stress", "/stress?stop=openai:microsoft&fraction=0.5",
    "/stress?default=openai",
    "/projection", "/projection?company=openai&paths=500&seed=3", "/review", "/login", "/timeline",
    "/timeline?period=year", "/?as_of=2025-09", "/loops?as_of=2025",
  ]

  @Test("every page answers 200 with HTML, in each language, with the security headers")
  func everyPageInEveryLanguage() async throws {
    let app = try application()
    try await app.test(.router) { client in
      for page in Self.pages {
        for language in Language.allCases {
          let uri = page + (page.contains("?") ? "&" : "?") + "lang=\(language.rawValue)"
          try await client.execute(uri: uri, method: .get) { response in
            #expect(response.status == .ok, "\(uri): \(response.status)")
            #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
            #expect(response.text.contains("<html lang=\"\(language.rawValue)\">"), "\(uri)")
            #expect(!response.text.contains("<script>"), "\(uri): inline script")
            expectSecurityHeaders(response)
          }
        }
      }
    }
  }

  @Test("the seed's overview shows the headline figures and the loop map; the deal page every quote")
  func overviewAndDeal() async throws {
    let app = try application()
    let seed = try BundledLedger.load("seed")
    try await app.test(.router) { client in
      try await client.execute(uri: "/", method: .get) { response in
        #expect(response.text.contains("<svg"))
        #expect(response.text.contains("Money going round"))
        #expect(response.text.contains("<dd>\(seed.deals.count)</dd>"))
      }
      let deal = seed.deals[0]
      try await client.execute(uri: "/deals/\(deal.id.rawValue)", method: .get) { response in
        #expect(response.status == .ok)
        for source in deal.sources {
          let escaped = source.quote.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
            of: "<", with: "&lt;"
          )
          .replacingOccurrences(of: ">", with: "&gt;")
          #expect(response.text.contains(escaped), "quote of \(deal.id)")
        }
      }
    }
  }

  @Test("the timeline page has every period of report --timeline; each links to the overview as of its last day")
  func timelineAndAsOf() async throws {
    let app = try application(ledger: "public-2026")
    let ledger = try BundledLedger.load("public-2026")
    let timeline = try LedgerTimeline(ledger: ledger, period: .quarter, options: LoopReportOptions())
    #expect(timeline.points.count >= 3)
    try await app.test(.router) { client in
      try await client.execute(uri: "/timeline", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains("<svg"))
        for point in timeline.points {
          #expect(response.text.contains(">\(point.label)</a>"), "\(point.label)")
          #expect(response.text.contains("href=\"/?as_of=\(point.end.description)\""), "\(point.label)")
        }
      }
      // The overview as of a period's end counts the deals reported by then, and says so.
      let point = timeline.points[timeline.points.count / 2]
      let then = ledger.asOf(point.end)
      #expect(then.deals.count == point.deals)
      #expect(then.deals.count < ledger.deals.count)
      try await client.execute(uri: "/?as_of=\(point.end.description)", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains("As of \(point.end.description)"))
        #expect(response.text.contains("<dd>\(then.deals.count)</dd>"))
        #expect(response.text.contains("\(then.view?.notYetReported.count ?? -1) deals reported later left out"))
        #expect(response.text.contains("href=\"/loops?as_of=\(point.end.description)#loop-1\""))
      }
      let loopsThen = try LoopReport(ledger: then, options: LoopReportOptions())
      try await client.execute(uri: "/loops?as_of=\(point.end.description)", method: .get) { response in
        #expect(response.text.contains("(\(loopsThen.loops.count))</h1>"))
        #expect(response.text.contains("As of \(point.end.description)"))
      }
      try await client.execute(uri: "/", method: .get) { response in
        #expect(response.text.contains("<dd>\(ledger.deals.count)</dd>"))
        #expect(!response.text.contains("deals reported later left out"))
      }
      try await client.execute(uri: "/timeline?period=week", method: .get) { #expect($0.status == .badRequest) }
      try await client.execute(uri: "/?as_of=tomorrow", method: .get) { #expect($0.status == .badRequest) }
    }
  }

  @Test("a language chosen by ?lang= is remembered in a cookie; Accept-Language is the fallback")
  func languageCookie() async throws {
    let app = try application()
    try await app.test(.router) { client in
      let cookie = try await client.execute(uri: "/loops?lang=zh-Hans", method: .get) { response in
        #expect(response.text.contains("<html lang=\"zh-Hans\">"))
        return try #require(response.cookies["loopledger_lang"])
      }
      #expect(cookie == "zh-Hans")
      try await client.execute(uri: "/loops", method: .get, headers: [.cookie: "loopledger_lang=\(cookie)"]) {
        #expect($0.text.contains("<html lang=\"zh-Hans\">"))
        #expect($0.text.contains("资金循环"))
      }
      try await client.execute(uri: "/loops", method: .get, headers: [.acceptLanguage: "zh-TW,zh;q=0.9"]) {
        #expect($0.text.contains("<html lang=\"zh-Hant\">"))
      }
    }
  }

  @Test("hostile names and quotes show as text on every page and in every SVG; a javascript: URL is no link")
  func escaping() async throws {
    let folder = try TemporaryFolder()
    let file = try ledgerFile(hostileLedger(), in: folder)
    let app = try application(ledger: file)
    try await app.test(.router) { client in
      for page in [
        "/", "/loops", "/companies", "/companies/script", "/companies/ab", "/deals", "/deals/invest", "/deals/buy",
        "/stress?stop=ab:script", "/stress?default=script", "/projection?company=script&paths=100",
      ] {
        try await client.execute(uri: page, method: .get) { response in
          #expect(response.status == .ok, "\(page)")
          #expect(!response.text.contains("<script>"), "\(page): raw <script>")
          #expect(!response.text.contains("<b>bold"), "\(page): raw markup")
          #expect(!response.text.contains("href=\"javascript:"), "\(page): javascript: link")
          #expect(!response.text.contains("</title><script"), "\(page)")
        }
      }
      try await client.execute(uri: "/companies/script", method: .get) {
        #expect($0.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      }
      try await client.execute(uri: "/deals/buy", method: .get) {
        #expect($0.text.contains("href=\"https://example.com/?a=1&amp;b=2\""))
      }
    }
  }

  @Test("unknown pages and ids get a 404 page; bad form values a 400 page or a message in the form")
  func notFoundAndBadValues() async throws {
    let app = try application()
    try await app.test(.router) { client in
      for uri in ["/nope", "/companies/nope", "/deals/nope"] {
        try await client.execute(uri: uri, method: .get) { response in
          #expect(response.status == .notFound, "\(uri)")
          #expect(response.headers[.contentType] == "text/html; charset=utf-8")
          expectSecurityHeaders(response)
        }
      }
      try await client.execute(uri: "/deals?limit=0", method: .get) { #expect($0.status == .badRequest) }
      try await client.execute(uri: "/deals?kind=gift", method: .get) { #expect($0.status == .badRequest) }
      try await client.execute(uri: "/stress?default=nobody", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains("class=\"error\""))
        #expect(response.text.contains("nobody"))
      }
      try await client.execute(uri: "/projection?paths=100000000", method: .get) { response in
        #expect(response.text.contains("class=\"error\""))
        #expect(response.text.contains("paths"))
      }
    }
  }

  @Test("the deal list pages through the deals with its filters kept")
  func dealPaging() async throws {
    let app = try application()
    let seed = try BundledLedger.load("seed")
    try await app.test(.router) { client in
      try await client.execute(uri: "/deals?limit=5&offset=5", method: .get) { response in
        let rows = response.text.components(separatedBy: "<a href=\"/deals/").count - 1
        #expect(rows == min(5, seed.deals.count - 5))
        #expect(response.text.contains("rel=\"prev\""))
      }
    }
  }

  @Test("HEAD answers like GET without a body; the stylesheet and script are served")
  func headAndAssets() async throws {
    let app = try application()
    try await app.test(.router) { client in
      try await client.execute(uri: "/", method: .head) { response in
        #expect(response.status == .ok)
        #expect(response.body.readableBytes == 0)
      }
      try await client.execute(uri: "/static/site.css", method: .get) {
        #expect($0.headers[.contentType] == "text/css; charset=utf-8")
      }
      try await client.execute(uri: "/static/app.js", method: .get) {
        #expect($0.text.contains("SPDX-License-Identifier"))
      }
    }
  }
}

@Suite("serve: the projection page")
struct ProjectionPageTests {
  @Test("the form shows the scenario to edit; an edited scenario POSTed changes the result; a bad one is said")
  func editedScenario() async throws {
    let app = try application()
    let defaults = ProjectionInput.defaultScenarioText
    #expect(defaults.contains("\"amounts\""))
    try await app.test(.router) { client in
      let base = try await client.execute(uri: "/projection?company=openai&paths=400", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.text.contains("method=\"post\""))
        #expect(response.text.contains("\"amounts\" : \"estimate\""), "the default scenario is in the textarea")
        return response.text
      }
      func post(_ scenario: String) async throws -> String {
        let body = ["company": "openai", "paths": "400", "scenario": scenario].map {
          "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
        return try await client.execute(
          uri: "/projection", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
          body: ByteBuffer(string: body)
        ) { response in
          #expect(response.status == .ok)
          return response.text
        }
      }
      let same = try await post(defaults)
      let tables = { (page: String) in page.components(separatedBy: "<h2>").dropFirst().joined() }
      #expect(tables(same) == tables(base), "the unchanged scenario gives the default result")
      let edited = defaults.replacingOccurrences(of: "\"amounts\" : \"estimate\"", with: "\"amounts\" : \"high\"")
      #expect(edited != defaults)
      let changed = try await post(edited)
      #expect(!changed.contains("class=\"error\""), "\(changed.prefix(3_000))")
      #expect(tables(changed) != tables(base), "an edited assumption changes the projection")
      let broken = try await post("{\"amounts\": \"sometimes\"}")
      #expect(broken.contains("class=\"error\""))
      #expect(broken.contains("amounts"))
    }
  }
}
