import FieldSyncCore
import Foundation

/// How to reach one Housecall Pro company and how often to read it completely.
///
/// ```swift
/// let configuration = HousecallProConfiguration(
///     apiBaseURL: URL(string: "http://127.0.0.1:8089/housecallpro")!,
///     apiKey: key,                               // from the environment or a file
///     technicianLinks: ["pro_4f1c…": "sam-becker"],
///     timeZone: "America/Denver")
/// ```
///
/// Printing or dumping a configuration never shows the API key.
public struct HousecallProConfiguration: Sendable {
    /// Production's API base.
    public static let productionAPIBaseURL = URL(string: "https://api.housecallpro.com")!

    /// Where the API lives; the spec's paths (`/jobs`) are appended to it, so it may carry a path
    /// prefix (the sandbox's `/housecallpro`).
    public var apiBaseURL: URL
    /// The company's API key, sent as `Authorization: Token <key>`. Never logged, never put into
    /// errors or notes.
    public var apiKey: String
    /// Sent as `X-Company-Id` when set (accounts with several companies or locations).
    public var companyID: String?
    /// Records per page requested from list endpoints.
    public var pageSize: Int
    /// Housecall Pro employee id → local technician id. Employees not listed get
    /// `<source name>-<employee id>`; a listed employee counts as a technician whatever their role.
    public var technicianLinks: [String: String]
    /// The company's IANA time zone (`America/Denver`), given to its technicians.
    public var timeZone: String?
    /// How often the jobs and customers are read completely (ending with sweeps that reveal
    /// deletions) instead of incrementally.
    public var fullPassInterval: Duration
    /// Retries for 429, 5xx, timeouts and unreadable bodies.
    public var retry: HTTPRetryPolicy
    /// How long one request may take.
    public var requestTimeout: Duration

    public init(
        apiBaseURL: URL = HousecallProConfiguration.productionAPIBaseURL, apiKey: String, companyID: String? = nil,
        pageSize: Int = 100, technicianLinks: [String: String] = [:], timeZone: String? = nil,
        fullPassInterval: Duration = .seconds(24 * 60 * 60), retry: HTTPRetryPolicy = HTTPRetryPolicy(),
        requestTimeout: Duration = .seconds(30)
    ) {
        self.apiBaseURL = apiBaseURL
        self.apiKey = apiKey
        self.companyID = companyID
        self.pageSize = pageSize
        self.technicianLinks = technicianLinks
        self.timeZone = timeZone
        self.fullPassInterval = fullPassInterval
        self.retry = retry
        self.requestTimeout = requestTimeout
    }
}

extension HousecallProConfiguration: CustomStringConvertible, CustomReflectable {
    /// The configuration without its API key.
    public var description: String {
        "HousecallProConfiguration(apiBaseURL: \(apiBaseURL.absoluteString), apiKey: <redacted>, "
            + "companyID: \(companyID ?? "nil"), pageSize: \(pageSize), technicianLinks: \(technicianLinks.count), "
            + "timeZone: \(timeZone ?? "nil"), fullPassInterval: \(fullPassInterval))"
    }

    /// What `dump` and debuggers show: everything but the API key.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "apiBaseURL": apiBaseURL, "apiKey": "<redacted>", "companyID": companyID as Any,
                "pageSize": pageSize, "technicianLinks": technicianLinks, "timeZone": timeZone as Any,
                "fullPassInterval": fullPassInterval, "retry": retry, "requestTimeout": requestTimeout,
            ], displayStyle: .struct)
    }
}
