import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

// Checks shared by every suite: what a successful run, a usage error and a failed run look like
// from the outside.

/// The run succeeded: exit status 0, nothing on standard error.
func expectSuccess(_ run: CLI.Run, quietStderr: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(run.status == Exit.ok && !run.signalled, "\(run)", sourceLocation: sourceLocation)
  if quietStderr {
    #expect(run.stderr.isEmpty, "a successful run wrote to stderr: \(run.stderr)", sourceLocation: sourceLocation)
  }
}

/// The run was refused as a usage error (status 64): nothing on standard output, and standard
/// error says what was wrong, naming each of `mentions` (the flag, the value, the file).
func expectUsageError(_ run: CLI.Run, mentions: [String], sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(run.status == Exit.usage && !run.signalled, "\(run)", sourceLocation: sourceLocation)
  expectErrorOnStderr(run, mentions: mentions, sourceLocation: sourceLocation)
}

/// The run failed (status 1): nothing on standard output, and standard error names each of
/// `mentions`.
func expectFailure(_ run: CLI.Run, mentions: [String], sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(run.status == Exit.failure && !run.signalled, "\(run)", sourceLocation: sourceLocation)
  expectErrorOnStderr(run, mentions: mentions, sourceLocation: sourceLocation)
}

/// Errors go to standard error, never to standard output, and name what they are about.
func expectErrorOnStderr(_ run: CLI.Run, mentions: [String], sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(run.stdout.isEmpty, "an error run wrote to stdout: \(run.stdout.prefix(300))", sourceLocation: sourceLocation)
  #expect(!run.stderr.isEmpty, "an error run wrote nothing to stderr", sourceLocation: sourceLocation)
  for word in mentions {
    #expect(
      run.stderr.contains(word), "stderr does not mention '\(word)': \(run.stderr)", sourceLocation: sourceLocation)
  }
}

/// The process ended by itself with a status, not by a crash (a trap, a fatal error).
func expectNoCrash(_ run: CLI.Run, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(!run.signalled, "the process crashed: \(run)", sourceLocation: sourceLocation)
  #expect(
    !run.stderr.contains("Fatal error"), "the process hit a fatal error: \(run.stderr.prefix(300))",
    sourceLocation: sourceLocation)
}

extension CLI.Run {
  /// Standard output decoded as `T` (fields not named in `T` are ignored).
  func decode<T: Decodable>(_ type: T.Type, sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
    do {
      return try JSONDecoder().decode(T.self, from: stdoutData)
    } catch {
      Issue.record(
        "stdout of `loopledger \(arguments.joined(separator: " "))` does not decode as \(T.self): \(error)\n\(stdout.prefix(500))",
        sourceLocation: sourceLocation)
      throw error
    }
  }

  /// Lines of standard output.
  var lines: [Substring] { stdout.split(separator: "\n", omittingEmptySubsequences: false) }
}

/// Decodes a file as `T`.
func decodeFile<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
  try JSONDecoder().decode(T.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
}

/// A well-formed XML document whose root element is `svg`; returns the root's attributes or nil.
func svgRoot(_ text: String) -> [String: String]? {
  final class Root: NSObject, XMLParserDelegate {
    var name: String?
    var attributes: [String: String] = [:]
    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
      if name == nil {
        name = elementName
        attributes = attributeDict
      }
    }
  }
  let parser = XMLParser(data: Data(text.utf8))
  let root = Root()
  parser.delegate = root
  guard parser.parse(), root.name == "svg" else { return nil }
  return root.attributes
}

/// Distinct `id="loop-N"` elements of a loop map.
func loopIDs(inSVG text: String) -> Set<Int> {
  var found: Set<Int> = []
  var rest = Substring(text)
  while let range = rest.range(of: "id=\"loop-") {
    rest = rest[range.upperBound...]
    let digits = rest.prefix { $0.isNumber }
    if let number = Int(digits), rest.dropFirst(digits.count).first == "\"" { found.insert(number) }
  }
  return found
}

/// Whether `text` contains a CJK ideograph.
func containsHan(_ text: String) -> Bool {
  text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
}
