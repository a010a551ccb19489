import FieldSyncCore
import Foundation

/// Everything the checks read, loaded from the cache in one read transaction: technicians, their
/// appointments and windows, jobs, and quarantined records. Records point at each other by array
/// position (`Int32`), so the checks run over flat arrays without lookups by string.
public struct ScheduleSnapshot: Sendable {
    /// A configured source.
    public struct Source: Sendable, Hashable {
        public var name: String
        public var backend: String
        /// The zone the source's shop works in, when configured.
        public var timeZone: String?
        public init(name: String, backend: String, timeZone: String? = nil) {
            self.name = name
            self.backend = backend
            self.timeZone = timeZone
        }
    }

    public struct Technician: Sendable, Hashable {
        /// The local id (`maria-lopez`).
        public var id: String
        public var name: String
        public var source: Int32
        public var externalID: String
        public var skills: [String]
        /// Where the technician works, for business hours and per-day limits.
        public var timeZone: String?
        public var active: Bool
        public init(
            id: String, name: String, source: Int32, externalID: String, skills: [String], timeZone: String?, active: Bool = true
        ) {
            self.id = id
            self.name = name
            self.source = source
            self.externalID = externalID
            self.skills = skills
            self.timeZone = timeZone
            self.active = active
        }
    }

    /// Where an appointment is in its life.
    public enum Progress: UInt8, Sendable, Hashable {
        /// Scheduled or under way: it still takes the technician's time.
        case open
        /// Finished: it took the technician's time, but nothing can be done about it now.
        case done
        /// Cancelled: it takes nobody's time.
        case cancelled
    }

    public struct Appointment: Sendable, Hashable {
        public var source: Int32
        public var externalID: String
        /// Position in ``ScheduleSnapshot/jobs``, or -1 when the job is not cached.
        public var job: Int32
        public var start: Date
        public var end: Date
        public var progress: Progress
        public init(source: Int32, externalID: String, job: Int32, start: Date, end: Date, progress: Progress) {
            self.source = source
            self.externalID = externalID
            self.job = job
            self.start = start
            self.end = end
            self.progress = progress
        }
    }

    /// One technician on one appointment.
    public struct Booking: Sendable, Hashable {
        public var appointment: Int32
        public var technician: Int32
        public init(appointment: Int32, technician: Int32) {
            self.appointment = appointment
            self.technician = technician
        }
    }

    public struct Window: Sendable, Hashable {
        public var technician: Int32
        public var source: Int32
        public var externalID: String
        public var kind: AvailabilityKind
        public var start: Date
        public var end: Date
        /// The window's title (a calendar event's summary), when it has one.
        public var title: String?
        public init(
            technician: Int32, source: Int32, externalID: String, kind: AvailabilityKind, start: Date, end: Date,
            title: String? = nil
        ) {
            self.technician = technician
            self.source = source
            self.externalID = externalID
            self.kind = kind
            self.start = start
            self.end = end
            self.title = title
        }
    }

    public struct Job: Sendable, Hashable {
        public var source: Int32
        public var externalID: String
        /// The number the shop uses, when the backend has one.
        public var number: String?
        public var customerExternalID: String?
        public var locationExternalID: String?
        /// fieldsync's job type (`hvac.no_heat`).
        public var jobType: String?
        /// The job type as the backend names it (`No Heat`).
        public var vendorJobType: String?
        public var requiredSkills: [String]
        /// Not completed and not cancelled.
        public var isOpen: Bool
        public var hasAddress: Bool
        public var hasPhone: Bool
        public init(
            source: Int32, externalID: String, number: String? = nil, customerExternalID: String? = nil,
            locationExternalID: String? = nil, jobType: String? = nil, vendorJobType: String? = nil,
            requiredSkills: [String] = [], isOpen: Bool = true, hasAddress: Bool = true, hasPhone: Bool = true
        ) {
            self.source = source
            self.externalID = externalID
            self.number = number
            self.customerExternalID = customerExternalID
            self.locationExternalID = locationExternalID
            self.jobType = jobType
            self.vendorJobType = vendorJobType
            self.requiredSkills = requiredSkills
            self.isOpen = isOpen
            self.hasAddress = hasAddress
            self.hasPhone = hasPhone
        }
    }

    /// A record quarantined by a sync and still unresolved.
    public struct Reject: Sendable, Hashable {
        public var source: Int32
        public var recordKind: String
        public var externalID: String?
        public var reason: String
        public var location: String?
        public var problem: RejectProblem?
        public init(
            source: Int32, recordKind: String, externalID: String?, reason: String, location: String? = nil,
            problem: RejectProblem? = nil
        ) {
            self.source = source
            self.recordKind = recordKind
            self.externalID = externalID
            self.reason = reason
            self.location = location
            self.problem = problem
        }
    }

    /// A span of one technician's schedule that a source read completely.
    public struct Coverage: Sendable, Hashable {
        public var technician: Int32
        public var source: Int32
        public var start: Date
        public var end: Date
        public init(technician: Int32, source: Int32, start: Date, end: Date) {
            self.technician = technician
            self.source = source
            self.start = start
            self.end = end
        }
    }

    public var sources: [Source] = []
    public var technicians: [Technician] = []
    public var appointments: [Appointment] = []
    /// Sorted by technician, then by the appointment's start.
    public var bookings: [Booking] = []
    /// Sorted by technician, then by start.
    public var windows: [Window] = []
    public var jobs: [Job] = []
    public var rejects: [Reject] = []
    public var coverage: [Coverage] = []
    /// When the data was read.
    public var asOf: Date

    public init(asOf: Date) {
        self.asOf = asOf
    }

    /// Sorts ``bookings`` and ``windows`` into the order the checks expect. Loaders that already
    /// read them in that order need not call it.
    public mutating func sortForChecks() {
        sortBookings()
        windows.sort { $0.technician != $1.technician ? $0.technician < $1.technician : $0.start < $1.start }
    }

    /// Bookings by technician, then start (then appointment, for equal starts). They are counted
    /// out by technician in one pass and each technician's few are sorted by start, reading each
    /// appointment's start once: a comparison sort over all of them read a random appointment
    /// at every comparison.
    private mutating func sortBookings() {
        guard bookings.count > 1 else { return }
        struct Keyed {
            var start: Double
            var appointment: Int32
            var technician: Int32
        }
        let appointments = self.appointments
        guard let low = bookings.lazy.map(\.technician).min(), low >= 0, let high = bookings.lazy.map(\.technician).max() else {
            bookings.sort {
                $0.technician != $1.technician
                    ? $0.technician < $1.technician
                    : (appointments[Int($0.appointment)].start, $0.appointment) < (appointments[Int($1.appointment)].start, $1.appointment)
            }
            return
        }
        var next = [Int](repeating: 0, count: Int(high) + 2)
        for b in bookings { next[Int(b.technician) + 1] += 1 }
        for t in 1..<next.count { next[t] += next[t - 1] }
        let bounds = next
        var keyed = [Keyed](repeating: Keyed(start: 0, appointment: 0, technician: 0), count: bookings.count)
        for b in bookings {
            let i = next[Int(b.technician)]
            keyed[i] = Keyed(
                start: appointments[Int(b.appointment)].start.timeIntervalSinceReferenceDate, appointment: b.appointment,
                technician: b.technician)
            next[Int(b.technician)] = i + 1
        }
        for t in 0..<(bounds.count - 1) where bounds[t + 1] - bounds[t] > 1 {
            keyed[bounds[t]..<bounds[t + 1]].sort { ($0.start, $0.appointment) < ($1.start, $1.appointment) }
        }
        bookings = keyed.map { Booking(appointment: $0.appointment, technician: $0.technician) }
    }

    /// The index of a source by name, adding it when new.
    public mutating func sourceIndex(name: String, backend: String, timeZone: String? = nil) -> Int32 {
        if let i = sources.firstIndex(where: { $0.name == name }) { return Int32(i) }
        sources.append(Source(name: name, backend: backend, timeZone: timeZone))
        return Int32(sources.count - 1)
    }
}
