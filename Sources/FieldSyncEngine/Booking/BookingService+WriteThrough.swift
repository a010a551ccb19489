import FieldSyncCore
import FieldSyncStore
import Foundation
import Logging

extension BookingService {
    /// How long a claim on a write attempt holds before another process may take it over.
    static let claimSeconds: TimeInterval = 60

    /// One write attempt for a booking whose write is owed, to the end or to the next retry:
    ///
    /// 1. claim the attempt (committed before any remote call, counting it);
    /// 2. shadow mode: ask the writer what it would send, record it, done;
    /// 3. if an earlier attempt may have reached the backend, look for its marker: found means
    ///    confirmed, never a second write;
    /// 4. if the cache is older than the source's limit, re-check the technician's time in the
    ///    backend;
    /// 5. create, and record the remote ids.
    ///
    /// Returns the booking as it stands after the attempt (nil when it could not be read).
    func writeThrough(_ id: String, takingOverFrom deadOwner: String? = nil) async -> BookingRecord? {
        guard await inFlight.begin(id) else { return try? store.booking(id: id) }
        defer { Task { await inFlight.end(id) } }
        let started = now()
        let source = try? store.booking(id: id)?.source
        guard let record = try? store.claimAttempt(
            id: id, owner: owner, until: started.addingTimeInterval(Self.claimSeconds), now: started,
            takingOverFrom: deadOwner, settle: settle(for: source))
        else { return try? store.booking(id: id) }
        crash.reach("after-claim")
        // Keep the claim alive while the remote calls run, however slow the backend is.
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(Self.claimSeconds / 4))
                guard !Task.isCancelled else { break }
                let renewed = try? store.renewClaim(
                    id: id, owner: owner, until: now().addingTimeInterval(Self.claimSeconds), now: now())
                if renewed != true { break }
            }
        }
        await attempt(record)
        heartbeat.cancel()
        return try? store.booking(id: id)
    }

    private func attempt(_ record: BookingRecord) async {
        let id = record.id
        guard let intent = try? APIJSON.decoder.decode(BookingIntent.self, from: Data(record.intent.utf8)) else {
            try? store.failBooking(id: id, code: "invalid_intent", message: "the stored booking cannot be read", now: now(), owner: owner)
            return
        }
        guard let writer = writers[record.source] else {
            try? store.failBooking(
                id: id, code: "not_bookable", message: "no writer is configured for \(record.source)", now: now(), owner: owner)
            return
        }
        do {
            if record.mode == .shadow {
                let planned = try await writer.plan(intent)
                try store.shadowBooking(id: id, wouldSend: APIJSON.string(planned), now: now(), owner: owner)
                logger.info("booking shadowed", metadata: ["booking": "\(id)", "requests": "\(planned.count)"])
                return
            }
            // An earlier attempt may have reached the backend: look before writing. Whatever goes
            // wrong while looking, nothing is decided: the next attempt looks again.
            if record.attempts > 1 {
                let found: RemoteBooking?
                do {
                    found = try await writer.find(intent)
                } catch {
                    try? store.retryBookingLater(
                        id: id, at: now().addingTimeInterval(backoff(record.attempts)), code: "unknown_outcome",
                        message: "could not look for this booking in \(record.source) (\(error)); will look again before writing",
                        now: now(), owner: owner)
                    return
                }
                if let found {
                    try confirm(record, found, how: "found by its marker after an interrupted attempt")
                    return
                }
            }
            guard now() < record.start else {
                try store.failBooking(
                    id: id, code: "too_late", message: "the booking could not be written to \(record.source) before its start time",
                    now: now(), owner: owner)
                return
            }
            if let conflict = try await staleCheck(record, intent: intent, writer: writer) {
                try store.failBooking(id: id, code: "slot_taken", message: conflict, now: now(), owner: owner)
                return
            }
            // The claim must still be this process's: one that lapsed (a long stall) may have been
            // taken over, and the other process decides now.
            guard (try? store.renewClaim(id: id, owner: owner, until: now().addingTimeInterval(Self.claimSeconds), now: now()))
                == true
            else {
                logger.warning("booking claim lost before the write; leaving it to the process that took it over", metadata: ["booking": "\(id)"])
                return
            }
            crash.reach("before-create")
            let created = try await writer.create(intent)
            crash.reach("after-create")
            try confirm(record, created, how: "written to \(record.source)")
            crash.reach("after-confirm")
        } catch let error as BookingWriteError {
            await handle(error, record: record, intent: intent, writer: writer)
        } catch {
            // The cache could not record the outcome: the claim lapses and the next attempt looks first.
            logger.error("booking write could not be recorded", metadata: ["booking": "\(id)", "error": "\(error)"])
        }
    }

    private func confirm(_ record: BookingRecord, _ remote: RemoteBooking, how: String) throws {
        try store.confirmBooking(
            id: record.id, jobID: remote.jobID, appointmentID: remote.appointmentID, customerID: remote.customerID,
            detail: "confirmed: \(how) (job \(remote.jobID), appointment \(remote.appointmentID))", now: now(), owner: owner)
        logger.info(
            "booking confirmed",
            metadata: ["booking": "\(record.id)", "job": "\(remote.jobID)", "appointment": "\(remote.appointmentID)"])
    }

    /// When the cache's copy of the source is older than its limit, asks the backend whether the
    /// technician's time is still free. Returns why not, or nil.
    private func staleCheck(_ record: BookingRecord, intent: BookingIntent, writer: any BookingWriter) async throws -> String? {
        let limit = config.sources.first { $0.name == record.source }?.booking.recheckAfter ?? .seconds(600)
        let lastSync = (try? store.lastSuccessfulSyncs())?[record.source]
        let age = lastSync.map { now().timeIntervalSince($0) } ?? .infinity
        guard age > Double(limit.components.seconds) else { return nil }
        let busy = try await writer.busyTimes(
            technicianExternalID: intent.technicianExternalID, in: TimeRange(start: intent.start, end: intent.end))
        guard let clash = busy.first(where: { $0.overlaps(TimeRange(start: intent.start, end: intent.end)) }) else {
            return nil
        }
        return "\(record.source) shows the technician busy \(RFC3339.string(clash.start))–\(RFC3339.string(clash.end)), which the cache (last synced \(lastSync.map(RFC3339.string) ?? "never")) did not know"
    }

    private func handle(_ error: BookingWriteError, record: BookingRecord, intent: BookingIntent, writer: any BookingWriter) async {
        let id = record.id
        switch error {
        case .refused(let status, let message):
            logger.warning("booking refused by the backend", metadata: ["booking": "\(id)", "status": "\(status)"])
            try? store.failBooking(
                id: id, code: "backend_refused", message: "\(record.source) refused the booking (\(status)): \(message)", now: now(),
                owner: owner)
        case .unknownOutcome(let what):
            // Resolve by looking, not by writing again.
            do {
                try await Task.sleep(for: .milliseconds(300))
                if let found = try await writer.find(intent) {
                    try confirm(record, found, how: "found by its marker after an unanswered request (\(what))")
                    return
                }
                // The request may still be on its way: look again only once it must have landed.
                let wait = max(backoff(record.attempts), settle(for: record.source))
                try? store.retryBookingLater(
                    id: id, at: now().addingTimeInterval(wait), code: "unknown_outcome",
                    message: "no answer from \(record.source) (\(what)), and nothing written under this booking's marker yet",
                    now: now(), owner: owner)
            } catch {
                let wait = max(backoff(record.attempts), settle(for: record.source))
                try? store.retryBookingLater(
                    id: id, at: now().addingTimeInterval(wait), code: "unknown_outcome",
                    message: "no answer from \(record.source) (\(what)); will look for the booking before writing again",
                    now: now(), owner: owner)
            }
        case .unavailable(let what, let retryAfter):
            let wait = max(retryAfter ?? 0, backoff(record.attempts))
            try? store.retryBookingLater(
                id: id, at: now().addingTimeInterval(wait), code: "backend_unavailable",
                message: "\(record.source) is unavailable: \(what)", now: now(), owner: owner)
        }
    }

    /// How long a request to `source` that got no answer may still take to land (see
    /// ``SourceBookingSettings/settle``).
    func settle(for source: String?) -> TimeInterval {
        (config.sources.first { $0.name == source }?.booking ?? SourceBookingSettings()).settle
    }

    /// Seconds before attempt `n + 1`: 1, 2, 4, … up to five minutes.
    func backoff(_ attempts: Int) -> TimeInterval {
        min(300, pow(2, Double(max(0, attempts - 1))))
    }
}
