/// Something wrong in a file that did not stop the rest of it from being read.
public struct ICalProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        /// Part of the file was not used (a line, a component).
        case error
        /// Read anyway, with an assumption the operator should know about.
        case warning
    }

    public var severity: Severity
    public var line: Int?
    public var message: String
    /// The property the bad line was meant to be, when its name could be read
    /// (`X-APPLE-RADIUS=49.9` was meant to be an X-APPLE-RADIUS).
    public var property: String?
    /// The first word of a line that is not a content line at all, uppercased (`JANE` for a
    /// stray `Jane Jones, gate code …` line): enough to tell a broken DTSTART from stray text,
    /// never shown.
    var leadingWord: String?

    public init(_ severity: Severity, _ message: String, line: Int?, property: String? = nil) {
        self.severity = severity
        self.message = message
        self.line = line
        self.property = property
    }

    public init(_ error: ICalendarError, severity: Severity = .error) {
        self.init(severity, error.message, line: error.line)
    }

    public var description: String {
        (line.map { "line \($0): " } ?? "") + message
    }
}
