import FieldSyncCore
import FieldSyncICalendar
import Foundation
import PropertyBased
import Testing

/// Property tests around real DST changes, checked against Foundation's `TimeZone` as an
/// independent oracle: random zones, years, transitions, days and wall-clock times.
@Suite("DST properties")
struct DSTPropertyTests {
    typealias K = RecurrenceKit

    /// Zones with DST (or another offset change) in every year 1990–2037: both hemispheres,
    /// half-hour and 45-minute offsets, a 30-minute DST shift (Lord Howe), St. John's pre-2011
    /// changes at 00:01, Santiago's changes at midnight.
    static let zonesWithChanges = [
        "America/New_York", "Europe/Berlin", "Australia/Sydney", "America/St_Johns", "Australia/Adelaide",
        "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham", "Europe/London", "America/Los_Angeles",
    ]

    /// The offset-change instants Foundation reports for `zone` in `year`.
    static func transitions(_ zone: TimeZone, year: Int) -> [Int64] {
        let start = Date(timeIntervalSince1970: Double(LocalDateTime(date: LocalDate(year: year, month: 1, day: 1)!).secondsSinceEpoch))
        let end = start.addingTimeInterval(366 * 86_400)
        var found: [Int64] = []
        var cursor = start
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            let t = Int64(next.timeIntervalSince1970.rounded())
            if zone.secondsFromGMT(for: next) != zone.secondsFromGMT(for: next.addingTimeInterval(-1)) { found.append(t) }
            cursor = next
        }
        return found
    }

    static func offset(_ zone: TimeZone, _ instant: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
    }

    /// What RFC 5545 says a wall-clock time means, computed with Foundation alone: the earliest
    /// instant that shows that wall time, or, in a gap, the time read with the offset before the
    /// gap (which shows a wall time later by the gap's length).
    static func oracle(_ wall: LocalDateTime, in zone: TimeZone) -> (instant: Int64, shown: LocalDateTime, offset: Int) {
        let w = wall.secondsSinceEpoch
        let nearby = Set([-2, -1, 0, 1, 2].map { offset(zone, w + Int64($0) * 86_400) })
        let valid = nearby.map { w - Int64($0) }.filter { offset(zone, $0) == Int(w - $0) }.sorted()
        let instant = valid.first ?? (w - Int64(offset(zone, w - Int64(nearby.max()!))))
        let shown = offset(zone, instant)
        return (instant, LocalDateTime(secondsSinceEpoch: instant + Int64(shown)), shown)
    }

    /// A daily or weekly series of `count` instances, in `tzid`, from `start`.
    static func expand(_ tzid: String, _ start: LocalDateTime, _ rule: String, end: String? = nil) -> [Occurrence] {
        var lines = ["BEGIN:VEVENT", "UID:p", "DTSTART;TZID=\(tzid):\(start.basicFormat)", "RRULE:\(rule)"]
        if let end { lines.append(end) }
        lines.append("END:VEVENT")
        let from = start.date.adding(days: -3).description
        let to = start.date.adding(days: 400).description
        return K.occurrences(lines.joined(separator: "\r\n"), from: from, to: to)
    }

    /// Checks one series instance by instance against the oracle.
    static func check(_ found: [Occurrence], walls: [LocalDateTime], zone: TimeZone, context: String) {
        #expect(found.count == walls.count, "\(context): \(found.map(\.start.rfc3339))")
        for (occurrence, wall) in zip(found, walls) {
            let expected = oracle(wall, in: zone)
            #expect(occurrence.start.instant == expected.instant, "\(context): \(wall)")
            #expect(occurrence.start.utcOffset == expected.offset, "\(context): \(wall)")
            #expect(occurrence.start.rfc3339 == RFC3339.string(local: expected.shown, utcOffset: expected.offset), "\(context): \(wall)")
            // The printed local time and offset name the instant.
            #expect(RFC3339.parseInstant(occurrence.start.rfc3339) == occurrence.start.instant, "\(context): \(wall)")
        }
        #expect(zip(found, found.dropFirst()).allSatisfy { $0.start.instant < $1.start.instant }, "\(context)")
    }

    /// A random wall-clock time near a random transition: `minute` from the transition's wall
    /// time (to land in gaps and overlaps often), or anywhere in the day when `nearChange` is false.
    static func wallNear(_ transition: Int64, zone: TimeZone, daysBefore: Int, minute: Int, nearChange: Bool) -> LocalDateTime {
        let before = offset(zone, transition - 1)
        let wallAtChange = LocalDateTime(secondsSinceEpoch: transition + Int64(before))
        if nearChange {
            return wallAtChange.adding(seconds: Int64(minute - 90) * 60 - Int64(daysBefore) * 86_400)
        }
        let day = wallAtChange.date.adding(days: -daysBefore)
        return LocalDateTime(date: day, hour: (minute / 60) % 24, minute: minute % 60)
    }

    @Test("daily series across a change: every instance keeps its wall time, or moves forward by the gap")
    func dailyAcrossChanges() async {
        var ran = 0
        await propertyCheck(
            count: 400, input: Gen.int(in: 0..<Self.zonesWithChanges.count), Gen.int(in: 1990...2037), Gen.int(in: 0...1),
            Gen.int(in: 0...3), Gen.int(in: 0...1439), Gen.bool
        ) { zoneIndex, year, which, daysBefore, minute, nearChange in
            let tzid = Self.zonesWithChanges[zoneIndex]
            let zone = TimeZone(identifier: tzid)!
            let changes = Self.transitions(zone, year: year)
            guard !changes.isEmpty else { return }
            ran += 1
            let start = Self.wallNear(
                changes[which % changes.count], zone: zone, daysBefore: daysBefore, minute: minute, nearChange: nearChange)
            let walls = (0..<8).map { start.adding(seconds: Int64($0) * 86_400) }
            Self.check(Self.expand(tzid, start, "FREQ=DAILY;COUNT=8"), walls: walls, zone: zone, context: "\(tzid) daily from \(start)")
        }
        #expect(ran > 100, "the zones must have changes to test")
    }

    @Test("weekly series across a change: same property, one week apart")
    func weeklyAcrossChanges() async {
        var ran = 0
        await propertyCheck(
            count: 250, input: Gen.int(in: 0..<Self.zonesWithChanges.count), Gen.int(in: 1990...2037), Gen.int(in: 0...1),
            Gen.int(in: 0...3), Gen.int(in: 0...1439), Gen.bool
        ) { zoneIndex, year, which, weeksBefore, minute, nearChange in
            let tzid = Self.zonesWithChanges[zoneIndex]
            let zone = TimeZone(identifier: tzid)!
            let changes = Self.transitions(zone, year: year)
            guard !changes.isEmpty else { return }
            ran += 1
            let start = Self.wallNear(
                changes[which % changes.count], zone: zone, daysBefore: weeksBefore * 7, minute: minute, nearChange: nearChange)
            let walls = (0..<6).map { start.adding(seconds: Int64($0) * 7 * 86_400) }
            Self.check(Self.expand(tzid, start, "FREQ=WEEKLY;COUNT=6"), walls: walls, zone: zone, context: "\(tzid) weekly from \(start)")
        }
        #expect(ran > 100, "the zones must have changes to test")
    }

    @Test("zones without DST (Kolkata, Kathmandu) keep every wall time and a fixed 24-hour spacing")
    func zonesWithoutDST() async {
        await propertyCheck(count: 100, input: Gen.element(of: ["Asia/Kolkata", "Asia/Kathmandu"]), Gen.int(in: 10_000...25_000), Gen.int(in: 0...1439)) {
            tzid, day, minute in
            let tzid = tzid!
            let zone = TimeZone(identifier: tzid)!
            let start = LocalDateTime(date: LocalDate(daysSinceEpoch: day), hour: minute / 60, minute: minute % 60)
            let walls = (0..<10).map { start.adding(seconds: Int64($0) * 86_400) }
            let found = Self.expand(tzid, start, "FREQ=DAILY;COUNT=10")
            Self.check(found, walls: walls, zone: zone, context: "\(tzid) from \(start)")
            #expect(zip(found, found.dropFirst()).allSatisfy { $1.start.instant - $0.start.instant == 86_400 })
        }
    }

    @Test("a time in a fall-back overlap is always the first of its two instants")
    func overlapTakesFirst() async {
        var ran = 0
        await propertyCheck(
            count: 300, input: Gen.int(in: 0..<Self.zonesWithChanges.count), Gen.int(in: 1990...2037), Gen.int(in: 0...1),
            Gen.int(in: 0...3599)
        ) { zoneIndex, year, which, second in
            let tzid = Self.zonesWithChanges[zoneIndex]
            let zone = TimeZone(identifier: tzid)!
            let changes = Self.transitions(zone, year: year).filter { Self.offset(zone, $0 - 1) > Self.offset(zone, $0) }
            guard !changes.isEmpty else { return }
            ran += 1
            let t = changes[which % changes.count]
            let overlap = Int64(Self.offset(zone, t - 1) - Self.offset(zone, t))
            let wall = LocalDateTime(secondsSinceEpoch: t + Int64(Self.offset(zone, t)) + Int64(second) % overlap)
            let rules = K.zone(tzid)
            let (instant, resolution) = rules.resolve(wall)
            #expect(resolution == .firstOfTwo, "\(tzid) \(wall)")
            #expect(instant < t, "\(tzid) \(wall): the first instant is before the change")
            #expect(rules.local(atInstant: instant).local == wall)
            #expect(rules.local(atInstant: instant + overlap).local == wall, "the same wall time comes round again")
            let found = Self.expand(tzid, wall, "FREQ=DAILY;COUNT=1")
            #expect(found.first?.start.instant == instant)
        }
        #expect(ran > 100, "the zones must have changes to test")
    }

    @Test("resolving any wall time: it shows that time, or lies in a gap and shows it moved forward by the gap")
    func resolveIsConsistent() async {
        let zones = Self.zonesWithChanges + ["Asia/Kathmandu", "Asia/Kolkata", "Pacific/Apia", "Africa/Casablanca"]
        await propertyCheck(
            count: 500, input: Gen.int(in: 0..<zones.count), Gen.int(in: -2_000_000_000...4_000_000_000), Gen.bool,
            Gen.int(in: -7_200...7_200)
        ) { zoneIndex, instant, nearChange, seconds in
            let zone = TimeZone(identifier: zones[zoneIndex])!
            let rules = K.zone(zones[zoneIndex])
            // Half the time, aim at the wall clock just around the next change.
            var probe = Int64(instant)
            if nearChange, let next = zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: Double(instant))) {
                probe = Int64(next.timeIntervalSince1970) + Int64(seconds)
            }
            let wall = LocalDateTime(secondsSinceEpoch: probe + Int64(Self.offset(zone, probe)) + Int64(seconds))
            let (resolved, resolution) = rules.resolve(wall)
            let expected = Self.oracle(wall, in: zone)
            #expect(resolved == expected.instant, "\(zones[zoneIndex]) \(wall)")
            switch resolution {
            case .unique, .firstOfTwo: #expect(rules.local(atInstant: resolved).local == wall, "\(zones[zoneIndex]) \(wall)")
            case .skippedForward: #expect(rules.local(atInstant: resolved).local > wall, "\(zones[zoneIndex]) \(wall)")
            }
        }
    }

    @Test("DURATION:P1D keeps the wall time and PT24H keeps the elapsed time, across any change")
    func nominalVersusExactDay() async {
        var ran = 0
        await propertyCheck(
            count: 200, input: Gen.int(in: 0..<Self.zonesWithChanges.count), Gen.int(in: 1990...2037), Gen.int(in: 0...1),
            Gen.int(in: 0...1439)
        ) { zoneIndex, year, which, minute in
            let tzid = Self.zonesWithChanges[zoneIndex]
            let zone = TimeZone(identifier: tzid)!
            let changes = Self.transitions(zone, year: year)
            guard !changes.isEmpty else { return }
            ran += 1
            let start = Self.wallNear(changes[which % changes.count], zone: zone, daysBefore: 1, minute: minute, nearChange: false)
            let startInstant = Self.oracle(start, in: zone).instant
            let nominal = Self.expand(tzid, start, "FREQ=DAILY;COUNT=1", end: "DURATION:P1D")
            let exact = Self.expand(tzid, start, "FREQ=DAILY;COUNT=1", end: "DURATION:PT24H")
            #expect(nominal.first?.end.instant == Self.oracle(start.adding(seconds: 86_400), in: zone).instant, "\(tzid) \(start)")
            #expect(exact.first?.end.instant == startInstant + 86_400, "\(tzid) \(start)")
        }
        #expect(ran > 100, "the zones must have changes to test")
    }

    @Test("a series whose DTEND is written in UTC keeps the exact length of its first instance on every instance")
    func dtendLengthIsExact() async {
        var ran = 0
        await propertyCheck(
            count: 200, input: Gen.int(in: 0..<Self.zonesWithChanges.count), Gen.int(in: 1990...2037), Gen.int(in: 0...1),
            Gen.int(in: 0...1439), Gen.int(in: 1...(48 * 60))
        ) { zoneIndex, year, which, minute, lengthMinutes in
            let tzid = Self.zonesWithChanges[zoneIndex]
            let zone = TimeZone(identifier: tzid)!
            let changes = Self.transitions(zone, year: year)
            guard !changes.isEmpty else { return }
            ran += 1
            let start = Self.wallNear(changes[which % changes.count], zone: zone, daysBefore: 14, minute: minute, nearChange: false)
            let startInstant = Self.oracle(start, in: zone).instant
            let length = Int64(lengthMinutes) * 60
            let dtend = "DTEND:" + LocalDateTime(secondsSinceEpoch: startInstant + length).basicFormat + "Z"
            let found = Self.expand(tzid, start, "FREQ=WEEKLY;COUNT=5", end: dtend)
            #expect(found.count == 5)
            #expect(found.allSatisfy { $0.end.instant - $0.start.instant == length }, "\(tzid) \(start) + \(lengthMinutes) min")
        }
        #expect(ran > 100, "the zones must have changes to test")
    }
}
