import FieldSyncStore
import Foundation

/// What one iteration of the ingest benchmark measured.
struct IngestIteration {
    struct Phase {
        var seconds = 0.0
        /// CPU seconds of the whole process meanwhile (the sandbox's share included).
        var cpuSeconds = 0.0
        /// Records: the sum of `pulled` over the entities (the adapter alone: records in its pages).
        var records = 0
        var pages = 0
        /// Time spent waiting for HTTP responses (the in-process sandbox's work included).
        var httpSeconds = 0.0
        var requests = 0
        var bytes = 0
        var entities: [String: EntityCounts] = [:]

        var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : 0 }
    }

    /// The first sync (SyncRunner, adapter over HTTP, fresh cache).
    var sync = Phase()
    /// The second sync, nothing changed.
    var noop = Phase()
    /// The adapter alone: HTTP, JSON, mapping; pages kept in memory.
    var adapter = Phase()
    /// The store alone: the adapter's pages applied to a fresh cache.
    var store = Phase()
    /// Rows the first sync left in the cache's record tables.
    var rows = 0
    var rowCounts: [(String, Int)] = []
    /// Plain INSERTs of those rows, in large transactions.
    var rawSeconds = 0.0
    /// The same, one transaction per export page's worth of rows.
    var rawPagedSeconds = 0.0
    /// The large transactions again, through GRDB's `Statement.execute()` instead of the C API.
    var rawGRDBSeconds = 0.0
    var rawCPUSeconds = 0.0

    var rawRowsPerSecond: Double { rawSeconds > 0 ? Double(rows) / rawSeconds : 0 }
    var syncRowsPerSecond: Double { sync.seconds > 0 ? Double(rows) / sync.seconds : 0 }
    /// Ingest against raw, for the same rows: raw time over sync time.
    var ratio: Double { sync.seconds > 0 ? rawSeconds / sync.seconds : 0 }
    /// The store alone against raw, for the same rows.
    var storeRatio: Double { store.seconds > 0 ? rawSeconds / store.seconds : 0 }
    /// Decoding and mapping: the adapter's time not spent waiting for HTTP.
    var decodeMapSeconds: Double { adapter.seconds - adapter.httpSeconds }

    var summaryLine: String {
        "sync \(decimal(sync.seconds, 2)) s (CPU \(decimal(sync.cpuSeconds, 1)) s, \(rate(sync.recordsPerSecond)) records/s), no-op \(decimal(noop.seconds, 2)) s, "
            + "adapter alone \(decimal(adapter.seconds, 2)) s (HTTP \(decimal(adapter.httpSeconds, 2)) s), store alone \(decimal(store.seconds, 2)) s (CPU \(decimal(store.cpuSeconds, 1)) s), "
            + "raw insert \(decimal(rawSeconds, 2)) s (\(rate(rawRowsPerSecond)) rows/s); ingest/raw \(decimal(ratio, 2))"
    }
}

/// Prints the figures of all iterations: best and median, and the tables BENCHMARKS.md shows.
struct IngestReport {
    var results: [IngestIteration]
    var jobs: Int
    var exportBatch: Int
    var pageSize: Int
    var rawTransactionRows: Int

    /// Best (by time) and median of a time measurement.
    func seconds(_ value: (IngestIteration) -> Double) -> (best: Double, median: Double) {
        let sorted = results.map(value).sorted()
        return (sorted[0], sorted[sorted.count / 2])
    }

    /// Best (highest) and median of a rate or ratio.
    func higher(_ value: (IngestIteration) -> Double) -> (best: Double, median: Double) {
        let sorted = results.map(value).sorted(by: >)
        return (sorted[0], sorted[sorted.count / 2])
    }

    func print() {
        guard let first = results.first else { return }
        let out = { (line: String) in Swift.print(line) }
        out("")
        out(
            "\(results.count) iteration(s); \(jobs) jobs; export pages of \(exportBatch) records, list pageSize \(pageSize); raw transactions of \(rawTransactionRows) rows. Best / median.")
        out("")
        out("First sync, per entity (iteration 1):")
        out("")
        out("| entity | pulled | created | updated | unchanged |")
        out("|---|---:|---:|---:|---:|")
        for (name, counts) in first.sync.entities.sorted(by: { $0.key < $1.key }) {
            out("| \(name) | \(counts.pulled) | \(counts.created) | \(counts.updated) | \(counts.unchanged) |")
        }
        out("| **all** | **\(first.sync.records)** | | | |")
        out("")
        out(
            "Rows in the cache after it: \(first.rows) (\(first.rowCounts.map { "\($0.0) \($0.1)" }.joined(separator: ", "))); \(first.sync.pages) pages, \(first.sync.requests) HTTP requests, \(decimal(Double(first.sync.bytes) / 1_048_576, 1)) MiB of JSON."
        )
        out("")
        out("| measurement | records | seconds (best / median) | CPU s (median) | records/s (best / median) | rows/s (best / median) |")
        out("|---|---:|---:|---:|---:|---:|")
        func line(
            _ name: String, _ count: String, _ time: (IngestIteration) -> Double, cpu: ((IngestIteration) -> Double)?,
            records: Int?, rows: Int?, digits: Int = 2
        ) {
            let t = seconds(time)
            let perRecord = records.map { n in "\(rate(Double(n) / t.best)) / \(rate(Double(n) / t.median))" } ?? ""
            let perRow = rows.map { n in "\(rate(Double(n) / t.best)) / \(rate(Double(n) / t.median))" } ?? ""
            let cpuText = cpu.map { decimal(seconds($0).median, digits) } ?? ""
            out(
                "| \(name) | \(count) | \(decimal(t.best, digits)) / \(decimal(t.median, digits)) | \(cpuText) | \(perRecord) | \(perRow) |")
        }
        // Rates from best and median times (the record and row counts are the same every iteration).
        line(
            "first sync (HTTP → cache)", "\(first.sync.records)", { $0.sync.seconds }, cpu: { $0.sync.cpuSeconds },
            records: first.sync.records, rows: first.rows)
        line(
            "incremental sync, nothing changed", "\(first.noop.records)", { $0.noop.seconds }, cpu: { $0.noop.cpuSeconds },
            records: nil, rows: nil, digits: 3)
        line(
            "adapter alone (HTTP, JSON, mapping)", "\(first.adapter.records)", { $0.adapter.seconds },
            cpu: { $0.adapter.cpuSeconds }, records: first.adapter.records, rows: nil)
        line(
            "store alone (apply the same pages)", "\(first.store.records)", { $0.store.seconds }, cpu: { $0.store.cpuSeconds },
            records: first.store.records, rows: first.rows)
        line(
            "raw INSERTs of the cache's rows (sqlite3_bind/step, \(rawTransactionRows)-row transactions)", "\(first.rows) rows",
            { $0.rawSeconds }, cpu: { $0.rawCPUSeconds }, records: nil, rows: first.rows)
        line(
            "raw INSERTs (sqlite3_bind/step), \(exportBatch)-row transactions", "\(first.rows) rows", { $0.rawPagedSeconds },
            cpu: nil, records: nil, rows: first.rows)
        line(
            "raw INSERTs through GRDB's Statement.execute, \(rawTransactionRows)-row transactions", "\(first.rows) rows",
            { $0.rawGRDBSeconds }, cpu: nil, records: nil, rows: first.rows)
        let sync = seconds { $0.sync.seconds }
        let store = seconds { $0.store.seconds }
        let noop = seconds { $0.noop.seconds }
        out("")
        let ratio = higher { $0.ratio }
        let storeRatio = higher { $0.storeRatio }
        out(
            "ingest / raw (same rows; raw time over sync time): \(decimal(ratio.best, 3)) best, \(decimal(ratio.median, 3)) median (aim: 0.5)"
        )
        out("store alone / raw: \(decimal(storeRatio.best, 3)) best, \(decimal(storeRatio.median, 3)) median")
        out("")
        out("Where the first sync's time goes (medians):")
        out("")
        let http = seconds { $0.sync.httpSeconds }.median
        let decode = seconds { $0.decodeMapSeconds }.median
        let rest = sync.median - http - decode
        out("| part | seconds | share |")
        out("|---|---:|---:|")
        for (name, value) in [
            ("HTTP: request to last byte (the in-process sandbox's work included)", http),
            ("JSON scan, decoding and mapping (adapter alone minus its HTTP wait)", decode),
            ("store apply and engine (the rest)", rest),
        ] {
            out("| \(name) | \(decimal(value, 2)) | \(decimal(100 * value / sync.median, 0)) % |")
        }
        out("| cross-check: store alone, the same pages | \(decimal(store.median, 2)) | \(decimal(100 * store.median / sync.median, 0)) % |")
        out("")
        out(
            "Incremental run with nothing changed: \(first.noop.records) records, \(first.noop.pages) pages, \(first.noop.requests) HTTP requests, \(decimal(noop.median, 3)) s median."
        )
    }
}

func decimal(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

/// A rate with thousands separators: 123,456.
func rate(_ value: Double) -> String {
    let number = Int(value.rounded())
    var text = String(number)
    var index = text.count - 3
    while index > 0 {
        text.insert(",", at: text.index(text.startIndex, offsetBy: index))
        index -= 3
    }
    return text
}
