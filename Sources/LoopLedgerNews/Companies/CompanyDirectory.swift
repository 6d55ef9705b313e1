import LoopLedger

/// Companies the extractor knows without a ledger: the AI industry's investors, labs, cloud
/// providers and chip makers, with their names in English, Traditional and Simplified Chinese,
/// tickers, and the descriptions news uses for them ("the ChatGPT maker").
///
/// A ledger's own companies come first: an entry here is used only when no ledger company has
/// its id or shares one of its names. Ids follow the bundled ledgers (`amd`, `coreweave`, …).
public enum CompanyDirectory {
  /// The built-in companies.
  public static let builtIn: [Company] = entries.map { entry in
    Company(
      id: CompanyID(entry.id),
      names: LocalizedNames(
        english: entry.en, traditionalChinese: entry.hant, simplifiedChinese: entry.hans),
      aliases: entry.aliases, parent: entry.parent.map { CompanyID($0) }, role: entry.role)
  }

  /// Descriptions that name one company, added to it whether it comes from a ledger or from here.
  public static let descriptions: [CompanyID: [String]] = [
    "openai": [
      "ChatGPT maker", "ChatGPT-maker", "maker of ChatGPT", "ChatGPT developer", "ChatGPT owner",
      "ChatGPT開發商", "ChatGPT母公司", "ChatGPT開發者", "Open AI",
    ],
    "anthropic": ["Claude maker", "Claude-maker", "maker of Claude", "Claude developer", "Claude開發商"],
    "apple": ["iPhone maker"],
    "meta": ["Facebook parent", "Facebook owner", "臉書母公司"],
    "nvidia": ["輝達", "英伟达", "Nvidia Corp", "NVIDIA Corporation"],
    "microsoft": ["Microsoft Corp"],
    "google": ["Alphabet Inc", "Google LLC"],
    "amazon": ["Amazon.com Inc"],
    "aws": ["亞馬遜雲科技", "亞馬遜網路服務", "亚马逊网络服务", "亞馬遜雲服務"],
    "azure": ["Azure雲", "微軟雲", "微软云", "微軟智慧雲"],
    "google-cloud": ["谷歌雲端", "Google雲端", "Google Cloud", "谷歌雲平台"],
  ]

  private struct Entry {
    var id: String
    var en: String
    var hant: String?
    var hans: String?
    var aliases: [String]
    var parent: String? = nil
    var role: String
  }

  private static let entries: [Entry] = [
    Entry(id: "amazon", en: "Amazon", hant: "亞馬遜", hans: "亚马逊", aliases: ["AMZN", "Amazon.com"], role: "big_tech"),
    Entry(
      id: "aws", en: "Amazon Web Services", hant: "亞馬遜雲端服務", hans: "亚马逊云科技",
      aliases: ["AWS", "亞馬遜AWS", "亚马逊云服务"], parent: "amazon", role: "unit"),
    Entry(id: "openai", en: "OpenAI", hant: "OpenAI", hans: "OpenAI", aliases: [], role: "ai_lab"),
    Entry(id: "anthropic", en: "Anthropic", hant: "Anthropic", hans: "Anthropic", aliases: [], role: "ai_lab"),
    Entry(id: "google", en: "Google", hant: "谷歌", hans: "谷歌", aliases: ["Alphabet", "GOOGL", "GOOG", "Google母公司Alphabet"], role: "big_tech"),
    Entry(
      id: "google-cloud", en: "Google Cloud", hant: "谷歌雲", hans: "谷歌云",
      aliases: ["Google Cloud Platform", "GCP"], parent: "google", role: "unit"),
    Entry(id: "deepmind", en: "Google DeepMind", hant: nil, hans: nil, aliases: ["DeepMind"], parent: "google", role: "unit"),
    Entry(id: "microsoft", en: "Microsoft", hant: "微軟", hans: "微软", aliases: ["MSFT"], role: "big_tech"),
    Entry(
      id: "azure", en: "Microsoft Azure", hant: "微軟Azure", hans: "微软Azure", aliases: ["Azure"],
      parent: "microsoft", role: "unit"),
    Entry(id: "nvidia", en: "NVIDIA", hant: "英偉達", hans: "英伟达", aliases: ["NVDA", "Nvidia", "輝達"], role: "chips"),
    Entry(id: "oracle", en: "Oracle", hant: "甲骨文", hans: "甲骨文", aliases: ["ORCL", "Oracle Cloud Infrastructure", "OCI"], role: "cloud"),
    Entry(
      id: "amd", en: "AMD", hant: "超微", hans: "超威",
      aliases: ["Advanced Micro Devices", "超微半導體", "超威半导体", "超微半导体"], role: "chips"),
    Entry(id: "broadcom", en: "Broadcom", hant: "博通", hans: "博通", aliases: ["AVGO"], role: "chips"),
    Entry(id: "coreweave", en: "CoreWeave", hant: "CoreWeave", hans: "CoreWeave", aliases: ["CRWV"], role: "cloud"),
    Entry(id: "intel", en: "Intel", hant: "英特爾", hans: "英特尔", aliases: ["INTC"], role: "chips"),
    Entry(
      id: "softbank", en: "SoftBank Group", hant: "軟銀", hans: "软银",
      aliases: ["SoftBank", "Softbank", "軟銀集團", "软银集团", "日本軟銀"], role: "investor"),
    Entry(id: "meta", en: "Meta", hant: "Meta", hans: "Meta", aliases: ["Meta Platforms", "META", "臉書", "脸书"], role: "big_tech"),
    Entry(id: "apple", en: "Apple", hant: "蘋果", hans: "苹果", aliases: ["AAPL", "蘋果公司"], role: "big_tech"),
    Entry(id: "tesla", en: "Tesla", hant: "特斯拉", hans: "特斯拉", aliases: ["TSLA"], role: "big_tech"),
    Entry(id: "xai", en: "xAI", hant: "xAI", hans: "xAI", aliases: [], role: "ai_lab"),
    Entry(id: "mistral", en: "Mistral AI", hant: nil, hans: nil, aliases: ["Mistral"], role: "ai_lab"),
    Entry(id: "cohere", en: "Cohere", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "perplexity", en: "Perplexity", hant: nil, hans: nil, aliases: ["Perplexity AI"], role: "ai_lab"),
    Entry(id: "safe-superintelligence", en: "Safe Superintelligence", hant: nil, hans: nil, aliases: ["SSI"], role: "ai_lab"),
    Entry(id: "thinking-machines", en: "Thinking Machines Lab", hant: nil, hans: nil, aliases: ["Thinking Machines"], role: "ai_lab"),
    Entry(id: "scale-ai", en: "Scale AI", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "databricks", en: "Databricks", hant: nil, hans: nil, aliases: [], role: "software"),
    Entry(id: "deepseek", en: "DeepSeek", hant: "深度求索", hans: "深度求索", aliases: [], role: "ai_lab"),
    Entry(id: "zhipu", en: "Zhipu AI", hant: "智譜", hans: "智谱", aliases: ["Zhipu", "智譜AI", "智谱AI"], role: "ai_lab"),
    Entry(id: "moonshot", en: "Moonshot AI", hant: "月之暗面", hans: "月之暗面", aliases: [], role: "ai_lab"),
    Entry(id: "minimax", en: "MiniMax", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "alibaba", en: "Alibaba", hant: "阿里巴巴", hans: "阿里巴巴", aliases: ["BABA", "阿里"], role: "big_tech"),
    Entry(id: "alibaba-cloud", en: "Alibaba Cloud", hant: "阿里雲", hans: "阿里云", aliases: [], parent: "alibaba", role: "unit"),
    Entry(id: "tencent", en: "Tencent", hant: "騰訊", hans: "腾讯", aliases: ["騰訊控股"], role: "big_tech"),
    Entry(id: "baidu", en: "Baidu", hant: "百度", hans: "百度", aliases: ["BIDU"], role: "big_tech"),
    Entry(id: "bytedance", en: "ByteDance", hant: "字節跳動", hans: "字节跳动", aliases: [], role: "big_tech"),
    Entry(id: "huawei", en: "Huawei", hant: "華為", hans: "华为", aliases: [], role: "big_tech"),
    Entry(id: "tsmc", en: "TSMC", hant: "台積電", hans: "台积电", aliases: ["Taiwan Semiconductor", "TSM", "臺積電"], role: "chips"),
    Entry(id: "samsung", en: "Samsung", hant: "三星", hans: "三星", aliases: ["Samsung Electronics", "三星電子"], role: "chips"),
    Entry(id: "sk-hynix", en: "SK Hynix", hant: "SK海力士", hans: "SK海力士", aliases: ["海力士", "SK hynix"], role: "chips"),
    Entry(id: "micron", en: "Micron", hant: "美光", hans: "美光", aliases: ["MU", "Micron Technology"], role: "chips"),
    Entry(id: "qualcomm", en: "Qualcomm", hant: "高通", hans: "高通", aliases: ["QCOM"], role: "chips"),
    Entry(id: "arm", en: "Arm", hant: "安謀", hans: "安谋", aliases: ["Arm Holdings", "ARM"], role: "chips"),
    Entry(id: "cerebras", en: "Cerebras", hant: nil, hans: nil, aliases: ["Cerebras Systems"], role: "chips"),
    Entry(id: "groq", en: "Groq", hant: nil, hans: nil, aliases: [], role: "chips"),
    Entry(id: "supermicro", en: "Super Micro Computer", hant: "美超微", hans: "美超微", aliases: ["Supermicro", "SMCI"], role: "hardware"),
    Entry(id: "dell", en: "Dell", hant: "戴爾", hans: "戴尔", aliases: ["Dell Technologies"], role: "hardware"),
    Entry(id: "hpe", en: "Hewlett Packard Enterprise", hant: "慧與", hans: "慧与", aliases: ["HPE"], role: "hardware"),
    Entry(id: "foxconn", en: "Foxconn", hant: "鴻海", hans: "鸿海", aliases: ["Hon Hai", "富士康"], role: "hardware"),
    Entry(id: "cisco", en: "Cisco", hant: "思科", hans: "思科", aliases: ["CSCO"], role: "hardware"),
    Entry(id: "ibm", en: "IBM", hant: nil, hans: nil, aliases: [], role: "big_tech"),
    Entry(id: "salesforce", en: "Salesforce", hant: nil, hans: nil, aliases: ["CRM"], role: "software"),
    Entry(id: "nebius", en: "Nebius", hant: nil, hans: nil, aliases: ["Nebius Group"], role: "cloud"),
    Entry(id: "lambda", en: "Lambda", hant: nil, hans: nil, aliases: ["Lambda Labs"], role: "cloud"),
    Entry(id: "crusoe", en: "Crusoe", hant: nil, hans: nil, aliases: ["Crusoe Energy"], role: "cloud"),
    Entry(id: "nscale", en: "Nscale", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "stargate", en: "Stargate", hant: "星際之門", hans: "星际之门", aliases: ["Stargate LLC"], role: "venture"),
    Entry(id: "mgx", en: "MGX", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "g42", en: "G42", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "thrive-capital", en: "Thrive Capital", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "blackrock", en: "BlackRock", hant: "貝萊德", hans: "贝莱德", aliases: [], role: "investor"),
    Entry(id: "blackstone", en: "Blackstone", hant: "黑石", hans: "黑石", aliases: [], role: "investor"),
    Entry(id: "mubadala", en: "Mubadala", hant: "穆巴達拉", hans: "穆巴达拉", aliases: [], role: "investor"),
    Entry(id: "fidelity", en: "Fidelity", hant: "富達", hans: "富达", aliases: [], role: "investor"),
    Entry(id: "tiger-global", en: "Tiger Global", hant: "老虎環球", hans: "老虎环球", aliases: [], role: "investor"),
    Entry(id: "sequoia", en: "Sequoia Capital", hant: "紅杉資本", hans: "红杉资本", aliases: ["Sequoia"], role: "investor"),
    Entry(id: "a16z", en: "Andreessen Horowitz", hant: nil, hans: nil, aliases: ["a16z"], role: "investor"),
  ]
}
