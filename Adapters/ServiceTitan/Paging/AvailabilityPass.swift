import FieldSyncCore

/// The full pass over a technician's availability, which two list resources share: technician
/// shifts and non-job appointments both become availability windows, so a ``Sweep`` of
/// availability may only be sent once both have been read completely.
///
/// Cursors: `pass/availability` = the run the pass began in (empty when none is open), and
/// `pass/<resource>` = the same run while that resource's part is unfinished (empty when done).
/// Opening a pass also resets both resources' `list/<resource>` high-water marks, so that each
/// part reads from the beginning (within the horizon) even if it resumes in a later run.
struct AvailabilityPass: Sendable {
    static let key = "pass/availability"
    static let parts = [STResource.technicianShifts.name, STResource.nonJobAppointments.name]
    static func partKey(_ part: String) -> String { "pass/\(part)" }

    /// The run the pass began in; nil when the run reads availability incrementally.
    private(set) var sinceRun: Int64?
    private var unfinished: Set<String> = []
    /// Cursors that open the pass, to commit with the first page of either part.
    private(set) var opening: [SourceCursor] = []

    /// `saved` gives committed cursor values (nil for missing or cleared), `exists` whether a key
    /// was ever committed.
    init(saved: (String) -> String?, exists: (String) -> Bool, fullPass: Bool, runID: Int64) {
        if let open = saved(Self.key).flatMap({ Int64($0) }) {
            sinceRun = open
            unfinished = Set(Self.parts.filter { saved(Self.partKey($0)) == String(open) })
        } else if fullPass || Self.parts.contains(where: { !exists(ListPager.cursorKey($0)) }) {
            sinceRun = runID
            unfinished = Set(Self.parts)
            opening = [SourceCursor(key: Self.key, value: String(runID))]
                + Self.parts.map { SourceCursor(key: Self.partKey($0), value: String(runID)) }
                + Self.parts.map { SourceCursor(key: ListPager.cursorKey($0), value: "") }
        }
    }

    /// Whether `part` is read as part of the pass (from the beginning, within the horizon).
    func includes(_ part: String) -> Bool { unfinished.contains(part) }

    /// Marks `part` read completely; returns the cursors to commit, and the run the pass began
    /// in when this completes the whole pass (the caller then sends the sweep).
    mutating func finish(_ part: String) -> (cursors: [SourceCursor], sweepSinceRun: Int64?) {
        guard let sinceRun, unfinished.remove(part) != nil else { return ([], nil) }
        var cursors = [SourceCursor(key: Self.partKey(part), value: "")]
        guard unfinished.isEmpty else { return (cursors, nil) }
        cursors.append(SourceCursor(key: Self.key, value: ""))
        self.sinceRun = nil
        return (cursors, sinceRun)
    }
}
