import LoopLedger

/// The words of the pictures and of the HTML report.
extension Words {
  /// `lang` attribute value.
  var htmlLang: String { language.rawValue }

  // Loop map.
  var loopMapTitle: String { t("Loop map: who pays whom", "資金循環圖:誰付錢給誰", "资金循环图:谁付钱给谁") }
  func loopMapSubtitle(companies: Int, deals: Int, loops: Int) -> String {
    t(
      "\(companies) companies · \(deals) deals · \(loops) loops · arrows point from payer to payee",
      "\(companies) 家公司 · \(deals) 筆交易 · \(loops) 個循環 · 箭頭由付款方指向收款方",
      "\(companies) 家公司 · \(deals) 笔交易 · \(loops) 个循环 · 箭头由付款方指向收款方")
  }
  func highlighted(_ number: Int, path: String) -> String {
    t("Loop \(number) highlighted: \(path)", "突出顯示循環 \(number):\(path)", "突出显示循环 \(number):\(path)")
  }
  var legendInvestment: String { t("Investment (equity, loan, warrant)", "投資(股權、貸款、認股權證)", "投资(股权、贷款、认股权证)") }
  var legendPurchase: String { t("Purchase (chips, cloud, compute, software)", "採購(芯片、雲服務、算力、軟件)", "采购(芯片、云服务、算力、软件)") }
  var legendOther: String { t("Other flow", "其他資金流", "其他资金流") }
  var legendSolid: String { t("Solid: announced or closed", "實線:已宣布或已完成", "实线:已宣布或已完成") }
  var legendDashed: String { t("Dashed: in talks or planned", "虛線:磋商中或計劃中", "虚线:磋商中或计划中") }
  var legendDotted: String { t("Dotted: implied, not stated", "點線:隱含,未明言", "点线:隐含,未明言") }
  var legendFaded: String { t("Faded: cancelled or superseded", "淡色:已取消或已被取代", "淡色:已取消或已被取代") }
  var legendWidth: String { t("Width ∝ √amount:", "線寬 ∝ √金額:", "线宽 ∝ √金额:") }
  var legendBand: String {
    t("Hatched band: a range (core = low end, band = high end)", "斜線帶:金額為區間(實線為下限,外帶為上限)", "斜线带:金额为区间(实线为下限,外带为上限)")
  }
  var legendOpenBand: String { t("Narrow hatched band: “at least”, no upper bound", "窄斜線帶:「至少」,無上限", "窄斜线带:「至少」,无上限") }
  var legendUnknown: String { t("?: amount not stated (never counted as zero)", "?:金額未披露(不計為零)", "?:金额未披露(不计为零)") }
  var legendNode: String {
    t("Company; the number is how many loops pass through it", "公司;數字為經過它的循環數", "公司;数字为经过它的循环数")
  }
  var noFlows: String { t("No flows between companies in this ledger.", "此賬本中公司之間沒有資金流。", "此账本中公司之间没有资金流。") }
  var loopWord: String { t("Loop", "循環", "循环") }
  var onLoops: String { t("on loops", "所在循環", "所在循环") }
  var payer: String { t("payer", "付款方", "付款方") }
  var payee: String { t("payee", "收款方", "收款方") }
  var asWritten: String { t("as written", "原文", "原文") }
  var inUSD: String { t("in USD", "折合美元", "折合美元") }
  var statusWord: String { t("status", "狀態", "状态") }

  func kind(_ kind: DealKind) -> String {
    switch kind {
    case .equityInvestment: t("equity investment", "股權投資", "股权投资")
    case .computePurchase: t("compute purchase", "算力採購", "算力采购")
    case .chipPurchase: t("chip purchase", "芯片採購", "芯片采购")
    case .cloudContract: t("cloud contract", "雲服務合約", "云服务合约")
    case .softwareSale: t("software sale", "軟件銷售", "软件销售")
    case .loan: t("loan", "貸款", "贷款")
    case .warrant: t("warrant", "認股權證", "认股权证")
    case .other: t("other", "其他", "其他")
    }
  }

  func flowClass(_ flowClass: FlowClass) -> String {
    switch flowClass {
    case .investment: investment
    case .purchase: purchase
    case .other: other
    }
  }

  var loopMapShort: String { t("Loop map", "循環圖", "循环图") }
  var moneyFlowShort: String { t("Money flow", "資金流向", "资金流向") }

  // Sankey.
  var sankeyTitle: String {
    t("Money flow: investors → labs → vendors", "資金流向:投資方 → AI 公司 → 供應商", "资金流向:投资方 → AI 公司 → 供应商")
  }
  var sankeySubtitle: String {
    t(
      "Investment into the companies that receive it, and their purchases back from vendors. Width: estimate, else the lower bound.",
      "投資流入獲得投資的公司,以及這些公司向供應商的採購。寬度:估計值,否則為下限。",
      "投资流入获得投资的公司,以及这些公司向供应商的采购。宽度:估计值,否则为下限。")
  }
  var investorsColumn: String { t("Investors", "投資方", "投资方") }
  var labsColumn: String { t("Receive investment", "獲得投資", "获得投资") }
  var vendorsColumn: String { t("Sell to them", "向其銷售", "向其销售") }
  var sankeyUnknown: String { t("Thin hatched ribbon: amount not stated", "細斜線帶:金額未披露", "细斜线带:金额未披露") }
  var notDrawn: String {
    t(
      "Not in this picture (they do not run investor → recipient → vendor):", "未繪入此圖(不屬於 投資方 → 獲投資方 → 供應商 的流向):",
      "未绘入此图(不属于 投资方 → 获投资方 → 供应商 的流向):")
  }
  var noSankey: String { t("No investment flows into companies that buy from others.", "沒有流入採購方的投資。", "没有流入采购方的投资。") }

  // Shares.
  var sharesTitle: String { t("Self-funded share of each company’s inflows", "各公司流入資金中的自我資助比例", "各公司流入资金中的自我资助比例") }
  var sharesSubtitle: String {
    t(
      "Share of inflows that began as the company’s own outflows (proportional flow tracing); whisker: low–high over three scenarios, ◆ estimate.",
      "流入資金中源自公司自身流出資金的比例(按比例資金追蹤);須線:三種情景的低至高範圍,◆ 估計值。",
      "流入资金中源自公司自身流出资金的比例(按比例资金追踪);须线:三种情景的低至高范围,◆ 估计值。")
  }
  var legendRange: String { t("range (low–high)", "範圍(低至高)", "范围(低至高)") }
  var legendEstimate: String { t("estimate", "估計值", "估计值") }
  var unknownShare: String { t("unknown: its inflows have no figures", "未知:流入資金均無金額", "未知:流入资金均无金额") }
  var noInflow: String { t("No inflow (no share):", "沒有流入資金(無比例):", "没有流入资金(无比例):") }

  // Fan chart.
  var band90: String { t("5th–95th percentile", "第5至95百分位", "第5至95百分位") }
  var band50: String { t("25th–75th percentile", "第25至75百分位", "第25至75百分位") }
  var median: String { t("median (50th)", "中位數(第50百分位)", "中位数(第50百分位)") }
  func shortfall(_ year: Int) -> String { t("shortfall: \(year)", "資金缺口:\(year)年", "资金缺口:\(year)年") }
  var year: String { t("year", "年份", "年份") }

  // Cascade chart.
  var round: String { t("Round", "輪次", "轮次") }
  var lossesByRound: String {
    t("Losses by round; ✕ marks a company that fails in that round", "每輪損失;✕ 表示公司在該輪倒下", "每轮损失;✕ 表示公司在该轮倒下")
  }
  var total: String { t("total", "合計", "合计") }
  var cumulative: String { t("cumulative", "累計", "累计") }
  var failed: String { t("fails", "倒下", "倒下") }

  // HTML report.
  var contents: String { t("Contents", "目錄", "目录") }
  var dealsHeading: String { t("Deals and their sources", "交易及其來源", "交易及其来源") }
  var documentsHeading: String { t("Documents", "文件", "文件") }
  var notation: String { t("Notation", "符號說明", "符号说明") }
  var highlightHint: String {
    t(
      "Point at a loop’s row, or click its number, to highlight it on the loop map. Hover over an arrow for its deal, amount and source.",
      "將指標移到循環一行或點擊其編號,即可在循環圖中突出顯示;將指標移到箭頭上可看到交易、金額及來源。",
      "将指针移到循环一行或点击其编号,即可在循环图中突出显示;将指针移到箭头上可看到交易、金额及来源。")
  }
  var loopDetails: String { t("Loop steps", "循環步驟", "循环步骤") }
  var amount: String { t("Amount", "金額", "金额") }
  var quotes: String { t("Sources", "來源", "来源") }
  var generatedBy: String { t("Generated by LoopLedger from the ledger", "由 LoopLedger 根據賬本生成", "由 LoopLedger 根据账本生成") }
  var furtherPictures: String { t("Projections and stress tests", "預測與壓力測試", "预测与压力测试") }
  func notComputed(_ figure: String, reason: String) -> String {
    let what =
      figure == "stress"
      ? t("The stress test", "壓力測試", "压力测试") : t("The funding projection", "資金預測", "资金预测")
    return t("\(what) was not computed: \(reason)", "\(what)未能計算:\(reason)", "\(what)未能计算:\(reason)")
  }

  // Charts made from analyses.
  var outsideVendors: String { t("Vendors outside the ledger", "帳外供應商", "帐外供应商") }
  func roundLabel(_ round: Int) -> String { t("Round \(round)", "第\(round)輪", "第\(round)轮") }
  func stressTitle(_ scenario: String) -> String {
    t("Stress test: \(scenario)", "壓力測試:\(scenario)", "压力测试:\(scenario)")
  }
  func cascadeNote(omitted: Int) -> String {
    t("Annual revenue lost per round (estimate run).", "每輪損失的年度收入(估計值)。", "每轮损失的年度收入(估计值)。")
      + (omitted > 0
        ? t(
          " \(omitted) later rounds, each under 0.5% of the total, not shown.", "其後 \(omitted) 輪各不足總額 0.5%,未列出。",
          "其后 \(omitted) 轮各不足总额 0.5%,未列出。") : "")
  }
  func fanTitle(_ company: String) -> String {
    t(
      "\(company): cash at year end (negative: money still to be found)", "\(company):年末現金(負值為尚待籌措的資金)",
      "\(company):年末现金(负值为尚待筹措的资金)")
  }
  func fanSubtitle(paths: Int, seed: UInt64, ledger: String) -> String {
    t(
      "\(paths) simulated paths, seed \(seed), ledger \(ledger); assumptions in the projection output",
      "\(paths) 條模擬路徑,種子 \(seed),帳本 \(ledger);假設見預測輸出", "\(paths) 条模拟路径,种子 \(seed),账本 \(ledger);假设见预测输出")
  }
  var fanNote: String {
    t(
      "Band p5–p95, inner band p25–p75, line p50. The marked year is the first in which a shortfall is more likely than not.",
      "外帶 p5–p95,內帶 p25–p75,線為 p50。標記年份為首個資金缺口機率過半的年份。",
      "外带 p5–p95,内带 p25–p75,线为 p50。标记年份为首个资金缺口概率过半的年份。")
  }
  var whatIfCascadeTitle: String { t("If NVIDIA's investment does not arrive", "若英偉達的投資沒有到位", "若英伟达的投资没有到位") }
  func whatIfCascadeCaption(_ scenario: String) -> String {
    t(
      "loopledger stress --scenario \(scenario): revenue lost round by round; every assumption in its output.",
      "loopledger stress --scenario \(scenario):逐輪損失的收入;所有假設見其輸出。",
      "loopledger stress --scenario \(scenario):逐轮损失的收入;所有假设见其输出。")
  }
  var whatIfFanTitle: String {
    t("Can OpenAI pay for what it committed to buy?", "OpenAI 能否支付其承諾的採購?", "OpenAI 能否支付其承诺的采购?")
  }
  var whatIfFanCaption: String {
    t(
      "loopledger project openai (20,000 paths, seed 1, default assumptions, printed by that command).",
      "loopledger project openai(20,000 條路徑,種子 1,預設假設見該命令輸出)。", "loopledger project openai(20,000 条路径,种子 1,默认假设见该命令输出)。"
    )
  }
  var shortfallYear: String { t("shortfall year", "資金缺口年份", "资金缺口年份") }
  var amountsNotStated: String { t("Amounts not stated", "未披露金額", "未披露金额") }
  var years: String { t("years", "年", "年") }
  var leftOut: String { t("left out", "未納入", "未纳入") }
}
