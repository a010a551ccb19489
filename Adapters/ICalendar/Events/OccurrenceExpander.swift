import FieldSyncCore

/// Expands series into the occurrences that overlap a window of time.
///
/// Recurrence runs in the series' own zone, so 09:00 stays 09:00 across DST changes; instants
/// are only taken at the end. The window rule: `[s, e)` overlaps `[from, to)` when `s < to` and
/// `from < e`; a zero-length occurrence counts when `from <= s < to`.
///
/// - DTSTART is the first instance; RRULEs (all of them) and RDATEs add instances, a start given
///   twice counting once (by instant); EXDATEs and EXRULEs remove them: date-times by instant,
///   DATE values by the whole day. On an all-day series, a date-time with a TZID or at UTC
///   midnight names the date written (Exchange, Outlook).
/// - A zoned start or end is shown as the wall clock of the instant it names: 02:30 in a gap
///   becomes 03:30 with the new offset, so value and offset always agree.
/// - An override (RECURRENCE-ID) replaces the instance it names, matched by instant whatever
///   zone either was written in; RANGE=THISANDFUTURE also moves and reshapes every later instance.
/// - Instance length: a DTEND in the same zone as DTSTART keeps each instance's wall-clock end
///   (an overnight 22:00-06:00 shift ends at 06:00 on the night the clocks change, 7 or 9 hours
///   long), which is how Google, Outlook and Apple Calendar show it; RFC 5545 §3.8.5.3 asks for
///   the exact length instead, which is what a DTEND in another zone or in UTC gives. DURATION's
///   days are nominal (wall-clock days) and its time part exact; no end means one day for dates
///   and zero for date-times.
public struct OccurrenceExpander: Sendable {
    public let floatingZone: any ZoneRules

    public init(floatingZone: any ZoneRules) {
        self.floatingZone = floatingZone
    }

    /// Every occurrence of every series and free/busy period in `calendar` overlapping
    /// `[from, to)` (seconds since the epoch), sorted by start.
    public func occurrences(in calendar: ICalCalendar, from: Int64, to: Int64) -> [Occurrence] {
        var result: [Occurrence] = []
        for series in calendar.series {
            result += occurrences(of: series, from: from, to: to)
        }
        for period in calendar.freeBusy {
            let o = occurrence(of: period)
            if Self.overlaps(o, from: from, to: to) { result.append(o) }
        }
        result.sort { a, b in
            // Instants first; the UID (a string) only breaks ties.
            if a.start.instant != b.start.instant { return a.start.instant < b.start.instant }
            if a.end.instant != b.end.instant { return a.end.instant < b.end.instant }
            return (a.uid ?? "") < (b.uid ?? "")
        }
        return result
    }

    static func overlaps(_ o: Occurrence, from: Int64, to: Int64) -> Bool {
        let s = o.start.instant
        let e = o.end.instant
        if s == e { return from <= s && s < to }
        return s < to && from < e
    }

    // MARK: Series

    public func occurrences(of series: EventSeries, from: Int64, to: Int64) -> [Occurrence] {
        var result: [Occurrence] = []
        let overrides = series.overrides
        let masterClock = series.master.map { SeriesClock(start: $0.start, floating: floatingZone) }
        for o in overrides {
            let rid = o.recurrenceID.map { rid in
                // On the master's clock when there is one, so an instance keeps its recurrence
                // id (and instance id) whether or not it is overridden, whatever form the
                // RECURRENCE-ID was written in.
                let ridClock = masterClock ?? SeriesClock(start: rid, floating: floatingZone)
                return ridClock.time(local: ridClock.local(of: rid), instant: ridClock.exactInstant(of: rid))
            }
            let occurrence = make(
                event: o, start: o.start.local, startInstant: o.start.exactInstant, recurrenceID: rid, isOverride: true)
            if Self.overlaps(occurrence, from: from, to: to) { result.append(occurrence) }
        }
        guard let master = series.master, let clock = masterClock else { return result }

        // DTSTART's instant, exact even where its wall-clock time alone would name another.
        let masterInstant = clock.instantOf(master.start)

        guard master.isRecurring else {
            if overrides.contains(where: { matches($0.recurrenceID, instant: masterInstant, local: master.start.local, clock: clock) }) {
                return result
            }
            let occurrence = make(
                event: master, start: master.start.local, startInstant: masterInstant, recurrenceID: nil, isOverride: false)
            if Self.overlaps(occurrence, from: from, to: to) { result.append(occurrence) }
            return result
        }

        // THISANDFUTURE overrides, by the instant of their RECURRENCE-ID.
        let futureOverrides: [(rid: Int64, delta: Int64, event: ICalEvent)] = overrides.compactMap { o in
            guard o.thisAndFuture, let rid = o.recurrenceID else { return nil }
            let ridLocal = clock.local(of: rid)
            let newStart = clock.local(of: o.start)
            return (clock.exactInstant(of: rid), newStart.secondsSinceEpoch - ridLocal.secondsSinceEpoch, o)
        }.sorted { $0.rid < $1.rid }
        let maxShift = futureOverrides.map { abs($0.delta) }.max() ?? 0
        let maxLength = max(
            approximateLength(master), futureOverrides.map { approximateLength($0.event) }.max() ?? 0,
            master.extraDates.map { extra -> Int64 in
                if case .period(_, let end) = extra { return approximateLength(end) }
                return 0
            }.max() ?? 0)

        // Wall-clock bounds wide enough for any offset, any length and any shift.
        let slack: Int64 = 2 * 86_400
        let notBefore = LocalDateTime(secondsSinceEpoch: from - maxLength - maxShift - slack)
        let notAfter = LocalDateTime(secondsSinceEpoch: to + maxShift + slack)

        // Candidate instances: the wall-clock start on the series' clock, the instant it names
        // (exact for an RDATE written in UTC or another zone, so the second 01:30 of a fall-back
        // night stays the second one), and an RDATE period's own length.
        var starts: [(local: LocalDateTime, instant: Int64, end: ICalEvent.End?)] = []
        for rule in master.rules {
            var iterator = makeIterator(rule, master: master, clock: clock, notBefore: notBefore, notAfter: notAfter)
            while let s = iterator.next() {
                if s >= notBefore || rule.count != nil {
                    starts.append((s, s == master.start.local ? masterInstant : clock.instant(s), nil))
                }
            }
        }
        if master.rules.isEmpty { starts.append((master.start.local, masterInstant, nil)) }
        for extra in master.extraDates {
            switch extra {
            case .start(let t):
                starts.append((clock.local(of: t), clock.exactInstant(of: t), nil))
            case .period(let t, let end):
                let instant = clock.exactInstant(of: t)
                starts.append((clock.local(of: t), instant, periodLength(from: instant, end)))
            }
        }
        starts.sort { ($0.instant, $0.local) < ($1.instant, $1.local) }

        // Exclusions.
        var excludedInstants = Set<Int64>()
        var excludedDays = Set<Int>()
        for ex in master.exceptionDates {
            if ex.isDate {
                excludedDays.insert(ex.local.date.daysSinceEpoch)
            } else if clock.isDate {
                excludedDays.insert(clock.local(of: ex).date.daysSinceEpoch)
            } else {
                excludedInstants.insert(clock.instantOf(ex))
            }
        }
        for rule in master.exceptionRules {
            // DTSTART is an instance of an RRULE, but only excluded by an EXRULE that matches it.
            var iterator = makeIterator(
                rule, master: master, clock: clock, notBefore: notBefore, notAfter: notAfter, startIsInstance: false)
            while let s = iterator.next() { excludedInstants.insert(clock.instant(s)) }
        }
        let overrideInstants = Set(overrides.compactMap { $0.recurrenceID.map { clock.instantOf($0) } })
        let overrideDays = Set(overrides.compactMap { o -> Int? in
            guard let rid = o.recurrenceID, rid.isDate || clock.isDate else { return nil }
            return clock.local(of: rid).date.daysSinceEpoch
        })

        // RFC 5545 §3.8.5.3: where rules and RDATEs give the same start, only one counts.
        var seen = Set<Int64>()
        for (local, instant, periodEnd) in starts {
            guard seen.insert(instant).inserted else { continue }
            let day = local.date.daysSinceEpoch
            if excludedInstants.contains(instant) || excludedDays.contains(day) { continue }
            if overrideInstants.contains(instant) || overrideDays.contains(day) { continue }
            var event = master
            var start = local
            var startInstant: Int64? = instant
            if let future = futureOverrides.last(where: { $0.rid < instant }) {
                event = future.event
                start = local.adding(seconds: future.delta)
                startInstant = nil
            }
            if let periodEnd { event.end = periodEnd }
            let occurrence = make(
                event: event, start: start, startInstant: startInstant, recurrenceID: clock.time(local: local, instant: instant),
                isOverride: false)
            if Self.overlaps(occurrence, from: from, to: to) { result.append(occurrence) }
        }
        return result
    }

    /// An RDATE period's end as the exact length from its own start (DTEND-style lengths are
    /// otherwise measured from the master's DTSTART).
    private func periodLength(from start: Int64, _ end: ICalEvent.End) -> ICalEvent.End {
        guard case .end(let e) = end else { return end }
        return .duration(ICalDuration(seconds: max(0, e.instant(floating: floatingZone) - start)))
    }

    private func makeIterator(
        _ rule: RecurrenceRule, master: ICalEvent, clock: SeriesClock, notBefore: LocalDateTime, notAfter: LocalDateTime,
        startIsInstance: Bool = true
    ) -> RecurrenceIterator {
        let until = rule.until
        let isDate = master.start.isDate
        let untilCheck: (LocalDateTime) -> Bool
        if let until {
            if isDate || until.isDate {
                // Compare by day: UNTIL=20240131 includes the 31st whatever the time; a UTC
                // UNTIL on an all-day series is a day as ``SeriesClock/local(of:)`` reads it.
                let lastDay = clock.local(of: EventTime(value: until)).date
                untilCheck = { $0.date > lastDay }
            } else if until.form == .utc {
                let limit = until.local.secondsSinceEpoch
                untilCheck = { clock.instant($0) > limit }
            } else {
                // A local UNTIL is read in the series' own zone.
                let limit = until.local
                untilCheck = { $0 > limit }
            }
        } else {
            untilCheck = { _ in false }
        }
        return RecurrenceIterator(
            rule: rule, start: master.start.local, isDate: isDate, notBefore: notBefore, notAfter: notAfter,
            startIsInstance: startIsInstance, isPastUntil: untilCheck)
    }

    private func matches(_ rid: EventTime?, instant: Int64, local: LocalDateTime, clock: SeriesClock) -> Bool {
        guard let rid else { return false }
        if rid.isDate || clock.isDate { return clock.local(of: rid).date == local.date }
        return clock.instantOf(rid) == instant
    }

    private func approximateLength(_ event: ICalEvent) -> Int64 {
        switch event.end {
        case .none: return event.start.isDate ? 86_400 : 0
        case .duration(let d): return d.approximateSeconds + 3600
        case .end(let e): return abs(e.instant(floating: floatingZone) - event.start.instant(floating: floatingZone)) + 3600
        }
    }

    private func approximateLength(_ end: ICalEvent.End) -> Int64 {
        switch end {
        case .none: return 0
        case .duration(let d): return d.approximateSeconds + 3600
        case .end: return 366 * 86_400
        }
    }

    // MARK: One occurrence

    /// An occurrence of `event` starting at `local` (wall-clock time in the event's start zone),
    /// at `startInstant` when the caller knows it exactly.
    private func make(
        event: ICalEvent, start local: LocalDateTime, startInstant knownInstant: Int64? = nil, recurrenceID: Occurrence.Time?,
        isOverride: Bool
    ) -> Occurrence {
        let clock = SeriesClock(start: event.start, floating: floatingZone)
        let startInstant = knownInstant ?? clock.instant(local)
        let startTime = clock.time(local: local, instant: startInstant)
        let endTime: Occurrence.Time
        switch event.end {
        case .none:
            if event.start.isDate {
                endTime = clock.time(local: LocalDateTime(date: local.date.adding(days: 1)), instant: nil)
            } else {
                endTime = startTime
            }
        case .duration(let d):
            endTime = end(of: clock, local: local, startInstant: startInstant, days: d.days, seconds: d.seconds)
        case .end(let e):
            if event.start.isDate && e.isDate {
                let days = e.local.date.daysSinceEpoch - event.start.local.date.daysSinceEpoch
                endTime = clock.time(local: LocalDateTime(date: local.date.adding(days: max(days, 0))), instant: nil)
            } else if let wallLength = Self.wallClockLength(from: event.start, to: e) {
                // Same zone: the end keeps its wall-clock time (a 22:00-06:00 shift ends at 06:00
                // on the night the clocks change), as Google, Outlook and Apple Calendar show it.
                var endInstant = clock.instant(local.adding(seconds: wallLength))
                if endInstant <= startInstant && wallLength > 0 {
                    // The start fell in a spring-forward gap and moved past its own wall-clock
                    // end (02:30-03:30 on the night 02:00 becomes 03:00): keep its length.
                    endInstant = startInstant + wallLength
                }
                endTime = clock.time(local: clock.local(ofInstant: endInstant), instant: endInstant)
            } else {
                let length = e.instant(floating: floatingZone) - event.start.instant(floating: floatingZone)
                let endInstant = startInstant + length
                // Shown in DTEND's own zone when it has one.
                let endClock = e.value.tzid != nil ? SeriesClock(start: e, floating: floatingZone) : clock
                endTime = endClock.time(local: endClock.local(ofInstant: endInstant), instant: endInstant)
            }
        }
        return Occurrence(
            kind: .event, uid: event.uid, summary: event.summary, status: event.status, isTransparent: event.isTransparent,
            recurrenceID: recurrenceID, isOverride: isOverride, start: startTime, end: endTime, tzid: event.start.value.tzid,
            ianaTimeZone: event.start.ianaIdentifier, sequence: event.sequence, line: event.line,
            remoteVersion: event.remoteVersion)
    }

    /// The wall-clock length between DTSTART and DTEND when both are written in the same zone
    /// (the same TZID, or both floating); nil when the end must be an exact length instead.
    static func wallClockLength(from start: EventTime, to end: EventTime) -> Int64? {
        switch (start.value.form, end.value.form) {
        case (.zoned(let a), .zoned(let b)) where a == b:
            return max(0, end.local.secondsSinceEpoch - start.local.secondsSinceEpoch)
        case (.floating, .floating):
            return max(0, end.local.secondsSinceEpoch - start.local.secondsSinceEpoch)
        default:
            return nil
        }
    }

    private func end(of clock: SeriesClock, local: LocalDateTime, startInstant: Int64, days: Int, seconds: Int64)
        -> Occurrence.Time
    {
        if clock.isDate {
            // A whole-day event with a DURATION: days stay days; a time part makes it a date-time.
            if seconds == 0 { return clock.time(local: LocalDateTime(date: local.date.adding(days: days)), instant: nil) }
        }
        let dayShifted = LocalDateTime(date: local.date.adding(days: days), hour: local.hour, minute: local.minute, second: local.second)
        let endInstant = (days == 0 ? startInstant : clock.instant(dayShifted)) + seconds
        if clock.isDate {
            let wall = floatingZone.local(atInstant: endInstant).local
            return Occurrence.Time(value: ICalDateTime(local: wall, form: .floating), instant: endInstant, utcOffset: nil)
        }
        return clock.time(local: clock.local(ofInstant: endInstant), instant: endInstant)
    }

    private func occurrence(of period: FreeBusyPeriod) -> Occurrence {
        let startClock = SeriesClock(start: period.start, floating: floatingZone)
        let endClock = SeriesClock(start: period.end, floating: floatingZone)
        let s = startClock.instantOf(period.start)
        let e = endClock.instantOf(period.end)
        return Occurrence(
            kind: .freeBusy, uid: period.uid, summary: nil, status: period.type, isTransparent: false, recurrenceID: nil,
            isOverride: false, start: startClock.time(local: period.start.local, instant: s),
            end: endClock.time(local: period.end.local, instant: e), tzid: period.start.value.tzid,
            ianaTimeZone: period.start.ianaIdentifier, sequence: 0, line: period.line, remoteVersion: nil)
    }
}
