import FieldSyncCore
import Foundation

/// An in-memory ServiceTitan: answers each path from a queue of scripted replies or a closure,
/// and records every request it got.
///
/// Unscripted paths get harmless defaults: the token endpoint issues `token-1`, `token-2`, …
/// (valid 900 s), export feeds answer an empty last page, list endpoints an empty page.
actor ScriptedTransport: HTTPTransport {
    /// One request as received.
    struct Call: Sendable {
        var method: String
        var url: URL
        /// The path under the API base (`settings/v2/tenant/1000001/export/technicians`, `connect/token`).
        var path: String
        var query: [String: String]
        var headers: [String: String]
        var body: String

        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    enum Reply: Sendable {
        case response(HTTPTransportResponse)
        case failure(HTTPTransportError)
    }

    typealias Handler = @Sendable (Call) -> Reply

    let base: String
    private(set) var calls: [Call] = []
    private var queues: [String: [Reply]] = [:]
    private var handlers: [String: Handler] = [:]
    private var tokensIssued = 0

    init(base: String = Fixture.apiBase) {
        self.base = base.hasSuffix("/") ? base : base + "/"
    }

    /// Answers the next requests to `path` with `replies`, in order (then the default again).
    func enqueue(_ path: String, _ replies: Reply...) {
        queues[path, default: []] += replies
    }

    /// Answers every request to `path` (after its queue is empty) with `handler`.
    func handle(_ path: String, _ handler: @escaping Handler) {
        handlers[path] = handler
    }

    func calls(to path: String) -> [Call] { calls.filter { $0.path == path } }

    var apiCalls: [Call] { calls.filter { $0.path != Fixture.tokenPath } }

    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        let call = Self.call(request, base: base)
        calls.append(call)
        let reply: Reply
        if var queue = queues[call.path], !queue.isEmpty {
            reply = queue.removeFirst()
            queues[call.path] = queue
        } else if let handler = handlers[call.path] {
            reply = handler(call)
        } else {
            reply = defaultReply(call)
        }
        switch reply {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }

    private func defaultReply(_ call: Call) -> Reply {
        if call.path == Fixture.tokenPath {
            tokensIssued += 1
            return .json(#"{"access_token":"token-\#(tokensIssued)","token_type":"Bearer","expires_in":900}"#)
        }
        if call.path.contains("/export/") { return .json(Fixture.exportPage([], hasMore: false, continueFrom: "end")) }
        return .json(Fixture.listPage([], hasMore: false))
    }

    private static func call(_ request: HTTPTransportRequest, base: String) -> Call {
        let text = request.url.absoluteString
        let withoutQuery = text.split(separator: "?", maxSplits: 1).first.map(String.init) ?? text
        let path = withoutQuery.hasPrefix(base) ? String(withoutQuery.dropFirst(base.count)) : withoutQuery
        var query: [String: String] = [:]
        for item in URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? [] {
            query[item.name] = item.value ?? ""
        }
        var headers: [String: String] = [:]
        for header in request.headers { headers[header.name.lowercased()] = header.value }
        return Call(
            method: request.method, url: request.url, path: path, query: query, headers: headers,
            body: String(decoding: request.body ?? [], as: UTF8.self))
    }
}

extension ScriptedTransport.Reply {
    static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> Self {
        .response(HTTPTransportResponse(status: status, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a }, body: Array(text.utf8)))
    }

    static func status(_ status: Int, headers: [String: String] = [:], body: String = "") -> Self {
        .response(HTTPTransportResponse(status: status, headers: headers, body: Array(body.utf8)))
    }

    /// An RFC 7807 problem.
    static func problem(_ status: Int, title: String, errors: [String: [String]] = [:]) -> Self {
        let errorText = errors.map { "\"\($0.key)\":[\($0.value.map { "\"\($0)\"" }.joined(separator: ","))]" }.joined(separator: ",")
        return .json(
            #"{"type":"https://tools.ietf.org/html/rfc7231","title":"\#(title)","status":\#(status),"traceId":"00-abc","errors":{\#(errorText)},"data":{}}"#,
            status: status)
    }

    static func timeout(_ path: String = Fixture.apiBase) -> Self {
        .failure(HTTPTransportError(url: URL(string: path)!, message: "timed out", isTimeout: true))
    }
}
