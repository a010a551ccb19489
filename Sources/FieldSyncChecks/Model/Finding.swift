import FieldSyncCore
import Foundation

/// One problem the checks found in the cache: what it is, how bad, which records, and what to do.
///
/// Its ``id`` depends only on the kind, the rule or detail, and the records involved, so the same
/// double-booking found again tomorrow is the same finding.
public struct Finding: Sendable, Hashable, Codable {
    /// Stable across runs: `<kind>-<16 hex digits>`.
    public var id: String
    public var kind: FindingKind
    public var severity: Severity
    /// What is wrong, in a dispatcher's words, without customer details beyond what identifies the job.
    public var message: String
    /// What to do about it.
    public var advice: String
    /// The records involved, most important first.
    public var records: [RecordRef]
    /// For `rule_violation`, the rule's name; for `missing_data`, what is missing
    /// (`address`, `phone`, `job_type`); for `invalid_time`, `ends_before_start` or `duration`.
    public var detail: String?
    /// The local technician id, when the finding is about one technician's schedule.
    public var technicianID: String?
    /// When it happens, for the timeline (UTC).
    public var range: TimeRange?

    public init(
        kind: FindingKind, severity: Severity, message: String, advice: String, records: [RecordRef],
        detail: String? = nil, technicianID: String? = nil, range: TimeRange? = nil, identityRecords: [RecordRef]? = nil
    ) {
        self.kind = kind
        self.severity = severity
        self.message = message
        self.advice = advice
        self.records = records
        self.detail = detail
        self.technicianID = technicianID
        self.range = range
        self.id = Finding.identity(kind: kind, detail: detail, technicianID: technicianID, records: identityRecords ?? records)
    }

    /// The stable id: a 64-bit FNV-1a hash of the kind, detail, technician and the sorted records.
    public static func identity(kind: FindingKind, detail: String?, technicianID: String?, records: [RecordRef]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0x1f
            hash = hash &* 0x0000_0100_0000_01b3
        }
        mix(kind.rawValue)
        mix(detail ?? "")
        mix(technicianID ?? "")
        for r in records.sorted() {
            mix(r.sourceName)
            mix(r.type)
            mix(r.id)
        }
        let hex = String(hash, radix: 16)
        return "\(kind.rawValue)-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
