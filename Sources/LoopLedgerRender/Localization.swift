import LoopLedger

/// The words of LoopLedger's outputs in one language.
public struct Words: Sendable {
  public let language: Language

  public init(_ language: Language) { self.language = language }

  private var zh: Bool { language != .english }

  private func pick(_ english: String, _ traditional: String, _ simplified: String? = nil) -> String {
    switch language {
    case .english: english
    case .traditionalChinese: traditional
    case .simplifiedChinese: simplified ?? traditional
    }
  }

  var reportTitle: String { pick("LoopLedger report", "LoopLedger 循環融資報告", "LoopLedger 循环融资报告") }
  var asOf: String { pick("as of", "截至") }
  var deals: String { pick("deals", "筆交易", "笔交易") }
  var companies: String { pick("companies", "家公司") }
  var level: String { pick("graph level", "圖層級", "图层级") }
  var statuses: String { pick("statuses", "狀態", "状态") }
  var loopsHeading: String { pick("LOOPS", "資金循環", "资金循环") }
  var rankedBy: String { pick("ranked by round-trip amount", "按回流金額排序", "按回流金额排序") }
  var loop: String { pick("Loop", "循環", "循环") }
  var roundTrip: String { pick("Round trip (USD)", "回流金額(美元)", "回流金额(美元)") }
  var ratio: String { pick("Invested / bought back", "投資/回購", "投资/回购") }
  var type: String { pick("Type", "類型", "类型") }
  var investmentProcurement: String { pick("invest→buy", "投資─採購", "投资─采购") }
  var otherLoop: String { pick("other", "其他") }
  var noLoops: String { pick("No loops: money does not come back to where it started.", "沒有循環:資金沒有回到出發點。", "没有循环:资金没有回到出发点。") }
  var companiesHeading: String { pick("COMPANIES", "公司") }
  var company: String { pick("Company", "公司") }
  var investedOut: String { pick("Invested out", "對外投資", "对外投资") }
  var investmentIn: String { pick("Investment in", "獲得投資", "获得投资") }
  var purchasesIn: String { pick("Purchases in (revenue)", "採購收入", "采购收入") }
  var purchasesOut: String { pick("Purchases out", "對外採購", "对外采购") }
  var selfFunded: String { pick("Self-funded share", "自我資助比例", "自我资助比例") }
  var roundTripRatio: String { pick("Invested / bought back", "投資/回購比", "投资/回购比") }
  var loopsColumn: String { pick("Loops", "循環數", "循环数") }
  var circulationHeading: String {
    pick("MONEY GOING ROUND (maximum circulation of the known flows; one split into loops)", "循環資金(已知資金流的最大循環部分;其中一種循環分解)", "循环资金(已知资金流的最大循环部分;其中一种循环分解)")
  }
  var circulationShare: String { pick("share of all known flows that can go round", "可循環的已知資金比例", "可循环的已知资金比例") }
  var factsHeading: String { pick("KEY FACTS", "關鍵數據", "关键数据") }
  var unknownHeading: String { pick("AMOUNTS NOT STATED (kept unknown, never counted as zero)", "未披露金額(保持未知,不計為零)", "未披露金额(保持未知,不计为零)") }
  var excludedHeading: String { pick("DEALS LEFT OUT", "未納入的交易", "未纳入的交易") }
  var assumptionsHeading: String { pick("ASSUMPTIONS", "假設", "假设") }
  var limitHit: String { pick("Loop limit reached: more loops exist than are listed; raise --limit.", "已達循環數上限:尚有更多循環未列出,請提高 --limit。", "已达循环数上限:尚有更多循环未列出,请提高 --limit。") }
  var unknown: String { pick("unknown", "未知") }
  var estimate: String { pick("est.", "估") }
  var assumed: String { pick("ASSUMED", "假設值", "假设值") }
  var notStated: String { pick("not stated", "未披露") }
  var source: String { pick("source", "來源", "来源") }
  var step: String { pick("step", "步驟", "步骤") }
  var investment: String { pick("investment", "投資", "投资") }
  var purchase: String { pick("purchase", "採購", "采购") }
  var other: String { pick("other", "其他") }

  func level(_ level: GraphLevel) -> String {
    switch level {
    case .group: pick("group", "集團", "集团")
    case .unit: pick("unit", "業務單位", "业务单位")
    }
  }

  func status(_ status: DealStatus) -> String {
    switch status {
    case .talks: pick("talks", "磋商中")
    case .planned: pick("planned", "計劃中", "计划中")
    case .announced: pick("announced", "已宣布")
    case .closed: pick("closed", "已完成")
    case .implied: pick("implied", "隱含", "隐含")
    case .cancelled: pick("cancelled", "已取消")
    case .superseded: pick("superseded", "已被取代")
    }
  }

  func metric(_ metric: FactMetric) -> String {
    switch metric {
    case .commitments: pick("commitments", "承諾支出", "承诺支出")
    case .capitalRaised: pick("capital raised", "已籌資金", "已筹资金")
    case .revenue: pick("revenue", "收入")
    case .valuation: pick("valuation", "估值")
    case .loss: pick("losses", "虧損", "亏损")
    case .stake: pick("stake", "持股")
    case .survey: pick("survey", "調查", "调查")
    case .capacity: pick("capacity", "算力規模", "算力规模")
    case .other: pick("other", "其他")
    }
  }
}
