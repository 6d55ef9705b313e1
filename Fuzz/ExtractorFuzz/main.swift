import LoopLedger

let extractor = DealExtractor(ledger: nil)

// libFuzzer entry point: extract candidates from arbitrary bytes (text or HTML) and check that
// every quote is the article's text at its span.
@_cdecl("LLVMFuzzerTestOneInput")
public func extractorFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let result = extractor.extract(text, file: "fuzz", date: PartialDate(year: 2025, month: 12, day: 17))
  let plain = ArticleText(result.text)
  for candidate in result.candidates {
    precondition(candidate.span.lowerBound >= 0 && candidate.span.upperBound <= plain.count, "span outside the text")
    precondition(plain.slice(candidate.span) == candidate.quote, "quote is not the text at its span")
    precondition(candidate.confidence >= 0 && candidate.confidence <= 1, "confidence out of range")
    precondition(candidate.payer.id != candidate.payee.id, "payer is payee")
  }
  return 0
}
