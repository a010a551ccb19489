import Foundation

/// A clock tests move by hand, so token expiry and rate-limit windows need no sleeping.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) {
        current = start
    }

    var now: Date { lock.withLock { current } }

    func advance(seconds: Double) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    /// The closure ``FieldSyncSandbox/SandboxOptions/now`` takes.
    var reader: @Sendable () -> Date { { self.now } }
}
