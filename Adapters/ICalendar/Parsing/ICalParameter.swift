/// A property parameter (`TZID=Europe/Paris`, `DELEGATED-TO="mailto:a","mailto:b"`).
///
/// Values are decoded from RFC 6868 caret escapes (`^n`, `^'`, `^^`); quotes are removed.
public struct ICalParameter: Hashable, Sendable {
    /// Uppercased.
    public var name: String
    /// One or more values; most parameters have exactly one.
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// The parameters RFC 5545 defines as lists of values (§3.2.4, §3.2.5, §3.2.11): an unquoted
    /// ',' separates values only in these. Elsewhere it is part of the value (`CN=Doe, Jane`,
    /// `TZID=(UTC+01:00) Amsterdam, Berlin`), as ical.js reads it. Quoted values separated by
    /// commas (`X-P="a","b"`) are several values in any parameter.
    static let listParameters: Set<String> = ["DELEGATED-FROM", "DELEGATED-TO", "MEMBER"]

    /// The values joined by commas, as most readers want them.
    public var value: String { values.joined(separator: ",") }
}
