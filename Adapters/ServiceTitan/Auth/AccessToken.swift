import Foundation

/// A bearer token and when to stop using it.
struct AccessToken: Sendable, Equatable {
    var value: String
    /// When to fetch a new one: 60 s before the token expires (half its lifetime when that is
    /// shorter), so that no request leaves with a token about to lapse.
    var refreshAt: Date

    init(value: String, issuedAt: Date, expiresIn: TimeInterval) {
        self.value = value
        let margin = min(60, expiresIn / 2)
        self.refreshAt = issuedAt.addingTimeInterval(max(0, expiresIn - margin))
    }
}
