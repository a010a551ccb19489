import ArgumentParser
import FieldSyncChecks
import FieldSyncCore
import FieldSyncEngine
import FieldSyncStore
import Foundation
import Logging

/// `fieldsync sync --config FILE`
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Pull every configured source into the cache and print what changed.",
        discussion: """
            Reads technicians and their busy time, time off and shifts over the configured \
            horizon (horizon.past_days back, horizon.future_days ahead), records the run in \
            sync_runs, and prints a summary per source. A record that cannot be read is \
            quarantined (see fieldsync rejects) and the rest is still synced; a source that \
            fails does not stop the others.

            Safe to run from cron as often as you like: unchanged feeds are not downloaded \
            again (ETag / Last-Modified), and a feed that suddenly comes back nearly empty does \
            not wipe the cache (the mass-delete brake; --allow-mass-delete releases it).

            Examples:
              fieldsync sync --config /etc/fieldsync/shop.yaml
              fieldsync sync --config shop.yaml --source tech-calendars --json

            Exit codes: 0 all synced, 2 partly synced, 1 nothing synced, 69 nothing synced because \
            every source was unreachable (retry later), 3 synced but records were quarantined \
            (only with --fail-on-rejects), 75 cache busy, 78 bad configuration.
            """
    )

    @OptionGroup var cache: CacheOptions

    @Option(name: .long, help: ArgumentHelp("Sync only this source (repeatable).", valueName: "NAME"))
    var source: [String] = []

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @Flag(name: .long, help: "Let this run delete more than the mass-delete brake allows (mass_delete.max_share, default half of a kind of record).")
    var allowMassDelete = false

    @Flag(name: .long, help: "Read everything again instead of what changed since the last run; records the backend no longer has are marked deleted.")
    var full = false

    @Flag(name: .long, inversion: .prefixedNo, help: "Show progress on standard error (default: when it is a terminal).")
    var progress: Bool?

    @Flag(name: .long, help: "Exit 3 when any record was quarantined, even if everything else synced.")
    var failOnRejects = false

    @Flag(name: .shortAndLong, help: "Log progress to standard error.")
    var verbose = false

    @Flag(name: .customLong("no-check"), help: "Do not run the checks after the sync (they run after a sync of every source).")
    var noCheck = false

    func run() async throws {
        let logger = CLILogging.bootstrap(verbose: verbose)
        let sandbox = try await cache.startSandboxIfConfigured()
        let config: FieldSyncConfig
        do {
            config = try cache.loadConfig(sandboxURL: sandbox?.url)
        } catch {
            await sandbox?.stop()
            throw error
        }
        do {
            try await sync(config: config, logger: logger)
        } catch {
            await sandbox?.stop()
            throw error
        }
        await sandbox?.stop()
    }

    private func sync(config: FieldSyncConfig, logger: Logger) async throws {
        let unknown = source.filter { name in !config.sources.contains { $0.name == name } }
        if !unknown.isEmpty {
            throw ValidationError(
                "unknown source \(unknown.joined(separator: ", ")); the configuration has \(config.sources.map(\.name).joined(separator: ", "))")
        }
        let store = try cache.openStore(path: try cache.databasePath(config: config), logger: logger)
        let adapters = AdapterFactory.adapters(for: config, only: source, transport: URLSessionTransport())
        var brake = config.massDelete
        brake.isReleased = allowMassDelete
        var runner = SyncRunner(
            store: store, adapters: adapters, logger: logger, brake: brake, fieldsyncVersion: FieldSyncVersion.current)
        runner.retentionDays = config.retentionDays
        runner.fullPass = full
        let printer = (progress ?? (isatty(STDERR_FILENO) == 1)) ? ProgressPrinter() : nil
        if let printer {
            runner.onProgress = { source, progress in printer.report(source: source, progress: progress) }
        }
        var report = await runner.run(horizon: config.horizon.range(now: Date()))
        printer?.finish()
        // Sources the configuration no longer has still count in availability: say so.
        let configured = Set(config.sources.map(\.name))
        let orphans = ((try? store.cachedSources()) ?? [:]).filter { !configured.contains($0.key) && $0.value > 0 }
        for (name, windows) in orphans.sorted(by: { $0.key < $1.key }) {
            report.orphanSources.append(
                "\(name) is in the cache (\(windows) windows) but not in the configuration; its windows still count: fieldsync forget --source \(name) removes them")
        }

        // After a sync of everything, the checks run so that their history follows the data.
        if !noCheck, source.isEmpty, report.outcome != .failed {
            do {
                let outcome = try CheckService(config: config, store: store, logger: logger)
                    .run(fieldsyncVersion: FieldSyncVersion.current)
                report.checks = outcome.summary
            } catch {
                report.checks = CheckSummary(error: "\(error)")
            }
        }

        if json {
            try StandardOutput.writeJSON(report)
        } else {
            StandardOutput.write(Self.render(report, cachePath: store.path))
        }
        // The cache refusing work decides the exit code: it is the same for every source.
        if let code = report.sources.compactMap(\.cacheErrorCode).first {
            switch code {
            case .busy: throw Exit.busy.code
            case .newerSchema: throw Exit.newerSchema.code
            case .notACache: throw Exit.dataError.code
            case .io, .database: break
            }
        }
        switch report.outcome {
        case .succeeded:
            if failOnRejects && report.rejected > 0 { throw Exit.rejects.code }
        case .partial: throw Exit.partial.code
        case .failed:
            // Nothing synced because every source was unreachable: worth retrying later.
            let unreachable = report.sources.allSatisfy { s in
                s.error == nil || s.error == "no part of the source could be read"
            } && report.sources.allSatisfy { !$0.failures.isEmpty && $0.failures.allSatisfy(\.isTransient) }
            throw (unreachable ? Exit.unavailable : Exit.failure).code
        }
    }

    /// Per kind of record: pulled, created, updated, unchanged, deleted, rejected.
    static func entityTable(_ counts: ApplyResult) -> String {
        let kinds = RecordEntity.allCases.filter { counts.entities[$0.rawValue] != nil }
        guard !kinds.isEmpty else { return "" }
        var rows = [["", "pulled", "created", "updated", "unchanged", "deleted", "rejected"]]
        for kind in kinds {
            let e = counts.entities[kind.rawValue] ?? EntityCounts()
            rows.append([kind.rawValue, "\(e.pulled)", "\(e.created)", "\(e.updated)", "\(e.unchanged)", "\(e.deleted)", "\(e.rejected)"])
        }
        return TextTable.render(rows).split(separator: "\n").map { "    \($0)\n" }.joined()
    }

    static func render(_ report: SyncReport, cachePath: String) -> String {
        let day = { (d: Date) in String(RFC3339.string(d).prefix(10)) }
        var out = "fieldsync sync: \(report.sources.count) source(s), horizon \(day(report.horizonStart)) to \(day(report.horizonEnd)) (UTC)\n"
        for s in report.sources {
            let c = s.counts
            out += "  \(s.source) (\(s.backend)): \(s.state.rawValue)"
            out += " - \(c.technicians) technician(s), \(c.fetched) record(s): \(c.inserted) new, \(c.updated) changed, \(c.unchanged) unchanged, \(c.removed) removed, \(c.rejected) rejected"
            out += c.pages > 1 ? ", \(c.pages) pages" : ""
            out += c.pruned > 0 ? ", \(c.pruned) past window(s) pruned\n" : "\n"
            out += entityTable(c)
            if let error = s.error { out += "    error: \(error)\n" }
            for f in s.failures { out += "    failed: \(f.part): \(f.message)\n" }
            for r in s.rejects.prefix(10) {
                let id = r.externalID.map { " \"\($0)\"" } ?? ""
                out += "    rejected: \(r.kind)\(id) (\(r.location ?? "?")): \(r.reason)\n"
            }
            if s.rejects.count > 10 { out += "    … and \(s.rejects.count - 10) more rejected (fieldsync rejects)\n" }
            for n in s.notes.prefix(10) { out += "    note: \(n)\n" }
            if s.notes.count > 10 { out += "    … and \(s.notes.count - 10) more notes\n" }
        }
        for orphan in report.orphanSources { out += "  warning: \(orphan)\n" }
        if let c = report.checks {
            if let error = c.error {
                out += "checks: could not run: \(error)\n"
            } else {
                let parts = [(c.critical, "critical"), (c.warning, "warning"), (c.info, "info")].filter { $0.0 > 0 }
                    .map { "\($0.0) \($0.1)" }.joined(separator: ", ")
                out += "checks: \(c.open) open finding\(c.open == 1 ? "" : "s")\(parts.isEmpty ? "" : " (\(parts))"), \(c.new) new, \(c.resolved) resolved; fieldsync check lists them\n"
            }
        }
        out += "result: \(report.outcome.rawValue); cache: \(cachePath)\n"
        return out
    }
}
