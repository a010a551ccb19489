import FieldSyncCore
import Foundation
import Synchronization
import Testing

/// How adapters retry: politely, and never by writing twice.
@Suite("Retrying HTTP requests")
struct HTTPRetryPolicyTests {
    /// Answers from a script and counts the requests.
    final class Script: HTTPTransport, Sendable {
        let answers: Mutex<[Result<HTTPTransportResponse, HTTPTransportError>]>
        let sent = Mutex(0)

        init(_ answers: [Result<HTTPTransportResponse, HTTPTransportError>]) { self.answers = Mutex(answers) }

        func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
            sent.withLock { $0 += 1 }
            let next = answers.withLock { $0.isEmpty ? .success(HTTPTransportResponse(status: 200)) : $0.removeFirst() }
            return try next.get()
        }
    }

    static let url = URL(string: "https://api.example.test/jobs")!
    static let timeout = HTTPTransportError(url: url, message: "timed out", isTimeout: true)

    @Test("a GET is retried after a timeout and a 503, waiting what Retry-After asks")
    func getRetried() async throws {
        let script = Script([.failure(Self.timeout), .success(HTTPTransportResponse(status: 503, headers: ["Retry-After": "7"]))])
        let waits = Mutex<[Duration]>([])
        let response = try await HTTPRetryPolicy().send(HTTPTransportRequest(url: Self.url), via: script) { d in
            waits.withLock { $0.append(d) }
        }
        #expect(response.status == 200)
        #expect(script.sent.withLock { $0 } == 3)
        #expect(waits.withLock { $0.last } == .seconds(7))
    }

    @Test("a POST that timed out or got a 500 is not sent again: the server may have acted on it")
    func postNotRepeated() async throws {
        for answer in [Result<HTTPTransportResponse, HTTPTransportError>.failure(Self.timeout), .success(HTTPTransportResponse(status: 500))] {
            let script = Script([answer])
            let request = HTTPTransportRequest(method: "POST", url: Self.url, body: Array("{}".utf8))
            let outcome = await Task { try await HTTPRetryPolicy().send(request, via: script) { _ in } }.result
            #expect(script.sent.withLock { $0 } == 1)
            if case .success(let response) = outcome { #expect(response.status == 500) }
        }
    }

    @Test("a POST refused with 429 is sent again, and a token request is safe to repeat")
    func postRetriedWhenNotActedOn() async throws {
        let limited = Script([.success(HTTPTransportResponse(status: 429, headers: ["Retry-After": "1"]))])
        let post = HTTPTransportRequest(method: "POST", url: Self.url)
        #expect(try await HTTPRetryPolicy().send(post, via: limited) { _ in }.status == 200)
        #expect(limited.sent.withLock { $0 } == 2)

        let token = Script([.failure(Self.timeout)])
        #expect(try await HTTPRetryPolicy().send(post, via: token, safeToRepeat: true) { _ in }.status == 200)
        #expect(token.sent.withLock { $0 } == 2)
    }

    @Test("an absurd Retry-After is capped instead of crashing, and a longer one than allowed is not waited for")
    func hugeRetryAfter() {
        #expect(HTTPRetryPolicy.parseRetryAfter("1e300", now: Date()) == .seconds(31_536_000))
        #expect(HTTPRetryPolicy().delay(afterAttempt: 1, retryAfter: "1e300") == nil)
        #expect(HTTPRetryPolicy.parseRetryAfter("soon", now: Date()) == nil)
    }
}
