/// A fixed one-second window per tenant or API key: past `limit` requests in the current
/// second, callers get `429` until the next one.
actor RateLimiter {
    private let limit: Int
    private var windows: [String: (second: Int64, count: Int)] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    /// True when the request may go ahead (and counts it).
    func admit(_ key: String, nowMillis: Int64) -> Bool {
        let second = nowMillis / 1000
        var window = windows[key] ?? (second, 0)
        if window.second != second { window = (second, 0) }
        guard window.count < limit else { return false }
        window.count += 1
        windows[key] = window
        return true
    }
}
