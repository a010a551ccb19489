import FieldSyncCore
import Foundation

/// Records a sync quarantined and that are still unresolved: an appointment that ends before it
/// starts is `invalid_time`, a job with a job type the mapping does not list is `missing_data`,
/// and anything else that could not be read is `unreadable_record`. Nothing a source sends is
/// lost from view because it was malformed.
public struct QuarantineCheck: ScheduleCheck {
    public init() {}
    public var kinds: [FindingKind] { [.invalidTime, .missingData, .unreadableRecord] }

    public func run(_ context: CheckContext, into findings: inout [Finding]) {
        for reject in context.snapshot.rejects {
            let source = context.source(reject.source)
            let id = reject.externalID ?? reject.location ?? "?"
            let record = RecordRef(backend: source.backend, sourceName: source.name, type: reject.recordKind, id: id)
            let name = "\(reject.recordKind.replacingOccurrences(of: "_", with: " ")) \(id)"
            let place = reject.location.map { " (\($0))" } ?? ""
            switch reject.problem {
            case .endsBeforeStart:
                findings.append(
                    Finding(
                        kind: .invalidTime, severity: context.severity(.invalidTime, .critical),
                        message: "\(name.capitalizingFirst) in \(source.name) ends before it starts, so it is not on anyone's schedule here.",
                        advice: "Fix its start and end in \(source.backend); the next sync picks it up.",
                        records: [record], detail: "ends_before_start"))
            case .unknownJobType:
                findings.append(
                    Finding(
                        kind: .missingData, severity: context.severity(.missingData, .warning),
                        message: "\(name.capitalizingFirst) in \(source.name) was set aside: \(reject.reason).",
                        advice: "Add the job type to the mapping file (with its skills and duration), or correct the job's type in \(source.backend); then sync again.",
                        records: [record], detail: "job_type"))
            case nil:
                findings.append(
                    Finding(
                        kind: .unreadableRecord, severity: context.severity(.unreadableRecord, .warning),
                        message: "\(name.capitalizingFirst) from \(source.name)\(place) could not be read: \(reject.reason).",
                        advice: "Correct it at its source; the next sync reads it again. `fieldsync rejects` shows the raw record.",
                        records: [record], detail: reject.reason))
            }
        }
    }
}
