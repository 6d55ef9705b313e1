import LoopLedger

/// The words of the stress test report and the sweep (`loopledger stress`).
extension Words {
  func stressHeading(_ scenario: String, ledger: String) -> String {
    t("Stress test — \(scenario) [\(ledger)]", "壓力測試 — \(scenario) [\(ledger)]", "压力测试 — \(scenario) [\(ledger)]")
  }
  var shocksHeading: String { t("SHOCKS", "衝擊", "冲击") }
  var systemHeading: String {
    t(
      "SYSTEM (annual flows; estimate run [low run – high run])", "系統(年度資金流;估計值 [低值 – 高值])",
      "系统(年度资金流;估计值 [低值 – 高值])")
  }
  var baselineFlows: String { t("baseline flows", "基準資金流", "基准资金流") }
  var obligationsUnfunded: String { t("obligations unfunded", "無資金支付的債務", "无资金支付的债务") }
  var revenueLostByVendors: String { t("revenue lost by vendors", "供應商損失的收入", "供应商损失的收入") }
  var pendingInvestmentsCut: String { t("pending investments cut", "削減的待付投資", "削减的待付投资") }
  func defaults(estimate: Int, low: Int, high: Int, rounds: Int, converged: Bool) -> String {
    t(
      "companies in default: \(estimate) (low run \(low), high run \(high)); rounds \(rounds)\(converged ? "" : " — did not converge")",
      "違約公司:\(estimate)(低值 \(low),高值 \(high));輪數 \(rounds)\(converged ? "" : " — 未收斂")",
      "违约公司:\(estimate)(低值 \(low),高值 \(high));轮数 \(rounds)\(converged ? "" : " — 未收敛")")
  }
  func debtRankLine(_ estimate: String, low: String, high: String, linear: String) -> String {
    t(
      "DebtRank (second measure) \(estimate) [\(low)–\(high)], linear DebtRank \(linear)",
      "DebtRank(第二指標)\(estimate) [\(low)–\(high)],線性 DebtRank \(linear)",
      "DebtRank(第二指标)\(estimate) [\(low)–\(high)],线性 DebtRank \(linear)")
  }
  func onlyLimitedDistressed(_ count: Int) -> String {
    t(
      " — only companies with limited resources can be distressed; \(count) here", " — 只有資源受限的公司會陷入困境;此處有 \(count) 家",
      " — 只有资源受限的公司会陷入困境;此处有 \(count) 家")
  }
  var companiesEstimateHeading: String { t("COMPANIES (estimate run)", "公司(估計值)", "公司(估计值)") }
  var stressCompanyHeaders: [String] {
    [
      t("Company", "公司", "公司"), t("Owes / year", "每年應付", "每年应付"), t("Unfunded", "無資金支付", "无资金支付"),
      t("Revenue lost", "損失收入", "损失收入"), t("Investment lost", "損失投資", "损失投资"),
      t("Investment not made", "未作出的投資", "未作出的投资"), t("Valuation change", "估值變化", "估值变化"),
      t("Default (round)", "違約(輪次)", "违约(轮次)"), t("DebtRank h", "DebtRank h", "DebtRank h"),
    ]
  }
  func defaulted(round: String) -> String { t("yes (\(round))", "是(\(round))", "是(\(round))") }
  var notDefaulted: String { t("no", "否", "否") }
  var brokenLoopsHeading: String {
    t("LOOPS THAT BROKE (share of the weakest step still paid)", "斷裂的循環(最弱一步仍獲支付的比例)", "断裂的循环(最弱一步仍获支付的比例)")
  }
  var none: String { t("none", "無", "无") }
  func moreLoops(_ count: Int) -> String {
    t("… \(count) more (see --format json)", "… 另有 \(count) 個(見 --format json)", "… 另有 \(count) 个(见 --format json)")
  }
  var roundsHeading: String { t("ROUNDS", "輪次", "轮次") }
  func roundLine(_ round: Int, unfunded: String, revenueLost: String, investmentCut: String, newDefaults: String?)
    -> String
  {
    let defaults = newDefaults.map { t("; new defaults: \($0)", ";新違約:\($0)", ";新违约:\($0)") } ?? ""
    return t(
      "round \(round): unfunded \(unfunded), revenue lost \(revenueLost), investments cut \(investmentCut)\(defaults)",
      "第 \(round) 輪:無資金支付 \(unfunded),損失收入 \(revenueLost),削減投資 \(investmentCut)\(defaults)",
      "第 \(round) 轮:无资金支付 \(unfunded),损失收入 \(revenueLost),削减投资 \(investmentCut)\(defaults)")
  }
  var stressLeftOutHeading: String {
    t("LEFT OUT: amounts not stated (never counted as zero)", "未計入:未披露金額(不計為零)", "未计入:未披露金额(不计为零)")
  }

  // Sweep.
  func sweepHeading(onTopOf shocks: String?) -> String {
    let onTop = shocks.map { t(" on top of: \($0)", ",疊加於:\($0)", ",叠加于:\($0)") } ?? ""
    return t(
      "Sweep: each link broken in turn\(onTop) (estimate run, annual flows)", "逐一切斷每條連結\(onTop)(估計值,年度資金流)",
      "逐一切断每条连结\(onTop)(估计值,年度资金流)")
  }
  var sweepHeaders: [String] {
    [
      "#", t("Link broken", "切斷的連結", "切断的连结"), t("Damage / year", "每年損害", "每年损害"),
      t("Unfunded", "無資金支付", "无资金支付"), t("Revenue lost", "損失收入", "损失收入"),
      t("Investment cut", "削減投資", "削减投资"), t("Defaults", "違約數", "违约数"),
    ]
  }
  var assumptionsLabel: String { t("Assumptions: ", "假設:", "假设:") }

  /// An entry whose English the analysis itself gives (see ``say(_:)``).
  func chinese(_ traditional: String, _ simplified: String) -> String {
    language == .simplifiedChinese ? simplified : traditional
  }

  /// A stress shock in words.
  func shock(_ shock: StressShock) -> String {
    switch language {
    case .english: return shock.description
    case .traditionalChinese, .simplifiedChinese:
      func share(_ fraction: Double) -> String {
        fraction >= 1 ? "(全部)" : " \(MoneyText.compact(fraction * 100))%"
      }
      let money = MoneyFormat(language)
      switch shock {
      case .stopDeal(let id, let fraction):
        return chinese("交易 \(id) 停止支付\(share(fraction))", "交易 \(id) 停止支付\(share(fraction))")
      case .stopLink(let payer, let payee, let fraction):
        return chinese(
          "\(payer) → \(payee) 的所有資金流停止\(share(fraction))", "\(payer) → \(payee) 的所有资金流停止\(share(fraction))")
      case .defaultCompany(let id): return chinese("\(id) 違約(不支付任何款項)", "\(id) 违约(不支付任何款项)")
      case .limitResources(let id, let amount):
        return t(
          "", "\(id) 每年只能以 \(money.usd(amount)) 的外部資源加上所收款項支付",
          "\(id) 每年只能以 \(money.usd(amount)) 的外部资源加上所收款项支付")
      case .changeResources(let id, let fraction):
        return chinese(
          "\(id) 的外部資源變化 \(MoneyText.compact(fraction * 100))%", "\(id) 的外部资源变化 \(MoneyText.compact(fraction * 100))%")
      case .demandReturns(let rate):
        return t(
          "", "投資者要求其已投入股本每年 \(MoneyText.compact(rate * 100))% 的回報",
          "投资者要求其已投入股本每年 \(MoneyText.compact(rate * 100))% 的回报")
      }
    }
  }
}
