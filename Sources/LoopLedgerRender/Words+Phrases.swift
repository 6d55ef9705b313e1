import LoopLedger

/// The sentences analyses say (``Phrase``), translated: each English template with its
/// 繁體中文 and 简体中文 forms, the same `{name}` placeholders in each.
extension Words {
  /// A phrase in this language; English is the analysis's own sentence.
  ///
  /// A template without an entry here is shown in English (the tests check that every template the
  /// analyses use has one).
  public func say(_ phrase: Phrase) -> String {
    guard language != .english, let entry = Words.phrases[phrase.template] else { return phrase.description }
    let money = MoneyFormat(language)
    return phrase.fill(with: language == .traditionalChinese ? entry.0 : entry.1) { value in
      switch value {
      case .text(let text): text
      case .number(let x): MoneyText.compact(x)
      case .money(let x): money.usd(x)
      case .percent(let x): money.percent(x)
      }
    }
  }

  /// Whether a phrase template has a translation.
  public static func hasTranslation(_ template: String) -> Bool { phrases[template] != nil }

  static let phrases: [String: (String, String)] = [
    // LoopReport
    "Deal {deal} is ASSUMED ({amounts}): {reason}": (
      "交易 {deal} 為假設值({amounts}):{reason}", "交易 {deal} 为假设值({amounts}):{reason}"
    ),
    "Self-funded share: proportional flow tracing; a company's external money is taken as max(0, outflows − inflows) unless given; the range spans three scenarios (every amount at its low end, its estimate, its high end) and is not a guaranteed bound.":
      (
        "自我資助比例:按比例資金追蹤;除非另行給定,公司的外部資金取 max(0, 流出 − 流入);範圍涵蓋三種情景(所有金額取下限、估計值、上限),並非保證的界限。",
        "自我资助比例:按比例资金追踪;除非另行给定,公司的外部资金取 max(0, 流出 − 流入);范围涵盖三种情景(所有金额取下限、估计值、上限),并非保证的界限。"
      ),
    "Per-year view: contracts are spread over their terms ({count} without a stated term over {years} years, ASSUMED); investments count in full, in the year they are paid.":
      (
        "每年視角:合約按其期限攤分(其中 {count} 項未載期限,假設為 {years} 年);投資按全額計入支付當年。",
        "每年视角:合约按其期限摊分(其中 {count} 项未载期限,假设为 {years} 年);投资按全额计入支付当年。"
      ),
    "External money of {company} ASSUMED to be {amount} for flow tracing.": (
      "資金追蹤中假設 {company} 的外部資金為 {amount}。", "资金追踪中假设 {company} 的外部资金为 {amount}。"
    ),
    "Amounts in other currencies are converted with the ledger's own rates: none stored.": (
      "其他貨幣的金額按帳本所載匯率換算:帳本未存匯率。", "其他货币的金额按账本所载汇率换算:账本未存汇率。"
    ),
    "Amounts in other currencies are converted with the ledger's own rates: {rates}.": (
      "其他貨幣的金額按帳本所載匯率換算:{rates}。", "其他货币的金额按账本所载汇率换算:{rates}。"
    ),
    "Maximum circulation: the largest balanced part of the known flows (amounts not stated left out); its split into loops is one decomposition among several.":
      (
        "最大循環:已知資金流中最大的平衡部分(未披露金額不計入);其循環分解只是多種分解之一。",
        "最大循环:已知资金流中最大的平衡部分(未披露金额不计入);其循环分解只是多种分解之一。"
      ),
    // Stress parameters and runs
    "Contracts without a stated term are spread over {years} years (defaultTermYears).": (
      "未註明年期的合約分攤於 {years} 年(defaultTermYears)。", "未注明年期的合约分摊于 {years} 年(defaultTermYears)。"
    ),
    "Investments not yet closed are paid over {years} years (investmentYears); closed investments carry no annual flow.":
      (
        "尚未完成的投資分 {years} 年支付(investmentYears);已完成的投資不產生年度資金流。",
        "尚未完成的投资分 {years} 年支付(investmentYears);已完成的投资不产生年度资金流。"
      ),
    "A company's valuation changes by {multiple}× the annual revenue it loses (revenueMultiple).": (
      "公司估值的變化為其損失年收入的 {multiple} 倍(revenueMultiple)。", "公司估值的变化为其损失年收入的 {multiple} 倍(revenueMultiple)。"
    ),
    "A company cuts its pending investments by {elasticity}× the share of its loop revenue it lost (investmentElasticity).":
      (
        "公司按其損失的循環收入比例的 {elasticity} 倍削減待付投資(investmentElasticity)。",
        "公司按其损失的循环收入比例的 {elasticity} 倍削减待付投资(investmentElasticity)。"
      ),
    "A company's stated total commitments beyond its listed deals are owed to vendors outside the ledger over {years} years (commitmentFacts, commitmentYears).":
      (
        "公司所述總承諾中超出已列交易的部分,於 {years} 年內付予帳外供應商(commitmentFacts、commitmentYears)。",
        "公司所述总承诺中超出已列交易的部分,于 {years} 年内付予帐外供应商(commitmentFacts、commitmentYears)。"
      ),
    "Rogers–Veraart default costs: α = {alpha}, β = {beta}.": (
      "Rogers–Veraart 違約成本:α = {alpha},β = {beta}。", "Rogers–Veraart 违约成本:α = {alpha},β = {beta}。"
    ),
    "No default costs (pure Eisenberg–Noe clearing).": (
      "無違約成本(純 Eisenberg–Noe 清算)。", "无违约成本(纯 Eisenberg–Noe 清算)。"
    ),
    "Baseline: the loop as announced — every included deal pays its annual share; companies without limited resources can always pay (assumed).":
      (
        "基準:循環按已宣布的情況運作 — 每筆納入的交易支付其年度份額;資源不受限的公司總能支付(假設)。",
        "基准:循环按已宣布的情况运作 — 每笔纳入的交易支付其年度份额;资源不受限的公司总能支付(假设)。"
      ),
    "Low run: every amount at its lower bound (\"up to\" amounts at 0). High run: upper bounds, and estimates where there is none (\"at least\"). Estimate run: estimates, and the low end of ranges without one.":
      (
        "低值:所有金額取下限(「高達」的金額取 0)。高值:取上限,無上限者取估計值(「至少」)。估計值:取估計值,無估計值的區間取下限。",
        "低值:所有金额取下限(「高达」的金额取 0)。高值:取上限,无上限者取估计值(「至少」)。估计值:取估计值,无估计值的区间取下限。"
      ),
    "{company}: outside resources limited to {amount} a year (scenario).": (
      "{company}:外部資源每年限於 {amount}(情境)。", "{company}:外部资源每年限于 {amount}(情境)。"
    ),
    "Companies not listed above are assumed able to pay all their obligations (their outside revenue is not in the ledger).":
      (
        "未列於上方的公司假設能支付其全部債務(其外部收入不在帳本中)。", "未列于上方的公司假设能支付其全部债务(其外部收入不在账本中)。"
      ),
    "{company}: commitments beyond its listed deals (fact {fact}) owed to vendors outside the ledger: {amount} a year at the estimate.":
      (
        "{company}:超出已列交易的承諾(數據 {fact})付予帳外供應商:估計每年 {amount}。",
        "{company}:超出已列交易的承诺(数据 {fact})付予帐外供应商:估计每年 {amount}。"
      ),
    // Funding projection
    "{company} has no capital-raised fact in the ledger: opening cash is 0. Give openingCash.amount in a scenario.": (
      "帳本中沒有 {company} 的已籌資金數據:期初現金為 0。請在情境檔中給出 openingCash.amount。",
      "账本中没有 {company} 的已筹资金数据:期初现金为 0。请在情境文件中给出 openingCash.amount。"
    ),
    "{company} has no revenue fact in the ledger: revenue starts at 0. Give revenue.base in a scenario.": (
      "帳本中沒有 {company} 的收入數據:收入從 0 開始。請在情境檔中給出 revenue.base。",
      "账本中没有 {company} 的收入数据:收入从 0 开始。请在情境文件中给出 revenue.base。"
    ),
    "{count} deal(s) of {company} have no stated amount and are left out (not counted as zero): {deals}.": (
      "{company} 有 {count} 筆交易未披露金額,未納入(不計為零):{deals}。", "{company} 有 {count} 笔交易未披露金额,未纳入(不计为零):{deals}。"
    ),
    "{count} deal(s) of {company} have no stated amount and are left out (not counted as zero): {deals}; those dated on or before the aggregate commitments fact are inside its block.":
      (
        "{company} 有 {count} 筆交易未披露金額,未納入(不計為零):{deals};其中日期在總承諾數據當日或之前者已含於總承諾。",
        "{company} 有 {count} 笔交易未披露金额,未纳入(不计为零):{deals};其中日期在总承诺数据当日或之前者已含于总承诺。"
      ),
    "No term in the ledger, default term used: {deals}.": (
      "帳本未載年期,採用預設年期:{deals}。", "账本未载年期,采用默认年期:{deals}。"
    ),
    "Assumed amounts (not from the sources): {deals}.": (
      "假設金額(非來自資料來源):{deals}。", "假设金额(非来自资料来源):{deals}。"
    ),
    "Aggregate commitments {fact} ({written}) scheduled as a block of {amount} = {total} minus the deals it already contains{contained}, over a drawn horizon of {horizon} years from {start}.":
      (
        "總承諾 {fact}({written})按整體排程:{amount} = {total} 減去已含交易{contained},支付年期按抽樣 {horizon} 年,起自 {start}。",
        "总承诺 {fact}({written})按整体排程:{amount} = {total} 减去已含交易{contained},支付年期按抽样 {horizon} 年,起自 {start}。"
      ),
    "Aggregate commitments {fact} ({written}) scheduled as a block of {amount} = {total} minus the deals it already contains{contained}, floored at 0, over a drawn horizon of {horizon} years from {start}.":
      (
        "總承諾 {fact}({written})按整體排程:{amount} = {total} 減去已含交易{contained},下限為 0,支付年期按抽樣 {horizon} 年,起自 {start}。",
        "总承诺 {fact}({written})按整体排程:{amount} = {total} 减去已含交易{contained},下限为 0,支付年期按抽样 {horizon} 年,起自 {start}。"
      ),
    "Other aggregate commitment facts not used, so the same contracts are not counted twice: {facts}.": (
      "其他總承諾數據未採用,以免同一合約重複計算:{facts}。", "其他总承诺数据未采用,以免同一合约重复计算:{facts}。"
    ),
    "Years {first}–{last} are simulated (cash carries over) but not reported.": (
      "{first}–{last} 年已模擬(現金結轉)但不列出。", "{first}–{last} 年已模拟(现金结转)但不列出。"
    ),
    "Nominal US dollars; no interest, taxes or debt service. Inflows agreed in the ledger (investments, revenue deals) come on top of the revenue projection.":
      (
        "名義美元;不計利息、稅項或償債。帳本中已約定的流入(投資、收入交易)另加於收入預測之上。",
        "名义美元;不计利息、税项或偿债。账本中已约定的流入(投资、收入交易)另加于收入预测之上。"
      ),
  ]
}
