import FieldSyncCore
import Foundation

/// Sends Housecall Pro requests: the `Token` header, the company header, retries, and reading a
/// list page.
///
/// Every request goes through ``FieldSyncCore/HTTPRetryPolicy/send(_:via:sleep:)`` (429 with
/// `Retry-After`, 5xx, timeouts). A `2xx` whose body is not a complete list (a truncated body)
/// is asked for again, up to the same number of attempts.
struct HousecallProClient: Sendable {
    let configuration: HousecallProConfiguration
    let transport: any HTTPTransport
    let sleep: @Sendable (Duration) async throws -> Void

    /// The request for `path` (`/jobs`) with `query`, sent in this order. Names such as
    /// `expand[]` are percent-encoded by `URL` (`expand%5B%5D`), as any HTTP client does.
    func request(path: String, query: [(name: String, value: String)]) -> HTTPTransportRequest {
        var base = configuration.apiBaseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var components = URLComponents(string: base + path)
        components?.queryItems = query.isEmpty ? nil : query.map { URLQueryItem(name: $0.name, value: $0.value) }
        let url = components?.url ?? configuration.apiBaseURL.appendingPathComponent(path)
        var headers: [(name: String, value: String)] = [
            ("Authorization", "Token \(configuration.apiKey)"),
            ("Accept", "application/json"),
        ]
        if let companyID = configuration.companyID, !companyID.isEmpty {
            headers.append(("X-Company-Id", companyID))
        }
        return HTTPTransportRequest(method: "GET", url: url, headers: headers, timeout: configuration.requestTimeout)
    }

    /// Reads page `page` of `resource`.
    ///
    /// Throws ``HousecallProError`` (the request failed after retries, or the key was refused),
    /// or whatever `sleep` throws when the task is cancelled.
    func page(_ resource: HCPResource, page: Int, query: [(name: String, value: String)]) async throws -> HCPPage {
        let request = request(path: resource.path, query: query)
        let policy = configuration.retry
        var attempt = 0
        while true {
            attempt += 1
            let response: HTTPTransportResponse
            do {
                response = try await policy.send(request, via: transport, sleep: sleep)
            } catch let error as HTTPTransportError {
                throw HousecallProError(
                    .transport, resource: resource.part, page: page, isTransient: true,
                    message: "no answer from Housecall Pro (\(error.message)) after \(policy.maxAttempts) attempts")
            }
            switch response.status {
            case 200..<300:
                do {
                    return try HCPPage.parse(response.body, listKey: resource.listKey)
                } catch {
                    guard attempt < max(1, policy.maxAttempts) else {
                        throw HousecallProError(
                            .unreadableBody, resource: resource.part, page: page, status: response.status, isTransient: true,
                            message: "the answer could not be read as a list of \(resource.listKey) (\(error)) after "
                                + "\(attempt) attempts; a truncated answer usually reads fine later")
                    }
                    try await sleep(policy.delay(afterAttempt: attempt, retryAfter: nil) ?? .seconds(1))
                }
            default:
                throw error(for: response, resource: resource, page: page, attempts: policy.maxAttempts)
            }
        }
    }

    /// The error for a response that is not a success, in words an operator can act on.
    func error(
        for response: HTTPTransportResponse, resource: HCPResource, page: Int, attempts: Int
    ) -> HousecallProError {
        let detail = serverMessage(response.body).map { " (Housecall Pro says: \($0))" } ?? ""
        switch response.status {
        case 401:
            return HousecallProError(
                .unauthorized, resource: resource.part, page: page, status: 401, isTransient: false,
                message: "Housecall Pro refused the API key (401)\(detail); "
                    + "check api_key (or api_key_file) for this source")
        case 403:
            return HousecallProError(
                .forbidden, resource: resource.part, page: page, status: 403, isTransient: false,
                message: "Housecall Pro does not let this API key read \(resource.path) (403)\(detail); "
                    + "check the company id and that the plan includes API access")
        case 429:
            return HousecallProError(
                .httpStatus, resource: resource.part, page: page, status: 429, isTransient: true,
                message: "Housecall Pro kept rate-limiting the requests (429) after \(attempts) attempts, or asked to wait longer than allowed")
        case 408, 500...599:
            return HousecallProError(
                .httpStatus, resource: resource.part, page: page, status: response.status, isTransient: true,
                message: "Housecall Pro answered \(response.status) after \(attempts) attempts\(detail)")
        default:
            return HousecallProError(
                .httpStatus, resource: resource.part, page: page, status: response.status, isTransient: false,
                message: "Housecall Pro answered \(response.status) to GET \(resource.path)\(detail)")
        }
    }

    /// `error.message` of Housecall Pro's error body `{"error":{"message":"…"}}`, shortened, with
    /// the API key blanked out should the server echo it.
    func serverMessage(_ body: [UInt8]) -> String? {
        struct Envelope: Decodable {
            struct Inner: Decodable { var message: String? }
            var error: Inner?
        }
        guard let message = (try? JSONDecoder().decode(Envelope.self, from: Data(body)))?.error?.message?.trimmingSpaces,
            !message.isEmpty
        else { return nil }
        let key = configuration.apiKey
        let safe = key.isEmpty ? message : message.replacingOccurrences(of: key, with: "<redacted>")
        return safe.count > 200 ? String(safe.prefix(200)) + "…" : safe
    }
}
