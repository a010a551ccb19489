import Foundation

/// The rules of one time zone: the UTC offset in force at any instant.
///
/// Two kinds exist: ``IANAZoneRules`` (the system's tz database, via Foundation) and rules read
/// from an iCalendar `VTIMEZONE` (in the iCalendar adapter). Everything else, turning wall-clock
/// times into instants across DST gaps and overlaps, is shared here.
public protocol ZoneRules: Sendable {
    /// A name for people and for output (`Europe/Paris`, or the TZID a feed used).
    var identifier: String { get }

    /// Seconds east of UTC in force at `instant` (seconds since 1970-01-01T00:00:00Z).
    func utcOffset(atInstant instant: Int64) -> Int
}

/// How a wall-clock time that names no instant, or two, is read.
///
/// RFC 5545 §3.3.5: a time in a spring-forward gap is read with the offset in force *before* the
/// gap (02:30 on a US spring-forward day becomes 03:30 EDT); a time that occurs twice in a
/// fall-back overlap is the *first* one (the daylight-time one).
public enum WallClockResolution: Sendable, Equatable {
    /// The time exists exactly once.
    case unique
    /// The time fell in a gap and was moved forward by the length of the gap.
    case skippedForward
    /// The time occurs twice; the earlier instant was taken.
    case firstOfTwo
}

extension ZoneRules {
    /// The instant a wall-clock time names in this zone, with RFC 5545's gap and overlap rules.
    public func instant(for local: LocalDateTime) -> Int64 {
        resolve(local).instant
    }

    /// The instant a wall-clock time names, and how it had to be resolved.
    public func resolve(_ local: LocalDateTime) -> (instant: Int64, resolution: WallClockResolution) {
        let wall = local.secondsSinceEpoch
        // The offsets in force a day either side bracket any single transition near `wall`.
        let before = utcOffset(atInstant: wall - 86_400)
        let after = utcOffset(atInstant: wall + 86_400)
        if before == after {
            let candidate = wall - Int64(before)
            if utcOffset(atInstant: candidate) == before {
                return (candidate, .unique)
            }
            // Two transitions within the two days (rare): fall back to a direct search.
            return resolveSlowly(wall)
        }
        let earlier = wall - Int64(max(before, after))
        let later = wall - Int64(min(before, after))
        let earlierValid = utcOffset(atInstant: earlier) == max(before, after)
        let laterValid = utcOffset(atInstant: later) == min(before, after)
        switch (earlierValid, laterValid) {
        case (true, true): return (earlier, .firstOfTwo)
        case (true, false): return (earlier, .unique)
        case (false, true): return (later, .unique)
        case (false, false):
            // In the gap: read with the offset before the transition.
            return (wall - Int64(before), .skippedForward)
        }
    }

    private func resolveSlowly(_ wall: Int64) -> (instant: Int64, resolution: WallClockResolution) {
        var valid: [Int64] = []
        var offsets = Set<Int>()
        for probe in stride(from: wall - 2 * 86_400, through: wall + 2 * 86_400, by: 3600) {
            offsets.insert(utcOffset(atInstant: probe))
        }
        for offset in offsets where utcOffset(atInstant: wall - Int64(offset)) == offset {
            valid.append(wall - Int64(offset))
        }
        valid.sort()
        if let first = valid.first {
            return (first, valid.count > 1 ? .firstOfTwo : .unique)
        }
        return (wall - Int64(utcOffset(atInstant: wall - 86_400)), .skippedForward)
    }

    /// The wall-clock time and offset of `instant` in this zone.
    public func local(atInstant instant: Int64) -> (local: LocalDateTime, utcOffset: Int) {
        let offset = utcOffset(atInstant: instant)
        return (LocalDateTime(secondsSinceEpoch: instant + Int64(offset)), offset)
    }
}

/// Zone rules from the system's IANA tz database (through Foundation's `TimeZone`).
///
/// Offsets are memoised per hour-aligned instant in a small table built on first use of each
/// stretch of time, since recurrence expansion asks for the same few offsets millions of times.
public struct IANAZoneRules: ZoneRules {
    public let identifier: String
    private let zone: TimeZone
    private let transitions: TransitionTable

    /// Returns nil when the system does not know the identifier.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
        self.transitions = TransitionTable(zone: zone)
    }

    /// The zone a `TimeZone` names.
    public init(_ zone: TimeZone) {
        self.identifier = zone.identifier
        self.zone = zone
        self.transitions = TransitionTable(zone: zone)
    }

    public var timeZone: TimeZone { zone }

    public func utcOffset(atInstant instant: Int64) -> Int {
        transitions.offset(at: instant)
    }
}

/// A zone's offsets between 1900 and 2200, as a sorted list of transitions, built once.
///
/// Foundation's `TimeZone` on Linux answers each `secondsFromGMT(for:)` through ICU, which is
/// slow in a hot loop; a binary search over the precomputed transitions is not.
final class TransitionTable: Sendable {
    private let timeline: OffsetTimeline
    private let zone: TimeZone
    private static let lowerBound: Int64 = -2_208_988_800  // 1900-01-01
    private static let upperBound: Int64 = 7_258_118_400  // 2200-01-01

    init(zone: TimeZone) {
        self.zone = zone
        let initial = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(Self.lowerBound)))
        var transitions: [(instant: Int64, offset: Int)] = []
        var last = initial
        var cursor = Date(timeIntervalSince1970: Double(Self.lowerBound))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor),
              next.timeIntervalSince1970 < Double(Self.upperBound), next > cursor {
            let offset = zone.secondsFromGMT(for: next)
            if offset != last {
                transitions.append((Int64(next.timeIntervalSince1970.rounded()), offset))
                last = offset
            }
            cursor = next
        }
        self.timeline = OffsetTimeline(initialOffset: initial, transitions: transitions)
    }

    func offset(at instant: Int64) -> Int {
        guard instant >= Self.lowerBound, instant < Self.upperBound else {
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
        }
        return timeline.offset(at: instant)
    }
}

/// A zone with one fixed offset (`UTC`, or a `GMT+05:30` a producer wrote as a TZID).
public struct FixedOffsetZoneRules: ZoneRules {
    public let identifier: String
    public let offset: Int

    public init(offset: Int, identifier: String? = nil) {
        self.offset = offset
        self.identifier = identifier ?? UTCOffsetFormat.string(offset)
    }

    public static let utc = FixedOffsetZoneRules(offset: 0, identifier: "UTC")

    public func utcOffset(atInstant instant: Int64) -> Int { offset }
}
