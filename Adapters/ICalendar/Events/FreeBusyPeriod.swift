import FieldSyncCore

/// One period of a VFREEBUSY (RFC 5545 §3.6.4, §3.8.2.6).
public struct FreeBusyPeriod: Sendable {
    /// The UID of the VFREEBUSY, when it has one.
    public var uid: String?
    /// `BUSY` (the default), `BUSY-UNAVAILABLE`, `BUSY-TENTATIVE`, `FREE`, or an x-name.
    public var type: String
    public var start: EventTime
    public var end: EventTime
    public var line: Int

    /// FBTYPE=FREE is the only kind that does not block time.
    public var isBusy: Bool { type != "FREE" }
}
