import Foundation
import Testing

@testable import LoopLedger
@testable import LoopLedgerRender

@Suite("Loop map")
struct LoopMapTests {
  @Test(arguments: ["seed", "public-2025"])
  func everyLoopsEdgesAreDrawnAndCarryTheLoopsClass(ledgerName: String) throws {
    let (ledger, report) = try bundled(ledgerName)
    let map = LoopMap(report: report, ledger: ledger)
    let parsed = try XMLDocumentCollector.parse(map.svg())
    #expect(!report.loops.isEmpty)
    for (index, loop) in report.loops.enumerated() {
      let number = index + 1
      for step in loop.steps {
        for deal in step.deals {
          let arrowIndex = try #require(
            map.arrows.firstIndex { $0.deals.contains(deal) },
            "loop \(number): deal \(deal) has no arrow")
          let arrow = map.arrows[arrowIndex]
          #expect(arrow.payer == step.payer && arrow.payee == step.payee)
          #expect(arrow.loops.contains(number))
          let group = try #require(parsed.element(id: "lm-arrow-\(arrowIndex + 1)"))
          #expect(group.classes.contains("deal"))
          #expect(group.classes.contains("l\(number)"), "arrow of \(deal) lacks class l\(number)")
        }
      }
      for company in loop.path {
        let node = try #require(map.nodes.firstIndex { $0.id == company })
        let group = try #require(parsed.element(id: "lm-node-\(node + 1)"))
        #expect(group.classes.contains("l\(number)"))
      }
    }
  }

  @Test func everyIncludedDealIsOnExactlyOneArrow() throws {
    let (ledger, report) = try bundled("public-2025")
    let map = LoopMap(report: report, ledger: ledger)
    let excluded = Set(report.excludedDeals.map(\.id))
    let drawn = map.arrows.flatMap(\.deals)
    #expect(drawn.count == Set(drawn).count)
    #expect(Set(drawn) == Set(ledger.deals.map(\.id).filter { !excluded.contains($0) }))
  }

  @Test func tooltipsCarryPayerPayeeAmountAsWrittenStatusAndQuote() throws {
    let (ledger, report) = try bundled("seed")
    let map = LoopMap(report: report, ledger: ledger)
    let parsed = try XMLDocumentCollector.parse(map.svg())
    for (index, arrow) in map.arrows.enumerated() {
      let group = try #require(parsed.element(id: "lm-arrow-\(index + 1)"))
      let title = try #require(parsed.title(after: group))
      #expect(title.hasPrefix(ledger.name(of: arrow.payer) + " → " + ledger.name(of: arrow.payee)))
      for id in arrow.deals {
        let deal = try #require(ledger.deal(id))
        #expect(title.contains(Words(.english).status(deal.status)))
        if let written = deal.amount.asWritten { #expect(title.contains(written)) }
        for source in deal.sources { #expect(title.contains(source.quote)) }
      }
    }
  }

  @Test func theLegendMatchesWhatIsDrawn() throws {
    let (ledger, report) = try bundled("seed")
    let map = LoopMap(report: report, ledger: ledger)
    let entries = map.legendEntries()
    let parsed = try XMLDocumentCollector.parse(map.svg())
    for entry in entries {
      #expect(parsed.elements.contains { $0.classes.contains("legend-" + entry.rawValue) }, "legend lacks \(entry)")
    }
    // Every colour and line style on the map has its entry, and nothing else is explained.
    let classes = Set(map.arrows.map(\.flowClass))
    #expect(entries.contains(.investment) && entries.contains(.purchase))
    #expect(entries.contains(.other) == classes.contains(.other))
    let styles = Set(map.arrows.map(\.style))
    #expect(entries.contains(.solid) == styles.contains(.solid))
    #expect(entries.contains(.dashed) == styles.contains(.dashed))
    #expect(entries.contains(.dotted) == styles.contains(.dotted))
    #expect(entries.contains(.faded) == styles.contains(.faded))
    #expect(entries.contains(.unknown) == map.arrows.contains { $0.amount.isUnknown })
    // The seed has all of: talks/planned, implied, ranges, "at least", unstated amounts.
    for expected: LoopMap.LegendEntry in [.solid, .dashed, .dotted, .band, .openBand, .unknown, .width, .node] {
      #expect(entries.contains(expected))
    }
    // The drawn line styles are the legend's: dashed arrows have a dash array, solid ones none.
    for (index, arrow) in map.arrows.enumerated() {
      let group = try #require(parsed.element(id: "lm-arrow-\(index + 1)"))
      let core = try #require(parsed.descendants(ofID: "lm-arrow-\(index + 1)").first { $0.classes.contains("core") })
      #expect((core.attributes["stroke-dasharray"] == nil) == (arrow.style == .solid))
      #expect(core.attributes["stroke"] == Palette.color(of: arrow.flowClass))
      #expect(group.classes.contains(arrow.style.rawValue))
    }
  }

  @Test func legendIsTranslated() throws {
    let (ledger, report) = try bundled("seed")
    let svg = LoopMap(report: report, ledger: ledger, options: LoopMapOptions(language: .traditionalChinese)).svg()
    let parsed = try XMLDocumentCollector.parse(svg)
    #expect(parsed.allText.contains("投資(股權、貸款、認股權證)"))
    #expect(parsed.allText.contains("虛線:磋商中或計劃中"))
    #expect(parsed.allText.contains("英偉達"))
    #expect(parsed.allText.contains("亞馬遜"))
    #expect(svg.contains("Noto Sans CJK TC") && svg.contains("PingFang TC") && svg.contains("Microsoft JhengHei"))
  }

  @Test func arrowsEndAtTheNodesEdgeNotUnderIt() throws {
    let (ledger, report) = try bundled("seed")
    for layout in LoopMapOptions.Layout.allCases {
      let map = LoopMap(report: report, ledger: ledger, options: LoopMapOptions(layout: layout))
      let parsed = try XMLDocumentCollector.parse(map.svg())
      let circles = parsed.elements(named: "circle").filter { $0.attributes["r"] != "8" }
      let radius = try #require(circles.first.flatMap { Double($0.attributes["r"]!) })
      #expect(parsed.elements.filter { $0.classes.contains("head") }.count == map.arrows.count)
      for (index, arrow) in map.arrows.enumerated() {
        let head = try #require(parsed.descendants(ofID: "lm-arrow-\(index + 1)").first { $0.classes.contains("head") })
        let points = head.attributes["points"]!.split(separator: " ").map {
          $0.split(separator: ",").map { Double($0)! }
        }
        let tip = Point(points[0][0], points[0][1])
        let payee = try #require(map.nodes.first { $0.id == arrow.payee }).position
        let distance = ((tip.x - payee.x) * (tip.x - payee.x) + (tip.y - payee.y) * (tip.y - payee.y)).squareRoot()
        #expect(distance > radius + 1 && distance < radius + 4, "\(layout): tip of \(arrow.deals) at \(distance)")
        // The head's base corners stay outside the node too.
        for corner in points.dropFirst() {
          let d = ((corner[0] - payee.x) * (corner[0] - payee.x) + (corner[1] - payee.y) * (corner[1] - payee.y))
            .squareRoot()
          #expect(d > radius)
        }
      }
    }
  }

  @Test func reciprocalPairsAreTwoSeparateCurves() throws {
    let (ledger, report) = try bundled("seed")
    let map = LoopMap(report: report, ledger: ledger)
    let parsed = try XMLDocumentCollector.parse(map.svg())
    func core(_ index: Int) -> String? {
      parsed.descendants(ofID: "lm-arrow-\(index + 1)").first { $0.classes.contains("core") }?.attributes["d"]
    }
    let there = try #require(map.arrows.firstIndex { $0.payer == "nvidia" && $0.payee == "openai" })
    let back = try #require(map.arrows.firstIndex { $0.payer == "openai" && $0.payee == "nvidia" })
    let d1 = try #require(core(there))
    let d2 = try #require(core(back))
    #expect(d1.contains(" Q") && d2.contains(" Q"))
    func control(_ d: String) -> [Double] {
      let q = d.components(separatedBy: " Q")[1].split(separator: " ")[0]
      return q.split(separator: ",").map { Double($0)! }
    }
    let c1 = control(d1)
    let c2 = control(d2)
    #expect(abs(c1[0] - c2[0]) + abs(c1[1] - c2[1]) > 20)
  }

  @Test func highlightDimsEverythingOffTheLoop() throws {
    let (ledger, report) = try bundled("seed")
    // Loop 9: NVIDIA → OpenAI → Amazon → NVIDIA, listed after the stated loops (it needs the implied
    // AWS purchase of NVIDIA GPUs).
    let map = LoopMap(report: report, ledger: ledger, options: LoopMapOptions(highlight: 9))
    let parsed = try XMLDocumentCollector.parse(map.svg())
    for (index, arrow) in map.arrows.enumerated() {
      let group = try #require(parsed.element(id: "lm-arrow-\(index + 1)"))
      #expect(group.classes.contains("dim") == !arrow.loops.contains(9))
    }
    #expect(parsed.allText.contains("Loop 9 highlighted: NVIDIA → OpenAI → Amazon → NVIDIA"))
  }

  @Test func standaloneMapHasTargetRulesPerLoop() throws {
    let (ledger, report) = try bundled("seed")
    let svg = LoopMap(report: report, ledger: ledger).svg()
    for number in 1...report.loops.count {
      #expect(svg.contains("svg:has(#loop-\(number):target) .deal:not(.l\(number))"))
      #expect(svg.contains("id=\"loop-\(number)\""))
    }
  }

  @Test func intervalAmountsGetAHatchedBand() throws {
    let (ledger, report) = try bundled("seed")
    let map = LoopMap(report: report, ledger: ledger)
    let parsed = try XMLDocumentCollector.parse(map.svg())
    #expect(parsed.elements(named: "pattern").count == FlowClass.allCases.count)
    // "up to $100B" (NVIDIA → OpenAI) is a range [0, 100B]: a band; "$8B" is exact: none.
    func hasBand(_ arrowIndex: Int) -> Bool {
      parsed.descendants(ofID: "lm-arrow-\(arrowIndex + 1)").contains { $0.classes.contains("band") }
    }
    let upTo = try #require(map.arrows.firstIndex { $0.payer == "nvidia" && $0.payee == "openai" })
    let exact = try #require(map.arrows.firstIndex { $0.payer == "amazon" && $0.payee == "anthropic" })
    #expect(hasBand(upTo))
    #expect(!hasBand(exact))
    let widths = map.widths(map.arrows[upTo].amount)
    #expect(widths.band == LoopMap.maxWidth && widths.core == LoopMap.minWidth)
  }

  @Test func widthFollowsTheSquareRootOfTheAmount() throws {
    let (ledger, report) = try bundled("seed")
    let map = LoopMap(report: report, ledger: ledger)
    // Largest on the seed map: $100B. $8B → 1.5 + 14.5·√0.08.
    let eight = map.widths(.exact(8e9))
    #expect(abs(eight.core - (1.5 + 14.5 * (0.08).squareRoot())) < 1e-9)
    #expect(map.widths(.unknown).core == LoopMap.minWidth)
  }

  @Test func forceLayoutIsDeterministicAndKeepsNodesApart() throws {
    let (ledger, report) = try bundled("public-2025")
    let options = LoopMapOptions(layout: .force)
    let a = LoopMap(report: report, ledger: ledger, options: options)
    let b = LoopMap(report: report, ledger: ledger, options: options)
    #expect(a.svg() == b.svg())
    for i in a.nodes.indices {
      for j in a.nodes.indices where j > i {
        let d = a.nodes[i].position - a.nodes[j].position
        #expect(d.length > 40)
      }
    }
  }
}
