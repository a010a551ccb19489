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
        let found = lists.withLock { lists in
            let all = lists
            lists = []
            return all
        }
        // The same finding can come from two paths (a crew's shared appointment); keep one.
        var findings: [Finding] = []
        findings.reserveCapacity(found.reduce(0) { $0 + $1.count })
        var seen = Set<String>(minimumCapacity: findings.capacity)
        for list in found {
            for finding in list where seen.insert(finding.id).inserted { findings.append(finding) }
        }
        return Self.sorted(findings)
    }

    /// The findings in ``order(_:_:)``. The sort moves small keys and places each finding once:
    /// moving the findings themselves through a merge sort copied every string in them many times.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        struct Key {
            var rank: UInt16
            var start: Double
            var index: Int32
        }
        var keys = findings.indices.map { i in
            let f = findings[i]
            return Key(
                rank: UInt16(2 - f.severity.rank) << 8 | UInt16(f.kind.rank),
                start: (f.range?.start ?? .distantFuture).timeIntervalSinceReferenceDate, index: Int32(i))
        }
        keys.sort { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.start != b.start { return a.start < b.start }
            return findings[Int(a.index)].id < findings[Int(b.index)].id
        }
        return keys.map { findings[Int($0.index)] }
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
