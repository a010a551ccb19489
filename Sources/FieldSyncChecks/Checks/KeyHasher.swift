/// A fast 32-bit hash of a few strings, for grouping records that may be equal before comparing
/// them. Not stable across versions and not for identities: equal hashes only say "compare these".
///
/// It reads eight bytes at a time; each string's length and a marker for `nil` go in too, so
/// `("ab", "c")` and `("a", "bc")` hash apart.
struct KeyHasher {
    private var state: UInt64

    init(_ seed: Int32) {
        state = 0x9E37_79B9_7F4A_7C15 ^ UInt64(UInt32(bitPattern: seed))
    }

    mutating func add(_ text: String?) {
        guard let text else {
            mix(0xFFFF_FFFF_FFFF_FFFF)
            return
        }
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var i = 0
            while i + 8 <= raw.count {
                mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < raw.count {
                tail |= UInt64(raw[i]) << shift
                shift += 8
                i += 1
            }
            mix(tail ^ (UInt64(raw.count) << 56))
        }
        guard done == nil else { return }
        // Not contiguous (a bridged string): the same, a byte at a time.
        var word: UInt64 = 0
        var shift: UInt64 = 0
        var count: UInt64 = 0
        for byte in text.utf8 {
            word |= UInt64(byte) << shift
            shift += 8
            count += 1
            if shift == 64 {
                mix(word)
                word = 0
                shift = 0
            }
        }
        mix(word ^ ((count % 256) << 56))
    }

    private mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
        state ^= state >> 31
    }

    /// The hash so far, with a final avalanche so that every input bit reaches the top half.
    var value: UInt32 {
        var h = state
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return UInt32(truncatingIfNeeded: h >> 32)
    }
}
