import Foundation

/// The one place where HTTP outcomes become ``BookingWriteError``s, so that both writers tell
/// "not applied", "maybe applied" and "refused" apart the same way.
///
/// | outcome | a read (`GET`) | a write (`POST`) |
/// |---|---|---|
/// | no connection (refused, DNS, TLS, no network) | unavailable | unavailable |
/// | timeout, connection lost, unreadable answer | unavailable | **unknown outcome** |
/// | 429 | unavailable, with `Retry-After` | unavailable, with `Retry-After` |
/// | 503 with `Retry-After` | unavailable | unavailable (the server says it did not act) |
/// | other 5xx | unavailable | **unknown outcome** (the server may have committed) |
/// | 401, 408 | unavailable | unavailable |
/// | other 4xx | refused, with the vendor's message | refused, with the vendor's message |
extension BookingWriteError {
    /// The error for an answer that is not a success. `vendorMessage` is what the vendor said
    /// (ServiceTitan's `title` and `errors`, Housecall Pro's `error.message`), already free of
    /// secrets; `doing` says what was being done (`create the job`), without customer data.
    public static func from(
        status: Int, retryAfter: String?, method: String, vendorMessage: String?, doing: String, now: Date = Date()
    ) -> BookingWriteError {
        let said = vendorMessage.map { ": \($0)" } ?? ""
        let isWrite = !HTTPRetryPolicy.isIdempotent(method: method)
        let wait = retryAfter.flatMap { HTTPRetryPolicy.parseRetryAfter($0, now: now) }.map(Self.seconds)
        switch status {
        case 429:
            return .unavailable("rate limited while trying to \(doing) (429\(said))", retryAfter: wait ?? 1)
        case 503 where wait != nil:
            return .unavailable("the backend was unavailable while trying to \(doing) (503\(said))", retryAfter: wait)
        case 401:
            return .unavailable("the credentials were refused while trying to \(doing) (401\(said))", retryAfter: nil)
        case 408:
            return .unavailable("the backend timed out reading the request to \(doing) (408\(said))", retryAfter: wait)
        case 500...599:
            return isWrite
                ? .unknownOutcome("the backend answered \(status) to the request to \(doing)\(said); it may have been applied")
                : .unavailable("the backend answered \(status) while trying to \(doing)\(said)", retryAfter: wait)
        case 400...499:
            return .refused(status: status, message: "could not \(doing) (\(status)\(said))")
        default:
            return isWrite
                ? .unknownOutcome("unexpected answer \(status) to the request to \(doing)")
                : .unavailable("unexpected answer \(status) while trying to \(doing)", retryAfter: nil)
        }
    }

    /// The error for a request that got no HTTP answer. A write that may have reached the server
    /// (a timeout, a connection lost mid-request) has an unknown outcome; one that never left
    /// (the connection was refused, the host unknown) is unavailable.
    public static func from(_ error: HTTPTransportError, method: String, doing: String) -> BookingWriteError {
        let isWrite = !HTTPRetryPolicy.isIdempotent(method: method)
        let what = error.isTimeout ? "timed out" : error.message
        if !isWrite || Self.neverSent(error) {
            return .unavailable("no answer while trying to \(doing) (\(what))", retryAfter: nil)
        }
        return .unknownOutcome("no answer to the request to \(doing) (\(what)); it may have been applied")
    }

    /// The answer to a write was a success but could not be read (a truncated body).
    public static func unreadableAnswer(doing: String, status: Int) -> BookingWriteError {
        .unknownOutcome("the answer (\(status)) to the request to \(doing) could not be read; it may have been applied")
    }

    /// Whether the transport failed before the request could reach the server: the connection
    /// was refused, the host could not be resolved, there was no network, TLS failed.
    static func neverSent(_ error: HTTPTransportError) -> Bool {
        guard !error.isTimeout else { return false }
        let message = error.message.lowercased()
        return ["refused", "could not be resolved", "no network", "tls", "cannot connect", "could not connect"]
            .contains { message.contains($0) }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension BookingWriteError {
    /// A success's body decoded as `T`. A body that cannot be read is an unknown outcome for a
    /// write (it may have been applied: a truncated answer) and a transient failure for a read.
    public static func decode<T: Decodable>(
        _ type: T.Type, from response: HTTPTransportResponse, method: String, doing: String,
        using decoder: JSONDecoder = JSONDecoder()
    ) throws(BookingWriteError) -> T {
        do {
            return try decoder.decode(T.self, from: Data(response.body))
        } catch {
            if HTTPRetryPolicy.isIdempotent(method: method) {
                throw .unavailable("the answer to the request to \(doing) could not be read", retryAfter: nil)
            }
            throw unreadableAnswer(doing: doing, status: response.status)
        }
    }
}

extension BookingWriteError {
    /// The same error with every occurrence of `secrets` (the customer's name, phone, e-mail,
    /// street: see ``BookingIntent/personalData``) replaced by `<redacted>`, so that a vendor
    /// message that echoes a field's value never carries customer data into the outbox or a log.
    public func redacting(_ secrets: [String]) -> BookingWriteError {
        let secrets = secrets.filter { $0.count >= 3 }.sorted { $0.count > $1.count }
        guard !secrets.isEmpty else { return self }
        func clean(_ text: String) -> String {
            secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>", options: .caseInsensitive) }
        }
        switch self {
        case .refused(let status, let message): return .refused(status: status, message: clean(message))
        case .unknownOutcome(let message): return .unknownOutcome(clean(message))
        case .unavailable(let message, let retryAfter): return .unavailable(clean(message), retryAfter: retryAfter)
        }
    }
}
