import ArgumentParser

/// The `fieldsync` command-line tool.
@main
struct FieldSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldsync",
        abstract: "Sync a shop's scheduling tools into one local cache, check it, and book technicians through it.",
        discussion: """
            fieldsync reads every source in a configuration file (ServiceTitan, Housecall Pro, \
            iCalendar feeds), keeps a normalized SQLite cache with the origin of every row, \
            checks it for double-bookings and messy records, and serves the booking API an AI \
            dispatcher calls: slots from the cache in milliseconds, bookings written through to the \
            backend exactly once.

            First steps:
              fieldsync sync --config shop.yaml
              fieldsync check --config shop.yaml --html report.html
              FIELDSYNC_API_TOKEN=… fieldsync serve --config shop.yaml --port 8080
              fieldsync availability --config shop.yaml --technician "Maria Lopez" \\
                  --from 2026-11-23T00:00:00-06:00 --to 2026-11-24T00:00:00-06:00
              fieldsync ical occurrences maria.ics \\
                  --from 2026-11-01T00:00:00Z --to 2026-12-01T00:00:00Z

            Exit codes (every command):
              0   success
              1   failure: the command could not do its job
              2   partial: some sources failed; the others were synced (see the report)
              3   completed, but records were quarantined and --fail-on-rejects was given
              64  bad command-line usage
              65  the input is not readable (not iCalendar, a broken configuration value)
              66  an input file does not exist
              69  no source could be reached (timeouts, server errors); retry later
              75  the cache is busy (another fieldsync holds the write lock); try again
              78  the configuration file is wrong
              79  the cache was written by a newer fieldsync; upgrade this one

            Logs go to standard error; set FIELDSYNC_LOG_LEVEL=debug for more. Logs never \
            contain credentials, feed URLs' secret parts or customer details.
            """,
        version: FieldSyncVersion.current,
        subcommands: [
            SyncCommand.self,
            CheckCommand.self,
            ReconcileCommand.self,
            SlotsCommand.self,
            BookCommand.self,
            BookingsCommand.self,
            ServeCommand.self,
            AvailabilityCommand.self,
            RunsCommand.self,
            RejectsCommand.self,
            ForgetCommand.self,
            ICalCommand.self,
            SandboxCommand.self,
        ]
    )
}

enum FieldSyncVersion {
    static let current = "0.1.0"
}
