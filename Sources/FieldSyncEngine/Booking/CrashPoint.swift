import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named points in the write-through where a test can have the process killed with `SIGKILL`,
/// to prove that recovery on restart neither loses nor duplicates a booking.
///
/// Set `FIELDSYNC_CRASH_AT` to a comma-separated list of points (e.g. `after-create`). Unset, as
/// in production, every point does nothing.
public struct CrashPoints: Sendable {
    /// Every point, in the order a booking passes them.
    public static let all = ["after-hold", "after-claim", "before-create", "after-create", "after-confirm"]

    private let armed: Set<String>

    public init(environment: [String: String]) {
        armed = Set((environment["FIELDSYNC_CRASH_AT"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        })
    }

    /// Kills the process here if the point is armed.
    func reach(_ point: String) {
        guard armed.contains(point) else { return }
        kill(getpid(), SIGKILL)
    }
}
