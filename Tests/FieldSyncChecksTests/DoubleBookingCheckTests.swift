import FieldSyncChecks
import FieldSyncCore
import Foundation
import Testing

@Suite("double_booking: one technician in two places")
struct DoubleBookingCheckTests {
    @Test("two overlapping appointments of one technician are one critical finding naming both")
    func overlappingAppointments() {
        var b = SnapshotBuilder()
        let maria = b.technician("maria", name: "Maria Lopez")
        b.appointment("800088", "2026-11-24 08:00", "2026-11-24 10:00", technicians: [maria])
        b.appointment("800299", "2026-11-24 08:30", "2026-11-24 10:30", technicians: [maria])
        let findings = b.findings(only: [DoubleBookingCheck()])
        #expect(findings.count == 1)
        let f = try! #require(findings.first)
        #expect(f.kind == .doubleBooking)
        #expect(f.severity == .critical)
        // The later one was booked into the earlier one: it comes first.
        #expect(f.records.map(\.id) == ["800299", "800088", "ext-maria"])
        #expect(f.message.contains("Maria Lopez"))
        #expect(f.range == TimeRange(start: b.at("2026-11-24 08:30"), end: b.at("2026-11-24 10:00")))
    }

    @Test("back-to-back appointments, other technicians' appointments and cancelled ones are not double-bookings")
    func notOverlaps() {
        var b = SnapshotBuilder()
        let maria = b.technician("maria")
        let dan = b.technician("dan")
        b.appointment("1", "2026-11-24 08:00", "2026-11-24 10:00", technicians: [maria])
        b.appointment("2", "2026-11-24 10:00", "2026-11-24 11:00", technicians: [maria])
        b.appointment("3", "2026-11-24 08:00", "2026-11-24 10:00", technicians: [dan])
        b.appointment("4", "2026-11-24 09:00", "2026-11-24 09:30", technicians: [maria], progress: .cancelled)
        #expect(b.findings(only: [DoubleBookingCheck()]).isEmpty)
    }

    @Test("an appointment inside a long one overlaps it, and one after both overlaps the long one only")
    func nestedOverlaps() {
        var b = SnapshotBuilder()
        let t = b.technician("t")
        b.appointment("long", "2026-11-24 08:00", "2026-11-24 16:00", technicians: [t])
        b.appointment("inner", "2026-11-24 09:00", "2026-11-24 10:00", technicians: [t])
        b.appointment("late", "2026-11-24 15:00", "2026-11-24 17:00", technicians: [t])
        let pairs = Set(b.findings(only: [DoubleBookingCheck()]).map { Set($0.records.filter { $0.type == "appointment" }.map(\.id)) })
        #expect(pairs == [["long", "inner"], ["long", "late"]])
    }

    @Test("an appointment against a busy block from the technician's calendar is a double-booking across sources")
    func acrossSources() {
        var b = SnapshotBuilder()
        let maria = b.technician("maria")
        b.appointment("800400", "2026-12-01 15:30", "2026-12-01 17:00", technicians: [maria])
        b.window("maria-google/pickup", .busy, "2026-12-01 15:00", "2026-12-01 16:00", technician: maria, source: b.calendar, title: "School pickup")
        let f = b.findings(only: [DoubleBookingCheck()])
        #expect(f.count == 1)
        #expect(f.first?.records.contains(RecordRef(backend: "icalendar", sourceName: "tech-calendars", type: "event", id: "maria-google/pickup")) == true)
        #expect(f.first?.message.contains("School pickup") == true)
    }

    @Test("a calendar block with exactly an appointment's times is its mirror, not a conflict; two calendar blocks never are")
    func mirrorsAndCalendarOnly() {
        var b = SnapshotBuilder()
        let maria = b.technician("maria")
        b.appointment("1", "2026-12-01 09:00", "2026-12-01 11:00", technicians: [maria])
        b.window("mirror", .busy, "2026-12-01 09:00", "2026-12-01 11:00", technician: maria, source: b.calendar)
        b.window("a", .busy, "2026-12-01 13:00", "2026-12-01 14:00", technician: maria, source: b.calendar)
        b.window("b", .busy, "2026-12-01 13:30", "2026-12-01 14:30", technician: maria, source: b.calendar)
        #expect(b.findings(only: [DoubleBookingCheck()]).isEmpty)
    }

    @Test("the finding's id is the same whichever order the records come in, and differs for another pair")
    func stableIdentity() {
        var one = SnapshotBuilder()
        let t1 = one.technician("t")
        one.appointment("A", "2026-11-24 08:00", "2026-11-24 10:00", technicians: [t1])
        one.appointment("B", "2026-11-24 09:00", "2026-11-24 11:00", technicians: [t1])
        var two = SnapshotBuilder()
        let t2 = two.technician("t")
        two.appointment("B", "2026-11-24 09:00", "2026-11-24 11:30", technicians: [t2])
        two.appointment("A", "2026-11-24 08:00", "2026-11-24 10:00", technicians: [t2])
        let a = one.findings(only: [DoubleBookingCheck()]), b = two.findings(only: [DoubleBookingCheck()])
        #expect(a.count == 1 && b.count == 1)
        #expect(a.first?.id == b.first?.id)
        #expect(a.first?.id.hasPrefix("double_booking-") == true)
        var three = SnapshotBuilder()
        let t3 = three.technician("t")
        three.appointment("A", "2026-11-24 08:00", "2026-11-24 10:00", technicians: [t3])
        three.appointment("C", "2026-11-24 09:00", "2026-11-24 11:00", technicians: [t3])
        #expect(three.findings(only: [DoubleBookingCheck()]).first?.id != a.first?.id)
    }
}
