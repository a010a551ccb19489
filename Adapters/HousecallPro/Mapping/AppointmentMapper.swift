import FieldSyncCore
import Foundation

/// A job's visits → appointments.
///
/// - With `schedule.appointments[]` (the list `expand[]=appointments` adds), one appointment
///   per item: its own id, `start_time`…`end_time`, an arrival window of
///   `arrival_window_minutes` from the start when that is above zero, and the dispatched
///   employees as technicians.
/// - A scheduled job without appointment items: one appointment `<job id>/schedule` from
///   `schedule.scheduled_start`…`scheduled_end` (or the job type's usual duration when the end is
///   missing), `schedule.arrival_window` minutes, and the job's assigned employees.
/// - An unscheduled job has none.
///
/// An appointment that ends before it starts, or whose times cannot be read, is rejected on its
/// own; the job is kept.
struct AppointmentMapper: Sendable {
    let backend: String
    let sourceName: String
    let technicianIDs: TechnicianIDResolver

    struct Outcome: Sendable {
        var appointments: [Appointment] = []
        var problems: [MappingProblem] = []
    }

    /// The appointments of `job` (whose id is `jobID`), with `status` and, for a schedule without
    /// an end, `durationMinutes`.
    func appointments(of job: HCPJob, jobID: String, status: String, durationMinutes: Int?) -> Outcome {
        var outcome = Outcome()
        let source = { (id: String) in
            SourceRef(backend: backend, source: sourceName, externalID: id, remoteVersion: job.updatedAt)
        }
        if let items = job.schedule?.appointments, !items.isEmpty {
            for item in items {
                guard let id = item.id else {
                    outcome.problems.append(
                        MappingProblem(recordKind: "appointment", externalID: nil, reason: "an appointment of job \(jobID) has no id"))
                    continue
                }
                switch range(start: item.startTime, end: item.endTime, fallbackMinutes: nil, what: "appointment") {
                case .failure(let reason, let problem):
                    outcome.problems.append(
                        MappingProblem(recordKind: "appointment", externalID: id, reason: reason, problem: problem))
                case .success(let range):
                    outcome.appointments.append(
                        Appointment(
                            jobExternalID: jobID, range: range,
                            arrivalWindow: arrivalWindow(from: range.start, minutes: item.arrivalWindowMinutes),
                            technicianIDs: technicianIDs.localIDs(for: item.dispatchedEmployeeIDs), status: status,
                            source: source(id)))
                }
            }
            return outcome
        }
        guard let schedule = job.schedule, schedule.scheduledStart != nil else { return outcome }
        let id = Self.scheduleID(jobID: jobID)
        switch range(start: schedule.scheduledStart, end: schedule.scheduledEnd, fallbackMinutes: durationMinutes, what: "job's schedule") {
        case .failure(let reason, let problem):
            outcome.problems.append(MappingProblem(recordKind: "appointment", externalID: id, reason: reason, problem: problem))
        case .success(let range):
            outcome.appointments.append(
                Appointment(
                    jobExternalID: jobID, range: range, arrivalWindow: arrivalWindow(from: range.start, minutes: schedule.arrivalWindow),
                    technicianIDs: technicianIDs.localIDs(for: job.assignedEmployees.compactMap(\.id)), status: status,
                    source: source(id)))
        }
        return outcome
    }

    /// The external id of the one appointment made from a job's own schedule.
    static func scheduleID(jobID: String) -> String { "\(jobID)/schedule" }

    /// The external ids of the appointments `job` would have, for tombstones.
    static func appointmentIDs(of job: HCPJob, jobID: String) -> [String] {
        if let items = job.schedule?.appointments, !items.isEmpty { return items.compactMap(\.id) }
        return job.schedule?.scheduledStart == nil ? [] : [scheduleID(jobID: jobID)]
    }

    private enum RangeResult {
        case success(TimeRange)
        case failure(String, RejectProblem? = nil)
    }

    private func range(start: String?, end: String?, fallbackMinutes: Int?, what: String) -> RangeResult {
        guard let from = HCPTime.instant(start) else {
            return .failure(start == nil ? "the \(what) has no start time" : "the \(what)'s start time is not a timestamp")
        }
        let to: Int64
        if let parsed = HCPTime.instant(end) {
            to = parsed
        } else if end == nil, let minutes = fallbackMinutes, minutes > 0 {
            to = from + Int64(minutes) * 60
        } else {
            return .failure(end == nil ? "the \(what) has no end time" : "the \(what)'s end time is not a timestamp")
        }
        guard to >= from else { return .failure("the \(what) ends before it starts", .endsBeforeStart) }
        return .success(
            TimeRange(start: Date(timeIntervalSince1970: Double(from)), end: Date(timeIntervalSince1970: Double(to))))
    }

    private func arrivalWindow(from start: Date, minutes: Int?) -> TimeRange? {
        guard let minutes, minutes > 0 else { return nil }
        let end = start.timeIntervalSince1970.rounded(.down) + Double(minutes) * 60
        return TimeRange(start: start, end: Date(timeIntervalSince1970: end))
    }
}
