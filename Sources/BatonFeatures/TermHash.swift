/// FNV-1a (64-bit) over a term's UTF-8 bytes: the key of every term lookup, on the hot path and
/// in the vocabulary. Byte-at-a-time so that an n-gram's hash extends the hash of its prefix.
/// Internal only; not part of the feature specification (a router may look terms up any way).
enum TermHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func combine(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = combine(hash, byte) }
        return hash
    }

    /// Spreads all 64 bits into the low ones, which pick the table slot.
    @inline(__always)
    static func slot(_ hash: UInt64) -> Int {
        var h = hash
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return Int(truncatingIfNeeded: h)
    }
}
