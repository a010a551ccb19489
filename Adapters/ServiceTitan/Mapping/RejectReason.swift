import FieldSyncCore
import Foundation

/// Why a ServiceTitan record could not become a normalized one, in words an operator can act
/// on. Reasons name fields, ids, types and statuses, never customer data.
enum RejectReason: Hashable, Sendable, CustomStringConvertible {
    /// The record's JSON does not have the shape the spec gives (a missing or mistyped field).
    case undecodable(String)
    /// A time field that is not an RFC 3339 date-time.
    case invalidTimestamp(field: String)
    /// `end` (or `start` plus `duration`) comes before `start`.
    case endsBeforeStart
    /// A non-job appointment's `duration` that is not a time span.
    case invalidDuration
    /// A job without `jobTypeId`.
    case missingJobType
    /// A `jobTypeId` the tenant's job types (read with `active=Any`) do not have.
    case unknownJobTypeID(String)
    /// A job type the mapping file does not list, with `unmapped job types: quarantine`.
    case unmappedJobType(name: String, mappingFile: String)
    case unmappedJobStatus(String, mappingFile: String)
    case unmappedAppointmentStatus(String, mappingFile: String)
    case unmappedShiftType(String, mappingFile: String)

    var description: String {
        switch self {
        case .undecodable(let detail):
            "the record could not be read: \(detail)"
        case .invalidTimestamp(let field):
            "field `\(field)` is not an RFC 3339 date-time"
        case .endsBeforeStart:
            "ends before it starts"
        case .invalidDuration:
            "field `duration` is not a time span (hh:mm:ss or d.hh:mm:ss)"
        case .missingJobType:
            "the job has no jobTypeId"
        case .unknownJobTypeID(let id):
            "job type id \(id) is not among the tenant's job types (read with active=Any in this run)"
        case .unmappedJobType(let name, let file):
            "job type \"\(name)\" is not listed in \(file): add it to the job types there (or set a default for unmapped job types) and sync again"
        case .unmappedJobStatus(let status, let file):
            "job status \"\(status)\" is not mapped in \(file): add it to the job statuses there and sync again"
        case .unmappedAppointmentStatus(let status, let file):
            "appointment status \"\(status)\" is not mapped in \(file): add it to the appointment statuses there and sync again"
        case .unmappedShiftType(let type, let file):
            "shift type \"\(type)\" is not mapped in \(file): add it to the shift types there and sync again"
        }
    }

    /// The problem the checks report this as, when it is one they know.
    var problem: RejectProblem? {
        switch self {
        case .endsBeforeStart: .endsBeforeStart
        case .missingJobType, .unknownJobTypeID, .unmappedJobType: .unknownJobType
        default: nil
        }
    }

    /// A decoding failure described by field path, without quoting any value.
    static func describing(_ error: any Error) -> RejectReason {
        guard let error = error as? DecodingError else { return .undecodable("it is not valid JSON") }
        func path(_ context: DecodingError.Context, _ last: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (last.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .undecodable("field `\(path(context, key))` is missing")
        case .valueNotFound(_, let context):
            return .undecodable("field `\(path(context))` is null")
        case .typeMismatch(_, let context):
            return .undecodable("field `\(path(context))` has the wrong type")
        case .dataCorrupted(let context):
            return .undecodable(context.codingPath.isEmpty ? "it is not valid JSON" : "field `\(path(context))` is invalid")
        @unknown default:
            return .undecodable("it does not have the expected shape")
        }
    }
}
