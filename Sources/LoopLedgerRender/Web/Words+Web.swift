import LoopLedger

/// The words of the dashboard (`loopledger serve`): navigation, page titles, forms, notices.
extension Words {
  var siteName: String { "LoopLedger" }
  var navOverview: String { t("Overview", "總覽", "总览") }
  var navLoops: String { t("Loops", "資金循環", "资金循环") }
  var navCompanies: String { t("Companies", "公司", "公司") }
  var navDeals: String { t("Deals", "交易", "交易") }
  var navStress: String { t("Stress test", "壓力測試", "压力测试") }
  var navProjection: String { t("Projection", "資金缺口預測", "资金缺口预测") }
  var navReview: String { t("Review queue", "待審核", "待审核") }
  var navTimeline: String { t("Through time", "時間軸", "时间轴") }
  var byQuarter: String { t("By quarter", "按季度", "按季度") }
  var byYear: String { t("By year", "按年度", "按年度") }
  var asOfLabel: String { t("The ledger as it stood on", "賬本截至日期", "账本截至日期") }
  var asOfShow: String { t("Show", "顯示", "显示") }
  var asOfToday: String { t("Back to the whole ledger", "回到完整賬本", "回到完整账本") }
  var asOfHint: String { t("YYYY, YYYY-MM or YYYY-MM-DD", "YYYY、YYYY-MM 或 YYYY-MM-DD", "YYYY、YYYY-MM 或 YYYY-MM-DD") }
  func asOfHeading(_ date: String) -> String { t("As of \(date)", "截至 \(date)", "截至 \(date)") }
  var periodOverviewLink: String {
    t("the overview as of the period's last day", "該期最後一天的總覽", "该期最后一天的总览")
  }
  var navAPI: String { t("API", "API", "API") }
  var logIn: String { t("Log in", "登入", "登录") }
  var logOut: String { t("Log out", "登出", "登出") }
  var loggedIn: String { t("logged in", "已登入", "已登录") }
  var languageLabel: String { t("Language", "語言", "语言") }
  var skipToContent: String { t("Skip to content", "跳至內容", "跳至内容") }

  var headlineDeals: String { t("Deals", "交易", "交易") }
  var headlineCompanies: String { t("Companies", "公司", "公司") }
  var headlineLoops: String { t("Loops", "循環", "循环") }
  var headlineLargest: String { t("Largest round trip", "最大回流", "最大回流") }
  var headlineGoingRound: String { t("Money going round", "循環資金比例", "循环资金比例") }
  var headlineSignedOnly: String { t("signed deals only", "只計已簽署交易", "只计已签署交易") }
  var recentChanges: String { t("What changed recently", "最近變更", "最近变更") }
  var noRecentChanges: String {
    t(
      "No changes recorded: this ledger is not kept in a store.", "沒有變更記錄:此賬本不在資料庫中。", "没有变更记录:此账本不在数据库中。")
  }
  var change: String { t("Change", "變更", "变更") }
  var when: String { t("When", "時間", "时间") }
  var who: String { t("Who", "由誰", "由谁") }
  var what: String { t("What", "內容", "内容") }
  var why: String { t("Why", "原因", "原因") }
  var allLoops: String { t("All loops", "全部循環", "全部循环") }
  var steps: String { t("Steps", "步驟", "步骤") }
  var dealsWord: String { t("Deals", "交易", "交易") }
  var flowsIn: String { t("Money in, by counterparty", "資金流入(按交易對手)", "资金流入(按交易对手)") }
  var flowsOut: String { t("Money out, by counterparty", "資金流出(按交易對手)", "资金流出(按交易对手)") }
  var counterparty: String { t("Counterparty", "交易對手", "交易对手") }
  var amountWord: String { t("Amount", "金額", "金额") }
  var amountUSD: String { t("Amount (USD)", "金額(美元)", "金额(美元)") }
  var kindWord: String { t("Kind", "類型", "类型") }
  var statusHeading: String { t("Status", "狀態", "状态") }
  var announcedWord: String { t("Announced", "公布日期", "公布日期") }
  var termWord: String { t("Term (years)", "期限(年)", "期限(年)") }
  var noteWord: String { t("Note", "備註", "备注") }
  var idWord: String { t("Id", "編號", "编号") }
  var namesWord: String { t("Names", "名稱", "名称") }
  var aliasesWord: String { t("Aliases", "別名", "别名") }
  var parentWord: String { t("Part of", "所屬集團", "所属集团") }
  var factsWord: String { t("Facts", "數據", "数据") }
  var loopsThrough: String { t("Loops through this company", "經過此公司的循環", "经过此公司的循环") }
  var noneWord: String { t("none", "無", "无") }
  var selfFundedRange: String {
    t(
      "The share of the money flowing in to this company (investment and revenue) that began as its own outflows, traced in proportion through the known flows; a range over the amounts' low and high ends.",
      "流入此公司的資金(投資與收入)中,源自其自身流出資金的比例;按已知資金流比例追蹤,範圍涵蓋金額的下限與上限。",
      "流入此公司的资金(投资与收入)中,源自其自身流出资金的比例;按已知资金流比例追踪,范围涵盖金额的下限与上限。")
  }
  var assumptionsWord: String { t("Assumptions", "假設", "假设") }
  var historyWord: String { t("History", "歷史記錄", "历史记录") }
  var noHistory: String {
    t("No history: this ledger is not kept in a store.", "沒有歷史記錄:此賬本不在資料庫中。", "没有历史记录:此账本不在数据库中。")
  }
  var removedDeal: String { t("This deal was removed", "此交易已被刪除", "此交易已被删除") }
  var supersedesWord: String { t("Supersedes", "取代", "取代") }
  var supersededByWord: String { t("Superseded by", "被取代於", "被取代于") }
  var sourcesWord: String { t("Sources", "來源", "来源") }
  var documentWord: String { t("Document", "文件", "文件") }

  var stressIntro: String {
    t(
      "Break a link or let a company default, and follow the cascade round by round. The address of the result can be shared.",
      "切斷一條資金鏈或讓一家公司違約,逐輪追蹤連鎖反應。結果的網址可以分享。",
      "切断一条资金链或让一家公司违约,逐轮追踪连锁反应。结果的网址可以分享。")
  }
  var stopLink: String { t("Link that stops paying", "停止付款的資金鏈", "停止付款的资金链") }
  var fractionStopped: String { t("Share of it that stops (0–1)", "停止的比例(0–1)", "停止的比例(0–1)") }
  var companyDefaults: String { t("Company that defaults", "違約的公司", "违约的公司") }
  var choose: String { t("— choose —", "— 請選擇 —", "— 请选择 —") }
  var run: String { t("Run", "執行", "执行") }
  var stressChooseFirst: String {
    t(
      "Choose a link or a company above to see what happens.", "請在上方選擇一條資金鏈或一家公司。", "请在上方选择一条资金链或一家公司。")
  }
  var roundsWord: String { t("Rounds", "輪次", "轮次") }
  var roundWord: String { t("Round", "輪", "轮") }
  var newDefaults: String { t("New defaults", "新增違約", "新增违约") }
  var unfunded: String { t("Unfunded", "資金缺口", "资金缺口") }
  var revenueLost: String { t("Revenue lost", "收入損失", "收入损失") }
  var investmentCut: String { t("Investment cut", "投資削減", "投资削减") }
  var defaultedWord: String { t("Defaulted", "違約公司", "违约公司") }
  var brokenLoops: String { t("Loops that broke", "斷裂的循環", "断裂的循环") }
  var retention: String { t("Money still going round", "仍在循環的資金", "仍在循环的资金") }
  var lowEstimateHigh: String { t("Low · estimate · high", "低 · 估計 · 高", "低 · 估计 · 高") }
  var lowRun: String { t("low run", "低值", "低值") }
  var estimateRun: String { t("estimate run", "估計值", "估计值") }
  var highRun: String { t("high run", "高值", "高值") }
  func quotesCount(_ count: Int) -> String { t("Quotes (\(count))", "引文(\(count))", "引文(\(count))") }
  var endWord: String { t("End of the amount ranges", "金額範圍的一端", "金额范围的一端") }
  var totalsWord: String { t("Totals", "合計", "合计") }
  var asJSON: String { t("The same as JSON", "同一結果的 JSON", "同一结果的 JSON") }

  var projectionIntro: String {
    t(
      "Commitments against revenue and capital raised, year by year, with the spread of outcomes. Change an assumption and run again.",
      "逐年比較承諾支出與收入及已籌資金,並顯示結果的分佈。修改假設後重新執行。",
      "逐年比较承诺支出与收入及已筹资金,并显示结果的分布。修改假设后重新执行。")
  }
  var companyWord: String { t("Company", "公司", "公司") }
  var fromYear: String { t("From year", "起始年份", "起始年份") }
  var toYear: String { t("To year", "結束年份", "结束年份") }
  var simulatedPaths: String { t("Simulated paths", "模擬路徑數", "模拟路径数") }
  var randomSeed: String { t("Random seed", "隨機種子", "随机种子") }
  var scheduleWord: String { t("Spending schedule", "支出時間表", "支出时间表") }
  var scenarioJSON: String {
    t(
      "The scenario's assumptions (the --write-scenario file: change a value, then Run)",
      "情景假設(即 --write-scenario 檔案:修改數值後按「執行」)", "情景假设(即 --write-scenario 文件:修改数值后按「执行」)")
  }
  var yearTable: String { t("Year by year", "逐年數據", "逐年数据") }

  var reviewIntro: String {
    t(
      "Deals found in the news, waiting for a person to accept, correct, merge or reject them.",
      "從新聞中找到的交易,等待人工接受、修正、合併或拒絕。", "从新闻中找到的交易,等待人工接受、修正、合并或拒绝。")
  }
  var noPending: String { t("Nothing is waiting for review.", "沒有待審核的交易。", "没有待审核的交易。") }
  var confidence: String { t("Confidence", "可信度", "可信度") }
  var article: String { t("Article", "文章", "文章") }
  var duplicates: String { t("Possibly the same as", "可能重複", "可能重复") }
  var problemsWord: String { t("Problems", "問題", "问题") }
  var accept: String { t("Accept", "接受", "接受") }
  var reject: String { t("Reject", "拒絕", "拒绝") }
  var mergeInto: String { t("Merge into deal", "合併至交易", "合并至交易") }
  var corrections: String {
    t(
      "Corrections (one FIELD=VALUE per line, as for deal edit --set)", "修正(每行一個 FIELD=VALUE,與 deal edit --set 相同)",
      "修正(每行一个 FIELD=VALUE,与 deal edit --set 相同)")
  }
  var reasonWord: String { t("Reason", "原因", "原因") }
  var writesNeedLogin: String {
    t("to accept, reject or merge candidates.", "後即可接受、拒絕或合併候選交易。", "后即可接受、拒绝或合并候选交易。")
  }
  var asInScenario: String { t("as in the scenario", "依情景設定", "依情景设定") }
  var writesOff: String {
    t(
      "This server is read-only: it was started without a token or without a ledger store.",
      "此伺服器為唯讀:啟動時沒有設定權杖或資料庫。", "此服务器为只读:启动时没有设置令牌或数据库。")
  }
  var tokenWord: String { t("Token", "權杖", "令牌") }
  var loginIntro: String {
    t(
      "Give the token the server was started with (--token or LOOPLEDGER_TOKEN).",
      "請輸入伺服器啟動時設定的權杖(--token 或 LOOPLEDGER_TOKEN)。", "请输入服务器启动时设置的令牌(--token 或 LOOPLEDGER_TOKEN)。")
  }
  var wrongToken: String { t("That token is not right.", "權杖不正確。", "令牌不正确。") }
  var done: String { t("Done", "完成", "完成") }
  var notFoundTitle: String { t("Not found", "找不到", "找不到") }
  var errorTitle: String { t("Something is wrong with the request", "請求有問題", "请求有问题") }
  var backToOverview: String { t("Back to the overview", "返回總覽", "返回总览") }
  var readOnlySource: String { t("read-only", "唯讀", "只读") }
  var ledgerSource: String { t("Ledger", "賬本", "账本") }
  var storeSource: String { t("ledger store", "資料庫", "数据库") }
  var bundledSource: String { t("bundled ledger", "內建賬本", "内置账本") }
  var page: String { t("Page", "頁", "页") }
  var previous: String { t("Previous", "上一頁", "上一页") }
  var next: String { t("Next", "下一頁", "下一页") }
  var filterWord: String { t("Filter", "篩選", "筛选") }
  var anyWord: String { t("any", "全部", "全部") }
  var showing: String { t("showing", "顯示", "显示") }
  var ofWord: String { t("of", "共", "共") }

  /// The name of a language in itself, for the switcher.
  func languageName(_ language: Language) -> String {
    switch language {
    case .english: "English"
    case .traditionalChinese: "繁體中文"
    case .simplifiedChinese: "简体中文"
    }
  }
}
