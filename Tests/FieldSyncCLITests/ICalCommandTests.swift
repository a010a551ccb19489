import Foundation
import Testing

@Suite("fieldsync ical")
struct ICalCommandTests {
    let dst = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//fieldsync tests//EN\r
        BEGIN:VEVENT\r
        UID:daily-paris\r
        DTSTART;TZID=Europe/Paris:20190329T030000\r
        DTEND;TZID=Europe/Paris:20190329T040000\r
        RRULE:FREQ=DAILY;COUNT=4\r
        SUMMARY:Early shift\r
        STATUS:CONFIRMED\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:day-off\r
        DTSTART;VALUE=DATE:20190401\r
        SUMMARY:Day off\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:floating\r
        DTSTART:20190330T090000\r
        DTEND:20190330T100000\r
        SUMMARY:Wherever you are\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test("occurrences --json prints each occurrence in its own local time, with the contract's fields")
    func occurrencesJSON() throws {
        let scratch = try Scratch()
        try scratch.write("paris.ics", dst)
        let result = try CLI.run([
            "ical", "occurrences", scratch.path("paris.ics"), "--from", "2019-03-29T00:00:00Z", "--to", "2019-04-03T00:00:00Z", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let items = try #require(try result.json() as? [[String: Any]])
        #expect(items.count == 6)
        let shifts = items.filter { $0["uid"] as? String == "daily-paris" }
        #expect(shifts.map { $0["start"] as? String } == [
            "2019-03-29T03:00:00+01:00", "2019-03-30T03:00:00+01:00", "2019-03-31T03:00:00+02:00", "2019-04-01T03:00:00+02:00",
        ])
        #expect(shifts[2]["end"] as? String == "2019-03-31T04:00:00+02:00")
        #expect(shifts[2]["recurrence_id"] as? String == "2019-03-31T03:00:00+02:00")
        #expect(shifts[2]["tzid"] as? String == "Europe/Paris")
        #expect(shifts[2]["summary"] as? String == "Early shift")
        #expect(shifts[2]["status"] as? String == "CONFIRMED")
        let dayOff = try #require(items.first { $0["uid"] as? String == "day-off" })
        #expect(dayOff["start"] as? String == "2019-04-01")
        #expect(dayOff["end"] as? String == "2019-04-02")
        #expect(dayOff["recurrence_id"] is NSNull)
        #expect(dayOff["tzid"] == nil)
        #expect(dayOff["status"] is NSNull)
        let floating = try #require(items.first { $0["uid"] as? String == "floating" })
        #expect(floating["start"] as? String == "2019-03-30T09:00:00")
    }

    @Test("a missing file exits 66, a file that is not iCalendar 65, a bad --from 64")
    func exitCodes() throws {
        let scratch = try Scratch()
        let missing = try CLI.run(["ical", "occurrences", scratch.path("nope.ics"), "--from", "2019-01-01T00:00:00Z"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no such file"))

        try scratch.write("page.ics", "<html><body>Sign in</body></html>\n")
        let html = try CLI.run(["ical", "occurrences", scratch.path("page.ics")])
        #expect(html.status == 65)
        #expect(html.stderr.contains("is not iCalendar"))

        try scratch.write("ok.ics", dst)
        let badTime = try CLI.run(["ical", "occurrences", scratch.path("ok.ics"), "--from", "next tuesday"])
        #expect(badTime.status == 64)
        #expect(badTime.stderr.contains("--from next tuesday is not an RFC 3339 time"))
    }

    @Test("a broken event is named with its line on standard error; the others are still listed")
    func brokenEvent() throws {
        let scratch = try Scratch()
        let broken = dst.replacingOccurrences(of: "DTSTART:20190330T090000", with: "DTSTART:2019-03-30 09:00")
        try scratch.write("broken.ics", broken)
        let result = try CLI.run([
            "ical", "occurrences", scratch.path("broken.ics"), "--from", "2019-03-29T00:00:00Z", "--to", "2019-04-03T00:00:00Z", "--json",
        ])
        #expect(result.status == 0)
        #expect(result.stderr.contains("quarantined"))
        #expect(result.stderr.contains("VEVENT \"floating\" (lines 17-22): line 19:"))
        #expect((try result.json() as? [Any])?.count == 5)

        let check = try CLI.run(["ical", "check", scratch.path("broken.ics")])
        #expect(check.status == 65)
    }

    @Test("parse prints jCal")
    func parse() throws {
        let scratch = try Scratch()
        try scratch.write("ok.ics", dst)
        let result = try CLI.run(["ical", "parse", scratch.path("ok.ics")])
        #expect(result.status == 0)
        let jcal = try #require(try result.json() as? [Any])
        #expect(jcal.first as? String == "vcalendar")
        let events = try #require(jcal[2] as? [[Any]])
        #expect(events.count == 3)
        let dtstart = try #require((events[0][1] as? [[Any]])?.first { $0.first as? String == "dtstart" })
        #expect(dtstart[2] as? String == "date-time")
        #expect(dtstart[3] as? String == "2019-03-29T03:00:00")
        #expect((dtstart[1] as? [String: String])?["tzid"] == "Europe/Paris")
    }

    @Test("--help explains the commands and the exit codes")
    func help() throws {
        let result = try CLI.run(["--help"])
        #expect(result.status == 0)
        for word in ["sync", "availability", "runs", "rejects", "ical", "Exit codes", "75", "78"] {
            #expect(result.stdout.contains(word), "--help lacks \(word)")
        }
    }
}
