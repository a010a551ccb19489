import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("Secrets")
struct SecretTests {
    static let secrets = [Fixture.clientSecret, Fixture.appKey, "token-1", "token-2"]

    static func leaks(_ text: String) -> Bool { secrets.contains { text.contains($0) } }

    @Test("no secret appears in a request URL, a failure, a note or a reject, whatever goes wrong")
    func nothingLeaks() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(Fixture.technicians, .problem(401, title: "Unauthorized"))
        await transport.enqueue(Fixture.customers, .problem(403, title: "Forbidden"))
        await transport.enqueue(Fixture.locations, .status(500), .status(500), .status(500))
        await transport.enqueue(Fixture.contacts, .json("{\"hasMore\":tr"), .json("{"), .json("]"))
        await transport.enqueue(Fixture.jobs, .problem(400, title: "Bad Request"))
        await transport.enqueue(Fixture.appointments, .problem(404, title: "Not Found"))
        await transport.enqueue(Fixture.assignments, .timeout(), .timeout(), .timeout())
        await transport.enqueue(Fixture.shifts, .json(Fixture.listPage([#"{"id":1}"#], hasMore: false)))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged

        #expect(merged.failures.count == 6)
        for call in await transport.calls { #expect(!Self.leaks(call.url.absoluteString)) }
        for failure in merged.failures { #expect(!Self.leaks(failure.message)) }
        for note in merged.notes { #expect(!Self.leaks(note)) }
        for reject in merged.rejects { #expect(!Self.leaks(reject.reason)) }
    }

    @Test("errors that end the pull hold no secret")
    func fatalErrors() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(Fixture.tokenPath, .json(#"{"error":"invalid_client","error_description":"bad"}"#, status: 401))
        let adapter = Fixture.adapter(transport)
        let refused = try await #require(throws: ServiceTitanError.self) { try await Fixture.pull(adapter) }
        #expect(!Self.leaks(refused.description))

        let other = ScriptedTransport()
        await other.enqueue(Fixture.businessUnits, .status(401), .status(401))
        let unauthorized = try await #require(throws: ServiceTitanError.self) {
            try await Fixture.pull(Fixture.adapter(other))
        }
        #expect(unauthorized.code == .unauthorized)
        #expect(!Self.leaks(unauthorized.description))
    }

    @Test("the configuration prints and dumps its credentials redacted")
    func configurationRedacted() {
        let configuration = Fixture.configuration()
        #expect(!Self.leaks(String(describing: configuration)))
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!Self.leaks(dumped))
        #expect(dumped.contains("sandbox-client"))
    }
}
