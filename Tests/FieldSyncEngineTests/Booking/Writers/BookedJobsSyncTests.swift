import FieldSyncCore
import FieldSyncEngine
import FieldSyncHousecallPro
import FieldSyncServiceTitan
import FieldSyncStore
import GRDB
import Foundation
import Testing

@Suite("Bookings written through come back with the next sync")
struct BookedJobsSyncTests {
    @Test("jobs and appointments the writers created, for new customers, are pulled by fieldsync sync")
    func nextSyncPullsBookings() async throws {
        try await WriterSandbox.with { sandbox in
            let st = try await sandbox.serviceTitan.create(
                BookingSamples.serviceTitan(customer: BookingSamples.newChicagoCustomer, address: BookingSamples.newChicagoAddress))
            let hcp = try await sandbox.housecallPro.create(
                BookingSamples.housecallPro(customer: BookingSamples.newDenverCustomer, address: BookingSamples.newDenverAddress))

            let workspace = try Workspace()
            let store = try workspace.store()
            let report = try await sandbox.harness.sync(into: store)
            #expect(report.outcome == .succeeded)
            let jobs = "SELECT COUNT(*) FROM jobs WHERE source = ? AND external_id = ?"
            #expect(try FieldServiceSyncTests.count(store, jobs, ["lakeshore-st", st.jobID]) == 1)
            #expect(try FieldServiceSyncTests.count(store, jobs, ["frontrange-hcp", hcp.jobID]) == 1)
            let appointments = "SELECT COUNT(*) FROM appointments WHERE source = ? AND external_id = ?"
            #expect(try FieldServiceSyncTests.count(store, appointments, ["lakeshore-st", st.appointmentID]) == 1)
        }
    }
}
