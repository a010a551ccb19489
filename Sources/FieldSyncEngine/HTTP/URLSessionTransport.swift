import FieldSyncCore
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The live ``HTTPTransport``: Foundation's URLSession (libcurl on Linux), with no response
/// cache, so conditional requests reach the server and a `304` reaches the adapter, and with a
/// ``RedirectPolicy`` that keeps credentials from following a redirect to another host.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration, delegate: RedirectPolicy(), delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        let timeout = request.timeout.components
        urlRequest.timeoutInterval = Double(timeout.seconds) + Double(timeout.attoseconds) / 1e18
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if let body = request.body { urlRequest.httpBody = Data(body) }
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                throw HTTPTransportError(url: request.url, message: "the response was not HTTP")
            }
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields {
                if let key = key as? String, let value = value as? String { headers[key] = value }
            }
            return HTTPTransportResponse(status: http.statusCode, headers: headers, body: Array(data))
        } catch let error as HTTPTransportError {
            throw error
        } catch let error as URLError {
            throw HTTPTransportError(
                url: request.url, message: Self.describe(error), isTimeout: error.code == .timedOut)
        } catch {
            throw HTTPTransportError(url: request.url, message: "\(type(of: error))")
        }
    }

    /// A message about a URL error that never repeats the URL itself.
    private static func describe(_ error: URLError) -> String {
        switch error.code {
        case .timedOut: "timed out"
        case .cannotFindHost, .dnsLookupFailed: "the host name could not be resolved"
        case .cannotConnectToHost: "the connection was refused"
        case .networkConnectionLost: "the connection was lost"
        case .notConnectedToInternet: "no network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            "the TLS connection failed (certificate?)"
        case .badServerResponse: "the server's response could not be read"
        case .httpTooManyRedirects: "too many redirects"
        default: "network error \(error.code.rawValue)"
        }
    }
}
