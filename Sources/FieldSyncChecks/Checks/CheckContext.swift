import FieldSyncCore
import Foundation

/// What every check reads: the snapshot, the shop's rules and mappings, and the helpers that turn
/// records into the words and references a finding carries.
public struct CheckContext: Sendable {
    public let snapshot: ScheduleSnapshot
    public let rules: CheckRules
    /// Each field-service source's mapping, by source name, to tell unknown job types.
    public let mappings: [String: BackendMapping]
    /// The zone to describe times in when a technician has none.
    public let defaultTimeZone: TimeZone

    /// For each technician, the range of its bookings in ``ScheduleSnapshot/bookings``.
    let bookingRanges: [Range<Int>]
    /// For each technician, the range of its windows in ``ScheduleSnapshot/windows``.
    let windowRanges: [Range<Int>]
    /// For each appointment, whether any technician is on it.
    let assigned: [Bool]
    /// Every zone the technicians and sources name, and the default, with their short names and
    /// offsets from two years before ``ScheduleSnapshot/asOf`` to three years after, looked up once.
    let zones: [String: ZoneClock]

    public init(
        snapshot: ScheduleSnapshot, rules: CheckRules = CheckRules(), mappings: [String: BackendMapping] = [:],
        defaultTimeZone: TimeZone = .gmt
    ) {
        self.snapshot = snapshot
        self.rules = rules
        self.mappings = mappings
        self.defaultTimeZone = defaultTimeZone
        let count = snapshot.technicians.count
        self.bookingRanges = Self.ranges(count: count, snapshot.bookings.lazy.map(\.technician))
        self.windowRanges = Self.ranges(count: count, snapshot.windows.lazy.map(\.technician))
        var assigned = [Bool](repeating: false, count: snapshot.appointments.count)
        for b in snapshot.bookings { assigned[Int(b.appointment)] = true }
        self.assigned = assigned
        let year = 366.0 * 86_400
        let asOf = snapshot.asOf.timeIntervalSinceReferenceDate.isFinite ? snapshot.asOf : Date()
        let span = asOf.addingTimeInterval(-2 * year)..<asOf.addingTimeInterval(3 * year)
        var zones: [String: ZoneClock] = [defaultTimeZone.identifier: ZoneClock(defaultTimeZone, covering: span)]
        for identifier in Set(snapshot.technicians.compactMap(\.timeZone) + snapshot.sources.compactMap(\.timeZone))
        where zones[identifier] == nil {
            if let zone = TimeZone(identifier: identifier) { zones[identifier] = ZoneClock(zone, covering: span) }
        }
        self.zones = zones
    }

    /// Ranges of a list sorted by technician.
    private static func ranges(count: Int, _ keys: some Collection<Int32>) -> [Range<Int>] {
        var result = [Range<Int>](repeating: 0..<0, count: count)
        var start = 0
        var i = 0
        var current: Int32 = -1
        for key in keys {
            if key != current {
                if current >= 0, Int(current) < count { result[Int(current)] = start..<i }
                current = key
                start = i
            }
            i += 1
        }
        if current >= 0, Int(current) < count { result[Int(current)] = start..<i }
        return result
    }

    // MARK: Severity

    /// The severity for a kind: the shop's override, or the built-in one.
    func severity(_ kind: FindingKind, _ builtIn: Severity) -> Severity {
        rules.severities[kind] ?? builtIn
    }

    // MARK: References

    func source(_ index: Int32) -> ScheduleSnapshot.Source { snapshot.sources[Int(index)] }

    func ref(appointment i: Int32) -> RecordRef {
        let a = snapshot.appointments[Int(i)]
        let s = source(a.source)
        return RecordRef(backend: s.backend, sourceName: s.name, type: "appointment", id: a.externalID)
    }

    func ref(job i: Int32) -> RecordRef? {
        guard i >= 0 else { return nil }
        let j = snapshot.jobs[Int(i)]
        let s = source(j.source)
        return RecordRef(backend: s.backend, sourceName: s.name, type: "job", id: j.externalID)
    }

    func ref(technician i: Int32) -> RecordRef {
        let t = snapshot.technicians[Int(i)]
        let s = source(t.source)
        return RecordRef(backend: s.backend, sourceName: s.name, type: "technician", id: t.externalID)
    }

    func ref(window w: ScheduleSnapshot.Window) -> RecordRef {
        let s = source(w.source)
        let type: String
        switch w.kind {
        case .shift, .onCall: type = "shift"
        case .timeOff: type = "time_off"
        case .busy, .appointment: type = "event"
        case .nonJobAppointment: type = "non_job_appointment"
        }
        return RecordRef(backend: s.backend, sourceName: s.name, type: type, id: w.externalID)
    }

    /// The appointment and its job, for a finding's records.
    func refs(appointment i: Int32) -> [RecordRef] {
        let a = snapshot.appointments[Int(i)]
        return [ref(appointment: i)] + (ref(job: a.job).map { [$0] } ?? [])
    }

    // MARK: Words

    func name(technician i: Int32) -> String { snapshot.technicians[Int(i)].name }

    func timeZone(technician i: Int32) -> TimeZone {
        snapshot.technicians[Int(i)].timeZone.flatMap(zone(named:)) ?? defaultTimeZone
    }

    private func zone(named identifier: String) -> TimeZone? {
        zones[identifier]?.zone ?? TimeZone(identifier: identifier)
    }

    /// The zone a source's shop works in, or the default one.
    func defaultTimeZone(forSource i: Int32) -> TimeZone {
        source(i).timeZone.flatMap(zone(named:)) ?? defaultTimeZone
    }

    /// `appointment 800299 (job 700286, No Heat)`.
    func label(appointment i: Int32) -> String {
        let a = snapshot.appointments[Int(i)]
        guard a.job >= 0 else { return "appointment \(a.externalID)" }
        return "appointment \(a.externalID) (\(label(job: a.job)))"
    }

    /// `job 700286, No Heat`.
    func label(job i: Int32) -> String {
        let j = snapshot.jobs[Int(i)]
        var text = "job \(j.number ?? j.externalID)"
        if let type = j.vendorJobType ?? j.jobType { text += ", \(type)" }
        return text
    }

    /// `Tue Nov 24 08:30–10:30 CST` in the technician's zone (or the default one).
    func when(_ start: Date, _ end: Date, in zone: TimeZone) -> String {
        TimeText.span(start, end, in: zone, clock: zones[zone.identifier])
    }
}
