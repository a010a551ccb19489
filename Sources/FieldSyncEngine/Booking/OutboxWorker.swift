#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FieldSyncStore
import Foundation
import Logging

/// Finishes what the outbox owes: on start, every booking a crashed process left half-written;
/// then, every `interval`, bookings due for a retry and holds due to expire.
public struct OutboxWorker: Sendable {
    let service: BookingService
    let interval: Duration

    public init(service: BookingService, interval: Duration = .seconds(1)) {
        self.service = service
        self.interval = interval
    }

    /// What one pass did.
    public struct Pass: Sendable, Hashable {
        public var attempted = 0
        public var confirmed = 0
        public var failed = 0
        public var shadowed = 0
        public var stillOwed = 0
        public var expiredHolds = 0

        /// Adds another pass's counts (what is still owed is the later pass's).
        mutating func add(_ other: Pass) {
            attempted += other.attempted
            confirmed += other.confirmed
            failed += other.failed
            shadowed += other.shadowed
            expiredHolds += other.expiredHolds
            stillOwed = other.stillOwed
        }
    }

    /// One pass over the outbox. With `recovering`, claims left by processes on this host that no
    /// longer run (a `kill -9`) are taken over at once instead of waiting for them to lapse.
    @discardableResult
    public func runOnce(recovering: Bool = false) async -> Pass {
        var pass = Pass()
        let now = service.now()
        pass.expiredHolds = (try? service.store.expireHolds(now: now)) ?? 0
        let dead: (String) -> Bool = recovering ? { Self.isDead($0, self: service.owner) } : { _ in false }
        guard let owed = try? service.store.owedBookings(now: now, deadOwners: dead) else { return pass }
        for record in owed {
            pass.attempted += 1
            let takeover = record.claimedBy.flatMap { dead($0) ? $0 : nil }
            let after = await service.writeThrough(record.id, takingOverFrom: takeover)
            switch after?.state {
            case .confirmed: pass.confirmed += 1
            case .failed: pass.failed += 1
            case .shadowed: pass.shadowed += 1
            default: pass.stillOwed += 1
            }
        }
        if pass.attempted > 0 {
            service.logger.info(
                "outbox pass",
                metadata: [
                    "attempted": "\(pass.attempted)", "confirmed": "\(pass.confirmed)", "failed": "\(pass.failed)",
                    "owed": "\(pass.stillOwed)",
                ])
        }
        return pass
    }

    /// Recovery with a limit on the wait: what is owed is finished, but a backend that holds or
    /// rate-limits the requests does not keep the server from starting. Returns the pass, or nil
    /// when it goes on in the background after `limit` (the bookings it has not reached yet keep
    /// blocking their time, and the worker finishes them).
    ///
    /// A booking a dead process was writing is looked for only once that process's last request
    /// has had time to land (the source's settle time); recovery waits for that too, within the
    /// limit, so that a restart usually answers with the booking's outcome rather than `writing`.
    public func recover(within limit: Duration) async -> Pass? {
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        let deadline = Date().addingTimeInterval(seconds)
        let work = Task { () -> Pass in
            var total = Pass()
            while true {
                total.add(await runOnce(recovering: true))
                let owed = (try? service.store.bookings(states: [.writing], limit: 100_000)) ?? []
                total.stillOwed = owed.count
                guard let next = owed.compactMap(\.nextAttemptAt).min(), next < deadline, !Task.isCancelled else {
                    return total
                }
                let wait = max(0.05, next.timeIntervalSince(service.now()))
                try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            }
        }
        return await BookingService.value(of: work, before: deadline)
    }

    /// Recovers, then works the outbox until the task is cancelled.
    public func run() async {
        await runOnce(recovering: true)
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            guard !Task.isCancelled else { break }
            await runOnce()
        }
    }

    /// A claim `host:pid:…` made on this host by a process that is gone.
    static func isDead(_ owner: String, self current: String) -> Bool {
        guard owner != current else { return false }
        let parts = owner.split(separator: ":")
        guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]) else { return false }
        let host = parts.dropLast(2).joined(separator: ":")
        guard host == ProcessInfo.processInfo.hostName else { return false }
        if pid == ProcessInfo.processInfo.processIdentifier { return true }  // an earlier run with a reused pid
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
