import FieldSyncBooking
import FieldSyncChecks
import FieldSyncCore
import Foundation
import Testing

/// `conflict` is what the hold transaction re-checks with: it must accept what `search` offers
/// and refuse what overlaps, on a messy schedule.
@Suite("Slot search: conflict agrees with search")
struct SlotConflictAgreementTests {
    typealias F = Fixture

    /// A small deterministic generator (so a failure can be replayed).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let monday = F.t("2026-11-23T00:00:00-06:00")

    /// Eight technicians with jobs every day at random places, busy time, some on call, one with
    /// time off, a Denver one without shifts, and holds.
    static func messy(seed: UInt64) -> (ScheduleIndex, [BlockingHold], CheckRules) {
        var random = Random(state: seed)
        var techs: [TechnicianSchedule] = []
        var holds: [BlockingHold] = []
        for n in 0..<8 {
            var visits: [TechnicianSchedule.Visit] = []
            var busy: [TimeRange] = []
            for day in 0..<5 {
                var at = 8 * 60 + random.below(4) * 15
                for _ in 0..<(1 + random.below(4)) {
                    let length = 60 + random.below(5) * 15
                    let start = monday.addingTimeInterval(Double(day * 86_400 + at * 60))
                    let place = F.north(Double(random.below(25)))
                    if random.below(6) == 0 {
                        holds.append(
                            BlockingHold(
                                bookingID: "bk-\(n)-\(day)-\(at)", technicianID: "t\(n)",
                                range: TimeRange(start: start, end: start.addingTimeInterval(Double(length * 60))), location: place))
                    } else if random.below(8) == 0 {
                        busy.append(TimeRange(start: start, end: start.addingTimeInterval(Double(length * 60))))
                    } else {
                        visits.append(
                            TechnicianSchedule.Visit(
                                range: TimeRange(start: start, end: start.addingTimeInterval(Double(length * 60))), location: place,
                                appointmentID: "a\(n)-\(day)-\(at)"))
                    }
                    at += length + 30 + random.below(6) * 15
                }
            }
            let onCall = n % 3 == 0 ? F.week.map { F.range("\($0)T17:00:00-06:00", "\($0)T22:00:00-06:00") } : []
            let timeOff = n == 5 ? [F.range("2026-11-25T00:00:00-06:00", "2026-11-26T00:00:00-06:00")] : []
            techs.append(
                F.tech(
                    "t\(n)", home: F.north(Double(random.below(30))), zone: n == 7 ? "America/Denver" : "America/Chicago",
                    source: n == 7 ? "frontrange-hcp" : "lakeshore-st", capacity: n == 2 ? 3 : nil,
                    shifts: n == 7 ? [] : F.shifts(F.week), onCall: onCall, timeOff: timeOff, busy: busy, appointments: visits))
        }
        var rules = CheckRules()
        rules.businessHours["frontrange-hcp"] = CheckRules.BusinessHours(
            timeZone: "America/Denver", days: [.monday, .tuesday, .wednesday, .thursday, .friday], opensAt: 7 * 60, closesAt: 18 * 60)
        return (F.index(techs), holds, rules)
    }

    @Test("every offered slot passes conflict, for every urgency and place", arguments: [1, 2, 3] as [UInt64])
    func offeredSlotsHaveNoConflict(seed: UInt64) {
        let (index, holds, rules) = Self.messy(seed: seed)
        for urgency in Urgency.allCases {
            for miles in [0.0, 12, 28] {
                for minutes in [60, 150] {
                    let q = F.query(urgency: urgency, at: F.north(miles), now: "2026-11-23T09:10:00-06:00", minutes: minutes, limit: 40)
                    let slots = F.search(q, index, holds: holds, rules: rules)
                    #expect(!slots.isEmpty)
                    for slot in slots {
                        let conflict = SlotSearch.conflict(
                            technicianID: slot.technicianID, start: slot.start, end: slot.end, query: q, in: index, holds: holds,
                            rules: rules, policy: SlotPolicy())
                        #expect(conflict == nil, "\(slot.technicianID) \(slot.start) \(urgency): \(conflict?.description ?? "")")
                        #expect(slot.end.timeIntervalSince(slot.start) == Double(minutes * 60))
                        #expect(slot.start >= q.now)
                    }
                }
            }
        }
    }

    @Test("a slot overlapping an appointment or a hold has a conflict saying so", arguments: [1, 2] as [UInt64])
    func overlapsConflict(seed: UInt64) {
        let (index, holds, rules) = Self.messy(seed: seed)
        let q = F.query(now: "2026-11-23T07:00:00-06:00")
        for tech in index.technicians {
            for visit in tech.appointments {
                let code = SlotSearch.conflict(
                    technicianID: tech.id, start: visit.range.start, end: visit.range.end, query: q, in: index, holds: holds,
                    rules: rules, policy: SlotPolicy())?.code
                #expect(["overlaps_appointment", "time_off", "busy", "outside_shift", "outside_business_hours"].contains(code ?? ""))
            }
        }
        for hold in holds {
            let conflict = SlotSearch.conflict(
                technicianID: hold.technicianID, start: hold.range.start, end: hold.range.end, query: q, in: index, holds: holds,
                rules: rules, policy: SlotPolicy())
            #expect(conflict != nil)
            let own = SlotSearch.conflict(
                technicianID: hold.technicianID, start: hold.range.start, end: hold.range.end, query: q, in: index, holds: holds,
                rules: rules, policy: SlotPolicy(), ignoringBooking: hold.bookingID)
            #expect(own?.code != "overlaps_hold")
        }
    }

    @Test("an emergency's offer is the technician's first conflict-free 5-minute start of that day")
    func emergencyIsEarliestFeasible() {
        let (index, holds, rules) = Self.messy(seed: 4)
        let q = F.query(urgency: .emergency, now: "2026-11-23T09:10:00-06:00", minutes: 90, limit: 40)
        let slots = F.search(q, index, holds: holds, rules: rules)
        #expect(!slots.isEmpty)
        // The first offer of each technician-day (later ones fill the list when few qualify).
        var firsts: [String: SlotCandidate] = [:]
        for slot in slots {
            let tech = index.technician(id: slot.technicianID)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: tech.timeZone!)!
            let key = "\(tech.id) \(calendar.startOfDay(for: slot.start))"
            if let known = firsts[key], known.start <= slot.start { continue }
            firsts[key] = slot
        }
        #expect(firsts.count >= 8)
        for slot in firsts.values {
            let tech = index.technician(id: slot.technicianID)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: tech.timeZone!)!
            var probe = max(calendar.startOfDay(for: slot.start), q.now)
            while probe < slot.start {
                let conflict = SlotSearch.conflict(
                    technicianID: tech.id, start: probe, end: probe.addingTimeInterval(90 * 60), query: q, in: index, holds: holds,
                    rules: rules, policy: SlotPolicy())
                #expect(conflict != nil, "\(tech.id) could start at \(probe), before the offered \(slot.start)")
                probe = probe.addingTimeInterval(300)
            }
        }
    }
}
