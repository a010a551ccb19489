import FieldSyncBooking
import FieldSyncChecks
import FieldSyncCore
import Foundation
import Testing

/// Who may go when: the rules slot search and the hold re-check share.
@Suite("Slot search: the rules")
struct SlotSearchRulesTests {
    typealias F = Fixture

    @Test("only technicians with every required skill are offered; the others conflict with missing_skill")
    func skills() {
        let index = F.index([F.tech("ana"), F.tech("ben", skills: ["hvac"])])
        let slots = F.search(F.query(), index)
        #expect(!slots.isEmpty)
        #expect(Set(slots.map(\.technicianID)) == ["ana"])
        #expect(F.conflict("ben", "2026-11-23T08:00:00-06:00", F.query(), index)?.code == "missing_skill")
    }

    @Test("slots lie inside shifts: the first is when the shift opens, none runs past its end")
    func shifts() {
        let index = F.index([F.tech("ana")])
        let first = F.search(F.query(), index).first
        #expect(first?.start == F.t("2026-11-23T08:00:00-06:00"))
        #expect(first?.end == F.t("2026-11-23T10:00:00-06:00"))
        // 15:30 + 2 h would end after 17:00: the next offer is Tuesday morning.
        let late = F.query(from: "2026-11-23T15:30:00-06:00", now: "2026-11-23T15:30:00-06:00")
        #expect(F.search(late, index).first?.start == F.t("2026-11-24T08:00:00-06:00"))
        #expect(F.conflict("ana", "2026-11-23T15:30:00-06:00", late, index)?.code == "outside_shift")
        #expect(F.conflict("ana", "2026-11-23T15:00:00-06:00", F.query(), index) == nil)
    }

    @Test("on-call time is offered to emergencies only, and said so")
    func onCall() {
        let evening = F.range("2026-11-23T17:00:00-06:00", "2026-11-23T23:00:00-06:00")
        let index = F.index([F.tech("cal", onCall: [evening])])
        let emergency = F.query(urgency: .emergency, from: "2026-11-23T18:02:00-06:00", now: "2026-11-23T18:02:00-06:00")
        let slot = F.search(emergency, index).first
        #expect(slot?.start == F.t("2026-11-23T18:05:00-06:00"))
        #expect(slot?.onCall == true)
        #expect(slot?.reasons.contains("on call tonight") == true)
        #expect(slot?.arrivalEnd == F.t("2026-11-23T18:35:00-06:00"))

        let routine = F.query(from: "2026-11-23T18:02:00-06:00", now: "2026-11-23T18:02:00-06:00")
        let offer = F.search(routine, index).first
        #expect(offer?.start == F.t("2026-11-24T08:00:00-06:00"))
        #expect(offer?.onCall == false)
        #expect(F.conflict("cal", "2026-11-23T18:30:00-06:00", routine, index)?.code == "outside_shift")
        #expect(F.conflict("cal", "2026-11-23T18:30:00-06:00", emergency, index) == nil)
    }

    @Test("time off and calendar busy time block")
    func timeOffAndBusy() {
        let index = F.index([
            F.tech(
                "ana", timeOff: [F.range("2026-11-23T00:00:00-06:00", "2026-11-24T00:00:00-06:00")],
                busy: [F.range("2026-11-24T08:00:00-06:00", "2026-11-24T12:00:00-06:00")])
        ])
        let slots = F.search(F.query(), index)
        #expect(slots.first?.start == F.t("2026-11-24T12:00:00-06:00"))
        #expect(!slots.contains { $0.start < F.t("2026-11-24T00:00:00-06:00") })
        #expect(F.conflict("ana", "2026-11-23T09:00:00-06:00", F.query(), index)?.code == "time_off")
        #expect(F.conflict("ana", "2026-11-24T10:00:00-06:00", F.query(), index)?.code == "busy")
        #expect(F.conflict("ana", "2026-11-24T11:00:00-06:00", F.query(), index)?.code == "busy")
        #expect(F.conflict("ana", "2026-11-24T12:00:00-06:00", F.query(), index) == nil)
    }

    @Test("a hold blocks like an appointment, with the buffer after it; the hold's own booking can ignore it")
    func holds() {
        let index = F.index([F.tech("ana")])
        let hold = BlockingHold(
            bookingID: "bk-1", technicianID: "ana", range: F.range("2026-11-23T08:00:00-06:00", "2026-11-23T10:00:00-06:00"),
            location: F.loop)
        let first = F.search(F.query(), index, holds: [hold]).first
        #expect(first?.start == F.t("2026-11-23T10:30:00-06:00"))  // 10:00 + 15 min buffer, on the half-hour grid
        #expect(first?.jobsThatDay == 1)
        #expect(F.conflict("ana", "2026-11-23T08:00:00-06:00", F.query(), index, holds: [hold])?.code == "overlaps_hold")
        #expect(F.conflict("ana", "2026-11-23T10:05:00-06:00", F.query(), index, holds: [hold])?.code == "travel")
        #expect(F.conflict("ana", "2026-11-23T08:00:00-06:00", F.query(), index, holds: [hold], ignoring: "bk-1") == nil)
    }

    @Test("between jobs: buffer plus the drive from the previous job, and to the next one")
    func travel() {
        // 10 miles north: 13 road miles at 25 mph = 31.2 minutes, plus 15 minutes of buffer.
        let morning = F.visit("2026-11-23T08:00:00-06:00", "2026-11-23T10:00:00-06:00", at: F.north(10), id: "A1")
        let far = F.index([F.tech("ana", appointments: [morning])])
        let monday = F.query(to: "2026-11-23T23:00:00-06:00")
        #expect(F.search(monday, far).first?.start == F.t("2026-11-23T11:00:00-06:00"))
        #expect(F.conflict("ana", "2026-11-23T10:30:00-06:00", monday, far)?.code == "travel")
        #expect(F.conflict("ana", "2026-11-23T10:47:00-06:00", monday, far) == nil)
        #expect(F.conflict("ana", "2026-11-23T09:00:00-06:00", monday, far)?.code == "overlaps_appointment")

        // The same job next door: the buffer alone.
        let near = F.index([F.tech("ana", appointments: [F.visit("2026-11-23T08:00:00-06:00", "2026-11-23T10:00:00-06:00")])])
        #expect(F.search(monday, near).first?.start == F.t("2026-11-23T10:30:00-06:00"))

        // A job after the slot: the visit must end in time to drive there.
        let afternoon = F.visit("2026-11-23T13:00:00-06:00", "2026-11-23T15:00:00-06:00", at: F.north(10))
        let before = F.index([F.tech("ana", appointments: [afternoon])])
        #expect(F.conflict("ana", "2026-11-23T11:00:00-06:00", monday, before)?.code == "travel")
        #expect(F.conflict("ana", "2026-11-23T10:00:00-06:00", monday, before) == nil)
    }

    @Test("the first job of a shift leaves time to drive from home base")
    func homeBase() {
        // Home 8 miles north: 10.4 road miles, 25 minutes; the shift opens at 08:00.
        let index = F.index([F.tech("ben", home: F.north(8))])
        #expect(F.search(F.query(), index).first?.start == F.t("2026-11-23T08:30:00-06:00"))
        #expect(F.conflict("ben", "2026-11-23T08:10:00-06:00", F.query(), index)?.code == "travel")
    }

    @Test("daily capacity counts the technician's local day, across the fall-back change (Nov 1 2026, Chicago)")
    func capacityAcrossFallBack() {
        // Sunday Nov 1 is 25 hours long in Chicago. The 22:00 job is 04:00 UTC on Monday: a UTC day
        // would count it on Monday and leave Sunday with room.
        let sunday = F.range("2026-11-01T08:00:00-06:00", "2026-11-01T23:59:00-06:00")
        let monday = F.range("2026-11-02T08:00:00-06:00", "2026-11-02T17:00:00-06:00")
        let jobs = [
            F.visit("2026-11-01T09:00:00-06:00", "2026-11-01T10:00:00-06:00"),
            F.visit("2026-11-01T22:00:00-06:00", "2026-11-01T23:00:00-06:00"),
        ]
        let index = F.index([F.tech("ana", capacity: 2, shifts: [sunday, monday], appointments: jobs)])
        let q = F.query(from: "2026-11-01T07:00:00-06:00", to: "2026-11-02T17:00:00-06:00", now: "2026-11-01T07:00:00-06:00")
        let slots = F.search(q, index)
        #expect(slots.first?.start == F.t("2026-11-02T08:00:00-06:00"))
        #expect(slots.first?.jobsThatDay == 0)
        #expect(!slots.contains { $0.start < F.t("2026-11-02T00:00:00-06:00") })
        #expect(F.conflict("ana", "2026-11-01T13:00:00-06:00", q, index)?.code == "over_daily_capacity")

        // The shop's limit applies when the technician has none; a per-technician rule wins over both.
        let uncapped = F.index([F.tech("ana", shifts: [sunday, monday], appointments: jobs)])
        var rules = CheckRules()
        rules.maxJobsPerDay = 2
        #expect(F.conflict("ana", "2026-11-01T13:00:00-06:00", q, uncapped, rules: rules)?.code == "over_daily_capacity")
        rules.maxJobsPerDayByTechnician["ana"] = 3
        #expect(F.conflict("ana", "2026-11-01T13:00:00-06:00", q, uncapped, rules: rules) == nil)
    }

    @Test("technicians without shifts work the source's business hours, in its zone, across spring-forward (Mar 8 2026)")
    func businessHours() {
        var rules = CheckRules()
        rules.businessHours["frontrange-hcp"] = CheckRules.BusinessHours(
            timeZone: "America/Denver", days: Set(Weekday.allCases), opensAt: 8 * 60, closesAt: 17 * 60)
        let dee = F.tech("dee", home: nil, zone: "America/Denver", source: "frontrange-hcp", shifts: [])
        let index = F.index([dee])
        // Clocks went from 02:00 MST to 03:00 MDT: 08:00 that day is 14:00 UTC, not 15:00.
        let q = F.query(from: "2026-03-08T05:00:00-06:00", to: "2026-03-09T00:00:00-06:00", now: "2026-03-08T05:00:00-06:00")
        let first = F.search(q, index, rules: rules).first
        #expect(first?.start == F.t("2026-03-08T14:00:00Z"))

        rules.businessHours["frontrange-hcp"]?.days = [.monday, .tuesday, .wednesday, .thursday, .friday]
        let weekend = F.query(
            from: "2026-11-28T10:00:00-07:00", to: "2026-12-01T00:00:00-07:00", now: "2026-11-28T10:00:00-07:00")
        #expect(F.search(weekend, index, rules: rules).first?.start == F.t("2026-11-30T08:00:00-07:00"))
        #expect(
            F.conflict("dee", "2026-11-28T10:00:00-07:00", weekend, index, rules: rules)?.code == "outside_business_hours")

        // No business hours for the source: the policy's fallback (Mon–Fri 08:00–17:00, own zone).
        #expect(F.search(weekend, index).first?.start == F.t("2026-11-30T08:00:00-07:00"))
    }

    @Test("never a slot before now: routine on the half-hour grid, emergencies at now rounded up to 5 minutes")
    func neverBeforeNow() {
        let index = F.index([F.tech("ana")])
        let routine = F.query(now: "2026-11-23T10:07:00-06:00")
        #expect(F.search(routine, index).first?.start == F.t("2026-11-23T10:30:00-06:00"))
        let emergency = F.query(urgency: .emergency, now: "2026-11-23T10:07:00-06:00")
        #expect(F.search(emergency, index).first?.start == F.t("2026-11-23T10:10:00-06:00"))
        #expect(F.conflict("ana", "2026-11-23T10:00:00-06:00", emergency, index)?.code == "in_the_past")
    }

    @Test("a technician whose home base is beyond the travel limit is not offered")
    func tooFar() {
        let index = F.index([F.tech("ana"), F.tech("zed", home: F.north(60))])
        #expect(Set(F.search(F.query(), index).map(\.technicianID)) == ["ana"])
        #expect(F.conflict("zed", "2026-11-23T10:00:00-06:00", F.query(), index)?.code == "too_far")
    }

    @Test("a technician with no home base is judged by where their visits are: far visits, or another state, keep them off")
    func workArea() {
        let denver = Location(city: "Denver", region: "CO", postalCode: "80202", latitude: 39.75, longitude: -104.99)
        let denverNoCoordinates = Location(city: "Denver", region: "CO", postalCode: "80202")
        let far = F.tech("sam", home: nil, appointments: [F.visit("2026-11-26T09:00:00-07:00", "2026-11-26T10:00:00-07:00", at: denver)])
        let index = F.index([F.tech("ana"), far])
        #expect(Set(F.search(F.query(), index).map(\.technicianID)) == ["ana"])
        #expect(F.conflict("sam", "2026-11-23T10:00:00-06:00", F.query(), index)?.code == "too_far")

        // Without coordinates anywhere, the state decides.
        let vague = F.tech(
            "rosa", home: nil, appointments: [F.visit("2026-11-26T09:00:00-07:00", "2026-11-26T10:00:00-07:00", at: denverNoCoordinates)])
        let chicagoByName = Location(city: "Chicago", region: "IL", postalCode: "60613")
        let query = F.query(at: chicagoByName)
        #expect(F.conflict("rosa", "2026-11-23T10:00:00-06:00", query, F.index([vague]))?.code == "too_far")
        #expect(F.conflict("rosa", "2026-11-23T10:00:00-06:00", F.query(at: denverNoCoordinates), F.index([vague])) == nil)
    }

    @Test("the shop's never-send rule keeps a technician from that customer")
    func neverSend() {
        var rules = CheckRules()
        rules.neverSend = [CheckRules.NeverSend(technicianID: "ana", source: "lakeshore-st", customerID: "c-9", reason: "complaint")]
        let index = F.index([F.tech("ana"), F.tech("ben")])
        var q = F.query()
        q.customerSource = "lakeshore-st"
        q.customerID = "c-9"
        #expect(Set(F.search(q, index, rules: rules).map(\.technicianID)) == ["ben"])
        #expect(F.conflict("ana", "2026-11-23T10:00:00-06:00", q, index, rules: rules)?.code == "never_send")
        q.customerID = "c-10"
        #expect(Set(F.search(q, index, rules: rules).map(\.technicianID)) == ["ana", "ben"])
    }

    @Test("time no sync has read is never offered")
    func coverage() {
        let index = F.index([F.tech("ana", coverage: [F.range("2026-11-20T00:00:00Z", "2026-11-24T06:00:00Z")])])
        let slots = F.search(F.query(), index)
        #expect(!slots.isEmpty)
        #expect(slots.allSatisfy { $0.end <= F.t("2026-11-24T06:00:00Z") })
        #expect(F.conflict("ana", "2026-11-24T08:00:00-06:00", F.query(), index)?.code == "not_synced")
    }
}
