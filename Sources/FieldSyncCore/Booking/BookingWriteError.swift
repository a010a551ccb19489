/// How a booking write failed, in the three ways the engine must tell apart.
///
/// | case | was anything written? | what the engine does |
/// |---|---|---|
/// | ``refused(status:message:)`` | no, not by this call | fail the booking with the message |
/// | ``unknownOutcome(_:)`` | maybe | ``BookingWriter/find(_:)`` before trying again |
/// | ``unavailable(_:retryAfter:)`` | no | try again later (after `retryAfter` seconds when given) |
///
/// Messages never hold credentials or customer data.
public enum BookingWriteError: Error, Sendable, Hashable {
    /// The backend answered and refused (a 4xx other than 401, 408 and 429, or the writer found
    /// the request cannot be made, such as an unknown job type): nothing was written by this
    /// call. `status` is the HTTP status (0 when the writer refused before sending), `message`
    /// the vendor's own words and what was being done.
    case refused(status: Int, message: String)
    /// The request may or may not have been applied (a timeout or dropped connection after the
    /// request was sent, a truncated answer, a 5xx to a write). Call `find` before trying again.
    case unknownOutcome(String)
    /// Not applied, and worth trying again later: 429 (with `Retry-After` seconds when given), a
    /// 503 that says to retry, credentials refreshing failing transiently, or no connection.
    case unavailable(String, retryAfter: Double?)
}

extension BookingWriteError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .refused(let status, let message): "refused (\(status)): \(message)"
        case .unknownOutcome(let message): "outcome unknown: \(message)"
        case .unavailable(let message, let retryAfter):
            "unavailable: \(message)" + (retryAfter.map { " (retry after \($0) s)" } ?? "")
        }
    }
}
