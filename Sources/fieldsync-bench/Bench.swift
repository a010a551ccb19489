import ArgumentParser

/// `fieldsync-bench`: measures fieldsync against its peers and baselines, in one run.
///
/// Run it in release: `swift run -c release fieldsync-bench ical` (real feeds against a Python
/// peer), `swift run -c release fieldsync-bench ingest` (a sandbox sync against raw SQLite
/// inserts of the same rows) or `swift run -c release fieldsync-bench checks` (the checks on a
/// million appointments against an all-pairs double-booking search) or `swift run -c release
/// fieldsync-bench slots` (slot search on 500 technicians over 60 days against reading the schedule
/// from SQLite per request) or `swift run -c release fieldsync-bench bookings` (bookings per second
/// through the local part, on the slot benchmark's cache) or `swift run -c release fieldsync-bench
/// reconcile` (a full reconciliation of the ingest benchmark's shop against `sync --full`). Figures
/// go to BENCHMARKS.md.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldsync-bench",
        abstract: "Benchmarks for fieldsync (run with swift run -c release).",
        subcommands: [
            ICalBenchmark.self, IngestBenchmark.self, ChecksBenchmark.self, SlotsBenchmark.self, BookingsBenchmark.self,
            ReconcileBenchmark.self,
        ]
    )
}
