import FieldSyncCore

/// Time a linked technician's own calendar feed (`Adapters/Sandbox/Feeds`) keeps busy, so that
/// the built-in data set books nobody into it: a busy event, a meeting, a training or time off,
/// written as the shop's wall-clock time.
///
/// The feeds hold absolute dates while the vendor data moves by whole weeks to the week of the
/// run (see ``SandboxData/shiftedToCurrentWeek(now:)``). So a block that repeats every week
/// (`from` and `until` nil) is kept clear on every written day of its weekdays, whatever week the
/// data lands in; monthly and fortnightly events are listed as weekly for that reason. A dated
/// event (`from`/`until` set, as the feed's dates) is kept clear on the written days it can land
/// on for runs in ``BuiltInDataSet/supportedWeekShifts`` (the week before the anchor week to the
/// week after it); for runs later than that, one-off events such as Dan's December vacation
/// land on booked days.
public struct CalendarBlock: Sendable, Hashable {
    /// The days it falls on (every day when empty).
    public var weekdays: Set<Weekday>
    /// The first and last date (in the feed) it falls on; nil: open-ended.
    public var from: LocalDate?
    public var until: LocalDate?
    /// Wall-clock start and end, minutes after midnight (1440: the end of the day).
    public var startMinute: Int
    public var endMinute: Int
    /// The feed event (its UID), for people.
    public var event: String

    public init(
        _ weekdays: Set<Weekday> = [], from: LocalDate? = nil, until: LocalDate? = nil, _ start: (Int, Int), _ end: (Int, Int),
        event: String
    ) {
        self.weekdays = weekdays
        self.from = from
        self.until = until
        startMinute = start.0 * 60 + start.1
        endMinute = end.0 * 60 + end.1
        self.event = event
    }

    /// Whether the block falls on the feed date `date`.
    func falls(on date: LocalDate) -> Bool {
        (weekdays.isEmpty || weekdays.contains(date.weekday)) && from.map { date >= $0 } != false
            && until.map { date <= $0 } != false
    }

    /// Whether the block can fall on the written day `date` of the vendor data, for runs whose
    /// week is `shifts` weeks after the anchor week.
    public func applies(toWritten date: LocalDate, shifts: ClosedRange<Int>) -> Bool {
        if from == nil && until == nil { return falls(on: date) }
        return shifts.contains { falls(on: date.adding(days: 7 * $0)) }
    }

    static func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate {
        LocalDate(year: y, month: m, day: d) ?? LocalDate(daysSinceEpoch: 0)
    }

    /// What each linked technician's feed keeps busy, by the local id the feeds use. Shifts and
    /// working hours only add bookable time, free (`TRANSP:TRANSPARENT`) events do not block, and
    /// Dan's "Dentist" event is the feed's broken one (quarantined), so none of them are here.
    public static let builtIn: [String: [CalendarBlock]] = [
        "maria-lopez": [
            CalendarBlock([.monday, .tuesday, .wednesday, .thursday, .friday], (7, 30), (7, 45), event: "maria-huddle@google.com"),
            CalendarBlock(from: date(2026, 11, 24), until: date(2026, 11, 24), (14, 0), (15, 0), event: "maria-huddle@google.com (moved)"),
            // Every other Tuesday.
            CalendarBlock([.tuesday], (15, 0), (17, 0), event: "maria-furnace-cert@google.com"),
            CalendarBlock(from: date(2026, 12, 7), until: date(2026, 12, 8), (0, 0), (24, 0), event: "maria-pto-dec@google.com"),
            CalendarBlock([.thursday], (14, 30), (15, 30), event: BuiltInDataSet.schoolPickupEvent),
        ],
        "dan-okafor": [
            // The first Tuesday of the month.
            CalendarBlock([.tuesday], (12, 0), (13, 0), event: "040000008200E00074C5B7101A82E00800000000D4E5F6A7B8C9"),
            CalendarBlock(from: date(2026, 12, 14), until: date(2026, 12, 18), (0, 0), (24, 0), event: "040000008200E00074C5B7101A82E00800000000C3D4E5F6A7B8"),
        ],
        "priya-shah": [
            CalendarBlock([.tuesday, .thursday], (15, 0), (16, 30), event: "8C1E2F2A-1B7D-4E7A-9C6B-PRIYA-TRAINING"),
            // The last Friday of the month.
            CalendarBlock([.friday], (8, 0), (12, 0), event: "8C1E2F2A-1B7D-4E7A-9C6B-PRIYA-FRI"),
            CalendarBlock(from: date(2026, 11, 30), until: date(2026, 11, 30), (13, 30), (15, 0), event: "8C1E2F2A-1B7D-4E7A-9C6B-PRIYA-PERMIT"),
            CalendarBlock([.thursday], from: date(2026, 12, 3), until: date(2026, 12, 10), (9, 0), (13, 0), event: "PRIYA-FB-2026-12"),
        ],
        "sam-becker": [
            // Wednesday mornings until the THISANDFUTURE change moves them to the afternoon.
            CalendarBlock([.wednesday], until: date(2026, 12, 1), (9, 0), (11, 0), event: "sam-ride-along@fieldsync.example"),
            CalendarBlock([.wednesday], (13, 0), (15, 0), event: "sam-ride-along@fieldsync.example (from December)"),
            CalendarBlock(from: date(2026, 11, 26), until: date(2026, 11, 27), (0, 0), (24, 0), event: "sam-ooo-thanksgiving@fieldsync.example"),
        ],
    ]
}
