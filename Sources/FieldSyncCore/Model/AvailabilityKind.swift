/// What a span in a technician's schedule means for booking.
public enum AvailabilityKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Working hours: the technician can be booked inside these.
    case shift
    /// Vacation, sick leave, training: not bookable, and an appointment here is a conflict.
    case timeOff = "time_off"
    /// Busy for another reason (a calendar event, a free/busy block).
    case busy
    /// A non-job appointment in the field-service tool (meeting, truck maintenance).
    case nonJobAppointment = "non_job_appointment"
    /// On call: outside normal hours, bookable for emergencies only.
    case onCall = "on_call"
    /// A job appointment the technician is assigned to in a field-service backend. Never stored
    /// as a window (appointments have their own table); availability reports it as busy time.
    case appointment

    /// Whether this kind makes the technician unavailable.
    public var blocksBooking: Bool { self != .shift && self != .onCall }
}
