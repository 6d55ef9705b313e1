import LoopLedger

// libFuzzer entry point: parse every amount of arbitrary bytes (decoded as UTF-8, repaired),
// and check the invariants every result must keep.
@_cdecl("LLVMFuzzerTestOneInput")
public func amountParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let article = ArticleText(text)
  let found = AmountParser.parse(article, in: 0..<article.count)
  var previousEnd = 0
  for amount in found {
    precondition(amount.range.lowerBound >= 0 && amount.range.upperBound <= article.count, "range outside the text")
    precondition(amount.range.lowerBound >= previousEnd - 64, "amounts go backwards")
    previousEnd = amount.range.upperBound
    let a = amount.amount
    if let value = a.value { precondition(value.isFinite && value >= 0, "bad value") }
    if let low = a.low, let high = a.high { precondition(low <= high, "low above high") }
    precondition(a.currency != nil, "money without a currency")
  }
  return 0
}
