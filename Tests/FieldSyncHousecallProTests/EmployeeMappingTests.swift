import FieldSyncCore
import FieldSyncHousecallPro
import Foundation
import Testing

@Suite("Employees → technicians")
struct EmployeeMappingTests {
    static func technicians(
        _ employees: [FakeRecord], links: [String: String] = [:]
    ) async throws -> (technicians: [Technician], sink: RecordingSink) {
        var data = HCP.small
        data.employees = employees
        let sink = try await pullOnce(makeAdapter(ScriptedHousecallPro(data), pageSize: 10, links: links), run: 3)
        return (await sink.merged.technicians, sink)
    }

    @Test("an employee becomes a technician with name, phone, email, mapped skills, the company's zone and a version")
    func fields() async throws {
        let (technicians, _) = try await Self.technicians([
            HCP.employee("pro_1", tags: ["HVAC", "gas-furnace", "Water Heater", "hvac"], created: 5, updated: 9)
        ])
        let technician = try #require(technicians.first)
        #expect(technician.id == "frontrange-hcp-pro_1")
        #expect(technician.name == "Sam Becker")
        #expect(technician.phone == "555-0100")
        #expect(technician.email == "pro_1@example.test")
        #expect(technician.skills == ["hvac", "gas_furnace", "water-heater"])
        #expect(technician.timeZone == "America/Denver")
        #expect(technician.active)
        #expect(technician.source == SourceRef(backend: "housecallpro", source: "frontrange-hcp", externalID: "pro_1", remoteVersion: HCP.stamp(9)))
    }

    @Test("a linked employee gets the linked local id; the version falls back to created_at")
    func linkedAndCreatedAt() async throws {
        let (technicians, _) = try await Self.technicians(
            [HCP.employee("pro_4f1c", created: 5)], links: ["pro_4f1c": "sam-becker"])
        #expect(technicians.map(\.id) == ["sam-becker"])
        #expect(technicians.first?.source.remoteVersion == HCP.stamp(5))
    }

    @Test("office staff and admins who cannot be booked online are not technicians; bookable admins and linked staff are")
    func whoIsATechnician() async throws {
        let (technicians, sink) = try await Self.technicians(
            [
                HCP.employee("pro_tech", role: "field tech", created: 1),
                HCP.employee("pro_office", role: "office staff", bookable: false, created: 2),
                HCP.employee("pro_admin", role: "admin", bookable: false, created: 3),
                HCP.employee("pro_owner", role: "admin", bookable: true, created: 4),
                HCP.employee("pro_linked", role: "office staff", created: 5),
                HCP.employee("pro_norole", role: nil, created: 6),
            ], links: ["pro_linked": "linda"])
        #expect(technicians.map(\.source.externalID) == ["pro_tech", "pro_owner", "pro_linked", "pro_norole"])
        let notes = await sink.merged.notes
        #expect(notes.contains { $0.hasPrefix("employees: 2 employees are office staff or admins") })
        #expect(!notes.joined().contains("pro_office"))
    }

    @Test("the employees pass ends with a technicians sweep begun in this run, every run")
    func sweep() async throws {
        var data = HCP.small
        data.employees = (1...3).map { HCP.employee("pro_\($0)", created: $0) }
        let server = ScriptedHousecallPro(data)
        let adapter = makeAdapter(server, pageSize: 2)
        for run: Int64 in [1, 2] {
            let sink = try await pullOnce(adapter, run: run, cursors: incrementalCursors(mark: 0))
            let batches = await sink.batches.filter { !$0.technicians.isEmpty }
            #expect(batches.count == 2)
            #expect(batches.first?.sweeps.isEmpty == true)
            #expect(batches.last?.sweeps == [Sweep(entity: .technicians, sinceRun: run)])
            #expect(batches.last?.completeParts.contains("employees") == true)
        }
    }

    @Test("an employee without an id is rejected with its raw text")
    func noID() async throws {
        let raw = #"{"first_name":"Nobody","role":"field tech"}"#
        let (technicians, sink) = try await Self.technicians([
            FakeRecord(id: "x", createdAt: HCP.stamp(1), updatedAt: HCP.stamp(1), json: raw), HCP.employee("pro_2", created: 2),
        ])
        #expect(technicians.map(\.source.externalID) == ["pro_2"])
        let reject = try #require(await sink.merged.rejects.first)
        #expect(reject.recordKind == "employee")
        #expect(reject.rawPayload == raw)
        #expect(reject.part == "employees")
        #expect(reject.location == "employees page 1")
    }
}
