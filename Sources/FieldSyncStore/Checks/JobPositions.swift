import FieldSyncChecks
import FieldSyncCore
import Foundation

/// Where each job sits in a ``ScheduleSnapshot``, by source and external id, for the appointments
/// read after the jobs. Looked up with the bytes SQLite hands over, so a million appointments
/// find their job without a `String` or a `Dictionary` probe each (that was a third of the load).
///
/// An open-addressing table of 64-bit ``KeyHasher`` hashes; a hit is confirmed against the job
/// itself, so two ids with the same hash are still told apart.
struct JobPositions {
    /// A hash and the position of its job (-1 for an empty slot), side by side so that a probe
    /// reads one cache line.
    private struct Slot {
        var hash: UInt64
        var position: Int32
    }

    private var slots: [Slot]
    private let mask: Int
    private(set) var count = 0

    /// A table for about `count` jobs, at most half full.
    init(count: Int) {
        var size = 16
        while size < count * 2 { size *= 2 }
        slots = [Slot](repeating: Slot(hash: 0, position: -1), count: size)
        mask = size - 1
    }

    static func hash(source: Int32, externalID: String) -> UInt64 {
        var hasher = KeyHasher(source)
        hasher.add(externalID)
        return hasher.value64
    }

    static func hash(source: Int32, externalID: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = KeyHasher(source)
        hasher.add(bytes: externalID)
        return hasher.value64
    }

    /// Records the job at `position` (the table grows when half full).
    mutating func insert(_ hash: UInt64, position: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].position >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Slot(hash: hash, position: position)
        count += 1
    }

    /// The position of the job whose hash is `hash` and that `matches` confirms, if any.
    func find(_ hash: UInt64, matches: (Int32) -> Bool) -> Int32? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].position >= 0 {
            if slots[slot].hash == hash, matches(slots[slot].position) { return slots[slot].position }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func grow() {
        var bigger = JobPositions(count: slots.count)
        for slot in slots where slot.position >= 0 { bigger.insert(slot.hash, position: slot.position) }
        self = bigger
    }
}

extension String {
    /// Whether the string's UTF-8 is exactly `bytes`.
    func hasUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { own in
            own.count == bytes.count && (own.isEmpty || memcmp(own.baseAddress!, bytes.baseAddress!, own.count) == 0)
        }
        return fast ?? utf8.elementsEqual(bytes)
    }
}
