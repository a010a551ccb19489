import FieldSyncBooking
import FieldSyncChecks
import FieldSyncCore
import Foundation
import Testing

/// Which offer comes first, and what the voice agent says about it.
@Suite("Slot search: ranking and reasons")
struct SlotSearchRankingTests {
    typealias F = Fixture

    @Test("reasons are plain words: skills, distance, workload, earliest opening")
    func reasons() {
        let index = F.index([F.tech("ana", home: F.north(3)), F.tech("ben", home: F.north(8))])
        let slots = F.search(F.query(to: "2026-11-23T23:00:00-06:00"), index)
        #expect(slots.first?.technicianID == "ana")
        #expect(
            slots.first?.reasons == [
                "an HVAC technician", "certified for gas furnaces", "4 miles away", "no other jobs that day", "earliest opening",
            ])
        #expect(slots.first?.distanceMiles == 3.9)
        #expect(SlotReasons.skill("duct_cleaning") == "has the duct cleaning skill")
        #expect(SlotReasons.distance(0.4) == "less than a mile away")
        #expect(SlotReasons.distance(1.2) == "1 mile away")
        #expect(SlotReasons.workload(2) == "2 jobs that day")
    }

    @Test("distance is measured from the previous job that day, and workload counts the day's jobs")
    func fromPreviousJob() {
        let jobs = [
            F.visit("2026-11-23T08:00:00-06:00", "2026-11-23T09:00:00-06:00", at: F.north(1)),
            F.visit("2026-11-23T09:30:00-06:00", "2026-11-23T10:30:00-06:00", at: F.north(3)),
        ]
        let index = F.index([F.tech("ana", home: F.north(20), shifts: F.shifts(["2026-11-23"]), appointments: jobs)])
        let q = F.query(at: F.north(3), from: "2026-11-23T10:00:00-06:00", to: "2026-11-23T23:00:00-06:00", now: "2026-11-23T10:00:00-06:00")
        let slot = F.search(q, index).first
        #expect(slot?.start == F.t("2026-11-23T11:00:00-06:00"))
        #expect(slot?.reasons.contains("less than a mile away") == true)
        #expect(slot?.reasons.contains("2 jobs that day") == true)
        #expect(slot?.jobsThatDay == 2)
    }

    @Test("emergencies go to the earliest start first, even from farther away")
    func emergencyEarliestFirst() {
        // Near is busy until 10:00; far (20 miles, 62 minutes' drive) can start 09:05.
        let near = F.tech("near", busy: [F.range("2026-11-23T08:00:00-06:00", "2026-11-23T10:00:00-06:00")])
        let far = F.tech("far", home: F.north(20))
        let q = F.query(urgency: .emergency, now: "2026-11-23T09:00:00-06:00")
        let slots = F.search(q, F.index([near, far]))
        #expect(slots.map(\.technicianID).prefix(2) == ["far", "near"])
        #expect(slots.first?.start == F.t("2026-11-23T09:05:00-06:00"))
        #expect(slots.first?.reasons.last == "earliest opening")
        // With both free at once, the nearer goes first.
        let both = F.search(q, F.index([F.tech("near"), far]))
        #expect(both.first?.technicianID == "near")
    }

    @Test("urgent jobs: the earliest day wins over distance; within a day, the nearer and less busy")
    func urgent() {
        let offMonday = F.tech("ana", timeOff: [F.range("2026-11-23T00:00:00-06:00", "2026-11-24T00:00:00-06:00")])
        let farButToday = F.tech("ben", home: F.north(15))
        let q = F.query(urgency: .urgent)
        let slots = F.search(q, F.index([offMonday, farButToday]))
        #expect(slots.first?.technicianID == "ben")
        #expect(slots.first?.start ?? .distantFuture < F.t("2026-11-24T00:00:00-06:00"))

        let busy = F.tech("ana", appointments: [F.visit("2026-11-23T15:00:00-06:00", "2026-11-23T16:00:00-06:00")])
        let idle = F.tech("ben")
        #expect(F.search(q, F.index([busy, idle])).first?.technicianID == "ben")
    }

    @Test("routine jobs balance soonness, distance and workload; one offer per technician and day")
    func routine() {
        let index = F.index([F.tech("ana"), F.tech("ben", home: F.north(30))])
        let slots = F.search(F.query(limit: 10), index)
        let perDay = Dictionary(grouping: slots) { "\($0.technicianID) \(Int($0.start.timeIntervalSince1970 / 86_400))" }
        #expect(perDay.values.allSatisfy { $0.count == 1 })
        #expect(slots.first?.technicianID == "ana")
        #expect(slots.count == 10)  // five days each
        #expect(zip(slots, slots.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test("the customer's preferred technician ranks first among equals, and is named")
    func preferred() {
        let index = F.index([F.tech("ana"), F.tech("ben")])
        let slots = F.search(F.query(preferred: "ben"), index)
        #expect(slots.first?.technicianID == "ben")
        #expect(slots.first?.reasons.contains("the customer's preferred technician") == true)
        #expect(slots.first { $0.technicianID == "ana" }?.reasons.contains("the customer's preferred technician") == false)
    }

    @Test("a postal code alone finds its place from the cache's centroids")
    func postalCodeOnly() {
        let centroid = Coordinate(F.north(3))!
        let index = F.index([F.tech("ana")], centroids: ["60657": centroid])
        let slots = F.search(F.query(at: Location(postalCode: "60657-1234")), index)
        #expect(slots.first?.reasons.contains("4 miles away") == true)
        // An unknown postal code: no distance, still offered.
        let unknown = F.search(F.query(at: Location(postalCode: "99999")), index)
        #expect(unknown.first?.distanceMiles == nil)
        #expect(unknown.first?.technicianID == "ana")
    }

    @Test("few technicians: several starts of the same day are offered")
    func fewTechnicians() {
        let index = F.index([F.tech("ana")])
        let slots = F.search(F.query(to: "2026-11-23T23:00:00-06:00", limit: 4), index)
        #expect(slots.count == 4)
        #expect(Set(slots.map(\.start)).count == 4)
        #expect(slots.first?.start == F.t("2026-11-23T08:00:00-06:00"))
        for slot in slots {
            #expect(F.conflict("ana", RFC3339.string(slot.start), F.query(), index) == nil)
        }
    }

    @Test("the same question gives the same answer, ties broken by technician id")
    func deterministic() {
        let index = F.index([F.tech("cid"), F.tech("ana"), F.tech("ben")])
        let first = F.search(F.query(limit: 3), index)
        #expect(first.map(\.technicianID) == ["ana", "ben", "cid"])
        for _ in 0..<5 { #expect(F.search(F.query(limit: 3), index) == first) }
    }
}
