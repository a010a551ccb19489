import Foundation

/// When and how long to wait before sending a failed request again: exponential backoff with
/// jitter for 5xx and timeouts, and the server's own `Retry-After` for 429 and 503.
///
/// Adapters send every request through ``send(_:via:safeToRepeat:sleep:)`` so that a rate-limited or briefly
/// failing backend slows a sync down instead of failing it.
public struct HTTPRetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The first backoff; each later one doubles, up to `maximumDelay`.
    public var initialDelay: Duration
    public var maximumDelay: Duration
    /// A `Retry-After` longer than this is not waited for: the request fails as transient.
    public var maximumRetryAfter: Duration

    public init(
        maxAttempts: Int = 6, initialDelay: Duration = .milliseconds(250), maximumDelay: Duration = .seconds(30),
        maximumRetryAfter: Duration = .seconds(120)
    ) {
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// Whether a response with this status may succeed if sent again.
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504
    }

    /// The wait before attempt `attempt + 1` (attempts count from 1), honouring `Retry-After`
    /// (seconds or an HTTP date). Nil when the server asks for longer than `maximumRetryAfter`.
    public func delay(afterAttempt attempt: Int, retryAfter: String?, now: Date = Date()) -> Duration? {
        if let retryAfter, let asked = Self.parseRetryAfter(retryAfter, now: now) {
            return asked > maximumRetryAfter ? nil : asked
        }
        var delay = initialDelay
        for _ in 1..<max(1, attempt) where delay < maximumDelay { delay *= 2 }
        delay = min(delay, maximumDelay)
        // Full jitter on the upper half, so that many clients do not retry in lockstep.
        let half = delay / 2
        let jitterMillis = Int64.random(in: 0...max(0, half.components.seconds * 1000 + half.components.attoseconds / 1_000_000_000_000_000))
        return half + .milliseconds(jitterMillis)
    }

    /// `Retry-After` as a duration: delta-seconds, or an HTTP date relative to `now`.
    public static func parseRetryAfter(_ value: String, now: Date) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0, seconds.isFinite {
            // A server may say anything; a year is as long as anyone waits.
            return .milliseconds(Int64(min(seconds, 31_536_000) * 1000))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .milliseconds(Int64(min(max(0, date.timeIntervalSince(now)), 31_536_000) * 1000))
    }

    /// Whether sending `method` twice does no more than sending it once (RFC 9110 §9.2.2).
    public static func isIdempotent(method: String) -> Bool {
        ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"].contains(method.uppercased())
    }

    /// Sends `request`, retrying transport failures and retryable statuses.
    ///
    /// A request that is not idempotent (a `POST` that creates something) is only sent again when
    /// the server says it did not act on it (`429`, or `503` with `Retry-After`), unless the caller
    /// says it is safe (`safeToRepeat`: an OAuth token request). A timeout after the server
    /// committed must be resolved by looking, not by writing again.
    ///
    /// Returns the first response that is not retryable, or the last one when the attempts run out
    /// (so the caller sees the real status and body); rethrows the last transport error when no
    /// response ever came. `sleep` is injectable so tests need not wait.
    public func send(
        _ request: HTTPTransportRequest, via transport: any HTTPTransport, safeToRepeat: Bool? = nil,
        sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) async throws -> HTTPTransportResponse {
        let repeatable = safeToRepeat ?? Self.isIdempotent(method: request.method)
        var attempt = 0
        while true {
            attempt += 1
            do {
                let response = try await transport.send(request)
                let notActedOn = response.status == 429 || (response.status == 503 && response.header("Retry-After") != nil)
                guard Self.isRetryable(status: response.status), repeatable || notActedOn, attempt < maxAttempts,
                    let wait = delay(afterAttempt: attempt, retryAfter: response.header("Retry-After"))
                else { return response }
                try await sleep(wait)
            } catch let error as HTTPTransportError {
                guard repeatable, attempt < maxAttempts, let wait = delay(afterAttempt: attempt, retryAfter: nil) else { throw error }
                try await sleep(wait)
            }
        }
    }
}
