import FieldSyncSandbox
import Foundation
import Testing

@Suite("ServiceTitan: tokens, app key and tenant")
struct ServiceTitanAuthTests {
    @Test("good client credentials get a Bearer token with expires_in")
    func issuesToken() async throws {
        let clock = TestClock()
        try await withSandbox(options: .testing(clock: clock) { $0.tokenLifetime = 600 }) { _, client in
            let reply = try await client.token()
            #expect(reply.status == 200)
            let json = try #require(reply.json)
            #expect(json["token_type"]?.stringValue == "Bearer")
            #expect(json["expires_in"]?.intValue == 600)
            #expect((json["access_token"]?.stringValue ?? "").count > 20)
        }
    }

    @Test("a wrong client secret is refused with invalid_client")
    func refusesWrongSecret() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let reply = try await client.token(secret: "guess")
            #expect(reply.status == 400)
            #expect(reply.json?["error"]?.stringValue == "invalid_client")
            #expect(!reply.text.contains("sandbox-secret"))
        }
    }

    @Test("a call without a token gets 401 with an RFC 7807 body")
    func missingToken() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let reply = try await client.st("GET", "settings", "technicians", token: "not-a-token")
            #expect(reply.status == 401)
            #expect(reply.header("Content-Type")?.hasPrefix("application/problem+json") == true)
            let body = try #require(reply.json)
            #expect(SpecShapes.problemRequired.isSubset(of: body.keySet))
            #expect(body["status"]?.intValue == 401)
        }
    }

    @Test("a token stops working once its lifetime has passed")
    func tokenExpires() async throws {
        let clock = TestClock()
        try await withSandbox(options: .testing(clock: clock) { $0.tokenLifetime = 60 }) { _, client in
            let token = try await client.accessToken()
            #expect(try await client.st("GET", "settings", "technicians", token: token).status == 200)
            clock.advance(seconds: 59)
            #expect(try await client.st("GET", "settings", "technicians", token: token).status == 200)
            clock.advance(seconds: 2)
            let expired = try await client.st("GET", "settings", "technicians", token: token)
            #expect(expired.status == 401)
            #expect(expired.header("WWW-Authenticate")?.contains("invalid_token") == true)
            let fresh = try await client.accessToken()
            #expect(try await client.st("GET", "settings", "technicians", token: fresh).status == 200)
        }
    }

    @Test("a missing or wrong ST-App-Key gets 403")
    func appKey() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            #expect(try await client.st("GET", "jpm", "jobs", token: token, appKey: nil).status == 403)
            #expect(try await client.st("GET", "jpm", "jobs", token: token, appKey: "other-app").status == 403)
            // The spec also accepts the key as a query parameter.
            let viaQuery = try await client.st(
                "GET", "jpm", "jobs", query: [("servicetitanapplicationkey", "sandbox-app-key")], token: token, appKey: nil)
            #expect(viaQuery.status == 200)
        }
    }

    @Test("another tenant in the path gets 403 with an RFC 7807 body")
    func unknownTenant() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let reply = try await client.st("GET", "jpm", "jobs", token: token, tenant: "999")
            #expect(reply.status == 403)
            #expect(SpecShapes.problemRequired.isSubset(of: reply.json?.keySet ?? []))
        }
    }

    @Test("an unknown path answers 404 in the vendor's error shape")
    func unknownPath() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let reply = try await client.st("GET", "jpm", "no-such-thing", token: token)
            #expect(reply.status == 404)
            #expect(reply.json?["status"]?.intValue == 404)
        }
    }
}
