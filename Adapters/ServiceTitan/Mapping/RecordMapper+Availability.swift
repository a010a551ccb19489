import Foundation
import FieldSyncCore

extension RecordMapper {
    /// External ids of availability windows carry their kind of record, because shift ids and
    /// non-job appointment ids are separate sequences in ServiceTitan and share one table here.
    static func shiftExternalID(_ id: STID) -> String { "shift/\(id.value)" }
    static func nonJobExternalID(_ id: STID) -> String { "non-job/\(id.value)" }

    /// What a shift type means when the mapping file does not say.
    static func defaultShiftKind(_ shiftType: String) -> AvailabilityKind? {
        switch shiftType.trimmingCharacters(in: .whitespaces).lowercased() {
        case "normal": .shift
        case "oncall", "on call", "on-call": .onCall
        case "timeoff", "time off", "time-off": .timeOff
        default: nil
        }
    }

    /// Technician shifts as windows on their technician: kind from the shift type (through the
    /// mapping, else Normal → shift, OnCall → on call, TimeOff → time off), the title, and the
    /// tenant's zone as the source zone. A deactivated shift is a tombstone.
    func shifts(_ records: [RawRecord], into builder: inout PageBuilder) {
        for raw in records {
            guard let record = builder.decode(STTechnicianShift.self, raw) else { continue }
            let externalID = Self.shiftExternalID(record.id)
            if record.active == false {
                builder.tombstone(.availability, externalID, version: record.modifiedOn)
                continue
            }
            guard let kind = mapping.shiftKind(record.shiftType) ?? Self.defaultShiftKind(record.shiftType) else {
                builder.reject(raw, id: record.id.value, .unmappedShiftType(record.shiftType, mappingFile: mapping.fileDescription))
                continue
            }
            guard let start = Self.instant(record.start, field: "start", raw, id: record.id, into: &builder),
                let end = Self.instant(record.end, field: "end", raw, id: record.id, into: &builder)
            else { continue }
            guard end >= start else {
                builder.reject(raw, id: record.id.value, .endsBeforeStart)
                continue
            }
            builder.batch.availability.append(
                AvailabilityWindow(
                    technicianID: technicianID(record.technicianId), range: TimeRange(start: start, end: end), kind: kind,
                    sourceTimeZone: timeZone, title: Self.nonEmpty(record.title),
                    source: sourceRef(externalID, version: record.modifiedOn)))
        }
    }

    /// Non-job appointments (meetings, training, errands) as `non_job_appointment` windows from
    /// `start` for `duration`. A deactivated one is a tombstone.
    func nonJobAppointments(_ records: [RawRecord], into builder: inout PageBuilder) {
        for raw in records {
            guard let record = builder.decode(STNonJobAppointment.self, raw) else { continue }
            let externalID = Self.nonJobExternalID(record.id)
            if record.active == false {
                builder.tombstone(.availability, externalID, version: record.modifiedOn)
                continue
            }
            guard let start = Self.instant(record.start, field: "start", raw, id: record.id, into: &builder) else { continue }
            guard let seconds = TimeSpan.seconds(record.duration) else {
                builder.reject(raw, id: record.id.value, .invalidDuration)
                continue
            }
            builder.batch.availability.append(
                AvailabilityWindow(
                    technicianID: technicianID(record.technicianId),
                    range: TimeRange(start: start, end: start.addingTimeInterval(seconds)), kind: .nonJobAppointment,
                    sourceTimeZone: timeZone, allDay: record.allDay ?? false, title: Self.nonEmpty(record.name),
                    source: sourceRef(externalID, version: record.modifiedOn)))
        }
    }
}
