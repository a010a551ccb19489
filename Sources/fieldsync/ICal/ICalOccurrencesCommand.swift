import ArgumentParser
import FieldSyncCore
import FieldSyncICalendar

/// `fieldsync ical occurrences FILE --from T1 --to T2 [--json]`
struct ICalOccurrencesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "occurrences",
        abstract: "List the occurrences in a feed that overlap [--from, --to).",
        discussion: """
            Recurring events are expanded in their own time zone, overrides (RECURRENCE-ID) \
            replace the instances they name, EXDATEs and cancelled instances are applied, and \
            free/busy periods are listed too. Start and end are shown in the event's own local \
            time with its UTC offset (2019-03-31T03:00:00+02:00), as YYYY-MM-DD for all-day \
            events, and without an offset for floating times. Cancelled and transparent \
            occurrences are listed (with "busy": false) so you can see them.

            Example:
              fieldsync ical occurrences maria.ics --from 2026-11-01T00:00:00Z --to 2026-12-01T00:00:00Z --json

            Problems in the file go to standard error with their line numbers; an event that \
            cannot be read is quarantined and the rest are still listed.
            """
    )

    @OptionGroup var input: ICalInputOptions
    @OptionGroup var window: TimeWindowOptions

    @Flag(name: .long, help: "Print a JSON array instead of a table.")
    var json = false

    func run() async throws {
        let (from, to) = try window.window()
        let (_, calendar) = try input.load()
        input.report(calendar)
        let occurrences = OccurrenceExpander(floatingZone: calendar.floatingZone)
            .occurrences(in: calendar, from: from, to: to)
        if json {
            try StandardOutput.writeJSON(occurrences.map(OccurrenceJSON.init))
            return
        }
        var rows = [["START", "END", "STATUS", "BUSY", "SUMMARY", "UID"]]
        for o in occurrences {
            rows.append([
                o.start.rfc3339, o.end.rfc3339, o.status ?? "-", o.isBusy ? "yes" : "no", o.summary ?? "-",
                o.uid ?? "-",
            ])
        }
        StandardOutput.write(TextTable.render(rows))
        StandardOutput.write("\(occurrences.count) occurrence(s)\n")
    }
}
