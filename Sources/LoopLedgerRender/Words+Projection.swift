import LoopLedger

/// The words of the funding projection report (`loopledger project`).
extension Words {
  var aggregateBlock: String { t("Aggregate block", "總承諾餘額", "总承诺余额") }
  var aggregateCommitmentsBlock: String { t("Aggregate commitments block", "總承諾(整體排程)", "总承诺(整体排程)") }
  var amountOfLabel: String { t("", "金額:", "金额:") }
  var assumptionHeader: String { t("Assumption", "假設", "假设") }
  var basisHeader: String { t("Basis", "取值", "取值") }
  var byYearHeading: String {
    t(
      "BY YEAR (USD; cash at year end — negative is money not yet found)", "逐年推演(美元;年底現金,負數即尚未籌得的資金)",
      "逐年推演(美元;年底现金,负数即尚未筹得的资金)")
  }
  var byYearHeadingMarkdown: String { t("By year (USD)", "逐年推演(美元)", "逐年推演(美元)") }
  var cashP5: String { t("Cash p5", "現金 p5", "现金 p5") }
  var cashP50: String { t("Cash p50", "現金 p50", "现金 p50") }
  var cashP95: String { t("Cash p95", "現金 p95", "现金 p95") }
  var closeParen: String { t(")", ")", ")") }
  var committedOut: String { t("Committed out", "已承諾支出", "已承诺支出") }
  var containsPrefix: String { t("contains: ", "已含:", "已含:") }
  var counterpartyHeader: String { t("Counterparty", "交易對手", "交易对手") }
  var dealHeader: String { t("Deal", "交易", "交易") }
  var defaultedSuffix: String { t(" (default)", "(預設)", "(默认)") }
  var exactQuantiles: String { t("exact quantiles", "精確分位數", "精确分位数") }
  var fallsThrough: String { t("falls through", "未成事", "未成事") }
  var fanDataHeading: String { t("FAN CHART DATA (cash at year end)", "扇形圖數據(年底現金)", "扇形图数据(年底现金)") }
  var fanDataHeadingMarkdown: String { t("Fan chart data (cash at year end)", "扇形圖數據(年底現金)", "扇形图数据(年底现金)") }
  var firstShortfallPrefix: String {
    t("First year a shortfall is more likely than not: ", "首個「資金短缺機率過半」的年份:", "首个「资金短缺概率过半」的年份:")
  }
  var fixedNoRow: String { t("Fixed (no row): ", "固定值(不列入):", "固定值(不列入):") }
  var flooredAtZero: String { t(" (floored at 0)", "(下限為 0)", "(下限为 0)") }
  var scheduleNoteMarkdown: String {
    t(
      "Full amounts before probabilities; † goes ahead with its package; * assumed.", "全額,未乘機率;† 與同組交易一併成事;* 假設值。",
      "全额,未乘概率;† 与同组交易一并成事;* 假设值。")
  }
  var fundingNeededSuffix: String { t(": p50 ", " 年底仍需籌措的資金:p50 ", " 年底仍需筹措的资金:p50 ") }
  var fundingNeededPrefix: String { t("Funding still needed by the end of ", "至 ", "至 ") }
  var gapAtHigh: String { t("Gap at high", "高值時缺口", "高值时缺口") }
  var gapAtLow: String { t("Gap at low", "低值時缺口", "低值时缺口") }
  var goesAhead: String { t("goes ahead", "成事", "成事") }
  var goesAheadLabel: String { t("", "成事", "成事") }
  var highHeader: String { t("High", "高", "高") }
  var highPrefix: String { t("high ", "高 ", "高 ") }
  var histogramQuantiles: String { t("histogram quantiles (±", "直方圖分位數(±", "直方图分位数(±") }
  var horizonPrefix: String { t("horizon ", "支付年期 ", "支付年期 ") }
  var inflows: String { t("Inflows", "流入", "流入") }
  var inflowsTimesP: String { t("Inflows × P", "流入 × 機率", "流入 × 概率") }
  var ledgerPrefix: String { t("ledger ", "帳本 ", "账本 ") }
  var projectionTitle: String { t("LoopLedger projection", "LoopLedger 資金缺口推演", "LoopLedger 资金缺口推演") }
  var lowHeader: String { t("Low", "低", "低") }
  var lowPrefix: String { t("low ", "低 ", "低 ") }
  var medianWord: String { t("median", "中位數", "中位数") }
  var minusContained: String { t(" − deals it contains ", " − 已含交易 ", " − 已含交易 ") }
  var neededP5: String { t("Needed p5", "缺口 p5", "缺口 p5") }
  var neededP50: String { t("Needed p50", "缺口 p50", "缺口 p50") }
  var neededP95: String { t("Needed p95", "缺口 p95", "缺口 p95") }
  var noShortfallSuffix: String { t(".", " 年,沒有任何一年資金短缺機率超過 50%。", " 年,没有任何一年资金短缺概率超过 50%。") }
  var noShortfallPrefix: String { t("No year has a shortfall probability above 50 % through ", "直至 ", "直至 ") }
  var notScheduledHeading: String {
    t("NOT SCHEDULED (unknown amounts are left out, never counted as zero)", "未納入排程(未披露金額不計為零)", "未纳入排程(未披露金额不计为零)")
  }
  var notScheduledHeadingMarkdown: String { t("Not scheduled", "未納入排程", "未纳入排程") }
  var notesHeading: String { t("NOTES", "附註", "附注") }
  var notesHeadingMarkdown: String { t("Notes", "附註", "附注") }
  var originDefault: String { t("default", "預設", "默认") }
  var originLedger: String { t("ledger", "帳本", "账本") }
  var originRule: String { t("rule", "規則", "规则") }
  var originScenario: String { t("scenario", "情境檔", "情境文件") }
  var outflows: String { t("Outflows", "支出", "支出") }
  var sensitivityMeasurePrefix: String { t("p50 of funding still needed at the end of ", "以 ", "以 ") }
  var pathsWord: String { t("paths", "條路徑", "条路径") }
  var pays: String { t("pays", "支付", "支付") }
  var shortfallByThenPrefix: String { t("Probability of a shortfall at some point by ", "至 ", "至 ") }
  var receives: String { t("receives", "收取", "收取") }
  var revenueGrowthLabel: String { t("", "收入年增長率 ", "收入年增长率 ") }
  var revenueP50: String { t("Revenue p50", "收入 p50", "收入 p50") }
  var scheduleHeading: String {
    t(
      "SCHEDULE FROM THE LEDGER (full amounts before probabilities; † goes ahead with its package)",
      "帳本排程(全額,未乘機率;† 與同組交易一併成事)", "账本排程(全额,未乘概率;† 与同组交易一并成事)")
  }
  var scheduleHeadingMarkdown: String { t("Schedule from the ledger", "帳本排程", "账本排程") }
  var seedWord: String { t("seed", "種子", "种子") }
  var sensitivityHeading: String { t("SENSITIVITY (tornado)", "敏感度分析(龍捲風圖)", "敏感度分析(龙卷风图)") }
  var sensitivityHeadingMarkdown: String { t("Sensitivity (tornado)", "敏感度分析(龍捲風圖)", "敏感度分析(龙卷风图)") }
  var shortByThenProbability: String { t("P(short by then)", "累計短缺機率", "累计短缺概率") }
  var shortProbability: String { t("P(short)", "短缺機率", "短缺概率") }
  var shortfallByThenSuffix: String { t(": ", " 年曾出現資金短缺的機率:", " 年曾出现资金短缺的概率:") }
  var simulatedFrom: String { t("simulated from ", "自 ", "自 ") }
  var simulatedFromSuffix: String { t("", " 年起模擬", " 年起模拟") }
  var startHeader: String { t("Start", "起始", "起始") }
  var statusHeader: String { t("Status", "狀態", "状态") }
  var swing: String { t("Swing", "擺幅", "摆幅") }
  var termHeader: String { t("Term", "年期", "年期") }
  var hingesMostPrefix: String { t("The p50 gap hinges most on: ", "p50 缺口最敏感的假設:", "p50 缺口最敏感的假设:") }
  var totalPrefix: String { t("total ", "總額 ", "总额 ") }
  var totalsPerYear: String { t("Totals per year", "逐年合計", "逐年合计") }
  var uncertainOutTimesP: String { t("Uncertain out × P", "未定支出 × 機率", "未定支出 × 概率") }
  var yearHeader: String { t("Year", "年份", "年份") }
  var yearsFromInfix: String { t(" years from ", " 年,起自 ", " 年,起自 ") }
  var yearsSuffix: String { t(" y", " 年", " 年") }

  func sensitivityBase(_ base: String, paths: Int) -> String {
    t(
      "; base \(base) on \(paths) paths. ", " 年底仍需籌措資金的 p50 衡量;基準 \(base),\(paths) 條路徑。",
      " 年底仍需筹措资金的 p50 衡量;基准 \(base),\(paths) 条路径。")
  }

  /// How the tornado is computed; the English text is the projection's own.
  func sensitivityMethod(english: String) -> String {
    t(
      english,
      "每項假設分別固定於其第 10 及第 90 百分位(未定交易組:未成事/成事;區間金額:其下限與上限),其餘假設維持原分布,並使用相同路徑與隨機數(共同隨機數)。",
      "每项假设分别固定于其第 10 及第 90 百分位(未定交易组:未成事/成事;区间金额:其下限与上限),其余假设维持原分布,并使用相同路径与随机数(共同随机数)。")
  }

  /// A projection assumption's label in Chinese, by its key (English labels come with the
  /// projection); nil for English and for keys without an entry.
  func assumptionLabel(_ key: String) -> String? {
    guard language != .english else { return nil }
    let labels: [String: (String, String)] = [
      "openingCash": ("期初現金", "期初现金"),
      "openingCash.shareOfCapitalRaised": ("期初現金(佔已籌資金比例)", "期初现金(占已筹资金比例)"),
      "openingCash.amount": ("期初現金(美元)", "期初现金(美元)"),
      "capitalRaised": ("已籌資金", "已筹资金"),
      "revenue.base": ("基準年收入", "基准年收入"),
      "revenue.draw": ("收入增長抽樣方式", "收入增长抽样方式"),
      "operatingMargin": ("經營利潤率(未計承諾採購)", "经营利润率(未计承诺采购)"),
      "fundingRounds.probability": ("每年完成新一輪融資的機率", "每年完成新一轮融资的概率"),
      "fundingRounds.size": ("新一輪融資規模(美元)", "新一轮融资规模(美元)"),
      "dealProbability.talks": ("磋商中交易達成的機率", "磋商中交易达成的概率"),
      "dealProbability.planned": ("計劃中交易達成的機率", "计划中交易达成的概率"),
      "renegotiableShare": ("可重新談判的承諾比例", "可重新谈判的承诺比例"),
      "commitmentBlock.horizonYears": ("總承諾的支付年期", "总承诺的支付年期"),
      "commitmentBlock": ("總承諾按整體排程", "总承诺按整体排程"),
      "schedule": ("合約付款分布", "合约付款分布"),
      "defaultTermYears": ("無年期採購合約的預設年期", "无年期采购合约的默认年期"),
      "defaultInflowTermYears": ("無年期流入款項的預設年期", "无年期流入款项的默认年期"),
      "amounts": ("區間金額取值", "区间金额取值"),
      "statusRule": ("哪些交易算作承諾", "哪些交易算作承诺"),
      "unknownAmounts": ("未披露金額的交易", "未披露金额的交易"),
    ]
    guard let pair = labels[key] else { return nil }
    return language == .traditionalChinese ? pair.0 : pair.1
  }
}
