import FieldSyncBooking
import FieldSyncChecks
import FieldSyncCore
import FieldSyncStore
import Foundation
import Logging

/// The booking engine: slot search from the cache, holds taken in one write transaction, and the
/// write-through to the backend through the outbox, exactly once in effect.
///
/// One instance serves a process (`fieldsync serve`, or one `fieldsync book`). Several processes
/// may share a cache: holds are serialized by SQLite's write lock and write attempts by claims.
public final class BookingService: Sendable {
    public let config: FieldSyncConfig
    public let store: CacheStore
    let writers: [String: any BookingWriter]
    let rules: CheckRules
    let policy: SlotPolicy
    let catalog: JobTypeCatalog
    let logger: Logger
    let now: @Sendable () -> Date
    let crash: CrashPoints
    /// Who claims write attempts: this process.
    let owner: String
    let indexCache: ScheduleIndexCache
    let inFlight = InFlightBookings()

    /// - Parameters:
    ///   - writers: by source name; built with ``BookingWriterFactory`` from the configuration.
    ///   - now: the clock (tests pin it).
    public init(
        config: FieldSyncConfig, store: CacheStore, writers: [String: any BookingWriter], logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment, now: @escaping @Sendable () -> Date = { Date() }
    ) throws(ConfigError) {
        self.config = config
        self.store = store
        self.writers = writers
        self.logger = logger
        self.now = now
        self.crash = CrashPoints(environment: environment)
        self.rules = try CheckService(config: config, store: store, logger: logger).rules()
        self.catalog = JobTypeCatalog(config: config)
        var policy = SlotPolicy()
        if let buffer = config.booking.bufferMinutes { policy.bufferMinutes = buffer }
        if let speed = config.booking.averageSpeedMph { policy.averageSpeedMph = speed }
        if let step = config.booking.stepMinutes { policy.stepMinutes = step }
        self.policy = policy
        self.owner = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
        self.indexCache = ScheduleIndexCache(store: store)
    }

    /// Builds the service with the writers the configuration describes.
    public convenience init(
        config: FieldSyncConfig, store: CacheStore, transport: any HTTPTransport, logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment, now: @escaping @Sendable () -> Date = { Date() }
    ) throws(ConfigError) {
        var writers: [String: any BookingWriter] = [:]
        for source in config.sources {
            if let writer = BookingWriterFactory.writer(for: source, transport: transport) { writers[source.name] = writer }
        }
        try self.init(config: config, store: store, writers: writers, logger: logger, environment: environment, now: now)
    }

    /// The writer for a source (nil for a calendar source).
    public func writer(for source: String) -> (any BookingWriter)? { writers[source] }

    /// Whether writes to this source are only recorded.
    func isShadow(_ source: String) -> Bool {
        config.booking.shadowAll || config.sources.first { $0.name == source }?.booking.shadow == true
    }

    /// The span the in-memory schedule covers: the sync horizon.
    func horizon(_ now: Date) -> TimeRange {
        TimeRange(
            start: now.addingTimeInterval(-86_400),
            end: now.addingTimeInterval(Double(config.horizon.futureDays + 1) * 86_400))
    }

    // MARK: Slot search

    /// Ranked slots for a job.
    public func searchSlots(_ request: SlotSearchRequest) async throws(BookingFailure) -> SlotSearchAnswer {
        let now = now()
        let (query, entry) = try slotQuery(request, now: now)
        let index: ScheduleIndex
        do {
            index = try await indexCache.index(covering: query.window, horizon: horizon(now), now: now)
        } catch {
            throw BookingFailure("cache_unavailable", "cannot read the cache: \(error.message)", status: 503)
        }
        let store = store
        let window = query.window
        let read = await BlockingWork.run { () -> Result<[BlockingHold], CacheError> in
            Result { () throws(CacheError) -> [BlockingHold] in try store.blockingHolds(in: window, now: now) }
        }
        let holds: [BlockingHold]
        switch read {
        case .success(let value): holds = value
        case .failure(let error): throw BookingFailure("cache_unavailable", "cannot read the cache: \(error.message)", status: 503)
        }
        var scoped = query
        scoped.technicianIDs = Set(index.technicians.filter { entry.vendorNames[$0.source] != nil }.map(\.id))
        let candidates = SlotSearch.search(scoped, in: index, holds: holds, rules: rules, policy: policy)
        return SlotSearchAnswer(
            slots: candidates.map(SlotSearchAnswer.Slot.init), asOf: index.asOf,
            jobType: .init(name: entry.name, code: entry.code, durationMinutes: entry.durationMinutes, skills: entry.skills),
            urgency: query.urgency.rawValue, from: query.window.start, to: query.window.end)
    }

    func slotQuery(_ request: SlotSearchRequest, now: Date) throws(BookingFailure) -> (SlotQuery, JobTypeCatalog.Entry) {
        guard let entry = catalog.resolve(request.jobType) else { throw unknownJobType(request.jobType) }
        let urgency = request.urgency ?? entry.urgency ?? .routine
        let from = max(request.from ?? now, now)
        let to = request.to ?? from.addingTimeInterval(urgency == .emergency ? 86_400 : 7 * 86_400)
        guard to > from else {
            throw .invalid("\"to\" (\(RFC3339.string(to))) must be after \"from\" and after now (\(RFC3339.string(from)))")
        }
        guard to.timeIntervalSince(from) <= 62 * 86_400 else { throw .invalid("search at most 62 days at a time") }
        let limit = request.limit ?? 10
        guard (1...50).contains(limit) else { throw .invalid("\"limit\" must be from 1 to 50") }
        var query = SlotQuery(
            jobType: entry.code, requiredSkills: entry.skills, duration: .seconds(entry.durationMinutes * 60),
            location: request.address?.location, urgency: urgency, window: TimeRange(start: from, end: to),
            preferredTechnicianID: request.technicianID, technicianIDs: nil, limit: limit, now: now)
        if let phone = request.customerPhone, let customer = try? store.customers(phone: phone).first {
            query.customerSource = customer.source
            query.customerID = customer.externalID
        }
        return (query, entry)
    }

    func unknownJobType(_ name: String) -> BookingFailure {
        BookingFailure(
            "unknown_job_type",
            "no source's mapping lists the job type \"\(name)\"; known: \(catalog.knownNames.joined(separator: ", "))",
            status: 422)
    }

    // MARK: Reading bookings

    /// What `GET /health` says: whether the cache answers, how many bookings are owed a write and
    /// for how long the oldest has been (a monitor pages someone when that grows), and the age
    /// of the data. Counts only: no booking, technician or customer.
    public func health() -> HealthReport {
        let now = now()
        guard let owed = try? store.owedWrites() else {
            return HealthReport(status: "cache_unavailable", owedWrites: nil, oldestOwedSeconds: nil, dataAsOf: nil)
        }
        let asOf = (try? store.lastSuccessfulSyncs())?.values.min()
        let reconciled = (try? store.reconcileRuns(since: .distantPast, limit: 20))?.first { $0.state != .running }
        return HealthReport(
            status: "ok", owedWrites: owed.count, oldestOwedSeconds: owed.oldest.map { Int(now.timeIntervalSince($0)) },
            dataAsOf: asOf,
            lastReconciliation: reconciled.map {
                HealthReport.Reconciliation(
                    runID: $0.id, outcome: $0.state.rawValue, finishedAt: $0.finishedAt, differences: $0.differences)
            })
    }

    /// The most recent bookings, newest first.
    public func recentBookings(states: [BookingState], limit: Int) throws(BookingFailure) -> [BookingView] {
        do {
            return try store.bookings(states: states, limit: limit).map { BookingView($0) }
        } catch {
            throw BookingFailure("cache_unavailable", "cannot read the cache: \(error.message)", status: 503)
        }
    }

    /// A booking with its trail.
    public func booking(id: String) throws(BookingFailure) -> BookingView {
        do {
            guard let record = try store.booking(id: id) else {
                throw BookingFailure("not_found", "no booking \(id)", status: 404)
            }
            return BookingView(record, events: try store.bookingEvents(id: id))
        } catch let failure as BookingFailure {
            throw failure
        } catch {
            throw BookingFailure("cache_unavailable", "cannot read the cache: \(error)", status: 503)
        }
    }
}

/// Bookings this process is writing now, so the API handler and the outbox worker never work on
/// the same one at once.
actor InFlightBookings {
    private var ids: Set<String> = []

    func begin(_ id: String) -> Bool { ids.insert(id).inserted }

    func end(_ id: String) { ids.remove(id) }
}
