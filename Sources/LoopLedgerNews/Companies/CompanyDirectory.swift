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
      "ChatGPT maker", "ChatGPT-maker", "maker of ChatGPT", "ChatGPT developer", "ChatGPT owner", "ChatGPT creator",
      "creator of ChatGPT", "ChatGPT-developer",
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
    Entry(
      id: "google", en: "Google", hant: "谷歌", hans: "谷歌", aliases: ["Alphabet", "GOOGL", "GOOG", "Google母公司Alphabet"],
      role: "big_tech"),
    Entry(
      id: "google-cloud", en: "Google Cloud", hant: "谷歌雲", hans: "谷歌云",
      aliases: ["Google Cloud Platform", "GCP"], parent: "google", role: "unit"),
    Entry(
      id: "deepmind", en: "Google DeepMind", hant: nil, hans: nil, aliases: ["DeepMind"], parent: "google", role: "unit"
    ),
    Entry(id: "microsoft", en: "Microsoft", hant: "微軟", hans: "微软", aliases: ["MSFT"], role: "big_tech"),
    Entry(
      id: "azure", en: "Microsoft Azure", hant: "微軟Azure", hans: "微软Azure", aliases: ["Azure"],
      parent: "microsoft", role: "unit"),
    Entry(id: "nvidia", en: "NVIDIA", hant: "英偉達", hans: "英伟达", aliases: ["NVDA", "Nvidia", "輝達"], role: "chips"),
    Entry(
      id: "oracle", en: "Oracle", hant: "甲骨文", hans: "甲骨文", aliases: ["ORCL", "Oracle Cloud Infrastructure", "OCI"],
      role: "cloud"),
    Entry(
      id: "amd", en: "AMD", hant: "超微", hans: "超威",
      aliases: ["Advanced Micro Devices", "超微半導體", "超威半导体", "超微半导体"], role: "chips"),
    Entry(id: "broadcom", en: "Broadcom", hant: "博通", hans: "博通", aliases: ["AVGO"], role: "chips"),
    Entry(id: "coreweave", en: "CoreWeave", hant: "CoreWeave", hans: "CoreWeave", aliases: ["CRWV"], role: "cloud"),
    Entry(id: "intel", en: "Intel", hant: "英特爾", hans: "英特尔", aliases: ["INTC"], role: "chips"),
    Entry(
      id: "softbank", en: "SoftBank Group", hant: "軟銀", hans: "软银",
      aliases: ["SoftBank", "Softbank", "軟銀集團", "软银集团", "日本軟銀"], role: "investor"),
    Entry(
      id: "meta", en: "Meta", hant: "Meta", hans: "Meta", aliases: ["Meta Platforms", "META", "臉書", "脸书"],
      role: "big_tech"),
    Entry(id: "apple", en: "Apple", hant: "蘋果", hans: "苹果", aliases: ["AAPL", "蘋果公司"], role: "big_tech"),
    Entry(id: "tesla", en: "Tesla", hant: "特斯拉", hans: "特斯拉", aliases: ["TSLA"], role: "big_tech"),
    Entry(id: "xai", en: "xAI", hant: "xAI", hans: "xAI", aliases: [], role: "ai_lab"),
    Entry(
      id: "mistral", en: "Mistral AI", hant: nil, hans: nil, aliases: ["Mistral", "Mistral AI SAS"], role: "ai_lab"),
    Entry(id: "cohere", en: "Cohere", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "perplexity", en: "Perplexity", hant: nil, hans: nil, aliases: ["Perplexity AI"], role: "ai_lab"),
    Entry(
      id: "safe-superintelligence", en: "Safe Superintelligence", hant: nil, hans: nil, aliases: ["SSI"], role: "ai_lab"
    ),
    Entry(
      id: "thinking-machines", en: "Thinking Machines Lab", hant: nil, hans: nil, aliases: ["Thinking Machines"],
      role: "ai_lab"),
    Entry(id: "scale-ai", en: "Scale AI", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "databricks", en: "Databricks", hant: nil, hans: nil, aliases: [], role: "software"),
    Entry(id: "deepseek", en: "DeepSeek", hant: "深度求索", hans: "深度求索", aliases: [], role: "ai_lab"),
    Entry(id: "zhipu", en: "Zhipu AI", hant: "智譜", hans: "智谱", aliases: ["Zhipu", "智譜AI", "智谱AI"], role: "ai_lab"),
    Entry(id: "moonshot", en: "Moonshot AI", hant: "月之暗面", hans: "月之暗面", aliases: [], role: "ai_lab"),
    Entry(id: "minimax", en: "MiniMax", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "alibaba", en: "Alibaba", hant: "阿里巴巴", hans: "阿里巴巴", aliases: ["BABA", "阿里"], role: "big_tech"),
    Entry(
      id: "alibaba-cloud", en: "Alibaba Cloud", hant: "阿里雲", hans: "阿里云", aliases: [], parent: "alibaba", role: "unit"),
    Entry(id: "tencent", en: "Tencent", hant: "騰訊", hans: "腾讯", aliases: ["騰訊控股"], role: "big_tech"),
    Entry(id: "baidu", en: "Baidu", hant: "百度", hans: "百度", aliases: ["BIDU"], role: "big_tech"),
    Entry(id: "bytedance", en: "ByteDance", hant: "字節跳動", hans: "字节跳动", aliases: [], role: "big_tech"),
    Entry(id: "huawei", en: "Huawei", hant: "華為", hans: "华为", aliases: [], role: "big_tech"),
    Entry(
      id: "tsmc", en: "TSMC", hant: "台積電", hans: "台积电", aliases: ["Taiwan Semiconductor", "TSM", "臺積電"], role: "chips"),
    Entry(
      id: "samsung", en: "Samsung", hant: "三星", hans: "三星", aliases: ["Samsung Electronics", "三星電子"], role: "chips"),
    Entry(id: "sk-hynix", en: "SK Hynix", hant: "SK海力士", hans: "SK海力士", aliases: ["海力士", "SK hynix"], role: "chips"),
    Entry(id: "micron", en: "Micron", hant: "美光", hans: "美光", aliases: ["MU", "Micron Technology"], role: "chips"),
    Entry(id: "qualcomm", en: "Qualcomm", hant: "高通", hans: "高通", aliases: ["QCOM"], role: "chips"),
    Entry(id: "arm", en: "Arm", hant: "安謀", hans: "安谋", aliases: ["Arm Holdings", "ARM"], role: "chips"),
    Entry(id: "cerebras", en: "Cerebras", hant: nil, hans: nil, aliases: ["Cerebras Systems"], role: "chips"),
    Entry(id: "groq", en: "Groq", hant: nil, hans: nil, aliases: [], role: "chips"),
    Entry(
      id: "supermicro", en: "Super Micro Computer", hant: "美超微", hans: "美超微", aliases: ["Supermicro", "SMCI"],
      role: "hardware"),
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
    Entry(id: "mgx", en: "MGX", hant: nil, hans: nil, aliases: ["MGX Fund"], role: "investor"),
    Entry(id: "g42", en: "G42", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "thrive-capital", en: "Thrive Capital", hant: nil, hans: nil, aliases: ["Thrive"], role: "investor"),
    Entry(id: "blackrock", en: "BlackRock", hant: "貝萊德", hans: "贝莱德", aliases: [], role: "investor"),
    Entry(id: "blackstone", en: "Blackstone", hant: "黑石", hans: "黑石", aliases: [], role: "investor"),
    Entry(
      id: "mubadala", en: "Mubadala", hant: "穆巴達拉", hans: "穆巴达拉", aliases: ["Mubadala Investment Company"],
      role: "investor"),
    Entry(
      id: "fidelity", en: "Fidelity", hant: "富達", hans: "富达",
      aliases: [
        "Fidelity Investments", "Fidelity Management & Research Company", "Fidelity Management & Research",
        "Fidelity Management",
      ], role: "investor"),
    Entry(id: "tiger-global", en: "Tiger Global", hant: "老虎環球", hans: "老虎环球", aliases: [], role: "investor"),
    Entry(id: "sequoia", en: "Sequoia Capital", hant: "紅杉資本", hans: "红杉资本", aliases: ["Sequoia"], role: "investor"),
    Entry(id: "a16z", en: "Andreessen Horowitz", hant: nil, hans: nil, aliases: ["a16z", "安德森霍洛維茨"], role: "investor"),

    // MARK: More of the industry: labs, chips and hardware, internet, neoclouds and data-centre
    // developers, utilities, venture and growth investors, asset managers and banks, sovereign and
    // state funds, governments.
    Entry(id: "humain", en: "HUMAIN", hant: nil, hans: nil, aliases: ["Humain", "HUMAIN AI"], role: "ai_lab"),
    Entry(id: "wayve", en: "Wayve", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "character-ai", en: "Character.AI", hant: nil, hans: nil, aliases: ["Character AI"], role: "ai_lab"),
    Entry(id: "reflection-ai", en: "Reflection AI", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "figure-ai", en: "Figure AI", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "physical-intelligence", en: "Physical Intelligence", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "skild-ai", en: "Skild AI", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "world-labs", en: "World Labs", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "sakana-ai", en: "Sakana AI", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "aleph-alpha", en: "Aleph Alpha", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "black-forest-labs", en: "Black Forest Labs", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "hugging-face", en: "Hugging Face", hant: nil, hans: nil, aliases: ["HuggingFace"], role: "ai_lab"),
    Entry(id: "stability-ai", en: "Stability AI", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "anysphere", en: "Anysphere", hant: nil, hans: nil, aliases: [], role: "software"),
    Entry(id: "poolside", en: "Poolside", hant: nil, hans: nil, aliases: ["poolside"], role: "ai_lab"),
    Entry(id: "inflection-ai", en: "Inflection AI", hant: nil, hans: nil, aliases: [], role: "ai_lab"),
    Entry(id: "ai21", en: "AI21 Labs", hant: nil, hans: nil, aliases: ["AI21"], role: "ai_lab"),
    Entry(id: "stepfun", en: "StepFun", hant: "階躍星辰", hans: "阶跃星辰", aliases: [], role: "ai_lab"),
    Entry(id: "baichuan", en: "Baichuan", hant: "百川智能", hans: "百川智能", aliases: [], role: "ai_lab"),
    Entry(id: "01-ai", en: "01.AI", hant: "零一萬物", hans: "零一万物", aliases: [], role: "ai_lab"),
    Entry(id: "sensetime", en: "SenseTime", hant: "商湯", hans: "商汤", aliases: ["商湯科技", "商汤科技"], role: "ai_lab"),
    Entry(id: "iflytek", en: "iFlytek", hant: "科大訊飛", hans: "科大讯飞", aliases: ["iFLYTEK"], role: "ai_lab"),
    Entry(id: "unitree", en: "Unitree", hant: "宇樹科技", hans: "宇树科技", aliases: ["宇樹", "宇树"], role: "ai_lab"),
    Entry(
      id: "asml", en: "ASML", hant: "艾司摩爾", hans: "阿斯麦", aliases: ["ASML Holding", "艾斯摩爾", "阿斯麥"], role: "equipment"),
    Entry(
      id: "applied-materials", en: "Applied Materials", hant: "應用材料", hans: "应用材料", aliases: ["AMAT"], role: "equipment"
    ),
    Entry(id: "lam-research", en: "Lam Research", hant: "科林研發", hans: "泛林集团", aliases: [], role: "equipment"),
    Entry(id: "tokyo-electron", en: "Tokyo Electron", hant: "東京威力科創", hans: "东京电子", aliases: [], role: "equipment"),
    Entry(
      id: "marvell", en: "Marvell", hant: "邁威爾", hans: "迈威尔", aliases: ["Marvell Technology", "美滿電子"], role: "chips"),
    Entry(id: "mediatek", en: "MediaTek", hant: "聯發科", hans: "联发科", aliases: [], role: "chips"),
    Entry(id: "sambanova", en: "SambaNova", hant: nil, hans: nil, aliases: ["SambaNova Systems"], role: "chips"),
    Entry(id: "etched", en: "Etched", hant: nil, hans: nil, aliases: [], role: "chips"),
    Entry(id: "tenstorrent", en: "Tenstorrent", hant: nil, hans: nil, aliases: [], role: "chips"),
    Entry(id: "lightmatter", en: "Lightmatter", hant: nil, hans: nil, aliases: [], role: "chips"),
    Entry(id: "d-matrix", en: "d-Matrix", hant: nil, hans: nil, aliases: [], role: "chips"),
    Entry(id: "graphcore", en: "Graphcore", hant: nil, hans: nil, aliases: [], role: "chips"),
    Entry(id: "ampere", en: "Ampere Computing", hant: nil, hans: nil, aliases: ["Ampere"], role: "chips"),
    Entry(id: "smic", en: "SMIC", hant: "中芯國際", hans: "中芯国际", aliases: ["中芯"], role: "chips"),
    Entry(id: "cambricon", en: "Cambricon", hant: "寒武紀", hans: "寒武纪", aliases: ["寒武紀科技", "寒武纪科技"], role: "chips"),
    Entry(id: "moore-threads", en: "Moore Threads", hant: "摩爾線程", hans: "摩尔线程", aliases: [], role: "chips"),
    Entry(id: "biren", en: "Biren Technology", hant: "壁仞科技", hans: "壁仞科技", aliases: ["Biren", "壁仞"], role: "chips"),
    Entry(id: "metax", en: "MetaX", hant: "沐曦", hans: "沐曦", aliases: ["沐曦集成電路", "沐曦股份"], role: "chips"),
    Entry(id: "hygon", en: "Hygon", hant: "海光信息", hans: "海光信息", aliases: ["海光"], role: "chips"),
    Entry(
      id: "kunlunxin", en: "Kunlunxin", hant: "崑崙芯", hans: "昆仑芯", aliases: ["昆侖芯", "Kunlun Chip", "KunlunXin"],
      parent: "baidu", role: "chips"),
    Entry(id: "t-head", en: "T-Head", hant: "平頭哥", hans: "平头哥", aliases: [], parent: "alibaba", role: "chips"),
    Entry(id: "hisilicon", en: "HiSilicon", hant: "海思", hans: "海思", aliases: [], parent: "huawei", role: "chips"),
    Entry(id: "ase", en: "ASE Technology", hant: "日月光", hans: "日月光", aliases: ["日月光投控", "ASE Group"], role: "chips"),
    Entry(id: "alchip", en: "Alchip", hant: "世芯", hans: "世芯", aliases: ["世芯-KY"], role: "chips"),
    Entry(id: "guc", en: "Global Unichip", hant: "創意電子", hans: "创意电子", aliases: ["GUC"], role: "chips"),
    Entry(id: "quanta", en: "Quanta Computer", hant: "廣達", hans: "广达", aliases: ["Quanta", "廣達電腦"], role: "hardware"),
    Entry(id: "wistron", en: "Wistron", hant: "緯創", hans: "纬创", aliases: [], role: "hardware"),
    Entry(id: "wiwynn", en: "Wiwynn", hant: "緯穎", hans: "纬颖", aliases: [], role: "hardware"),
    Entry(id: "inventec", en: "Inventec", hant: "英業達", hans: "英业达", aliases: [], role: "hardware"),
    Entry(id: "pegatron", en: "Pegatron", hant: "和碩", hans: "和硕", aliases: [], role: "hardware"),
    Entry(id: "compal", en: "Compal", hant: "仁寶", hans: "仁宝", aliases: [], role: "hardware"),
    Entry(id: "gigabyte", en: "Gigabyte", hant: "技嘉", hans: "技嘉", aliases: [], role: "hardware"),
    Entry(id: "asus", en: "ASUS", hant: "華碩", hans: "华硕", aliases: ["Asus"], role: "hardware"),
    Entry(id: "lenovo", en: "Lenovo", hant: "聯想集團", hans: "联想集团", aliases: [], role: "hardware"),
    Entry(
      id: "inspur", en: "Inspur", hant: "浪潮信息", hans: "浪潮信息", aliases: ["浪潮集團", "浪潮集团", "Inspur Information"],
      role: "hardware"),
    Entry(id: "xfusion", en: "xFusion", hant: "超聚變", hans: "超聚变", aliases: [], role: "hardware"),
    Entry(id: "zte", en: "ZTE", hant: "中興通訊", hans: "中兴通讯", aliases: ["中興", "中兴"], role: "hardware"),
    Entry(id: "arista", en: "Arista Networks", hant: nil, hans: nil, aliases: ["Arista"], role: "hardware"),
    Entry(id: "nokia", en: "Nokia", hant: "諾基亞", hans: "诺基亚", aliases: [], role: "telecom"),
    Entry(id: "ericsson", en: "Ericsson", hant: "愛立信", hans: "爱立信", aliases: [], role: "telecom"),
    Entry(id: "vertiv", en: "Vertiv", hant: "維諦", hans: "维谛", aliases: [], role: "hardware"),
    Entry(
      id: "delta-electronics", en: "Delta Electronics", hant: "台達電", hans: "台达电", aliases: ["台達", "台达"],
      role: "hardware"),
    Entry(id: "jd", en: "JD.com", hant: "京東", hans: "京东", aliases: ["京東集團", "京东集团"], role: "big_tech"),
    Entry(id: "meituan", en: "Meituan", hant: "美團", hans: "美团", aliases: [], role: "big_tech"),
    Entry(id: "xiaomi", en: "Xiaomi", hant: "小米集團", hans: "小米集团", aliases: ["小米"], role: "big_tech"),
    Entry(id: "kuaishou", en: "Kuaishou", hant: "快手", hans: "快手", aliases: [], role: "big_tech"),
    Entry(id: "netease", en: "NetEase", hant: "網易", hans: "网易", aliases: [], role: "big_tech"),
    Entry(id: "pdd", en: "PDD Holdings", hant: "拼多多", hans: "拼多多", aliases: ["Pinduoduo"], role: "big_tech"),
    Entry(id: "xiaohongshu", en: "Xiaohongshu", hant: "小紅書", hans: "小红书", aliases: ["RedNote"], role: "big_tech"),
    Entry(id: "ant-group", en: "Ant Group", hant: "螞蟻集團", hans: "蚂蚁集团", aliases: [], parent: "alibaba", role: "unit"),
    Entry(
      id: "volcano-engine", en: "Volcano Engine", hant: "火山引擎", hans: "火山引擎", aliases: [], parent: "bytedance",
      role: "unit"),
    Entry(
      id: "tencent-cloud", en: "Tencent Cloud", hant: "騰訊雲", hans: "腾讯云", aliases: [], parent: "tencent", role: "unit"),
    Entry(
      id: "baidu-cloud", en: "Baidu AI Cloud", hant: "百度智能雲", hans: "百度智能云", aliases: ["百度雲", "百度云"], parent: "baidu",
      role: "unit"),
    Entry(
      id: "huawei-cloud", en: "Huawei Cloud", hant: "華為雲", hans: "华为云", aliases: [], parent: "huawei", role: "unit"),
    Entry(
      id: "china-mobile", en: "China Mobile", hant: "中國移動", hans: "中国移动", aliases: ["中移動", "中移动"], role: "telecom"),
    Entry(id: "china-telecom", en: "China Telecom", hant: "中國電信", hans: "中国电信", aliases: [], role: "telecom"),
    Entry(id: "china-unicom", en: "China Unicom", hant: "中國聯通", hans: "中国联通", aliases: [], role: "telecom"),
    Entry(id: "chunghwa-telecom", en: "Chunghwa Telecom", hant: "中華電信", hans: "中华电信", aliases: [], role: "telecom"),
    Entry(id: "ntt", en: "NTT", hant: nil, hans: nil, aliases: ["NTT Data", "日本電信電話"], role: "telecom"),
    Entry(id: "kddi", en: "KDDI", hant: nil, hans: nil, aliases: [], role: "telecom"),
    Entry(id: "t-mobile", en: "T-Mobile", hant: nil, hans: nil, aliases: [], role: "telecom"),
    Entry(id: "verizon", en: "Verizon", hant: nil, hans: nil, aliases: [], role: "telecom"),
    Entry(id: "att", en: "AT&T", hant: nil, hans: nil, aliases: [], role: "telecom"),
    Entry(id: "snowflake", en: "Snowflake", hant: nil, hans: nil, aliases: [], role: "software"),
    Entry(
      id: "palantir", en: "Palantir", hant: "Palantir", hans: "Palantir", aliases: ["Palantir Technologies"],
      role: "software"),
    Entry(id: "servicenow", en: "ServiceNow", hant: nil, hans: nil, aliases: [], role: "software"),
    Entry(id: "adobe", en: "Adobe", hant: nil, hans: nil, aliases: [], role: "software"),
    Entry(id: "sap", en: "SAP", hant: nil, hans: nil, aliases: [], role: "software"),
    Entry(id: "shopify", en: "Shopify", hant: nil, hans: nil, aliases: [], role: "software"),
    Entry(id: "uber", en: "Uber", hant: nil, hans: nil, aliases: [], role: "big_tech"),
    Entry(id: "spacex", en: "SpaceX", hant: nil, hans: nil, aliases: [], role: "big_tech"),
    Entry(id: "x-corp", en: "X Corp", hant: nil, hans: nil, aliases: [], role: "big_tech"),
    Entry(id: "sony", en: "Sony", hant: "索尼", hans: "索尼", aliases: [], role: "big_tech"),
    Entry(id: "hitachi", en: "Hitachi", hant: "日立", hans: "日立", aliases: [], role: "big_tech"),
    Entry(id: "fujitsu", en: "Fujitsu", hant: "富士通", hans: "富士通", aliases: [], role: "big_tech"),
    Entry(id: "toyota", en: "Toyota", hant: "豐田", hans: "丰田", aliases: [], role: "big_tech"),
    Entry(id: "sk-telecom", en: "SK Telecom", hant: nil, hans: nil, aliases: ["SKT"], role: "telecom"),
    Entry(id: "sk-group", en: "SK Group", hant: "SK集團", hans: "SK集团", aliases: [], role: "big_tech"),
    Entry(id: "naver", en: "Naver", hant: nil, hans: nil, aliases: [], role: "big_tech"),
    Entry(id: "reliance", en: "Reliance Industries", hant: nil, hans: nil, aliases: ["Jio"], role: "big_tech"),
    Entry(id: "yandex", en: "Yandex", hant: nil, hans: nil, aliases: [], role: "big_tech"),
    Entry(
      id: "openai-stargate-uae", en: "Stargate UAE", hant: nil, hans: nil, aliases: [], parent: "stargate", role: "unit"
    ),
    Entry(id: "iren", en: "IREN", hant: nil, hans: nil, aliases: ["Iris Energy", "IREN Ltd"], role: "cloud"),
    Entry(id: "applied-digital", en: "Applied Digital", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "core-scientific", en: "Core Scientific", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "cipher-mining", en: "Cipher Mining", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "terawulf", en: "TeraWulf", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "galaxy-digital", en: "Galaxy Digital", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "hut-8", en: "Hut 8", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "fluidstack", en: "Fluidstack", hant: nil, hans: nil, aliases: ["FluidStack"], role: "cloud"),
    Entry(id: "together-ai", en: "Together AI", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "firmus", en: "Firmus", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "vantage", en: "Vantage Data Centers", hant: nil, hans: nil, aliases: ["Vantage"], role: "cloud"),
    Entry(id: "equinix", en: "Equinix", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "digital-realty", en: "Digital Realty", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "qts", en: "QTS Data Centers", hant: nil, hans: nil, aliases: ["QTS"], role: "cloud"),
    Entry(id: "aligned", en: "Aligned Data Centers", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "related-digital", en: "Related Digital", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "stack-infrastructure", en: "Stack Infrastructure", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "datavolt", en: "DataVolt", hant: nil, hans: nil, aliases: [], role: "cloud"),
    Entry(id: "gds", en: "GDS Holdings", hant: "萬國數據", hans: "万国数据", aliases: ["GDS"], role: "cloud"),
    Entry(id: "entergy", en: "Entergy", hant: nil, hans: nil, aliases: [], role: "utility"),
    Entry(id: "constellation", en: "Constellation Energy", hant: nil, hans: nil, aliases: [], role: "utility"),
    Entry(id: "nextera", en: "NextEra Energy", hant: nil, hans: nil, aliases: ["NextEra"], role: "utility"),
    Entry(id: "talen", en: "Talen Energy", hant: nil, hans: nil, aliases: [], role: "utility"),
    Entry(id: "oklo", en: "Oklo", hant: nil, hans: nil, aliases: [], role: "utility"),
    Entry(id: "dst-global", en: "DST Global", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "general-catalyst", en: "General Catalyst", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "index-ventures", en: "Index Ventures", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(
      id: "lightspeed", en: "Lightspeed Venture Partners", hant: nil, hans: nil, aliases: ["Lightspeed"],
      role: "investor"),
    Entry(id: "kleiner-perkins", en: "Kleiner Perkins", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "accel", en: "Accel", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "khosla", en: "Khosla Ventures", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "greenoaks", en: "Greenoaks", hant: nil, hans: nil, aliases: ["Greenoaks Capital"], role: "investor"),
    Entry(id: "coatue", en: "Coatue", hant: nil, hans: nil, aliases: ["Coatue Management"], role: "investor"),
    Entry(
      id: "iconiq", en: "ICONIQ", hant: nil, hans: nil, aliases: ["ICONIQ Growth", "ICONIQ Capital"], role: "investor"),
    Entry(id: "insight-partners", en: "Insight Partners", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "founders-fund", en: "Founders Fund", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "gv", en: "GV", hant: nil, hans: nil, aliases: ["Google Ventures"], parent: "google", role: "unit"),
    Entry(id: "menlo-ventures", en: "Menlo Ventures", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "spark-capital", en: "Spark Capital", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "bessemer", en: "Bessemer Venture Partners", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "ivp", en: "IVP", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "altimeter", en: "Altimeter Capital", hant: nil, hans: nil, aliases: ["Altimeter"], role: "investor"),
    Entry(
      id: "dragoneer", en: "Dragoneer", hant: nil, hans: nil, aliases: ["Dragoneer Investment Group"], role: "investor"),
    Entry(id: "d1-capital", en: "D1 Capital Partners", hant: nil, hans: nil, aliases: ["D1 Capital"], role: "investor"),
    Entry(id: "valor", en: "Valor Equity Partners", hant: nil, hans: nil, aliases: ["Valor Capital"], role: "investor"),
    Entry(
      id: "stepstone", en: "StepStone Group", hant: nil, hans: nil,
      aliases: ["Stepstone Group", "StepStone", "Stepstone"], role: "investor"),
    Entry(
      id: "baron-capital", en: "Baron Capital Group", hant: nil, hans: nil, aliases: ["Baron Capital"], role: "investor"
    ),
    Entry(id: "ark-invest", en: "ARK Invest", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "nventures", en: "NVentures", hant: nil, hans: nil, aliases: [], parent: "nvidia", role: "unit"),
    Entry(id: "intel-capital", en: "Intel Capital", hant: nil, hans: nil, aliases: [], parent: "intel", role: "unit"),
    Entry(
      id: "salesforce-ventures", en: "Salesforce Ventures", hant: nil, hans: nil, aliases: [], parent: "salesforce",
      role: "unit"),
    Entry(
      id: "cisco-investments", en: "Cisco Investments", hant: nil, hans: nil, aliases: [], parent: "cisco", role: "unit"
    ),
    Entry(id: "m12", en: "M12", hant: nil, hans: nil, aliases: [], parent: "microsoft", role: "unit"),
    Entry(
      id: "qualcomm-ventures", en: "Qualcomm Ventures", hant: nil, hans: nil, aliases: [], parent: "qualcomm",
      role: "unit"),
    Entry(id: "amd-ventures", en: "AMD Ventures", hant: nil, hans: nil, aliases: [], parent: "amd", role: "unit"),
    Entry(
      id: "samsung-catalyst", en: "Samsung Catalyst Fund", hant: nil, hans: nil, aliases: [], parent: "samsung",
      role: "unit"),
    Entry(
      id: "hongshan", en: "HongShan", hant: "紅杉中國", hans: "红杉中国",
      aliases: ["HSG", "Sequoia China", "Sequoia Capital China"], role: "investor"),
    Entry(id: "zhenfund", en: "ZhenFund", hant: "真格基金", hans: "真格基金", aliases: [], role: "investor"),
    Entry(id: "capital-today", en: "Capital Today", hant: "今日資本", hans: "今日资本", aliases: [], role: "investor"),
    Entry(
      id: "meituan-dragonball", en: "Meituan Dragonball", hant: "美團龍珠", hans: "美团龙珠", aliases: [], role: "investor"),
    Entry(id: "idg-capital", en: "IDG Capital", hant: "IDG資本", hans: "IDG资本", aliases: ["IDG"], role: "investor"),
    Entry(
      id: "gaorong", en: "Gaorong Capital", hant: "高榕創投", hans: "高榕创投", aliases: ["高榕資本", "高榕资本", "Gaorong Ventures"],
      role: "investor"),
    Entry(
      id: "hillhouse", en: "Hillhouse", hant: "高瓴", hans: "高瓴",
      aliases: ["高瓴資本", "高瓴资本", "Hillhouse Investment", "Hillhouse Capital"], role: "investor"),
    Entry(id: "qiming", en: "Qiming Venture Partners", hant: "啟明創投", hans: "启明创投", aliases: [], role: "investor"),
    Entry(id: "5y-capital", en: "5Y Capital", hant: "五源資本", hans: "五源资本", aliases: [], role: "investor"),
    Entry(id: "legend-capital", en: "Legend Capital", hant: "君聯資本", hans: "君联资本", aliases: [], role: "investor"),
    Entry(
      id: "source-code-capital", en: "Source Code Capital", hant: "源碼資本", hans: "源码资本", aliases: [], role: "investor"),
    Entry(
      id: "matrix-partners-china", en: "Matrix Partners China", hant: "經緯創投", hans: "经纬创投", aliases: [],
      role: "investor"),
    Entry(
      id: "big-fund", en: "China Integrated Circuit Industry Investment Fund", hant: "國家集成電路產業投資基金",
      hans: "国家集成电路产业投资基金", aliases: ["大基金", "國家大基金", "国家大基金", "Big Fund"], role: "fund"),
    Entry(
      id: "cic", en: "China Investment Corporation", hant: "中國投資有限責任公司", hans: "中国投资有限责任公司", aliases: ["中投公司", "CIC"],
      role: "fund"),
    Entry(
      id: "cicc", en: "CICC", hant: "中金公司", hans: "中金公司", aliases: ["中金", "China International Capital Corporation"],
      role: "bank"),
    Entry(
      id: "shenzhen-capital", en: "Shenzhen Capital Group", hant: "深創投", hans: "深创投", aliases: [], role: "investor"),
    Entry(
      id: "huafa", en: "Zhuhai Huafa Group", hant: "珠海華發集團", hans: "珠海华发集团", aliases: ["華發集團", "华发集团", "珠海華發", "珠海华发"],
      role: "fund"),
    Entry(
      id: "hangzhou-city-investment-fund", en: "Hangzhou City Investment Industrial Fund", hant: "杭州城投產業基金",
      hans: "杭州城投产业基金", aliases: [], role: "fund"),
    Entry(id: "shangcheng-capital", en: "Shangcheng Capital", hant: "上城資本", hans: "上城资本", aliases: [], role: "fund"),
    Entry(id: "blue-owl", en: "Blue Owl Capital", hant: nil, hans: nil, aliases: ["Blue Owl"], role: "investor"),
    Entry(id: "pimco", en: "Pimco", hant: nil, hans: nil, aliases: ["PIMCO", "品浩"], role: "investor"),
    Entry(
      id: "brookfield", en: "Brookfield", hant: "布魯克菲爾德", hans: "布鲁克菲尔德",
      aliases: ["Brookfield Asset Management", "博楓"], role: "investor"),
    Entry(id: "kkr", en: "KKR", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(
      id: "apollo", en: "Apollo Global Management", hant: nil, hans: nil, aliases: ["Apollo Global", "Apollo"],
      role: "investor"),
    Entry(id: "carlyle", en: "Carlyle", hant: "凱雷", hans: "凯雷", aliases: ["Carlyle Group"], role: "investor"),
    Entry(id: "tpg", en: "TPG", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "ares", en: "Ares Management", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "silver-lake", en: "Silver Lake", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "t-rowe-price", en: "T. Rowe Price", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "franklin-templeton", en: "Franklin Templeton", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "wellington", en: "Wellington Management", hant: nil, hans: nil, aliases: [], role: "investor"),
    Entry(id: "vanguard", en: "Vanguard", hant: nil, hans: nil, aliases: ["先鋒領航", "先锋领航"], role: "investor"),
    Entry(id: "goldman-sachs", en: "Goldman Sachs", hant: "高盛", hans: "高盛", aliases: ["Goldman"], role: "bank"),
    Entry(id: "morgan-stanley", en: "Morgan Stanley", hant: "摩根士丹利", hans: "摩根士丹利", aliases: ["大摩"], role: "bank"),
    Entry(
      id: "jpmorgan", en: "JPMorgan Chase", hant: "摩根大通", hans: "摩根大通",
      aliases: ["JPMorgan", "JP Morgan", "J.P. Morgan", "小摩", "摩根大通銀行"], role: "bank"),
    Entry(
      id: "citigroup", en: "Citigroup", hant: "花旗", hans: "花旗", aliases: ["Citi", "Citibank", "花旗集團", "花旗银行"],
      role: "bank"),
    Entry(
      id: "bank-of-america", en: "Bank of America", hant: "美國銀行", hans: "美国银行", aliases: ["BofA", "美銀", "美银"],
      role: "bank"),
    Entry(id: "wells-fargo", en: "Wells Fargo", hant: "富國銀行", hans: "富国银行", aliases: [], role: "bank"),
    Entry(id: "barclays", en: "Barclays", hant: "巴克萊", hans: "巴克莱", aliases: [], role: "bank"),
    Entry(id: "hsbc", en: "HSBC", hant: "匯豐", hans: "汇丰", aliases: ["滙豐", "匯豐銀行", "汇丰银行"], role: "bank"),
    Entry(id: "deutsche-bank", en: "Deutsche Bank", hant: "德意志銀行", hans: "德意志银行", aliases: ["德銀"], role: "bank"),
    Entry(id: "bnp-paribas", en: "BNP Paribas", hant: "法國巴黎銀行", hans: "法国巴黎银行", aliases: ["法巴"], role: "bank"),
    Entry(
      id: "societe-generale", en: "Société Générale", hant: nil, hans: nil, aliases: ["Societe Generale", "SocGen"],
      role: "bank"),
    Entry(id: "ubs", en: "UBS", hant: "瑞銀", hans: "瑞银", aliases: [], role: "bank"),
    Entry(id: "santander", en: "Santander", hant: nil, hans: nil, aliases: ["Banco Santander"], role: "bank"),
    Entry(
      id: "mufg", en: "MUFG", hant: "三菱日聯", hans: "三菱日联", aliases: ["Mitsubishi UFJ", "三菱UFJ", "MUFG Bank"],
      role: "bank"),
    Entry(
      id: "mizuho", en: "Mizuho", hant: "瑞穗", hans: "瑞穗", aliases: ["Mizuho Financial Group", "瑞穗金融集團"], role: "bank"),
    Entry(
      id: "smbc", en: "SMBC", hant: "三井住友", hans: "三井住友",
      aliases: ["Sumitomo Mitsui", "Sumitomo Mitsui Banking Corporation", "三井住友銀行"], role: "bank"),
    Entry(id: "natixis", en: "Natixis", hant: nil, hans: nil, aliases: [], role: "bank"),
    Entry(id: "rbc", en: "RBC", hant: nil, hans: nil, aliases: ["Royal Bank of Canada"], role: "bank"),
    Entry(id: "td", en: "TD Securities", hant: nil, hans: nil, aliases: [], role: "bank"),
    Entry(id: "jefferies", en: "Jefferies", hant: nil, hans: nil, aliases: [], role: "bank"),
    Entry(
      id: "pif", en: "Public Investment Fund", hant: "沙烏地公共投資基金", hans: "沙特公共投资基金",
      aliases: ["PIF", "Saudi Public Investment Fund", "沙烏地主權基金", "沙特主权基金"], role: "fund"),
    Entry(
      id: "qia", en: "Qatar Investment Authority", hant: "卡達投資局", hans: "卡塔尔投资局", aliases: ["QIA", "卡塔爾投資局"],
      role: "fund"),
    Entry(
      id: "adia", en: "Abu Dhabi Investment Authority", hant: "阿布達比投資局", hans: "阿布扎比投资局", aliases: ["ADIA"],
      role: "fund"),
    Entry(id: "adq", en: "ADQ", hant: nil, hans: nil, aliases: [], role: "fund"),
    Entry(id: "kia", en: "Kuwait Investment Authority", hant: "科威特投資局", hans: "科威特投资局", aliases: [], role: "fund"),
    Entry(id: "temasek", en: "Temasek", hant: "淡馬錫", hans: "淡马锡", aliases: ["Temasek Holdings"], role: "fund"),
    Entry(id: "gic", en: "GIC", hant: "新加坡政府投資公司", hans: "新加坡政府投资公司", aliases: [], role: "fund"),
    Entry(
      id: "nbim", en: "Norges Bank Investment Management", hant: nil, hans: nil,
      aliases: ["Norway's sovereign wealth fund", "挪威主權基金", "挪威主权基金"], role: "fund"),
    Entry(id: "bpifrance", en: "Bpifrance", hant: nil, hans: nil, aliases: ["BPI France"], role: "fund"),
    Entry(id: "cdpq", en: "CDPQ", hant: nil, hans: nil, aliases: [], role: "fund"),
    Entry(
      id: "cppib", en: "CPP Investments", hant: nil, hans: nil, aliases: ["Canada Pension Plan Investment Board"],
      role: "fund"),
    Entry(
      id: "us-government", en: "U.S. government", hant: "美國政府", hans: "美国政府",
      aliases: [
        "US government", "U.S. Government", "United States government", "Trump administration",
        "the Trump administration", "川普政府", "特朗普政府", "美國聯邦政府", "美国联邦政府",
      ], role: "government"),
    Entry(
      id: "japan-government", en: "Japanese government", hant: "日本政府", hans: "日本政府", aliases: [], role: "government"),
    Entry(id: "saudi-aramco", en: "Saudi Aramco", hant: "沙烏地阿美", hans: "沙特阿美", aliases: ["Aramco"], role: "big_tech"),
  ]
}
