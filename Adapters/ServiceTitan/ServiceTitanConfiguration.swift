import FieldSyncCore
import Foundation

/// How to reach one ServiceTitan tenant, and how to name what comes from it.
///
/// The client secret and the app key are credentials: ``description`` and `dump(_:)` show them
/// redacted, and the adapter never puts them into a URL, an error, a note or a log line.
///
/// ```swift
/// let configuration = ServiceTitanConfiguration(
///     apiBaseURL: URL(string: "http://127.0.0.1:8089/servicetitan")!,
///     tokenURL: URL(string: "http://127.0.0.1:8089/servicetitan/connect/token")!,
///     tenantID: "1000001", clientID: "sandbox-client", clientSecret: secret, appKey: appKey,
///     technicianLinks: ["10101": "maria-lopez"], timeZone: "America/Chicago")
/// ```
public struct ServiceTitanConfiguration: Sendable {
    /// `https://api.servicetitan.io` in production. May carry a path prefix (the sandbox's
    /// `/servicetitan`); the API's paths (`settings/v2/tenant/…`) are appended to it.
    public var apiBaseURL: URL
    /// `https://auth.servicetitan.io/connect/token` in production.
    public var tokenURL: URL
    /// The tenant id, as in the API's paths.
    public var tenantID: String
    /// The OAuth client id issued for this tenant.
    public var clientID: String
    /// The OAuth client secret: never logged, never in errors.
    public var clientSecret: String
    /// The application's `ST-App-Key`: never logged, never in errors.
    public var appKey: String
    /// Records per page on list endpoints (`pageSize`, 1...5000; values outside are clamped).
    public var pageSize: Int
    /// ServiceTitan technician id → local fieldsync technician id. Technicians not listed get
    /// `"<source name>-<technician id>"`.
    public var technicianLinks: [String: String]
    /// The tenant's IANA zone (`America/Chicago`), kept as the technicians' zone and as the
    /// ``AvailabilityWindow/sourceTimeZone`` of shifts and non-job appointments.
    public var timeZone: String?
    /// Retries for 408, 429 (honouring `Retry-After`), 5xx, timeouts, and bodies that do not parse.
    public var retry: HTTPRetryPolicy
    /// How long one request may take (ServiceTitan's own server timeout is 100 s).
    public var requestTimeout: Duration

    /// `https://api.servicetitan.io`, the default ``apiBaseURL``.
    public static let productionAPIBaseURL = URL(string: "https://api.servicetitan.io")!
    /// `https://auth.servicetitan.io/connect/token`, the default ``tokenURL``.
    public static let productionTokenURL = URL(string: "https://auth.servicetitan.io/connect/token")!

    /// A configuration with production URLs, 500 records per list page, six attempts per
    /// request and a 120 s request timeout unless given.
    public init(
        apiBaseURL: URL = ServiceTitanConfiguration.productionAPIBaseURL,
        tokenURL: URL = ServiceTitanConfiguration.productionTokenURL, tenantID: String, clientID: String,
        clientSecret: String, appKey: String, pageSize: Int = 500, technicianLinks: [String: String] = [:],
        timeZone: String? = nil, retry: HTTPRetryPolicy = HTTPRetryPolicy(), requestTimeout: Duration = .seconds(120)
    ) {
        self.apiBaseURL = apiBaseURL
        self.tokenURL = tokenURL
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.appKey = appKey
        self.pageSize = pageSize
        self.technicianLinks = technicianLinks
        self.timeZone = timeZone
        self.retry = retry
        self.requestTimeout = requestTimeout
    }

    /// ``pageSize`` within what the API accepts.
    var effectivePageSize: Int { min(5000, max(1, pageSize)) }

    /// The local id of a ServiceTitan technician in a source named `sourceName`.
    func localTechnicianID(_ technicianID: String, sourceName: String) -> String {
        technicianLinks[technicianID] ?? "\(sourceName)-\(technicianID)"
    }
}

extension ServiceTitanConfiguration: CustomStringConvertible, CustomReflectable {
    /// The configuration with its credentials redacted.
    public var description: String {
        "ServiceTitanConfiguration(api: \(RedactedURL(apiBaseURL)), tenant: \(tenantID), client id: \(clientID), "
            + "client secret: <redacted>, app key: <redacted>, page size: \(effectivePageSize))"
    }

    /// Keeps `dump(_:)` and debuggers from printing the credentials.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "apiBaseURL": apiBaseURL, "tokenURL": tokenURL, "tenantID": tenantID, "clientID": clientID,
                "clientSecret": "<redacted>", "appKey": "<redacted>", "pageSize": pageSize,
                "technicianLinks": technicianLinks, "timeZone": timeZone as Any, "retry": retry,
                "requestTimeout": requestTimeout,
            ], displayStyle: .struct)
    }
}
