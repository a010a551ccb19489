/// One request the sandbox answered: what was asked and how it was answered. Header values
/// (tokens, keys) are never recorded, and credential-bearing query parameters are masked.
public struct RequestLogEntry: Sendable, Hashable, Codable {
    /// When the request arrived (RFC 3339, UTC, milliseconds).
    public var time: String
    /// `servicetitan`, `housecallpro`, or nil for a path under neither prefix.
    public var vendor: SandboxVendor?
    /// `GET`, `POST`, …
    public var method: String
    /// The path as requested (`/servicetitan/jpm/v2/tenant/1000001/export/jobs`).
    public var path: String
    /// The raw query string (without `?`), empty when there is none.
    public var query: String
    /// The HTTP status answered; 0 when the connection was closed without an answer.
    public var status: Int
    /// The fault that shaped the answer (`429`, `truncate`, …), if any.
    public var fault: String?
    /// How long the answer took, in milliseconds.
    public var durationMilliseconds: Int

    public init(
        time: String, vendor: SandboxVendor?, method: String, path: String, query: String, status: Int,
        fault: String?, durationMilliseconds: Int
    ) {
        self.time = time
        self.vendor = vendor
        self.method = method
        self.path = path
        self.query = query
        self.status = status
        self.fault = fault
        self.durationMilliseconds = durationMilliseconds
    }

    /// The value of one query parameter (percent-decoded), if present.
    public func queryValue(_ name: String) -> String? {
        QueryParameters(query).first(name)
    }
}
