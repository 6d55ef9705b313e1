import LoopLedger

/// The companies an extractor recognizes: a ledger's companies plus ``CompanyDirectory``, with
/// every name and alias folded for matching in English, Traditional and Simplified Chinese.
public struct CompanyCatalog: Sendable {
  /// Every company, ledger companies first.
  public let companies: [Company]
  private let index: [CompanyID: Int]
  /// Each company's group (the top of its parent chain), computed once.
  private let groups: [CompanyID: CompanyID]
  /// Folded alias → company index, for building the matcher.
  let aliases: [(folded: [UInt32], written: String, company: Int)]

  /// A catalog of `ledger`'s companies, extended by the built-in directory unless `builtIn` is false.
  public init(ledger: Ledger?, builtIn: Bool = true) {
    var companies: [Company] = ledger?.companies ?? []
    var taken: [String: Int] = [:]
    var ids = Set(companies.map(\.id))
    func names(of company: Company) -> [String] {
      var result = [company.names.english]
      if let hant = company.names.traditionalChinese { result.append(hant) }
      if let hans = company.names.simplifiedChinese { result.append(hans) }
      result.append(contentsOf: company.aliases)
      result.append(contentsOf: CompanyDirectory.descriptions[company.id] ?? [])
      return result
    }
    for (position, company) in companies.enumerated() {
      for name in names(of: company) { taken[ChineseFold.foldedString(name), default: position] = position }
    }
    if builtIn {
      for company in CompanyDirectory.builtIn where !ids.contains(company.id) {
        let folded = names(of: company).map(ChineseFold.foldedString)
        // A name the ledger already gives another company keeps its meaning there.
        if folded.contains(where: { taken[$0] != nil }) { continue }
        // A unit whose parent the ledger lacks stays a unit of a built-in parent, which must exist.
        let position = companies.count
        companies.append(company)
        ids.insert(company.id)
        for name in folded { taken[name, default: position] = position }
      }
    }
    self.companies = companies
    let index = Dictionary(companies.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.index = index
    var groups: [CompanyID: CompanyID] = [:]
    for company in companies {
      var current = company.id
      var seen: Set<CompanyID> = [current]
      while let position = index[current], let parent = companies[position].parent, index[parent] != nil,
        seen.insert(parent).inserted
      {
        current = parent
      }
      groups[company.id] = current
    }
    self.groups = groups
    var aliases: [(folded: [UInt32], written: String, company: Int)] = []
    var seen = Set<String>()
    for (position, company) in companies.enumerated() {
      for name in names(of: company) {
        let trimmed = name.trimmingSpaces
        guard trimmed.unicodeScalars.count >= 2 else { continue }
        let key = ChineseFold.foldedString(trimmed)
        guard taken[key] == position || taken[key] == nil, seen.insert(key).inserted else { continue }
        aliases.append((ChineseFold.fold(trimmed), trimmed, position))
      }
    }
    self.aliases = aliases
  }

  public func company(_ id: CompanyID) -> Company? { index[id].map { companies[$0] } }

  /// The top of the parent chain.
  public func group(of id: CompanyID) -> CompanyID { groups[id] ?? id }

  /// The company's role, or its group's when it is a unit.
  func role(of id: CompanyID) -> String? { company(id)?.role }

  /// Whether `unit` is `parent` or a unit below it.
  func isUnit(_ unit: CompanyID, of parent: CompanyID) -> Bool {
    unit != parent && group(of: unit) == group(of: parent) && company(unit)?.parent != nil
  }

  /// The cloud unit of a group (AWS for Amazon, Azure for Microsoft, Google Cloud for Google), if
  /// it has exactly one unit whose names say cloud.
  func cloudUnit(of group: CompanyID) -> CompanyID? {
    let cloudWords = ["cloud", "azure", "web services", "aws", "雲", "云"]
    let units = companies.filter { company in
      company.parent == group
        && ([company.names.english, company.id.rawValue] + company.aliases).contains { name in
          let lower = name.lowercased()
          return cloudWords.contains { lower.contains($0) }
        }
    }
    return units.count == 1 ? units.first?.id : nil
  }

  /// Resolves an English (or any) name to a company id: exact names and aliases, then folded.
  public func resolve(name: String) -> CompanyID? {
    let folded = ChineseFold.foldedString(name.trimmingSpaces)
    for company in companies where ChineseFold.foldedString(company.id.rawValue) == folded {
      return company.id
    }
    for alias in aliases where ChineseFold.foldedString(alias.written) == folded {
      return companies[alias.company].id
    }
    return nil
  }
}

extension String {
  var trimmingSpaces: String {
    var scalars = Array(unicodeScalars)
    while let last = scalars.last, last == " " || last == "\t" || last == "\n" { scalars.removeLast() }
    var start = 0
    while start < scalars.count, scalars[start] == " " || scalars[start] == "\t" || scalars[start] == "\n" {
      start += 1
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[start...])
    return String(view)
  }
}
