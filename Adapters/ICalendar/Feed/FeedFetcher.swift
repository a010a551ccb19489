import FieldSyncCore
import Foundation

/// Fetches an http(s) feed politely and safely.
///
/// - Conditional requests: `If-None-Match` / `If-Modified-Since` from the last fetch; a `304`
///   returns the stored body.
/// - Retries `429`, `5xx` and timeouts (twice by default), waiting as `Retry-After` says, capped.
/// - Refuses what is not iCalendar (a login page served with `200`), bodies over the size cap,
///   and says why in words an operator can act on. URLs in messages are redacted.
struct FeedFetcher: Sendable {
    enum Outcome: Sendable {
        case fetched(body: [UInt8], cursor: FeedCursor)
        case notModified(body: [UInt8], cursor: FeedCursor)
        case failed(SourceFailure)
    }

    let transport: any HTTPTransport
    var maxBytes = 50 * 1024 * 1024
    var retries = 2
    var timeout: Duration = .seconds(30)
    var maxRetryWait: Duration = .seconds(30)
    /// Waits between retries; injectable so tests do not sleep.
    var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    func fetch(feed: String, url: URL, headers: [String: String], previous: SourceCursor?) async -> Outcome {
        let locationHash = StableHash.hex(url.absoluteString + "\n" + headers.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: "\n"))
        let saved = FeedCursor.restore(previous, locationHash: locationHash)
        let shown = RedactedURL(url).description
        var conditional = saved != nil
        var attempt = 0
        while true {
            var requestHeaders: [(name: String, value: String)] = headers.map { ($0.key, $0.value) }
            requestHeaders.append(("Accept", "text/calendar, */*;q=0.5"))
            requestHeaders.append(("User-Agent", "fieldsync/0.1 (+calendar sync)"))
            if conditional, let (cursor, _) = saved {
                if let etag = cursor.etag { requestHeaders.append(("If-None-Match", etag)) }
                if let modified = cursor.lastModified { requestHeaders.append(("If-Modified-Since", modified)) }
            }
            let response: HTTPTransportResponse
            do {
                response = try await transport.send(
                    HTTPTransportRequest(url: url, headers: requestHeaders, timeout: timeout))
            } catch let error as HTTPTransportError {
                if attempt < retries {
                    attempt += 1
                    try? await sleep(backoff(attempt: attempt, retryAfter: nil))
                    continue
                }
                return .failed(
                    SourceFailure(
                        part: feed, message: "\(shown): \(error.message) (after \(attempt + 1) attempts)", isTransient: true))
            } catch {
                return .failed(SourceFailure(part: feed, message: "\(shown): \(error)", isTransient: true))
            }
            switch response.status {
            case 200...299:
                guard response.body.count <= maxBytes else {
                    return .failed(
                        SourceFailure(
                            part: feed, message: "\(shown): the feed is larger than \(maxBytes / 1_048_576) MB; refused",
                            isTransient: false))
                }
                guard Self.looksLikeICalendar(response.body) else {
                    let type = response.header("content-type") ?? "no Content-Type"
                    return .failed(
                        SourceFailure(
                            part: feed,
                            message: "\(shown): the server answered \(response.status) with something that is not iCalendar (\(type)); is the calendar's share link still valid?",
                            isTransient: false))
                }
                let cursor = FeedCursor(
                    etag: response.header("etag"), lastModified: response.header("last-modified"),
                    locationHash: locationHash, bodyHash: StableHash.hex(String(decoding: response.body, as: UTF8.self)))
                return .fetched(body: response.body, cursor: cursor)
            case 304:
                if let (cursor, body) = saved {
                    var updated = cursor
                    if let etag = response.header("etag") { updated.etag = etag }
                    return .notModified(body: body, cursor: updated)
                }
                // A 304 we did not ask for: ask again without conditions.
                if conditional || attempt < retries {
                    conditional = false
                    attempt += 1
                    continue
                }
                return .failed(SourceFailure(part: feed, message: "\(shown): the server answered 304 to an unconditional request", isTransient: true))
            case 401, 403:
                return .failed(
                    SourceFailure(
                        part: feed,
                        message: "\(shown): the server refused access (\(response.status)); the feed's link or credentials are no longer valid",
                        isTransient: false))
            case 404, 410:
                return .failed(
                    SourceFailure(
                        part: feed, message: "\(shown): the feed is not there (\(response.status)); was the calendar unshared or deleted?",
                        isTransient: false))
            case 408, 429, 500...599:
                if attempt < retries {
                    attempt += 1
                    try? await sleep(backoff(attempt: attempt, retryAfter: response.header("retry-after")))
                    continue
                }
                return .failed(
                    SourceFailure(
                        part: feed, message: "\(shown): the server answered \(response.status) (after \(attempt + 1) attempts)",
                        isTransient: true))
            default:
                return .failed(
                    SourceFailure(part: feed, message: "\(shown): unexpected HTTP status \(response.status)", isTransient: false))
            }
        }
    }

    /// Exponential backoff (1 s, 2 s, 4 s …) or what `Retry-After` asks, never more than the cap.
    func backoff(attempt: Int, retryAfter: String?) -> Duration {
        if let retryAfter {
            if let seconds = Int(retryAfter.trimmingSpaces), seconds >= 0 {
                return min(.seconds(seconds), maxRetryWait)
            }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            if let date = formatter.date(from: retryAfter) {
                let seconds = max(0, date.timeIntervalSinceNow)
                return min(.milliseconds(Int(seconds * 1000)), maxRetryWait)
            }
        }
        return min(.seconds(1 << (attempt - 1)), maxRetryWait)
    }

    /// True when the body, after a BOM and whitespace, starts with `BEGIN:` (any case).
    static func looksLikeICalendar(_ body: [UInt8]) -> Bool {
        var i = 0
        if body.count >= 3, body[0] == 0xEF, body[1] == 0xBB, body[2] == 0xBF { i = 3 }
        while i < body.count, body[i] == 0x20 || body[i] == 0x09 || body[i] == 0x0D || body[i] == 0x0A { i += 1 }
        let prefix = body[i..<min(i + 6, body.count)]
        return String(decoding: prefix, as: UTF8.self).uppercased() == "BEGIN:"
    }
}
