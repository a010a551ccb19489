import FieldSyncCore
import Foundation
import Synchronization

/// Shows how far a sync is on standard error: one line per source that rewrites itself on a
/// terminal, or a line every few seconds otherwise (so a log shows a long run is alive).
final class ProgressPrinter: Sendable {
    private struct State {
        var lastPrinted: ContinuousClock.Instant?
        var lastLine = ""
    }

    private let interactive: Bool
    private let interval: Duration
    private let state = Mutex(State())

    init(interactive: Bool = isatty(STDERR_FILENO) == 1) {
        self.interactive = interactive
        self.interval = interactive ? .milliseconds(100) : .seconds(5)
    }

    func report(source: String, progress: PullProgress) {
        let total = progress.total.map { " of \($0)" } ?? ""
        let line = "\(source): \(progress.resource), page \(progress.pages), \(progress.records) record(s)\(total)"
        let now = ContinuousClock.now
        let due = state.withLock { state -> Bool in
            if let last = state.lastPrinted, now - last < interval { return false }
            state.lastPrinted = now
            state.lastLine = line
            return true
        }
        guard due else { return }
        StandardError.write(interactive ? "\r\u{1B}[2K\(line)" : "\(line)\n")
    }

    /// Clears the rewritten line before the summary is printed.
    func finish() {
        if interactive && state.withLock({ !$0.lastLine.isEmpty }) { StandardError.write("\r\u{1B}[2K") }
    }
}
