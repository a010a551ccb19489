import FieldSyncCore
import Foundation

/// Sends the requests of a booking write to one tenant and turns every failure into a
/// ``BookingWriteError`` (see `BookingWriteError.from(status:…)` for the rules).
///
/// Reads go through the configuration's retry policy; writes are sent exactly once, because a
/// write sent again after an unknown outcome could book twice: the engine decides, after `find`.
/// A 401 drops the token and the request is sent once more with a fresh one (a 401 means the
/// request was not processed). Nothing here logs or repeats a body.
struct STBookingClient: Sendable {
    let configuration: ServiceTitanConfiguration
    let transport: any HTTPTransport
    let tokens: TokenProvider
    let sleep: @Sendable (Duration) async throws -> Void

    /// `module/v2/tenant/{tenant}/rest`, the path below the API base.
    func path(_ module: String, _ rest: String) -> String {
        "\(module)/v2/tenant/\(QueryString.escape(configuration.tenantID))/\(rest)"
    }

    /// A `GET` of `path` decoded as `T`.
    func get<T: Decodable>(
        _ type: T.Type, _ path: String, query: [(String, String)], doing: String
    ) async throws(BookingWriteError) -> T {
        let response = try await send("GET", path, query: query, body: nil, doing: doing)
        return try BookingWriteError.decode(T.self, from: response, method: "GET", doing: doing)
    }

    /// Every page of a list (`page`, `pageSize`, `hasMore`), up to `limit` pages.
    func list<T: Decodable & Sendable>(
        _ type: T.Type, _ path: String, query: [(String, String)], doing: String, limit: Int = 20
    ) async throws(BookingWriteError) -> [T] {
        var all: [T] = []
        for page in 1...max(1, limit) {
            let result = try await get(
                STBookingPage<T>.self, path, query: query + [("page", String(page)), ("pageSize", "200")], doing: doing)
            all += result.data
            if result.hasMore != true { break }
        }
        return all
    }

    /// A `POST` of `body`, decoded as `T`; a success that cannot be read has an unknown outcome.
    func post<T: Decodable>(_ type: T.Type, _ path: String, body: BookingJSON, doing: String) async throws(BookingWriteError) -> T {
        let response = try await send("POST", path, query: [], body: body.bytes, doing: doing)
        return try BookingWriteError.decode(T.self, from: response, method: "POST", doing: doing)
    }

    private func send(
        _ method: String, _ path: String, query: [(String, String)], body: [UInt8]?, doing: String
    ) async throws(BookingWriteError) -> HTTPTransportResponse {
        var base = configuration.apiBaseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + "/" + path + (query.isEmpty ? "" : "?" + QueryString.encode(query))) else {
            throw .refused(status: 0, message: "cannot build the URL to \(doing) from the configured API URL")
        }
        let first = try await token(doing: doing)
        var response = try await attempt(method, url, body: body, token: first, doing: doing)
        if response.status == 401 {
            await tokens.invalidate(first)
            response = try await attempt(method, url, body: body, token: try await token(doing: doing), doing: doing)
        }
        guard (200..<300).contains(response.status) else {
            throw BookingWriteError.from(
                status: response.status, retryAfter: response.header("Retry-After"), method: method,
                vendorMessage: STProblem(body: response.body).bookingMessage, doing: doing)
        }
        return response
    }

    private func attempt(
        _ method: String, _ url: URL, body: [UInt8]?, token: String, doing: String
    ) async throws(BookingWriteError) -> HTTPTransportResponse {
        var headers: [(name: String, value: String)] = [
            ("Authorization", "Bearer \(token)"), ("ST-App-Key", configuration.appKey), ("Accept", "application/json"),
        ]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let request = HTTPTransportRequest(
            method: method, url: url, headers: headers, body: body, timeout: configuration.requestTimeout)
        do {
            if method == "GET" {
                return try await configuration.retry.send(request, via: transport, sleep: sleep)
            }
            return try await transport.send(request)
        } catch let error as HTTPTransportError {
            throw BookingWriteError.from(error, method: method, doing: doing)
        } catch {
            throw .unavailable("interrupted while trying to \(doing)", retryAfter: nil)
        }
    }

    private func token(doing: String) async throws(BookingWriteError) -> String {
        do {
            return try await tokens.token()
        } catch let error as ServiceTitanError {
            if error.isTransient { throw .unavailable(error.message, retryAfter: nil) }
            throw .refused(status: error.status ?? 401, message: error.message)
        } catch {
            throw .unavailable("interrupted while getting an access token to \(doing)", retryAfter: nil)
        }
    }
}

/// One page of a ServiceTitan list, `data` decoded as `T`.
struct STBookingPage<T: Decodable & Sendable>: Decodable, Sendable {
    var hasMore: Bool?
    var data: [T]
}

extension STProblem {
    /// `title` and the field errors (`jobTypeId: Job type 1 does not exist`), for a booking
    /// error. ServiceTitan's messages name fields and ids, not customer data.
    var bookingMessage: String? {
        var parts: [String] = []
        if let title = title ?? error, !title.isEmpty { parts.append(title) }
        for (field, messages) in (errors ?? [:]).sorted(by: { $0.key < $1.key }) {
            parts.append("\(field): \(messages.joined(separator: " "))")
        }
        let text = parts.joined(separator: " ")
        guard !text.isEmpty else { return nil }
        return text.count > 400 ? String(text.prefix(400)) + "…" : text
    }
}
