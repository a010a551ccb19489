import FieldSyncCore
import Foundation

/// Why a resource is read completely this run, if it is.
enum FullPassReason: Hashable, Sendable, CustomStringConvertible {
    /// No complete pass has finished yet.
    case firstRun
    /// The engine asked (`sync --full`).
    case requested
    /// The last complete pass began longer than the interval ago.
    case due

    /// Why a complete pass is due, given when the last one began (the cursor `lastBegan`), or nil
    /// when it is not.
    static func check(lastBegan: SourceCursor?, request: PullRequest, interval: Duration) -> FullPassReason? {
        if request.fullPass { return .requested }
        guard let began = lastBegan.flatMap({ RFC3339.parseDate($0.value) }) else { return .firstRun }
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        return request.now.timeIntervalSince(began) >= seconds ? .due : nil
    }

    var description: String {
        switch self {
        case .firstRun: "the first"
        case .requested: "requested"
        case .due: "due"
        }
    }
}
