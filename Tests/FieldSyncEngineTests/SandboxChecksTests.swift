import FieldSyncChecks
import FieldSyncCore
import FieldSyncEngine
import FieldSyncSandbox
import FieldSyncStore
import Foundation
import Logging
import Testing

/// The checks on the built-in sandbox: the shipped configuration (ServiceTitan, Housecall Pro and
/// the technicians' calendar feeds) synced over real HTTP into a real cache, then checked.
/// Every planted problem is found, and nothing else is reported.
@Suite("Checks on the sandbox's planted problems", .serialized)
struct SandboxChecksTests {
    /// The run is pinned to the Monday morning of the data's anchor week, so the feeds' fixed dates
    /// and the vendor data line up the same way on every day the test runs.
    static let now = Date(timeIntervalSince1970: 1_795_442_400)  // 2026-11-23T12:00:00Z, 06:00 in Chicago
    static let configPath = SandboxHarness.repository.appendingPathComponent("Adapters/Sandbox/fieldsync.yaml").path

    /// What a planted problem is reported as.
    static let expectedKind: [String: FindingKind] = [
        "double-booked": .doubleBooking, "outside-shift": .outsideShift, "missing-address": .missingData,
        "end-before-start": .invalidTime, "duplicate-job": .duplicateJob, "unknown-job-type": .missingData,
        "during-time-off": .duringTimeOff, "skill-mismatch": .skillMismatch, "implausible-duration": .invalidTime,
        "missing-phone": .missingData, "unassigned": .unassignedAppointment, "never-send": .ruleViolation,
        "over-daily-limit": .ruleViolation,
    ]

    struct Expected: CustomStringConvertible {
        var kind: FindingKind
        var ids: [String]
        /// Whether every id must be among the finding's records (else one is enough: a quarantined
        /// appointment cannot name its job).
        var all: Bool
        var description: String { "\(kind.rawValue) \(ids)" }

        func matches(_ f: Finding) -> Bool {
            guard f.kind == kind else { return false }
            // A record's id in the cache may carry its feed or table (`maria-google/<UID>/<instance>`,
            // `shift/110223`): the planted id is one of its parts.
            func found(_ id: String) -> Bool {
                f.records.contains { $0.id == id || $0.id.split(separator: "/").contains(Substring(id)) }
            }
            return all ? ids.allSatisfy(found) : ids.contains(where: found)
        }
    }

    /// The planted problems from the generator's own list, and the broken event planted by hand in
    /// Dan's Outlook feed.
    static var expected: [Expected] {
        BuiltInDataSet.plantedProblems.map { p in
            Expected(kind: expectedKind[p.kind.rawValue]!, ids: p.ids, all: p.kind != .endBeforeStart)
        } + [Expected(kind: .unreadableRecord, ids: ["040000008200E00074C5B7101A82E00800000000E5F6A7B8C9D0"], all: true)]
    }

    /// Syncs the sandbox config into a fresh cache and returns what is needed to check it.
    static func syncedSandbox(_ harness: SandboxHarness, _ workspace: Workspace) async throws -> (FieldSyncConfig, CacheStore) {
        var config = try FieldSyncConfig.load(
            path: configPath, environment: [FieldSyncConfig.sandboxURLVariable: harness.baseURL.absoluteString])
        config.databasePath = workspace.path("cache.sqlite")
        let store = try CacheStore.open(path: config.databasePath, logger: Logger(label: "test"))
        try await sync(config, store)
        return (config, store)
    }

    static func sync(_ config: FieldSyncConfig, _ store: CacheStore) async throws {
        let runner = SyncRunner(
            store: store, adapters: AdapterFactory.adapters(for: config, transport: URLSessionTransport()),
            logger: Logger(label: "test"), brake: config.massDelete, fieldsyncVersion: "test", now: { now })
        let report = await runner.run(horizon: config.horizon.range(now: now))
        #expect(report.sources.allSatisfy { $0.state == .succeeded }, "\(report.sources.map { "\($0.source): \($0.state)" })")
    }

    static func check(_ config: FieldSyncConfig, _ store: CacheStore, at time: Date = now) throws -> CheckService.Outcome {
        try CheckService(config: config, store: store, logger: Logger(label: "test")).run(now: time, fieldsyncVersion: "test")
    }

    /// Where the dispatcher moves appointment 800299: late morning, free in Maria's shift and calendar.
    static let fixedStart = "2026-11-24T17:00:00Z"
    static let fixedEnd = "2026-11-24T19:00:00Z"

    static func startHarness() async throws -> SandboxHarness {
        try await SandboxHarness.start(data: try SandboxData.load(from: SandboxHarness.dataDirectory, now: now))
    }

    @Test("each planted problem is found once, as the kind it is, and nothing else is reported")
    func plantedProblemsAndNothingElse() async throws {
        let harness = try await Self.startHarness()
        defer { Task { await harness.stop() } }
        let workspace = try Workspace()
        let (config, store) = try await Self.syncedSandbox(harness, workspace)
        let findings = try Self.check(config, store).report.findings.map(\.finding)

        var unmatched = findings
        var missing: [Expected] = []
        for e in Self.expected {
            if let i = unmatched.firstIndex(where: e.matches) {
                unmatched.remove(at: i)
            } else {
                missing.append(e)
            }
        }
        #expect(missing.isEmpty, "planted but not found: \(missing)")
        #expect(unmatched.isEmpty, "found but not planted:\n\(unmatched.map { "\($0.kind.rawValue): \($0.message)" }.joined(separator: "\n"))")
        // Every kind of finding the issue names is planted, so each check is exercised.
        let kinds = Set(findings.map(\.kind))
        for kind in FindingKind.allCases { #expect(kinds.contains(kind), "no \(kind.rawValue) in the sandbox") }
    }

    @Test("fixing a record in the sandbox and syncing again resolves its finding, and only that one")
    func fixingResolves() async throws {
        let harness = try await Self.startHarness()
        defer { Task { await harness.stop() } }
        let workspace = try Workspace()
        let (config, store) = try await Self.syncedSandbox(harness, workspace)
        let before = try Self.check(config, store)
        let doubleBooking = try #require(
            before.report.findings.first { $0.finding.kind == .doubleBooking && $0.finding.records.contains { $0.id == "800299" } })

        // The dispatcher moves appointment 800299 to the afternoon in ServiceTitan.
        try await harness.server.update(
            .serviceTitan(.appointments), id: "800299",
            set: ["start": .string(Self.fixedStart), "end": .string(Self.fixedEnd)])
        try await Self.sync(config, store)
        let after = try Self.check(config, store, at: Self.now.addingTimeInterval(3600))
        #expect(after.update?.resolved.map(\.finding.id) == [doubleBooking.finding.id])
        #expect(!after.report.findings.contains { $0.finding.id == doubleBooking.finding.id })
        // The others are the same findings as before, first seen at the first check.
        let rest = Set(before.report.findings.map(\.finding.id)).subtracting([doubleBooking.finding.id])
        #expect(Set(after.report.findings.map(\.finding.id)) == rest)
        #expect(after.report.findings.allSatisfy { $0.firstSeen == Self.now })
    }
}
