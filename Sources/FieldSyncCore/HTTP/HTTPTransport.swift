import Foundation

/// Sends one HTTP request. Adapters receive a transport instead of building their own client, so
/// tests can point them at a loopback server or inject faults, and the engine chooses the
/// implementation (`URLSessionTransport` in FieldSyncEngine).
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse
}

public struct HTTPTransportRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    public var timeout: Duration

    public init(
        method: String = "GET", url: URL, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil,
        timeout: Duration = .seconds(30)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

public struct HTTPTransportResponse: Sendable {
    public var status: Int
    /// Header names lowercased; repeated headers joined with ", ".
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { "\($0), \($1)" })
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A failure to get any HTTP response at all (DNS, refused, timeout, TLS).
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    /// The URL with any secret part removed (see ``RedactedURL``).
    public var url: String
    public var message: String
    public var isTimeout: Bool

    public init(url: URL, message: String, isTimeout: Bool = false) {
        self.url = RedactedURL(url).description
        self.message = message
        self.isTimeout = isTimeout
    }

    public var description: String { "\(url): \(message)" }
}
