import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What a redirect may carry along: credentials stay with the origin they were configured for.
///
/// - A redirect to another origin (scheme, host or port) drops `Authorization`, `Cookie` and
///   `Proxy-Authorization` and every header the request was given beyond the harmless ones, so a
///   calendar host cannot hand a feed's token to a third party.
/// - A redirect from https to plain http is refused.
final class RedirectPolicy: NSObject, URLSessionTaskDelegate, Sendable {
    /// Headers safe to keep on any redirect.
    static let harmless: Set<String> = ["accept", "user-agent", "if-none-match", "if-modified-since", "accept-encoding"]

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(Self.follow(from: task.originalRequest, to: request))
    }

    /// The request to send for a redirect, or nil to stop and return the redirect response.
    static func follow(from original: URLRequest?, to next: URLRequest) -> URLRequest? {
        guard let from = original?.url, let to = next.url else { return nil }
        if from.scheme?.lowercased() == "https" && to.scheme?.lowercased() != "https" { return nil }
        guard !sameOrigin(from, to) else { return next }
        var stripped = next
        for name in (next.allHTTPHeaderFields ?? [:]).keys where !harmless.contains(name.lowercased()) {
            stripped.setValue(nil, forHTTPHeaderField: name)
        }
        return stripped
    }

    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        func port(_ u: URL) -> Int? { u.port ?? (u.scheme?.lowercased() == "https" ? 443 : u.scheme?.lowercased() == "http" ? 80 : nil) }
        return a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased()
            && port(a) == port(b)
    }
}
