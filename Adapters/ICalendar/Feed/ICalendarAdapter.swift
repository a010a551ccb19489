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
///   new read lacks are gone at the source;
/// - the configured feeds and technicians are the source's whole ``SourceInventory``: windows of
///   a feed or technician removed from the configuration are removed too.
/// - Only a feed body that was read completely is remembered for conditional requests.
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

    /// Feeds are read whole, so the batch is one page: its coverage and inventory only mean
    /// something together.
    public func pull(_ request: PullRequest, into sink: any PullSink) async throws {
        try await sink.commit(pull(request))
    }

    /// Reads every feed and returns everything in one batch.
    public func pull(_ request: PullRequest) async throws -> PullBatch {
        var batch = PullBatch()
        var technicians: [String: Technician] = [:]
        for feed in feeds where technicians[feed.technician.id] == nil && !feed.technician.isReference {
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
        batch.inventory = SourceInventory(
            technicianIDs: Set(feeds.map(\.technician.id)), externalIDPrefixes: Set(feeds.map { "\($0.name)/" }),
            referencedTechnicianIDs: Set(feeds.filter(\.technician.isReference).map(\.technician.id)))
        for (index, result) in results.enumerated() {
            if result.failures.isEmpty { batch.completeParts.insert(feeds[index].name) }
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
            let newCursor: FeedCursor
            switch await fetcher.fetch(feed: feed.name, url: url, headers: headers, previous: cursor) {
            case .fetched(let body, let fetched):
                bytes = body
                newCursor = fetched
            case .notModified(let body, let fetched):
                bytes = body
                newCursor = fetched
                result.notes.append("\(feed.name): not modified since the last sync")
            case .failed(let failure):
                result.failures.append(failure)
                return result
            }
            result = interpret(bytes, feed: feed, horizon: horizon, into: result)
            // Only a body that was read completely is remembered: a truncated download must not
            // come back as "not modified" on every later run.
            if result.failures.isEmpty {
                result.cursors.append(newCursor.sourceCursor(feed: feed.name, body: bytes))
            }
            return result
        }
        return interpret(bytes, feed: feed, horizon: horizon, into: result)
    }

    /// Parses, reads and expands one feed's bytes into windows, rejects and coverage.
    func interpret(_ bytes: [UInt8], feed: ICalendarFeed, horizon: TimeRange, into partial: FeedResult) -> FeedResult {
        var result = partial
        let document = ICalParser().parse(bytes)
        guard !document.components.isEmpty else {
            // The reason is not quoted: the file's text may hold customer details.
            result.failures.append(
                SourceFailure(
                    part: feed.name,
                    message: "\(feed.displayLocation) is not iCalendar (no BEGIN:VCALENDAR or other component could be read)",
                    isTransient: false))
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
                    reason: q.reason, location: "\(feed.name) line \(q.line)", part: feed.name,
                    rawPayload: raw.text(from: q.line, through: q.endLine)))
            if let uid = q.uid { retained.insert(prefix + uid) ; retained.insert(prefix + uid + "/") }
        }
        // Notes end up in sync reports and sync_runs: they name the line and property, never the
        // text (which may hold customer details); `fieldsync ical check` shows the rest.
        let problems = calendar.problems.filter { $0.severity == .error }
        for problem in problems.prefix(20) {
            let line = problem.line.map { " line \($0)" } ?? ""
            let what = problem.property ?? "a line"
            result.notes.append("\(feed.name)\(line): \(what) could not be used (fieldsync ical check shows why)")
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
            // Shifts are usually marked free (transparent) so they do not block the calendar,
            // and Google marks all-day events free by default: shifts and time off count
            // whatever TRANSP says. Anything else counts only when busy.
            guard kind == .shift || kind == .timeOff || o.isBusy else { continue }
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
