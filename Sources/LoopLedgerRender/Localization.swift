import LoopLedger

/// The one word table of LoopLedger's outputs: every word and sentence a renderer shows, in
/// English, 繁體中文 and 简体中文, each entry giving all three (no script falls back on another).
///
/// Split by output into extensions (`Words+Pictures`, `Words+Projection`, `Words+Stress`); analyses
/// return keys and numbers, and only renderers pick words.
package struct Words: Sendable {
  public let language: Language

  public init(_ language: Language) { self.language = language }

  /// The entry in this language.
  func t(_ english: String, _ traditional: String, _ simplified: String) -> String {
    switch language {
    case .english: english
    case .traditionalChinese: traditional
    case .simplifiedChinese: simplified
    }
  }

  var reportTitle: String { t("LoopLedger report", "LoopLedger 循環融資報告", "LoopLedger 循环融资报告") }
  var asOf: String { t("as of", "截至", "截至") }
  var deals: String { t("deals", "筆交易", "笔交易") }
  var companies: String { t("companies", "家公司", "家公司") }
  var level: String { t("graph level", "圖層級", "图层级") }
  var statuses: String { t("statuses", "狀態", "状态") }
  var loopsHeading: String { t("LOOPS", "資金循環", "资金循环") }
  var rankedBy: String { t("ranked by round-trip amount", "按回流金額排序", "按回流金额排序") }
  var loop: String { t("Loop", "循環", "循环") }
  var roundTrip: String { t("Round trip (USD)", "回流金額(美元)", "回流金额(美元)") }
  var ratio: String { t("Invested / bought back", "投資/回購", "投资/回购") }
  var type: String { t("Type", "類型", "类型") }
  var investmentProcurement: String { t("invest→buy", "投資─採購", "投资─采购") }
  var otherLoop: String { t("other", "其他", "其他") }
  var noLoops: String {
    t("No loops: money does not come back to where it started.", "沒有循環:資金沒有回到出發點。", "没有循环:资金没有回到出发点。")
  }
  var companiesHeading: String { t("COMPANIES", "公司", "公司") }
  var company: String { t("Company", "公司", "公司") }
  var investedOut: String { t("Invested out", "對外投資", "对外投资") }
  var investmentIn: String { t("Investment in", "獲得投資", "获得投资") }
  var purchasesIn: String { t("Purchases in (revenue)", "採購收入", "采购收入") }
  var purchasesOut: String { t("Purchases out", "對外採購", "对外采购") }
  var selfFunded: String { t("Self-funded share", "自我資助比例", "自我资助比例") }
  var roundTripRatio: String { t("Invested / bought back", "投資/回購比", "投资/回购比") }
  var loopsColumn: String { t("Loops", "循環數", "循环数") }
  var circulationHeading: String {
    t(
      "MONEY GOING ROUND (maximum circulation of the known flows; one split into loops)", "循環資金(已知資金流的最大循環部分;其中一種循環分解)",
      "循环资金(已知资金流的最大循环部分;其中一种循环分解)")
  }
  var circulationShare: String { t("share of all known flows that can go round", "可循環的已知資金比例", "可循环的已知资金比例") }
  var factsHeading: String { t("KEY FACTS", "關鍵數據", "关键数据") }
  var tiersHeading: String {
    t(
      "BY CERTAINTY (round trip counting signed deals only, then adding plans, talks and inferences; – the loop does not exist yet)",
      "按確定程度(只計已簽署交易的往返金額,再逐步加入計劃、洽談與推斷;– 表示該循環尚不存在)",
      "按确定程度(只计已签署交易的往返金额,再逐步加入计划、洽谈与推断;– 表示该循环尚不存在)")
  }
  /// After a loop's type when a step rests only on implied deals.
  var inferredMark: String { t("(inferred)", "(推斷)", "(推断)") }
  var inferredNote: String {
    t(
      "(inferred): a step rests only on a deal no source states (implied); such loops are listed after the stated ones.",
      "(推斷):其中一步只建立在沒有來源直接陳述的交易(推斷)上;這類循環列在有來源陳述的循環之後。",
      "(推断):其中一步只建立在没有来源直接陈述的交易(推断)上;这类循环列在有来源陈述的循环之后。")
  }
  var longLoopNote: String {
    t(
      "Loops of more than two companies are paths through the graph of the deals: no source describes them as one arrangement.",
      "兩家以上公司的循環是交易圖中的路徑:沒有來源把它們描述為一項安排。",
      "两家以上公司的循环是交易图中的路径:没有来源把它们描述为一项安排。")
  }
  var perYearView: String {
    t(
      "view: dollars per year (contracts over their terms)", "視角:每年金額(合約按期限攤分)", "视角:每年金额(合约按期限摊分)")
  }
  var totalsView: String { t("view: deal totals", "視角:交易總額", "视角:交易总额") }
  var circulationByTier: String { t("by certainty", "按確定程度", "按确定程度") }
  func tier(_ tier: CertaintyTier) -> String {
    switch tier {
    case .signed: t("Signed", "已簽署", "已签署")
    case .withPlans: t("+ plans", "+ 計劃", "+ 计划")
    case .withTalks: t("+ talks", "+ 洽談", "+ 洽谈")
    case .withInferences: t("+ inferred", "+ 推斷", "+ 推断")
    }
  }
  var unknownHeading: String {
    t("AMOUNTS NOT STATED (kept unknown, never counted as zero)", "未披露金額(保持未知,不計為零)", "未披露金额(保持未知,不计为零)")
  }
  var excludedHeading: String { t("DEALS LEFT OUT", "未納入的交易", "未纳入的交易") }
  var assumptionsHeading: String { t("ASSUMPTIONS", "假設", "假设") }
  var limitHit: String {
    t(
      "Loop limit reached: more loops exist than are listed; raise --limit.", "已達循環數上限:尚有更多循環未列出,請提高 --limit。",
      "已达循环数上限:尚有更多循环未列出,请提高 --limit。")
  }
  var unknown: String { t("unknown", "未知", "未知") }
  var estimate: String { t("est.", "估", "估") }
  var assumed: String { t("ASSUMED", "假設值", "假设值") }
  var derived: String { t("DERIVED", "推算值", "推算值") }
  var notStated: String { t("not stated", "未披露", "未披露") }
  var source: String { t("source", "來源", "来源") }
  var investment: String { t("investment", "投資", "投资") }
  var purchase: String { t("purchase", "採購", "采购") }
  var other: String { t("other", "其他", "其他") }

  func level(_ level: GraphLevel) -> String {
    switch level {
    case .group: t("group", "集團", "集团")
    case .unit: t("unit", "業務單位", "业务单位")
    }
  }

  func status(_ status: DealStatus) -> String {
    switch status {
    case .talks: t("talks", "磋商中", "磋商中")
    case .planned: t("planned", "計劃中", "计划中")
    case .announced: t("announced", "已宣布", "已宣布")
    case .closed: t("closed", "已完成", "已完成")
    case .implied: t("implied", "隱含", "隐含")
    case .cancelled: t("cancelled", "已取消", "已取消")
    case .superseded: t("superseded", "已被取代", "已被取代")
    }
  }

  func metric(_ metric: FactMetric) -> String {
    switch metric {
    case .commitments: t("commitments", "承諾支出", "承诺支出")
    case .capitalRaised: t("capital raised", "已籌資金", "已筹资金")
    case .revenue: t("revenue", "收入", "收入")
    case .valuation: t("valuation", "估值", "估值")
    case .loss: t("losses", "虧損", "亏损")
    case .stake: t("stake", "持股", "持股")
    case .survey: t("survey", "調查", "调查")
    case .capacity: t("capacity", "算力規模", "算力规模")
    case .other: t("other", "其他", "其他")
    }
  }
}
