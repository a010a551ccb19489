/// One kind of check over a snapshot. Checks only read; each appends what it finds.
public protocol ScheduleCheck: Sendable {
    /// The kinds of finding this check reports.
    var kinds: [FindingKind] { get }
    func run(_ context: CheckContext, into findings: inout [Finding])
}
