import FieldSyncCore

/// A VEVENT, read and checked: the master of a series, a single event, or an override of one
/// instance (it has a ``recurrenceID``).
public struct ICalEvent: Sendable {
    /// How long each instance lasts.
    public enum End: Sendable {
        /// DTEND was given.
        case end(EventTime)
        /// DURATION was given.
        case duration(ICalDuration)
        /// Neither: a DATE lasts one day, a DATE-TIME is an instant (RFC 5545 §3.6.1).
        case none
    }

    /// An extra instance from RDATE.
    public enum ExtraDate: Sendable {
        case start(EventTime)
        case period(EventTime, End)
    }

    public var uid: String
    public var summary: String?
    /// Uppercased STATUS (`CONFIRMED`, `TENTATIVE`, `CANCELLED`), when given.
    public var status: String?
    /// TRANSP:TRANSPARENT: shown in a calendar, but the person is free.
    public var isTransparent: Bool
    public var sequence: Int
    public var start: EventTime
    public var end: End
    public var rules: [RecurrenceRule]
    public var exceptionRules: [RecurrenceRule]
    public var extraDates: [ExtraDate]
    public var exceptionDates: [EventTime]
    public var recurrenceID: EventTime?
    /// RECURRENCE-ID;RANGE=THISANDFUTURE: this override also changes every later instance.
    public var thisAndFuture: Bool
    /// LAST-MODIFIED, else DTSTAMP, as written: which copy is newer when SEQUENCE ties.
    public var stamp: String?
    public var categories: [String]
    /// Line of the BEGIN:VEVENT.
    public var line: Int
    /// Lines that were not used and things that were tolerated, for the operator.
    public var problems: [ICalProblem]

    public var isCancelled: Bool { status == "CANCELLED" }
    public var isRecurring: Bool { !rules.isEmpty || !extraDates.isEmpty }

    /// A version string for provenance: SEQUENCE and LAST-MODIFIED/DTSTAMP.
    public var remoteVersion: String {
        "\(sequence)" + (stamp.map { "@\($0)" } ?? "")
    }
}
