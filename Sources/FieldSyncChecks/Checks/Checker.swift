import FieldSyncCore
import Foundation
import Synchronization

/// Runs every check over a snapshot and returns the findings in a stable order: most severe
/// first, then by kind, time and id.
public struct Checker: Sendable {
    /// The checks, in the order they run.
    public var checks: [any ScheduleCheck]

    public init(checks: [any ScheduleCheck] = Checker.all) {
        self.checks = checks
    }

    /// Every built-in check.
    public static let all: [any ScheduleCheck] = [
        DoubleBookingCheck(), OutsideShiftCheck(), TimeOffCheck(), SkillCheck(), UnassignedCheck(), InvalidTimeCheck(),
        DuplicateJobCheck(), MissingDataCheck(), ShopRulesCheck(), QuarantineCheck(),
    ]

    /// Runs the checks side by side (they only read the context), each into a list of its own;
    /// the lists are joined in the order of ``checks``, so the result never depends on which
    /// check finished first.
    public func run(_ context: CheckContext) -> [Finding] {
        let checks = self.checks
        let lists = Mutex([[Finding]](repeating: [], count: checks.count))
        DispatchQueue.concurrentPerform(iterations: checks.count) { i in
            var found: [Finding] = []
            checks[i].run(context, into: &found)
            lists.withLock { $0[i] = found }
        }
        var findings = lists.withLock { $0.flatMap { $0 } }
        // The same finding can come from two paths (a crew's shared appointment); keep one.
        var seen = Set<String>()
        findings = findings.filter { seen.insert($0.id).inserted }
        findings.sort(by: Self.order)
        return findings
    }

    /// Most severe first, then kind, then when, then id.
    public static func order(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.kind != b.kind { return a.kind < b.kind }
        let sa = a.range?.start ?? .distantFuture, sb = b.range?.start ?? .distantFuture
        if sa != sb { return sa < sb }
        return a.id < b.id
    }
}
