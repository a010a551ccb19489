import FieldSyncCore
import Foundation

/// An ``HTTPTransport`` that passes every request on and adds up the time spent waiting for
/// responses: the HTTP share of a sync (the sandbox's own work included, since it serves from
/// the same process).
final class TimingTransport: HTTPTransport, @unchecked Sendable {
    private let base: any HTTPTransport
    private let lock = NSLock()
    private var elapsed: Duration = .zero
    private var requests = 0
    private var bytes = 0

    init(_ base: any HTTPTransport) {
        self.base = base
    }

    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await base.send(request)
        let took = clock.now - start
        lock.withLock {
            elapsed += took
            requests += 1
            bytes += response.body.count
        }
        return response
    }

    /// Time spent in `send`, requests and response bytes since the last reset.
    func totals() -> (seconds: Double, requests: Int, bytes: Int) {
        lock.withLock { (elapsed.seconds, requests, bytes) }
    }

    func reset() {
        lock.withLock {
            elapsed = .zero
            requests = 0
            bytes = 0
        }
    }
}

/// A ``PullSink`` that keeps every page as the adapter hands it over (nothing is stored), so
/// the adapter can be timed alone and its pages replayed into a store.
actor CapturingSink: PullSink {
    private(set) var batches: [PullBatch] = []
    let keep: Bool

    init(keep: Bool) {
        self.keep = keep
    }

    func commit(_ page: PullBatch) async throws {
        if keep { batches.append(page) }
    }

    func progress(_ progress: PullProgress) async {}

    func take() -> [PullBatch] {
        defer { batches = [] }
        return batches
    }
}

extension PullBatch {
    /// The records the batch carries (deletions and rejects included), as the sync counts them.
    var recordCount: Int {
        technicians.count + availability.count + customers.count + locations.count + jobs.count + appointments.count
            + assignments.count + tombstones.count + rejects.count
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// CPU time this process has used so far (all threads, the in-process sandbox's included):
/// less sensitive than wall time to other work on a shared machine.
func processCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
