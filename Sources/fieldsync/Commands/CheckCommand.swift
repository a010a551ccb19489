import ArgumentParser
import FieldSyncChecks
import FieldSyncCore
import FieldSyncEngine
import FieldSyncStore
import Foundation

/// `fieldsync check`
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find double-bookings, conflicts and messy data in the cache, and report them for clean-up.",
        discussion: """
            Runs every check over what the last sync cached, across all sources: double_booking, \
            outside_shift, during_time_off, skill_mismatch, unassigned_appointment, invalid_time, \
            duplicate_job, missing_data, rule_violation (the shop's rules in Mappings/rules.yaml) and \
            unreadable_record (records a sync quarantined).

            A finding keeps its id from run to run, with when it was first and last seen; one no \
            longer found is resolved. --since lists only findings first seen since then, and what \
            was resolved since then: "what is new since yesterday".

              fieldsync check --config shop.yaml
              fieldsync check --config shop.yaml --since 24h --fail-on warning   # from cron
              fieldsync check --config shop.yaml --html report.html

            Exit codes: 0 when nothing listed is at or above --fail-on (default: critical), 1 \
            otherwise; 66, 78 and the other codes in `fieldsync --help` when the check could not run.
            """
    )

    @OptionGroup var cache: CacheOptions

    @Flag(name: .long, help: "Print JSON: {\"findings\": [...], \"resolved\": [...], \"summary\": {...}}.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Also write the report as one self-contained HTML file.", valueName: "FILE"))
    var html: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "List only findings first seen since T (RFC 3339, a date, or 24h / 7d ago), and those resolved since.",
            valueName: "T"))
    var since: String?

    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp("Exit 1 when a listed finding is at or above this severity: critical, warning, info or never.", valueName: "SEVERITY"))
    var failOn: String = "critical"

    @Option(name: .long, help: ArgumentHelp("Only these kinds (repeatable).", valueName: "KIND"))
    var kind: [String] = []

    @Option(name: .long, help: ArgumentHelp("Days the HTML timeline shows, from today.", valueName: "N"))
    var days: Int = 7

    @Flag(name: .customLong("no-record"), help: "Do not update the findings' history in the cache (a dry look).")
    var noRecord = false

    @Flag(name: .long, help: "Print the recent check runs (open, new and resolved findings per run) instead of checking.")
    var history = false

    func validate() throws {
        guard failOn == "never" || Severity(rawValue: failOn) != nil else {
            throw ValidationError("--fail-on \(failOn): use critical, warning, info or never")
        }
        for k in kind where FindingKind(rawValue: k) == nil {
            throw ValidationError("--kind \(k) is not a kind of finding; the kinds are \(FindingKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (1...31).contains(days) else { throw ValidationError("--days must be from 1 to 31") }
    }

    func run() async throws {
        let logger = CLILogging.bootstrap(verbose: false)
        let config = try cache.loadConfig()
        let path = try cache.databasePath(config: config)
        guard FileManager.default.fileExists(atPath: path) else {
            throw fail("\(path): no cache yet; run fieldsync sync first", .noInput)
        }
        // A look that records nothing opens the cache read-only: it never waits for a running sync.
        let store = noRecord || history ? try cache.openExistingStore(logger: logger) : try cache.openStore(path: path, logger: logger)
        if history { return try printHistory(store) }
        let now = Date()
        let sinceDate = try since.map { text throws -> Date in
            guard let date = SinceParser.parse(text, now: now) else {
                throw fail("--since \(text): give an RFC 3339 time, a date (2026-11-21), or an age such as 24h or 7d", .usage)
            }
            return date
        }
        let service = CheckService(config: config, store: store, logger: logger)
        let outcome: CheckService.Outcome
        do {
            outcome = try service.run(now: now, record: !noRecord, since: sinceDate, timelineDays: days, fieldsyncVersion: FieldSyncVersion.current)
        } catch let error as ConfigError {
            throw fail(error.description, .config)
        } catch let error as CacheError {
            throw CacheOptions.exit(for: error)
        }
        var report = outcome.report
        if !kind.isEmpty {
            let kinds = Set(kind.compactMap(FindingKind.init(rawValue:)))
            report.findings = report.findings.filter { kinds.contains($0.finding.kind) }
            report.resolved = report.resolved.filter { kinds.contains($0.finding.kind) }
        }
        let listed = sinceDate == nil ? report.findings : report.newFindings
        let newIDs = Set((outcome.update?.opened ?? []).map(\.finding.id)).union(sinceDate == nil ? [] : listed.map(\.finding.id))
        let threshold = Severity(rawValue: failOn)
        let failed = threshold.map { t in listed.contains { $0.finding.severity >= t } } ?? false

        if let html {
            do {
                try Data(HTMLReport().render(report).utf8).write(to: URL(fileURLWithPath: html), options: .atomic)
            } catch {
                throw fail("\(html): cannot write the report: \(error.localizedDescription)", .failure)
            }
        }
        if json {
            try StandardOutput.writeJSON(
                CheckReportJSON(report: report, listed: listed, newIDs: newIDs, failOn: threshold, failed: failed))
        } else {
            StandardOutput.write(CheckText.render(report: report, listed: listed, newIDs: newIDs, html: html))
        }
        if failed { throw ExitCode(Exit.failure.rawValue) }
    }
}

extension CheckCommand {
    struct RunJSON: Encodable {
        var id: Int64
        var checked_at: String
        var open: Int
        var new: Int
        var resolved: Int
        var critical: Int
        var warning: Int
        var info: Int
        var by_kind: [String: Int]
    }

    /// The trend an operator looks at in the morning: one line per check run, newest first.
    func printHistory(_ store: CacheStore) throws {
        let runs: [CheckRunRecord]
        do {
            runs = try store.checkRuns(limit: 30)
        } catch {
            throw CacheOptions.exit(for: error)
        }
        if json {
            try StandardOutput.writeJSON([
                "runs": runs.map {
                    RunJSON(
                        id: $0.id, checked_at: RFC3339.string($0.checkedAt), open: $0.open, new: $0.opened, resolved: $0.resolved,
                        critical: $0.bySeverity[.critical] ?? 0, warning: $0.bySeverity[.warning] ?? 0, info: $0.bySeverity[.info] ?? 0,
                        by_kind: $0.byKind)
                }
            ])
            return
        }
        var rows = [["checked at", "open", "new", "resolved", "critical", "warning", "info"]]
        for r in runs {
            rows.append([
                RFC3339.string(r.checkedAt), "\(r.open)", "\(r.opened)", "\(r.resolved)", "\(r.bySeverity[.critical] ?? 0)",
                "\(r.bySeverity[.warning] ?? 0)", "\(r.bySeverity[.info] ?? 0)",
            ])
        }
        StandardOutput.write(runs.isEmpty ? "no check runs yet\n" : TextTable.render(rows))
    }
}

/// `--since`: an RFC 3339 instant, a date (midnight UTC), or an age (`90m`, `24h`, `7d`).
enum SinceParser {
    static func parse(_ text: String, now: Date) -> Date? {
        if let seconds = RFC3339.parseInstant(text) { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        if let unit = text.last, let amount = Double(text.dropLast()), amount >= 0 {
            switch unit {
            case "m": return now.addingTimeInterval(-amount * 60)
            case "h": return now.addingTimeInterval(-amount * 3600)
            case "d": return now.addingTimeInterval(-amount * 86_400)
            default: break
            }
        }
        if text.count == 10, let seconds = RFC3339.parseInstant(text + "T00:00:00Z") {
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return nil
    }
}
