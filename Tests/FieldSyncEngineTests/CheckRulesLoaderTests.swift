import FieldSyncChecks
import FieldSyncCore
import FieldSyncEngine
import Foundation
import Testing

/// The shop's rules file: the shipped one loads, and every mistake says file, line and what was expected.
@Suite("Rules file (Mappings/rules.yaml)")
struct CheckRulesLoaderTests {
    @Test("the shipped rules give Housecall Pro business hours in Denver, a daily limit and a never-send rule")
    func shipped() throws {
        let rules = try CheckRulesLoader.load(path: BackendMappingLoaderTests.mappings.appendingPathComponent("rules.yaml").path)
        let hours = try #require(rules.businessHours(for: "frontrange-hcp"))
        #expect(hours.timeZone == "America/Denver")
        #expect(hours.days == [.monday, .tuesday, .wednesday, .thursday, .friday])
        #expect(hours.opensAt == 8 * 60 && hours.closesAt == 17 * 60)
        #expect(rules.businessHours(for: "lakeshore-st") == nil)
        #expect(rules.maxJobsPerDay == 4)
        #expect(rules.neverSend.first?.technicianID == "lakeshore-st-10105")
        #expect(rules.neverSend.first?.customerID == "400042")
        #expect(rules.maximumDuration == 16 * 3600)
    }

    @Test("per-technician limits, a default business-hours zone from the source, and severity overrides")
    func fullForm() throws {
        let w = try Workspace()
        try w.write(
            "rules.yaml",
            """
            business_hours:
              "*": { days: [mon, tue, wed, thu, fri, sat], from: "07:30", to: "18:00" }
            max_jobs_per_day: { default: 6, technicians: { dan-okafor: 3 } }
            severity: { outside_shift: critical, missing_data: info }
            """)
        let rules = try CheckRulesLoader.load(path: w.path("rules.yaml"), sourceZones: ["*": "America/Chicago"])
        #expect(rules.businessHours(for: "anything")?.opensAt == 7 * 60 + 30)
        #expect(rules.businessHours(for: "anything")?.days.contains(.saturday) == true)
        #expect(rules.maxJobsPerDay(technicianID: "dan-okafor") == 3)
        #expect(rules.maxJobsPerDay(technicianID: "maria-lopez") == 6)
        #expect(rules.severities == [.outsideShift: .critical, .missingData: .info])
    }

    @Test(
        "mistakes name the file, the line and what was expected",
        arguments: [
            ("max_jobs_per_days: 4\n", "max_jobs_per_days"),
            ("business_hours:\n  shop: { from: \"8am\", to: \"17:00\", time_zone: America/Chicago }\n", "not a time of day"),
            ("business_hours:\n  shop: { from: \"17:00\", to: \"08:00\", time_zone: America/Chicago }\n", "must be after from"),
            ("business_hours:\n  shop: { from: \"08:00\", to: \"17:00\", time_zone: Mars/Olympus }\n", "not a time zone"),
            ("business_hours:\n  shop: { days: [funday], from: \"08:00\", to: \"17:00\", time_zone: UTC }\n", "not a day of the week"),
            ("severity: { double_bookings: critical }\n", "not a kind of finding"),
            ("severity: { double_booking: urgent }\n", "critical, warning or info"),
            ("never_send:\n  - technician: x\n", "customer"),
        ])
    func mistakes(yaml: String, expected: String) throws {
        let w = try Workspace()
        try w.write("rules.yaml", yaml)
        do {
            _ = try CheckRulesLoader.load(path: w.path("rules.yaml"))
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect(error.description.contains("rules.yaml"))
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }
}
