/// Every request the sandbox answered, in order, for tests to read and `--log-requests` to
/// print.
actor RequestLog {
    private var entries: [RequestLogEntry] = []
    private let onRequest: (@Sendable (RequestLogEntry) -> Void)?

    init(onRequest: (@Sendable (RequestLogEntry) -> Void)?) {
        self.onRequest = onRequest
    }

    func record(_ entry: RequestLogEntry) {
        entries.append(entry)
        onRequest?(entry)
    }

    func all() -> [RequestLogEntry] { entries }

    func clear() { entries.removeAll() }
}
