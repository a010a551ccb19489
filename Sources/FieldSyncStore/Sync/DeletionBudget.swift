import FieldSyncCore

/// The mass-delete brake for a paged source: the deletions a run's pages reported are queued,
/// and applied together at the end of the run only if they stay under the brake, measured
/// against what the source had when the run began.
///
/// Held deletions stay queued (and the run says how to proceed: `--allow-mass-delete`), so a
/// backend that briefly answers "everything is gone" deletes nothing, and a real mass deletion
/// needs an operator's word.
public struct DeletionBudget: Sendable, Hashable {
    public var brake: MassDeleteBrake
    /// Live rows of the source per kind of record when the run began.
    public var baseline: [RecordEntity: Int]

    public init(brake: MassDeleteBrake, baseline: [RecordEntity: Int]) {
        self.brake = brake
        self.baseline = baseline
    }

    /// Whether deleting `count` rows of `entity` must be held back.
    func holds(_ entity: RecordEntity, deleting count: Int) -> Bool {
        count > 0 && brake.holds(removing: count, of: baseline[entity, default: 0])
    }
}
