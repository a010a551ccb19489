/// The credentials the sandbox accepts. The defaults are the ones the built-in data set and
/// `fieldsync sandbox serve --write-config` use.
public struct SandboxCredentials: Sendable, Hashable {
    /// The ServiceTitan tenant id (in every API path: `/tenant/{tenant}/…`).
    public var tenant: String
    /// The OAuth client id `POST connect/token` accepts.
    public var clientID: String
    /// The OAuth client secret (never logged).
    public var clientSecret: String
    /// The `ST-App-Key` header value.
    public var appKey: String
    /// The Housecall Pro API key (`Authorization: Token <key>`).
    public var housecallProAPIKey: String

    public init(
        tenant: String = "1000001", clientID: String = "sandbox-client", clientSecret: String = "sandbox-secret",
        appKey: String = "sandbox-app-key", housecallProAPIKey: String = "sandbox-hcp-key"
    ) {
        self.tenant = tenant
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.appKey = appKey
        self.housecallProAPIKey = housecallProAPIKey
    }
}
