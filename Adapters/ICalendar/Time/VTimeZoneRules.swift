import FieldSyncCore

/// Zone rules read from a VTIMEZONE component (RFC 5545 §3.6.5), for TZIDs no system zone
/// matches (Exchange's "Customized Time Zone", made-up names).
///
/// Every STANDARD and DAYLIGHT observance becomes a list of transitions (its DTSTART, RRULE and
/// RDATEs, read in the offset *before* the change, TZOFFSETFROM) up to the year 2200; the offset
/// at an instant is the TZOFFSETTO of the last transition at or before it. Tolerates what
/// producers get wrong: a missing TZOFFSETFROM (Outlook for Mac; the other observance's
/// TZOFFSETTO is used), only DAYLIGHT, STANDARD and DAYLIGHT swapped, offsets with seconds.
public struct VTimeZoneRules: ZoneRules {
    public let identifier: String
    private let timeline: OffsetTimeline

    public init(_ component: ICalComponent) throws(ICalendarError) {
        guard let tzid = component.property("TZID")?.textValue.trimmingSpaces, !tzid.isEmpty else {
            throw ICalendarError(.missingProperty, "VTIMEZONE has no TZID", line: component.line)
        }
        identifier = tzid
        struct Transition {
            var instant: Int64
            var from: Int
            var to: Int
        }
        var transitions: [Transition] = []
        let observances = component.components.filter { $0.name == "STANDARD" || $0.name == "DAYLIGHT" }
        guard !observances.isEmpty else {
            throw ICalendarError(.missingProperty, "VTIMEZONE \(tzid) has no STANDARD or DAYLIGHT rules", line: component.line)
        }
        let horizon = LocalDateTime(date: LocalDate(year: 2200, month: 1, day: 1)!)
        for observance in observances {
            guard let toProperty = observance.property("TZOFFSETTO") else {
                throw ICalendarError(
                    .missingProperty, "\(observance.name) in VTIMEZONE \(tzid) has no TZOFFSETTO", line: observance.line)
            }
            let to = try ICalUTCOffset.parse(toProperty.rawValue, line: toProperty.line)
            let from: Int
            if let fromProperty = observance.property("TZOFFSETFROM") {
                from = try ICalUTCOffset.parse(fromProperty.rawValue, line: fromProperty.line)
            } else {
                // Outlook for Mac leaves TZOFFSETFROM out: the offset before this onset is the one
                // the other observance switches to (STANDARD's for DAYLIGHT and vice versa).
                from = Self.otherOffset(than: to, in: observances) ?? to
            }
            guard let startProperty = observance.property("DTSTART") else {
                throw ICalendarError(
                    .missingProperty, "\(observance.name) in VTIMEZONE \(tzid) has no DTSTART", line: observance.line)
            }
            let start = try ICalDateTime.parse(startProperty.rawValue, line: startProperty.line)
            func instant(_ value: ICalDateTime) -> Int64 {
                value.form == .utc ? value.local.secondsSinceEpoch : value.local.secondsSinceEpoch - Int64(from)
            }
            transitions.append(Transition(instant: instant(start), from: from, to: to))
            for rruleProperty in observance.properties(named: "RRULE") {
                let rule = try RecurrenceRule.parse(rruleProperty.rawValue, line: rruleProperty.line)
                let until = rule.until
                var iterator = RecurrenceIterator(
                    rule: rule, start: start.local, isDate: false, notBefore: nil, notAfter: horizon,
                    isPastUntil: { local in
                        guard let until else { return false }
                        if until.form == .utc { return local.secondsSinceEpoch - Int64(from) > until.local.secondsSinceEpoch }
                        return local > until.local
                    })
                while let onset = iterator.next() {
                    transitions.append(Transition(instant: onset.secondsSinceEpoch - Int64(from), from: from, to: to))
                }
            }
            for rdateProperty in observance.properties(named: "RDATE") {
                for item in rdateProperty.rawValue.split(separator: ",") {
                    let value = try ICalDateTime.parse(item, line: rdateProperty.line)
                    transitions.append(Transition(instant: instant(value), from: from, to: to))
                }
            }
        }
        transitions.sort { $0.instant < $1.instant }
        timeline = OffsetTimeline(
            initialOffset: transitions.first?.from ?? 0, transitions: transitions.map { ($0.instant, $0.to) })
    }

    /// The first TZOFFSETTO among `observances` that differs from `offset`, when one can be read.
    private static func otherOffset(than offset: Int, in observances: [ICalComponent]) -> Int? {
        for observance in observances {
            guard let p = observance.property("TZOFFSETTO"), let other = try? ICalUTCOffset.parse(p.rawValue) else { continue }
            if other != offset { return other }
        }
        return nil
    }

    public func utcOffset(atInstant instant: Int64) -> Int {
        timeline.offset(at: instant)
    }
}
