import FieldSyncCore
import FieldSyncHousecallPro
import Foundation

/// The mapping the tests use, named as the shipped file would be.
let testMapping = BackendMapping(
    origin: "Mappings/housecallpro.yaml",
    jobTypes: [
        "Furnace Repair": .init(
            jobType: "hvac.furnace_repair", trade: "hvac", skills: ["hvac", "gas_furnace"], durationMinutes: 120,
            urgency: .urgent),
        "Drain Clog": .init(jobType: "plumbing.drain_clog", skills: ["plumbing"], durationMinutes: 60),
    ],
    unmappedJobType: .quarantine,
    jobStatuses: [
        "needs scheduling": "open", "scheduled": "scheduled", "in progress": "in_progress",
        "complete rated": "completed", "complete unrated": "completed", "user canceled": "cancelled",
        "pro canceled": "cancelled",
    ],
    appointmentStatuses: ["in progress": "working"],
    businessUnits: ["Plumbing": "plumbing"],
    skills: ["gas-furnace": "gas_furnace", "HVAC": "hvac"])

let testSource = "frontrange-hcp"

func makeAdapter(
    _ server: ScriptedHousecallPro, companyID: String? = nil, pageSize: Int = 2, links: [String: String] = [:],
    mapping: BackendMapping = testMapping, maxAttempts: Int = 3, sleeps: SleepLog = SleepLog(),
    fullPassInterval: Duration = .seconds(24 * 3600)
) -> HousecallProAdapter {
    HousecallProAdapter(
        sourceName: testSource,
        configuration: HousecallProConfiguration(
            apiBaseURL: ScriptedHousecallPro.base, apiKey: ScriptedHousecallPro.apiKey, companyID: companyID,
            pageSize: pageSize, technicianLinks: links, timeZone: "America/Denver", fullPassInterval: fullPassInterval,
            retry: HTTPRetryPolicy(maxAttempts: maxAttempts, initialDelay: .milliseconds(10))),
        mapping: mapping, transport: server, sleep: sleeps.sleep)
}

func pullRequest(
    run: Int64, cursors: [String: SourceCursor] = [:], now: Date = HCP.day0, fullPass: Bool = false
) -> PullRequest {
    PullRequest(
        horizon: TimeRange(start: now.addingTimeInterval(-86_400), end: now.addingTimeInterval(28 * 86_400)),
        cursors: cursors, runID: run, now: now, fullPass: fullPass)
}

/// Cursors saying a full pass of jobs and customers began an hour before `HCP.day0`, with the
/// jobs high-water mark at `mark` minutes: the next run is incremental.
func incrementalCursors(mark: Int) -> [String: SourceCursor] {
    let hourAgo = RFC3339.string(HCP.day0.addingTimeInterval(-3600))
    return [
        HousecallProCursorKey.jobsFullPass: SourceCursor(key: HousecallProCursorKey.jobsFullPass, value: hourAgo),
        HousecallProCursorKey.customersFullPass: SourceCursor(key: HousecallProCursorKey.customersFullPass, value: hourAgo),
        HousecallProCursorKey.jobsHighWater: SourceCursor(key: HousecallProCursorKey.jobsHighWater, value: HCP.stamp(mark)),
    ]
}

/// Pulls once into a fresh sink (seeded with `cursors`) and returns the sink.
@discardableResult
func pullOnce(
    _ adapter: HousecallProAdapter, run: Int64 = 1, cursors: [String: SourceCursor] = [:], fullPass: Bool = false
) async throws -> RecordingSink {
    let sink = RecordingSink(cursors: cursors)
    try await adapter.pull(pullRequest(run: run, cursors: cursors, fullPass: fullPass), into: sink)
    return sink
}
