import Foundation
import LoopLedger

/// Renders a ``FundingProjection`` as a terminal report, Markdown, or JSON.
///
/// The renderer computes nothing: every figure comes from the projection; the ledger supplies
/// only names. JSON is the projection itself (documented in `docs/projection.md`).
public struct ProjectionRenderer {
  public let projection: FundingProjection
  public let ledger: Ledger
  public let language: Language
  private let money: MoneyFormat

  public init(projection: FundingProjection, ledger: Ledger, language: Language = .english) {
    self.projection = projection
    self.ledger = ledger
    self.language = language
    money = MoneyFormat(language)
  }

  public func render(_ format: OutputFormat) throws -> String {
    switch format {
    case .text: text()
    case .markdown: markdown()
    case .json: try JSONOutput.string(projection)
    }
  }

  // MARK: - Words

  private func pick(_ english: String, _ traditional: String, _ simplified: String? = nil) -> String {
    switch language {
    case .english: english
    case .traditionalChinese: traditional
    case .simplifiedChinese: simplified ?? traditional
    }
  }

  private var words: Words { money.words }

  private func name(_ id: CompanyID) -> String { ledger.name(of: id, in: language) }

  /// Signed money: `−$120B`, `$0`.
  private func usd(_ value: Double) -> String {
    if value < 0 { return "−" + usd(-value) }
    if value < 0.5 { return language == .english ? "$0" : "0" }
    return money.usd(NumberText.significant(value))
  }

  /// A fractional year as the month it falls in: 2025.875 → 2025-11.
  private func month(_ value: Double) -> String {
    let year = Int(value.rounded(.down))
    let month = min(12, Int(((value - Double(year)) * 12).rounded(.down)) + 1)
    return "\(year)-" + (month < 10 ? "0\(month)" : "\(month)")
  }

  private func percent(_ value: Double) -> String {
    if value >= 0.995 && value < 1 { return ">99%" }
    return money.percent(value)
  }

  private func years(_ value: Double) -> String { MoneyText.compact((value * 100).rounded() / 100) }

  private var title: String {
    let p = projection
    var line = pick("LoopLedger projection", "LoopLedger 資金缺口推演", "LoopLedger 资金缺口推演")
    line += " — \(name(p.company)), \(p.from)–\(p.to) ["
    line += pick("ledger ", "帳本 ", "账本 ") + p.ledger.id
    if let asOf = p.ledger.asOf { line += ", \(words.asOf) \(asOf)" }
    return line + "]"
  }

  private var subtitle: String {
    let p = projection
    var parts = [
      "\(p.paths) " + pick("paths", "條路徑", "条路径"), pick("seed", "種子", "种子") + " \(p.seed)",
      p.quantiles.method == "exact"
        ? pick("exact quantiles", "精確分位數", "精确分位数")
        : pick("histogram quantiles (±", "直方圖分位數(±", "直方图分位数(±")
          + money.percent(p.quantiles.relativeError) + pick(")", ")", ")"),
    ]
    if p.simulationStart < p.from {
      parts.append(pick("simulated from ", "自 ", "自 ") + "\(p.simulationStart)" + pick("", " 年起模擬", " 年起模拟"))
    }
    return parts.joined(separator: " · ")
  }

  private var headline: [String] {
    let p = projection
    var lines: [String] = []
    if let year = p.firstShortfallYear, let row = p.years.first(where: { $0.year == year }) {
      lines.append(
        pick("First year a shortfall is more likely than not: ", "首個「資金短缺機率過半」的年份:", "首个「资金短缺概率过半」的年份:")
          + "\(year) (P = \(percent(row.shortfallProbability)))")
    } else {
      lines.append(
        pick("No year has a shortfall probability above 50 % through ", "直至 ", "直至 ") + "\(p.to)"
          + pick(".", " 年,沒有任何一年資金短缺機率超過 50%。", " 年,没有任何一年资金短缺概率超过 50%。"))
    }
    if let last = p.years.last {
      lines.append(
        pick("Funding still needed by the end of ", "至 ", "至 ") + "\(last.year)"
          + pick(": p50 ", " 年底仍需籌措的資金:p50 ", " 年底仍需筹措的资金:p50 ") + usd(last.fundingNeeded.p50)
          + " (p5 \(usd(last.fundingNeeded.p5)), p95 \(usd(last.fundingNeeded.p95)))")
      lines.append(
        pick("Probability of a shortfall at some point by ", "至 ", "至 ") + "\(last.year)"
          + pick(": ", " 年曾出現資金短缺的機率:", " 年曾出现资金短缺的概率:") + percent(last.cumulativeShortfallProbability))
    }
    if let top = p.sensitivity?.rows.first {
      lines.append(
        pick("The p50 gap hinges most on: ", "p50 缺口最敏感的假設:", "p50 缺口最敏感的假设:") + label(top.key, top.label)
          + " (\(usd(top.gapAtLow)) ↔ \(usd(top.gapAtHigh)))")
    }
    return lines
  }

  /// A label for an assumption or tornado row, translated for the keys the renderer knows.
  private func label(_ key: String, _ english: String) -> String {
    guard language != .english else { return english }
    if key.hasPrefix("package:") {
      return english.replacingOccurrences(of: "Goes ahead", with: pick("", "成事", "成事"))
    }
    if key.hasPrefix("amount:") {
      return english.replacingOccurrences(of: "Amount of ", with: pick("", "金額:", "金额:"))
    }
    let known: [String: (String, String)] = [
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
    if let pair = known[key] { return language == .traditionalChinese ? pair.0 : pair.1 }
    if key.hasPrefix("revenue.growth[") {
      let span = english.replacingOccurrences(of: "Revenue growth per year, ", with: "")
        .replacingOccurrences(of: "Revenue growth ", with: "")
        .replacingOccurrences(of: " onwards", with: "")
      return pick("", "收入年增長率 ", "收入年增长率 ") + span
    }
    return english
  }

  private func origin(_ value: String) -> String {
    switch value {
    case "default": pick("default", "預設", "默认")
    case "scenario": pick("scenario", "情境檔", "情境文件")
    case "ledger": pick("ledger", "帳本", "账本")
    default: pick("rule", "規則", "规则")
    }
  }

  private func quote(_ source: Source) -> String {
    let english = (source.language ?? ledger.document(source.document)?.language) == .english
    return (english ? "“\(source.quote)”" : "「\(source.quote)」") + " — \(source.document)"
  }

  // MARK: - Tables

  private var yearHeaders: [String] {
    [
      pick("Year", "年份", "年份"), pick("Revenue p50", "收入 p50", "收入 p50"), pick("Cash p5", "現金 p5", "现金 p5"),
      pick("Cash p50", "現金 p50", "现金 p50"), pick("Cash p95", "現金 p95", "现金 p95"),
      pick("Needed p5", "缺口 p5", "缺口 p5"), pick("Needed p50", "缺口 p50", "缺口 p50"), pick("Needed p95", "缺口 p95", "缺口 p95"),
      pick("P(short)", "短缺機率", "短缺概率"), pick("P(short by then)", "累計短缺機率", "累计短缺概率"),
    ]
  }

  private var yearRows: [[String]] {
    projection.years.map { y in
      [
        "\(y.year)", usd(y.revenue.p50), usd(y.cash.p5), usd(y.cash.p50), usd(y.cash.p95),
        usd(y.fundingNeeded.p5), usd(y.fundingNeeded.p50), usd(y.fundingNeeded.p95),
        percent(y.shortfallProbability), percent(y.cumulativeShortfallProbability),
      ]
    }
  }

  private var fanHeaders: [String] { [pick("Year", "年份", "年份"), "p5", "p25", "p50", "p75", "p95"] }

  private var fanRows: [[String]] {
    projection.fanChart.bands.map { b in
      ["\(b.year)", usd(b.p5), usd(b.p25), usd(b.p50), usd(b.p75), usd(b.p95)]
    }
  }

  private var flowHeaders: [String] {
    [
      pick("Deal", "交易", "交易"), pick("Counterparty", "交易對手", "交易对手"), pick("Status", "狀態", "状态"),
      "P", pick("Amount", "金額", "金额"), pick("Basis", "取值", "取值"), pick("Term", "年期", "年期"),
      pick("Start", "起始", "起始"),
    ]
  }

  private func flowRows(_ flows: [ScheduledFlow]) -> [[String]] {
    flows.map { f in
      [
        f.deal.rawValue + (f.package.map { _ in " †" } ?? ""), name(f.counterparty), words.status(f.status),
        percent(f.probability), usd(f.amount) + (f.assumed ? "*" : ""), f.amountBasis,
        years(f.termYears) + pick(" y", " 年", " 年") + (f.termDefaulted ? pick(" (default)", "(預設)", "(默认)") : ""),
        month(f.start),
      ]
    }
  }

  private var totalHeaders: [String] {
    [
      pick("Year", "年份", "年份"), pick("Committed out", "已承諾支出", "已承诺支出"),
      pick("Uncertain out × P", "未定支出 × 機率", "未定支出 × 概率"),
      pick("Aggregate block", "總承諾餘額", "总承诺余额"), pick("Inflows × P", "流入 × 機率", "流入 × 概率"),
    ]
  }

  private var totalRows: [[String]] {
    projection.schedule.totals.map { t in
      ["\(t.year)", usd(t.committed), usd(t.expectedUncertain), usd(t.block), usd(t.expectedInflows)]
    }
  }

  private var tornadoHeaders: [String] {
    [
      "#", pick("Assumption", "假設", "假设"), pick("Low", "低", "低"), pick("Gap at low", "低值時缺口", "低值时缺口"),
      pick("High", "高", "高"), pick("Gap at high", "高值時缺口", "高值时缺口"), pick("Swing", "擺幅", "摆幅"),
    ]
  }

  private func tornadoRows(_ s: Sensitivity) -> [[String]] {
    s.rows.enumerated().map { index, r in
      let (low, high) = settings(r)
      return [
        "\(index + 1)", label(r.key, r.label), low, usd(r.gapAtLow), high, usd(r.gapAtHigh), usd(r.swing),
      ]
    }
  }

  /// The low and high settings of a tornado row, in the output's language.
  private func settings(_ r: SensitivityRow) -> (String, String) {
    if r.key.hasPrefix("package:") {
      return (pick("falls through", "未成事", "未成事"), pick("goes ahead", "成事", "成事"))
    }
    if r.key.hasPrefix("amount:") {
      return (pick("low ", "低 ", "低 ") + usd(r.low), pick("high ", "高 ", "高 ") + usd(r.high))
    }
    let money = ["openingCash", "fundingRounds.size", "revenue.base"].contains(r.key)
    func show(_ x: Double) -> String { money ? usd(x) : NumberText.short(NumberText.significant(x)) }
    return ("p10 " + show(r.low), "p90 " + show(r.high))
  }

  private var tornadoIntro: String? {
    guard let s = projection.sensitivity else { return nil }
    return pick("p50 of funding still needed at the end of ", "以 ", "以 ") + "\(s.year)"
      + pick(
        "; base \(usd(s.base)) on \(s.paths) paths. ", " 年底仍需籌措資金的 p50 衡量;基準 \(usd(s.base)),\(s.paths) 條路徑。",
        " 年底仍需筹措资金的 p50 衡量;基准 \(usd(s.base)),\(s.paths) 条路径。")
      + pick(
        s.method,
        "每項假設分別固定於其第 10 及第 90 百分位(未定交易組:未成事/成事;區間金額:其下限與上限),其餘假設維持原分布,並使用相同路徑與隨機數(共同隨機數)。",
        "每项假设分别固定于其第 10 及第 90 百分位(未定交易组:未成事/成事;区间金额:其下限与上限),其余假设维持原分布,并使用相同路径与随机数(共同随机数)。")
  }

  private func assumptionLines(bullet: String, indent: String) -> [String] {
    var out: [String] = []
    for a in projection.assumptions {
      out.append("\(bullet)\(label(a.key, a.label)): \(a.value) [\(origin(a.origin))]")
      if let d = a.distribution, d.type != "fixed" {
        out.append("\(indent)p10 \(NumberText.short(d.p10)) · " + pick("median", "中位數", "中位数") + " \(NumberText.short(d.median)) · p90 \(NumberText.short(d.p90))")
      }
      if let reason = a.reason { out.append(indent + reason) }
      if let source = a.source { out.append(indent + quote(source)) }
    }
    return out
  }

  private var unscheduledLines: [String] {
    projection.schedule.unscheduled.map { u in
      "\(u.deal) (\(u.direction == .outflow ? pick("pays", "支付", "支付") : pick("receives", "收取", "收取")) \(name(u.counterparty)), \(u.kind.rawValue), \(words.status(u.status))): \(u.explanation)"
    }
  }

  private var blockLines: [String] {
    guard let b = projection.schedule.block else { return [] }
    var lines = [
      "\(b.fact): \(b.asWritten ?? usd(b.total)) → " + pick("total ", "總額 ", "总额 ") + usd(b.total)
        + pick(" − deals it contains ", " − 已含交易 ", " − 已含交易 ") + usd(b.total - b.amount) + " = " + usd(b.amount)
        + (b.floored ? pick(" (floored at 0)", "(下限為 0)", "(下限为 0)") : ""),
      pick("horizon ", "支付年期 ", "支付年期 ") + b.horizonYears + pick(" years from ", " 年,起自 ", " 年,起自 ") + b.startRule,
    ]
    if !b.contains.isEmpty {
      lines.append(pick("contains: ", "已含:", "已含:") + b.contains.map { "\($0.deal) \(usd($0.amount))" }.joined(separator: ", "))
    }
    if let source = b.source { lines.append(quote(source)) }
    return lines
  }

  // MARK: - Text

  public func text() -> String {
    var out = [title, subtitle, ""]
    out += headline.map { "  " + $0 }
    out += ["", pick("BY YEAR (USD; cash at year end — negative is money not yet found)", "逐年推演(美元;年底現金,負數即尚未籌得的資金)", "逐年推演(美元;年底现金,负数即尚未筹得的资金)")]
    var table = TextTable(headers: yearHeaders, alignments: [.left] + Array(repeating: .right, count: 9))
    yearRows.forEach { table.add($0) }
    out.append(table.render(indent: "  "))
    out += ["", pick("FAN CHART DATA (cash at year end)", "扇形圖數據(年底現金)", "扇形图数据(年底现金)")]
    var fan = TextTable(headers: fanHeaders, alignments: [.left] + Array(repeating: .right, count: 5))
    fanRows.forEach { fan.add($0) }
    out.append(fan.render(indent: "  "))
    if let intro = tornadoIntro, let s = projection.sensitivity {
      out += ["", pick("SENSITIVITY (tornado)", "敏感度分析(龍捲風圖)", "敏感度分析(龙卷风图)"), "  " + intro]
      var tornado = TextTable(headers: tornadoHeaders, alignments: [.right, .left, .left, .right, .left, .right, .right])
      tornadoRows(s).forEach { tornado.add($0) }
      out.append(tornado.render(indent: "  "))
      if !s.fixed.isEmpty {
        out.append("  " + pick("Fixed (no row): ", "固定值(不列入):", "固定值(不列入):") + s.fixed.joined(separator: ", "))
      }
    }
    out += ["", pick("SCHEDULE FROM THE LEDGER (full amounts before probabilities; † goes ahead with its package)", "帳本排程(全額,未乘機率;† 與同組交易一併成事)", "账本排程(全额,未乘概率;† 与同组交易一并成事)")]
    let s = projection.schedule
    if !s.outflows.isEmpty {
      out.append("  " + pick("Outflows", "支出", "支出"))
      var t = TextTable(headers: flowHeaders, alignments: [.left, .left, .left, .right, .right, .left, .left, .right])
      flowRows(s.outflows).forEach { t.add($0) }
      out.append(t.render(indent: "    "))
    }
    if !s.inflows.isEmpty {
      out.append("  " + pick("Inflows", "流入", "流入"))
      var t = TextTable(headers: flowHeaders, alignments: [.left, .left, .left, .right, .right, .left, .left, .right])
      flowRows(s.inflows).forEach { t.add($0) }
      out.append(t.render(indent: "    "))
    }
    if !blockLines.isEmpty {
      out.append("  " + pick("Aggregate commitments block", "總承諾(整體排程)", "总承诺(整体排程)"))
      out += blockLines.map { "    " + $0 }
    }
    out.append("  " + pick("Totals per year", "逐年合計", "逐年合计"))
    var totals = TextTable(headers: totalHeaders, alignments: [.left, .right, .right, .right, .right])
    totalRows.forEach { totals.add($0) }
    out.append(totals.render(indent: "    "))
    if !unscheduledLines.isEmpty {
      out += ["", pick("NOT SCHEDULED (unknown amounts are left out, never counted as zero)", "未納入排程(未披露金額不計為零)", "未纳入排程(未披露金额不计为零)")]
      out += unscheduledLines.map { "  • " + $0 }
    }
    out += ["", words.assumptionsHeading]
    out += assumptionLines(bullet: "  • ", indent: "      ")
    if !projection.notes.isEmpty {
      out += ["", pick("NOTES", "附註", "附注")]
      out += projection.notes.map { "  • " + $0 }
    }
    return out.joined(separator: "\n") + "\n"
  }

  // MARK: - Markdown

  public func markdown() -> String {
    func row(_ cells: [String]) -> String { "| " + cells.map(escape).joined(separator: " | ") + " |" }
    func table(_ headers: [String], _ rows: [[String]], right: Set<Int>) -> [String] {
      [row(headers), "|" + headers.indices.map { right.contains($0) ? "---:|" : "---|" }.joined()]
        + rows.map(row)
    }
    var out = ["# " + escape(title), "", escape(subtitle), ""]
    out += headline.map { "- " + escape($0) }
    out += ["", "## " + pick("By year (USD)", "逐年推演(美元)", "逐年推演(美元)"), ""]
    out += table(yearHeaders, yearRows, right: Set(1..<10))
    out += ["", "## " + pick("Fan chart data (cash at year end)", "扇形圖數據(年底現金)", "扇形图数据(年底现金)"), ""]
    out += table(fanHeaders, fanRows, right: Set(1..<6))
    if let intro = tornadoIntro, let s = projection.sensitivity {
      out += ["", "## " + pick("Sensitivity (tornado)", "敏感度分析(龍捲風圖)", "敏感度分析(龙卷风图)"), "", escape(intro), ""]
      out += table(tornadoHeaders, tornadoRows(s), right: [0, 3, 5, 6])
      if !s.fixed.isEmpty { out += ["", escape(pick("Fixed (no row): ", "固定值(不列入):", "固定值(不列入):") + s.fixed.joined(separator: ", "))] }
    }
    out += ["", "## " + pick("Schedule from the ledger", "帳本排程", "账本排程"), ""]
    out.append(escape(pick("Full amounts before probabilities; † goes ahead with its package; * assumed.", "全額,未乘機率;† 與同組交易一併成事;* 假設值。", "全额,未乘概率;† 与同组交易一并成事;* 假设值。")))
    let s = projection.schedule
    if !s.outflows.isEmpty {
      out += ["", "### " + pick("Outflows", "支出", "支出"), ""]
      out += table(flowHeaders, flowRows(s.outflows), right: [3, 4, 7])
    }
    if !s.inflows.isEmpty {
      out += ["", "### " + pick("Inflows", "流入", "流入"), ""]
      out += table(flowHeaders, flowRows(s.inflows), right: [3, 4, 7])
    }
    if !blockLines.isEmpty {
      out += ["", "### " + pick("Aggregate commitments block", "總承諾(整體排程)", "总承诺(整体排程)"), ""]
      out += blockLines.map { "- " + escape($0) }
    }
    out += ["", "### " + pick("Totals per year", "逐年合計", "逐年合计"), ""]
    out += table(totalHeaders, totalRows, right: [1, 2, 3, 4])
    if !unscheduledLines.isEmpty {
      out += ["", "## " + pick("Not scheduled", "未納入排程", "未纳入排程"), ""]
      out += unscheduledLines.map { "- " + escape($0) }
    }
    out += ["", "## " + words.assumptionsHeading, ""]
    for line in assumptionLines(bullet: "- ", indent: "  ") {
      out.append(line.hasPrefix("- ") ? escape(line) : "  " + escape(line.trimmingCharacters(in: .whitespaces)) + "  ")
    }
    if !projection.notes.isEmpty {
      out += ["", "## " + pick("Notes", "附註", "附注"), ""]
      out += projection.notes.map { "- " + escape($0) }
    }
    return out.joined(separator: "\n") + "\n"
  }

  private func escape(_ text: String) -> String { Markdown.escape(text) }
}
