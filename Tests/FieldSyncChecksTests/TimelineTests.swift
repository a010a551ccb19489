import FieldSyncChecks
import FieldSyncCore
import Foundation
import Testing

@Suite("The report's timeline")
struct TimelineTests {
    @Test("technicians with findings come first, their conflicting appointments are marked, and unassigned visits get a row")
    func rows() {
        var b = SnapshotBuilder()
        let anna = b.technician("anna", name: "Anna")
        let zoe = b.technician("zoe", name: "Zoe")
        b.window("s", .shift, "2026-12-01 08:00", "2026-12-01 17:00", technician: anna)
        b.appointment("a1", "2026-12-01 09:00", "2026-12-01 10:00", technicians: [anna])
        b.appointment("z1", "2026-12-01 09:00", "2026-12-01 11:00", technicians: [zoe])
        b.appointment("z2", "2026-12-01 10:00", "2026-12-01 12:00", technicians: [zoe])
        b.appointment("nobody", "2026-12-02 09:00", "2026-12-02 10:00")
        b.appointment("next-month", "2027-01-05 09:00", "2027-01-05 10:00", technicians: [anna])
        var snapshot = b.snapshot
        snapshot.sortForChecks()
        let findings = b.findings()
        let timeline = Timeline.build(snapshot: snapshot, findings: findings, from: b.at("2026-11-30 12:00"), days: 7, timeZone: b.zone)
        #expect(timeline.start == b.at("2026-11-30 00:00"))
        #expect(timeline.end == b.at("2026-12-07 00:00"))
        #expect(timeline.rows.map(\.name) == ["Zoe", "No technician", "Anna"])
        let zoeItems = timeline.rows[0].items
        #expect(zoeItems.count == 2)
        #expect(zoeItems.allSatisfy { $0.severity == .critical && !$0.findingIDs.isEmpty })
        let annaItems = timeline.rows[2].items
        #expect(annaItems.map(\.kind) == [.shift, .appointment])
        #expect(annaItems.allSatisfy { $0.severity == nil })
    }
}
