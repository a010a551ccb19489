/// Why talking to ServiceTitan failed, in words an operator can act on.
///
/// Messages name the tenant, the resource and the API path, and what to check; they never hold
/// the client secret, the app key, an access token, or customer data.
///
/// ```swift
/// do { try await adapter.pull(request, into: sink) }
/// catch let error as ServiceTitanError where error.code == .credentialsRefused { print(error) }
/// // ServiceTitan refused the client id/secret for tenant 1000001 (the token endpoint answered 401 …
/// ```
public struct ServiceTitanError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The token endpoint answered 400 or 401: the client id or secret is wrong or revoked.
        public static let credentialsRefused = Code("credentialsRefused")
        /// The token endpoint could not be reached or answered something unusable.
        public static let tokenUnavailable = Code("tokenUnavailable")
        /// An API call was refused with 401 twice, even with a freshly issued token.
        public static let unauthorized = Code("unauthorized")
        /// 403: the app key is wrong, the app is not connected to the tenant, or lacks this API.
        public static let forbidden = Code("forbidden")
        /// 404: the API URL or the tenant id is wrong.
        public static let notFound = Code("notFound")
        /// Another 4xx: the request itself was refused.
        public static let requestRejected = Code("requestRejected")
        /// An export feed no longer accepts the saved `continueFrom` token.
        public static let invalidContinuationToken = Code("invalidContinuationToken")
        /// 429, 408 or 5xx, still after every retry.
        public static let serverUnavailable = Code("serverUnavailable")
        /// No response at all (connection refused, timeout), still after every retry.
        public static let transport = Code("transport")
        /// A success status whose body is not the JSON expected (a truncated body), still after
        /// every retry.
        public static let malformedResponse = Code("malformedResponse")
    }

    public var code: Code
    /// The message for an operator.
    public var message: String
    /// The resource being read (`technicians`), when the failure belongs to one.
    public var resource: String?
    /// The HTTP status, when there was a response.
    public var status: Int?
    /// True when the same request may succeed later (rate limits, 5xx, timeouts).
    public var isTransient: Bool

    /// An error; `message` must already be fit for an operator (no secrets, no customer data).
    public init(_ code: Code, _ message: String, resource: String? = nil, status: Int? = nil, isTransient: Bool) {
        self.code = code
        self.message = message
        self.resource = resource
        self.status = status
        self.isTransient = isTransient
    }

    /// True when nothing more can be read from this tenant in this run (the credentials were
    /// refused): the adapter stops instead of failing each resource in turn.
    public var endsPull: Bool {
        code == .credentialsRefused || code == .tokenUnavailable || code == .unauthorized
    }

    public var description: String { message }
}
