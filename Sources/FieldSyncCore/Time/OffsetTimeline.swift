/// A zone's UTC offsets as a sorted list of transitions: the offset in force at an instant is
/// the one set by the last transition at or before it (binary search), or `initialOffset`
/// before the first.
///
/// Shared by the IANA zones (built from Foundation's transitions) and by zones read from an
/// iCalendar VTIMEZONE.
public struct OffsetTimeline: Sendable, Hashable {
    private let instants: [Int64]
    private let offsets: [Int]
    public let initialOffset: Int

    /// - Parameter transitions: instants (seconds since the epoch), in ascending order, with the
    ///   offset from then on.
    public init(initialOffset: Int, transitions: [(instant: Int64, offset: Int)]) {
        assert(zip(transitions, transitions.dropFirst()).allSatisfy { $0.instant <= $1.instant }, "transitions out of order")
        self.instants = transitions.map(\.instant)
        self.offsets = transitions.map(\.offset)
        self.initialOffset = initialOffset
    }

    public func offset(at instant: Int64) -> Int {
        guard let first = instants.first, instant >= first else { return initialOffset }
        var low = 0
        var high = instants.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if instants[mid] <= instant { low = mid } else { high = mid - 1 }
        }
        return offsets[low]
    }
}
