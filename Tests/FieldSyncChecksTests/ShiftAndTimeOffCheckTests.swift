import FieldSyncChecks
import FieldSyncCore
import Foundation
import Testing

@Suite("outside_shift and during_time_off")
struct ShiftAndTimeOffCheckTests {
    @Test("an evening appointment after the shift ends is outside the shift; one inside it is fine")
    func outsideShift() {
        var b = SnapshotBuilder()
        let dan = b.technician("dan", name: "Dan Okafor")
        b.window("s1", .shift, "2026-11-30 08:00", "2026-11-30 16:00", technician: dan)
        b.coverage(dan, "2026-11-29 00:00", "2026-12-20 00:00")
        b.appointment("inside", "2026-11-30 09:00", "2026-11-30 11:00", technicians: [dan])
        b.appointment("evening", "2026-11-30 19:30", "2026-11-30 21:00", technicians: [dan])
        b.appointment("straddles", "2026-11-30 15:00", "2026-11-30 17:00", technicians: [dan])
        let ids = Set(b.findings(only: [OutsideShiftCheck()]).map { $0.records[0].id })
        #expect(ids == ["evening", "straddles"])
    }

    @Test("an on-call window counts as a shift; two touching shifts make one")
    func onCallAndTouching() {
        var b = SnapshotBuilder()
        let t = b.technician("t")
        b.window("s", .shift, "2026-11-30 08:00", "2026-11-30 16:00", technician: t)
        b.window("oc", .onCall, "2026-11-30 16:00", "2026-11-30 23:00", technician: t)
        b.coverage(t, "2026-11-29 00:00", "2026-12-20 00:00")
        b.appointment("late", "2026-11-30 15:00", "2026-11-30 20:00", technicians: [t])
        #expect(b.findings(only: [OutsideShiftCheck()]).isEmpty)
    }

    @Test("appointments outside what a sync read completely (coverage) are not judged")
    func onlyWithinCoverage() {
        var b = SnapshotBuilder()
        let t = b.technician("t")
        b.window("s", .shift, "2026-11-30 08:00", "2026-11-30 16:00", technician: t)
        b.coverage(t, "2026-11-29 00:00", "2026-12-20 00:00")
        b.appointment("last-week", "2026-11-20 19:00", "2026-11-20 20:00", technicians: [t])
        #expect(b.findings(only: [OutsideShiftCheck()]).isEmpty)
    }

    @Test("without shifts, business hours apply in the shop's zone, on both sides of the DST change")
    func businessHoursAcrossDST() {
        // Denver leaves DST on 2026-11-01: 08:00 local is 14:00Z before, 15:00Z after.
        var b = SnapshotBuilder(zone: "America/Denver")
        let sam = b.technician("sam")
        b.appointment("fri-ok", "2026-10-30 08:00", "2026-10-30 10:00", technicians: [sam])
        b.appointment("mon-ok", "2026-11-02 08:00", "2026-11-02 10:00", technicians: [sam])
        b.appointment("mon-early", "2026-11-02 07:00", "2026-11-02 09:00", technicians: [sam])
        b.appointment("fri-late", "2026-10-30 16:30", "2026-10-30 17:30", technicians: [sam])
        b.appointment("sunday", "2026-11-01 10:00", "2026-11-01 11:00", technicians: [sam])
        var rules = CheckRules()
        rules.businessHours["lakeshore-st"] = .init(
            timeZone: "America/Denver", days: [.monday, .tuesday, .wednesday, .thursday, .friday], opensAt: 8 * 60, closesAt: 17 * 60)
        let findings = b.findings(rules: rules, only: [OutsideShiftCheck()])
        #expect(Set(findings.map { $0.records[0].id }) == ["mon-early", "fri-late", "sunday"])
        #expect(findings.first?.message.contains("business hours") == true)
    }

    @Test("an appointment overlapping time off from any source is critical; one the day after is fine")
    func timeOff() {
        var b = SnapshotBuilder()
        let priya = b.technician("priya", name: "Priya Shah")
        b.window("vacation", .timeOff, "2026-12-01 00:00", "2026-12-03 00:00", technician: priya, source: b.calendar, title: "Vacation")
        b.window("dentist", .timeOff, "2026-12-04 10:00", "2026-12-04 11:00", technician: priya)
        b.appointment("during", "2026-12-02 09:00", "2026-12-02 10:00", technicians: [priya])
        b.appointment("after", "2026-12-03 09:00", "2026-12-03 10:00", technicians: [priya])
        b.appointment("edge", "2026-12-04 09:00", "2026-12-04 10:30", technicians: [priya])
        let findings = b.findings(only: [TimeOffCheck()])
        #expect(Set(findings.map { $0.records[0].id }) == ["during", "edge"])
        #expect(findings.allSatisfy { $0.severity == .critical })
        #expect(findings.contains { $0.message.contains("Vacation") })
    }
}
