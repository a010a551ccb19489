import FieldSyncCore

/// What an iCalendar stream says about busy time, ready to expand: every VEVENT grouped into
/// series by UID, every VFREEBUSY period, and everything that could not be used, with reasons.
public struct ICalCalendar: Sendable {
    public var series: [EventSeries]
    public var freeBusy: [FreeBusyPeriod]
    /// Components that could not be read and were left out, each with the reason.
    public var quarantined: [QuarantinedComponent]
    /// Problems that did not stop anything from being used (a bad line in a VALARM, a guessed
    /// zone), and errors outside any event.
    public var problems: [ICalProblem]
    /// The zone floating times and all-day dates are read in: X-WR-TIMEZONE, else the zone the
    /// caller gave, else UTC.
    public var floatingZone: any ZoneRules
    /// X-WR-TIMEZONE as written, when the calendar has one.
    public var calendarTimeZone: String?
    /// X-WR-CALNAME, when the calendar has one.
    public var calendarName: String?
    /// False when the stream was cut short (a component never closed): then what is missing
    /// cannot be told from what was deleted.
    public var isComplete: Bool

    /// All events in file order.
    public var events: [ICalEvent] {
        series.flatMap { s in (s.master.map { [$0] } ?? []) + s.overrides }.sorted { $0.line < $1.line }
    }
}

/// A component left out of a calendar, and why.
public struct QuarantinedComponent: Sendable, Hashable {
    /// `VEVENT`, `VFREEBUSY`, ...
    public var component: String
    public var uid: String?
    public var reason: String
    /// Lines of its BEGIN and END (nil when never closed).
    public var line: Int
    public var endLine: Int?
}

extension QuarantinedComponent {
    init(_ component: ICalComponent, reason: ICalendarError) {
        self.init(
            component: component.name, uid: component.property("UID")?.rawValue, reason: reason.description,
            line: component.line, endLine: component.endLine)
    }
}
