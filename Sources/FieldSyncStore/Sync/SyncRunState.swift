/// The lifecycle of one sync run of one source.
///
/// `running` → `succeeded` (everything read and applied) | `partial` (some parts failed or the
/// mass-delete brake held removals back; what was read is applied) | `failed` (nothing applied).
/// A run left `running` by a process that died is marked `abandoned` by the next sync.
public enum SyncRunState: String, Sendable, Hashable, Codable {
    case running, succeeded, partial, failed, abandoned

    public var isFinished: Bool { self != .running }
}
