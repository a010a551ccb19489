import Foundation

/// A half-open span of time `[start, end)` in UTC, the unit of every availability question.
///
/// Overlap follows the rule calendars agree on: `[s, e)` meets `[from, to)` when `s < to` and
/// `from < e`; a zero-length span (a reminder, a deadline) counts when `from <= s < to`.
public struct TimeRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var start: Date
    public var end: Date

    /// A range; `end` before `start` is clamped to an empty range at `start`.
    public init(start: Date, end: Date) {
        self.start = start
        self.end = max(start, end)
    }

    public var duration: TimeInterval { end.timeIntervalSince(start) }
    public var isEmpty: Bool { start == end }

    public func overlaps(_ other: TimeRange) -> Bool {
        if isEmpty { return other.start <= start && start < other.end }
        if other.isEmpty { return start <= other.start && other.start < end }
        return start < other.end && other.start < end
    }

    /// The part both ranges share, or nil.
    public func intersection(_ other: TimeRange) -> TimeRange? {
        let s = max(start, other.start)
        let e = min(end, other.end)
        return s < e ? TimeRange(start: s, end: e) : nil
    }

    public var description: String {
        "[\(RFC3339.string(start)), \(RFC3339.string(end)))"
    }
}

extension TimeRange {
    /// Merges overlapping and touching ranges into a sorted, disjoint list.
    public static func union(_ ranges: [TimeRange]) -> [TimeRange] {
        let sorted = ranges.filter { !$0.isEmpty }.sorted { $0.start < $1.start }
        var merged: [TimeRange] = []
        for r in sorted {
            if let last = merged.last, r.start <= last.end {
                merged[merged.count - 1].end = max(last.end, r.end)
            } else {
                merged.append(r)
            }
        }
        return merged
    }

    /// The parts of `self` not covered by any of `busy`.
    public func subtracting(_ busy: [TimeRange]) -> [TimeRange] {
        var free: [TimeRange] = []
        var cursor = start
        for b in TimeRange.union(busy) where b.end > start && b.start < end {
            if b.start > cursor { free.append(TimeRange(start: cursor, end: b.start)) }
            cursor = max(cursor, b.end)
        }
        if cursor < end { free.append(TimeRange(start: cursor, end: end)) }
        return free
    }
}
