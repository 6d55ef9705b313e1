import LoopLedger

/// The words of the timeline (`loopledger report --timeline`) and its chart.
extension Words {
  func timelineHeading(_ title: String, id: String, period: TimelinePeriod) -> String {
    switch period {
    case .quarter:
      t(
        "LoopLedger timeline by quarter — \(title) [\(id)]", "LoopLedger 按季度的時間線 — \(title) [\(id)]",
        "LoopLedger 按季度的时间线 — \(title) [\(id)]")
    case .year:
      t(
        "LoopLedger timeline by year — \(title) [\(id)]", "LoopLedger 按年度的時間線 — \(title) [\(id)]",
        "LoopLedger 按年度的时间线 — \(title) [\(id)]")
    }
  }
  var timelineExplanation: String {
    t(
      "Each period is the ledger as it stood on its last day: deals reported by then, with the status they had then; a deal another one supersedes counts until that one is reported.",
      "每一期為該期最後一天的賬本:當時已報道的交易,按當時的狀態;被取代的交易在取代它的交易報道前仍計入。",
      "每一期为该期最后一天的账本:当时已报道的交易,按当时的状态;被取代的交易在取代它的交易报道前仍计入。")
  }
  var goingRoundHeading: String {
    t(
      "MONEY GOING ROUND per period (maximum circulation at the estimates; each tier counts the ones before it)",
      "每期循環資金(估計值下的最大循環流;每一層包含前面各層)", "每期循环资金(估计值下的最大循环流;每一层包含前面各层)")
  }
  var periodColumn: String { t("Period", "期間", "期间") }
  var dealsColumn: String { t("Deals", "交易", "交易") }
  var loopsCountColumn: String { t("Loops", "循環", "循环") }
  var shareAllColumn: String { t("Share (all)", "佔比(全部)", "占比(全部)") }
  func loopsAt(_ label: String, count: Int) -> String {
    t("\(label) — loops: \(count)", "\(label) — 循環:\(count)", "\(label) — 循环:\(count)")
  }
  func sameLoopsAs(_ label: String) -> String {
    t("(the same loops and round trips as in \(label))", "(循環及往返金額與 \(label) 相同)", "(循环及往返金额与 \(label) 相同)")
  }
  func moreTimelineLoops(_ count: Int) -> String {
    t("… and \(count) more (the JSON lists them all)", "… 另有 \(count) 個(JSON 列出全部)", "… 另有 \(count) 个(JSON 列出全部)")
  }
  var noDatedDeals: String { t("No dated deals: no timeline.", "沒有日期的交易:無時間線。", "没有日期的交易:无时间线。") }
  var timelineChartTitle: String {
    t("Money going round, by certainty tier", "循環資金(按確定程度)", "循环资金(按确定程度)")
  }
  var timelineChartNote: String {
    t(
      "Maximum circulation at the estimates; bars stack what each tier adds",
      "估計值下的最大循環流;每段為該層新增的部分", "估计值下的最大循环流;每段为该层新增的部分")
  }
  var timelineDerivedNote: String {
    t(
      " · includes derived amounts (†, a share of another deal's)", " · 含推算值(†,另一交易金額的一部分)",
      " · 含推算值(†,另一交易金额的一部分)")
  }
}
