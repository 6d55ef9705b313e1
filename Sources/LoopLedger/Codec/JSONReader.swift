import Foundation

/// Where a value sits in a file: the entry (a ledger's `deals[3] (id)`; empty in files without
/// entries) and the key path inside it (`amount.low`, `revenue.growth[1].distribution`).
struct JSONPlace: Sendable, Equatable {
  var entry: String
  var path: String

  init(entry: String = "", path: String = "") {
    self.entry = entry
    self.path = path
  }

  func key(_ name: String) -> JSONPlace {
    JSONPlace(entry: entry, path: path.isEmpty ? name : path + "." + name)
  }

  func index(_ position: Int) -> JSONPlace {
    JSONPlace(entry: entry, path: path + "[\(position)]")
  }
}

/// The one reader of LoopLedger's JSON formats (ledgers, projection and stress scenarios): it
/// parses a file with the place of every value, then walks it, building values and collecting
/// every problem as a ``LedgerIssue`` with file, line:column, entry, key path and words.
///
/// Numbers are checked against their ``NumberRule``; unknown keys get the nearest known key as a
/// suggestion; a key written twice is an issue naming both places.
struct JSONReader {
  let file: String
  private(set) var issues: [LedgerIssue] = []

  init(file: String) { self.file = file }

  /// Parses `data`.
  ///
  /// A syntax error becomes the only issue and gives nil; duplicate keys become issues and the
  /// first of each is kept.
  mutating func parse(_ data: Data) -> JSONNode? {
    let document: JSONDocument
    do {
      document = try JSONDocument.parse(data)
    } catch let error as JSONSyntaxError {
      issues.append(
        LedgerIssue(
          file: file, problem: error.position == nil ? error.problem : "not valid JSON: " + error.problem,
          at: error.position))
      return nil
    } catch {
      issues.append(LedgerIssue(file: file, problem: "not valid JSON", at: nil))
      return nil
    }
    for duplicate in document.duplicates {
      let place = JSONPlace(path: duplicate.objectPath).key(duplicate.key)
      report(
        place, at: duplicate.second,
        "the key \"\(VisibleText.escape(duplicate.key, newlines: false))\" is written twice in one object (first at \(duplicate.first)); keep one"
      )
    }
    return document.root
  }

  mutating func report(_ place: JSONPlace, at position: TextPosition?, _ problem: String) {
    issues.append(LedgerIssue(file: file, entry: place.entry, field: place.path, problem: problem, at: position))
  }

  mutating func report(_ place: JSONPlace, _ node: JSONNode, _ problem: String) {
    report(place, at: node.position, problem)
  }

  // The value readers take their place as an autoclosure: a key path is text, and building it
  // for every value read, not just for the few with a problem, was a large part of a big file's
  // reading time.

  // MARK: - Shapes

  mutating func object(_ node: JSONNode, _ place: JSONPlace) -> JSONObject? {
    guard case .object(let object) = node.value else {
      report(place, node, "must be an object; found \(describe(node))")
      return nil
    }
    return object
  }

  mutating func array(_ node: JSONNode, _ place: JSONPlace) -> [JSONNode]? {
    guard case .array(let items) = node.value else {
      report(place, node, "must be an array; found \(describe(node))")
      return nil
    }
    return items
  }

  /// Reports every key of `object` that is not in `allowed`, with the nearest allowed key.
  mutating func checkKeys(_ object: JSONObject, _ place: JSONPlace, allowed: [String]) {
    for member in object.members where !allowed.contains(member.key) {
      let suggestion = allowed.min { distance(member.key, $0) < distance(member.key, $1) }
      let problem: String
      if let suggestion, distance(member.key, suggestion) <= max(2, member.key.count / 3) {
        problem = "unknown key; did you mean '\(suggestion)'?"
      } else {
        problem = "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))"
      }
      report(place.key(VisibleText.escape(member.key, newlines: false)), at: member.keyPosition, problem)
    }
  }

  /// Reports a missing key at the object's place.
  mutating func missing(_ object: JSONObject, _ key: String, _ place: JSONPlace, _ problem: String = "missing") {
    report(place.key(key), at: object.position, problem)
  }

  /// Whether `key` is absent or null.
  func isAbsent(_ object: JSONObject, _ key: String) -> Bool {
    guard let node = object[key] else { return true }
    return node.value == .null
  }

  // MARK: - Values

  mutating func string(_ node: JSONNode, _ place: @autoclosure () -> JSONPlace) -> String? {
    guard case .string(let text) = node.value else {
      report(place(), node, "must be a string; found \(describe(node))")
      return nil
    }
    return text
  }

  /// A string member; nil (and an issue when `required`) when absent or null.
  mutating func string(
    _ object: JSONObject, _ key: String, _ place: JSONPlace, required: Bool = false, missing: String = "missing"
  ) -> String? {
    guard let node = object[key], node.value != .null else {
      if required { self.missing(object, key, place, missing) }
      return nil
    }
    return string(node, place.key(key))
  }

  mutating func number(_ node: JSONNode, _ place: @autoclosure () -> JSONPlace, _ rule: NumberRule) -> Double? {
    guard case .number(let value, let text) = node.value else {
      report(place(), node, "must be a number; found \(describe(node))")
      return nil
    }
    if let problem = rule.problem(value, written: text) {
      report(place(), node, problem)
      return nil
    }
    return value
  }

  /// A number member checked against its rule; nil (and an issue when `required`) when absent.
  mutating func number(
    _ object: JSONObject, _ key: String, _ place: JSONPlace, _ rule: NumberRule, required: Bool = false,
    missing: String = "missing"
  ) -> Double? {
    guard let node = object[key], node.value != .null else {
      if required { self.missing(object, key, place, missing) }
      return nil
    }
    return number(node, place.key(key), rule)
  }

  mutating func bool(_ node: JSONNode, _ place: @autoclosure () -> JSONPlace) -> Bool? {
    guard case .bool(let value) = node.value else {
      report(place(), node, "must be true or false; found \(describe(node))")
      return nil
    }
    return value
  }

  mutating func enumeration<T: RawRepresentable & CaseIterable>(
    _ node: JSONNode, _ place: @autoclosure () -> JSONPlace
  ) -> T?
  where T.RawValue == String {
    // The list of allowed words only for a message: built per call, it cost more than the rest.
    var allowed: String { T.allCases.map(\.rawValue).joined(separator: ", ") }
    guard case .string(let text) = node.value else {
      report(place(), node, "must be one of \(allowed); found \(describe(node))")
      return nil
    }
    guard let value = T(rawValue: text) else {
      report(place(), node, "\(describe(node)) is not one of \(allowed)")
      return nil
    }
    return value
  }

  mutating func enumeration<T: RawRepresentable & CaseIterable>(
    _ object: JSONObject, _ key: String, _ place: JSONPlace, required: Bool = false
  ) -> T? where T.RawValue == String {
    guard let node = object[key], node.value != .null else {
      if required { missing(object, key, place) }
      return nil
    }
    return enumeration(node, place.key(key))
  }

  /// An array of strings; wrong items are reported and left out.
  mutating func stringList(_ object: JSONObject, _ key: String, _ place: JSONPlace) -> [String] {
    guard let node = object[key], node.value != .null else { return [] }
    guard case .array(let items) = node.value else {
      report(place.key(key), node, "must be an array of strings; found \(describe(node))")
      return []
    }
    var result: [String] = []
    for (index, item) in items.enumerated() {
      if let text = string(item, place.key(key).index(index)) { result.append(text) }
    }
    return result
  }

  // MARK: - Words

  /// A value as a message shows it: a string quoted (control characters escaped, long text cut),
  /// a number as written, otherwise its type.
  func describe(_ node: JSONNode) -> String {
    switch node.value {
    case .string(let text):
      let cut = text.count > 60 ? String(text.prefix(60)) + "…" : text
      return "\"\(VisibleText.escape(cut, newlines: false))\""
    case .number(_, let text): return text
    case .bool(let value): return value ? "true" : "false"
    default: return node.value.typeName
    }
  }
}

/// Levenshtein distance, case-insensitive, for "did you mean" hints.
func distance(_ a: String, _ b: String) -> Int {
  let x = Array(a.lowercased())
  let y = Array(b.lowercased())
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  if x.count > 64 { return x.count }
  var previous = Array(0...y.count)
  for i in 1...x.count {
    var current = [i] + Array(repeating: 0, count: y.count)
    for j in 1...y.count {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[y.count]
}
