import ArgumentParser
import FieldSyncCore
import FieldSyncEngine
import FieldSyncStore
import Foundation
import Logging

/// `fieldsync reconcile --config FILE`
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Read every source completely, find where the cache drifted from the backends, repair the cache, report it.",
        discussion: """
            The nightly job. Incremental syncs miss things: lost webhooks, records edited by hand \
            in the scheduling tool, deletions the API never announced. This reads each source \
            from the start (over the configured horizon), compares it with the cache field by \
            field, and reports every difference: records new, changed or gone at the backend; \
            bookings fieldsync made that were moved, reassigned, canceled or deleted there; and \
            remote appointments put on time fieldsync holds. Then it repairs the cache (never the \
            backend) page by page, under the same mass-delete brake as sync, runs the checks, and \
            records the run, so `--history` shows drift over the week.

            Safe to run while `fieldsync serve` answers the AI agent and while syncs run: each \
            page is compared and applied in one short transaction. A run killed part-way leaves \
            the cache as a sync cut short would; the next run starts over.

              fieldsync reconcile --config /etc/fieldsync/shop.yaml --html /var/www/drift.html
              fieldsync reconcile --config shop.yaml --dry-run --json
              fieldsync reconcile --config shop.yaml --history

            Exit codes: 0 clean; 1 drift found and repaired (with --dry-run: found, not \
            repaired); 2 could not complete: a source failed or was read in part, the brake held \
            deletions, another reconciliation is running, or the configuration or cache cannot \
            be used (the report says what was and was not compared).
            """
    )

    @OptionGroup var cache: CacheOptions

    @Flag(name: .customLong("dry-run"), help: "Compare and report only; change nothing in the cache.")
    var dryRun = false

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Also write the report as one self-contained HTML file.", valueName: "FILE"))
    var html: String?

    @Option(name: .long, help: ArgumentHelp("Reconcile only this source (repeatable).", valueName: "NAME"))
    var source: [String] = []

    @Flag(name: .long, help: "Let this run delete more than the mass-delete brake allows.")
    var allowMassDelete = false

    @Flag(name: .customLong("no-check"), help: "Do not run the checks afterwards.")
    var noCheck = false

    @Flag(name: .long, help: "Print the reconciliations of the last week (counts per run) instead of reconciling.")
    var history = false

    @Flag(name: .long, inversion: .prefixedNo, help: "Show progress on standard error (default: when it is a terminal).")
    var progress: Bool?

    @Flag(name: .shortAndLong, help: "Log progress to standard error.")
    var verbose = false

    /// Could not complete: what cron acts on, whatever stopped the run.
    static let incomplete = ExitCode(2)

    func run() async throws {
        let logger = CLILogging.bootstrap(verbose: verbose)
        if history {
            let config = try loadConfig(sandboxURL: nil)
            let store = try open(config, logger: logger)
            return try printHistory(store)
        }
        let sandbox: InProcessSandbox?
        do {
            sandbox = try await cache.startSandboxIfConfigured()
        } catch {
            throw incomplete("the sandbox could not start: \(error)")
        }
        defer { Task { await sandbox?.stop() } }
        let config = try loadConfig(sandboxURL: sandbox?.url)
        let unknown = source.filter { name in !config.sources.contains { $0.name == name } }
        if !unknown.isEmpty {
            throw incomplete(
                "unknown source \(unknown.joined(separator: ", ")); the configuration has \(config.sources.map(\.name).joined(separator: ", "))")
        }
        let store = try open(config, logger: logger)
        var brake = config.massDelete
        brake.isReleased = allowMassDelete
        var runner = ReconcileRunner(
            config: config, store: store,
            adapters: AdapterFactory.adapters(for: config, only: source, transport: URLSessionTransport()), logger: logger,
            brake: brake, fieldsyncVersion: FieldSyncVersion.current)
        runner.dryRun = dryRun
        runner.runChecks = !noCheck && source.isEmpty
        let printer = (progress ?? (isatty(STDERR_FILENO) == 1)) ? ProgressPrinter() : nil
        if let printer {
            runner.onProgress = { source, progress in printer.report(source: source, progress: progress) }
        }
        let report: ReconcileReport
        do {
            report = try await runner.run(horizon: config.horizon.range(now: Date()))
        } catch {
            printer?.finish()
            throw incomplete("\(error)")
        }
        printer?.finish()
        if let html {
            do {
                try Data(ReconcileHTML.render(report).utf8).write(to: URL(fileURLWithPath: html), options: .atomic)
            } catch {
                StandardError.write("fieldsync: error: \(html): cannot write the report: \(error.localizedDescription)\n")
                throw Self.incomplete
            }
        }
        if json {
            try StandardOutput.writeJSON(report)
        } else {
            StandardOutput.write(ReconcileText.render(report, cachePath: store.path, html: html))
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    private func incomplete(_ message: String) -> ExitCode {
        StandardError.write("fieldsync: error: \(message)\n")
        return Self.incomplete
    }

    private func loadConfig(sandboxURL: String?) throws -> FieldSyncConfig {
        do {
            return try cache.loadConfig(sandboxURL: sandboxURL)
        } catch let code as ExitCode {
            // The message is out already; cron sees "could not complete".
            _ = code
            throw Self.incomplete
        } catch {
            throw incomplete("\(error)")
        }
    }

    private func open(_ config: FieldSyncConfig, logger: Logger) throws -> CacheStore {
        do {
            return try cache.openStore(path: try cache.databasePath(config: config), logger: logger)
        } catch is ExitCode {
            throw Self.incomplete
        } catch {
            throw incomplete("\(error)")
        }
    }

    private func printHistory(_ store: CacheStore) throws {
        let runs = try store.reconcileRuns(since: Date().addingTimeInterval(-7 * 86_400))
        if json {
            try StandardOutput.writeJSON(runs)
        } else {
            StandardOutput.write(ReconcileText.history(runs))
        }
    }
}
