/// A fast hash of a few strings, for grouping or finding records that may be equal before
/// comparing them. Not stable across versions and not for identities (a finding's id has its own):
/// equal hashes only say "compare these".
///
/// It reads eight bytes at a time; each string's length and a marker for `nil` go in too, so
/// `("ab", "c")` and `("a", "bc")` hash apart. A string and its UTF-8 bytes hash alike, so a
/// loader can look up a row's text without making a `String` of it.
public struct KeyHasher: Sendable {
    private var state: UInt64

    public init(_ seed: Int32 = 0) {
        state = 0x9E37_79B9_7F4A_7C15 ^ UInt64(UInt32(bitPattern: seed))
    }

    /// Adds a string, or the marker for none.
    public mutating func add(_ text: String?) {
        guard let text else {
            mix(0xFFFF_FFFF_FFFF_FFFF)
            return
        }
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { add(bytes: UnsafeRawBufferPointer($0)) }
        guard done == nil else { return }
        // Not contiguous (a bridged string): its bytes copied first.
        Array(text.utf8).withUnsafeBytes { add(bytes: $0) }
    }

    /// Adds the UTF-8 bytes of a string.
    public mutating func add(bytes raw: UnsafeRawBufferPointer) {
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
        mix(tail ^ (UInt64(truncatingIfNeeded: raw.count) << 56))
    }

    private mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
        state ^= state >> 31
    }

    /// The 64-bit hash so far, with a final avalanche so that every input bit reaches every output bit.
    public var value64: UInt64 {
        var h = state
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// The top half of ``value64``.
    public var value: UInt32 { UInt32(truncatingIfNeeded: value64 >> 32) }
}
