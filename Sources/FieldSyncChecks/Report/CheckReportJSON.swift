import FieldSyncCore
import Foundation

/// The JSON form of a ``CheckReport`` (`fieldsync check --json`):
///
/// ```json
/// {"findings": [{"id", "kind", "severity", "message", "first_seen", "last_seen",
///                "records": [{"source": "servicetitan", "type": "appointment", "id": "800299"}], ...}],
///  "resolved": [...], "summary": {...}, "checked_at": ..., "since": ...}
/// ```
///
/// `records` name each vendor's own ids, so an operator can open them in the scheduling tool.
public struct CheckReportJSON: Encodable, Sendable {
    public struct FindingJSON: Encodable, Sendable {
        public var id: String
        public var kind: String
        public var severity: String
        public var message: String
        public var advice: String
        public var detail: String?
        public var technician_id: String?
        public var starts_at: String?
        public var ends_at: String?
        public var first_seen: String
        public var last_seen: String
        public var resolved_at: String?
        public var is_new: Bool
        public var records: [RecordRef]

        public init(_ t: TrackedFinding, isNew: Bool) {
            let f = t.finding
            id = f.id
            kind = f.kind.rawValue
            severity = f.severity.rawValue
            message = f.message
            advice = f.advice
            detail = f.detail
            technician_id = f.technicianID
            starts_at = f.range.map { RFC3339.string($0.start) }
            ends_at = f.range.map { RFC3339.string($0.end) }
            first_seen = RFC3339.string(t.firstSeen)
            last_seen = RFC3339.string(t.lastSeen)
            resolved_at = t.resolvedAt.map(RFC3339.string)
            is_new = isNew
            records = f.records
        }

        // Optional fields are written as null, so every finding has the same keys.
        public func encode(to encoder: any Encoder) throws {
            enum K: String, CodingKey {
                case id, kind, severity, message, advice, detail, technician_id, starts_at, ends_at, first_seen, last_seen,
                    resolved_at, is_new, records
            }
            var c = encoder.container(keyedBy: K.self)
            try c.encode(id, forKey: .id)
            try c.encode(kind, forKey: .kind)
            try c.encode(severity, forKey: .severity)
            try c.encode(message, forKey: .message)
            try c.encode(advice, forKey: .advice)
            try c.encode(detail, forKey: .detail)
            try c.encode(technician_id, forKey: .technician_id)
            try c.encode(starts_at, forKey: .starts_at)
            try c.encode(ends_at, forKey: .ends_at)
            try c.encode(first_seen, forKey: .first_seen)
            try c.encode(last_seen, forKey: .last_seen)
            try c.encode(resolved_at, forKey: .resolved_at)
            try c.encode(is_new, forKey: .is_new)
            try c.encode(records, forKey: .records)
        }
    }

    public struct Summary: Encodable, Sendable {
        /// Open findings in all (not only those listed under `--since`).
        var open: Int
        var critical: Int
        var warning: Int
        var info: Int
        var by_kind: [String: Int]
        /// Findings listed as new (first seen since `since`, or by this run without it).
        var new: Int
        var resolved: Int
    }

    var findings: [FindingJSON]
    var resolved: [FindingJSON]
    var summary: Summary
    var checked_at: String
    var data_as_of: String?
    var since: String?
    var fail_on: String?
    var failed: Bool?

    /// - Parameters:
    ///   - listed: the findings to list (all open ones, or those new since `since`).
    ///   - newIDs: which of them are new.
    public init(report: CheckReport, listed: [TrackedFinding], newIDs: Set<String>, failOn: Severity?, failed: Bool) {
        findings = listed.map { FindingJSON($0, isNew: newIDs.contains($0.finding.id)) }
        resolved = report.resolved.map { FindingJSON($0, isNew: false) }
        summary = Summary(
            open: report.findings.count, critical: report.count(.critical), warning: report.count(.warning),
            info: report.count(.info),
            by_kind: Dictionary(grouping: report.findings, by: \.finding.kind.rawValue).mapValues(\.count),
            new: newIDs.count, resolved: report.resolved.count)
        checked_at = RFC3339.string(report.checkedAt)
        data_as_of = report.dataAsOf.map(RFC3339.string)
        since = report.since.map(RFC3339.string)
        fail_on = failOn?.rawValue
        self.failed = failed
    }

    public func encode(to encoder: any Encoder) throws {
        enum K: String, CodingKey { case findings, resolved, summary, checked_at, data_as_of, since, fail_on, failed }
        var c = encoder.container(keyedBy: K.self)
        try c.encode(findings, forKey: .findings)
        try c.encode(resolved, forKey: .resolved)
        try c.encode(summary, forKey: .summary)
        try c.encode(checked_at, forKey: .checked_at)
        try c.encode(data_as_of, forKey: .data_as_of)
        try c.encode(since, forKey: .since)
        try c.encode(fail_on, forKey: .fail_on)
        try c.encode(failed, forKey: .failed)
    }
}
