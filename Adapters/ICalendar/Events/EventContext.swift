import FieldSyncCore

/// Reads single components into events and free/busy periods, resolving their times.
struct EventContext {
    var resolver: TimeZoneResolver
    /// X-WR-TIMEZONE, resolved: UTC and floating date-times are moved into it (what Google means).
    let calendarZone: (any ZoneRules)?
    let calendarZoneName: String?
    /// The zone an unknown TZID is read in, with a warning; nil quarantines such events.
    let fallbackZone: (any ZoneRules)?

    /// Properties whose loss changes when an event happens: a bad line naming one of these (or
    /// a line whose name could not even be read) quarantines the event.
    private static let schedulingProperties: Set<String> = [
        "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID", "UID", "STATUS",
        "TRANSP", "SEQUENCE",
    ]

    mutating func readEvent(_ c: ICalComponent) throws(ICalendarError) -> ICalEvent {
        guard c.endLine != nil else {
            throw ICalendarError(.syntax, "VEVENT is never closed: the file ends inside it (truncated?)", line: c.line)
        }
        var problems: [ICalProblem] = []
        for problem in c.problems where problem.severity == .error {
            // A bad line that is (or starts like) a scheduling property, or whose name cannot be
            // read at all, may hide when the event happens: quarantine. Stray text (a
            // description continued without folding) costs only that line.
            let name = problem.property ?? problem.leadingWord
            if name == nil || Self.schedulingProperties.contains(name!) {
                throw ICalendarError(.syntax, problem.message, line: problem.line)
            }
            problems.append(problem)
        }
        for sub in c.components {
            problems += sub.problems.map { var p = $0; p.severity = .warning; return p }
        }

        let uid: String
        if let p = c.property("UID"), !p.rawValue.isEmpty {
            uid = p.textValue
        } else {
            uid = "no-uid-" + StableHash.hex(c.properties.map { "\($0.name):\($0.rawValue)" }.joined(separator: "\n"))
            problems.append(ICalProblem(.warning, "VEVENT has no UID; it is known here as \(uid)", line: c.line))
        }

        guard let startProperty = c.property("DTSTART") else {
            throw ICalendarError(.missingProperty, "VEVENT \(Quoted(uid)) has no DTSTART", line: c.line)
        }
        let start = try time(startProperty, problems: &problems)

        var end: ICalEvent.End = .none
        let endProperty = c.property("DTEND")
        let durationProperty = c.property("DURATION")
        if let endProperty {
            var endTime = try time(endProperty, problems: &problems)
            if durationProperty != nil {
                problems.append(
                    ICalProblem(.warning, "VEVENT has both DTEND and DURATION; DTEND is used", line: durationProperty!.line))
            }
            let floating = fallbackZone ?? FixedOffsetZoneRules.utc
            if endTime.isDate != start.isDate {
                problems.append(
                    ICalProblem(
                        .warning, "DTEND is a \(endTime.isDate ? "date" : "date-time") but DTSTART is not; read as the instant it names",
                        line: endProperty.line))
            }
            if endTime.instant(floating: floating) < start.instant(floating: floating) {
                problems.append(
                    ICalProblem(.warning, "DTEND is before DTSTART; the event is read as ending when it starts", line: endProperty.line))
                endTime = start
            }
            end = .end(endTime)
        } else if let durationProperty {
            var duration = try ICalDuration.parse(durationProperty.rawValue, line: durationProperty.line)
            if duration.isNegative {
                problems.append(
                    ICalProblem(.warning, "DURATION \(durationProperty.rawValue) is negative; read as zero", line: durationProperty.line))
                duration = ICalDuration()
            }
            end = .duration(duration)
        }

        var rules: [RecurrenceRule] = []
        for p in c.properties(named: "RRULE") {
            let rule = try RecurrenceRule.parse(p.rawValue, line: p.line)
            problems += rule.warnings.map { ICalProblem(.warning, $0, line: p.line) }
            if let until = rule.until, isBefore(until, start) {
                problems.append(
                    ICalProblem(
                        .warning,
                        "RRULE UNTIL=\(until) is before DTSTART: the rule gives no instances (how Confluence writes a deleted series)",
                        line: p.line))
            }
            rules.append(rule)
        }
        var exceptionRules: [RecurrenceRule] = []
        for p in c.properties(named: "EXRULE") {
            exceptionRules.append(try RecurrenceRule.parse(p.rawValue, line: p.line))
        }

        var extraDates: [ICalEvent.ExtraDate] = []
        for p in c.properties(named: "RDATE") {
            guard !p.rawValue.isEmpty else {
                problems.append(ICalProblem(.error, "RDATE has no value; the line is ignored", line: p.line, property: "RDATE"))
                continue
            }
            let isPeriod = p.parameter("VALUE")?.uppercased() == "PERIOD" || p.rawValue.contains("/")
            for item in p.rawValue.split(separator: ",") {
                if isPeriod {
                    let period = try ICalPeriod.parse(item, tzid: p.parameter("TZID"), line: p.line)
                    let periodStart = try resolve(period.start, line: p.line, problems: &problems)
                    let periodEnd: ICalEvent.End
                    switch period.end {
                    case .duration(let d): periodEnd = .duration(d)
                    case .end(let e): periodEnd = .end(try resolve(e, line: p.line, problems: &problems))
                    }
                    extraDates.append(.period(periodStart, periodEnd))
                } else {
                    let value = try ICalDateTime.parse(item, tzid: p.parameter("TZID"), line: p.line)
                    extraDates.append(.start(try resolve(value, line: p.line, problems: &problems)))
                }
            }
        }
        var exceptionDates: [EventTime] = []
        for p in c.properties(named: "EXDATE") {
            guard !p.rawValue.isEmpty else {
                problems.append(ICalProblem(.error, "EXDATE has no value; the line is ignored", line: p.line, property: "EXDATE"))
                continue
            }
            for item in p.rawValue.split(separator: ",") {
                let value = try ICalDateTime.parse(item, tzid: p.parameter("TZID"), line: p.line)
                exceptionDates.append(try resolve(value, line: p.line, problems: &problems))
            }
        }

        var recurrenceID: EventTime?
        var thisAndFuture = false
        if let p = c.property("RECURRENCE-ID") {
            recurrenceID = try time(p, problems: &problems)
            thisAndFuture = p.parameter("RANGE")?.uppercased() == "THISANDFUTURE"
        }

        let sequence: Int
        if let p = c.property("SEQUENCE") {
            if let n = Int(p.rawValue.trimmingSpaces) {
                sequence = n
            } else {
                problems.append(ICalProblem(.warning, "SEQUENCE \(Quoted(p.rawValue)) is not a number; read as 0", line: p.line))
                sequence = 0
            }
        } else {
            sequence = 0
        }
        let status = c.property("STATUS")?.rawValue.trimmingSpaces.uppercased()
        let transparent = c.property("TRANSP")?.rawValue.trimmingSpaces.uppercased() == "TRANSPARENT"

        return ICalEvent(
            uid: uid, summary: c.property("SUMMARY")?.textValue, status: status?.isEmpty == true ? nil : status,
            isTransparent: transparent, sequence: sequence, start: start, end: end, rules: rules,
            exceptionRules: exceptionRules, extraDates: extraDates, exceptionDates: exceptionDates,
            recurrenceID: recurrenceID, thisAndFuture: thisAndFuture,
            stamp: (c.property("LAST-MODIFIED") ?? c.property("DTSTAMP"))?.rawValue,
            categories: c.properties(named: "CATEGORIES").flatMap(\.textValues), line: c.line, problems: problems)
    }

    mutating func readFreeBusy(_ c: ICalComponent) throws(ICalendarError) -> ([FreeBusyPeriod], [ICalProblem]) {
        guard c.endLine != nil else {
            throw ICalendarError(.syntax, "VFREEBUSY is never closed: the file ends inside it (truncated?)", line: c.line)
        }
        var problems: [ICalProblem] = c.problems.map { var p = $0; p.severity = .warning; return p }
        let uid = c.property("UID")?.textValue
        var periods: [FreeBusyPeriod] = []
        let lines = c.properties(named: "FREEBUSY")
        for p in lines {
            let type = (p.parameter("FBTYPE") ?? "BUSY").uppercased()
            for item in p.rawValue.split(separator: ",") {
                let period: ICalPeriod
                do {
                    period = try ICalPeriod.parse(item, tzid: p.parameter("TZID"), line: p.line)
                } catch {
                    problems.append(ICalProblem(.error, error.message + "; this period is ignored", line: p.line, property: "FREEBUSY"))
                    continue
                }
                let start = try resolve(period.start, line: p.line, problems: &problems)
                let end: EventTime
                switch period.end {
                case .end(let e):
                    end = try resolve(e, line: p.line, problems: &problems)
                case .duration(let d):
                    let floating = fallbackZone ?? FixedOffsetZoneRules.utc
                    let s = start.instant(floating: floating)
                    let endInstant = s + d.approximateSeconds
                    end = EventTime(value: ICalDateTime(local: LocalDateTime(secondsSinceEpoch: endInstant), form: .utc))
                }
                let floating = fallbackZone ?? FixedOffsetZoneRules.utc
                guard end.instant(floating: floating) >= start.instant(floating: floating) else {
                    problems.append(
                        ICalProblem(.error, "FREEBUSY period \(item) ends before it starts; ignored", line: p.line, property: "FREEBUSY"))
                    continue
                }
                periods.append(FreeBusyPeriod(uid: uid, type: type, start: start, end: end, line: p.line))
            }
        }
        if lines.isEmpty, let s = c.property("DTSTART"), let e = c.property("DTEND") {
            // One VFREEBUSY per busy interval with only DTSTART/DTEND (Radicale).
            let start = try time(s, problems: &problems)
            let end = try time(e, problems: &problems)
            periods.append(FreeBusyPeriod(uid: uid, type: "BUSY", start: start, end: end, line: c.line))
        }
        return (periods, problems)
    }

    /// Whether UNTIL falls before DTSTART, compared the way the expander compares them: by day
    /// when either is a date, as instants for a UTC UNTIL, as wall-clock times otherwise.
    private func isBefore(_ until: ICalDateTime, _ start: EventTime) -> Bool {
        if until.isDate || start.isDate { return until.local.date < start.local.date }
        if until.form == .utc {
            return until.local.secondsSinceEpoch < start.instant(floating: fallbackZone ?? FixedOffsetZoneRules.utc)
        }
        return until.local < start.local
    }

    /// Reads a DATE or DATE-TIME property, honouring VALUE and TZID.
    private mutating func time(_ p: ICalProperty, problems: inout [ICalProblem]) throws(ICalendarError) -> EventTime {
        let raw = p.rawValue.trimmingSpaces
        guard !raw.isEmpty else {
            throw ICalendarError(.invalidValue, "\(p.name) has no value", line: p.line)
        }
        let value = try ICalDateTime.parse(raw, tzid: p.parameter("TZID"), line: p.line)
        if let declared = p.parameter("VALUE")?.uppercased() {
            if declared == "DATE" && !value.isDate || declared == "DATE-TIME" && value.isDate {
                problems.append(
                    ICalProblem(.warning, "\(p.name) says VALUE=\(declared) but holds \(Quoted(raw)); read as written", line: p.line))
            }
        }
        return try resolve(value, line: p.line, problems: &problems)
    }

    /// Attaches zone rules to a value, applying X-WR-TIMEZONE and the fallback for unknown TZIDs.
    private mutating func resolve(_ value: ICalDateTime, line: Int, problems: inout [ICalProblem]) throws(ICalendarError)
        -> EventTime
    {
        switch value.form {
        case .date:
            return EventTime(value: value)
        case .utc, .floating:
            guard let calendarZone, let calendarZoneName else { return EventTime(value: value) }
            let local = value.form == .utc ? calendarZone.local(atInstant: value.local.secondsSinceEpoch).local : value.local
            // A UTC time must keep naming its instant, also in the repeated hour of a fall-back night.
            let utc = value.local.secondsSinceEpoch
            let exact = value.form == .utc && calendarZone.instant(for: local) != utc ? utc : nil
            return EventTime(
                value: ICalDateTime(local: local, form: .zoned(tzid: calendarZoneName)), zone: calendarZone,
                ianaIdentifier: calendarZone is IANAZoneRules ? calendarZone.identifier : nil, exactInstant: exact)
        case .zoned(let tzid):
            switch resolver.resolve(tzid) {
            case .success(let resolution):
                if resolution.method == .fixedOffset {
                    problems.append(
                        ICalProblem(
                            .warning,
                            "TZID \(Quoted(tzid)) read as a fixed offset of \(UTCOffsetFormat.string(resolution.rules.utcOffset(atInstant: 0))) (no daylight saving); give the feed an IANA zone or a VTIMEZONE",
                            line: line))
                }
                return EventTime(value: value, zone: resolution.rules, ianaIdentifier: resolution.ianaIdentifier)
            case .failure(let error):
                guard let fallbackZone else { throw ICalendarError(error.code, error.message, line: line) }
                problems.append(
                    ICalProblem(.warning, "\(error.message); read in \(fallbackZone.identifier), the calendar's zone", line: line))
                return EventTime(
                    value: value, zone: fallbackZone,
                    ianaIdentifier: fallbackZone is IANAZoneRules ? fallbackZone.identifier : nil)
            }
        }
    }
}

/// A short, stable hash (FNV-1a, 64-bit) for ids that must not change between runs.
enum StableHash {
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let s = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
