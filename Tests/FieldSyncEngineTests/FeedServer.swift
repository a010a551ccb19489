import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A calendar server on loopback for tests: serves one feed with an ETag and Last-Modified,
/// answers conditional requests with 304, and can be told to fail in the ways real servers do.
final class FeedServer: Sendable {
    enum Scripted: Sendable {
        case status(Int, retryAfter: String? = nil)
        case html
        case truncated
        /// A 302 to this URL.
        case redirect(String)
    }

    struct Seen: Sendable {
        var path: String
        var authority: String?
        var ifNoneMatch: String?
        var ifModifiedSince: String?
        var authorization: String?
        var status: Int
    }

    private struct State {
        var body: String = ""
        var version = 1
        var script: [Scripted] = []
        var seen: [Seen] = []
    }

    private let state = Mutex(State())

    init(body: String) {
        state.withLock { $0.body = body }
    }

    func setBody(_ body: String) {
        state.withLock {
            $0.body = body
            $0.version += 1
        }
    }

    /// Responses to give, in order, before serving normally again.
    func script(_ responses: [Scripted]) { state.withLock { $0.script = responses } }

    var requests: [Seen] { state.withLock { $0.seen } }

    private func respond(to request: Request) -> Response {
        state.withLock { s in
            let etag = "\"v\(s.version)\""
            let lastModified = "Sun, 01 Nov 2026 0\(s.version % 10):00:00 GMT"
            var seen = Seen(
                path: request.uri.path, authority: request.head.authority, ifNoneMatch: request.headers[.ifNoneMatch],
                ifModifiedSince: request.headers[.ifModifiedSince], authorization: request.headers[.authorization], status: 200)
            defer { s.seen.append(seen) }
            if !s.script.isEmpty {
                switch s.script.removeFirst() {
                case .status(let code, let retryAfter):
                    seen.status = code
                    var headers: HTTPFields = [:]
                    if let retryAfter { headers[.retryAfter] = retryAfter }
                    return Response(status: .init(code: code), headers: headers)
                case .html:
                    return Response(
                        status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: "<!doctype html><html><body>Please sign in</body></html>")))
                case .redirect(let location):
                    seen.status = 302
                    return Response(status: .found, headers: [.location: location])
                case .truncated:
                    let cut = String(s.body.prefix(s.body.count / 2))
                    return Response(
                        status: .ok, headers: [.contentType: "text/calendar", .eTag: etag],
                        body: .init(byteBuffer: ByteBuffer(string: cut)))
                }
            }
            if request.headers[.ifNoneMatch] == etag {
                seen.status = 304
                return Response(status: .notModified, headers: [.eTag: etag])
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/calendar; charset=utf-8", .eTag: etag, .lastModified: lastModified],
                body: .init(byteBuffer: ByteBuffer(string: s.body)))
        }
    }

    /// Runs `body` while the server listens on a random loopback port.
    func serve(_ body: @Sendable @escaping (_ port: Int) async throws -> Void) async throws {
        let router = Router()
        router.get("**") { request, _ -> Response in self.respond(to: request) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            guard let port = client.port else { throw CancellationError() }
            try await body(port)
        }
    }
}
