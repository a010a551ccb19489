import FieldSyncCore
import Foundation

/// Where a pass over a paged list stands, saved after every page so that a run that dies
/// part-way resumes where it stopped on the next run.
///
/// The value of the `jobs/walk` and `customers/walk` cursors, as JSON. A walk keeps the page
/// size it began with, so that its page numbers keep their meaning if the configuration changes.
struct WalkState: Codable, Hashable, Sendable {
    enum Mode: String, Codable, Hashable, Sendable {
        /// Newest `updated_at` first, stopping at the saved high-water mark.
        case incremental
        /// Every page, oldest `created_at` first, ending with sweeps.
        case full
    }

    var mode: Mode
    /// The page to read next, from 1.
    var nextPage: Int
    var pageSize: Int
    /// The run the walk began in: the ``FieldSyncCore/Sweep/sinceRun`` of a full pass.
    var sinceRun: Int64
    /// When the walk began (the engine's clock, RFC 3339).
    var startedAt: String
    /// Incremental walks: the high-water mark they stop at (nil reads every page).
    var oldMark: String?
    /// The high-water mark to save when the walk completes, once taken (see ``markTaken``).
    var newMark: String?
    /// Whether ``newMark`` has been taken: from the first page of an incremental walk, from the
    /// probe before the first page of a full one.
    var markTaken: Bool = false
    /// `total_items` as the last page read reported it, to notice records removed between pages.
    var totalItems: Int?
    /// How many times this walk has stepped back after records were removed between pages.
    var stepBacks: Int = 0

    /// The saved walk, or nil when none is in progress (no cursor, an empty value, or one this
    /// version cannot read).
    static func restore(_ cursor: SourceCursor?) -> WalkState? {
        guard let cursor, !cursor.value.isEmpty, let data = cursor.value.data(using: .utf8) else { return nil }
        guard let state = try? JSONDecoder().decode(WalkState.self, from: data), state.nextPage >= 1, state.pageSize >= 1
        else { return nil }
        return state
    }

    /// This state as the cursor `key`.
    func cursor(key: String) -> SourceCursor {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let value = (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return SourceCursor(key: key, value: value)
    }

    /// The cursor `key` saying that no walk is in progress.
    static func finished(key: String) -> SourceCursor { SourceCursor(key: key, value: "") }
}
