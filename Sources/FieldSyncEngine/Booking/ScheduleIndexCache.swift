import FieldSyncBooking
import FieldSyncCore
import FieldSyncStore
import Foundation

/// Keeps the in-memory schedule the slot search reads, and rebuilds it when a sync has changed
/// the cache (or it is older than `maxAge`). Holds are not in it: they are read per search.
actor ScheduleIndexCache {
    private let store: CacheStore
    private let maxAge: TimeInterval
    private var index: ScheduleIndex?
    private var generation: String?
    private var builtAt: Date?
    private var building: (generation: String, span: TimeRange, task: Task<Result<ScheduleIndex, CacheError>, Never>)?

    init(store: CacheStore, maxAge: TimeInterval = 300) {
        self.store = store
        self.maxAge = maxAge
    }

    /// An index covering `range`, current with the cache's last sync.
    func index(covering range: TimeRange, horizon: TimeRange, now: Date) async throws(CacheError) -> ScheduleIndex {
        let current = try store.syncGeneration()
        if let index, let builtAt, current == generation, now.timeIntervalSince(builtAt) < maxAge,
            index.range.start <= range.start, index.range.end >= range.end
        {
            return index
        }
        let span = TimeRange(start: min(horizon.start, range.start), end: max(horizon.end, range.end))
        // Requests that arrive during a rebuild wait for that rebuild instead of starting their own.
        let task: Task<Result<ScheduleIndex, CacheError>, Never>
        if let building, building.generation == current, building.span.start <= range.start, building.span.end >= range.end {
            task = building.task
        } else {
            // About a second for a large shop: built on threads of its own, not the request handlers'.
            let store = store
            task = Task {
                await BlockingWork.run { () -> Result<ScheduleIndex, CacheError> in
                    Result { () throws(CacheError) -> ScheduleIndex in try store.scheduleIndex(in: span, now: now) }
                }
            }
            building = (current, span, task)
        }
        let built: ScheduleIndex
        switch await task.value {
        case .success(let index): built = index
        case .failure(let error):
            building = nil
            throw error
        }
        building = nil
        index = built
        generation = current
        builtAt = now
        return built
    }

    /// Forgets the index (a sync in this process finished).
    func invalidate() {
        index = nil
    }
}
