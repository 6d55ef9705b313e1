import Foundation
import LoopLedger
import Testing

@testable import LoopLedgerNews

@Suite("Chinese fold")
struct ChineseFoldTests {
  private func fold(_ character: Character) -> Character {
    let values = ChineseFold.fold(String(character))
    return Character(Unicode.Scalar(values[0])!)
  }

  /// Every Unicode scalar value: the BMP without surrogates, and the supplementary planes.
  private var allScalars: [UInt32] {
    Array(0..<0xD800) + Array(0xE000...0x10FFFF)
  }

  @Test func asciiIsLowerCasedAndNothingElse() {
    for value in UInt32(0)..<0x80 {
      let scalar = Unicode.Scalar(value)!
      let expected = String(scalar).lowercased().unicodeScalars.first!.value
      #expect(ChineseFold.fold(value) == expected, "U+\(String(value, radix: 16))")
    }
  }

  @Test func fullWidthFormsFoldLikeTheirCompatibilityDecomposition() {
    // Unicode's NFKC maps each of ！ … ～ to one ASCII character; the fold then lower-cases it.
    for value in UInt32(0xFF01)...0xFF5E {
      let compatible = String(Unicode.Scalar(value)!).precomposedStringWithCompatibilityMapping
      #expect(compatible.unicodeScalars.count == 1)
      let expected = compatible.lowercased().unicodeScalars.first!.value
      #expect(ChineseFold.fold(value) == expected, "U+\(String(value, radix: 16))")
    }
    #expect(ChineseFold.foldedString("ＯｐｅｎＡＩ　１００億") == "openai 100亿")
  }

  @Test func latinOneCapitalsAreLowerCased() {
    for value in UInt32(0xC0)...0xDE where value != 0xD7 {
      let lower = String(Unicode.Scalar(value)!).lowercased().unicodeScalars
      #expect(lower.count == 1 && ChineseFold.fold(value) == lower.first!.value, "U+\(String(value, radix: 16))")
    }
    #expect(ChineseFold.fold(0xD7) == 0xD7)  // ×
    #expect(ChineseFold.foldedString("SOCIÉTÉ Générale") == "société générale")
  }

  @Test func typographicPunctuationBecomesPlain() {
    #expect(ChineseFold.foldedString("“OpenAI” ‘AWS’ — – ‑ −") == "\"openai\" 'aws' - - - -")
    #expect(ChineseFold.foldedString("a\u{00A0}b\u{3000}c\u{200B}d") == "a b c d")
    #expect(ChineseFold.foldedString("｡､﹐﹑") == "。、,、")
  }

  @Test func traditionalAndVariantCharactersFoldToSimplified() {
    let cases: [(Character, Character)] = [
      ("亞", "亚"), ("馬", "马"), ("遜", "逊"), ("億", "亿"), ("與", "与"), ("資", "资"), ("軟", "软"),
      ("輝", "辉"), ("達", "达"), ("臺", "台"), ("灣", "湾"), ("裡", "里"), ("裏", "里"), ("乾", "干"),
      ("幹", "干"), ("著", "着"),
    ]
    for (traditional, simplified) in cases {
      #expect(fold(traditional) == simplified, "\(traditional)")
      #expect(fold(simplified) == simplified, "\(simplified)")
    }
    #expect(ChineseFold.foldedString("亞馬遜投資微軟") == ChineseFold.foldedString("亚马逊投资微软"))
    // A pair from outside the BMP (CJK Extension B), from the generated table.
    #expect(ChineseFold.fold(0x2005E) == 0x2003E)  // 𠁞 → 𠀾
  }

  @Test func theTableHoldsTheDocumentedNumberOfPairs() {
    let scalars = ChineseFold.traditionalToSimplifiedPairs.unicodeScalars.map(\.value).filter { $0 > 0x7F }
    #expect(scalars.count == 2 * 3_234)
    var sources = Set<UInt32>()
    for index in stride(from: 0, to: scalars.count - 1, by: 2) {
      let (from, to) = (scalars[index], scalars[index + 1])
      #expect(from != to)
      #expect(sources.insert(from).inserted, "U+\(String(from, radix: 16)) twice")
      #expect(ChineseFold.fold(from) == to)
    }
  }

  @Test func foldingIsIdempotentSoTextAndPatternsMeet() {
    // A pattern folded once must match text folded once: fold(fold(x)) = fold(x) for every scalar.
    var broken: [String] = []
    for value in allScalars {
      let once = ChineseFold.fold(value)
      if ChineseFold.fold(once) != once { broken.append(String(value, radix: 16)) }
    }
    #expect(broken.isEmpty, "not idempotent at U+\(broken.prefix(10))")
  }

  @Test func everyScalarFoldsToOneValidScalarSoOffsetsSurvive() {
    var invalid: [String] = []
    for value in allScalars where Unicode.Scalar(ChineseFold.fold(value)) == nil {
      invalid.append(String(value, radix: 16))
    }
    #expect(invalid.isEmpty, "U+\(invalid.prefix(10))")
    let text = "Amazon（亞馬遜）向OpenAI投資𠁞 “$10bn” — ＯＫ\n"
    #expect(ChineseFold.fold(text).count == text.unicodeScalars.count)
    #expect(ChineseFold.foldedString(text).unicodeScalars.count == text.unicodeScalars.count)
  }

  @Test func scriptClassification() {
    let value = { (c: Character) in c.unicodeScalars.first!.value }
    #expect(ChineseFold.isTraditionalOnly(value("亞")) && !ChineseFold.isTraditionalOnly(value("亚")))
    // Ａ folds, but is not Han.
    #expect(!ChineseFold.isTraditionalOnly(value("A")) && !ChineseFold.isTraditionalOnly(0xFF21))
    #expect(ChineseFold.isSimplifiedOnly(value("亚")) && !ChineseFold.isSimplifiedOnly(value("亞")))
    // Targets Traditional text uses every day are no evidence of Simplified script.
    #expect(!ChineseFold.isSimplifiedOnly(value("台")) && !ChineseFold.isSimplifiedOnly(value("里")))
    #expect(!ChineseFold.isSimplifiedOnly(value("a")))
    for (scalar, han) in [
      (0x4DFF, false), (0x3400, true), (0x4DBF, true), (0x4DC0, false), (0x4E00, true), (0x9FFF, true),
      (0xA000, false), (0xF900, true), (0xFAFF, true), (0x20000, true), (0x3134F, true), (0x31350, false),
      (0x41, false), (0x3001, false),
    ] as [(UInt32, Bool)] {
      #expect(ChineseFold.isHan(scalar) == han, "U+\(String(scalar, radix: 16))")
    }
  }
}
