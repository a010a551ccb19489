/// Why a request to Housecall Pro failed, with the resource and page it was for and a message an
/// operator can act on. Never holds the API key or customer details.
///
/// Only ``Code/unauthorized`` stops a pull (nothing more can be read); the others become a
/// ``FieldSyncCore/SourceFailure`` of the resource they happened in.
public struct HousecallProError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// 401: the API key was refused.
        case unauthorized
        /// 403: the key may not read this (plan, company id, permissions).
        case forbidden
        /// Any other unexpected HTTP status, after retries for the retryable ones.
        case httpStatus
        /// A `2xx` whose body could not be read as the expected list, after retries.
        case unreadableBody
        /// No response at all (connection refused, timeout), after retries.
        case transport
    }

    public var code: Code
    /// The resource (`jobs`) and page the request was for, when it was a list page.
    public var resource: String?
    public var page: Int?
    /// The HTTP status, when there was a response.
    public var status: Int?
    /// True when trying again later may succeed (timeouts, 5xx, 429, truncated bodies).
    public var isTransient: Bool
    /// What went wrong and what to do, without the request's target (see ``description``).
    public var message: String

    public init(
        _ code: Code, resource: String? = nil, page: Int? = nil, status: Int? = nil, isTransient: Bool, message: String
    ) {
        self.code = code
        self.resource = resource
        self.page = page
        self.status = status
        self.isTransient = isTransient
        self.message = message
    }

    public var description: String {
        var target = ""
        if let resource { target = page.map { "\(resource) page \($0)" } ?? resource }
        return target.isEmpty ? message : "\(target): \(message)"
    }
}
