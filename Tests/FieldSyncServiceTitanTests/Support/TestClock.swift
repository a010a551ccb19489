import Foundation

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// Records the waits asked for instead of waiting.
actor SleepRecorder {
    private(set) var durations: [Duration] = []

    func record(_ duration: Duration) { durations.append(duration) }
}
