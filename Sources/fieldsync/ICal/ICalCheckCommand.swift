import ArgumentParser
import FieldSyncCore
import FieldSyncICalendar

/// `fieldsync ical check FILE`
struct ICalCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a feed before connecting it: what it holds, how its time zones resolve, what is wrong.",
        discussion: """
            Exits 0 when every event can be used, 65 when something was quarantined or a line \
            could not be read.
            """
    )

    @OptionGroup var input: ICalInputOptions

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    struct Report: Encodable {
        var file: String
        var calendarName: String?
        var calendarTimeZone: String?
        var complete: Bool
        var events: Int
        var series: Int
        var recurringSeries: Int
        var overrides: Int
        var freeBusyPeriods: Int
        var timeZones: [String: String]
        var quarantined: [Quarantined]
        var problems: [Problem]

        struct Quarantined: Encodable {
            var component: String
            var uid: String?
            var line: Int
            var reason: String
        }

        struct Problem: Encodable {
            var severity: String
            var line: Int?
            var message: String
        }

        enum CodingKeys: String, CodingKey {
            case file, complete, events, series, overrides, quarantined, problems
            case calendarName = "calendar_name"
            case calendarTimeZone = "calendar_time_zone"
            case recurringSeries = "recurring_series"
            case freeBusyPeriods = "free_busy_periods"
            case timeZones = "time_zones"
        }
    }

    func run() async throws {
        let (_, calendar) = try input.load()
        var zones: [String: String] = [:]
        for event in calendar.events {
            if let tzid = event.start.value.tzid {
                zones[tzid] = event.start.ianaIdentifier ?? event.start.zone?.identifier ?? "?"
            }
        }
        let report = Report(
            file: input.file, calendarName: calendar.calendarName, calendarTimeZone: calendar.calendarTimeZone,
            complete: calendar.isComplete, events: calendar.events.count, series: calendar.series.count,
            recurringSeries: calendar.series.filter { $0.master?.isRecurring == true }.count,
            overrides: calendar.series.reduce(0) { $0 + $1.overrides.count }, freeBusyPeriods: calendar.freeBusy.count,
            timeZones: zones,
            quarantined: calendar.quarantined.map { .init(component: $0.component, uid: $0.uid, line: $0.line, reason: $0.reason) },
            problems: calendar.problems.map { .init(severity: $0.severity.rawValue, line: $0.line, message: $0.message) })
        if json {
            try StandardOutput.writeJSON(report)
        } else {
            var out = "\(input.file)\n"
            if let name = report.calendarName { out += "  calendar:        \(name)\n" }
            if let tz = report.calendarTimeZone { out += "  calendar zone:   \(tz)\n" }
            out += "  events:          \(report.events) in \(report.series) series (\(report.recurringSeries) recurring, \(report.overrides) overrides)\n"
            out += "  free/busy:       \(report.freeBusyPeriods) periods\n"
            for (tzid, zone) in zones.sorted(by: { $0.key < $1.key }) {
                out += "  TZID \(tzid) -> \(zone)\n"
            }
            out += "  complete:        \(report.complete ? "yes" : "no (the file ends inside a component)")\n"
            out += "  quarantined:     \(report.quarantined.count)\n"
            out += "  problems:        \(report.problems.count)\n"
            StandardOutput.write(out)
            input.report(calendar)
        }
        let hasErrors = !calendar.quarantined.isEmpty || calendar.problems.contains { $0.severity == .error }
            || !calendar.isComplete
        if hasErrors { throw Exit.dataError.code }
    }
}
