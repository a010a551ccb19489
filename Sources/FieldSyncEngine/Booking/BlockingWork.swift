import Dispatch

/// Runs synchronous SQLite work (a hold's `BEGIN IMMEDIATE` waiting for the write lock, an index
/// rebuild) on threads of its own, so that it never ties up the few threads Swift's concurrency
/// runs every request handler and timer on.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "fieldsync.booking.sqlite", qos: .userInitiated, attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}
