import FieldSyncCore

/// Reads the events and free/busy periods out of a parsed iCalendar document, resolving every
/// time zone, and quarantining each component that cannot be trusted instead of failing the
/// whole file.
///
/// ```swift
/// let document = ICalParser().parse(bytes)
/// let calendar = ICalendarReader(defaultTimeZone: IANAZoneRules(identifier: "America/Chicago"))
///     .read(document)
/// calendar.quarantined   // [VEVENT "abc" line 14: DTSTART "2024-13-01" is not a real date]
/// ```
public struct ICalendarReader: Sendable {
    private let catalog: ZoneCatalog
    private let defaultTimeZone: (any ZoneRules)?

    /// - Parameters:
    ///   - catalog: shared IANA zones (building one costs milliseconds; share it).
    ///   - defaultTimeZone: where floating times and all-day dates happen when the calendar has
    ///     no X-WR-TIMEZONE (the technician's zone), and the zone used, with a warning, for a TZID
    ///     nobody knows. Without it, floating times are read as UTC and unknown TZIDs quarantine
    ///     their events.
    public init(catalog: ZoneCatalog = ZoneCatalog(), defaultTimeZone: (any ZoneRules)? = nil) {
        self.catalog = catalog
        self.defaultTimeZone = defaultTimeZone
    }

    public func read(_ document: ICalDocument) -> ICalCalendar {
        var problems = document.problems
        let calendars = document.calendars
        var vtimezones: [String: ICalComponent] = [:]
        for calendar in calendars {
            for tz in calendar.components(named: "VTIMEZONE") {
                if let tzid = tz.property("TZID")?.rawValue { vtimezones[tzid] = tz }
            }
        }
        var resolver = TimeZoneResolver(catalog: catalog, vtimezones: vtimezones)

        // X-WR-TIMEZONE: the zone the calendar is shown in (Google, Apple).
        var calendarZone: (any ZoneRules)?
        var calendarZoneName: String?
        var calendarName: String?
        for calendar in calendars {
            if calendarZoneName == nil, let p = calendar.property("X-WR-TIMEZONE"), !p.rawValue.isEmpty {
                calendarZoneName = p.rawValue
                switch resolver.resolve(p.rawValue) {
                case .success(let r): calendarZone = r.rules
                case .failure(let e):
                    problems.append(ICalProblem(.warning, "X-WR-TIMEZONE: \(e.message); ignored", line: p.line))
                }
            }
            if calendarName == nil { calendarName = calendar.property("X-WR-CALNAME")?.textValue }
        }
        let floatingZone: any ZoneRules = calendarZone ?? defaultTimeZone ?? FixedOffsetZoneRules.utc
        let fallbackZone = calendarZone ?? defaultTimeZone

        var context = EventContext(
            resolver: resolver, calendarZone: calendarZone, calendarZoneName: calendarZoneName,
            fallbackZone: fallbackZone)
        var masters: [String: ICalEvent] = [:]
        var overrides: [String: [String: ICalEvent]] = [:]
        var order: [String] = []
        var freeBusy: [FreeBusyPeriod] = []
        var quarantined: [QuarantinedComponent] = []

        for calendar in calendars {
            for p in calendar.problems {
                problems.append(p)
            }
            for component in calendar.components {
                switch component.name {
                case "VEVENT":
                    do {
                        let event = try context.readEvent(component)
                        problems += event.problems
                        if masters[event.uid] == nil && overrides[event.uid] == nil { order.append(event.uid) }
                        if let rid = event.recurrenceID {
                            // Keyed by the instant named, so copies written in UTC and with a
                            // TZID are recognised as one override and SEQUENCE picks between them.
                            let key = rid.isDate ? rid.value.description : "@\(rid.instant(floating: floatingZone))"
                            if let existing = overrides[event.uid]?[key], !event.supersedes(existing) { continue }
                            overrides[event.uid, default: [:]][key] = event
                        } else {
                            if let existing = masters[event.uid] {
                                let (kept, dropped) = event.supersedes(existing) ? (event, existing) : (existing, event)
                                problems.append(
                                    ICalProblem(
                                        .warning,
                                        "UID \(Quoted(event.uid)) appears twice; the copy at line \(kept.line) (SEQUENCE \(kept.sequence)) is used, the one at line \(dropped.line) ignored",
                                        line: dropped.line))
                                masters[event.uid] = kept
                            } else {
                                masters[event.uid] = event
                            }
                        }
                    } catch {
                        quarantined.append(QuarantinedComponent(component, reason: error))
                    }
                case "VFREEBUSY":
                    do {
                        let (periods, fbProblems) = try context.readFreeBusy(component)
                        freeBusy += periods
                        problems += fbProblems
                    } catch {
                        quarantined.append(QuarantinedComponent(component, reason: error))
                    }
                case "VTIMEZONE":
                    problems += component.problems
                    // Checked even when no event names it, so `fieldsync ical check` reports it.
                    do {
                        _ = try VTimeZoneRules(component)
                    } catch {
                        let tzid = component.property("TZID")?.rawValue ?? ""
                        problems.append(
                            ICalProblem(
                                .error, "VTIMEZONE \(Quoted(tzid)) cannot be used: \(error.message)",
                                line: error.line ?? component.line))
                    }
                default:
                    // VTODO, VJOURNAL, VALARM at the top, x-components: not busy time.
                    problems += component.problems.map { var p = $0; p.severity = .warning; return p }
                }
            }
        }
        let series = order.map { uid in
            EventSeries(
                uid: uid, master: masters[uid],
                overrides: (overrides[uid] ?? [:]).values.sorted { $0.line < $1.line })
        }
        return ICalCalendar(
            series: series, freeBusy: freeBusy, quarantined: quarantined,
            problems: problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) },
            floatingZone: floatingZone, calendarTimeZone: calendarZoneName, calendarName: calendarName,
            isComplete: document.isComplete)
    }
}
