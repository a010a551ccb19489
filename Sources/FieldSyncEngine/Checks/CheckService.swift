import FieldSyncChecks
import FieldSyncCore
import FieldSyncHousecallPro
import FieldSyncICalendar
import FieldSyncServiceTitan
import FieldSyncStore
import Foundation
import Logging

/// Runs the checks over the cache for a configuration: loads the shop's rules and mappings, reads
/// a snapshot, runs every check, records the findings' history, and builds the report.
public struct CheckService: Sendable {
    public let config: FieldSyncConfig
    public let store: CacheStore
    public let logger: Logger

    public init(config: FieldSyncConfig, store: CacheStore, logger: Logger) {
        self.config = config
        self.store = store
        self.logger = logger
    }

    /// What one run of the checks found and changed.
    public struct Outcome: Sendable {
        public var report: CheckReport
        /// Findings this run opened and resolved (nil when not recorded).
        public var update: FindingsUpdate?
        public var snapshot: ScheduleSnapshot
        /// How long reading the cache and running the checks took.
        public var loadDuration: Duration
        public var checkDuration: Duration
    }

    /// The zone each configured source works in.
    public var sourceZones: [String: String] {
        var zones: [String: String] = [:]
        for source in config.sources {
            switch source.kind {
            case .serviceTitan(let c, _): zones[source.name] = c.timeZone
            case .housecallPro(let c, _): zones[source.name] = c.timeZone
            case .icalendar(let feeds, _): zones[source.name] = feeds.lazy.compactMap(\.timeZone).first
            }
        }
        return zones
    }

    /// The shop's rules, or none when there is no rules file.
    public func rules() throws(ConfigError) -> CheckRules {
        guard let path = config.rulesPath else { return CheckRules() }
        return try CheckRulesLoader.load(path: path, sourceZones: sourceZones)
    }

    /// Runs the checks.
    ///
    /// - Parameters:
    ///   - record: keep the findings' history in the cache (first seen, last seen, resolved).
    ///   - since: the report lists findings first seen at or after this as new, and those resolved since.
    ///   - timelineDays: how many local days the timeline shows, from the start of today.
    public func run(
        now: Date = Date(), record: Bool = true, since: Date? = nil, timelineFrom: Date? = nil, timelineDays: Int = 7,
        fieldsyncVersion: String
    ) throws -> Outcome {
        let rules = try rules()
        let zones = sourceZones
        let sources = config.sources.map { ScheduleSnapshot.Source(name: $0.name, backend: $0.backend, timeZone: zones[$0.name]) }
        let clock = ContinuousClock()
        let loadStart = clock.now
        let snapshot = try store.scheduleSnapshot(sources: sources, asOf: now)
        let loadDuration = clock.now - loadStart
        var mappings: [String: BackendMapping] = [:]
        for source in config.sources {
            switch source.kind {
            case .serviceTitan(_, let mapping), .housecallPro(_, let mapping): mappings[source.name] = mapping
            case .icalendar: break
            }
        }
        // The first configured source's zone: the shop's home, for the timeline and for technicians
        // without a zone of their own.
        let zone = config.sources.lazy.compactMap { zones[$0.name] }.compactMap(TimeZone.init(identifier:)).first ?? .current
        let context = CheckContext(snapshot: snapshot, rules: rules, mappings: mappings, defaultTimeZone: zone)
        let checkStart = clock.now
        let findings = Checker().run(context)
        let checkDuration = clock.now - checkStart

        var update: FindingsUpdate?
        var open: [TrackedFinding]
        var resolved: [TrackedFinding] = []
        if record {
            let u = try store.recordCheckRun(
                findings, at: now, duration: loadDuration + checkDuration, keepResolvedDays: max(config.retentionDays, 1),
                fieldsyncVersion: fieldsyncVersion)
            update = u
            open = u.open
            resolved = since == nil ? u.resolved : try store.resolvedFindings(since: since!)
        } else {
            // Without recording, history still comes from earlier runs where there is one.
            let known = Dictionary(try store.openFindings().map { ($0.finding.id, $0) }, uniquingKeysWith: { a, _ in a })
            open = findings.map { finding in
                TrackedFinding(finding: finding, firstSeen: known[finding.id]?.firstSeen ?? now, lastSeen: now)
            }
            if let since { resolved = try store.resolvedFindings(since: since) }
        }
        logger.info(
            "checks finished",
            metadata: [
                "findings": "\(findings.count)", "appointments": "\(snapshot.appointments.count)",
                "load_ms": "\(loadDuration.milliseconds)", "check_ms": "\(checkDuration.milliseconds)",
            ])
        let timeline = Timeline.build(
            snapshot: snapshot, findings: findings, from: timelineFrom ?? now, days: timelineDays, timeZone: zone)
        let report = CheckReport(
            checkedAt: now, dataAsOf: try store.lastSuccessfulSync(), since: since, findings: open, resolved: resolved,
            timeline: timeline, title: (config.path as NSString).lastPathComponent)
        return Outcome(
            report: report, update: update, snapshot: snapshot, loadDuration: loadDuration, checkDuration: checkDuration)
    }
}

extension CheckService.Outcome {
    /// The counts a sync report carries.
    public var summary: CheckSummary {
        CheckSummary(
            open: report.findings.count, critical: report.count(.critical), warning: report.count(.warning),
            info: report.count(.info), new: update?.opened.count ?? 0, resolved: update?.resolved.count ?? 0)
    }
}

extension Duration {
    /// Whole milliseconds.
    public var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
