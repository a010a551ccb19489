import FieldSyncBooking
import FieldSyncChecks
import FieldSyncCore
import Foundation

/// Small builders, so each test says only what matters to it. Times are written with their
/// offset, as a dispatcher in Chicago reads them.
enum Fixture {
    static func t(_ text: String) -> Date {
        guard let date = RFC3339.parseDate(text) else { fatalError("not an RFC 3339 time: \(text)") }
        return date
    }

    static func range(_ from: String, _ to: String) -> TimeRange { TimeRange(start: t(from), end: t(to)) }

    /// The Loop, Chicago.
    static let loop = Location(postalCode: "60601", latitude: 41.8781, longitude: -87.6298)

    /// `miles` straight-line miles north of the Loop.
    static func north(_ miles: Double, postalCode: String? = nil) -> Location {
        Location(postalCode: postalCode, latitude: 41.8781 + miles / 69.05, longitude: -87.6298)
    }

    /// Daily 08:00–17:00 shifts, Chicago time, on the given dates (`2026-11-23`).
    static func shifts(_ days: [String], from: String = "08:00", to: String = "17:00", offset: String = "-06:00") -> [TimeRange] {
        days.map { range("\($0)T\(from):00\(offset)", "\($0)T\(to):00\(offset)") }
    }

    static let week = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]

    static func tech(
        _ id: String, skills: [String] = ["hvac", "gas-furnace"], home: Location? = loop, zone: String = "America/Chicago",
        source: String = "lakeshore-st", capacity: Int? = nil, shifts: [TimeRange] = shifts(week), onCall: [TimeRange] = [],
        timeOff: [TimeRange] = [], busy: [TimeRange] = [], appointments: [TechnicianSchedule.Visit] = [],
        coverage: [TimeRange]? = nil
    ) -> TechnicianSchedule {
        TechnicianSchedule(
            id: id, name: id.capitalized, skills: skills, homeBase: home, timeZone: zone, dailyCapacity: capacity, source: source,
            shifts: shifts, onCall: onCall, timeOff: timeOff, busy: busy, appointments: appointments, coverage: coverage)
    }

    static func visit(_ from: String, _ to: String, at place: Location? = loop, id: String? = nil) -> TechnicianSchedule.Visit {
        TechnicianSchedule.Visit(range: range(from, to), location: place, jobType: "hvac.no_heat", appointmentID: id)
    }

    static func index(_ techs: [TechnicianSchedule], centroids: [String: Coordinate] = [:]) -> ScheduleIndex {
        ScheduleIndex(
            range: range("2026-01-01T00:00:00Z", "2027-06-01T00:00:00Z"), asOf: t("2026-11-22T12:00:00Z"), technicians: techs,
            postalCentroids: centroids)
    }

    static func query(
        urgency: Urgency = .routine, at place: Location? = loop, from: String = "2026-11-23T07:00:00-06:00",
        to: String = "2026-11-28T00:00:00-06:00", now: String = "2026-11-23T07:00:00-06:00", minutes: Int = 120,
        skills: [String] = ["hvac", "gas-furnace"], limit: Int = 10, preferred: String? = nil
    ) -> SlotQuery {
        SlotQuery(
            jobType: "hvac.no_heat", requiredSkills: skills, duration: .seconds(minutes * 60), location: place, urgency: urgency,
            window: range(from, to), preferredTechnicianID: preferred, limit: limit, now: t(now))
    }

    static func search(
        _ q: SlotQuery, _ index: ScheduleIndex, holds: [BlockingHold] = [], rules: CheckRules = CheckRules(),
        policy: SlotPolicy = SlotPolicy()
    ) -> [SlotCandidate] {
        SlotSearch.search(q, in: index, holds: holds, rules: rules, policy: policy)
    }

    static func conflict(
        _ tech: String, _ from: String, minutes: Int = 120, _ q: SlotQuery, _ index: ScheduleIndex, holds: [BlockingHold] = [],
        rules: CheckRules = CheckRules(), policy: SlotPolicy = SlotPolicy(), ignoring: String? = nil
    ) -> SlotConflict? {
        let start = t(from)
        return SlotSearch.conflict(
            technicianID: tech, start: start, end: start.addingTimeInterval(TimeInterval(minutes * 60)), query: q, in: index,
            holds: holds, rules: rules, policy: policy, ignoringBooking: ignoring)
    }
}
