import FieldSyncChecks
import FieldSyncCore
import Foundation
import Testing

@Suite("skill_mismatch, unassigned_appointment, invalid_time, duplicate_job, missing_data")
struct JobCheckTests {
    @Test("a technician without a required skill is a mismatch; a crew covering it together is not; unknown skills are not judged")
    func skills() {
        var b = SnapshotBuilder()
        let sofia = b.technician("sofia", name: "Sofia Kim", skills: ["hvac"])
        let maria = b.technician("maria", skills: ["hvac", "gas-furnace"])
        let newHire = b.technician("new", skills: [])
        let furnace = b.job("j1", skills: ["hvac", "gas-furnace"])
        let furnace2 = b.job("j2", skills: ["hvac", "gas-furnace"])
        let furnace3 = b.job("j3", skills: ["hvac", "gas-furnace"])
        b.appointment("alone", "2026-12-01 09:00", "2026-12-01 11:00", technicians: [sofia], job: furnace)
        b.appointment("crew", "2026-12-02 09:00", "2026-12-02 11:00", technicians: [sofia, maria], job: furnace2)
        b.appointment("unknown", "2026-12-03 09:00", "2026-12-03 11:00", technicians: [newHire], job: furnace3)
        let findings = b.findings(only: [SkillCheck()])
        #expect(findings.map { $0.records[0].id } == ["alone"])
        #expect(findings.first?.message.contains("gas-furnace") == true)
        #expect(findings.first?.records.contains { $0.type == "technician" && $0.id == "ext-sofia" } == true)
    }

    @Test("an open appointment with no technician is reported; critical within a day, a warning later; done ones are not")
    func unassigned() {
        var b = SnapshotBuilder()
        let soon = b.snapshot.asOf.addingTimeInterval(3600)
        let later = b.snapshot.asOf.addingTimeInterval(5 * 86_400)
        b.snapshot.appointments.append(.init(source: b.st, externalID: "soon", job: -1, start: soon, end: soon + 3600, progress: .open))
        b.snapshot.appointments.append(.init(source: b.st, externalID: "later", job: -1, start: later, end: later + 3600, progress: .open))
        b.snapshot.appointments.append(.init(source: b.st, externalID: "done", job: -1, start: soon, end: soon + 3600, progress: .done))
        let findings = b.findings(only: [UnassignedCheck()])
        #expect(Dictionary(uniqueKeysWithValues: findings.map { ($0.records[0].id, $0.severity) }) == ["soon": .critical, "later": .warning])
    }

    @Test("appointments shorter than five minutes or longer than sixteen hours are invalid_time; the rules file moves the bounds")
    func durations() {
        var b = SnapshotBuilder()
        let t = b.technician("t")
        b.appointment("two-minutes", "2026-12-01 09:00", "2026-12-01 09:02", technicians: [t])
        b.appointment("thirty-hours", "2026-12-02 08:00", "2026-12-03 14:00", technicians: [t])
        b.appointment("normal", "2026-12-04 08:00", "2026-12-04 10:00", technicians: [t])
        let findings = b.findings(only: [InvalidTimeCheck()])
        #expect(Set(findings.map { $0.records[0].id }) == ["two-minutes", "thirty-hours"])
        #expect(findings.allSatisfy { $0.detail == "duration" })
        var rules = CheckRules()
        rules.maximumDuration = 40 * 3600
        rules.minimumDuration = 60
        #expect(b.findings(rules: rules, only: [InvalidTimeCheck()]).isEmpty)
    }

    @Test("two open jobs of one customer, location and type at overlapping times are a duplicate; other addresses or times are not")
    func duplicates() {
        var b = SnapshotBuilder()
        let original = b.job("700125", customer: "400083", location: "500101", jobType: "gas.leak")
        let repeated = b.job("700291", customer: "400083", location: "500101", jobType: "gas.leak")
        let elsewhere = b.job("700300", customer: "400083", location: "500999", jobType: "gas.leak")
        let nextWeek = b.job("700301", customer: "400083", location: "500101", jobType: "gas.leak")
        b.appointment("a1", "2026-11-27 08:00", "2026-11-27 09:00", job: original)
        b.appointment("a2", "2026-11-27 08:15", "2026-11-27 09:15", job: repeated)
        b.appointment("a3", "2026-11-27 08:00", "2026-11-27 09:00", job: elsewhere)
        b.appointment("a4", "2026-12-04 08:00", "2026-12-04 09:00", job: nextWeek)
        let findings = b.findings(only: [DuplicateJobCheck()])
        #expect(findings.count == 1)
        #expect(findings.first?.records.map(\.id) == ["700291", "700125"])
    }

    @Test("an open job without address, phone or a listed job type gives one missing_data finding per gap; closed jobs none")
    func missingData() throws {
        var b = SnapshotBuilder()
        b.job("no-address", location: "500181", hasAddress: false)
        b.job("no-phone", customer: "400001", hasPhone: false)
        b.job("mystery", vendorJobType: "Mystery Noise")
        b.job("closed", open: false, hasAddress: false, hasPhone: false)
        var mapping = BackendMapping(origin: "Mappings/servicetitan.yaml")
        mapping.jobTypes["No Heat"] = .init(jobType: "hvac.no_heat", skills: ["hvac"])
        let findings = b.findings(mappings: ["lakeshore-st": mapping], only: [MissingDataCheck()])
        let gaps = Set(findings.map { "\($0.records.last!.id):\($0.detail ?? "")" })
        #expect(gaps == ["no-address:address", "no-phone:phone", "mystery:job_type"])
        let address = try #require(findings.first { $0.detail == "address" })
        #expect(address.records.first == RecordRef(backend: "servicetitan", sourceName: "lakeshore-st", type: "location", id: "500181"))
    }

    @Test("quarantined records become findings: ends-before-start is invalid_time, an unlisted job type missing_data, the rest unreadable_record")
    func quarantined() {
        var b = SnapshotBuilder()
        b.snapshot.rejects = [
            .init(source: b.st, recordKind: "appointment", externalID: "800300", reason: "ends before it starts", problem: .endsBeforeStart),
            .init(source: b.st, recordKind: "job", externalID: "700290", reason: "job type \"Mystery Noise\" is not listed", problem: .unknownJobType),
            .init(source: b.calendar, recordKind: "vevent", externalID: "UID-1", reason: "line 67: bad date", location: "dan-outlook line 65"),
        ]
        let kinds = Dictionary(uniqueKeysWithValues: b.findings(only: [QuarantineCheck()]).map { ($0.records[0].id, $0.kind) })
        #expect(kinds == ["800300": .invalidTime, "700290": .missingData, "UID-1": .unreadableRecord])
    }
}
