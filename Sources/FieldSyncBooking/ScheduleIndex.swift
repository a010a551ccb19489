import FieldSyncCore
import Foundation

/// The in-memory schedule of every technician over a span: built once from the cache, kept by
/// the server, searched per request by ``SlotSearch``.
///
/// ```swift
/// let index = try store.scheduleIndex(in: TimeRange(start: now, end: now + 60 * 86_400), now: now)
/// let slots = SlotSearch.search(query, in: index, holds: holds, rules: rules, policy: SlotPolicy())
/// ```
public struct ScheduleIndex: Sendable {
    /// The span the schedules cover; slots outside it are never offered.
    public let range: TimeRange
    /// When the data was last synced: the oldest last successful sync among the sources.
    public let asOf: Date?
    /// Every technician, in id order.
    public let technicians: [TechnicianSchedule]
    /// Postal code → centroid of the places the cache knows there, for postal-code-only queries.
    public let postalCentroids: [String: Coordinate]
    private let position: [String: Int]

    public init(range: TimeRange, asOf: Date? = nil, technicians: [TechnicianSchedule], postalCentroids: [String: Coordinate] = [:]) {
        self.range = range
        self.asOf = asOf
        var keyed: [String: Coordinate] = [:]
        for (code, point) in postalCentroids {
            if let key = Coordinate.postalKey(code) { keyed[key] = point }
        }
        self.postalCentroids = keyed
        var sorted = technicians.sorted { $0.id < $1.id }
        for i in sorted.indices { sorted[i].resolvePlaces(keyed) }
        self.technicians = sorted
        var position: [String: Int] = [:]
        for (i, t) in sorted.enumerated() { position[t.id] = i }
        self.position = position
    }

    /// The technician with this id, if the index has them.
    public func technician(id: String) -> TechnicianSchedule? {
        position[id].map { technicians[$0] }
    }

    /// Where a location is: its coordinates, else its postal code's centroid.
    public func coordinate(of location: Location?) -> Coordinate? {
        if let point = Coordinate(location) { return point }
        guard let key = Coordinate.postalKey(location?.postalCode) else { return nil }
        return postalCentroids[key]
    }
}
