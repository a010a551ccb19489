import FieldSyncCore
import FieldSyncICalendar
import Foundation
import Testing

/// RECURRENCE-ID overrides (ICALENDAR-QUIRKS.md items 15 and 16): matched by instant whatever
/// zone they are written in, never shown in addition to the instance they replace; overrides
/// with no master; RANGE=THISANDFUTURE; SEQUENCE picking among copies; cancelled instances.
@Suite("RECURRENCE-ID overrides")
struct OccurrenceOverrideTests {
    typealias K = RecurrenceKit

    /// A weekly Friday 09:00 New York series from March 1, 2024 (DST starts March 10), 4 weeks.
    static let master = """
        BEGIN:VEVENT
        UID:standup
        SUMMARY:Standup
        DTSTART;TZID=America/New_York:20240301T090000
        DURATION:PT30M
        RRULE:FREQ=WEEKLY;COUNT=4
        END:VEVENT
        """

    static func override(_ recurrenceID: String, start: String = ";TZID=America/New_York:20240315T110000", extra: [String] = [])
        -> String
    {
        (["BEGIN:VEVENT", "UID:standup", "SUMMARY:Moved", "RECURRENCE-ID" + recurrenceID, "DTSTART" + start, "DURATION:PT30M"]
            + extra + ["END:VEVENT"]).joined(separator: "\r\n")
    }

    static func expand(_ components: String...) -> [Occurrence] {
        K.occurrences(components.joined(separator: "\r\n"), from: "2024-02-01", to: "2024-04-01")
    }

    static let movedSeries = [
        "2024-03-01T09:00:00-05:00", "2024-03-08T09:00:00-05:00", "2024-03-15T11:00:00-04:00", "2024-03-22T09:00:00-04:00",
    ]

    @Test(
        "an override replaces its instance whatever form its RECURRENCE-ID is written in",
        arguments: [
            ";TZID=America/New_York:20240315T090000",  // as the master writes it
            ":20240315T130000Z",  // UTC (09:00 EDT)
            ";TZID=Europe/London:20240315T130000",  // another zone, same instant
            ":20240315T090000",  // floating: read in the master's zone
        ])
    func overrideReplacesInstance(recurrenceID: String) {
        let found = Self.expand(Self.master, Self.override(recurrenceID))
        #expect(found.map(\.start.rfc3339) == Self.movedSeries)
        #expect(found.map(\.isOverride) == [false, false, true, false])
        #expect(found[2].summary == "Moved")
        #expect(found[2].recurrenceID?.instant == K.instant("2024-03-15T13:00:00Z"))
    }

    @Test(
        "an instance keeps its instance id and recurrence id when it is overridden, whatever form RECURRENCE-ID takes",
        arguments: [";TZID=America/New_York:20240315T090000", ":20240315T130000Z", ";TZID=Asia/Tokyo:20240315T220000"])
    func instanceIDSurvivesOverride(recurrenceID: String) {
        let before = Self.expand(Self.master)
        let after = Self.expand(Self.master, Self.override(recurrenceID))
        #expect(before.map(\.instanceID) == after.map(\.instanceID))
        #expect(after[2].instanceID == "standup/20240315T090000")
        #expect(after[2].recurrenceID?.rfc3339 == "2024-03-15T09:00:00-04:00")
    }

    @Test("an override whose RECURRENCE-ID names no instance is shown, and the series is untouched")
    func orphanOverride() {
        let found = Self.expand(Self.master, Self.override(":20240315T140000Z"))
        #expect(found.count == 5)
        #expect(found.filter(\.isOverride).map(\.start.rfc3339) == ["2024-03-15T11:00:00-04:00"])
    }

    @Test("RECURRENCE-ID;VALUE=DATE replaces that day's instance of a date-time series")
    func dateRecurrenceID() {
        let found = Self.expand(Self.master, Self.override(";VALUE=DATE:20240315"))
        #expect(found.map(\.start.rfc3339) == Self.movedSeries)
    }

    @Test("an all-day series' override is matched by date")
    func allDayOverride() {
        let found = Self.expand(
            """
            BEGIN:VEVENT
            UID:rota
            DTSTART;VALUE=DATE:20240304
            RRULE:FREQ=DAILY;COUNT=3
            END:VEVENT
            BEGIN:VEVENT
            UID:rota
            RECURRENCE-ID;VALUE=DATE:20240305
            DTSTART;TZID=America/New_York:20240305T130000
            DTEND;TZID=America/New_York:20240305T170000
            END:VEVENT
            """)
        #expect(found.map(\.start.rfc3339) == ["2024-03-04", "2024-03-05T13:00:00-05:00", "2024-03-06"])
    }

    @Test("an override moved out of the window hides its instance; one moved into the window appears")
    func overrideMovedAcrossWindow() {
        let out = K.occurrences(
            Self.master + "\r\n" + Self.override(":20240315T130000Z", start: ";TZID=America/New_York:20240405T090000"),
            from: "2024-03-14", to: "2024-03-16")
        #expect(out.isEmpty)
        let into = K.occurrences(
            Self.master + "\r\n" + Self.override(":20240322T130000Z", start: ";TZID=America/New_York:20240315T150000"),
            from: "2024-03-15", to: "2024-03-16")
        #expect(into.map(\.start.rfc3339) == ["2024-03-15T09:00:00-04:00", "2024-03-15T15:00:00-04:00"])
    }

    @Test("overrides with no master (one accepted instance of someone else's series) are shown as they are")
    func overridesWithoutMaster() {
        let found = Self.expand(Self.override(":20240315T130000Z"), Self.override(":20240322T130000Z", start: ":20240322T170000Z"))
        #expect(found.map(\.start.rfc3339) == ["2024-03-15T11:00:00-04:00", "2024-03-22T17:00:00Z"])
        #expect(found.allSatisfy { $0.isOverride })
        let recurrenceIDs = found.map { $0.recurrenceID?.rfc3339 }
        #expect(recurrenceIDs == ["2024-03-15T13:00:00Z", "2024-03-22T13:00:00Z"])
    }

    @Test("a single event with an override of itself shows only the override")
    func singleEventOverridden() {
        let found = Self.expand(
            """
            BEGIN:VEVENT
            UID:once
            DTSTART;TZID=America/New_York:20240315T090000
            END:VEVENT
            BEGIN:VEVENT
            UID:once
            RECURRENCE-ID:20240315T130000Z
            DTSTART;TZID=America/New_York:20240315T100000
            END:VEVENT
            """)
        #expect(found.map(\.start.rfc3339) == ["2024-03-15T10:00:00-04:00"])
    }

    // MARK: THISANDFUTURE

    @Test("RANGE=THISANDFUTURE moves and reshapes its instance and every later one, not the earlier ones")
    func thisAndFuture() {
        let found = K.occurrences(
            """
            BEGIN:VEVENT
            UID:class
            SUMMARY:Class
            DTSTART;TZID=Europe/Berlin:20240325T090000
            DURATION:PT1H
            RRULE:FREQ=DAILY;COUNT=6
            END:VEVENT
            BEGIN:VEVENT
            UID:class
            SUMMARY:Class (later)
            RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20240327T090000
            DTSTART;TZID=Europe/Berlin:20240327T103000
            DURATION:PT2H
            END:VEVENT
            """, from: "2024-03-01", to: "2024-05-01")
        #expect(found.map(\.start.rfc3339) == [
            "2024-03-25T09:00:00+01:00", "2024-03-26T09:00:00+01:00", "2024-03-27T10:30:00+01:00", "2024-03-28T10:30:00+01:00",
            "2024-03-29T10:30:00+01:00", "2024-03-30T10:30:00+01:00",
        ])
        #expect(found.map(\.summary) == ["Class", "Class", "Class (later)", "Class (later)", "Class (later)", "Class (later)"])
        #expect(found.map { $0.end.instant - $0.start.instant } == [3600, 3600, 7200, 7200, 7200, 7200])
        #expect(found[3].recurrenceID?.rfc3339 == "2024-03-28T09:00:00+01:00")
    }

    @Test("a THISANDFUTURE shift keeps wall-clock time across DST for the instances after it")
    func thisAndFutureAcrossDST() {
        let found = K.occurrences(
            """
            BEGIN:VEVENT
            UID:class
            DTSTART;TZID=Europe/Berlin:20240328T090000
            RRULE:FREQ=DAILY;COUNT=5
            END:VEVENT
            BEGIN:VEVENT
            UID:class
            RECURRENCE-ID;RANGE=THISANDFUTURE:20240329T080000Z
            DTSTART;TZID=Europe/Berlin:20240329T100000
            END:VEVENT
            """, from: "2024-03-01", to: "2024-05-01")
        #expect(found.map(\.start.rfc3339) == [
            "2024-03-28T09:00:00+01:00", "2024-03-29T10:00:00+01:00", "2024-03-30T10:00:00+01:00", "2024-03-31T10:00:00+02:00",
            "2024-04-01T10:00:00+02:00",
        ])
    }

    // MARK: SEQUENCE and copies

    @Test("of two copies of one override, the higher SEQUENCE wins, wherever it is in the file")
    func sequencePicksCopy() {
        let low = Self.override(":20240315T130000Z", start: ";TZID=America/New_York:20240315T110000", extra: ["SEQUENCE:1"])
        let high = Self.override(":20240315T130000Z", start: ";TZID=America/New_York:20240315T140000", extra: ["SEQUENCE:2"])
        for order in [[low, high], [high, low]] {
            let found = K.occurrences(([Self.master] + order).joined(separator: "\r\n"), from: "2024-03-15", to: "2024-03-16")
            #expect(found.map(\.start.rfc3339) == ["2024-03-15T14:00:00-04:00"])
        }
    }

    @Test("copies of one override whose RECURRENCE-IDs are written in different zones are still one instance")
    func sequenceAcrossForms() {
        let low = Self.override(";TZID=America/New_York:20240315T090000", extra: ["SEQUENCE:1"])
        let high = Self.override(":20240315T130000Z", start: ";TZID=America/New_York:20240315T140000", extra: ["SEQUENCE:2"])
        for order in [[low, high], [high, low]] {
            let found = K.occurrences(([Self.master] + order).joined(separator: "\r\n"), from: "2024-03-15", to: "2024-03-16")
            #expect(found.map(\.start.rfc3339) == ["2024-03-15T14:00:00-04:00"])
        }
    }

    @Test("two copies of the master: the higher SEQUENCE is the series")
    func duplicateMasters() {
        let newer = Self.master.replacingOccurrences(of: "DTSTART;TZID=America/New_York:20240301T090000", with: "SEQUENCE:3\r\nDTSTART;TZID=America/New_York:20240301T080000")
        let found = Self.expand(newer, Self.master)
        #expect(found.map(\.start.rfc3339) == [
            "2024-03-01T08:00:00-05:00", "2024-03-08T08:00:00-05:00", "2024-03-15T08:00:00-04:00", "2024-03-22T08:00:00-04:00",
        ])
    }

    // MARK: Cancelled and transparent

    @Test("a STATUS:CANCELLED override is listed once, not busy, and the instance it cancels is gone")
    func cancelledOverride() {
        let found = Self.expand(Self.master, Self.override(":20240315T130000Z", start: ";TZID=America/New_York:20240315T090000", extra: ["STATUS:CANCELLED"]))
        #expect(found.count == 4)
        #expect(found.map(\.isBusy) == [true, true, false, true])
        #expect(found[2].status == "CANCELLED")
    }

    @Test("a cancelled master makes every instance free; TRANSP:TRANSPARENT too")
    func cancelledAndTransparentSeries() {
        let cancelled = Self.master.replacingOccurrences(of: "SUMMARY:Standup", with: "SUMMARY:Standup\r\nSTATUS:CANCELLED")
        #expect(Self.expand(cancelled).map(\.isBusy) == [false, false, false, false])
        let transparent = Self.master.replacingOccurrences(of: "SUMMARY:Standup", with: "SUMMARY:Standup\r\nTRANSP:TRANSPARENT")
        let found = Self.expand(transparent)
        #expect(found.map(\.isBusy) == [false, false, false, false])
        #expect(found.allSatisfy { $0.isTransparent })
    }

    @Test("VFREEBUSY periods are busy unless FBTYPE=FREE, with several periods per line and start/duration periods")
    func freeBusyPeriods() {
        let found = K.occurrences(
            """
            BEGIN:VFREEBUSY
            UID:fb
            FREEBUSY:20240315T130000Z/20240315T140000Z,20240315T150000Z/PT30M
            FREEBUSY;FBTYPE=FREE:20240315T160000Z/20240315T170000Z
            FREEBUSY;FBTYPE=BUSY-TENTATIVE:20240315T180000Z/PT1H
            END:VFREEBUSY
            """, from: "2024-03-15", to: "2024-03-16")
        #expect(found.map(\.start.rfc3339) == ["2024-03-15T13:00:00Z", "2024-03-15T15:00:00Z", "2024-03-15T16:00:00Z", "2024-03-15T18:00:00Z"])
        #expect(found.map(\.isBusy) == [true, true, false, true])
        #expect(found.map { $0.end.instant - $0.start.instant } == [3600, 1800, 3600, 3600])
    }
}
