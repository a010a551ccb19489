/// A UTC-OFFSET value (RFC 5545 §3.3.14): `-0500`, `+0530`, and with seconds, `-075258`.
public enum ICalUTCOffset {
    /// Seconds east of UTC. Rejects offsets of 24 hours or more (`+5744` is a typo for
    /// `+005744`, not an offset) and `-0000`, which RFC 5545 forbids, is read as zero.
    public static func parse(_ text: some StringProtocol, line: Int? = nil) throws(ICalendarError) -> Int {
        let b = Array(text.utf8)
        guard b.count == 5 || b.count == 7, b[0] == 0x2B || b[0] == 0x2D,
              b.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else {
            throw ICalendarError(.invalidValue, "\(Quoted(String(text))) is not a UTC offset (expected ±HHMM or ±HHMMSS)", line: line)
        }
        func two(_ i: Int) -> Int { Int(b[i] - 0x30) * 10 + Int(b[i + 1] - 0x30) }
        let hours = two(1)
        let minutes = two(3)
        let seconds = b.count == 7 ? two(5) : 0
        guard hours < 24, minutes < 60, seconds < 60 else {
            throw ICalendarError(.invalidValue, "UTC offset \(Quoted(String(text))) is out of range", line: line)
        }
        let total = hours * 3600 + minutes * 60 + seconds
        return b[0] == 0x2D ? -total : total
    }
}
