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
        let midnight = ISO8601DateFormatter().date(from: day + "T00:00:00Z")!
        let clock = ZoneClock(zone, covering: midnight.addingTimeInterval(-30 * 86_400)..<midnight.addingTimeInterval(30 * 86_400))
        for instant in Self.instants(around: day) {
            let expected = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: instant)
            let want = [expected.year, expected.month, expected.day, expected.weekday, expected.hour, expected.minute]
            for got in [TimeText.wallClock(instant, in: zone), TimeText.wallClock(instant, in: zone, clock: clock)] {
                #expect([got.year, got.month, got.day, got.weekday, got.hour, got.minute] == want, "\(identifier) at \(instant)")
            }
        }
    }

    @Test("a span on the night the clocks fall back reads in CDT, then CST, as a dispatcher in Chicago sees it")
    func fallBackSpan() throws {
        let chicago = try #require(TimeZone(identifier: "America/Chicago"))
        let names = ZoneClock(chicago, covering: Date(timeIntervalSince1970: 1_790_000_000)..<Date(timeIntervalSince1970: 1_800_000_000))
        // 2026-11-01 01:30 CDT (06:30Z) to 01:30 CST (07:30Z): the same wall-clock time, an hour apart.
        let start = Date(timeIntervalSince1970: 1_793_514_600)
        let end = start.addingTimeInterval(3_600)
        #expect(TimeText.span(start, end, in: chicago, clock: names) == "Sun Nov 1 01:30–01:30 CDT")
        #expect(TimeText.span(end, end.addingTimeInterval(5_400), in: chicago, clock: names) == "Sun Nov 1 01:30–03:00 CST")
        #expect(TimeText.span(start, end, in: chicago) == TimeText.span(start, end, in: chicago, clock: names))
        // Across midnight, both days are written.
        #expect(
            TimeText.span(end.addingTimeInterval(-4 * 3_600), end, in: chicago, clock: names)
                == "Sat Oct 31 22:30 – Sun Nov 1 01:30 CDT")
    }

    @Test(
        "the zone's offsets looked up once agree with the zone at every hour of five years, through changes that are not daylight time",
        arguments: [
            "America/Chicago", "America/Denver", "America/Phoenix", "Europe/London", "Australia/Lord_Howe",
            "America/Caracas", "Europe/Volgograd", "Pacific/Apia", "America/Whitehorse", "UTC",
        ])
    func offsetsAgreeWithZone(identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        // 2015-06-01 to 2021-06-01: Caracas left UTC-4:30 in 2016, Volgograd changed in 2018 and
        // 2020, Whitehorse stayed on UTC-7 from 2020, Apia dropped daylight time in 2021. Lord
        // Howe's clocks move half an hour, at half past the hour UTC.
        let from = Date(timeIntervalSince1970: 1_433_116_800), to = Date(timeIntervalSince1970: 1_622_505_600)
        let clock = ZoneClock(zone, covering: from..<to)
        let asking = ZoneClock(zone)
        var abbreviations = Set<String>()
        for hour in stride(from: from.timeIntervalSince1970 - 86_400, to: to.timeIntervalSince1970 + 86_400, by: 3_600) {
            for instant in [hour, hour + 1_799.5, hour + 1_800].map(Date.init(timeIntervalSince1970:)) {
                #expect(clock.secondsFromGMT(at: instant) == zone.secondsFromGMT(for: instant), "\(identifier) at \(instant)")
                #expect(clock.abbreviation(at: instant) == asking.abbreviation(at: instant), "\(identifier) at \(instant)")
                abbreviations.insert(clock.abbreviation(at: instant))
            }
        }
        if identifier == "America/Chicago" { #expect(abbreviations == ["CST", "CDT"]) }
        if identifier == "America/Phoenix" { #expect(abbreviations == ["MST"]) }
        if identifier == "UTC" { #expect(abbreviations == ["UTC"]) }
    }
}
