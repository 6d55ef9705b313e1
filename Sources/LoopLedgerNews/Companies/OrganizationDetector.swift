import LoopLedger

/// Finds English names of organisations that no catalog knows but that the text itself marks as
/// organisations: a run of capitalized words ending in a corporate word ("Valor Equity Partners",
/// "Baron Capital Group", "Qatar Investment Authority", "Vantage Data Centers"), or a capitalized
/// name right after a role noun ("data center operator IREN", "the lender Mizuho", "AI startup
/// Humain").
///
/// One forward pass over the words of the text. Names that overlap a company the lexicon already
/// found are left to the lexicon.
enum OrganizationDetector {
  struct Found: Equatable {
    var range: Range<Int>
    var name: String
    /// A role guessed from the corporate word or the role noun (`investor`, `bank`, `cloud` …).
    var role: String?
  }

  /// Corporate words that end an organisation's name, with the role they suggest.
  static let suffixes: [String: String?] = [
    "capital": "investor", "partners": "investor", "ventures": "investor", "fund": "investor",
    "funds": "investor", "management": "investor", "investments": "investor", "investment": "investor",
    "holdings": "investor", "authority": "fund", "equity": "investor", "advisors": "investor",
    "bank": "bank", "securities": "bank", "financial": "bank", "group": nil, "technologies": nil,
    "systems": nil, "labs": "ai_lab", "energy": "utility", "power": "utility", "corp": nil,
    "corporation": nil, "inc": nil, "ltd": nil, "llc": nil, "plc": nil, "ag": nil, "infrastructure": "cloud",
    "centers": "cloud", "centres": "cloud", "cloud": "cloud", "computing": "cloud", "robotics": "ai_lab",
  ]

  /// Role nouns that an organisation's name may follow ("data center operator IREN").
  static let roleNouns: [String: String] = [
    "startup": "ai_lab", "start-up": "ai_lab", "lab": "ai_lab", "firm": "", "company": "", "operator": "cloud",
    "developer": "cloud", "provider": "cloud", "neocloud": "cloud", "lender": "bank", "bank": "bank",
    "banks": "bank", "fund": "investor", "investor": "investor", "manager": "investor", "maker": "hardware",
    "manufacturer": "hardware", "chipmaker": "chips", "designer": "chips", "utility": "utility", "group": "",
    "conglomerate": "", "insurer": "investor",
  ]

  /// Capitalized words that do not start a name.
  static let stopWords: Set<String> = [
    "The", "A", "An", "And", "But", "Or", "Its", "Their", "His", "Her", "This", "That", "These", "Those", "In",
    "On", "At", "For", "Of", "With", "By", "From", "To", "As", "If", "When", "While", "After", "Before",
    "Under", "Besides", "Meanwhile", "However", "Last", "Next", "Yesterday", "Today", "It", "He", "She", "They",
    "We", "Our", "Both", "Each", "Some", "Many", "Several", "Other", "Such", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "CEO", "Chief", "President", "Mr",
    "Ms", "Series", "Round", "Reuters", "Bloomberg", "According",
  ]
  static let connectors: Set<String> = ["&", "of", "and", "for", "de"]

  static func find(_ text: ArticleText, known: [Token]) -> [Found] {
    let scalars = text.scalars
    let n = scalars.count
    // Words: runs of letters, digits and & ' - . inside a word.
    var words: [(range: Range<Int>, word: String)] = []
    var i = 0
    while i < n {
      let v = text.folded[i]
      guard Scalar.isASCIILetter(v) || Scalar.isDigit(v) || v == 0x26 else {
        i += 1
        continue
      }
      var j = i
      while j < n {
        let c = text.folded[j]
        if Scalar.isASCIILetter(c) || Scalar.isDigit(c) || c == 0x26 {
          j += 1
        } else if (c == 0x2D || c == 0x2E || c == 0x27 || c == 0x2019), j + 1 < n,
          Scalar.isASCIILetter(text.folded[j + 1])
        {
          j += 1
        } else {
          break
        }
      }
      words.append((i..<j, text.slice(i..<j)))
      i = j
    }
    var knownRanges = known.compactMap { token -> Range<Int>? in
      if case .company = token.tag { return token.range }
      return nil
    }
    knownRanges.sort { $0.lowerBound < $1.lowerBound }
    func overlapsKnown(_ range: Range<Int>) -> Bool {
      // Binary search for the first known range ending after range.lowerBound.
      var low = 0
      var high = knownRanges.count
      while low < high {
        let mid = (low + high) / 2
        if knownRanges[mid].upperBound <= range.lowerBound { low = mid + 1 } else { high = mid }
      }
      return low < knownRanges.count && knownRanges[low].lowerBound < range.upperBound
    }
    func isCapitalized(_ word: String) -> Bool {
      guard let first = word.unicodeScalars.first else { return false }
      return Scalar.isUppercase(first) || Scalar.isDigit(first.value)
    }
    func spaceOnly(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
      b.lowerBound - a.upperBound == 1 && scalars[a.upperBound] == " "
    }

    var found: [Found] = []
    var k = 0
    while k < words.count {
      guard isCapitalized(words[k].word) else {
        k += 1
        continue
      }
      // The run of capitalized words (with connectors inside) from k.
      var end = k
      while end + 1 < words.count, spaceOnly(words[end].range, words[end + 1].range) {
        let next = words[end + 1].word
        if isCapitalized(next) {
          end += 1
        } else if connectors.contains(next), end + 2 < words.count, isCapitalized(words[end + 2].word),
          spaceOnly(words[end + 1].range, words[end + 2].range)
        {
          end += 2
        } else {
          break
        }
        if end - k >= 6 { break }
      }
      var start = k
      while start <= end, stopWords.contains(words[start].word) { start += 1 }
      defer { k = end + 1 }
      guard start <= end else { continue }
      let last = words[end].word.lowercased()
      var role: String?? = nil
      if end > start, let suffixRole = suffixes[last] {
        role = .some(suffixRole)
      } else if end - start <= 2, start > 0, spaceOnly(words[start - 1].range, words[start].range),
        let nounRole = roleNouns[words[start - 1].word.lowercased()], !isCapitalized(words[start - 1].word)
      {
        role = .some(nounRole.isEmpty ? nil : nounRole)
      }
      guard let role else { continue }
      let range = words[start].range.lowerBound..<words[end].range.upperBound
      guard !overlapsKnown(range) else { continue }
      found.append(Found(range: range, name: text.slice(range), role: role))
    }
    return found
  }
}
