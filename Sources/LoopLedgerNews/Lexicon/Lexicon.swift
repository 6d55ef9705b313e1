import LoopLedger

/// How money moves in a relation, relative to the grammatical subject.
enum Flow: Sendable, Equatable {
  /// The subject invests in the counterparty (X 向 Y 投資, X invests in Y).
  case invest
  /// The subject raises money from the counterparty (X 融資, X raised … from Y).
  case raise
  /// The subject buys from, rents from or uses the counterparty (X 採購 Y 的芯片, X will buy).
  case buy
  /// The subject sells or supplies to the counterparty (X 向 Y 銷售, X will supply Y).
  case sell
  /// The subject lends to the counterparty.
  case lend
  /// The subject borrows from the counterparty.
  case borrow
  /// An agreement between the two (與 Y 簽署協議, a deal with Y): the direction comes from roles.
  case agreement
  /// "X is Y's customer": the subject buys from the possessor.
  case customer
  /// "X is Y's supplier": the possessor buys from the subject.
  case supplier
  /// A warrant: the subject grants the counterparty a warrant.
  case warrant

  /// Whether the subject pays the counterparty, before prepositions and passives are applied.
  var subjectPays: Bool {
    switch self {
    case .invest, .buy, .lend, .customer, .warrant, .agreement: true
    case .raise, .sell, .borrow, .supplier: false
    }
  }
}

/// What a deal is about, from the nouns around its verb.
enum ProductClass: Sendable, Equatable {
  case chips, cloud, compute, software, equity, money, loan, warrant
  /// A deposit, equipment, a power plant, an asset: a deal of kind `other`.
  case other
}

/// Prepositions that introduce the counterparty.
enum Preposition: Sendable, Equatable {
  /// 向 / 對 / in / into: the counterparty receives (for invest, buy).
  case toward
  /// 從 / 自 / 來自 / from.
  case from
  /// 與 / 和 / 同 / 跟 / with.
  case with
  /// 為 / 給 / 替 / to / for.
  case to
  /// 由 / by / led by: the counterparty is the actor.
  case by
  /// 通過 / via / through: an intermediary (a cloud through which chips are used).
  case via
}

/// Words that point back to a company already named.
enum Anaphor: Sendable, Equatable {
  /// 該公司 / the company: the company named last.
  case recent
  /// 雙方 / both companies: the pair of the paragraph.
  case pair
  /// A description by role: the chipmaker, the startup, 科技巨頭.
  case role(String)
  /// 後者 / the latter: the second of the two companies named last; 前者 / the former: the first.
  case latter
  case former
}

/// Statuses as the words state them.
struct StatusWord: Sendable, Equatable {
  var status: DealStatus
  /// Weak words (將, will) only apply when nothing stronger is said.
  var weak: Bool = false
  /// 已 / 累計 / has invested: completion, which applies to its own clause only.
  var clauseOnly: Bool = false
  /// 意向書 / letter of intent: the deal waits for a final agreement, whatever else is said.
  var overrides: Bool = false
}

/// One vocabulary entry's meaning.
enum Tag: Sendable, Equatable {
  case company(Int)
  /// An organisation the catalog does not know, found by ``OrganizationDetector`` (an index into
  /// the run's list of them).
  case unknownCompany(Int)
  case trigger(Flow, ProductClass?)
  case status(StatusWord)
  case product(ProductClass)
  case preposition(Preposition)
  /// 獲 / 獲得 / received: the counterparty acts on the subject.
  case passive
  case anaphor(Anaphor)
  /// 估值 / valuation / revenue: amounts near it are not deal amounts.
  case amountContext
  /// 追加 / additional / another: a new deal, never merged into an earlier one.
  case additional
  /// 所得資金 / the proceeds: the amount is bounded by an investment named before.
  case fundsReference
  /// 等 / among others: a list of counterparties ends.
  case listEnd
  /// 和 / 及 / 、 / and: joins a list.
  case conjunction
  /// 投資方 / 股東 / investor: "作為 Y 的投資方" names the investee.
  case investorNoun
  /// 是 / 為 / is / as: a copula (for customer and supplier nouns).
  case copula
  /// 作為回報 / 根據協議 / in return: the sentence continues the previous one.
  case continuation
  /// Shares of a company (for warrants: "warrants for 160 million AMD shares").
  case shares
  /// Words that only stop shorter words from matching inside them (面向, 投資計劃).
  case blocker
  /// said / 表示: an announcement reported.
  case reporting
  /// which / who: the clause's subject is the company just named.
  case relative
  /// respectively / 分別: amounts pair with the companies in order.
  case respectively
  /// 三份 / in total: the amount adds up several deals.
  case total
  /// 擴大 / expanded: a later addition to a deal named before.
  case expansion
  /// 知情人士 / people familiar with the matter / reportedly: a deal reported by sources only,
  /// talks unless a stronger word says otherwise.
  case rumour
  /// 業務包括 / specializes in: a description of a company's business, not a deal.
  case description
  /// 爭奪 / compete for / 競爭對手 / rival: rivalry, not a deal; "X的競爭對手Y" makes X a modifier.
  case rivalry
  /// SPV / 合資公司 / other banks: a party the text does not name, so no company stands in for it.
  case unnamedParty
}

/// A vocabulary entry as written, before folding.
struct LexiconEntry: Sendable {
  var text: String
  var tag: Tag
}

/// The extractor's vocabulary in Traditional Chinese, Simplified-only words and English.
///
/// Chinese entries are folded, so one entry matches both scripts.
enum Vocabulary {
  static var entries: [LexiconEntry] {
    var result: [LexiconEntry] = []
    func add(_ tag: Tag, _ words: [String]) {
      for word in words { result.append(LexiconEntry(text: word, tag: tag)) }
    }
    // MARK: Triggers
    add(
      .trigger(.invest, nil),
      [
        "投資", "注資", "入股", "投入", "出資", "領投", "參投", "跟投", "押注", "戰略投資", "資金注入",
        "注入資金", "增資", "資助", "聯合領投", "領投方", "跟投方", "參投方", "invest", "invests", "invested", "investing", "investment",
        "investments",
        "co-invest", "pour", "pours", "poured", "pump", "pumps", "pumped", "inject", "injects",
        "injected", "injection", "pledge", "pledges", "pledged", "pledging", "committed", "commits",
        "contribute", "contributes", "contributed", "contributing", "sent", "transferred", "wired",
      ])
    add(
      .trigger(.invest, .equity),
      [
        "股權投資", "認購股份", "入股", "持股", "stake", "equity investment", "equity stake", "buy a stake", "take a stake",
        "takes a stake", "took a stake",
      ])
    add(
      .trigger(.raise, nil),
      [
        "融資", "籌集", "籌資", "募集", "募資", "集資", "募得", "籌得", "籌資案", "融資輪", "raise", "raises",
        "raised", "raising", "funding", "funding round", "financing", "financing round", "round", "fundraising",
        "fundraise",
      ])
    add(.trigger(.raise, .equity), ["股權融資"])
    add(
      .trigger(.buy, nil),
      [
        "採購", "購買", "買入", "購入", "訂購", "使用", "租用", "採用", "承租", "租賃", "部署", "支付",
        "花費", "下單", "採買", "租下", "收購", "acquire", "acquires", "acquired", "acquiring", "buy", "buys", "bought", "buying",
        "purchase", "purchases",
        "purchased", "purchasing", "procure", "procures", "rent", "rents", "rented", "renting",
        "lease", "leases", "leased", "use", "uses", "using", "deploy", "deploys", "spend", "spends",
        "spent", "spending", "ordered", "pay", "pays", "paid", "paying", "付款", "支付給",
      ])
    add(
      .trigger(.sell, nil),
      [
        "銷售", "出售", "售予", "供應", "提供", "出租", "供貨", "賣給", "售賣", "sell", "sells", "sold",
        "selling", "supply", "supplies", "supplied", "supplying", "provide", "provides",
        "provided", "providing", "deliver", "delivers", "delivering", "offer", "offers", "減持", "拋售",
        "賣出", "divest", "divests", "divested", "offload", "offloaded", "offloads",
      ])
    // Building capacity for a customer (甲骨文同意為OpenAI開發4.5吉瓦的數據中心容量): the customer pays.
    add(
      .trigger(.sell, nil),
      ["開發", "建設", "建造", "興建", "build", "builds", "building", "develop", "develops", "developing"])
    // A foundry makes the chips its customer designs: the customer buys.
    add(.trigger(.sell, .chips), ["代工", "代工生產", "代工製造", "manufactures", "fabricates"])
    add(
      .trigger(.lend, .loan),
      ["貸款", "放貸", "借給", "lend", "lends", "lent", "loan", "loans", "credit facility", "debt financing"])
    add(
      .trigger(.borrow, .loan),
      [
        "借款", "借貸", "舉債", "borrow", "borrows", "borrowed", "debt issued to", "bonds issued to", "notes issued to",
        "bonds sold to", "debt sold to",
      ])
    add(.trigger(.warrant, .warrant), ["認股權證", "認股權", "warrant", "warrants"])
    add(
      .trigger(.agreement, nil),
      [
        "協議", "合約", "合同", "協定", "訂單", "大單", "合作案", "合作協議", "合作", "交易", "簽約", "agreement",
        "agreements", "deal", "deals", "contract", "contracts", "pact", "partnership", "arrangement",
        "commitment", "commitments", "order", "orders",
      ])
    add(
      .trigger(.agreement, .cloud),
      ["雲協議", "雲端協議", "雲合約", "雲服務協議", "雲端合約", "cloud deal", "cloud contract", "cloud agreement"])
    add(
      .trigger(.agreement, .compute),
      ["算力合約", "算力協議", "算力合同", "算力訂單", "compute deal", "computing deal", "compute contract", "infrastructure deal"])
    add(
      .trigger(.agreement, .chips),
      ["晶片協議", "芯片協議", "晶片訂單", "芯片訂單", "晶片合約", "芯片合約", "chip deal", "chip supply deal", "chip order"])
    add(.trigger(.customer, nil), ["客戶", "大客戶", "customer", "customers", "client", "clients"])
    add(.trigger(.supplier, nil), ["供應商", "供貨商", "supplier", "suppliers", "vendor"])
    // MARK: Products
    add(
      .product(.chips),
      [
        "芯片", "晶片", "GPU", "GPUs", "處理器", "加速器", "Trainium",
        "Inferentia", "半導體", "顯卡", "chip", "chips", "processor", "processors", "accelerator",
        "accelerators", "semiconductors", "Blackwell", "Vera Rubin", "Instinct", "MI450", "H100",
        "H200", "GB200", "GB300", "B200", "systems",
      ])
    add(
      .product(.cloud),
      [
        "雲服務", "雲端服務", "雲平台", "雲計算", "雲端運算", "雲端", "雲", "雲基礎設施", "cloud",
        // Google rents its TPUs through Google Cloud: a TPU deal is a cloud deal.
        "TPU", "TPUs", "TPU芯片", "TPU晶片", "張量處理單元",
        "cloud services", "cloud computing", "cloud capacity", "cloud infrastructure",
      ])
    add(
      .product(.compute),
      [
        "算力", "計算資源", "運算資源", "計算能力", "運算能力", "基礎設施", "數據中心", "資料中心", "服務器",
        "伺服器", "compute", "computing power", "computing capacity", "computing resources",
        "capacity", "infrastructure", "data center", "data centers", "data centre", "servers",
      ])
    add(
      .product(.software),
      [
        "軟體", "軟件", "企業版", "ChatGPT Enterprise", "授權", "訂閱", "software", "licenses",
        "licences", "subscriptions", "seats", "enterprise version",
      ])
    add(.product(.equity), ["股權", "股份", "股票", "equity", "shares", "stock"])
    add(.product(.money), ["資金", "現金", "funding", "capital", "cash", "financing"])
    add(.product(.loan), ["債務", "信貸", "債券", "debt", "credit", "bonds"])
    add(
      .product(.other),
      [
        "保證金", "訂金", "押金", "deposit", "down payment", "設備", "equipment",
        "發電廠", "電廠", "power plant", "generator facility", "gas plant", "工廠", "廠房", "factory", "plant",
      ])
    // MARK: Statuses
    add(
      .status(StatusWord(status: .cancelled)),
      [
        "取消", "停滯", "不會繼續", "不再推進", "不再繼續", "終止", "擱置", "叫停", "告吹", "放棄", "破裂", "撤回", "泡湯", "scrapped",
        "scraps", "scrap", "canceled", "cancelled", "cancels", "called off", "calls off",
        "terminated", "terminates", "abandoned", "abandons", "stalled", "pulled out", "walked away",
        "shelved", "no longer", "backed out",
      ])
    add(
      .status(StatusWord(status: .talks)),
      [
        "擬", "磋商", "談判", "洽談", "商談", "協商", "接洽", "考慮", "有意", "探討", "初步接觸", "尚未定案",
        "對話", "商討", "討論", "密談", "潛在交易", "潛在投資", "潛在合作", "in talks", "talks", "negotiating",
        "negotiations", "negotiate", "in discussions", "discussions", "discussing", "considering", "considers",
        "exploring", "explores", "weighing", "weighs", "mulling", "mulled", "potential deal", "potential investment",
        "could invest", "in advanced talks", "early talks", "preliminary", "pending deal",
      ])
    // A letter of intent, or a deal that waits for its final agreement: planned, whatever else the
    // sentence says (已簽署意向書, "signed a letter of intent").
    add(
      .status(StatusWord(status: .planned, overrides: true)),
      [
        "意向書", "意向協議", "合作意向", "最終協議後", "最終協議之後", "最終協議簽署後", "最終協議簽訂後",
        "最終協議達成後", "簽署最終協議後", "簽訂最終協議後", "達成最終協議後", "letter of intent", "letters of intent",
        "memorandum of understanding", "non-binding", "once a definitive agreement",
        "subject to a definitive agreement",
        "subject to definitive agreements", "after a definitive agreement",
      ])
    add(
      .rumour,
      [
        "知情人士", "消息人士", "據悉", "據報", "據稱", "傳出", "傳聞", "據了解", "消息稱", "市場傳言", "people familiar",
        "person familiar", "sources familiar", "sources said", "sources say", "according to sources",
        "according to people", "is said to", "are said to", "was said to", "were said to", "reportedly",
        "supposedly", "rumored", "rumoured", "people with knowledge", "anonymous sources",
      ])
    add(
      .status(StatusWord(status: .planned)),
      [
        "計劃", "計畫", "預計", "預期", "打算", "準備", "有望", "規劃", "擬議", "plans", "plan to",
        "planned", "planning", "intends", "intend", "intending", "intended", "expects to", "expected to", "set to",
        "aims to",
        "poised to", "proposed",
      ])
    add(.status(StatusWord(status: .planned, weak: true)), ["將", "將會", "會", "will", "shall", "would"])
    add(
      .status(StatusWord(status: .announced)),
      [
        "宣布", "宣佈", "簽署", "簽訂", "達成", "公布", "承諾", "同意", "確認", "簽約", "敲定", "官宣",
        "announced", "announces", "announce", "signed", "signs", "sign", "agreed", "agrees",
        "unveiled", "unveils", "struck", "strikes", "inked", "inks", "entered into", "entering into", "reached",
        "confirmed", "confirms", "finalized", "finalised",
      ])
    add(
      .status(StatusWord(status: .closed, clauseOnly: true)),
      [
        "已", "已經", "累計", "累積", "完成", "已完成", "先前已", "has", "have", "had", "has already",
        "completed", "completes", "closed", "previously", "so far", "to date", "此前已", "早在",
      ])
    // MARK: Prepositions and structure
    add(.preposition(.toward), ["向", "對", "對於", "in", "into", "on"])
    add(.preposition(.from), ["從", "自", "來自", "from", "of"])
    add(.preposition(.with), ["與", "同", "跟", "with", "alongside"])
    add(.preposition(.to), ["為", "給", "替", "予", "to", "for"])
    add(.preposition(.by), ["由", "by", "led by", "co-led by"])
    add(.preposition(.via), ["通過", "透過", "經由", "借助", "via", "through"])
    add(.reporting, ["said", "says", "told", "表示", "稱", "宣稱", "透露", "證實"])
    add(.relative, ["which", "who"])
    add(.respectively, ["respectively", "分別"])
    add(
      .total,
      [
        "三份", "兩份", "多份", "三筆", "兩筆", "多筆", "三項", "兩項", "in total", "combined", "totaling", "totalling",
        "together worth", "three contracts", "two contracts", "three deals", "two deals",
      ])
    add(.expansion, ["擴大", "加碼", "增購", "擴充", "expanded", "expands", "expand", "boosted", "added", "adds", "increased"])
    add(.passive, ["獲", "獲得", "得到", "接受", "取得", "received", "receive", "receives", "got", "gets", "obtained", "won"])
    add(.conjunction, ["和", "及", "以及", "、", "and", "&", "plus", "as well as"])
    add(.listEnd, ["等", "等公司", "等科技公司", "等企業", "among others", "and others"])
    add(
      .additional,
      ["追加", "再投資", "額外", "另外", "新一輪", "進一步", "additional", "another", "further", "more", "new round", "fresh"])
    add(
      .fundsReference,
      [
        "所得資金", "所得款項", "該筆資金", "這筆資金", "這些資金", "該資金", "投資款", "the proceeds", "the funds", "the money", "the cash",
        "that money", "the capital",
      ])
    add(
      .amountContext,
      [
        "每股", "per share", "a share", "each", "apiece",
        "估值", "市值", "收入", "營收", "營業額", "虧損", "資本性支出", "資本支出", "利潤", "淨利", "年收入",
        "valuation", "valued at", "valuing", "market value", "market capitalization", "revenue",
        "revenues", "sales of", "loss", "losses", "capex", "capital expenditure", "profit", "worth of",
        "annualized", "估值為", "valuation of",
      ])
    add(
      .investorNoun,
      [
        "投資方", "投資者", "投資人", "股東", "大股東", "出資方", "參與者", "參與方", "投資機構", "investor", "investors", "backer", "backers",
        "shareholder", "shareholders", "participants",
      ])
    add(
      .description,
      [
        "業務包括", "核心業務", "主要業務", "主營業務", "業務涵蓋", "業務為", "specializes in", "specialises in", "whose business",
        "business includes", "known for",
      ])
    add(
      .rivalry,
      [
        "競爭對手", "對手", "勁敵", "死對頭", "爭奪", "競逐", "對壘", "競爭中", "抗衡", "較量", "而非", "rather than", "instead of", "rival",
        "rivals", "competitor", "competitors", "compete for", "competing for", "vie for", "vying for", "race for",
        "battle for",
      ])
    add(
      .unnamedParty,
      [
        "SPV", "SPVs", "special purpose vehicle", "特殊目的實體", "特殊目的公司", "合資公司", "合資企業", "joint venture",
        "the venture", "the new entity", "其他銀行", "other banks", "銀團", "bank syndicate", "a syndicate of banks",
        "other bond investors", "一家新客戶", "unnamed customer", "undisclosed customer", "未具名客戶", "a new customer",
      ])
    add(
      .copula,
      [
        "是", "成為", "作為", "身為", "is", "are", "was", "were", "became", "becomes", "as", "one of", "之一", "包括", "include",
        "includes", "including",
      ])
    add(
      .continuation,
      [
        "作為回報", "根據協議", "根據該協議", "按照協議", "依協議", "作為交換", "in return", "in exchange", "under the agreement",
        "under the deal", "as part of the deal", "as part of the agreement", "under the partnership",
        "as part of the partnership", "作為協議的一部分", "作為合作的一部分",
      ])
    add(.shares, ["股", "股股票", "股份", "shares"])
    add(
      .anaphor(.recent),
      [
        "該公司", "這家公司", "此公司", "該集團", "該企業", "這家企業", "the company", "the firm", "the group",
        "it",
      ])
    add(
      .anaphor(.pair),
      [
        "雙方", "兩家公司", "二者", "兩者", "兩家科技巨頭", "兩大巨頭", "兩家巨頭", "這兩家公司", "both companies",
        "the two companies", "the two firms", "the companies", "the pair", "both firms", "the two tech giants",
        "the two giants", "the two tech companies", "the two groups",
      ])
    var described: [String] = []
    for origin in [
      "Japanese", "Chinese", "French", "Dutch", "Finnish", "Saudi", "Korean", "South Korean", "Taiwanese", "US", "U.S.",
      "American", "British", "German", "Indian", "Emirati", "Israeli", "Canadian", "Swedish", "California-based",
      "Paris-based", "London-based", "New York-based", "Seattle-based",
    ] {
      for noun in ["company", "firm", "group", "conglomerate", "giant", "tech giant", "startup", "start-up"] {
        described.append("the \(origin) \(noun)")
      }
    }
    add(.anaphor(.recent), described)
    add(
      .anaphor(.role("chips")),
      ["芯片巨頭", "晶片巨頭", "芯片製造商", "晶片大廠", "the chipmaker", "the chip maker", "the chip giant", "the chip designer"])
    add(
      .anaphor(.role("ai_lab")),
      [
        "該初創公司", "這家初創公司", "這家初創企業", "這家新創公司", "該新創公司", "這家新創", "該新創", "這家AI新創", "the startup", "the start-up",
        "the AI lab", "the AI startup",
        "the AI company", "the AI developer", "the lab", "the AI firm", "the artificial intelligence startup",
        "the artificial intelligence company", "the artificial intelligence lab", "the artificial intelligence firm",
        "the AI start-up", "the AI model maker",
      ])
    add(.anaphor(.latter), ["後者", "the latter"])
    add(.anaphor(.former), ["前者", "the former"])
    add(.anaphor(.role("cloud")), ["the cloud provider", "the cloud company", "雲服務商", "雲端服務商"])
    add(
      .anaphor(.role("big_tech")),
      [
        "科技巨頭", "the tech giant", "the software giant", "the software maker", "the e-commerce giant",
        "the search giant",
      ])
    // MARK: Blockers (longer words that contain a keyword but do not mean it)
    add(
      .blocker,
      [
        "面向", "方向", "轉向", "參與", "給予", "走向", "傾向", "投資計劃", "融資計劃", "擴張計劃", "發展計劃",
        "原先的計劃", "最初的計劃", "原計劃", "原先預期", "最初預期", "original plan", "initially planned",
        "originally planned", "投資金額", "投資額", "融資金額", "融資規模", "潛在交易額", "交易所", "交易日", "交易員", "投資熱潮", "投資價值", "合作夥伴",
        "合作關係",
        "名為", "命名為", "取名為", "電力供應", "能源供應", "power supply", "開發商", "開發者", "開發出", "開發中", "研發", "developer", "developers",
        "投資規模", "融資案例", "投資案例", "預付款", "prepayment",
        "採購成本", "採購費用", "purchase costs", "purchase cost", "循環融資", "循環投資", "循環交易", "circular financing",
        "circular deals", "vendor financing", "市占", "市佔", "市場份額", "market share", "其他銀行", "其他投資人",
        "訂購內容", "採購內容", "訂單內容", "investment spree", "investment spending", "投資狂潮",
        "融資問題", "融資困難", "融資成本", "融資需求", "融資能力", "financing costs", "financing issues",
        "計劃書", "企業客戶", "獲取", "獲利", "收獲", "對手", "對此", "針對", "面對", "相對", "絕對", "對外",
        "自主", "自研", "自身", "自己", "自2", "各自", "來自於", "為主", "成為其", "因為", "認為", "作為一",
        "以為", "行為", "視為", "稱為", "之間", "使用者", "用戶", "已知", "而已", "自從", "使得", "提供商",
        "雲服務供應商", "雲端服務供應商", "供應鏈", "銷售額", "投資銀行", "投資者關係", "投資組合", "風險投資",
        "投資回報", "投資人士", "融資租賃", "內部循環", "in order", "in addition", "into account",
        "use case", "is expected", "customer base", "deal-making", "more than", "at least", "up to",
        "as much as", "in charge", "of course", "for example", "in particular", "on track",
      ])
    return result
  }
}
