import Foundation
import FieldSyncCore

extension RecordMapper {
    /// Appointments; a deactivated one is a tombstone.
    ///
    /// ServiceTitan's appointment export does not say who goes: technicians arrive as
    /// appointment assignments (``assignments(_:into:)``), so ``Appointment/technicianIDs`` is
    /// empty here and ``Appointment/assignedSeparately`` is set, telling the cache to keep the
    /// links the assignments make. An appointment that ends before it starts, or whose status the mapping does
    /// not know, is rejected; an arrival window that is incomplete or reversed is left out.
    func appointments(_ records: [RawRecord], into builder: inout PageBuilder) {
        for raw in records {
            guard let record = builder.decode(STAppointment.self, raw) else { continue }
            let id = record.id.value
            if record.active == false {
                builder.tombstone(.appointments, id, version: record.modifiedOn)
                continue
            }
            guard let start = Self.instant(record.start, field: "start", raw, id: record.id, into: &builder),
                let end = Self.instant(record.end, field: "end", raw, id: record.id, into: &builder)
            else { continue }
            guard end >= start else {
                builder.reject(raw, id: id, .endsBeforeStart)
                continue
            }
            guard let status = mapping.appointmentStatus(record.status) else {
                builder.reject(raw, id: id, .unmappedAppointmentStatus(record.status, mappingFile: mapping.fileDescription))
                continue
            }
            var arrival: TimeRange?
            if let from = record.arrivalWindowStart.flatMap(STInstant.init(parsing:))?.date,
                let to = record.arrivalWindowEnd.flatMap(STInstant.init(parsing:))?.date, to >= from
            {
                arrival = TimeRange(start: from, end: to)
            }
            builder.batch.appointments.append(
                Appointment(
                    jobExternalID: record.jobId.value, range: TimeRange(start: start, end: end), arrivalWindow: arrival,
                    technicianIDs: [], status: status, assignedSeparately: true,
                    source: sourceRef(id, version: record.modifiedOn)))
        }
    }

    /// Appointment assignments: one technician on one appointment, with `active = false` when
    /// the technician was taken off it.
    func assignments(_ records: [RawRecord], into builder: inout PageBuilder) {
        for raw in records {
            guard let record = builder.decode(STAppointmentAssignment.self, raw) else { continue }
            builder.batch.assignments.append(
                AppointmentAssignment(
                    appointmentExternalID: record.appointmentId.value, technicianID: technicianID(record.technicianId),
                    active: record.active ?? true, source: sourceRef(record.id.value, version: record.modifiedOn)))
        }
    }
}
