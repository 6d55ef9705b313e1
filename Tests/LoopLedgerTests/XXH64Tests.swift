import Foundation
import Testing

@testable import LoopLedger

@Suite("XXH64")
struct XXH64Tests {
  /// The bytes `(7i + 3) mod 256`, i = 0 ..< count.
  static func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8((($0 * 7) + 3) % 256) } }

  @Test func publishedValues() {
    // The reference implementation's values (xxHash's README and test suite), seed 0.
    #expect(XXH64.hash([]) == 0xEF46_DB37_51D8_E999)
    #expect(XXH64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
    #expect(XXH64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
  }

  /// zstd's frame checksum is the low 32 bits of XXH64 (seed 0) of the content: these were read
  /// from `zstd --check` frames of the same bytes (zstd 1.5), so every branch of the algorithm —
  /// fewer than 4, 8 and 32 bytes, whole stripes, stripes and a tail — is checked against an
  /// independent implementation.
  @Test(
    arguments: [
      (31, 0xCC4A_6119), (32, 0xF790_FD97), (33, 0xBA58_8784), (100, 0x170F_E531), (1000, 0x33F1_A3FB),
    ] as [(Int, UInt32)])
  func lowBitsMatchZstdFrames(_ count: Int, _ low: UInt32) {
    #expect(UInt32(truncatingIfNeeded: XXH64.hash(Self.pattern(count))) == low)
  }

  @Test func everyBitFlipChangesTheHash() {
    let bytes = Self.pattern(77)
    let original = XXH64.hash(bytes)
    for index in bytes.indices {
      for bit in 0..<8 {
        var changed = bytes
        changed[index] ^= 1 << bit
        #expect(XXH64.hash(changed) != original, "byte \(index) bit \(bit)")
      }
    }
  }

  @Test func seedAndUnalignedStartMatter() {
    let bytes = Self.pattern(200)
    #expect(XXH64.hash(bytes, seed: 1) != XXH64.hash(bytes))
    // The same bytes at an odd address hash the same.
    let shifted = [0xFF] + bytes
    let atOdd = shifted.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[1...])) }
    #expect(atOdd == XXH64.hash(bytes))
  }

  @Test func streamingGivesTheOneShotHash() {
    let bytes = Self.pattern(1_000)
    bytes.withUnsafeBytes { all in
      for length in [0, 5, 31, 32, 64, 65, 100, 999, 1_000] {
        for stripes in 0...(length / 32) {
          var stream = XXH64.Stream(seed: 3)
          stream.update(UnsafeRawBufferPointer(rebasing: all[0..<(stripes * 32)]))
          let hashed = stream.finish(UnsafeRawBufferPointer(rebasing: all[(stripes * 32)..<length]))
          #expect(
            hashed == XXH64.hash(UnsafeRawBufferPointer(rebasing: all[0..<length]), seed: 3), "\(length) \(stripes)")
        }
      }
    }
  }
}
