import FieldSyncChecks
import FieldSyncCore
import FieldSyncStore
import Foundation

/// What one reconciliation found and did: the JSON of `fieldsync reconcile --json`, and what the
/// text and HTML reports show.
///
/// ```json
/// {"run_id": 7, "mode": "repair", "outcome": "repaired", "exit_code": 1,
///  "summary": {"created": 1, "changed": 2, "deleted": 1, "bookings": 1, "over_holds": 0, ...},
///  "sources": [{"source": "lakeshore-st", "state": "compared", "compared": ["jobs", ...], "not_compared": []}],
///  "differences": [{"source", "entity": "appointment", "id": "<vendor id>", "change": "changed",
///                   "fields": [{"name": "starts_at", "before", "after"}], "message", "repaired"}],
///  "bookings": [...], "over_holds": [...], "findings": {"new": [...], "open": 12}, "history": [...]}
/// ```
public struct ReconcileReport: Encodable, Sendable {
    /// How the run ended; decides the exit code.
    public enum Outcome: String, Encodable, Sendable {
        /// Everything compared; nothing differed. Exit 0.
        case clean
        /// Differences found and the cache repaired. Exit 1.
        case repaired
        /// Differences found and left alone (`--dry-run`). Exit 1.
        case driftFound = "drift_found"
        /// Some of it could not be compared or repaired. Exit 2.
        case incomplete

        public var exitCode: Int32 {
            switch self {
            case .clean: 0
            case .repaired, .driftFound: 1
            case .incomplete: 2
            }
        }
    }

    public struct Summary: Encodable, Sendable, Hashable {
        public var created = 0
        public var changed = 0
        public var deleted = 0
        public var bookings = 0
        public var overHolds = 0
        /// Differences found but not repaired (a dry run; deletions the brake held).
        public var notRepaired = 0
        public var newFindings = 0
        public var recordsRead = 0

        public var differences: Int { created + changed + deleted + bookings + overHolds }

        enum CodingKeys: String, CodingKey {
            case created, changed, deleted, bookings, overHolds = "over_holds", notRepaired = "not_repaired"
            case newFindings = "new_findings", recordsRead = "records_read"
        }
    }

    /// How far one source was compared.
    public struct SourceResult: Encodable, Sendable {
        public enum State: String, Encodable, Sendable {
            /// Read completely and compared.
            case compared
            /// Read in part: what was read was compared (and repaired), the rest was not.
            case incomplete
            /// Nothing could be read.
            case failed
        }

        public var source: String
        public var backend: String
        public var state: State
        /// Kinds of record compared completely, deletions included.
        public var compared: [String]
        /// What was not compared, and why (a failed resource, a pass that did not finish, the brake).
        public var notCompared: [String]
        public var recordsRead: Int
        /// Differences per kind of record: `{"jobs": {"created": 1, "changed": 0, "deleted": 2}}`.
        public var counts: [String: [String: Int]]
        public var notes: [String]
        public var durationSeconds: Double

        enum CodingKeys: String, CodingKey {
            case source, backend, state, compared, notCompared = "not_compared", recordsRead = "records_read", counts, notes
            case durationSeconds = "duration_seconds"
        }
    }

    /// One record that differs.
    public struct Difference: Encodable, Sendable, Hashable {
        public var source: String
        public var backend: String
        /// `technician`, `availability`, `customer`, `location`, `job`, `appointment`.
        public var entity: String
        /// The vendor's own id.
        public var id: String
        public var change: Drift.Change
        public var fields: [FieldChange]
        public var technicianID: String?
        public var start: Date?
        /// In words an operator reads at 7 a.m.
        public var message: String
        /// Whether the cache now matches the backend for this record.
        public var repaired: Bool

        enum CodingKeys: String, CodingKey {
            case source, backend, entity, id, change, fields, technicianID = "technician_id", start, message, repaired
        }
    }

    /// A booking fieldsync made whose remote record changed or disappeared.
    public struct BookingChange: Encodable, Sendable, Hashable {
        public enum Change: String, Encodable, Sendable {
            /// Times or technician changed: the booking follows the remote appointment.
            case changed
            /// Canceled in the backend: it no longer holds time.
            case canceled
            /// Deleted in the backend (or gone from it): it no longer holds time.
            case deleted
            /// No technician on it any more.
            case unassigned
        }

        public var bookingID: String
        public var source: String
        public var backend: String
        public var jobID: String?
        public var appointmentID: String
        public var change: Change
        public var fields: [FieldChange]
        public var message: String
        public var repaired: Bool

        enum CodingKeys: String, CodingKey {
            case bookingID = "booking_id", source, backend, jobID = "job_id", appointmentID = "appointment_id", change, fields
            case message, repaired
        }
    }

    /// A remote appointment on time fieldsync holds for a technician (a hold not yet booked, or a
    /// shadow booking).
    public struct OverHold: Encodable, Sendable, Hashable {
        public var bookingID: String
        public var holdState: String
        public var source: String
        public var technicianID: String
        public var holdStart: Date
        public var holdEnd: Date
        public var appointmentID: String
        public var appointmentStart: Date
        public var appointmentEnd: Date
        public var message: String
        /// The hold was released (shadow: ended), so the time is the appointment's.
        public var repaired: Bool

        enum CodingKeys: String, CodingKey {
            case bookingID = "booking_id", holdState = "hold_state", source, technicianID = "technician_id"
            case holdStart = "hold_start", holdEnd = "hold_end", appointmentID = "appointment_id"
            case appointmentStart = "appointment_start", appointmentEnd = "appointment_end", message, repaired
        }
    }

    public struct Findings: Encodable, Sendable {
        /// Findings the checks opened after this reconciliation.
        public var new: [CheckReportJSON.FindingJSON]
        /// Open findings in all.
        public var open: Int
        /// Why the checks did not run, when they did not.
        public var error: String?
    }

    /// One earlier run, for the week's trend.
    public struct HistoryEntry: Encodable, Sendable, Hashable {
        public var runID: Int64
        public var startedAt: Date
        public var dryRun: Bool
        public var outcome: String
        public var created: Int
        public var changed: Int
        public var deleted: Int
        public var bookings: Int
        public var overHolds: Int

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", startedAt = "started_at", dryRun = "dry_run", outcome, created, changed, deleted, bookings
            case overHolds = "over_holds"
        }
    }

    public var runID: Int64?
    public var dryRun: Bool
    public var outcome: Outcome
    public var startedAt: Date
    public var finishedAt: Date
    public var horizonStart: Date
    public var horizonEnd: Date
    public var summary: Summary
    public var sources: [SourceResult]
    public var differences: [Difference]
    public var bookings: [BookingChange]
    public var overHolds: [OverHold]
    public var findings: Findings?
    /// This run and the ones of the week before it, newest first.
    public var history: [HistoryEntry]
    /// The configuration's file name, for the report's title.
    public var title: String
    /// The shop's zone (its first source's), for times a person reads; nil: the machine's.
    public var timeZone: String? = nil

    public var exitCode: Int32 { outcome.exitCode }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", mode, outcome, exitCode = "exit_code", startedAt = "started_at", finishedAt = "finished_at"
        case horizonStart = "horizon_start", horizonEnd = "horizon_end", summary, sources, differences, bookings
        case overHolds = "over_holds", findings, history, timeZone = "time_zone"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(runID, forKey: .runID)
        try c.encode(dryRun ? "dry_run" : "repair", forKey: .mode)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(exitCode, forKey: .exitCode)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(finishedAt, forKey: .finishedAt)
        try c.encode(horizonStart, forKey: .horizonStart)
        try c.encode(horizonEnd, forKey: .horizonEnd)
        try c.encode(summary, forKey: .summary)
        try c.encode(sources, forKey: .sources)
        try c.encode(differences, forKey: .differences)
        try c.encode(bookings, forKey: .bookings)
        try c.encode(overHolds, forKey: .overHolds)
        try c.encode(findings, forKey: .findings)
        try c.encode(history, forKey: .history)
        try c.encode(timeZone, forKey: .timeZone)
    }
}
