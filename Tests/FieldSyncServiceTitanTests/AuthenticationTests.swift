import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("Authentication")
struct AuthenticationTests {
    @Test("the token is fetched once with client credentials and reused for every request")
    func tokenReused() async throws {
        let transport = ScriptedTransport()
        _ = try await Fixture.pull(Fixture.adapter(transport))

        let tokenCalls = await transport.calls(to: Fixture.tokenPath)
        #expect(tokenCalls.count == 1)
        let tokenCall = try #require(tokenCalls.first)
        #expect(tokenCall.method == "POST")
        #expect(tokenCall.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(tokenCall.body == "grant_type=client_credentials&client_id=sandbox-client&client_secret=client-SECRET-4711")

        let apiCalls = await transport.apiCalls
        #expect(apiCalls.count == 12)  // 3 reference lists, 7 export feeds, 2 lists, one page each
        for call in apiCalls {
            #expect(call.header("Authorization") == "Bearer token-1")
            #expect(call.header("ST-App-Key") == Fixture.appKey)
        }
    }

    @Test("the token is renewed a minute before it expires")
    func tokenRenewedBeforeExpiry() async throws {
        let transport = ScriptedTransport()
        let clock = TestClock()
        await transport.enqueue(
            Fixture.tokenPath, .json(#"{"access_token":"short-lived","token_type":"Bearer","expires_in":120}"#))
        // Reading the zones takes 61 s: the token then has 59 s left, too little to use.
        await transport.handle(Fixture.zones) { _ in
            clock.advance(by: 61)
            return .json(Fixture.listPage([], hasMore: false))
        }
        _ = try await Fixture.pull(Fixture.adapter(transport, clock: clock))

        #expect(await transport.calls(to: Fixture.tokenPath).count == 2)
        #expect(await transport.calls(to: Fixture.zones).first?.header("Authorization") == "Bearer short-lived")
        #expect(await transport.calls(to: Fixture.technicians).first?.header("Authorization") == "Bearer token-1")
    }

    @Test("a 401 refreshes the token once and sends the request again")
    func refreshOn401() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(Fixture.technicians, .problem(401, title: "Unauthorized"))
        await transport.enqueue(
            Fixture.technicians,
            .json(Fixture.exportPage([#"{"id":10101,"name":"Maria Lopez","active":true}"#], hasMore: false, continueFrom: "t1")))
        let sink = try await Fixture.pull(Fixture.adapter(transport))

        #expect(await transport.calls(to: Fixture.tokenPath).count == 2)
        let calls = await transport.calls(to: Fixture.technicians)
        #expect(calls.map { $0.header("Authorization") } == ["Bearer token-1", "Bearer token-2"])
        let merged = await sink.merged
        #expect(merged.technicians.map(\.id) == ["maria-lopez"])
        #expect(merged.failures.isEmpty)
        // The new token is kept for what follows.
        #expect(await transport.calls(to: Fixture.customers).first?.header("Authorization") == "Bearer token-2")
    }

    @Test("a second 401 ends the pull with an error that names the tenant")
    func second401() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(Fixture.technicians, .problem(401, title: "Unauthorized"), .problem(401, title: "Unauthorized"))
        let adapter = Fixture.adapter(transport)
        let error = try await #require(throws: ServiceTitanError.self) { try await Fixture.pull(adapter) }

        #expect(error.code == .unauthorized)
        #expect(!error.isTransient)
        #expect(error.message.contains("tenant 1000001"))
        #expect(await transport.calls(to: Fixture.technicians).count == 2)
        #expect(await transport.calls(to: Fixture.customers).isEmpty)
    }

    @Test("client credentials the token endpoint refuses end the pull before any API call")
    func credentialsRefused() async throws {
        for status in [400, 401] {
            let transport = ScriptedTransport()
            await transport.enqueue(
                Fixture.tokenPath, .json(#"{"error":"invalid_client"}"#, status: status))
            let adapter = Fixture.adapter(transport)
            let error = try await #require(throws: ServiceTitanError.self) { try await Fixture.pull(adapter) }

            #expect(error.code == .credentialsRefused)
            #expect(!error.isTransient)
            #expect(error.message.hasPrefix("ServiceTitan refused the client id/secret for tenant 1000001"))
            #expect(error.message.contains("invalid_client"))
            #expect(!error.message.contains(Fixture.clientSecret))
            #expect(await transport.apiCalls.isEmpty)
        }
    }

    @Test("a 403 fails that resource as not transient, naming the app key, and the others are still read")
    func forbidden() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(Fixture.technicians, .problem(403, title: "Forbidden"))
        let sink = try await Fixture.pull(Fixture.adapter(transport))

        let failure = try #require(await sink.merged.failures.first)
        #expect(failure.part == "technicians")
        #expect(!failure.isTransient)
        #expect(failure.message.contains("403"))
        #expect(failure.message.contains("app key"))
        #expect(!failure.message.contains(Fixture.appKey))
        #expect(await transport.calls(to: Fixture.customers).count == 1)
        #expect(await transport.calls(to: Fixture.nonJobAppointments).count == 1)
    }
}
