import FieldSyncCore
import FieldSyncStore
import Foundation

extension ReconcileRunner {
    /// The technicians a remote appointment has, as the pass saw them; nil when it cannot say
    /// (assignments kept apart, none seen).
    static func technicians(of appointment: Appointment, sightings: ReconcileSink.Sightings) -> [String]? {
        guard appointment.assignedSeparately else { return Set(appointment.technicianIDs).sorted() }
        guard let assignments = sightings.assignments[appointment.source.externalID] else { return nil }
        return Set(assignments.values.filter(\.active).map(\.technicianID)).sorted()
    }

    static func isCanceled(_ status: String?) -> Bool {
        guard let status = status?.lowercased() else { return false }
        return status.contains("cancel")
    }

    /// What the backend did to a booking fieldsync made, if anything; followed in the cache unless
    /// this is a dry run (the booking takes the appointment's technician and times, or stops
    /// holding time when the appointment is gone, canceled or unassigned).
    func bookingChange(
        _ booking: BookingRecord, sightings: ReconcileSink.Sightings, appointmentsSwept: Bool, jobsSwept: Bool,
        seenJobs: Set<String>, backend: String, wording: inout ReconcileWording
    ) -> ReconcileReport.BookingChange? {
        guard let appointmentID = booking.remoteAppointmentID else { return nil }
        let vendor = ReconcileWording.vendor(backend)
        let appointment = sightings.appointments[appointmentID]
        let job = booking.remoteJobID.flatMap { sightings.jobs[$0] }
        let jobGone =
            booking.remoteJobID.map { id in sightings.deletedJobs.contains(id) || (jobsSwept && !seenJobs.contains(id)) } ?? false
        let subject = "booking \(booking.id) (\(vendor) job \(booking.remoteJobID ?? "?"), appointment \(appointmentID))"
        var change: ReconcileReport.BookingChange.Change
        var fields: [FieldChange] = []
        var message: String
        var technician = booking.technicianID
        var start = booking.start
        var end = booking.end
        if sightings.deletedAppointments.contains(appointmentID) || jobGone || (appointment == nil && appointmentsSwept) {
            change = .deleted
            message = "\(subject) was deleted in \(vendor); it no longer holds \(booking.technicianID)'s time"
        } else if let appointment {
            if Self.isCanceled(appointment.status) || Self.isCanceled(job?.status) {
                change = .canceled
                message = "\(subject) was canceled in \(vendor); it no longer holds \(booking.technicianID)'s time"
            } else {
                let technicians = Self.technicians(of: appointment, sightings: sightings)
                if abs(appointment.range.start.timeIntervalSince(booking.start)) >= 1 {
                    fields.append(
                        FieldChange(name: "starts_at", before: RFC3339.string(booking.start), after: RFC3339.string(appointment.range.start)))
                }
                if abs(appointment.range.end.timeIntervalSince(booking.end)) >= 1 {
                    fields.append(
                        FieldChange(name: "ends_at", before: RFC3339.string(booking.end), after: RFC3339.string(appointment.range.end)))
                }
                start = appointment.range.start
                end = appointment.range.end
                if let technicians, technicians.isEmpty {
                    change = .unassigned
                    fields.append(FieldChange(name: "technician_id", before: booking.technicianID, after: nil))
                } else {
                    change = .changed
                    if let technicians, !technicians.contains(booking.technicianID), let first = technicians.first {
                        technician = first
                        fields.append(FieldChange(name: "technician_id", before: booking.technicianID, after: first))
                    }
                }
                guard change == .unassigned || !fields.isEmpty else { return nil }
                let words = fields.map { wording.describe($0, source: booking.source) }.joined(separator: "; ")
                message =
                    change == .unassigned
                    ? "\(subject) has no technician in \(vendor) any more; it no longer holds \(booking.technicianID)'s time"
                    : "\(subject) was changed in \(vendor): \(words)"
            }
        } else {
            // Not seen, and the pass did not cover its time: nothing can be said.
            return nil
        }
        var repaired = false
        if !dryRun {
            let status: String? =
                switch change {
                case .changed: nil
                case .canceled: "canceled"
                case .deleted: "deleted"
                case .unassigned: "unassigned"
                }
            repaired =
                (try? store.followRemoteBooking(
                    id: booking.id, technicianID: technician, start: start, end: end, remoteStatus: status,
                    detail: "reconciliation: \(message)", now: now())) ?? false
        }
        return ReconcileReport.BookingChange(
            bookingID: booking.id, source: booking.source, backend: backend, jobID: booking.remoteJobID,
            appointmentID: appointmentID, change: change, fields: fields, message: message, repaired: repaired)
    }

    /// Remote appointments on time fieldsync holds for the same technician. Unless this is a dry
    /// run, each such hold is ended: the time is the appointment's now, and the agent must not
    /// book it.
    func overHolds(
        watch: ReconcileSink.Watch, sightings: ReconcileSink.Sightings, backend: String, wording: inout ReconcileWording
    ) -> [ReconcileReport.OverHold] {
        let vendor = ReconcileWording.vendor(backend)
        let ours = watch.appointmentIDs
        var out: [ReconcileReport.OverHold] = []
        for hold in watch.holds {
            let seen = sightings.nearHolds.values.filter { appointment in
                let id = appointment.source.externalID
                guard !ours.contains(id), !sightings.deletedAppointments.contains(id), !Self.isCanceled(appointment.status),
                    appointment.range.start < hold.end, hold.start < appointment.range.end
                else { return false }
                return Self.technicians(of: appointment, sightings: sightings)?.contains(hold.technicianID) ?? false
            }.sorted { ($0.range.start, $0.source.externalID) < ($1.range.start, $1.source.externalID) }
            let clashes = stillOver(hold, clashes: seen)
            guard !clashes.isEmpty else { continue }
            var repaired = false
            var messages: [String] = []
            for appointment in clashes {
                messages.append(
                    "\(vendor) appointment \(appointment.source.externalID) puts \(hold.technicianID) at \(wording.time(appointment.range.start, source: hold.source)), over fieldsync's \(hold.state == .shadowed ? "shadow booking" : "hold") \(hold.id) (\(wording.time(hold.start, source: hold.source)))")
            }
            if !dryRun {
                repaired =
                    (try? store.endHold(
                        id: hold.id, detail: "reconciliation: \(messages.joined(separator: "; ")); the hold ended", now: now()))
                    ?? false
            }
            for (appointment, message) in zip(clashes, messages) {
                out.append(
                    ReconcileReport.OverHold(
                        bookingID: hold.id, holdState: hold.state.rawValue, source: hold.source, technicianID: hold.technicianID,
                        holdStart: hold.start, holdEnd: hold.end, appointmentID: appointment.source.externalID,
                        appointmentStart: appointment.range.start, appointmentEnd: appointment.range.end,
                        message: message + (repaired ? "; the hold was ended" : ""), repaired: repaired))
            }
        }
        return out
    }

    /// What is left of `clashes` now that the pass is over: the hold was read when the pass
    /// began, and the booking API went on serving while it read. A hold given back, run out or
    /// ended since holds no time any more; one fieldsync booked since wrote an appointment of its
    /// own, which is no over-hold (while its write is under way, which appointment is its own
    /// cannot be told, and the write path re-checks the backend itself).
    func stillOver(_ hold: BookingRecord, clashes: [Appointment]) -> [Appointment] {
        guard !clashes.isEmpty else { return [] }
        let current: BookingRecord?
        do {
            current = try store.booking(id: hold.id)
        } catch {
            return clashes  // as the pass saw it
        }
        guard let current else { return [] }
        switch current.state {
        case .held, .shadowed:
            return current.holdExpiresAt > now() ? clashes : []
        case .writing, .confirmed:
            guard let own = current.remoteAppointmentID else { return [] }
            return clashes.filter { $0.source.externalID != own }
        case .failed, .released, .expired:
            return []
        }
    }
}
