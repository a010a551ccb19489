import ArgumentParser
import FieldSyncICalendar

/// `fieldsync ical parse FILE`
struct ICalParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print a feed as jCal (RFC 7265), the JSON form of iCalendar, line by line as it was read.",
        discussion: """
            Shows how every property was read: its parameters, its value type and its value. \
            Useful when a producer writes something unusual (a TZID with colons, a folded \
            UTF-8 character, caret-escaped parameters).
            """
    )

    @OptionGroup var input: ICalInputOptions

    func run() async throws {
        let bytes = try input.readBytes()
        let document = ICalParser().parse(bytes)
        for problem in document.allProblems {
            StandardError.write("fieldsync: \(problem.severity.rawValue): \(input.file) \(problem)\n")
        }
        if document.components.isEmpty {
            throw fail("\(input.file) is not iCalendar", .dataError)
        }
        try StandardOutput.writeJSON(JCalEncoder().encode(document))
    }
}
