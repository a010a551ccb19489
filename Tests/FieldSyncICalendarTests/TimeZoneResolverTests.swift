import FieldSyncCore
import FieldSyncICalendar
import Testing

/// How a TZID becomes zone rules, in the resolver's order: IANA, Windows, prefixed, the file's
/// VTIMEZONE, a fixed offset spelled in the name.
@Suite("TZIDs resolve the way real feeds need")
struct TimeZoneResolverTests {
    /// A VTIMEZONE for Central Europe (+01:00, +02:00 from the last Sunday of March to the last
    /// Sunday of October), under any TZID, written the way Exchange writes it.
    static func centralEurope(tzid: String) -> ICalComponent {
        let document = ICalParser().parse(
            ICS.calendar([
                "BEGIN:VTIMEZONE", "TZID:\(tzid)",
                "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
                "END:VTIMEZONE",
            ]))
        return document.components[0].components[0]
    }

    private func resolve(_ tzid: String, vtimezones: [String: ICalComponent] = [:]) -> Result<TimeZoneResolver.Resolution, ICalendarError> {
        var resolver = TimeZoneResolver(catalog: ZoneCatalog(), vtimezones: vtimezones)
        return resolver.resolve(tzid)
    }

    private func utc(_ text: String) throws -> Int64 {
        try ICalDateTime.parse(text).local.secondsSinceEpoch
    }

    @Test("an IANA name the system knows is used as is", arguments: ["America/Chicago", "Europe/Paris", "US/Eastern", "Asia/Kolkata"])
    func iana(_ tzid: String) throws {
        let resolution = try resolve(tzid).get()
        #expect(resolution.method == .iana)
        #expect(resolution.ianaIdentifier == tzid)
    }

    @Test("an IANA name wins over a VTIMEZONE of the same name")
    func ianaBeforeVTimeZone() throws {
        let resolution = try resolve("Europe/Berlin", vtimezones: ["Europe/Berlin": Self.centralEurope(tzid: "Europe/Berlin")]).get()
        #expect(resolution.method == .iana)
    }

    @Test("Windows zone names map through CLDR, exactly or ignoring case", arguments: [
        ("Eastern Standard Time", "America/New_York"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Romance Standard Time", "Europe/Paris"),
        ("Mountain Standard Time", "America/Denver"),
        ("Tokyo Standard Time", "Asia/Tokyo"),
        ("eastern standard time", "America/New_York"),
        ("CENTRAL STANDARD TIME", "America/Chicago"),
        (" Pacific Standard Time ", "America/Los_Angeles"),
        ("South Sudan Standard Time", "Africa/Juba"),
    ])
    func windows(_ tzid: String, _ iana: String) throws {
        let resolution = try resolve(tzid).get()
        #expect(resolution.method == .windows)
        #expect(resolution.ianaIdentifier == iana)
        #expect(resolution.rules.identifier == iana)
    }

    @Test("a Windows name wins over the Exchange VTIMEZONE that defines it")
    func windowsBeforeVTimeZone() throws {
        let resolution = try resolve(
            "W. Europe Standard Time", vtimezones: ["W. Europe Standard Time": Self.centralEurope(tzid: "W. Europe Standard Time")]
        ).get()
        #expect(resolution.method == .windows)
    }

    @Test("an IANA name behind a vendor prefix is found", arguments: [
        ("/mozilla.org/20070129_1/Europe/Paris", "Europe/Paris"),
        ("/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("/freeassociation.sourceforge.net/Europe/Berlin", "Europe/Berlin"),
        ("/Europe/Stockholm", "Europe/Stockholm"),
        ("/citadel.org/20190914_1/America/New_York", "America/New_York"),
    ])
    func prefixed(_ tzid: String, _ iana: String) throws {
        let resolution = try resolve(tzid).get()
        #expect(resolution.method == .prefixed)
        #expect(resolution.ianaIdentifier == iana)
    }

    @Test("an unknown name resolves through the file's VTIMEZONE, Exchange's \"Customized Time Zone\" included", arguments: [
        "Customized Time Zone", "tzone://Microsoft/Custom", "My Zone", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
        "/Europe/CUSTOM",
    ])
    func vtimezone(_ tzid: String) throws {
        let resolution = try resolve(tzid, vtimezones: [tzid: Self.centralEurope(tzid: tzid)]).get()
        #expect(resolution.method == .vtimezone)
        #expect(resolution.ianaIdentifier == nil)
        #expect(resolution.rules.utcOffset(atInstant: try utc("20240115T120000Z")) == 3600)
        #expect(resolution.rules.utcOffset(atInstant: try utc("20240715T120000Z")) == 7200)
    }

    @Test("a VTIMEZONE whose TZID property escapes commas is found by the decoded TZID parameter (Exchange)")
    func escapedVTimeZoneTZID() throws {
        let name = "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"
        let written = #"(UTC+01:00) Amsterdam\, Berlin\, Bern\, Rome\, Stockholm\, Vienna"#
        let component = Self.centralEurope(tzid: written)
        #expect(component.property("TZID")?.rawValue == written)
        let resolution = try resolve(name, vtimezones: [written: component]).get()
        #expect(resolution.method == .vtimezone)
        #expect(resolution.rules.identifier == name)
        #expect(resolution.rules.utcOffset(atInstant: try utc("20240715T120000Z")) == 7200)
    }

    @Test("an Exchange feed with an escaped TZID reads its events in that VTIMEZONE, summer time included")
    func escapedVTimeZoneThroughReader() throws {
        let bytes = ICS.calendar([
            #"BEGIN:VTIMEZONE"#, #"TZID:(UTC+01:00) Amsterdam\, Berlin\, Bern"#,
            "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:x", #"DTSTART;TZID="(UTC+01:00) Amsterdam, Berlin, Bern":20240715T090000"#, "END:VEVENT",
        ])
        let calendar = ICalendarReader().read(ICalParser().parse(bytes))
        #expect(calendar.quarantined.isEmpty)
        #expect(!calendar.problems.contains { $0.message.contains("fixed offset") }, "\(calendar.problems)")
        let start = try #require(calendar.events.first?.start)
        #expect(start.instant(floating: FixedOffsetZoneRules.utc) == (try utc("20240715T070000Z")))
    }

    @Test("a fixed offset spelled in the name is the last resort, and says it is one", arguments: [
        ("GMT+05:30", 19_800), ("(UTC-03:00) Brasília", -10_800), ("(GMT +01:00)", 3600), ("UTC-5", -18_000),
        ("utc+11", 39_600), ("GMT+0100 (Standard) / GMT+0200 (Daylight)", 3600), ("(UTC+05:45) Kathmandu", 20_700),
        ("GMT−04:00", -14_400),
    ])
    func fixedOffset(_ tzid: String, _ offset: Int) throws {
        // Foundation would take `GMT+05:30` and `UTC-5` as zones; they must still be reported as
        // fixed offsets (no daylight saving), not passed off as IANA zones.
        let resolution = try resolve(tzid).get()
        #expect(resolution.method == .fixedOffset)
        #expect(resolution.ianaIdentifier == nil)
        #expect(resolution.rules.utcOffset(atInstant: try utc("20240115T120000Z")) == offset)
        #expect(resolution.rules.utcOffset(atInstant: try utc("20240715T120000Z")) == offset)
    }

    @Test("UTC, GMT and the Etc/GMT zones are IANA zones, not offsets", arguments: [
        ("UTC", 0), ("GMT", 0), ("Etc/GMT", 0), ("Etc/GMT+5", -18_000), ("GMT0", 0),
    ])
    func utcNames(_ tzid: String, _ offset: Int) throws {
        let resolution = try resolve(tzid).get()
        #expect(resolution.method == .iana)
        #expect(resolution.rules.utcOffset(atInstant: 0) == offset)
    }

    @Test("a VTIMEZONE named like an offset (issue 218's UTC+11) is used before the offset in its name")
    func offsetNamedVTimeZone() throws {
        let vtimezone = ICalParser().parse(
            ICS.bytes(["BEGIN:VTIMEZONE", "TZID:UTC+11", "BEGIN:STANDARD", "DTSTART;VALUE=DATE:20170101",
                       "TZOFFSETFROM:+1100", "TZOFFSETTO:+1100", "END:STANDARD", "END:VTIMEZONE"])
        ).components[0]
        let resolution = try resolve("UTC+11", vtimezones: ["UTC+11": vtimezone]).get()
        #expect(resolution.method == .vtimezone)
        #expect(resolution.rules.utcOffset(atInstant: try utc("20170228T120000Z")) == 39_600)
    }

    @Test("a VTIMEZONE wins over the offset spelled in its name (issue 237's Brasília)")
    func vtimezoneBeforeFixedOffset() throws {
        let tzid = "(UTC-03:00) Brasília"
        let vtimezone = ICalParser().parse(
            ICS.bytes([
                "BEGIN:VTIMEZONE", "TZID:\(tzid)",
                "BEGIN:STANDARD", "DTSTART:16010101T235959", "TZOFFSETFROM:-0200", "TZOFFSETTO:-0300",
                "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=3SA;BYMONTH=2", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:16010101T235959", "TZOFFSETFROM:-0300", "TZOFFSETTO:-0200",
                "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SA;BYMONTH=10", "END:DAYLIGHT", "END:VTIMEZONE",
            ])
        ).components[0]
        let resolution = try resolve(tzid, vtimezones: [tzid: vtimezone]).get()
        #expect(resolution.method == .vtimezone)
        #expect(resolution.rules.utcOffset(atInstant: try utc("20170115T120000Z")) == -7200)
        #expect(resolution.rules.utcOffset(atInstant: try utc("20170515T120000Z")) == -10_800)
    }

    @Test("a TZID nothing explains is an unknownTimeZone error naming it")
    func unknown() {
        let result = resolve("Western/Central Europe")
        #expect(throws: ICalendarError(
            .unknownTimeZone, #"TZID "Western/Central Europe" is not a known time zone and the file has no VTIMEZONE for it"#)
        ) { try result.get() }
    }

    @Test("a VTIMEZONE that cannot be read is named in the error, with its line")
    func brokenVTimeZone() {
        let vtimezone = ICalParser().parse(
            ICS.bytes(["BEGIN:VTIMEZONE", "TZID:Custom", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETTO:+5744",
                       "END:STANDARD", "END:VTIMEZONE"])
        ).components[0]
        #expect(throws: ICalendarError(
            .unknownTimeZone, #"TZID "Custom": its VTIMEZONE cannot be used: UTC offset "+5744" is out of range"#, line: 5)
        ) { try resolve("Custom", vtimezones: ["Custom": vtimezone]).get() }
    }

    @Test("resolutions are cached per TZID and stable")
    func cached() throws {
        var resolver = TimeZoneResolver(catalog: ZoneCatalog(), vtimezones: [:])
        let first = try resolver.resolve("Eastern Standard Time").get()
        let second = try resolver.resolve("Eastern Standard Time").get()
        #expect(first.ianaIdentifier == second.ianaIdentifier)
        #expect(first.method == second.method)
    }
}
