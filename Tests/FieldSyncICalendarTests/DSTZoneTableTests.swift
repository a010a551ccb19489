import FieldSyncCore
import Foundation
import PropertyBased
import Testing

/// `IANAZoneRules` answers offsets from a transition table it builds once from Foundation; the
/// table must agree with Foundation's own `secondsFromGMT(for:)` everywhere, for every zone.
@Suite("IANA zone table")
struct DSTZoneTableTests {
    static let identifiers = TimeZone.knownTimeZoneIdentifiers.sorted()

    @Test("the system knows several hundred zones, among them the ones the suites rely on")
    func zonesKnown() {
        #expect(Self.identifiers.count > 300)
        for id in ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "America/St_Johns",
                   "Australia/Adelaide", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Tongatapu"] {
            #expect(IANAZoneRules(identifier: id) != nil, "\(id)")
        }
    }

    @Test("offsets agree with Foundation at random instants from 1900 to 2199, in every known zone")
    func randomInstantsEveryZone() async {
        await propertyCheck(count: 3_000, input: Gen.int(in: 0..<Self.identifiers.count), Gen.int64(in: -2_208_988_800...7_258_118_399)) {
            index, instant in
            let id = Self.identifiers[index]
            let rules = IANAZoneRules(identifier: id)!
            let expected = rules.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
            #expect(rules.utcOffset(atInstant: instant) == expected, "\(id) at \(RFC3339.string(utc: instant))")
        }
    }

    @Test("offsets agree with Foundation one second either side of every transition, 1970–2040, in every zone")
    func aroundEveryTransition() {
        let from = Date(timeIntervalSince1970: 0)
        let until = Date(timeIntervalSince1970: 2_208_988_800)  // 2040
        var checked = 0
        for id in Self.identifiers {
            let rules = IANAZoneRules(identifier: id)!
            var cursor = from
            while let next = rules.timeZone.nextDaylightSavingTimeTransition(after: cursor), next < until, next > cursor {
                let t = Int64(next.timeIntervalSince1970.rounded())
                for probe in [t - 1, t, t + 1] {
                    let expected = rules.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(probe)))
                    #expect(rules.utcOffset(atInstant: probe) == expected, "\(id) at \(RFC3339.string(utc: probe))")
                }
                checked += 1
                cursor = next
            }
        }
        #expect(checked > 10_000)
    }

    @Test("every quarter hour through years with unusual changes, the table matches Foundation")
    func hourlyScanOfOddYears() {
        // Kathmandu 1986 (+05:30 → +05:45), Lord Howe 2008 (30-minute DST), St. John's 1988
        // (two-hour "double daylight"), Santiago 2016 (midnight changes), Samoa 2011 (a skipped
        // day), Kolkata 1942–1945 (war time), Casablanca 2019 (Ramadan suspensions).
        let cases: [(String, Int)] = [
            ("Asia/Kathmandu", 1986), ("Australia/Lord_Howe", 2008), ("America/St_Johns", 1988), ("America/Santiago", 2016),
            ("Pacific/Apia", 2011), ("Asia/Kolkata", 1942), ("Asia/Kolkata", 1945), ("Africa/Casablanca", 2019),
        ]
        for (id, year) in cases {
            let rules = IANAZoneRules(identifier: id)!
            let start = LocalDateTime(date: LocalDate(year: year, month: 1, day: 1)!).secondsSinceEpoch - 86_400
            for hour in stride(from: start, to: start + 368 * 86_400, by: 900) {
                let expected = rules.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour)))
                if rules.utcOffset(atInstant: hour) != expected {
                    Issue.record("\(id) at \(RFC3339.string(utc: hour)): table \(rules.utcOffset(atInstant: hour)), Foundation \(expected)")
                    break
                }
            }
        }
    }

    @Test("fixed-offset rules never change and print their offset")
    func fixedOffset() {
        let rules = FixedOffsetZoneRules(offset: 5 * 3600 + 45 * 60)
        #expect(rules.identifier == "+05:45")
        #expect(rules.utcOffset(atInstant: -10_000_000_000) == 20_700)
        #expect(rules.resolve(LocalDateTime(date: LocalDate(year: 2026, month: 3, day: 8)!, hour: 2, minute: 30)).resolution == .unique)
    }
}
