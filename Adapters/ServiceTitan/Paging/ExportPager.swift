import FieldSyncCore

/// Where one export feed (`…/export/<resource>`) stands in a run, and which cursors each page
/// commits.
///
/// - `export/<resource>` holds the last `continueFrom`; every page commits the one that resumes
///   after it.
/// - A full pass (the first run, `sync --full`, or a refused token) starts without `from`, and
///   `pass/<resource>` holds the run it began in until the feed reports `hasMore: false`. That
///   page carries the pass's ``Sweep`` and clears the pass cursor (an empty value). A pass cut
///   short (a failure, a killed run) is resumed by the next run from its saved `continueFrom`,
///   and its sweep still counts from the run it began in.
struct ExportPager: Sendable {
    static func cursorKey(_ resource: String) -> String { "export/\(resource)" }
    static func passKey(_ resource: String) -> String { "pass/\(resource)" }

    /// What one page asks to commit.
    struct Step: Sendable {
        var cursors: [SourceCursor]
        /// The run a complete pass began in, when this page ended one.
        var sweepSinceRun: Int64?
        /// The feed said it has more but gave the same `continueFrom` back: reading on would
        /// ask for the same page forever.
        var stalled = false
    }

    let resource: String
    let runID: Int64
    /// The `from` of the next request; nil to start at the beginning.
    private(set) var from: String?
    /// The run the full pass under way began in; nil when reading incrementally.
    private(set) var passRun: Int64?
    private(set) var isFinished = false
    /// Whether the feed was started over because the server refused the saved position.
    private(set) var restarted = false

    /// `saved` holds the cursors as committed so far (empty values mean cleared).
    init(resource: String, saved: (String) -> String?, fullPass: Bool, runID: Int64) {
        self.resource = resource
        self.runID = runID
        let savedFrom = saved(Self.cursorKey(resource))
        if let pass = saved(Self.passKey(resource)).flatMap({ Int64($0) }) {
            passRun = pass
            from = savedFrom
        } else if fullPass || savedFrom == nil {
            passRun = runID
            from = nil
        } else {
            from = savedFrom
        }
    }

    var query: [(String, String)] { from.map { [("from", $0)] } ?? [] }

    /// Starts over as a full pass after the server refused `from`. False when this read already
    /// started at the beginning or was restarted once: the refusal is then a failure.
    mutating func restart() -> Bool {
        guard from != nil, !restarted else { return false }
        restarted = true
        from = nil
        passRun = runID
        return true
    }

    /// Takes in a page's `continueFrom` and `hasMore`, and says what to commit with it.
    mutating func receive(continueFrom: String?, hasMore: Bool) -> Step {
        let previous = from
        if let continueFrom, !continueFrom.isEmpty { from = continueFrom }
        var cursors = [SourceCursor(key: Self.cursorKey(resource), value: from ?? "")]
        var sweep: Int64?
        var stalled = false
        if !hasMore {
            isFinished = true
            if let passRun {
                sweep = passRun
                cursors.append(SourceCursor(key: Self.passKey(resource), value: ""))
                self.passRun = nil
            }
        } else {
            if from == previous {
                isFinished = true
                stalled = true
            }
            if let passRun { cursors.append(SourceCursor(key: Self.passKey(resource), value: String(passRun))) }
        }
        return Step(cursors: cursors, sweepSinceRun: sweep, stalled: stalled)
    }
}
