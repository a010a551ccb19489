import FieldSyncCore
import Foundation

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

    public func run(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for check in checks { check.run(context, into: &findings) }
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
