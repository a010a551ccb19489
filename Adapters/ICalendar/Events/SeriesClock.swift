import FieldSyncCore

/// The wall clock a series runs on: its start's zone, or the floating zone for floating times
/// and dates, or UTC.
struct SeriesClock {
    let form: ICalDateTime.Form
    let zone: any ZoneRules

    init(start: EventTime, floating: any ZoneRules) {
        form = start.value.form
        switch start.value.form {
        case .utc: zone = FixedOffsetZoneRules.utc
        case .zoned: zone = start.zone ?? floating
        case .floating, .date: zone = floating
        }
    }

    var isDate: Bool { form == .date }

    func instant(_ local: LocalDateTime) -> Int64 {
        zone.instant(for: local)
    }

    func local(ofInstant instant: Int64) -> LocalDateTime {
        zone.local(atInstant: instant).local
    }

    /// The instant a value from the same event names (EXDATE, RDATE, RECURRENCE-ID), whatever
    /// form it was written in.
    func instantOf(_ t: EventTime) -> Int64 {
        if let exact = t.exactInstant { return exact }
        return switch t.value.form {
        case .utc: t.local.secondsSinceEpoch
        case .zoned: (t.zone ?? zone).instant(for: t.local)
        // Floating and date values belong to the series' own clock.
        case .floating, .date: instant(t.local)
        }
    }

    /// That value as wall-clock time on this clock.
    ///
    /// On an all-day clock, a date-time with a TZID names the date written (Exchange writes
    /// `EXDATE;TZID=W. Europe Standard Time:20240313T000000` for an all-day series): converting
    /// it to the floating zone would move it to the 12th in New York. So does a UTC midnight
    /// (an all-day date written as UTC); any other UTC time is read in the floating zone.
    func local(of t: EventTime) -> LocalDateTime {
        switch t.value.form {
        case .floating, .date: return t.local
        case .zoned where isDate: return t.local
        case .utc where isDate && t.local == LocalDateTime(date: t.local.date): return t.local
        case .utc, .zoned:
            if case .zoned = form, let z = t.zone, z.identifier == zone.identifier { return t.local }
            return local(ofInstant: instantOf(t))
        }
    }

    /// The instant a value from the same event (RDATE, RECURRENCE-ID) names as an instance of
    /// this series: exact for date-times, the start of its day on an all-day clock.
    func exactInstant(of t: EventTime) -> Int64 {
        isDate ? instant(local(of: t)) : instantOf(t)
    }

    /// A wall-clock time on this clock as an occurrence time. A zoned time is shown as the wall
    /// clock of the instant it resolved to, so value and offset always name that instant: 02:30
    /// in a spring-forward gap is shown as 03:30 with the daylight offset (RFC 5545 §3.3.5).
    func time(local: LocalDateTime, instant: Int64?) -> Occurrence.Time {
        let i = instant ?? self.instant(local)
        switch form {
        case .zoned:
            let (wall, offset) = zone.local(atInstant: i)
            return Occurrence.Time(value: ICalDateTime(local: wall, form: form), instant: i, utcOffset: offset)
        default: return Occurrence.Time(value: ICalDateTime(local: local, form: form), instant: i, utcOffset: nil)
        }
    }
}
