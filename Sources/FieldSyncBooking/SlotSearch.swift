import FieldSyncChecks
import FieldSyncCore
import Foundation

/// Finds and ranks the slots technicians could take a job in, from the in-memory schedule alone.
///
/// ```swift
/// let slots = SlotSearch.search(query, in: index, holds: holds, rules: rules, policy: SlotPolicy())
/// // slots[0].reasons == ["an HVAC technician", "certified for gas furnaces", "4 miles away", "2 jobs that day", "earliest opening"]
/// if let conflict = SlotSearch.conflict(technicianID: slots[0].technicianID, start: slots[0].start, end: slots[0].end,
///                                       query: query, in: index, holds: holds, rules: rules, policy: SlotPolicy()) {
///     print(conflict.code)  // "overlaps_hold" when someone was faster
/// }
/// ```
///
/// Which technicians: active, with every required skill, not under a `never_send` rule for the
/// customer (when the query names one), with a home base within ``SlotPolicy/maxTravelMiles``
/// (or none known). When: see ``TechnicianPlan`` for the rules; the search then offers the
/// earliest start of each free stretch on the grid (``SlotPolicy/stepMinutes`` of local time,
/// ``SlotPolicy/emergencyStepMinutes`` for emergencies), inside the query's window, never before
/// `now`.
///
/// Ranking: emergencies by earliest start, then distance; urgent jobs by day (heavily), then
/// distance, then workload; routine jobs by a balance of soonness, distance and workload (the
/// ``SlotPolicy`` weights). Ties: technician id, then start. At most one slot (the best) per
/// technician and local day, unless that gives fewer than `limit`: then more starts of the same
/// days are added, ranked after.
public enum SlotSearch {
    /// Ranked candidates, at most `query.limit`, at most one per technician-day unless few technicians qualify.
    public static func search(
        _ query: SlotQuery, in index: ScheduleIndex, holds: [BlockingHold], rules: CheckRules, policy: SlotPolicy
    ) -> [SlotCandidate] {
        guard query.limit > 0 else { return [] }
        let context = Context(query: query, index: index, holds: holds, rules: rules, policy: policy, ignoring: nil)
        var primary: [Scored] = []
        var plans: [(plan: TechnicianPlan, pieces: [Span])] = []
        let (from, to) = context.startBounds
        guard from <= to else { return [] }
        for tech in index.technicians {
            if let only = query.technicianIDs, !only.contains(tech.id) { continue }
            guard context.ineligibility(tech) == nil else { continue }
            let plan = context.plan(tech)
            let pieces = plan.allowedStarts(from: from, to: to)
            let found = context.candidates(plan, pieces: pieces, perSegment: 1)
            guard !found.isEmpty else { continue }
            plans.append((plan, pieces))
            primary.append(contentsOf: found)
        }
        primary.sort(by: Scored.ranks)
        var chosen = Array(primary.prefix(query.limit))
        if chosen.count < query.limit {
            // Few technicians qualify: offer later starts of the same days too.
            let taken = Set(chosen.map { SlotKey(technician: $0.plan.tech.id, start: $0.start) })
            var extra: [Scored] = []
            for (plan, pieces) in plans {
                extra += context.candidates(plan, pieces: pieces, perSegment: query.limit, everyStart: true).filter {
                    !taken.contains(SlotKey(technician: $0.plan.tech.id, start: $0.start))
                }
            }
            extra.sort(by: Scored.ranks)
            chosen += extra.prefix(query.limit - chosen.count)
        }
        let earliest = chosen.map(\.start).min()
        return chosen.map { context.candidate($0, earliest: earliest) }
    }

    /// Why `technicianID` cannot take `[start, end)` for this query now (nil: it can): the same
    /// rules as ``search(_:in:holds:rules:policy:)``, which the hold transaction re-checks with.
    /// The query's window, grid and limit do not apply (they shape offers, they are not rules);
    /// `ignoringBooking` leaves one booking's own hold out.
    public static func conflict(
        technicianID: String, start: Date, end: Date, query: SlotQuery, in index: ScheduleIndex, holds: [BlockingHold],
        rules: CheckRules, policy: SlotPolicy, ignoringBooking: String? = nil
    ) -> SlotConflict? {
        guard let tech = index.technician(id: technicianID) else {
            return SlotConflict(code: "unknown_technician", message: "no technician \(technicianID) in the schedule")
        }
        if start < query.now {
            return SlotConflict(code: "in_the_past", message: "\(RFC3339.string(start)) has already begun")
        }
        var adjusted = query
        adjusted.duration = .seconds(max(1, end.timeIntervalSince(start)))
        let context = Context(query: adjusted, index: index, holds: holds, rules: rules, policy: policy, ignoring: ignoringBooking)
        if let reason = context.ineligibility(tech) { return reason }
        let plan = context.plan(tech)
        let s = Span.seconds(start)
        if !plan.allowedStarts(from: s, to: s).isEmpty { return nil }
        return plan.diagnose(s)
    }
}

/// A slot found, before it is turned into a ``SlotCandidate``.
struct Scored {
    var plan: TechnicianPlan
    var start: Int64
    var score: Double
    var miles: Double?
    var jobs: Int
    var onCall: Bool

    /// Best first; ties by technician id, then start.
    static func ranks(_ a: Scored, _ b: Scored) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.plan.tech.id != b.plan.tech.id { return a.plan.tech.id < b.plan.tech.id }
        return a.start < b.start
    }
}

struct SlotKey: Hashable {
    var technician: String
    var start: Int64
}
