import Foundation
import Testing
import FieldSyncCore
@testable import FieldSyncICalendar

@Test("survey") func survey() throws {
    var out = ""
    for path in Fixtures.files(under: "corpus", withExtension: "ics") {
        let doc = ICalParser().parse(try Fixtures.bytes(path))
        let cal = ICalendarReader().read(doc)
        let errs = doc.allProblems.filter { $0.severity == .error }
        out += "### \(path.replacingOccurrences(of: "corpus/icalendar/src/icalendar/tests/", with: "IC/")) parseErrors=\(errs.count) series=\(cal.series.count) fb=\(cal.freeBusy.count) q=\(cal.quarantined.count) complete=\(cal.isComplete)\n"
        for p in doc.allProblems { out += "   P \(p)\n" }
        for q in cal.quarantined { out += "   Q \(q.component) line \(q.line): \(q.reason)\n" }
        for p in cal.problems where !doc.allProblems.contains(p) { out += "   R \(p.severity) \(p)\n" }
    }
    try out.write(toFile: "/tmp/survey.txt", atomically: true, encoding: .utf8)
}
