import ArgumentParser
import FieldSyncCore
import FieldSyncICalendar
import Foundation

/// The file argument and zone option shared by the `ical` subcommands.
struct ICalInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The .ics file to read ('-' for standard input).", valueName: "FILE"))
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "IANA zone for floating times and all-day dates when the file has no X-WR-TIMEZONE (the technician's zone).",
            valueName: "ZONE"))
    var zone: String?

    /// The file's bytes, or an exit naming the problem.
    func readBytes() throws -> [UInt8] {
        if file == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        guard FileManager.default.fileExists(atPath: file) else {
            throw fail("\(file): no such file", .noInput)
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw fail("\(file): cannot be read (permissions?)", .noInput)
        }
        return Array(data)
    }

    func defaultZone() throws -> (any ZoneRules)? {
        guard let zone else { return nil }
        guard let rules = IANAZoneRules(identifier: zone) else {
            throw ValidationError("--zone \(zone) is not an IANA time zone (example: America/Chicago)")
        }
        return rules
    }

    /// Parses and reads the file, printing its problems to standard error. Exits 65 when the
    /// bytes hold no iCalendar at all.
    func load() throws -> (document: ICalDocument, calendar: ICalCalendar) {
        let bytes = try readBytes()
        let document = ICalParser().parse(bytes)
        if document.components.isEmpty {
            let reason = document.problems.first?.description ?? "no iCalendar components"
            throw fail("\(file) is not iCalendar: \(reason)", .dataError)
        }
        let calendar = ICalendarReader(defaultTimeZone: try defaultZone()).read(document)
        return (document, calendar)
    }

    func report(_ calendar: ICalCalendar) {
        for problem in calendar.problems {
            StandardError.write("fieldsync: \(problem.severity.rawValue): \(file) \(problem)\n")
        }
        for q in calendar.quarantined {
            let lines = q.endLine.map { "lines \(q.line)-\($0)" } ?? "line \(q.line)"
            let uid = q.uid.map { " \"\($0)\"" } ?? ""
            StandardError.write("fieldsync: quarantined: \(file) \(q.component)\(uid) (\(lines)): \(q.reason)\n")
        }
        if !calendar.isComplete {
            StandardError.write("fieldsync: warning: \(file) ends before its last component is closed (truncated?)\n")
        }
    }
}
