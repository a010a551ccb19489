import FieldSyncCore
import Foundation

@testable import FieldSyncServiceTitan

/// The tenant, credentials, mapping and reference data the specifications use.
enum Fixture {
    static let apiBase = "http://st.test/servicetitan"
    static let tokenPath = "connect/token"
    static let tenant = "1000001"
    static let clientSecret = "client-SECRET-4711"
    static let appKey = "app-KEY-0815"
    static let sourceName = "lakeshore-st"

    /// The path of `resource` under the API base, e.g. `path("settings", "export/technicians")`.
    static func path(_ module: String, _ resource: String) -> String { "\(module)/v2/tenant/\(tenant)/\(resource)" }

    static let technicians = path("settings", "export/technicians")
    static let businessUnits = path("settings", "business-units")
    static let jobTypes = path("jpm", "job-types")
    static let zones = path("dispatch", "zones")
    static let customers = path("crm", "export/customers")
    static let locations = path("crm", "export/locations")
    static let contacts = path("crm", "export/customers/contacts")
    static let jobs = path("jpm", "export/jobs")
    static let appointments = path("jpm", "export/appointments")
    static let assignments = path("dispatch", "export/appointment-assignments")
    static let shifts = path("dispatch", "technician-shifts")
    static let nonJobAppointments = path("dispatch", "non-job-appointments")

    static let horizon = TimeRange(start: date("2026-11-22T00:00:00Z"), end: date("2026-12-20T00:00:00Z"))

    static func date(_ text: String) -> Date { RFC3339.parseDate(text)! }

    static func configuration(pageSize: Int = 500, maxAttempts: Int = 3) -> ServiceTitanConfiguration {
        ServiceTitanConfiguration(
            apiBaseURL: URL(string: apiBase)!, tokenURL: URL(string: "\(apiBase)/\(tokenPath)")!, tenantID: tenant,
            clientID: "sandbox-client", clientSecret: clientSecret, appKey: appKey, pageSize: pageSize,
            technicianLinks: ["10101": "maria-lopez"], timeZone: "America/Chicago",
            retry: HTTPRetryPolicy(maxAttempts: maxAttempts, initialDelay: .milliseconds(100), maximumDelay: .seconds(1)))
    }

    static let mapping = BackendMapping(
        origin: "Mappings/servicetitan.yaml",
        jobTypes: [
            "No Heat": .init(jobType: "hvac.no_heat", trade: "hvac", skills: ["hvac", "gas-furnace"], durationMinutes: 120, urgency: .urgent),
            "Drain Cleaning": .init(jobType: "plumbing.drain_cleaning", skills: ["plumbing"]),
        ],
        unmappedJobType: .quarantine,
        jobStatuses: ["Scheduled": "scheduled", "Dispatched": "scheduled", "InProgress": "in_progress", "Hold": "on_hold",
            "Completed": "completed", "Canceled": "cancelled"],
        appointmentStatuses: ["Scheduled": "scheduled", "Dispatched": "dispatched", "Working": "working", "Hold": "on_hold",
            "Done": "done", "Canceled": "cancelled"],
        businessUnits: ["HVAC Service": "hvac", "Plumbing Service": "plumbing"],
        skills: ["HVAC": "hvac", "Gas Furnace Certified": "gas-furnace"],
        priorities: ["Urgent": .emergency, "High": .urgent, "Normal": .routine, "Low": .routine])

    static func adapter(
        _ transport: ScriptedTransport, configuration: ServiceTitanConfiguration = configuration(),
        mapping: BackendMapping = mapping, clock: TestClock = TestClock(), sleeps: SleepRecorder = SleepRecorder()
    ) -> ServiceTitanAdapter {
        ServiceTitanAdapter(
            sourceName: sourceName, configuration: configuration, mapping: mapping, transport: transport,
            sleep: { await sleeps.record($0) }, now: { clock.now })
    }

    static func request(runID: Int64 = 7, cursors: [SourceCursor] = [], fullPass: Bool = false) -> PullRequest {
        PullRequest(
            horizon: horizon, cursors: Dictionary(cursors.map { ($0.key, $0) }, uniquingKeysWith: { $1 }), runID: runID,
            now: horizon.start, fullPass: fullPass)
    }

    /// Cursors of a source that has been synced before: every feed and list has a position, so
    /// nothing starts a full pass.
    static func syncedCursors(except keys: Set<String> = []) -> [SourceCursor] {
        let exports = ["technicians", "customers", "locations", "customer-contacts", "jobs", "appointments", "appointment-assignments"]
            .map { SourceCursor(key: "export/\($0)", value: "saved-\($0)") }
        let lists = ["technician-shifts", "non-job-appointments"]
            .map { SourceCursor(key: "list/\($0)", value: "2026-11-20T00:00:00Z") }
        return (exports + lists).filter { !keys.contains($0.key) }
    }

    static func pull(
        _ adapter: ServiceTitanAdapter, _ request: PullRequest = request(), sink: RecordingSink = RecordingSink()
    ) async throws -> RecordingSink {
        try await adapter.pull(request, into: sink)
        return sink
    }

    // MARK: JSON

    static func exportPage(_ records: [String], hasMore: Bool, continueFrom: String) -> String {
        #"{"hasMore":\#(hasMore),"continueFrom":"\#(continueFrom)","data":[\#(records.joined(separator: ","))]}"#
    }

    static func listPage(_ records: [String], page: Int = 1, pageSize: Int = 500, hasMore: Bool) -> String {
        #"{"page":\#(page),"pageSize":\#(pageSize),"hasMore":\#(hasMore),"totalCount":null,"data":[\#(records.joined(separator: ","))]}"#
    }

    /// Scripts the reference lists: business units 1 (HVAC Service) and 2 (Plumbing Service),
    /// job types 501 (No Heat), 502 (Drain Cleaning), 599 (Mystery Noise), zones 71 (North
    /// Shore) and 72 (Loop).
    static func scriptReferenceData(_ transport: ScriptedTransport) async {
        await transport.handle(businessUnits) { _ in
            .json(
                listPage(
                    [
                        #"{"id":1,"active":true,"name":"HVAC Service","trade":{"id":9,"name":"HVAC"}}"#,
                        #"{"id":2,"active":true,"name":"Plumbing Service"}"#,
                    ], hasMore: false))
        }
        await transport.handle(jobTypes) { _ in
            .json(
                listPage(
                    [
                        #"{"id":501,"name":"No Heat","active":true,"skills":[],"businessUnitIds":[1]}"#,
                        #"{"id":502,"name":"Drain Cleaning","active":true}"#,
                        #"{"id":599,"name":"Mystery Noise","active":false}"#,
                    ], hasMore: false))
        }
        await transport.handle(zones) { _ in
            .json(
                listPage(
                    [#"{"id":71,"active":true,"name":"North Shore"}"#, #"{"id":72,"active":false,"name":"Loop"}"#],
                    hasMore: false))
        }
    }

    static func job(
        id: Int = 9001, jobTypeId: Int = 501, status: String = "Scheduled", businessUnitId: Int = 1,
        priority: String = "High", active: Bool = true, summary: String = "<p>No heat&nbsp;since Monday</p>"
    ) -> String {
        #"{"id":\#(id),"jobNumber":"J-\#(id)","customerId":3001,"locationId":4001,"jobStatus":"\#(status)","businessUnitId":\#(businessUnitId),"jobTypeId":\#(jobTypeId),"priority":"\#(priority)","campaignId":1,"summary":"\#(summary)","customFields":[],"externalData":[],"active":\#(active),"modifiedOn":"2026-11-21T10:00:00.123Z"}"#
    }

    static func shift(id: Int, technician: Int = 10101, type: String = "Normal", start: String, end: String, modifiedOn: String, active: Bool = true) -> String {
        #"{"id":\#(id),"shiftType":"\#(type)","title":"Day shift","note":null,"active":\#(active),"technicianId":\#(technician),"start":"\#(start)","end":"\#(end)","timesheetCodeId":null,"createdOn":"2026-11-01T00:00:00Z","modifiedOn":"\#(modifiedOn)"}"#
    }
}
