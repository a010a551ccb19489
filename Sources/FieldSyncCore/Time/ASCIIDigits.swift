/// Reading fixed-width decimal fields out of ASCII text, for the date and time formats.
public enum ASCIIDigits {
    /// The number written by `count` digits at `start`, or nil when any is not a digit or the
    /// text is too short.
    public static func value(_ bytes: [UInt8], at start: Int, count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var v = 0
        for i in start..<(start + count) {
            let c = bytes[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }
}
