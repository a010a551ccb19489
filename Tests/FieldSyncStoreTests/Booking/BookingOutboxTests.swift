import FieldSyncBooking
import FieldSyncCore
import FieldSyncStore
import Foundation
import GRDB
import Logging
import Testing

/// The bookings table as the outbox: the hold transaction, idempotency keys, claims on write
/// attempts, and the states a booking ends in.
@Suite("Booking outbox")
struct BookingOutboxTests {
    static func booking(
        _ id: String, key: String? = nil, hash: String = "h1", tech: String = "maria", from: Double = 10, to: Double = 12,
        state: BookingState = .writing, mode: BookingMode = .live, holdMinutes: Double = 5
    ) -> NewBooking {
        NewBooking(
            id: id, idempotencyKey: key ?? "key-\(id)", requestHash: hash, source: "lakeshore-st", backend: "servicetitan",
            technicianID: tech, start: Sample.hours(from), end: Sample.hours(to), state: state, mode: mode, intent: "{}",
            holdExpiresAt: Sample.t0.addingTimeInterval(holdMinutes * 60))
    }

    static func free(_ db: Database) throws -> SlotConflict? { nil }

    @Test("a hold commits the booking and its trail; the same key and request replays it; another request under the key is refused")
    func holdAndKeys() throws {
        let temp = try TemporaryCache()
        defer { withExtendedLifetime(temp) {} }
        let store = try temp.open()
        guard case .held(let held) = try store.hold(Self.booking("bk1"), now: Sample.t0, check: Self.free) else {
            Issue.record("expected a hold")
            return
        }
        #expect(held.state == .writing)
        #expect(held.attempts == 0)
        #expect(try store.bookingEvents(id: "bk1").count == 1)

        var checked = false
        let replay = try store.hold(Self.booking("bk2", key: "key-bk1"), now: Sample.t0) { _ in
            checked = true
            return nil
        }
        guard case .replayed(let first) = replay else {
            Issue.record("expected a replay, got \(replay)")
            return
        }
        #expect(first.id == "bk1")
        #expect(!checked, "a replay does not re-check the slot")
        #expect(try store.booking(id: "bk2") == nil)

        guard case .keyReused(let other) = try store.hold(Self.booking("bk3", key: "key-bk1", hash: "h2"), now: Sample.t0, check: Self.free)
        else {
            Issue.record("expected the key to be refused")
            return
        }
        #expect(other.id == "bk1")
    }

    @Test("a conflict is recorded as a failed booking under the key, holding no time")
    func conflict() throws {
        let temp = try TemporaryCache()
        defer { withExtendedLifetime(temp) {} }
        let store = try temp.open()
        let outcome = try store.hold(Self.booking("bk1"), now: Sample.t0) { _ in
            SlotConflict(code: "overlaps_appointment", message: "Maria has appointment 123 then")
        }
        guard case .conflict(let conflict, let record) = outcome else {
            Issue.record("expected a conflict")
            return
        }
        #expect(conflict.code == "overlaps_appointment")
        #expect(record.state == .failed)
        #expect(record.errorCode == "slot_taken")
        #expect(try store.owedBookings(now: Sample.t0).isEmpty)
        #expect(try store.blockingHolds(in: Sample.horizon, now: Sample.t0).isEmpty)
    }

    @Test("concurrent holds run one at a time: the check sees the booking the other committed")
    func serialized() async throws {
        let temp = try TemporaryCache()
        defer { withExtendedLifetime(temp) {} }
        let path = temp.path
        _ = try temp.open()
        // Eight separate connections (as separate processes would have), one slot.
        let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<8 {
                group.addTask {
                    let store = try CacheStore.open(path: path, logger: .init(label: "t"))
                    let outcome = try store.hold(Self.booking("bk\(i)"), now: Sample.t0) { db in
                        let taken = try Int.fetchOne(
                            db, sql: "SELECT COUNT(*) FROM bookings WHERE technician_id = 'maria' AND state = 'writing'") ?? 0
                        return taken > 0 ? SlotConflict(code: "overlaps_hold", message: "held") : nil
                    }
                    if case .held = outcome { return true }
                    return false
                }
            }
            var count = 0
            for try await won in group where won { count += 1 }
            return count
        }
        #expect(winners == 1)
    }

    @Test("a write attempt is claimed and counted before the remote call; a live claim keeps others off, a dead owner's does not")
    func claims() throws {
        let temp = try TemporaryCache()
        defer { withExtendedLifetime(temp) {} }
        let store = try temp.open()
        _ = try store.hold(Self.booking("bk1"), now: Sample.t0, check: Self.free)
        let claimed = try #require(try store.claimAttempt(id: "bk1", owner: "a", until: Sample.hours(1), now: Sample.t0))
        #expect(claimed.attempts == 1)
        #expect(try store.claimAttempt(id: "bk1", owner: "b", until: Sample.hours(1), now: Sample.t0) == nil)
        #expect(try store.owedBookings(now: Sample.t0).isEmpty, "claimed by a live owner")
        #expect(try store.owedBookings(now: Sample.t0, deadOwners: { $0 == "a" }).map(\.id) == ["bk1"])
        let takeover = try store.claimAttempt(id: "bk1", owner: "b", until: Sample.hours(1), now: Sample.t0, takingOverFrom: "a")
        #expect(takeover?.attempts == 2)
        // A lapsed claim is free for anyone.
        #expect(try store.owedBookings(now: Sample.hours(2)).map(\.id) == ["bk1"])
    }

    @Test("taking over a stopped attempt waits until a request it sent must have landed, then looks first")
    func takeoverSettles() throws {
        let temp = try TemporaryCache()
        defer { withExtendedLifetime(temp) {} }
        let store = try temp.open()
        _ = try store.hold(Self.booking("bk1"), now: Sample.t0, check: Self.free)
        _ = try #require(try store.claimAttempt(id: "bk1", owner: "a", until: Sample.hours(1), now: Sample.t0))
        // "a" is found dead a minute later: its request may still be in flight.
        let restart = Sample.t0.addingTimeInterval(60)
        #expect(
            try store.claimAttempt(id: "bk1", owner: "b", until: Sample.hours(1), now: restart, takingOverFrom: "a", settle: 7) == nil)
        let waiting = try #require(try store.booking(id: "bk1"))
        #expect(waiting.state == .writing && waiting.claimedBy == nil)
        #expect(waiting.nextAttemptAt == restart.addingTimeInterval(7))
        #expect(try store.owedBookings(now: restart.addingTimeInterval(6)).isEmpty, "nobody writes before the wait is over")
        let later = restart.addingTimeInterval(7)
        let second = try #require(try store.claimAttempt(id: "bk1", owner: "b", until: Sample.hours(1), now: later, settle: 7))
        #expect(second.attempts == 2, "the next attempt counts as a retry, so it looks for the booking first")
        #expect(try store.bookingEvents(id: "bk1").contains { $0.detail.contains("may still land") })
    }

    @Test("a claim that lapsed long ago is taken over at once: its requests have landed")
    func oldLapseNoWait() throws {
        let temp = try TemporaryCache()
        defer { withExtendedLifetime(temp) {} }
        let store = try temp.open()
        _ = try store.hold(Self.booking("bk1"), now: Sample.t0, check: Self.free)
        _ = try store.claimAttempt(id: "bk1", owner: "a", until: Sample.t0.addingTimeInterval(60), now: Sample.t0)
        let claimed = try store.claimAttempt(id: "bk1", owner: "b", until: Sample.hours(1), now: Sample.hours(1), settle: 7)
        #expect(claimed?.attempts == 2 && claimed?.claimedBy == "b")
    }

    @Test("a process whose claim lapsed cannot record an outcome over the one that took the booking over")
    func lapsedClaim() throws {
        let temp = try TemporaryCache()
        defer { withExtendedLifetime(temp) {} }
        let store = try temp.open()
        _ = try store.hold(Self.booking("bk1"), now: Sample.t0, check: Self.free)
        _ = try store.claimAttempt(id: "bk1", owner: "slow", until: Sample.hours(0.1), now: Sample.t0)
        #expect(try store.renewClaim(id: "bk1", owner: "slow", until: Sample.hours(0.2), now: Sample.hours(0.05)))
        // The claim lapses; another process takes over and confirms.
        _ = try #require(try store.claimAttempt(id: "bk1", owner: "fast", until: Sample.hours(1), now: Sample.hours(0.3)))
        #expect(try !store.renewClaim(id: "bk1", owner: "slow", until: Sample.hours(1), now: Sample.hours(0.31)))
        try store.confirmBooking(
            id: "bk1", jobID: "J1", appointmentID: "A1", customerID: nil, detail: "written", now: Sample.hours(0.4), owner: "fast")
        #expect(throws: CacheError.self) {
            try store.failBooking(id: "bk1", code: "backend_refused", message: "late", now: Sample.hours(0.5), owner: "slow")
        }
        let record = try #require(try store.booking(id: "bk1"))
        #expect(record.state == .confirmed)
        #expect(record.remoteJobID == "J1")
    }

    @Test("a retry waits for its time, whoever asks")
    func retryTime() throws {
        let temp = try TemporaryCache()
        defer { withExtendedLifetime(temp) {} }
        let store = try temp.open()
        _ = try store.hold(Self.booking("bk1"), now: Sample.t0, check: Self.free)
        _ = try store.claimAttempt(id: "bk1", owner: "a", until: Sample.hours(1), now: Sample.t0)
        try store.retryBookingLater(
            id: "bk1", at: Sample.hours(0.5), code: "backend_unavailable", message: "429", now: Sample.t0, owner: "a")
        #expect(try store.claimAttempt(id: "bk1", owner: "b", until: Sample.hours(1), now: Sample.hours(0.25)) == nil)
        #expect(try store.claimAttempt(id: "bk1", owner: "b", until: Sample.hours(1), now: Sample.hours(0.5))?.attempts == 2)
    }

    @Test("confirmed, failed, shadowed and retried bookings leave the outbox as they should")
    func outcomes() throws {
        let temp = try TemporaryCache()
        defer { withExtendedLifetime(temp) {} }
        let store = try temp.open()
        for id in ["ok", "no", "sh", "later"] {
            _ = try store.hold(Self.booking(id, tech: id, mode: id == "sh" ? .shadow : .live), now: Sample.t0, check: Self.free)
        }
        try store.confirmBooking(id: "ok", jobID: "J1", appointmentID: "A1", customerID: "C1", detail: "written", now: Sample.t0)
        try store.failBooking(id: "no", code: "backend_refused", message: "Technician 1 is inactive", now: Sample.t0)
        try store.shadowBooking(id: "sh", wouldSend: "[]", now: Sample.t0)
        try store.retryBookingLater(id: "later", at: Sample.hours(1), code: "backend_unavailable", message: "429", now: Sample.t0)

        let ok = try #require(try store.booking(id: "ok"))
        #expect(ok.state == .confirmed)
        #expect(ok.remoteJobID == "J1")
        #expect(ok.remoteAppointmentID == "A1")
        #expect(try store.booking(id: "no")?.state == .failed)
        #expect(try store.booking(id: "sh")?.wouldSend == "[]")
        #expect(try store.owedBookings(now: Sample.t0).isEmpty, "the retry is not due yet")
        #expect(try store.owedBookings(now: Sample.hours(1)).map(\.id) == ["later"])

        // What blocks time: the confirmed booking (not yet synced), the shadow hold until it expires.
        let blocking = Set(try store.blockingHolds(in: Sample.horizon, now: Sample.t0).map(\.bookingID))
        #expect(blocking == ["ok", "sh", "later"])
        let afterExpiry = Set(try store.blockingHolds(in: Sample.horizon, now: Sample.hours(1)).map(\.bookingID))
        #expect(afterExpiry == ["ok", "later"])
    }

    @Test("a hold nobody books expires; one booked in time becomes a write")
    func holds() throws {
        let temp = try TemporaryCache()
        defer { withExtendedLifetime(temp) {} }
        let store = try temp.open()
        _ = try store.hold(Self.booking("h1", state: .held), now: Sample.t0, check: Self.free)
        _ = try store.hold(Self.booking("h2", tech: "dan", state: .held), now: Sample.t0, check: Self.free)
        #expect(try store.bookHold(id: "h2", intent: "{\"x\":1}", now: Sample.t0.addingTimeInterval(60)))
        #expect(try store.expireHolds(now: Sample.t0.addingTimeInterval(600)) == 1)
        #expect(try store.booking(id: "h1")?.state == .expired)
        #expect(try store.booking(id: "h2")?.state == .writing)
        #expect(try !store.bookHold(id: "h1", intent: "{}", now: Sample.t0.addingTimeInterval(601)))
    }
}
