import FieldSyncChecks
import FieldSyncCore

/// One technician's side of one query: every rule slot search and the hold re-check apply,
/// computed as the set of instants a visit of the query's length may start at.
///
/// Both ``SlotSearch/search(_:in:holds:rules:policy:)`` and
/// ``SlotSearch/conflict(technicianID:start:end:query:in:holds:rules:policy:ignoringBooking:)``
/// ask ``allowedStarts(from:to:)``, so what one offers the other accepts. Every rule is a
/// property of the start instant alone:
/// - the visit lies inside one bookable span: a shift (or, without shifts, the source's business
///   hours, or the policy's fallback hours), or on-call time for emergencies; inside the index's
///   range and inside what the syncs read (coverage);
/// - the first visit of a bookable span leaves time to drive from home base;
/// - it overlaps no time off and no busy time;
/// - it keeps buffer plus travel clear of every appointment and hold (travel from the job's place
///   to the query's, or ``SlotPolicy/unknownTravelMinutes`` when either is unknown);
/// - its local day (the technician's zone) has fewer jobs than the technician's capacity.
struct TechnicianPlan {
    struct Hold {
        var span: Span
        var place: Coordinate?
        var bookingID: String
    }

    let tech: TechnicianSchedule
    let duration: Int64
    let target: Coordinate?
    let emergency: Bool
    let holds: [Hold]
    let policy: SlotPolicy
    let limits: Span
    let hours: CheckRules.BusinessHours?
    let capacity: Int?
    let homeLead: Int64
    let buffer: Int64
    let unknownPad: Int64

    /// The longest pad considered (a day): jobs farther than a day's drive are not looked at.
    static let maxPad: Int64 = 86_400
    /// How far around the asked instants bookable time is read.
    static let context: Int64 = 2 * 86_400

    init(
        tech: TechnicianSchedule, duration: Int64, target: Coordinate?, emergency: Bool, holds: [Hold], policy: SlotPolicy,
        rules: CheckRules, limits: Span
    ) {
        self.tech = tech
        self.duration = duration
        self.target = target
        self.emergency = emergency
        self.holds = holds.sorted { $0.span.lo < $1.span.lo }
        self.policy = policy
        self.limits = limits
        self.hours = tech.usesShifts ? nil : rules.businessHours(for: tech.source)
        self.capacity =
            rules.maxJobsPerDayByTechnician[tech.id] ?? tech.dailyCapacity ?? rules.maxJobsPerDay ?? policy.defaultDailyCapacity
        if let home = tech.homePlace, let target {
            homeLead = policy.travelSeconds(roadMiles: home.miles(to: target) * policy.roadFactor)
        } else {
            homeLead = 0
        }
        buffer = Int64(max(0, policy.bufferMinutes)) * 60
        unknownPad = Int64(max(0, policy.unknownTravelMinutes)) * 60
    }

    /// Road miles from `place` to the job, when both are known.
    func roadMiles(from place: Coordinate?) -> Double? {
        guard let place, let target else { return nil }
        return place.miles(to: target) * policy.roadFactor
    }

    /// Buffer plus travel kept clear on each side of a job at `place`.
    func pad(_ place: Coordinate?) -> Int64 {
        guard let miles = roadMiles(from: place) else { return min(Self.maxPad, buffer + unknownPad) }
        return min(Self.maxPad, buffer + policy.travelSeconds(roadMiles: miles))
    }

    // MARK: Bookable time

    /// Working time (shifts, or hours) overlapping `[a, b)`, sorted and disjoint.
    func regularSpans(_ a: Int64, _ b: Int64) -> [Span] {
        if tech.usesShifts { return Self.overlapping(tech.shiftSpans, a, b) }
        let clock: LocalClock
        let days: Set<Weekday>
        let opens: Int, closes: Int
        if let hours {
            clock = LocalClock(rules: ZoneCache.rules(hours.timeZone))
            (days, opens, closes) = (hours.days, hours.opensAt, hours.closesAt)
        } else if let fallback = policy.fallbackHours {
            clock = tech.clock
            (days, opens, closes) = (fallback.days, fallback.opensAt, fallback.closesAt)
        } else {
            return []
        }
        guard closes > opens else { return [] }
        var out: [Span] = []
        var day = clock.day(a) - 1
        let last = clock.day(b) + 1
        while day <= last {
            if days.contains(clock.weekday(day)) {
                let s = Span(lo: clock.instant(day: day, minutes: opens), hi: clock.instant(day: day, minutes: closes))
                if s.hi > a, s.lo < b, s.hi > s.lo { out.append(s) }
            }
            day += 1
        }
        return out
    }

    /// Where a visit may lie, overlapping `[a, b)`: working time, plus on-call time for
    /// emergencies, inside the index's range and the coverage.
    func bookableSpans(_ a: Int64, _ b: Int64) -> [Span] {
        var spans = regularSpans(a, b)
        if emergency {
            let onCall = Self.overlapping(tech.onCallSpans, a, b)
            if !onCall.isEmpty { spans = Span.union(spans + onCall) }
        }
        spans = Span.intersect(spans, [limits])
        if let coverage = tech.coverageSpans { spans = Span.intersect(spans, coverage) }
        return spans
    }

    static func overlapping(_ sorted: [Span], _ a: Int64, _ b: Int64) -> [Span] {
        // Merged spans: the first that ends after `a` is found by binary search on `lo` and a step back.
        var i = max(0, Span.firstIndex(in: sorted, loAtLeast: a) - 1)
        var out: [Span] = []
        while i < sorted.count, sorted[i].lo < b {
            if sorted[i].hi > a { out.append(sorted[i]) }
            i += 1
        }
        return out
    }

    // MARK: Allowed starts

    /// The instants in `[a, b]` (closed, whole seconds) at which a visit may start.
    func allowedStarts(from a: Int64, to b: Int64) -> [Span] {
        guard a <= b else { return [] }
        var allowed: [Span] = []
        // Spans are read two days wider than asked, so a stretch of shift and on-call time merges
        // the same whichever instants are asked about (the home-base drive counts from its start).
        for span in bookableSpans(a - Self.context, b + duration + Self.context) {
            var lo = span.lo + homeLead
            if homeLead > 0, let end = firstJobEnd(in: span) { lo = min(lo, end) }
            lo = max(lo, a)
            let hi = min(span.hi - duration, b)
            if lo <= hi { allowed.append(Span(lo: lo, hi: hi)) }
        }
        guard let first = allowed.first, let lastSpan = allowed.last else { return [] }
        let from = first.lo, to = lastSpan.hi + duration
        var forbidden: [Span] = []
        for list in [tech.timeOffSpans, tech.busySpans] {
            var i = Span.firstIndex(in: list, loAtLeast: from - tech.longestBlock)
            while i < list.count, list[i].lo < to {
                let x = list[i]
                if x.hi > from { forbidden.append(Span(lo: x.lo - duration + 1, hi: x.hi - 1)) }
                i += 1
            }
        }
        let visits = tech.visitSpans
        var i = Span.firstIndex(in: visits, loAtLeast: from - tech.longestVisit - Self.maxPad)
        while i < visits.count, visits[i].lo < to + Self.maxPad {
            let p = pad(tech.visitPlaces[i])
            forbidden.append(Span(lo: visits[i].lo - p - duration + 1, hi: visits[i].hi + p - 1))
            i += 1
        }
        for h in holds where h.span.lo < to + Self.maxPad && h.span.hi > from - Self.maxPad {
            let p = pad(h.place)
            forbidden.append(Span(lo: h.span.lo - p - duration + 1, hi: h.span.hi + p - 1))
        }
        if let capacity {
            let clock = tech.clock
            var day = clock.day(from)
            let last = clock.day(lastSpan.hi)
            while day <= last {
                if jobs(onDay: day) >= capacity {
                    forbidden.append(Span(lo: clock.midnight(day), hi: clock.midnight(day + 1) - 1))
                }
                day += 1
            }
        }
        return Span.subtractClosed(allowed, forbidden)
    }

    /// The end of the first appointment or hold starting inside `span`.
    func firstJobEnd(in span: Span) -> Int64? {
        var best: Int64?
        let visits = tech.visitSpans
        var i = Span.firstIndex(in: visits, loAtLeast: span.lo)
        if i < visits.count, visits[i].lo < span.hi { best = visits[i].hi }
        i = 0
        for h in holds where h.span.lo >= span.lo && h.span.lo < span.hi {
            best = min(best ?? h.span.hi, h.span.hi)
        }
        return best
    }

    /// Appointments and holds starting on local `day` (the technician's zone).
    func jobs(onDay day: Int64) -> Int {
        let clock = tech.clock
        let lo = clock.midnight(day), hi = clock.midnight(day + 1)
        let visits = tech.visitSpans
        var i = Span.firstIndex(in: visits, loAtLeast: lo)
        var n = 0
        while i < visits.count, visits[i].lo < hi {
            n += 1
            i += 1
        }
        for h in holds where h.span.lo >= lo && h.span.lo < hi { n += 1 }
        return n
    }

    /// The place of the last appointment or hold ending by `s` on the same local day (whether
    /// one exists, and where), so distance is measured from where the technician comes from.
    func previousPlace(before s: Int64, dayStart: Int64) -> (found: Bool, place: Coordinate?) {
        var bestEnd: Int64 = .min
        var place: Coordinate?
        let visits = tech.visitSpans
        var i = Span.firstIndex(in: visits, loAtLeast: s) - 1
        var looked = 0
        while i >= 0, looked < 8 {
            let v = visits[i]
            if v.hi <= s, v.lo >= dayStart, v.hi > bestEnd {
                bestEnd = v.hi
                place = tech.visitPlaces[i]
            }
            if v.lo < dayStart { break }
            i -= 1
            looked += 1
        }
        for h in holds where h.span.hi <= s && h.span.lo >= dayStart && h.span.hi > bestEnd {
            bestEnd = h.span.hi
            place = h.place
        }
        return (bestEnd != .min, place)
    }

    /// Whether a visit starting at `s` lies in regular working time (else it uses on-call time).
    func isRegular(_ s: Int64) -> Bool {
        Self.contains(regularSpans(s, s + duration), s, s + duration)
    }

    static func contains(_ spans: [Span], _ lo: Int64, _ hi: Int64) -> Bool {
        spans.contains { $0.lo <= lo && hi <= $0.hi }
    }
}
