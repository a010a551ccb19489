/// Stops a sync from removing most of a source's cached rows at once.
///
/// A feed that suddenly comes back empty is far more often a broken export, an expired share
/// link or a truncated download than a technician whose calendar was wiped. When a run would
/// remove more than `fraction` of the rows a source has in the synced span (and at least
/// `minimumRows`), nothing is removed, the run is marked partial, and the operator is told how
/// to proceed (`--allow-mass-delete`).
public struct MassDeleteBrake: Sendable, Hashable {
    public var fraction: Double
    public var minimumRows: Int
    public var isReleased: Bool

    public init(fraction: Double = 0.5, minimumRows: Int = 10, isReleased: Bool = false) {
        self.fraction = fraction
        self.minimumRows = minimumRows
        self.isReleased = isReleased
    }

    /// Whether removing `removals` of `existing` rows must be held back.
    public func holds(removing removals: Int, of existing: Int) -> Bool {
        guard !isReleased, removals >= minimumRows, existing > 0 else { return false }
        return Double(removals) > fraction * Double(existing)
    }
}
