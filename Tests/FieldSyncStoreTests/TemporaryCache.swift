import FieldSyncCore
import FieldSyncStore
import Foundation
import Logging

/// A cache in a fresh temporary folder, removed when the test ends.
final class TemporaryCache {
    let directory: URL
    let path: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldsync-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("cache.sqlite").path
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func open(busyTimeout: Duration = .seconds(10)) throws -> CacheStore {
        try CacheStore.open(path: path, busyTimeout: busyTimeout, logger: Logger(label: "test"))
    }
}

/// Builders for batches, so tests say only what matters to them.
enum Sample {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    static func hours(_ h: Double) -> Date { t0.addingTimeInterval(h * 3600) }

    static func technician(_ id: String, source: String = "cal", name: String? = nil) -> Technician {
        Technician(
            id: id, name: name ?? id.capitalized, skills: ["hvac"], timeZone: "America/Chicago",
            source: SourceRef(backend: "icalendar", source: source, externalID: id))
    }

    static func window(
        _ id: String, tech: String = "maria", from: Double, to: Double, kind: AvailabilityKind = .busy,
        title: String? = "Job", source: String = "cal"
    ) -> AvailabilityWindow {
        AvailabilityWindow(
            technicianID: tech, range: TimeRange(start: hours(from), end: hours(to)), kind: kind,
            sourceTimeZone: "America/Chicago", title: title,
            source: SourceRef(backend: "icalendar", source: source, externalID: id, remoteVersion: "0"))
    }

    static func coverage(_ tech: String = "maria", from: Double = -24, to: Double = 24 * 30, prefix: String? = nil)
        -> AvailabilityCoverage
    {
        AvailabilityCoverage(technicianID: tech, range: TimeRange(start: hours(from), end: hours(to)), externalIDPrefix: prefix)
    }

    static func batch(technicians: [Technician] = [technician("maria")], windows: [AvailabilityWindow], coverage: [AvailabilityCoverage] = [coverage()])
        -> PullBatch
    {
        var batch = PullBatch()
        batch.technicians = technicians
        batch.availability = windows
        batch.coverage = coverage
        return batch
    }

    static let horizon = TimeRange(start: hours(-24), end: hours(24 * 30))
}

extension CacheStore {
    /// Begins a run and applies a batch the way the sync runner does.
    @discardableResult
    func applyRun(
        _ batch: PullBatch, source: String = "cal", brake: MassDeleteBrake = MassDeleteBrake(), now: Date = Sample.t0
    ) throws -> ApplyResult {
        let run = try beginRun(
            invocationID: UUID().uuidString, source: source, backend: "icalendar", horizon: Sample.horizon, now: now,
            fieldsyncVersion: "test")
        let result = try apply(
            batch, run: run, backend: "icalendar", source: source, resolveMissingRejects: batch.failures.isEmpty,
            brake: brake, now: now)
        try finishRun(run, state: .succeeded, counts: result, error: nil, failures: [], now: now)
        return result
    }
}
