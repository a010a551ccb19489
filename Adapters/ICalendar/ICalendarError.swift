/// Why an iCalendar stream, or one record in it, could not be read.
///
/// Carries the line number (1-based, of the physical line where the content line starts) and a
/// message written for the person who has to fix the file.
///
/// ```swift
/// do { _ = try ICalParser().parseStrict(bytes) }
/// catch let error as ICalendarError { print(error) }   // "line 4: empty parameter name in DTSTART"
/// ```
public struct ICalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// The bytes do not form content lines and components (RFC 5545 §3.1, §3.4).
        case syntax
        /// A value does not have the form its type requires (a date like `2024-13-01`).
        case invalidValue
        /// A component lacks what it must have (a VEVENT without DTSTART).
        case missingProperty
        /// The file uses something fieldsync deliberately does not read (RSCALE=HEBREW).
        case unsupported
        /// A TZID that names no zone this machine or the file knows.
        case unknownTimeZone
        /// The file does not look like iCalendar at all.
        case notICalendar
    }

    public var code: Code
    public var message: String
    /// 1-based line, when the problem has one.
    public var line: Int?

    public init(_ code: Code, _ message: String, line: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
    }

    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}
