import FieldSyncCore
import Foundation

/// Issues and caches the OAuth access token of one ServiceTitan tenant (client-credentials
/// grant).
///
/// The token is fetched once and reused until 60 s before `expires_in` runs out; concurrent
/// callers share one fetch. ``invalidate(_:)`` drops a token the API refused (a 401), so the next
/// ``token()`` fetches a fresh one. The client secret travels only in the token request's form
/// body, never in a URL or a message.
actor TokenProvider {
    /// When `expires_in` is missing: ServiceTitan's tokens are commonly issued for 15 minutes.
    static let assumedLifetime: TimeInterval = 900

    private let configuration: ServiceTitanConfiguration
    private let transport: any HTTPTransport
    private let sleep: @Sendable (Duration) async throws -> Void
    private let now: @Sendable () -> Date
    private var current: AccessToken?
    private var pending: Task<AccessToken, any Error>?

    init(
        configuration: ServiceTitanConfiguration, transport: any HTTPTransport,
        sleep: @escaping @Sendable (Duration) async throws -> Void, now: @escaping @Sendable () -> Date
    ) {
        self.configuration = configuration
        self.transport = transport
        self.sleep = sleep
        self.now = now
    }

    /// A token valid for at least the next minute.
    func token() async throws -> String {
        if let current, now() < current.refreshAt { return current.value }
        if let pending { return try await pending.value.value }
        let task = Task { try await self.fetch() }
        pending = task
        defer { pending = nil }
        let token = try await task.value
        current = token
        return token.value
    }

    /// Forgets `token` if it is the cached one (the API answered 401 to it).
    func invalidate(_ token: String) {
        if current?.value == token { current = nil }
    }

    private nonisolated func fetch() async throws -> AccessToken {
        let form = [
            ("grant_type", "client_credentials"), ("client_id", configuration.clientID),
            ("client_secret", configuration.clientSecret),
        ]
        let request = HTTPTransportRequest(
            method: "POST", url: configuration.tokenURL,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: Array(QueryString.encode(form).utf8), timeout: configuration.requestTimeout)
        let tenant = configuration.tenantID
        let endpoint = RedactedURL(configuration.tokenURL).description
        var attempt = 0
        while true {
            attempt += 1
            let response: HTTPTransportResponse
            do {
                // Asking for a token again creates nothing: safe to repeat.
                response = try await configuration.retry.send(request, via: transport, safeToRepeat: true, sleep: sleep)
            } catch let error as HTTPTransportError {
                throw ServiceTitanError(
                    .tokenUnavailable,
                    "cannot get an access token for ServiceTitan tenant \(tenant): the token endpoint \(endpoint) did not answer (\(error.isTimeout ? "timed out" : error.message))",
                    isTransient: true)
            }
            switch response.status {
            case 200..<300:
                if let decoded = try? JSONDecoder().decode(STTokenResponse.self, from: Data(response.body)),
                    !decoded.accessToken.isEmpty
                {
                    return AccessToken(
                        value: decoded.accessToken, issuedAt: now(),
                        expiresIn: decoded.expiresIn ?? Self.assumedLifetime)
                }
                guard attempt < configuration.retry.maxAttempts,
                    let wait = configuration.retry.delay(afterAttempt: attempt, retryAfter: nil)
                else {
                    throw ServiceTitanError(
                        .tokenUnavailable,
                        "cannot get an access token for ServiceTitan tenant \(tenant): the token endpoint \(endpoint) answered \(response.status) without a readable access_token (\(attempt) attempts)",
                        status: response.status, isTransient: true)
                }
                try await sleep(wait)
            case 400, 401:
                let problem = STProblem(body: response.body).summary.map { ": \($0)" } ?? ""
                throw ServiceTitanError(
                    .credentialsRefused,
                    "ServiceTitan refused the client id/secret for tenant \(tenant) (the token endpoint answered \(response.status)\(problem)). Check client_id and client_secret for this tenant, and that the app is still connected to it.",
                    status: response.status, isTransient: false)
            default:
                let transient = HTTPRetryPolicy.isRetryable(status: response.status)
                throw ServiceTitanError(
                    .tokenUnavailable,
                    "cannot get an access token for ServiceTitan tenant \(tenant): the token endpoint \(endpoint) answered \(response.status)\(transient ? " after \(configuration.retry.maxAttempts) attempts" : "")",
                    status: response.status, isTransient: transient)
            }
        }
    }
}
