import FieldSyncCore
import FieldSyncStore
import Foundation
import Logging

extension ReconcileRunner {
    /// What reconciling one source gave.
    struct SourcePass {
        var result: ReconcileReport.SourceResult
        var differences: [ReconcileReport.Difference] = []
        var bookings: [ReconcileReport.BookingChange] = []
        var overHolds: [ReconcileReport.OverHold] = []
    }

    /// Reads one source completely (from the start: saved positions are not used), compares and
    /// repairs page by page, then applies the pass's deletions under the brake.
    func reconcile(_ adapter: any SourceAdapter, horizon: TimeRange, wording: inout ReconcileWording) async -> SourcePass {
        let clock = ContinuousClock()
        let begin = clock.now
        let source = adapter.sourceName
        var logger = self.logger
        logger[metadataKey: "source"] = "\(source)"
        var pass = SourcePass(
            result: ReconcileReport.SourceResult(
                source: source, backend: adapter.backend, state: .failed, compared: [], notCompared: [], recordsRead: 0,
                counts: [:], notes: [], durationSeconds: 0))
        func seconds() -> Double {
            let d = clock.now - begin
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }

        // A repair is a sync run of its own kind, so `fieldsync runs` and the API's data age see it.
        var syncRunID: Int64?
        let watch: ReconcileSink.Watch
        let budget: DeletionBudget
        do {
            if !dryRun {
                syncRunID = try store.beginRun(
                    invocationID: UUID().uuidString.lowercased(), kind: "reconcile", source: source, backend: adapter.backend,
                    horizon: horizon, now: now(), fieldsyncVersion: fieldsyncVersion)
            }
            budget = DeletionBudget(brake: brake, baseline: try store.liveCounts(source: source))
            watch = ReconcileSink.Watch(
                bookings: try store.confirmedBookings(source: source), holds: try store.openHolds(source: source, now: now()))
        } catch {
            pass.result.notCompared = ["nothing: the cache could not be read (\(error))"]
            pass.result.durationSeconds = seconds()
            if let syncRunID {
                try? store.finishRun(syncRunID, state: .failed, counts: ApplyResult(), error: "\(error)", failures: [], now: now())
            }
            return pass
        }
        let sink = ReconcileSink(
            store: store, runID: syncRunID, backend: adapter.backend, source: source, brake: brake, watch: watch, clock: now,
            onProgress: onProgress)
        var stop: String?
        do {
            try await adapter.pull(
                PullRequest(horizon: horizon, cursors: [:], runID: syncRunID ?? 0, now: now(), fullPass: true), into: sink)
        } catch {
            stop = (error as? PullInterrupted)?.reason ?? "\(error)"
            logger.error("the source could not be read to the end", metadata: ["error": "\(stop!)"])
        }
        // The last page handed over may still be landing.
        do {
            try await sink.finish()
        } catch where stop == nil {
            stop = "\(error)"
            logger.error("a page could not be compared and applied", metadata: ["error": "\(stop!)"])
        } catch {}
        let failures = await sink.failures
        var counts = await sink.totals
        var drifts = await sink.found
        let readAnything = await sink.readAnything

        // Deletions the pass found land now, together, unless the brake holds them.
        var deletionFailure: String?
        if let syncRunID {
            do {
                let deleted = try store.applyPendingDeletions(source: source, budget: budget, now: now())
                counts.add(deleted)
            } catch {
                deletionFailure = "the deletions could not be applied (they stay queued): \(error)"
            }
            if stop == nil, failures.isEmpty, deletionFailure == nil, counts.heldBack == 0, await !sink.sawCoverage {
                try? store.recordCoverage(source: source, range: horizon, run: syncRunID, now: now())
            }
        }

        // ServiceTitan's assignments read as the appointment's technicians changing.
        let needing = AssignmentFolding.appointmentsNeedingCache(drifts)
        let cachedTechnicians = needing.isEmpty ? [:] : ((try? store.assignedTechnicians(source: source, appointmentExternalIDs: needing)) ?? [:])
        drifts = AssignmentFolding.fold(drifts, cachedTechnicians: cachedTechnicians)

        // Jobs, appointments and customers fieldsync itself wrote (a booking confirmed since the
        // last sync) are not drift: the cache simply had not read them back yet.
        let ownJobs = watch.jobIDs
        let ownAppointments = watch.appointmentIDs
        let ownCustomers = Set(watch.bookings.compactMap(\.remoteCustomerID))
        let before = drifts.count
        drifts.removeAll { d in
            guard d.change == .created else { return false }
            switch d.entity {
            case .jobs: return ownJobs.contains(d.externalID)
            case .appointments: return ownAppointments.contains(d.externalID)
            case .customers: return ownCustomers.contains(d.externalID)
            default: return false
            }
        }
        if drifts.count < before {
            pass.result.notes.append("\(before - drifts.count) record(s) fieldsync wrote for its own bookings were read back (not drift)")
        }

        // Which deletions the cache now reflects (the brake may have held some).
        var stillLive: [RecordEntity: Set<String>] = [:]
        for entity in Set(drifts.filter { $0.change == .deleted }.map(\.entity)) where syncRunID != nil {
            stillLive[entity] = Set(((try? store.liveRecords(source: source, entity: entity, range: nil)) ?? []).map(\.externalID))
        }
        for drift in drifts {
            let repaired: Bool
            if syncRunID == nil {
                repaired = false
            } else if drift.change == .deleted {
                repaired = !(stillLive[drift.entity]?.contains(drift.externalID) ?? false)
            } else {
                repaired = true
            }
            pass.differences.append(
                ReconcileReport.Difference(
                    source: source, backend: adapter.backend, entity: ReconcileWording.noun(drift.entity), id: drift.externalID,
                    change: drift.change, fields: drift.fields, technicianID: drift.technicianID, start: drift.start,
                    message: wording.message(drift, backend: adapter.backend), repaired: repaired))
            pass.result.counts[drift.entity.rawValue, default: ["created": 0, "changed": 0, "deleted": 0]][drift.change.rawValue, default: 0] += 1
        }

        let sightings = await sink.sightings
        let seenJobs = await sink.seenIDs(.jobs)
        let sweptJobs = await sink.swept[.jobs] != nil
        for booking in watch.bookings {
            let appointmentSwept = await sink.sweptAppointments(at: booking.start)
            if let change = bookingChange(
                booking, sightings: sightings, appointmentsSwept: appointmentSwept, jobsSwept: sweptJobs, seenJobs: seenJobs,
                backend: adapter.backend, wording: &wording)
            {
                pass.bookings.append(change)
            }
        }
        pass.overHolds = overHolds(watch: watch, sightings: sightings, backend: adapter.backend, wording: &wording)

        // How far the source was compared.
        let swept = await sink.swept
        var compared = Set(swept.keys.map(\.rawValue))
        if await sink.sawCoverage { compared.insert(RecordEntity.availability.rawValue) }
        pass.result.compared = compared.sorted()
        pass.result.recordsRead = await sink.recordsRead
        var notCompared = failures.map { "\($0.part): \($0.message)" }
        if let stop { notCompared.append("the read stopped early: \(stop)") }
        if let deletionFailure { notCompared.append(deletionFailure) }
        if counts.heldBack > 0 {
            notCompared.append(
                "mass-delete brake: \(counts.heldBack) deletion(s) were held back; if the backend really lost them, run again with --allow-mass-delete")
        }
        pass.result.notCompared = notCompared
        pass.result.notes = await sink.notes + counts.notes + pass.result.notes
        if !readAnything && (stop != nil || !failures.isEmpty) {
            pass.result.state = .failed
        } else if !notCompared.isEmpty {
            pass.result.state = .incomplete
        } else {
            pass.result.state = .compared
        }
        if let syncRunID {
            let state: SyncRunState =
                switch pass.result.state {
                case .compared: .succeeded
                case .incomplete: .partial
                case .failed: .failed
                }
            try? store.finishRun(
                syncRunID, state: state, counts: counts, error: stop, failures: failures.map { "\($0.part): \($0.message)" },
                now: now())
        }
        pass.result.durationSeconds = seconds()
        logger.info(
            "source reconciled",
            metadata: [
                "state": "\(pass.result.state.rawValue)", "records": "\(pass.result.recordsRead)",
                "differences": "\(pass.differences.count)", "bookings": "\(pass.bookings.count)",
            ])
        return pass
    }
}
