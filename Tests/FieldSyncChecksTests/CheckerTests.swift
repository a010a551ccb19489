import FieldSyncChecks
import FieldSyncCore
import Foundation
import Testing

@Suite("The checker: one list, worst first, each finding once")
struct CheckerTests {
    /// A check that reports what it is given.
    private struct Fixed: ScheduleCheck {
        var findings: [Finding]
        var kinds: [FindingKind] { Array(Set(findings.map(\.kind))) }
        func run(_ context: CheckContext, into findings: inout [Finding]) { findings += self.findings }
    }

    private func finding(_ kind: FindingKind, _ severity: Severity, at hour: Double?, id: String) -> Finding {
        let ref = RecordRef(backend: "servicetitan", sourceName: "lakeshore-st", type: "appointment", id: id)
        let range = hour.map { TimeRange(start: Date(timeIntervalSince1970: 1_795_000_000 + $0 * 3_600), end: Date(timeIntervalSince1970: 1_795_003_600 + $0 * 3_600)) }
        return Finding(kind: kind, severity: severity, message: "m", advice: "a", records: [ref], range: range)
    }

    @Test("kinds compare in the order they are declared, which is the order reports list them in")
    func kindOrder() {
        let kinds = FindingKind.allCases
        for (i, a) in kinds.enumerated() {
            for (j, b) in kinds.enumerated() { #expect((a < b) == (i < j), "\(a) < \(b)") }
        }
        #expect(Severity.allCases.sorted() == [.info, .warning, .critical])
    }

    @Test("findings come critical first, then by kind, then by time (timeless last), then by id")
    func order() {
        let all = [
            finding(.doubleBooking, .critical, at: 5, id: "a"), finding(.doubleBooking, .critical, at: 5, id: "b"),
            finding(.doubleBooking, .critical, at: 9, id: "c"), finding(.duringTimeOff, .critical, at: 1, id: "d"),
            finding(.doubleBooking, .warning, at: 0, id: "e"), finding(.outsideShift, .warning, at: 2, id: "f"),
            finding(.missingData, .warning, at: nil, id: "g"), finding(.missingData, .warning, at: 7, id: "j"),
            finding(.ruleViolation, .warning, at: 3, id: "h"),
            finding(.missingData, .info, at: 1, id: "i"),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let shuffled = all.shuffled(using: &generator)
            let sorted = Checker.sorted(shuffled)
            #expect(sorted.map(\.records[0].id) == all.sorted(by: Checker.order).map(\.records[0].id))
            // Within one time, the id decides: a and b in the order of their ids.
            let ab = sorted.filter { ["a", "b"].contains($0.records[0].id) }.map(\.id)
            #expect(ab == ab.sorted())
        }
        let order = Checker.sorted(all).map(\.records[0].id)
        #expect(Set(order.prefix(2)) == ["a", "b"])
        #expect(Array(order.dropFirst(2)) == ["c", "d", "e", "f", "j", "g", "h", "i"])
    }

    @Test("the same finding from two checks is listed once, and the result does not depend on which check finished first")
    func onceAndStable() {
        let shared = finding(.doubleBooking, .critical, at: 1, id: "shared")
        let first = Fixed(findings: [shared, finding(.outsideShift, .warning, at: 2, id: "x")])
        let second = Fixed(findings: [finding(.skillMismatch, .warning, at: 0, id: "y"), shared])
        let context = CheckContext(snapshot: ScheduleSnapshot(asOf: Date(timeIntervalSince1970: 1_795_000_000)))
        let once = Checker(checks: [first, second]).run(context)
        #expect(once.map(\.records[0].id) == ["shared", "x", "y"])
        #expect(Checker(checks: [second, first]).run(context).map(\.id) == once.map(\.id))
    }
}
