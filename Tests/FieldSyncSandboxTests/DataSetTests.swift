import FieldSyncCore
import FieldSyncSandbox
import Foundation
import Testing

@Suite("Data directories and the built-in data set")
struct DataSetTests {
    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldsync-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test("the committed data set is exactly what the generator makes")
    func committedIsCurrent() throws {
        let committed = try SandboxData.load(from: TestData.committedDataDirectory, shiftToCurrentWeek: false)
        let generated = TestData.builtIn
        #expect(committed.anchorDate == SandboxGenerator.builtInAnchor)
        for resource in SandboxResource.all {
            #expect(committed[resource].map(\.value) == generated[resource].map(\.value), "\(resource) is stale: run fieldsync sandbox generate --builtin --out Adapters/Sandbox/Data")
        }
    }

    @Test("the data set's README lists every planted problem and the linked technicians' ids")
    func readmeListsProblems() throws {
        let readme = try String(contentsOfFile: TestData.committedDataDirectory + "/README.md", encoding: .utf8)
        #expect(readme == BuiltInDataSet.readme(for: TestData.builtIn))
        for problem in TestData.builtIn.plantedProblems {
            #expect(readme.contains("`\(problem.ids[0])`"))
        }
        // Every kind in ServiceTitan; in Housecall Pro every kind it can have (it has no time off,
        // and the shop rules are ServiceTitan's).
        for kind in PlantedProblem.Kind.allCases {
            #expect(TestData.builtIn.plantedProblems.contains { $0.kind == kind && $0.vendor == .serviceTitan }, "\(kind)")
            if ![.duringTimeOff, .neverSend, .overDailyLimit].contains(kind) {
                #expect(TestData.builtIn.plantedProblems.contains { $0.kind == kind && $0.vendor == .housecallPro }, "\(kind)")
            }
        }
        for linked in SandboxGenerator.linkedTechnicians {
            let id = try #require(TestData.builtIn.technicianID(linked.vendor, named: linked.name))
            #expect(readme.contains("| \(linked.localID) | \(linked.name) | \(linked.vendor.rawValue) | `\(id)` |"))
        }
    }

    @Test("the data set's records do not say what is wrong with them")
    func noSelfLabelling() throws {
        for record in TestData.builtIn[serviceTitan: .jobs] + TestData.builtIn[housecallPro: .jobs] {
            let text = String(decoding: record.bytes, as: UTF8.self).lowercased()
            for word in ["duplicate", "double-book", "double book", "messy", "end before start", "unknown job type"] {
                #expect(!text.contains(word))
            }
        }
    }

    @Test("loading moves every date by whole weeks so the anchor week is the current week, keeping wall-clock time")
    func weekShift() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let shift: JSONValue = [
            "id": 1, "shiftType": "Normal", "title": "Regular Shift", "note": nil, "active": true, "technicianId": 10101,
            "start": "2026-11-23T14:00:00Z", "end": "2026-11-23T23:00:00Z", "timesheetCodeId": nil,
            "createdOn": "2026-11-01T10:00:00.1230000Z", "modifiedOn": "2026-11-01T10:00:00.1230000Z",
        ]
        let appointment: JSONValue = [
            "id": "job_1", "schedule": ["appointments": [["id": "a", "start_date": "2026-11-24", "start_time": "2026-11-24T16:00:00Z"]]],
            "created_at": "2026-11-02T12:00:00Z",
        ]
        let data = SandboxData(
            anchorDate: LocalDate(year: 2026, month: 11, day: 23),
            records: [.serviceTitan(.technicianShifts): [SandboxRecord(shift)], .housecallPro(.jobs): [SandboxRecord(appointment)]])
        try data.write(to: directory)

        // Wednesday 2027-06-16: 29 weeks later, in daylight-saving time.
        let now = try #require(RFC3339.parseDate("2027-06-16T12:00:00Z"))
        let loaded = try SandboxData.load(from: directory, now: now)
        let moved = try #require(loaded[serviceTitan: .technicianShifts].first?.value)
        // 08:00 Chicago stays 08:00 Chicago: 14:00Z in November, 13:00Z in June.
        #expect(moved["start"]?.stringValue == "2027-06-14T13:00:00Z")
        #expect(moved["end"]?.stringValue == "2027-06-14T22:00:00Z")
        #expect(moved["createdOn"]?.stringValue == "2027-05-23T09:00:00.1230000Z")
        #expect(moved["title"]?.stringValue == "Regular Shift")
        let job = try #require(loaded[housecallPro: .jobs].first?.value)
        let visit = try #require(job["schedule"]?["appointments"]?.arrayValue?.first)
        #expect(visit["start_date"]?.stringValue == "2027-06-15")
        #expect(visit["start_time"]?.stringValue == "2027-06-15T15:00:00Z")
        #expect(loaded.anchorDate == LocalDate(year: 2027, month: 6, day: 14))

        let asWritten = try SandboxData.load(from: directory, shiftToCurrentWeek: false, now: now)
        #expect(asWritten[serviceTitan: .technicianShifts].first?["start"]?.stringValue == "2026-11-23T14:00:00Z")
    }

    @Test("the shift keeps weekdays: a Monday shift lands on the current week's Monday")
    func weekdaysStayAligned() throws {
        let now = try #require(RFC3339.parseDate("2027-02-05T18:00:00Z"))  // a Friday
        let shifted = TestData.builtIn.shiftedToCurrentWeek(now: now)
        let anchor = try #require(shifted.anchorDate)
        #expect(anchor == LocalDate(year: 2027, month: 2, day: 1))
        #expect(anchor.weekday == .monday)
        let meeting = try #require(shifted[serviceTitan: .nonJobAppointments].map(\.value).first {
            $0["technicianId"]?.intValue == 10101 && $0["name"]?.stringValue == "Team Meeting"
                && ($0["start"]?.stringValue ?? "").hasPrefix("2027-02-01")
        })
        #expect(meeting["start"]?.stringValue == "2027-02-01T14:00:00Z")
    }

    @Test("a missing directory, a bad file and an empty directory are reported with the path")
    func loadErrors() throws {
        #expect(throws: SandboxError.self) { try SandboxData.load(from: "/no/such/sandbox/data") }
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            _ = try SandboxData.load(from: directory)
            Issue.record("an empty directory loaded")
        } catch {
            #expect(error.code == .invalidData)
        }
        try FileManager.default.createDirectory(atPath: directory + "/servicetitan", withIntermediateDirectories: true)
        try Data("[{\"id\": 1}, 7]".utf8).write(to: URL(fileURLWithPath: directory + "/servicetitan/jobs.json"))
        do {
            _ = try SandboxData.load(from: directory)
            Issue.record("a bad file loaded")
        } catch {
            #expect(error.code == .invalidData)
            #expect(error.message.contains("jobs.json"))
            #expect(error.message.contains("record 2"))
        }
    }

    @Test("a data directory written and read back holds the same records")
    func roundTrip() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = SandboxGenerator(seed: 4, technicians: 3, days: 7, messShare: 0.1).generate()
        try data.write(to: directory)
        let back = try SandboxData.load(from: directory, shiftToCurrentWeek: false)
        for resource in SandboxResource.all { #expect(back[resource] == data[resource]) }
    }
}
