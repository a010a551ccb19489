/// The requests the sandbox answered (the last 100,000), in order, for tests to read and `--log-requests` to
/// print.
actor RequestLog {
    private var entries: [RequestLogEntry] = []
    private let onRequest: (@Sendable (RequestLogEntry) -> Void)?

    init(onRequest: (@Sendable (RequestLogEntry) -> Void)?) {
        self.onRequest = onRequest
    }

    /// The most entries kept (the oldest are dropped past it).
    static let capacity = 100_000

    func record(_ entry: RequestLogEntry) {
        if entries.count >= Self.capacity { entries.removeFirst(entries.count / 10) }
        entries.append(entry)
        onRequest?(entry)
    }

    func all() -> [RequestLogEntry] { entries }

    func clear() { entries.removeAll() }
}
