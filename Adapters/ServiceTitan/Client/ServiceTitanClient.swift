import FieldSyncCore
import Foundation

/// Sends authorized GET requests to one tenant's API and returns their pages.
///
/// Every request goes through the configuration's ``HTTPRetryPolicy`` (429 with `Retry-After`,
/// 408, 5xx, no response). On top of that:
/// - a 401 drops the cached token, fetches a new one and sends the request once more; a second
///   401 is ``ServiceTitanError/Code/unauthorized``;
/// - a success whose body is not the JSON page expected (a truncated body) is asked for again,
///   up to the policy's attempts, then fails as ``ServiceTitanError/Code/malformedResponse``;
/// - a 400 that says the export's `from` token is no longer valid is
///   ``ServiceTitanError/Code/invalidContinuationToken``, so the feed can start over.
///
/// The app key travels in the `ST-App-Key` header and the token in `Authorization`, never in
/// the URL; messages name the path without its query.
struct ServiceTitanClient: Sendable {
    let configuration: ServiceTitanConfiguration
    let transport: any HTTPTransport
    let tokens: TokenProvider
    let sleep: @Sendable (Duration) async throws -> Void

    /// The URL of `resource` with `query` (already in order).
    func url(_ resource: STResource, query: [(String, String)]) -> URL? {
        var base = configuration.apiBaseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let text = base + "/" + resource.path(tenant: configuration.tenantID)
            + (query.isEmpty ? "" : "?" + QueryString.encode(query))
        return URL(string: text)
    }

    /// One page of `resource`.
    func page(_ resource: STResource, query: [(String, String)]) async throws -> RawPage {
        let tenant = configuration.tenantID
        let where_ = "\(resource.name) (\(resource.path(tenant: tenant)))"
        guard let url = url(resource, query: query) else {
            throw ServiceTitanError(
                .requestRejected, "cannot build the URL for \(where_) from the configured API URL", resource: resource.name,
                isTransient: false)
        }
        var attempt = 0
        while true {
            attempt += 1
            let response = try await authorizedGET(url, resource: resource, where_: where_)
            switch response.status {
            case 200..<300:
                // Both page shapes (list and export) carry `hasMore`; a body without it is not a page.
                if let page = try? RawPage(body: response.body), page.bool("hasMore") != nil { return page }
                guard attempt < configuration.retry.maxAttempts,
                    let wait = configuration.retry.delay(afterAttempt: attempt, retryAfter: nil)
                else {
                    throw ServiceTitanError(
                        .malformedResponse,
                        "ServiceTitan \(where_) answered \(response.status) with a body that is not a complete JSON page (\(response.body.count) bytes), \(attempt) times",
                        resource: resource.name, status: response.status, isTransient: true)
                }
                try await sleep(wait)
            default:
                throw failure(response, resource: resource, where_: where_, resuming: query.contains { $0.0 == "from" })
            }
        }
    }

    private func authorizedGET(_ url: URL, resource: STResource, where_: String) async throws -> HTTPTransportResponse {
        let token = try await tokens.token()
        let response = try await send(url, token: token, resource: resource, where_: where_)
        guard response.status == 401 else { return response }
        await tokens.invalidate(token)
        let fresh = try await tokens.token()
        let retried = try await send(url, token: fresh, resource: resource, where_: where_)
        guard retried.status == 401 else { return retried }
        throw ServiceTitanError(
            .unauthorized,
            "ServiceTitan answered 401 to \(where_) twice, the second time with a freshly issued token: the client id/secret of tenant \(configuration.tenantID) no longer grant access to its API. Check the credentials and that the app is connected to the tenant.",
            resource: resource.name, status: 401, isTransient: false)
    }

    private func send(_ url: URL, token: String, resource: STResource, where_: String) async throws -> HTTPTransportResponse {
        let request = HTTPTransportRequest(
            method: "GET", url: url,
            headers: [("Authorization", "Bearer \(token)"), ("ST-App-Key", configuration.appKey), ("Accept", "application/json")],
            timeout: configuration.requestTimeout)
        do {
            return try await configuration.retry.send(request, via: transport, sleep: sleep)
        } catch let error as HTTPTransportError {
            throw ServiceTitanError(
                .transport,
                "ServiceTitan \(where_) did not answer after \(configuration.retry.maxAttempts) attempts (\(error.isTimeout ? "timed out" : error.message))",
                resource: resource.name, isTransient: true)
        }
    }

    /// The error for a response that is not a page; `resuming` when the request carried an
    /// export position (`from`) the server may have refused.
    private func failure(
        _ response: HTTPTransportResponse, resource: STResource, where_: String, resuming: Bool
    ) -> ServiceTitanError {
        let status = response.status
        let problem = STProblem(body: response.body)
        let said = problem.summary.map { ": \($0)" } ?? ""
        let tenant = configuration.tenantID
        switch status {
        case 400 where resuming && problem.rejectsContinuationToken:
            return ServiceTitanError(
                .invalidContinuationToken,
                "ServiceTitan \(where_) no longer accepts the saved export position (400\(said))", resource: resource.name,
                status: status, isTransient: false)
        case 403:
            return ServiceTitanError(
                .forbidden,
                "ServiceTitan refused access to \(where_) for tenant \(tenant) (403\(said)). Check the app key, that the app is connected to this tenant, and that it has access to the \(resource.module) API.",
                resource: resource.name, status: status, isTransient: false)
        case 404:
            return ServiceTitanError(
                .notFound,
                "ServiceTitan has no \(where_) (404\(said)). Check the API URL (\(RedactedURL(configuration.apiBaseURL))) and the tenant id \(tenant).",
                resource: resource.name, status: status, isTransient: false)
        case _ where HTTPRetryPolicy.isRetryable(status: status):
            let wait = status == 429 ? " (rate limited; Retry-After \(response.header("Retry-After") ?? "not given"))" : ""
            return ServiceTitanError(
                .serverUnavailable,
                "ServiceTitan \(where_) answered \(status)\(said) after \(configuration.retry.maxAttempts) attempts\(wait)",
                resource: resource.name, status: status, isTransient: true)
        default:
            return ServiceTitanError(
                .requestRejected, "ServiceTitan refused the request for \(where_) (\(status)\(said))", resource: resource.name,
                status: status, isTransient: status >= 500)
        }
    }
}
