import FieldSyncCore
import FieldSyncEngine
import FieldSyncHousecallPro
import FieldSyncSandbox
import FieldSyncServiceTitan
import Foundation
import Testing

/// The sandbox served over real HTTP on loopback, with both booking writers pointed at it
/// through the engine's transport (quick retries for reads, as the sync's harness has).
struct WriterSandbox {
    let harness: SandboxHarness
    let serviceTitan: ServiceTitanBookingWriter
    let housecallPro: HousecallProBookingWriter
    var server: SandboxServer { harness.server }

    /// Runs `body` against a fresh sandbox with `faults`, stopping it afterwards.
    static func with(
        faults: [String] = [], campaignID: Int64? = 61, _ body: (WriterSandbox) async throws -> Void
    ) async throws {
        let harness = try await SandboxHarness.start(faults: faults)
        do {
            let adapters = try harness.adapters(requestTimeout: .seconds(5))
            let st = try #require(adapters.compactMap { $0 as? ServiceTitanAdapter }.first)
            let hcp = try #require(adapters.compactMap { $0 as? HousecallProAdapter }.first)
            let transport = URLSessionTransport()
            let sandbox = WriterSandbox(
                harness: harness,
                serviceTitan: ServiceTitanBookingWriter(
                    sourceName: st.sourceName, configuration: st.configuration, campaignID: campaignID, transport: transport),
                housecallPro: HousecallProBookingWriter(
                    sourceName: hcp.sourceName, configuration: hcp.configuration, transport: transport))
            try await body(sandbox)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    /// How many records of `resource` the sandbox holds.
    func count(_ resource: SandboxResource) async -> Int {
        await server.records(resource).count
    }

    /// How many requests the faults hit so far.
    func faultsFired() async -> Int {
        await server.faultCounts().map(\.fired).reduce(0, +)
    }
}

/// Bookings for the tests: tomorrow-ish, on the hour, so they sit inside the sandbox's week.
enum BookingSamples {
    static var tomorrowAt10: Date {
        let now = Date().timeIntervalSince1970
        return Date(timeIntervalSince1970: (now / 3600).rounded(.down) * 3600 + 26 * 3600)
    }

    /// Maria Lopez (10101), "No Heat", for `customer` at `address` (an existing Chicago customer
    /// by default: Imani Kim, 872-555-0134, location 500001).
    static func serviceTitan(
        _ bookingID: String = "bk_\(UUID().uuidString.prefix(8).lowercased())",
        technician: String = "10101", jobType: String = "No Heat",
        customer: BookingCustomer = BookingCustomer(name: "Imani Kim", phone: "(872) 555-0134"),
        address: Location = Location(street: "5769 W Fullerton Ave", city: "Chicago", region: "IL", postalCode: "60610", country: "USA"),
        start: Date = tomorrowAt10
    ) -> BookingIntent {
        BookingIntent(
            bookingID: bookingID, technicianExternalID: technician, start: start, end: start.addingTimeInterval(7200),
            arrivalStart: start, arrivalEnd: start.addingTimeInterval(7200), vendorJobType: jobType, customer: customer,
            address: address, summary: "Furnace will not start", urgency: .urgent, timeZone: "America/Chicago")
    }

    /// A caller neither backend knows, in Chicago.
    static let newChicagoCustomer = BookingCustomer(name: "Ana Ortiz", phone: "+1 773-555-0900", email: "ana@example.com")
    static let newChicagoAddress = Location(street: "1 N State St", city: "Chicago", region: "IL", postalCode: "60602", country: "USA")

    /// Sam Becker, "Furnace Repair", for `customer` at `address` (an existing Denver customer by
    /// default: Tom Duarte, 303-555-0129).
    static func housecallPro(
        _ bookingID: String = "bk_\(UUID().uuidString.prefix(8).lowercased())",
        technician: String = samBecker, jobType: String = "Furnace Repair",
        customer: BookingCustomer = BookingCustomer(name: "Tom Duarte", phone: "303-555-0129"),
        address: Location = Location(street: "6090 N Federal Blvd", city: "Denver", region: "CO", postalCode: "80205", country: "US"),
        start: Date = tomorrowAt10
    ) -> BookingIntent {
        BookingIntent(
            bookingID: bookingID, technicianExternalID: technician, start: start, end: start.addingTimeInterval(5400),
            arrivalStart: start, arrivalEnd: start.addingTimeInterval(3600), vendorJobType: jobType, customer: customer,
            address: address, summary: "No hot water", urgency: .routine, timeZone: "America/Denver")
    }

    static let samBecker = "pro_81bf4e061aee548ddd145c76211e663a"
    static let newDenverCustomer = BookingCustomer(name: "Lee Park", phone: "720-555-0142")
    static let newDenverAddress = Location(street: "1701 Wynkoop St", city: "Denver", region: "CO", postalCode: "80202", country: "US")
}

extension BookingWriteError {
    var isUnknownOutcome: Bool { if case .unknownOutcome = self { true } else { false } }
    var refusal: (status: Int, message: String)? { if case .refused(let s, let m) = self { (s, m) } else { nil } }
    var unavailable: (message: String, retryAfter: Double?)? {
        if case .unavailable(let m, let r) = self { (m, r) } else { nil }
    }
}

/// The error a typed-throwing call ended with, or nil when it succeeded.
func writeError<T>(_ call: () async throws(BookingWriteError) -> T) async -> BookingWriteError? {
    do {
        _ = try await call()
        return nil
    } catch {
        return error
    }
}
