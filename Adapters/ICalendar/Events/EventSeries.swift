/// All the VEVENTs that share one UID: the master (if the feed has it) and its overrides.
public struct EventSeries: Sendable {
    public var uid: String
    /// The event with no RECURRENCE-ID; nil when a feed only has overrides (an accepted
    /// invitation to one instance of someone else's series).
    public var master: ICalEvent?
    /// Overrides, one per RECURRENCE-ID: where a feed has several copies, the highest SEQUENCE
    /// (then the newest LAST-MODIFIED/DTSTAMP, then the last in the file) wins.
    public var overrides: [ICalEvent]

    public init(uid: String, master: ICalEvent?, overrides: [ICalEvent]) {
        self.uid = uid
        self.master = master
        self.overrides = overrides
    }
}

extension ICalEvent {
    /// Whether `self` should replace `other` as the copy to use.
    func supersedes(_ other: ICalEvent) -> Bool {
        if sequence != other.sequence { return sequence > other.sequence }
        if let a = stamp, let b = other.stamp, a != b { return a > b }
        return line > other.line
    }
}
