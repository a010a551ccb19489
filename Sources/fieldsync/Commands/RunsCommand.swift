import ArgumentParser
import FieldSyncCore
import FieldSyncStore
import Foundation

/// `fieldsync runs`
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List recent sync runs: when, which source, how it ended and what changed.",
        discussion: """
            A run left "abandoned" was started by a process that died before finishing; the \
            cache is consistent (each source's results are written in one transaction).
            """
    )

    @OptionGroup var cache: CacheOptions

    @Option(name: .long, help: "How many runs to show.")
    var limit = 20

    @Option(name: .long, help: ArgumentHelp("Only this source.", valueName: "NAME"))
    var source: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    struct RunJSON: Encodable {
        var run: SyncRunRecord
        enum CodingKeys: String, CodingKey {
            case id, invocation_id, source, backend, state, started_at, finished_at, horizon_start, horizon_end, counts, error,
                failures, notes
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(run.id, forKey: .id)
            try c.encode(run.invocationID, forKey: .invocation_id)
            try c.encode(run.source, forKey: .source)
            try c.encode(run.backend, forKey: .backend)
            try c.encode(run.state, forKey: .state)
            try c.encode(RFC3339.string(run.startedAt), forKey: .started_at)
            try c.encode(run.finishedAt.map(RFC3339.string), forKey: .finished_at)
            try c.encode(RFC3339.string(run.horizonStart), forKey: .horizon_start)
            try c.encode(RFC3339.string(run.horizonEnd), forKey: .horizon_end)
            try c.encode(run.counts, forKey: .counts)
            try c.encode(run.error, forKey: .error)
            try c.encode(run.failures, forKey: .failures)
            try c.encode(run.notes, forKey: .notes)
        }
    }

    func run() async throws {
        let logger = CLILogging.bootstrap(verbose: false)
        let store = try cache.openExistingStore(logger: logger)
        let runs: [SyncRunRecord]
        do {
            runs = try store.runs(limit: limit, source: source)
        } catch {
            throw CacheOptions.exit(for: error)
        }
        if json {
            try StandardOutput.writeJSON(runs.map(RunJSON.init))
            return
        }
        var rows = [["ID", "STARTED (UTC)", "SOURCE", "STATE", "NEW", "CHANGED", "REMOVED", "REJECTED"]]
        for r in runs {
            rows.append([
                "\(r.id)", RFC3339.string(r.startedAt), r.source, r.state.rawValue, "\(r.counts.inserted)",
                "\(r.counts.updated)", "\(r.counts.removed)", "\(r.counts.rejected)",
            ])
        }
        StandardOutput.write(runs.isEmpty ? "no sync runs yet\n" : TextTable.render(rows))
    }
}
