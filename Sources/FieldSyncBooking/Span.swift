import FieldSyncCore
import Foundation

/// A stretch of whole seconds since 1970, what the search computes in (exact, cheap to compare).
/// Stored schedule spans are half-open `[lo, hi)`; sets of allowed start times are closed `[lo, hi]`.
struct Span: Sendable, Hashable {
    var lo: Int64
    var hi: Int64

    /// The seconds a range covers, widened to whole seconds (start down, end up).
    init(_ range: TimeRange) {
        lo = Int64(range.start.timeIntervalSince1970.rounded(.down))
        hi = Int64(range.end.timeIntervalSince1970.rounded(.up))
    }

    init(lo: Int64, hi: Int64) {
        self.lo = lo
        self.hi = hi
    }

    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.up)) }
    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// Sorted, disjoint, half-open spans from any list (touching spans merge).
    static func union(_ spans: [Span]) -> [Span] {
        guard spans.count > 1 else { return spans.filter { $0.hi > $0.lo } }
        var sorted = spans.filter { $0.hi > $0.lo }
        sorted.sort { $0.lo < $1.lo }
        var merged: [Span] = []
        merged.reserveCapacity(sorted.count)
        for s in sorted {
            if let last = merged.last, s.lo <= last.hi {
                merged[merged.count - 1].hi = max(last.hi, s.hi)
            } else {
                merged.append(s)
            }
        }
        return merged
    }

    /// The half-open parts both sorted disjoint lists cover.
    static func intersect(_ a: [Span], _ b: [Span]) -> [Span] {
        var out: [Span] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            let lo = max(a[i].lo, b[j].lo), hi = min(a[i].hi, b[j].hi)
            if lo < hi { out.append(Span(lo: lo, hi: hi)) }
            if a[i].hi < b[j].hi { i += 1 } else { j += 1 }
        }
        return out
    }

    /// Closed sets: the parts of sorted disjoint `allowed` outside every closed span of `forbidden`.
    static func subtractClosed(_ allowed: [Span], _ forbidden: [Span]) -> [Span] {
        guard !forbidden.isEmpty else { return allowed }
        var cuts = forbidden.filter { $0.hi >= $0.lo }
        cuts.sort { $0.lo < $1.lo }
        var out: [Span] = []
        var j = 0
        for var a in allowed {
            while j < cuts.count, cuts[j].hi < a.lo { j += 1 }
            var k = j
            while k < cuts.count, cuts[k].lo <= a.hi {
                if cuts[k].lo > a.lo { out.append(Span(lo: a.lo, hi: cuts[k].lo - 1)) }
                a.lo = max(a.lo, cuts[k].hi + 1)
                if a.lo > a.hi { break }
                k += 1
            }
            if a.lo <= a.hi { out.append(a) }
        }
        return out
    }

    /// The index of the first span in `spans` (sorted by `lo`) with `lo >= value`.
    static func firstIndex(in spans: [Span], loAtLeast value: Int64) -> Int {
        var low = 0, high = spans.count
        while low < high {
            let mid = (low + high) / 2
            if spans[mid].lo < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
