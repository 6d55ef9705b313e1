/// The 64-bit xxHash (XXH64) of a run of bytes, as specified by Yann Collet's xxHash
/// specification (`doc/xxhash_spec.md`, "XXH64 algorithm description"), written for the graph
/// file's checksums.
///
/// Four 64-bit lanes each take every fourth 8-byte word of each 32-byte stripe:
/// `lane = rotl(lane + word·P₂, 31)·P₁`; the lanes are then rotated, summed and merged, the length
/// is added, the last 0–31 bytes are folded in 8, 4 and 1 at a time, and an avalanche mixes the
/// result. Any one changed bit changes the result; it is a checksum against damage, not a
/// cryptographic hash. The result equals the reference implementation's `XXH64(bytes, len, seed)`
/// (tested against its published values and against zstd's frame checksums).
package enum XXH64 {
  static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
  static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
  static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
  static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

  /// The XXH64 of `bytes` with `seed`.
  ///
  /// - Complexity: O(bytes), about one multiply per 8 bytes in each of four independent lanes.
  package static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
    let count = bytes.count
    guard let base = bytes.baseAddress else { return avalanche(seed &+ prime5) }
    var offset = 0
    var h: UInt64
    if count >= 32 {
      var v1 = seed &+ prime1 &+ prime2
      var v2 = seed &+ prime2
      var v3 = seed
      var v4 = seed &- prime1
      let stripes = count / 32
      for _ in 0..<stripes {
        v1 = round(v1, word(base, offset))
        v2 = round(v2, word(base, offset + 8))
        v3 = round(v3, word(base, offset + 16))
        v4 = round(v4, word(base, offset + 24))
        offset += 32
      }
      h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
      h = merge(h, v1)
      h = merge(h, v2)
      h = merge(h, v3)
      h = merge(h, v4)
    } else {
      h = seed &+ prime5
    }
    return tail(h &+ UInt64(count), UnsafeRawBufferPointer(rebasing: bytes[offset...]))
  }

  /// Folds in the last 0–31 bytes and mixes.
  private static func tail(_ start: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h = start
    let count = bytes.count
    var offset = 0
    if let base = bytes.baseAddress {
      while offset + 8 <= count {
        h ^= round(0, word(base, offset))
        h = rotl(h, 27) &* prime1 &+ prime4
        offset += 8
      }
      if offset + 4 <= count {
        h ^= UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) &* prime1
        h = rotl(h, 23) &* prime2 &+ prime3
        offset += 4
      }
      while offset < count {
        h ^= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) &* prime5
        h = rotl(h, 11) &* prime1
        offset += 1
      }
    }
    return avalanche(h)
  }

  /// XXH64 computed piece by piece: whole 32-byte stripes through ``update(_:)``, then the rest
  /// through ``finish(_:)``; the result equals ``hash(_:seed:)`` of all the bytes at once.
  package struct Stream {
    var v1: UInt64, v2: UInt64, v3: UInt64, v4: UInt64
    var length = 0
    let seed: UInt64

    package init(seed: UInt64 = 0) {
      self.seed = seed
      v1 = seed &+ prime1 &+ prime2
      v2 = seed &+ prime2
      v3 = seed
      v4 = seed &- prime1
    }

    /// Takes `bytes`, whose length must be a multiple of 32.
    ///
    /// - Complexity: O(bytes).
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
      precondition(bytes.count % 32 == 0, "XXH64.Stream takes whole stripes")
      guard let base = bytes.baseAddress else { return }
      var offset = 0
      while offset < bytes.count {
        v1 = XXH64.round(v1, XXH64.word(base, offset))
        v2 = XXH64.round(v2, XXH64.word(base, offset + 8))
        v3 = XXH64.round(v3, XXH64.word(base, offset + 16))
        v4 = XXH64.round(v4, XXH64.word(base, offset + 24))
        offset += 32
      }
      length += bytes.count
    }

    /// The hash of everything taken plus `tail` (any length).
    ///
    /// - Complexity: O(tail).
    package func finish(_ tail: UnsafeRawBufferPointer) -> UInt64 {
      guard length > 0 else { return XXH64.hash(tail, seed: seed) }
      var stream = self
      let whole = tail.count / 32 * 32
      stream.update(UnsafeRawBufferPointer(rebasing: tail[0..<whole]))
      var h =
        XXH64.rotl(stream.v1, 1) &+ XXH64.rotl(stream.v2, 7) &+ XXH64.rotl(stream.v3, 12)
        &+ XXH64.rotl(stream.v4, 18)
      h = XXH64.merge(h, stream.v1)
      h = XXH64.merge(h, stream.v2)
      h = XXH64.merge(h, stream.v3)
      h = XXH64.merge(h, stream.v4)
      return XXH64.tail(
        h &+ UInt64(stream.length + tail.count - whole), UnsafeRawBufferPointer(rebasing: tail[whole...]))
    }
  }

  /// The XXH64 of a byte array.
  package static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
    bytes.withUnsafeBytes { hash($0, seed: seed) }
  }

  @inline(__always)
  private static func word(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  @inline(__always)
  private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

  @inline(__always)
  private static func round(_ lane: UInt64, _ input: UInt64) -> UInt64 {
    rotl(lane &+ input &* prime2, 31) &* prime1
  }

  @inline(__always)
  private static func merge(_ h: UInt64, _ lane: UInt64) -> UInt64 {
    (h ^ round(0, lane)) &* prime1 &+ prime4
  }

  @inline(__always)
  private static func avalanche(_ value: UInt64) -> UInt64 {
    var h = value
    h ^= h >> 33
    h = h &* prime2
    h ^= h >> 29
    h = h &* prime3
    h ^= h >> 32
    return h
  }
}
