import FieldSyncCore
import Foundation

/// Reads technicians' iCalendar feeds (files or http(s) URLs) into busy, time-off and shift
/// windows.
///
/// Each feed is fetched (conditionally, for URLs), parsed, and expanded over the requested
/// horizon in its events' own zones. Per feed:
/// - a component that cannot be read goes to ``PullBatch/rejects`` with its raw text, and its
///   UID's cached windows are kept rather than taken as deleted;
/// - a feed that cannot be fetched, or that ends mid-component (a truncated download), is a
///   ``PullBatch/failures`` entry and covers nothing, so nothing of it is removed from the cache;
/// - a feed read completely covers its technician's horizon: cached windows of that feed the
///   new read lacks are gone at the source.
public struct ICalendarAdapter: SourceAdapter {
    public let backend = "icalendar"
    public let sourceName: String
    public let feeds: [ICalendarFeed]
    public let mapping: ICalendarMapping
    private let transport: any HTTPTransport
    private let catalog: ZoneCatalog
    private let fetcher: FeedFetcher
    /// Feeds read at once.
    private let concurrency: Int

    public init(
        sourceName: String, feeds: [ICalendarFeed], mapping: ICalendarMapping = ICalendarMapping(),
        transport: any HTTPTransport, catalog: ZoneCatalog = ZoneCatalog(), concurrency: Int = 4,
        retryWait: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.sourceName = sourceName
        self.feeds = feeds
        self.mapping = mapping
        self.transport = transport
        self.catalog = catalog
        self.concurrency = max(1, concurrency)
        var fetcher = FeedFetcher(transport: transport)
        fetcher.sleep = retryWait
        self.fetcher = fetcher
    }

    public func pull(_ request: PullRequest) async throws -> PullBatch {
        var batch = PullBatch()
        var technicians: [String: Technician] = [:]
        for feed in feeds where technicians[feed.technician.id] == nil {
            let spec = feed.technician
            technicians[spec.id] = Technician(
                id: spec.id, name: spec.name, phone: spec.phone, email: spec.email, skills: spec.skills,
                timeZone: spec.timeZone,
                source: SourceRef(backend: backend, source: sourceName, externalID: spec.id))
        }
        batch.technicians = feeds.map(\.technician.id).reduce(into: [String]()) { ids, id in
            if !ids.contains(id) { ids.append(id) }
        }.compactMap { technicians[$0] }

        let results = await withTaskGroup(of: (Int, FeedResult).self) { group in
            var results: [(Int, FeedResult)] = []
            var next = 0
            func start(_ index: Int) {
                let feed = feeds[index]
                let cursor = request.cursors[FeedCursor.key(feed: feed.name)]
                group.addTask { (index, await self.read(feed, cursor: cursor, horizon: request.horizon)) }
            }
            while next < min(concurrency, feeds.count) {
                start(next)
                next += 1
            }
            for await result in group {
                results.append(result)
                if next < feeds.count {
                    start(next)
                    next += 1
                }
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        for result in results {
            batch.availability += result.windows
            batch.rejects += result.rejects
            batch.coverage += result.coverage
            batch.cursors += result.cursors
            batch.failures += result.failures
            batch.notes += result.notes
        }
        return batch
    }

    /// What one feed contributed.
    struct FeedResult: Sendable {
        var windows: [AvailabilityWindow] = []
        var rejects: [RejectedRecord] = []
        var coverage: [AvailabilityCoverage] = []
        var cursors: [SourceCursor] = []
        var failures: [SourceFailure] = []
        var notes: [String] = []
    }

    func read(_ feed: ICalendarFeed, cursor: SourceCursor?, horizon: TimeRange) async -> FeedResult {
        var result = FeedResult()
        let bytes: [UInt8]
        switch feed.location {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                let exists = FileManager.default.fileExists(atPath: path)
                result.failures.append(
                    SourceFailure(
                        part: feed.name, message: "\(path): \(exists ? "cannot be read (permissions?)" : "no such file")",
                        isTransient: false))
                return result
            }
            bytes = Array(data)
        case .url(let url, let headers):
            switch await fetcher.fetch(feed: feed.name, url: url, headers: headers, previous: cursor) {
            case .fetched(let body, let newCursor):
                bytes = body
                result.cursors.append(newCursor.sourceCursor(feed: feed.name, body: body))
            case .notModified(let body, let newCursor):
                bytes = body
                result.cursors.append(newCursor.sourceCursor(feed: feed.name, body: body))
                result.notes.append("\(feed.name): not modified since the last sync")
            case .failed(let failure):
                result.failures.append(failure)
                return result
            }
        }
        return interpret(bytes, feed: feed, horizon: horizon, into: result)
    }

    /// Parses, reads and expands one feed's bytes into windows, rejects and coverage.
    func interpret(_ bytes: [UInt8], feed: ICalendarFeed, horizon: TimeRange, into partial: FeedResult) -> FeedResult {
        var result = partial
        let document = ICalParser().parse(bytes)
        guard !document.components.isEmpty else {
            let reason = document.problems.first?.description ?? "no iCalendar content"
            result.failures.append(
                SourceFailure(part: feed.name, message: "\(feed.displayLocation) is not iCalendar: \(reason)", isTransient: false))
            return result
        }
        let zoneName = feed.timeZone ?? feed.technician.timeZone
        var defaultZone: (any ZoneRules)?
        if let zoneName {
            defaultZone = catalog.iana(zoneName)
            if defaultZone == nil {
                result.notes.append("\(feed.name): time zone \(zoneName) is not known; floating times are read as UTC")
            }
        }
        let calendar = ICalendarReader(catalog: catalog, defaultTimeZone: defaultZone).read(document)
        let raw = RawLines(bytes)
        let prefix = "\(feed.name)/"

        var retained = Set<String>()
        for q in calendar.quarantined {
            result.rejects.append(
                RejectedRecord(
                    backend: backend, source: sourceName, recordKind: q.component.lowercased(), externalID: q.uid,
                    reason: q.reason, location: "\(feed.name) line \(q.line)",
                    rawPayload: raw.text(from: q.line, through: q.endLine)))
            if let uid = q.uid { retained.insert(prefix + uid) ; retained.insert(prefix + uid + "/") }
        }
        let problems = calendar.problems.filter { $0.severity == .error }
        for problem in problems.prefix(20) {
            result.notes.append("\(feed.name) \(problem)")
        }
        if problems.count > 20 { result.notes.append("\(feed.name): \(problems.count - 20) more problems not shown") }

        var categories: [String: [String]] = [:]
        for event in calendar.events where !event.categories.isEmpty {
            categories[event.uid, default: []] += event.categories
        }
        let from = Int64(horizon.start.timeIntervalSince1970.rounded(.down))
        let to = Int64(horizon.end.timeIntervalSince1970.rounded(.up))
        let occurrences = OccurrenceExpander(floatingZone: calendar.floatingZone).occurrences(in: calendar, from: from, to: to)
        for o in occurrences where o.status != "CANCELLED" {
            let kind = o.kind == .freeBusy ? AvailabilityKind.busy : mapping.kind(summary: o.summary, categories: categories[o.uid ?? ""] ?? [])
            // Shifts are usually marked free (transparent) so they do not block the calendar;
            // they still say when the technician works. Anything else counts only when busy.
            guard kind == .shift || o.isBusy else { continue }
            result.windows.append(
                AvailabilityWindow(
                    technicianID: feed.technician.id, range: o.range, kind: kind,
                    sourceTimeZone: o.ianaTimeZone ?? o.tzid, allDay: o.isAllDay, title: o.summary,
                    status: o.kind == .freeBusy ? o.status?.lowercased() : (o.status?.lowercased() ?? "confirmed"),
                    source: SourceRef(
                        backend: backend, source: sourceName, externalID: prefix + o.instanceID,
                        remoteVersion: o.remoteVersion)))
        }
        if calendar.isComplete {
            result.coverage.append(
                AvailabilityCoverage(
                    technicianID: feed.technician.id, range: horizon, externalIDPrefix: prefix,
                    retainedExternalIDPrefixes: retained))
        } else {
            result.failures.append(
                SourceFailure(
                    part: feed.name,
                    message: "\(feed.displayLocation) ends before its last component is closed (a truncated download?); what it holds was used, nothing of it was removed",
                    isTransient: true))
        }
        return result
    }
}
