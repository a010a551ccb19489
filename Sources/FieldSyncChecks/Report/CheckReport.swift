import Foundation

/// The result of `fieldsync check`: open findings with their history, what was resolved, and the
/// technicians' timeline, ready to print as text, JSON or HTML.
public struct CheckReport: Sendable {
    /// When the checks ran.
    public var checkedAt: Date
    /// When the data was last synced (the oldest of the sources' last successful syncs), if known.
    public var dataAsOf: Date?
    /// With `--since`: only findings first seen at or after this are listed as new.
    public var since: Date?
    /// Open findings, most severe first.
    public var findings: [TrackedFinding]
    /// Findings resolved since `since` (or by this run when there is no `since`).
    public var resolved: [TrackedFinding]
    public var timeline: Timeline?
    /// The shop or configuration name for the report's title.
    public var title: String

    public init(
        checkedAt: Date, dataAsOf: Date? = nil, since: Date? = nil, findings: [TrackedFinding], resolved: [TrackedFinding] = [],
        timeline: Timeline? = nil, title: String = "fieldsync"
    ) {
        self.checkedAt = checkedAt
        self.dataAsOf = dataAsOf
        self.since = since
        self.findings = findings
        self.resolved = resolved
        self.timeline = timeline
        self.title = title
    }

    /// Findings first seen since `since` (all of them without it).
    public var newFindings: [TrackedFinding] {
        guard let since else { return findings }
        return findings.filter { $0.firstSeen >= since }
    }

    /// How many open findings there are of each severity.
    public func count(_ severity: Severity) -> Int { findings.filter { $0.finding.severity == severity }.count }
}
