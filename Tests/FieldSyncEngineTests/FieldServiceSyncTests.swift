import FieldSyncCore
import FieldSyncEngine
import FieldSyncSandbox
import FieldSyncStore
import Foundation
import GRDB
import FieldSyncServiceTitan
import Logging
import Testing

/// `fieldsync sync` against the sandbox's ServiceTitan and Housecall Pro, over real HTTP on
/// loopback, into real SQLite files: first sync, incremental syncs, changes made behind the
/// cache's back, every injected fault, the brake, and resuming a run that died.
@Suite("Syncing ServiceTitan and Housecall Pro from the sandbox")
struct FieldServiceSyncTests {
    static func query<T: DatabaseValueConvertible>(_ store: CacheStore, _ sql: String, _ arguments: StatementArguments = [])
        throws -> T?
    {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: store.path, configuration: configuration)
        return try queue.read { try T.fetchOne($0, sql: sql, arguments: arguments) }
    }

    static func count(_ store: CacheStore, _ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try query(store, sql, arguments) ?? -1
    }

    /// A fresh cache filled by one fault-free sync from `harness`: what every other path must end in.
    static func reference(from harness: SandboxHarness) async throws -> CacheSnapshot {
        let workspace = try Workspace()
        let store = try workspace.store()
        let report = try await harness.sync(into: store)
        #expect(report.outcome == .succeeded, "\(report.sources.map { "\($0.source): \($0.error ?? "") \($0.failures)" })")
        return try CacheSnapshot.of(path: store.path)
    }

    @Test("the first sync stores every record the sandbox serves, quarantines the unmappable ones, and keeps provenance")
    func firstSync() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let workspace = try Workspace()
        let store = try workspace.store()
        let report = try await harness.sync(into: store)
        #expect(report.outcome == .succeeded)

        let st = try #require(report.source("lakeshore-st"))
        let stTechnicians = await harness.server.records(.serviceTitan(.technicians), includeDeleted: true).count
        let stJobs = await harness.server.records(.serviceTitan(.jobs)).count
        #expect(st.counts.entities["technicians"]?.pulled == stTechnicians)
        // Two jobs have a job type the mapping does not list; they are quarantined, not stored.
        #expect(try Self.count(store, "SELECT COUNT(*) FROM jobs WHERE source = 'lakeshore-st'") == stJobs - 2)
        let rejected = try store.rejects(source: "lakeshore-st").map { "\($0.record.recordKind) \($0.record.externalID ?? "")" }
        #expect(Set(rejected) == ["job 700290", "job 700297", "appointment 800300", "appointment 800308"])
        let payload = try #require(try store.rejects(source: "lakeshore-st").first { $0.record.externalID == "700290" })
        #expect(payload.record.rawPayload.contains("\"jobTypeId\""))

        // Linked technicians take the ids the calendar feeds use; the rest get source-id ids.
        #expect(try Self.count(store, "SELECT COUNT(*) FROM technicians WHERE id IN ('maria-lopez', 'dan-okafor', 'priya-shah', 'sam-becker')") == 4)
        #expect(try Self.query(store, "SELECT active FROM technicians WHERE id = 'lakeshore-st-10111'") == false)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM technicians WHERE skills LIKE '%gas-furnace%' AND source = 'lakeshore-st'") > 0)
        // Shifts, on-call and time off arrive as windows of their kind, in UTC, with the source zone.
        let kindList: String? = try Self.query(
            store, "SELECT group_concat(DISTINCT kind) FROM availability_windows WHERE source = 'lakeshore-st'")
        let kinds = (kindList ?? "").split(separator: ",").map(String.init)
        #expect(Set(kinds).isSuperset(of: ["shift", "on_call", "time_off", "non_job_appointment"]))

        // A ServiceTitan job shows its customer's name and phone (from contacts) and its location's address.
        let job = try #require(try Self.query(store, "SELECT customer_name || '|' || customer_phone || '|' || street FROM jobs WHERE source = 'lakeshore-st' AND customer_phone IS NOT NULL LIMIT 1") as String?)
        #expect(job.split(separator: "|").count == 3)
        // Assignments link technicians to appointments.
        #expect(try Self.count(store, "SELECT COUNT(*) FROM appointment_technicians t JOIN appointments a ON a.id = t.appointment_id WHERE a.source = 'lakeshore-st'") > 250)

        // Housecall Pro: the job the office deleted is not there; the unknown job type got the default.
        #expect(try Self.count(store, "SELECT COUNT(*) FROM jobs WHERE external_id = 'job_1819fa63841c805dad4c284f670f70ae'") == 0)
        #expect(try Self.query(store, "SELECT job_type FROM jobs WHERE external_id = 'job_dd3b1718cba9785259db7fad4e218722'") == "general.service")
        #expect(try Self.count(store, "SELECT COUNT(*) FROM appointment_technicians WHERE technician_id = 'sam-becker'") > 0)
        // Availability: a technician's appointments are busy time, and the source's complete read
        // makes the horizon known for its technicians.
        let horizon = FieldSyncConfig.Horizon().range(now: Date())
        let availability = try AvailabilityService(store: store).report(technician: "maria-lopez", range: horizon)
        #expect(availability.busy.contains { $0.kind == .appointment && $0.source == "lakeshore-st" })
        #expect(availability.busy.filter { $0.kind == .appointment }.allSatisfy { $0.title?.hasPrefix("Job ") == true })
        #expect(availability.unknown.isEmpty)
        // Every row says where it came from.
        #expect(try Self.count(store, "SELECT COUNT(*) FROM jobs WHERE backend IS NULL OR external_id IS NULL OR remote_version IS NULL") == 0)
    }

    @Test("a second sync with nothing changed at the backends changes nothing in the cache")
    func secondSyncIsQuiet() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let workspace = try Workspace()
        let store = try workspace.store()
        _ = try await harness.sync(into: store)
        let before = try CacheSnapshot.of(path: store.path)
        let report = try await harness.sync(into: store)
        #expect(report.outcome == .succeeded)
        for source in report.sources {
            for (entity, counts) in source.counts.entities {
                #expect(counts.created == 0 && counts.updated == 0 && counts.deleted == 0, "\(source.source) \(entity): \(counts)")
            }
        }
        let after = try CacheSnapshot.of(path: store.path)
        #expect(after == before, "\(after.difference(from: before))")
    }

    @Test("edits, deletes, additions and reassignments made in the backends arrive incrementally, ending where a fresh sync ends")
    func incrementalChanges() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let workspace = try Workspace()
        let store = try workspace.store()
        _ = try await harness.sync(into: store)
        let server = harness.server

        try await server.update(.serviceTitan(.jobs), id: "700001", set: ["summary": "Customer says the furnace now clicks"])
        try await server.delete(.serviceTitan(.appointments), id: "800002")
        let assignment = try #require(await server.records(.serviceTitan(.appointmentAssignments)).first {
            $0["appointmentId"]?.intValue == 800003
        })
        let assignmentID = try #require(assignment["id"]?.intValue)
        try await server.update(.serviceTitan(.appointmentAssignments), id: "\(assignmentID)", set: ["technicianId": .int(10104)])
        try await server.deactivate(.serviceTitan(.technicians), id: "10109")
        var copy = try #require(await server.record(.serviceTitan(.jobs), id: "700010"))
        copy["id"] = nil
        copy["jobNumber"] = "NEW-1"
        let added = try await server.add(.serviceTitan(.jobs), record: copy)
        let addedID = try #require(added["id"]?.intValue)
        try await server.update(.housecallPro(.jobs), id: "job_ec492cec352672a8f7b8f15af81ea9ee", set: ["description": "Bring the ladder"])
        try await server.delete(.housecallPro(.jobs), id: "job_db807a10d8e976370611ac5a078a859d")

        // Housecall Pro has no change feed for deletions: a full pass finds them.
        let report = try await harness.sync(into: store, fullPass: true)
        #expect(report.outcome == .succeeded)
        let st = try #require(report.source("lakeshore-st"))
        #expect(st.counts.entities["jobs"]?.created == 1)
        #expect(try Self.query(store, "SELECT summary FROM jobs WHERE external_id = '700001'") == "Customer says the furnace now clicks")
        #expect(try Self.count(store, "SELECT COUNT(*) FROM jobs WHERE external_id = ? AND number = 'NEW-1'", ["\(addedID)"]) == 1)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM appointments WHERE external_id = '800002' AND deleted_at IS NOT NULL") == 1)
        #expect(try Self.query(store, "SELECT active FROM technicians WHERE id = 'lakeshore-st-10109'") == false)
        #expect(try Self.count(store, """
            SELECT COUNT(*) FROM appointment_technicians t JOIN appointments a ON a.id = t.appointment_id
            WHERE a.external_id = '800003' AND t.technician_id = 'lakeshore-st-10104'
            """) == 1)
        #expect(try Self.query(store, "SELECT summary FROM jobs WHERE external_id = 'job_ec492cec352672a8f7b8f15af81ea9ee'") == "Bring the ladder")
        #expect(try Self.count(store, "SELECT COUNT(*) FROM jobs WHERE external_id = 'job_db807a10d8e976370611ac5a078a859d' AND deleted_at IS NOT NULL") == 1)

        let incremental = try CacheSnapshot.of(path: store.path)
        let fresh = try await Self.reference(from: harness)
        #expect(incremental == fresh, "\(incremental.difference(from: fresh))")
    }

    /// Each fault the sandbox can inject, and a run (or two) through it: the cache must end as a
    /// fault-free sync of the same data leaves it.
    static let faults: [String] = [
        "429:path=export/jobs,after=1,times=3,retry-after=1",
        "429:vendor=hcp,path=jobs,times=2,retry-after=1",
        "503:times=5",
        "500:vendor=st,path=export/appointments,after=1,times=2",
        "truncate:path=export/appointments,after=1,times=2",
        "truncate:vendor=hcp,path=jobs,times=1,mode=abort",
        "slow:delay=0.2,times=10",
        "timeout:path=export/customers,hold=2,times=1",
        "drop:times=3",
        "expired-token:after=4,times=2",
        "bad-cursor:path=export/jobs,times=1",
        "change-between-pages:path=export/jobs,after=1,times=2",
        "change-between-pages:vendor=st,path=technician-shifts,times=2",
        "change-between-pages:vendor=hcp,path=jobs,after=1,times=2",
    ]

    @Test("under each injected fault the sync ends with exactly the cache a fault-free run gives", arguments: faults)
    func fault(_ spec: String) async throws {
        let harness = try await SandboxHarness.start(faults: [spec])
        defer { Task { await harness.stop() } }
        let workspace = try Workspace()
        let store = try workspace.store()
        var report = try await harness.sync(into: store, requestTimeout: .seconds(1))
        var runs = 1
        while report.outcome != .succeeded && runs < 3 {
            report = try await harness.sync(into: store, requestTimeout: .seconds(1))
            runs += 1
        }
        #expect(report.outcome == .succeeded, "\(spec): \(report.sources.map { "\($0.source): \($0.error ?? "") \($0.failures)" })")
        // A record changed while the run paged is read by the run after it at the latest.
        _ = try await harness.sync(into: store, requestTimeout: .seconds(1))
        let fired = await harness.server.faultCounts().reduce(0) { $0 + $1.fired }
        #expect(fired > 0, "the fault \(spec) never fired")
        let faulted = try CacheSnapshot.of(path: store.path)
        let fresh = try await Self.reference(from: harness)
        #expect(faulted == fresh, "\(spec):\n\(faulted.difference(from: fresh))")
    }

    @Test("a run that dies part-way keeps its committed pages and the next run resumes from the saved cursor")
    func resumeAfterFailure() async throws {
        // After four export pages of jobs every request times out, past all retries.
        let harness = try await SandboxHarness.start(faults: ["drop:path=export/jobs,after=4,times=12"])
        defer { Task { await harness.stop() } }
        let workspace = try Workspace()
        let store = try workspace.store()
        let first = try await harness.sync(into: store, requestTimeout: .seconds(1))
        let st = try #require(first.source("lakeshore-st"))
        #expect(st.state == .partial || st.state == .failed)
        let jobsAfterFirst = try Self.count(store, "SELECT COUNT(*) FROM jobs WHERE source = 'lakeshore-st'")
        #expect(jobsAfterFirst > 0)
        let cursor = try #require(try store.cursors(source: "lakeshore-st")["export/jobs"])
        #expect(!cursor.value.isEmpty)

        await harness.server.clearRequestLog()
        let second = try await harness.sync(into: store)
        #expect(second.outcome == .succeeded)
        let jobRequests = await harness.server.requestLog().filter { $0.path.hasSuffix("/export/jobs") }
        // It resumed from the checkpoint instead of starting the feed over.
        #expect(jobRequests.first?.queryValue("from") == cursor.value)
        let servedJobs = await harness.server.records(.serviceTitan(.jobs)).count
        // Every job once: the two quarantined ones are not stored.
        #expect(second.source("lakeshore-st")?.counts.entities["jobs"]?.created == servedJobs - 2 - jobsAfterFirst)

        let resumed = try CacheSnapshot.of(path: store.path)
        let fresh = try await Self.reference(from: harness)
        #expect(resumed == fresh, "\(resumed.difference(from: fresh))")
    }

    @Test("a run that would delete more than the brake allows stops, deletes nothing of that page, and says how to proceed")
    func massDeleteBrake() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let workspace = try Workspace()
        let store = try workspace.store()
        _ = try await harness.sync(into: store)
        let jobs = await harness.server.records(.serviceTitan(.jobs)).compactMap { $0["id"]?.intValue }
        for id in jobs.prefix(200) { try await harness.server.delete(.serviceTitan(.jobs), id: "\(id)") }

        let held = try await harness.sync(into: store)
        let st = try #require(held.source("lakeshore-st"))
        #expect(st.state == .partial)
        #expect(st.counts.heldBack == 200)
        #expect(st.notes.contains { $0.contains("mass-delete brake") && $0.contains("--allow-mass-delete") })
        #expect(try Self.count(store, "SELECT COUNT(*) FROM jobs WHERE source = 'lakeshore-st' AND deleted_at IS NOT NULL") == 0)

        let released = try await harness.sync(into: store, brake: MassDeleteBrake(isReleased: true))
        #expect(released.source("lakeshore-st")?.state == .succeeded)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM jobs WHERE source = 'lakeshore-st' AND deleted_at IS NOT NULL") == 200)
    }

    @Test("credentials the backend refuses fail that source with a clear message and no secret, and the other source still syncs")
    func refusedCredentials() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let workspace = try Workspace()
        let store = try workspace.store()
        var adapters = try harness.adapters()
        adapters[0] = try {
            var st = ServiceTitanConfiguration(
                apiBaseURL: harness.baseURL.appendingPathComponent("servicetitan"),
                tokenURL: harness.baseURL.appendingPathComponent("servicetitan/connect/token"), tenantID: "1000001",
                clientID: "sandbox-client", clientSecret: "wrong-secret-123", appKey: "sandbox-app-key")
            st.retry = HTTPRetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(5))
            return ServiceTitanAdapter(
                sourceName: "lakeshore-st", configuration: st,
                mapping: try BackendMappingLoader.load(path: SandboxHarness.mappings + "/servicetitan.yaml"),
                transport: URLSessionTransport())
        }()
        let runner = SyncRunner(store: store, adapters: adapters, logger: Logger(label: "test"), fieldsyncVersion: "test")
        let report = await runner.run(horizon: FieldSyncConfig.Horizon().range(now: Date()))
        #expect(report.outcome == .partial)
        let st = try #require(report.source("lakeshore-st"))
        #expect(st.state == .failed)
        let message = st.error ?? ""
        #expect(message.contains("client") && !message.contains("wrong-secret-123"))
        #expect(report.source("frontrange-hcp")?.state == .succeeded)
    }
}
