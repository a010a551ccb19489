import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("Values")
struct ValueParsingTests {
    @Test(
        "time spans read hh:mm:ss, d.hh:mm:ss, fractions and ISO 8601",
        arguments: [
            ("02:00:00", 7200.0), ("00:30:00", 1800), ("1.00:00:00", 86_400), ("2.03:04:05", 183_845),
            ("01:00:00.5000000", 3600.5), ("PT2H30M", 9000), ("P1D", 86_400), ("PT45S", 45),
        ])
    func timeSpans(_ text: String, _ seconds: Double) {
        #expect(TimeSpan.seconds(text) == seconds)
    }

    @Test("time spans that are not refuse", arguments: ["", "2h", "01:60:00", "-01:00:00", "1:2", "P", "PT", "soon"])
    func badTimeSpans(_ text: String) {
        #expect(TimeSpan.seconds(text) == nil)
    }

    @Test("timestamps keep seven fractional digits, accept +00:00 and a missing offset, and order exactly")
    func instants() throws {
        let precise = try #require(STInstant(parsing: "2026-11-21T10:00:00.1234567Z"))
        #expect(precise.description == "2026-11-21T10:00:00.1234567Z")
        #expect(STInstant(parsing: "2026-11-21T10:00:00.1234568Z")! > precise)
        #expect(STInstant(parsing: "2026-11-21T10:00:00.5+00:00") == STInstant(parsing: "2026-11-21T10:00:00.5000000Z"))
        #expect(STInstant(parsing: "2026-11-21T04:00:00-06:00")?.description == "2026-11-21T10:00:00Z")
        #expect(STInstant(parsing: "2026-11-21T10:00:00")?.description == "2026-11-21T10:00:00Z")
        #expect(STInstant(parsing: "2026-11-21T10:00:00.25")?.description == "2026-11-21T10:00:00.25Z")
        #expect(STInstant(parsing: "21/11/2026") == nil)
    }

    @Test("HTML summaries become plain text")
    func htmlText() {
        #expect(HTMLText.plain("<p>No heat&nbsp;since <b>Monday</b></p><p>Gate code &#35;12 &amp; dog</p>") == "No heat since Monday\nGate code #12 & dog")
        #expect(HTMLText.plain("line one<br/>line two<br>  ") == "line one\nline two")
        #expect(HTMLText.plain("plain &unknown; text") == "plain &unknown; text")
        #expect(HTMLText.plain("  ") == "")
    }

    @Test("query values are percent-encoded, plus signs included")
    func queryEncoding() {
        #expect(QueryString.encode([("modifiedOnOrAfter", "2026-11-21T10:00:00+00:00"), ("from", "a b/c")])
            == "modifiedOnOrAfter=2026-11-21T10%3A00%3A00%2B00%3A00&from=a%20b%2Fc")
    }

    @Test("a page's records keep their exact text; a truncated page is refused")
    func rawPages() throws {
        let body = #"{"hasMore":false, "continueFrom":"x\"y", "data":[ {"id":1,"s":"]}"} , {"id":2} ] }"#
        let page = try RawPage(body: Array(body.utf8))
        #expect(page.records.map(\.text) == [#"{"id":1,"s":"]}"}"#, #"{"id":2}"#])
        #expect(page.bool("hasMore") == false)
        #expect(page.string("continueFrom") == "x\"y")
        for cut in [10, 40, body.count - 2] {
            #expect(throws: JSONScanner.Malformed.self) { try RawPage(body: Array(body.utf8.prefix(cut))) }
        }
        #expect(throws: JSONScanner.Malformed.self) { try RawPage(body: Array(#"{"hasMore":true}"#.utf8)) }
    }

    @Test("a token is used until a minute before it expires, or half its life when that is shorter")
    func tokenRefreshTime() {
        let issued = Date(timeIntervalSince1970: 0)
        #expect(AccessToken(value: "t", issuedAt: issued, expiresIn: 900).refreshAt == Date(timeIntervalSince1970: 840))
        #expect(AccessToken(value: "t", issuedAt: issued, expiresIn: 60).refreshAt == Date(timeIntervalSince1970: 30))
    }
}
