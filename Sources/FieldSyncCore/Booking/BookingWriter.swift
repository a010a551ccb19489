/// Writes bookings through to one backend, exactly once in effect.
///
/// Every record a writer creates carries the intent's ``BookingIntent/bookingID`` as a marker
/// the writer can look up, so the engine can resolve an attempt whose outcome is unknown:
///
/// ```swift
/// do {
///     remote = try await writer.create(intent)
/// } catch {
///     switch error {
///     case .unknownOutcome:
///         remote = try await writer.find(intent) ?? writer.create(intent)   // create only if nothing was found
///     case .unavailable(_, let retryAfter): …                              // try later
///     case .refused(_, let message): …                                     // give up, say why
///     }
/// }
/// ```
///
/// In shadow mode the engine calls ``plan(_:)`` instead of ``create(_:)``: it reads what it must
/// and returns the requests `create` would send, writing nothing.
public protocol BookingWriter: Sendable {
    /// `servicetitan` or `housecallpro`.
    var backend: String { get }
    /// The configured source name (`lakeshore-st`).
    var sourceName: String { get }
    /// Reads what it must (customer by phone, job type id…), writes nothing, and returns the
    /// requests `create` would send.
    func plan(_ intent: BookingIntent) async throws(BookingWriteError) -> [PlannedWrite]
    /// Looks up what an earlier attempt for `intent.bookingID` created, by its marker. nil:
    /// nothing was created.
    func find(_ intent: BookingIntent) async throws(BookingWriteError) -> RemoteBooking?
    /// Creates the job, its appointment and the technician assignment. Re-usable after a partial
    /// earlier attempt (customer created, job not): it finds the customer by marker or phone
    /// before creating one.
    func create(_ intent: BookingIntent) async throws(BookingWriteError) -> RemoteBooking
    /// The technician's appointments in `range` as the backend has them now, cancelled ones
    /// excluded (the engine re-checks stale cache data before writing).
    func busyTimes(technicianExternalID: String, in range: TimeRange) async throws(BookingWriteError) -> [TimeRange]
}
