/// Formats UTC offsets the way RFC 3339 writes them (`+02:00`, `-05:00`, `Z` never).
public enum UTCOffsetFormat {
    /// `+HH:MM`, or `+HH:MM:SS` when the offset has seconds (local mean time before 1900).
    public static func string(_ offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset)
        var s = sign + Padding.twoDigits(a / 3600) + ":" + Padding.twoDigits((a / 60) % 60)
        if a % 60 != 0 { s += ":" + Padding.twoDigits(a % 60) }
        return s
    }
}
