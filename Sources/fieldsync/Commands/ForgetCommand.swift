import ArgumentParser
import FieldSyncEngine
import FieldSyncStore
import Foundation

/// `fieldsync forget --source NAME`
struct ForgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Remove what a source put in the cache, after it was renamed or removed from the configuration.",
        discussion: """
            A source that is no longer configured keeps its windows in the cache, and they \
            still count in availability; fieldsync sync reports such sources. This removes \
            their windows, coverage, cursors, jobs and appointments, and marks their \
            technicians inactive. Sync runs and rejects stay as history.

            Example:
              fieldsync forget --config shop.yaml --source old-calendars
            """
    )

    @OptionGroup var cache: CacheOptions

    @Option(name: .long, help: ArgumentHelp("The source to remove.", valueName: "NAME"))
    var source: String

    @Flag(name: .long, help: "Remove it even though the configuration still lists it.")
    var force = false

    func run() async throws {
        let logger = CLILogging.bootstrap(verbose: false)
        // With --database alone there may be no configuration to check against.
        let config = FileManager.default.fileExists(atPath: cache.configPath) ? try cache.loadConfig() : nil
        if let config, config.sources.contains(where: { $0.name == source }), !force {
            throw fail(
                "\(source) is still in \(config.path); remove it there first (or give --force: the next sync brings it back)",
                .usage)
        }
        let store = try cache.openStore(path: try cache.databasePath(config: config), logger: logger)
        do {
            guard try store.cachedSources()[source] != nil else {
                throw fail("the cache holds nothing from \(source)", .failure)
            }
            let removed = try store.forget(source: source)
            StandardOutput.write(
                "removed \(source): \(removed.windows) window(s), \(removed.cursors) cursor(s); \(removed.technicians) technician(s) marked inactive\n")
        } catch let error as CacheError {
            throw CacheOptions.exit(for: error)
        }
    }
}
