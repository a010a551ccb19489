import FieldSyncCore
import FieldSyncEngine
import FieldSyncHousecallPro
import FieldSyncServiceTitan
import Foundation
import Testing

@Suite("A source's booking: block and the writers built from it")
struct BookingWriterConfigurationTests {
    static let sandboxConfig = SandboxHarness.repository.appendingPathComponent("Adapters/Sandbox/fieldsync.yaml").path

    @Test("the sandbox configuration books ServiceTitan jobs into campaign 61 and writes Housecall Pro live")
    func sandboxConfiguration() throws {
        let config = try FieldSyncConfig.load(
            path: Self.sandboxConfig, environment: [FieldSyncConfig.sandboxURLVariable: "http://127.0.0.1:8089"])
        let st = try #require(config.sources.first { $0.name == "lakeshore-st" })
        let hcp = try #require(config.sources.first { $0.name == "frontrange-hcp" })
        #expect(st.booking == SourceBookingSettings(shadow: false, recheckAfter: .seconds(600), writeTimeout: .seconds(10), campaignID: 61))
        #expect(hcp.booking == SourceBookingSettings(shadow: false, writeTimeout: .seconds(10)))

        let transport = URLSessionTransport()
        let stWriter = try #require(BookingWriterFactory.writer(for: st, transport: transport) as? ServiceTitanBookingWriter)
        #expect(stWriter.campaignID == 61)
        #expect(stWriter.applicationGUID == ServiceTitanBookingWriter.defaultApplicationGUID)
        #expect(stWriter.sourceName == "lakeshore-st" && stWriter.backend == "servicetitan")
        let hcpWriter = try #require(BookingWriterFactory.writer(for: hcp, transport: transport))
        #expect(hcpWriter.backend == "housecallpro")
        let calendars = try #require(config.sources.first { $0.name == "tech-calendars" })
        #expect(BookingWriterFactory.writer(for: calendars, transport: transport) == nil)
    }

    @Test("booking: reads shadow, recheck_after_minutes and ServiceTitan's campaign and GUID; typos and bad values are refused by line")
    func bookingBlock() throws {
        let ws = try Workspace()
        try ws.write("Mappings/servicetitan.yaml", "job_types: {}\n")
        try ws.write("Mappings/housecallpro.yaml", "job_types: {}\n")
        func config(_ stBooking: String, _ hcpBooking: String = "{ shadow: true }") throws -> String {
            try ws.write(
                "c.yaml",
                """
                mappings: Mappings
                sources:
                  - name: st
                    type: servicetitan
                    tenant: "1"
                    client_id: a
                    client_secret: b
                    app_key: c
                    booking: \(stBooking)
                  - name: hcp
                    type: housecallpro
                    api_key: k
                    booking: \(hcpBooking)
                """)
            return ws.path("c.yaml")
        }
        let loaded = try FieldSyncConfig.load(
            path: try config(#"{ shadow: true, recheck_after_minutes: 3, campaign_id: 7, application_guid: "8A4F2C10-5B7E-4D1A-9C3E-2F6B8D0E1A77" }"#),
            environment: [:])
        #expect(loaded.sources[0].booking.shadow)
        #expect(loaded.sources[0].booking.recheckAfter == .seconds(180))
        #expect(loaded.sources[0].booking.campaignID == 7)
        #expect(loaded.sources[0].booking.applicationGUID == "8a4f2c10-5b7e-4d1a-9c3e-2f6b8d0e1a77")
        #expect(loaded.sources[1].booking.shadow)
        #expect(loaded.sources[1].booking.recheckAfter == .seconds(600))

        let typo = #expect(throws: ConfigError.self) {
            try FieldSyncConfig.load(path: try config("{ campaing_id: 7 }"), environment: [:])
        }
        #expect(typo?.message.contains("did you mean campaign_id?") == true)
        #expect(typo?.line == 9)
        let vendorKey = #expect(throws: ConfigError.self) {
            try FieldSyncConfig.load(path: try config("{ shadow: false }", "{ campaign_id: 7 }"), environment: [:])
        }
        #expect(vendorKey?.message.contains("unknown key \"campaign_id\"") == true)
        let notBool = #expect(throws: ConfigError.self) {
            try FieldSyncConfig.load(path: try config("{ shadow: maybe }"), environment: [:])
        }
        #expect(notBool?.keyPath == "sources[0].booking.shadow")
        let badGUID = #expect(throws: ConfigError.self) {
            try FieldSyncConfig.load(path: try config("{ application_guid: not-a-guid }"), environment: [:])
        }
        #expect(badGUID?.keyPath == "sources[0].booking.application_guid")
    }
}
