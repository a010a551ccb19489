/// A PERIOD value (RFC 5545 §3.3.9): `start/end` or `start/duration`.
public struct ICalPeriod: Hashable, Sendable {
    public enum End: Hashable, Sendable {
        case end(ICalDateTime)
        case duration(ICalDuration)
    }

    public var start: ICalDateTime
    public var end: End

    public init(start: ICalDateTime, end: End) {
        self.start = start
        self.end = end
    }

    public static func parse(_ text: some StringProtocol, tzid: String? = nil, line: Int? = nil) throws(ICalendarError)
        -> ICalPeriod
    {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw ICalendarError(.invalidValue, "\(Quoted(String(text))) is not a period (expected start/end or start/duration)", line: line)
        }
        // RFC 5545 wants date-times here; some producers write whole days (`19970101/19970102`),
        // which are read as such.
        let start = try ICalDateTime.parse(parts[0], tzid: tzid, line: line)
        let second = parts[1]
        if second.first == "P" || second.first == "+" || second.first == "-" || second.first == "p" {
            return ICalPeriod(start: start, end: .duration(try ICalDuration.parse(second, line: line)))
        }
        return ICalPeriod(start: start, end: .end(try ICalDateTime.parse(second, tzid: tzid, line: line)))
    }
}
