import FieldSyncCore
import FieldSyncStore
import Foundation

/// Answers "when is this technician busy, and when free?" from the cache alone.
public struct AvailabilityService: Sendable {
    public let store: CacheStore

    public init(store: CacheStore) {
        self.store = store
    }

    /// Why a technician could not be picked.
    public enum LookupError: Error, Sendable, CustomStringConvertible {
        case notFound(query: String, known: [String])
        case ambiguous(query: String, candidates: [String])

        public var description: String {
            switch self {
            case .notFound(let query, let known):
                let list = known.isEmpty ? "the cache has no technicians yet: run fieldsync sync first" : "known: \(known.joined(separator: ", "))"
                return "no technician matches \"\(query)\" (\(list))"
            case .ambiguous(let query, let candidates):
                return "\"\(query)\" matches several technicians: \(candidates.joined(separator: ", ")); use the id"
            }
        }
    }

    /// The one technician `query` names (id, external id, or name), or a ``LookupError``.
    public func technician(_ query: String) throws -> CachedTechnician {
        let matches = try store.technicians(matching: query)
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw LookupError.notFound(query: query, known: try store.allTechnicians().prefix(20).map { "\($0.technician.name) (\($0.technician.id))" })
        }
        throw LookupError.ambiguous(query: query, candidates: matches.map { "\($0.technician.name) (\($0.technician.id))" })
    }

    public func report(technician query: String, range: TimeRange) throws -> AvailabilityReport {
        let cached = try technician(query)
        let t = cached.technician
        let zone = t.timeZone.flatMap { IANAZoneRules(identifier: $0) }
        func show(_ date: Date) -> String {
            let instant = Int64(date.timeIntervalSince1970.rounded(.down))
            guard let zone else { return RFC3339.string(utc: instant) }
            let (local, offset) = zone.local(atInstant: instant)
            return RFC3339.string(local: local, utcOffset: offset)
        }
        func span(_ r: TimeRange) -> AvailabilityReport.Span {
            .init(start: show(r.start), end: show(r.end), minutes: Int(r.duration / 60))
        }

        let windows = try store.availability(technicianID: t.id, overlapping: range)
        let shifts = windows.filter { $0.window.kind == .shift }.map(\.window.range)
        let blocking = windows.filter { $0.window.kind.blocksBooking }
        let busyRanges = blocking.compactMap { $0.window.range.intersection(range) }
        let merged = TimeRange.union(busyRanges)
        // Shifts are known when the cache has any for this technician, not only in this window:
        // then a day without a shift is a day off, not a free day.
        let shiftsKnown = try store.hasShifts(technicianID: t.id)
        let bookable = shiftsKnown ? TimeRange.union(shifts.compactMap { $0.intersection(range) }) : [range]
        // Only what a sync read completely is known; elsewhere the technician is neither busy
        // nor free as far as fieldsync can tell.
        let coverage = try store.coverage(technicianID: t.id)
        let unknown = range.subtracting(coverage.map(\.range))
        let free = bookable.flatMap { $0.subtracting(merged + unknown) }

        var asOf: [String: String] = [:]
        for (source, parts) in Dictionary(grouping: coverage, by: \.source) {
            if let oldest = parts.map(\.syncedAt).min() { asOf[source] = RFC3339.string(oldest) }
        }

        return AvailabilityReport(
            technician: .init(id: t.id, name: t.name, timeZone: t.timeZone), from: show(range.start), to: show(range.end),
            asOf: asOf,
            coverage: coverage.map {
                .init(
                    source: $0.source, feed: $0.scope.map { String($0.dropLast()) }, from: show($0.range.start),
                    to: show($0.range.end), syncedAt: RFC3339.string($0.syncedAt))
            },
            unknown: unknown.map(span), shiftsKnown: shiftsKnown, shifts: TimeRange.union(shifts).map(span),
            busy: blocking.map { w in
                AvailabilityReport.BusyWindow(
                    start: show(w.window.range.start), end: show(w.window.range.end), kind: w.window.kind,
                    allDay: w.window.allDay, title: w.window.title, status: w.window.status, source: w.window.source.source,
                    externalID: w.window.source.externalID, sourceTimeZone: w.window.sourceTimeZone)
            },
            busyMerged: merged.map(span), free: free.map(span))
    }
}
