import FieldSyncChecks
import FieldSyncCore
import Foundation

extension TechnicianPlan {
    /// Why a visit cannot start at `s` (called when ``allowedStarts(from:to:)`` has no room for it):
    /// the first rule it breaks, in the order a dispatcher would look.
    func diagnose(_ s: Int64) -> SlotConflict {
        let e = s + duration
        let when = RFC3339.string(Span.date(s))
        if !(limits.lo <= s && e <= limits.hi) {
            return SlotConflict(code: "not_synced", message: "\(tech.name)'s schedule is not loaded for \(when)")
        }
        if let coverage = tech.coverageSpans, !Self.contains(coverage, s, e) {
            return SlotConflict(
                code: "not_synced", message: "no sync has read \(tech.name)'s calendar completely around \(when), so it is unknown")
        }
        if !Self.contains(bookableSpans(s, e), s, e) {
            if tech.usesShifts {
                let extra = emergency ? " or on-call time" : ""
                return SlotConflict(code: "outside_shift", message: "\(when) is not inside one of \(tech.name)'s shifts\(extra)")
            }
            let hoursText = hours?.description ?? "the working hours"
            return SlotConflict(code: "outside_business_hours", message: "\(when) is outside \(hoursText) for \(tech.name)")
        }
        if tech.timeOffSpans.contains(where: { $0.lo < e && s < $0.hi }) {
            return SlotConflict(code: "time_off", message: "\(tech.name) has time off then")
        }
        if tech.busySpans.contains(where: { $0.lo < e && s < $0.hi }) {
            return SlotConflict(code: "busy", message: "\(tech.name)'s calendar is busy then")
        }
        let visits = tech.visitSpans
        if let i = visits.indices.first(where: { visits[$0].lo < e && s < visits[$0].hi }) {
            let id = tech.appointments[i].appointmentID.map { " (appointment \($0))" } ?? ""
            return SlotConflict(code: "overlaps_appointment", message: "\(tech.name) already has a job then\(id)")
        }
        if let h = holds.first(where: { $0.span.lo < e && s < $0.span.hi }) {
            return SlotConflict(code: "overlaps_hold", message: "\(tech.name)'s time is held by booking \(h.bookingID)")
        }
        if let capacity, jobs(onDay: tech.clock.day(s)) >= capacity {
            return SlotConflict(
                code: "over_daily_capacity", message: "\(tech.name) already has \(capacity) job\(capacity == 1 ? "" : "s") that day")
        }
        for (i, v) in visits.enumerated() {
            let p = pad(tech.visitPlaces[i])
            if v.lo - p < e && s < v.hi + p {
                return SlotConflict(
                    code: "travel",
                    message: "\(tech.name) needs \(p / 60) minutes between that job and the one next to it (buffer and drive)")
            }
        }
        for h in holds {
            let p = pad(h.place)
            if h.span.lo - p < e && s < h.span.hi + p {
                return SlotConflict(
                    code: "travel", message: "\(tech.name) needs \(p / 60) minutes between that job and held booking \(h.bookingID)")
            }
        }
        if homeLead > 0 {
            return SlotConflict(
                code: "travel", message: "\(tech.name) needs \(homeLead / 60) minutes to drive there from home base after starting work")
        }
        return SlotConflict(code: "unavailable", message: "\(tech.name) cannot take \(when)")
    }
}
