import FieldSyncChecks
import FieldSyncCore
import Foundation

extension SlotSearch {
    /// One query's settings, shared by every technician it looks at.
    struct Context {
        let query: SlotQuery
        let index: ScheduleIndex
        let rules: CheckRules
        let policy: SlotPolicy
        let target: Coordinate?
        let holdsByTechnician: [String: [TechnicianPlan.Hold]]
        let duration: Int64
        let now: Int64
        let limits: Span

        init(query: SlotQuery, index: ScheduleIndex, holds: [BlockingHold], rules: CheckRules, policy: SlotPolicy, ignoring: String?) {
            self.query = query
            self.index = index
            self.rules = rules
            self.policy = policy
            target = index.coordinate(of: query.location)
            var byTechnician: [String: [TechnicianPlan.Hold]] = [:]
            for h in holds where h.bookingID != ignoring {
                var place = Coordinate(h.location)
                if place == nil, let key = Coordinate.postalKey(h.location?.postalCode) { place = index.postalCentroids[key] }
                byTechnician[h.technicianID, default: []].append(
                    TechnicianPlan.Hold(span: Span(h.range), place: place, bookingID: h.bookingID))
            }
            holdsByTechnician = byTechnician
            duration = query.durationSeconds
            now = Span.seconds(query.now)
            limits = Span(index.range)
        }

        /// Why a technician is not offered at all, whenever the slot.
        func ineligibility(_ tech: TechnicianSchedule) -> SlotConflict? {
            if !tech.active {
                return SlotConflict(code: "inactive", message: "\(tech.name) is no longer active")
            }
            if !query.requiredSkills.allSatisfy(tech.skillSet.contains) {
                let missing = query.requiredSkills.filter { !tech.skillSet.contains($0) }
                return SlotConflict(
                    code: "missing_skill",
                    message: "\(tech.name) lacks \(missing.joined(separator: ", ")) for \(query.jobType)")
            }
            if let source = query.customerSource, let customer = query.customerID,
                let rule = rules.neverSend.first(where: { $0.technicianID == tech.id && $0.source == source && $0.customerID == customer })
            {
                let why = rule.reason.map { ": \($0)" } ?? ""
                return SlotConflict(code: "never_send", message: "the shop never sends \(tech.name) to this customer\(why)")
            }
            if tech.workArea == nil || target == nil, let region = query.location?.region?.trimmingCharacters(in: .whitespaces).uppercased(),
                !region.isEmpty, case let regions = tech.workRegions, !regions.isEmpty, !regions.contains(region)
            {
                return SlotConflict(
                    code: "too_far", message: "\(tech.name) works in \(regions.sorted().joined(separator: ", ")), not \(region)")
            }
            if let limit = policy.maxTravelMiles, let area = tech.workArea, let target {
                let miles = area.miles(to: target) * policy.roadFactor
                if miles > limit {
                    let from = tech.homePlace != nil ? "home base" : "usual work area"
                    return SlotConflict(
                        code: "too_far", message: "\(tech.name)'s \(from) is \(Int(miles.rounded())) road miles away (limit \(Int(limit)))")
                }
            }
            return nil
        }

        func plan(_ tech: TechnicianSchedule) -> TechnicianPlan {
            TechnicianPlan(
                tech: tech, duration: duration, target: target, emergency: query.urgency == .emergency,
                holds: holdsByTechnician[tech.id] ?? [], policy: policy, rules: rules, limits: limits)
        }

        /// The technician's offers: per free stretch and local day, the first start on the grid
        /// (and with `everyStart`, up to `perSegment` starts, one a visit apart); the best per
        /// day unless `everyStart`.
        /// The first and last start instants the query allows: inside its window, never before now.
        var startBounds: (from: Int64, to: Int64) {
            (max(Span.seconds(query.window.start), now), Int64(query.window.end.timeIntervalSince1970.rounded(.down)) - duration)
        }

        func candidates(_ plan: TechnicianPlan, pieces: [Span], perSegment: Int, everyStart: Bool = false) -> [Scored] {
            let emergency = query.urgency == .emergency
            let step = Int64(max(1, emergency ? policy.emergencyStepMinutes : policy.stepMinutes)) * 60
            let clock = plan.tech.clock
            var out: [Scored] = []
            var bestDay: Int64 = .min
            var jobsCache: (day: Int64, jobs: Int) = (.min, 0)
            for piece in pieces {
                var s = piece.lo
                while s <= piece.hi {
                    let day = clock.day(s)
                    let dayStart = clock.midnight(day)
                    let dayEnd = clock.midnight(day + 1) - 1
                    let segmentHi = min(piece.hi, dayEnd)
                    var c = clock.alignUp(s, step: step)
                    var made = 0
                    let stride = max(step, (duration + step - 1) / step * step)
                    while c <= segmentHi, made < perSegment {
                        if jobsCache.day != day { jobsCache = (day, plan.jobs(onDay: day)) }
                        let scored = score(plan, start: c, day: day, dayStart: dayStart, jobs: jobsCache.jobs)
                        if everyStart {
                            out.append(scored)
                        } else if bestDay == day, let last = out.last {
                            if Scored.ranks(scored, last) { out[out.count - 1] = scored }
                        } else {
                            out.append(scored)
                            bestDay = day
                        }
                        made += 1
                        c += stride
                    }
                    s = dayEnd + 1
                }
            }
            return out
        }

        func score(_ plan: TechnicianPlan, start s: Int64, day: Int64, dayStart: Int64, jobs: Int) -> Scored {
            let previous = plan.previousPlace(before: s, dayStart: dayStart)
            let miles = plan.roadMiles(from: previous.found ? previous.place : plan.tech.homePlace)
            let onCall = query.urgency == .emergency && !plan.isRegular(s)
            let rankMiles = miles ?? (policy.maxTravelMiles.map { $0 / 2 } ?? 15)
            let preferred = query.preferredTechnicianID == plan.tech.id ? (policy.preferredBonus[query.urgency] ?? 0) : 0
            let minutes = Double(s - now) / 60
            let score: Double
            switch query.urgency {
            case .emergency:
                score = 10_000 - minutes - rankMiles * 0.01 + preferred
            case .urgent:
                let dayOffset = Double(day - plan.tech.clock.day(now))
                score = 1_000 - 200 * dayOffset - rankMiles - 2 * Double(jobs) - minutes * 0.0001 + preferred
            case .routine:
                score = 100 - policy.routinePerDay * minutes / 1440 - policy.routinePerMile * rankMiles
                    - policy.routinePerJob * Double(jobs) + preferred
            }
            return Scored(plan: plan, start: s, score: (score * 1000).rounded() / 1000, miles: miles, jobs: jobs, onCall: onCall)
        }

        func candidate(_ s: Scored, earliest: Int64?) -> SlotCandidate {
            let tech = s.plan.tech
            var reasons = query.requiredSkills.map(SlotReasons.skill)
            if query.preferredTechnicianID == tech.id { reasons.append(SlotReasons.preferred) }
            if let miles = s.miles { reasons.append(SlotReasons.distance(miles)) }
            reasons.append(SlotReasons.workload(s.jobs))
            if s.onCall { reasons.append(SlotReasons.onCall(minuteOfDay: tech.clock.minuteOfDay(s.start))) }
            if s.start == earliest { reasons.append(SlotReasons.earliest) }
            let start = Span.date(s.start)
            return SlotCandidate(
                technicianID: tech.id, technicianName: tech.name, start: start, end: Span.date(s.start + duration),
                arrivalStart: start, arrivalEnd: Span.date(s.start + policy.arrivalSeconds(query.urgency)), score: s.score,
                reasons: reasons, distanceMiles: s.miles.map { ($0 * 10).rounded() / 10 }, jobsThatDay: s.jobs, onCall: s.onCall,
                source: tech.source)
        }
    }
}
