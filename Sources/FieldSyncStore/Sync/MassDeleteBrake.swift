/// Stops a sync from removing most of a source's cached rows at once.
///
/// A feed that suddenly comes back empty is far more often a broken export, an expired share
/// link or a truncated download than a technician whose calendar was wiped. When a run would
/// leave fewer than `1 - fraction` of the rows a feed had in the synced span (removing at least
/// `minimumRows`), nothing is removed, the run is marked partial, and the operator is told how
/// to proceed (`--allow-mass-delete`). Rows replaced by new ones (a series whose start moved,
/// so every instance has a new id) are not a loss.
public struct MassDeleteBrake: Sendable, Hashable {
    public var fraction: Double
    public var minimumRows: Int
    public var isReleased: Bool

    public init(fraction: Double = 0.5, minimumRows: Int = 10, isReleased: Bool = false) {
        self.fraction = fraction
        self.minimumRows = minimumRows
        self.isReleased = isReleased
    }

    /// Whether removing `removals` of `existing` rows, while `adding` new ones, must be held back.
    public func holds(removing removals: Int, of existing: Int, adding: Int = 0) -> Bool {
        guard !isReleased, removals >= minimumRows, existing > 0 else { return false }
        let remaining = existing - removals + adding
        return Double(remaining) < (1 - fraction) * Double(existing)
    }
}
