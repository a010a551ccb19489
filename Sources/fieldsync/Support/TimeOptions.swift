import ArgumentParser
import FieldSyncCore
import Foundation

/// `--from` and `--to`, as RFC 3339 instants.
struct TimeWindowOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Start of the window, RFC 3339 (2026-11-23T08:00:00-06:00 or …Z). Default: now.", valueName: "T1"))
    var from: String?

    @Option(
        name: .long,
        help: ArgumentHelp("End of the window (exclusive), RFC 3339. Default: 14 days after --from.", valueName: "T2"))
    var to: String?

    /// The window as seconds since the epoch, or a usage error naming the bad value.
    func window(now: Date = Date()) throws -> (from: Int64, to: Int64) {
        let start: Int64
        if let from {
            guard let parsed = RFC3339.parseInstant(from) else {
                throw ValidationError("--from \(from) is not an RFC 3339 time (example: 2026-11-23T08:00:00Z)")
            }
            start = parsed
        } else {
            start = Int64(now.timeIntervalSince1970)
        }
        let end: Int64
        if let to {
            guard let parsed = RFC3339.parseInstant(to) else {
                throw ValidationError("--to \(to) is not an RFC 3339 time (example: 2026-11-24T08:00:00Z)")
            }
            end = parsed
        } else {
            end = start + 14 * 86_400
        }
        guard end > start else {
            throw ValidationError("--to must be after --from")
        }
        return (start, end)
    }
}
