import ArgumentParser
import FieldSyncCore
import FieldSyncEngine
import FieldSyncStore
import Foundation

/// `fieldsync availability --technician NAME --from T1 --to T2 [--json]`
struct AvailabilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "availability",
        abstract: "Show a technician's busy and free windows from the cache.",
        discussion: """
            Busy windows are calendar events, free/busy blocks, time off and non-job \
            appointments from every synced source, each with where it came from. Free windows \
            are the rest of [--from, --to), inside the technician's shifts when the cache knows \
            them. Times are shown in the technician's time zone when known. "as_of" tells when \
            each source last synced: availability is only as fresh as the last sync.

            Example:
              fieldsync availability --config shop.yaml --technician "Maria Lopez" \\
                  --from 2026-11-23T00:00:00-06:00 --to 2026-11-24T00:00:00-06:00
            """
    )

    @OptionGroup var cache: CacheOptions

    @Option(name: .long, help: ArgumentHelp("The technician: id, name, or part of the name.", valueName: "NAME"))
    var technician: String

    @OptionGroup var window: TimeWindowOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() async throws {
        let logger = CLILogging.bootstrap(verbose: false)
        let (from, to) = try window.window()
        let store = try cache.openExistingStore(logger: logger)
        let range = TimeRange(start: Date(timeIntervalSince1970: Double(from)), end: Date(timeIntervalSince1970: Double(to)))
        let report: AvailabilityReport
        do {
            report = try AvailabilityService(store: store).report(technician: technician, range: range)
        } catch let error as AvailabilityService.LookupError {
            throw fail(error.description, .failure)
        } catch let error as CacheError {
            throw CacheOptions.exit(for: error)
        }
        if json {
            try StandardOutput.writeJSON(report)
            return
        }
        var out = "\(report.technician.name) (\(report.technician.id))"
        if let zone = report.technician.timeZone { out += ", \(zone)" }
        out += "\n  window: \(report.from) to \(report.to)\n"
        let asOf = report.asOf.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        out += "  as of:  \(asOf.isEmpty ? "never synced" : asOf)\n"
        if !report.shiftsKnown { out += "  shifts: none known; free time is every time not busy\n" }
        for u in report.unknown {
            out += "  unknown: \(u.start) to \(u.end): no sync has read this span (beyond the horizon?); not offered as free\n"
        }
        out += "\nBUSY\n"
        var rows = [["START", "END", "KIND", "SOURCE", "TITLE"]]
        for b in report.busy {
            rows.append([b.allDay ? b.start + " (all day)" : b.start, b.end, b.kind.rawValue, b.source, b.title ?? "-"])
        }
        out += report.busy.isEmpty ? "  (none)\n" : TextTable.render(rows)
        out += "\nFREE\n"
        if report.free.isEmpty { out += "  (none)\n" }
        for f in report.free {
            out += "  \(f.start)  to  \(f.end)  (\(f.minutes / 60)h\(String(format: "%02d", f.minutes % 60)))\n"
        }
        StandardOutput.write(out)
    }
}
