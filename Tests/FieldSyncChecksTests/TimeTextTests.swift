import Foundation
import Testing

@testable import FieldSyncChecks

/// Findings describe times on the technician's wall clock. The checks compute it from the zone's
/// offset and day arithmetic rather than a `Calendar` per message; it must agree with the
/// Gregorian calendar at every instant, above all where the clocks jump.
@Suite("Wall-clock times in findings")
struct TimeTextTests {
    /// Every 7 minutes over two days around `day` (UTC midnight), in `zone`.
    static func instants(around day: String) -> [Date] {
        let midnight = ISO8601DateFormatter().date(from: day + "T00:00:00Z")!
        return stride(from: -86_400.0, to: 86_400.0, by: 420).map { midnight.addingTimeInterval($0) }
            + [midnight.addingTimeInterval(0.999), midnight.addingTimeInterval(-0.001)]
    }

    @Test(
        "agrees with Calendar across daylight-saving changes, odd offsets, a leap day and before 1970",
        arguments: [
            ("America/Chicago", "2026-11-01"), ("America/Chicago", "2026-03-08"), ("America/Denver", "2026-11-01"),
            ("Europe/London", "2026-03-29"), ("Australia/Lord_Howe", "2026-04-05"), ("Asia/Kolkata", "2028-02-29"),
            ("Pacific/Chatham", "2026-09-27"), ("America/St_Johns", "1965-04-25"), ("UTC", "1969-12-31"),
            ("Pacific/Kiritimati", "2026-12-31"),
        ])
    func agreesWithCalendar(zone identifier: String, day: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        for instant in Self.instants(around: day) {
            let expected = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: instant)
            let got = TimeText.wallClock(instant, in: zone)
            #expect(
                [got.year, got.month, got.day, got.weekday, got.hour, got.minute]
                    == [expected.year, expected.month, expected.day, expected.weekday, expected.hour, expected.minute],
                "\(identifier) at \(instant)")
        }
    }

    @Test("a span on the night the clocks fall back reads in CDT, then CST, as a dispatcher in Chicago sees it")
    func fallBackSpan() throws {
        let chicago = try #require(TimeZone(identifier: "America/Chicago"))
        let names = ZoneNames(chicago)
        // 2026-11-01 01:30 CDT (06:30Z) to 01:30 CST (07:30Z): the same wall-clock time, an hour apart.
        let start = Date(timeIntervalSince1970: 1_793_514_600)
        let end = start.addingTimeInterval(3_600)
        #expect(TimeText.span(start, end, in: chicago, names: names) == "Sun Nov 1 01:30–01:30 CDT")
        #expect(TimeText.span(end, end.addingTimeInterval(5_400), in: chicago, names: names) == "Sun Nov 1 01:30–03:00 CST")
        #expect(TimeText.span(start, end, in: chicago) == TimeText.span(start, end, in: chicago, names: names))
        // Across midnight, both days are written.
        #expect(
            TimeText.span(end.addingTimeInterval(-4 * 3_600), end, in: chicago, names: names)
                == "Sat Oct 31 22:30 – Sun Nov 1 01:30 CDT")
    }
}
