import ArgumentParser
import FieldSyncChecks
import FieldSyncCore
import FieldSyncEngine
import FieldSyncStore
import Foundation
import GRDB
import Logging

/// The checks on a large generated cache: loading the snapshot, running every check (and each
/// alone), and recording the findings' history; next to a naive all-pairs double-booking search
/// on the same snapshot, measured in the same run.
struct ChecksBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "Run the checks on a generated cache of --appointments appointments; compare the double-booking sweep with all pairs.",
        discussion: """
            Builds (or reuses, when its manifest matches) a real cache file in --out: \
            --technicians technicians in three time zones with shifts, on-call, time off and \
            calendar events, one job per appointment, and about --problem-rate of the \
            appointments with each kind of planted problem. Each iteration times (a) \
            CacheStore.scheduleSnapshot, (b) CheckContext and Checker().run with the shop's rules \
            (business hours for the Housecall Pro source, max_jobs_per_day 8, a never_send rule), \
            (c) each check alone, and (d) CacheStore.recordCheckRun on an empty history and again \
            with the same findings. The peer counts double bookings with a naive comparison of \
            every pair of a technician's appointments and busy windows.
            """
    )

    @Option(help: "Appointments (one job each).")
    var appointments = 1_000_000

    @Option(help: "Technicians; appointments are spread evenly over them.")
    var technicians = 5000

    @Option(help: "Days the schedule spans.")
    var days = 60

    @Option(help: "Iterations; min, median and max are reported.")
    var iterations = 5

    @Option(help: "Folder for the cache and its manifest (default: a folder in the temporary directory). A cache built with the same parameters is reused.")
    var out: String?

    @Option(help: "The first day of the schedule (yyyy-MM-dd; a Monday reads best).")
    var start = "2026-11-23"

    @Option(help: "Share of appointments given each kind of problem.")
    var problemRate = 0.005

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 1

    @Option(help: "The folder with servicetitan.yaml and housecallpro.yaml (default: the repository's Mappings).")
    var mappings: String?

    @Flag(help: "Rebuild the cache even when the manifest matches.")
    var rebuild = false

    @Flag(help: "Skip the all-pairs peer.")
    var noPeer = false

    @Flag(help: "Print the figures as JSON instead of tables (progress goes to standard error).")
    var json = false

    func validate() throws {
        guard appointments >= 1, technicians >= 1 else { throw ValidationError("--appointments and --technicians must be at least 1") }
        guard days >= 7 else { throw ValidationError("--days must be at least 7") }
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1") }
        guard (0..<0.05).contains(problemRate) else { throw ValidationError("--problem-rate must be from 0 to 0.05") }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func run() async throws {
        let say: @Sendable (String) -> Void = { [json] line in
            if json {
                FileHandle.standardError.write(Data((line + "\n").utf8))
            } else {
                print(line)
            }
        }
        let loadAverageBefore = Self.loadAverage()
        let folder = out.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("fieldsync-bench-checks")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cachePath = folder.appendingPathComponent("checks.sqlite").path
        let manifestURL = folder.appendingPathComponent("checks-manifest.json")
        let mappingFolder = mappings.map { URL(fileURLWithPath: $0) } ?? Self.repositoryRoot.appendingPathComponent("Mappings")
        let stMapping = try BackendMappingLoader.load(path: mappingFolder.appendingPathComponent("servicetitan.yaml").path)
        let hcpMapping = try BackendMappingLoader.load(path: mappingFolder.appendingPathComponent("housecallpro.yaml").path)

        // 1. The cache: reused when its manifest says it was built with these parameters.
        let parameters = ChecksBenchmarkData.Parameters(
            appointments: appointments, technicians: technicians, days: days, seed: seed, start: start, problemRate: problemRate)
        var manifest: ChecksBenchmarkData.Manifest
        var reused = false
        if !rebuild, FileManager.default.fileExists(atPath: cachePath), let data = try? Data(contentsOf: manifestURL),
            let existing = try? JSONDecoder().decode(ChecksBenchmarkData.Manifest.self, from: data), existing.parameters == parameters
        {
            manifest = existing
            reused = true
            say("reusing \(cachePath) (built in \(decimal(existing.buildSeconds, 1)) s with the same parameters)")
        } else {
            try? FileManager.default.removeItem(at: manifestURL)
            say("building \(cachePath) …")
            manifest = try ChecksBenchmarkData.build(
                parameters, serviceTitanMapping: stMapping, housecallProMapping: hcpMapping, path: cachePath, progress: say)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(manifest).write(to: manifestURL)
            say("built in \(decimal(manifest.buildSeconds, 1)) s")
        }
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: cachePath)[.size] as? Int) ?? 0

        // 2. What the checks run with.
        let logger = Logger(label: "fieldsync.bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try CacheStore.open(path: cachePath, logger: logger)
        let sources = [
            ScheduleSnapshot.Source(name: ChecksBenchmarkData.serviceTitan, backend: "servicetitan", timeZone: "America/Chicago"),
            ScheduleSnapshot.Source(name: ChecksBenchmarkData.housecallPro, backend: "housecallpro", timeZone: "America/Denver"),
            ScheduleSnapshot.Source(name: ChecksBenchmarkData.calendar, backend: "icalendar", timeZone: nil),
        ]
        var rules = CheckRules()
        rules.businessHours[ChecksBenchmarkData.housecallPro] = CheckRules.BusinessHours(
            timeZone: "America/Denver", days: [.monday, .tuesday, .wednesday, .thursday, .friday], opensAt: 8 * 60, closesAt: 17 * 60)
        rules.maxJobsPerDay = 8
        rules.neverSend = [
            CheckRules.NeverSend(
                technicianID: manifest.neverSendTechnician, source: manifest.neverSendSource, customerID: manifest.neverSendCustomer,
                reason: "the customer asked for another technician")
        ]
        rules.origin = "the benchmark's rules"
        let backendMappings = [ChecksBenchmarkData.serviceTitan: stMapping, ChecksBenchmarkData.housecallPro: hcpMapping]
        let zone = TimeZone(identifier: "America/Chicago") ?? .gmt
        let asOf = manifest.asOf

        // 3. The iterations.
        let clock = ContinuousClock()
        var results: [ChecksIteration] = []
        var counts = ChecksCounts()
        for index in 1...iterations {
            try Self.clearHistory(cachePath)
            var r = ChecksIteration()
            var start = clock.now
            var cpu = processCPUSeconds()
            let snapshot = try store.scheduleSnapshot(sources: sources, asOf: asOf)
            r.load = (clock.now - start).seconds
            r.cpu["load"] = processCPUSeconds() - cpu

            start = clock.now
            cpu = processCPUSeconds()
            let context = CheckContext(snapshot: snapshot, rules: rules, mappings: backendMappings, defaultTimeZone: zone)
            r.context = (clock.now - start).seconds
            start = clock.now
            let findings = Checker().run(context)
            r.run = (clock.now - start).seconds
            r.cpu["checks"] = processCPUSeconds() - cpu

            var perCheck: [String: Int] = [:]
            for check in Checker.all {
                let name = String(describing: type(of: check))
                start = clock.now
                cpu = processCPUSeconds()
                let found = Checker(checks: [check]).run(context)
                r.perCheck[name] = (clock.now - start).seconds
                r.cpu[name] = processCPUSeconds() - cpu
                perCheck[name] = found.count
            }

            start = clock.now
            cpu = processCPUSeconds()
            let first = try store.recordCheckRun(findings, at: asOf, fieldsyncVersion: "bench")
            r.recordFirst = (clock.now - start).seconds
            r.cpu["record_first"] = processCPUSeconds() - cpu
            start = clock.now
            cpu = processCPUSeconds()
            let again = try store.recordCheckRun(findings, at: asOf.addingTimeInterval(3600), fieldsyncVersion: "bench")
            r.recordRepeat = (clock.now - start).seconds
            r.cpu["record_repeat"] = processCPUSeconds() - cpu
            guard first.opened.count == findings.count, again.opened.isEmpty, again.resolved.isEmpty else {
                throw BenchError(
                    "recordCheckRun disagreed with itself: first run opened \(first.opened.count) of \(findings.count), the repeat opened \(again.opened.count) and resolved \(again.resolved.count)"
                )
            }

            var peer = OverlapPeers.Result()
            let lists = OverlapPeers.Lists(snapshot)
            start = clock.now
            peer.sweep = OverlapPeers.sweep(snapshot, lists)
            r.sweep = (clock.now - start).seconds
            start = clock.now
            peer.items = OverlapPeers.gather(snapshot, lists)
            r.gather = (clock.now - start).seconds
            if !noPeer {
                start = clock.now
                (peer.pairs, peer.comparisons) = OverlapPeers.allPairs(snapshot, lists)
                r.pairs = (clock.now - start).seconds
            }

            let now = ChecksCounts(snapshot: snapshot, findings: findings, perCheck: perCheck, peer: peer)
            if index == 1 {
                counts = now
            } else if now != counts {
                throw BenchError("iteration \(index) found different counts than iteration 1; the cache changed under the benchmark")
            }
            results.append(r)
            say("iteration \(index): \(r.summary) — \(findings.count) findings")
        }

        let report = ChecksReport(
            parameters: parameters, manifest: manifest, reused: reused, cachePath: cachePath, fileBytes: fileBytes, counts: counts,
            results: results, peerRun: !noPeer, loadAverage: (loadAverageBefore, Self.loadAverage()), peakRSSMiB: Self.peakRSSMiB())
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report.document()), as: UTF8.self))
        } else {
            report.print()
        }
    }

    /// Empties the findings' history, so every iteration's first `recordCheckRun` starts from none.
    static func clearHistory(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(sql: "DELETE FROM findings; DELETE FROM check_runs")
        }
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func peakRSSMiB() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// Seconds of one iteration.
struct ChecksIteration: Codable {
    /// (a) `CacheStore.scheduleSnapshot`.
    var load = 0.0
    /// (b), first part: `CheckContext.init`.
    var context = 0.0
    /// (b), second part: `Checker().run`.
    var run = 0.0
    /// (c) `Checker(checks: [X()]).run`, by check.
    var perCheck: [String: Double] = [:]
    /// (d) `recordCheckRun` with an empty history, and again with the same findings.
    var recordFirst = 0.0
    var recordRepeat = 0.0
    /// Gathering each technician's items alone (both methods below start with it).
    var gather = 0.0
    /// The double-booking sweep and the all-pairs peer, counting only.
    var sweep = 0.0
    var pairs = 0.0
    /// CPU seconds of the process over the same spans (`load`, `checks`, each check by name,
    /// `record_first`, `record_repeat`): on a shared machine, the work without the waiting.
    var cpu: [String: Double] = [:]

    var checks: Double { context + run }
    var loadAndChecks: Double { load + checks }

    var summary: String {
        "load \(decimal(load, 3)) s, checks \(decimal(checks, 3)) s (context \(decimal(context, 3)) s), record \(decimal(recordFirst, 2)) s then \(decimal(recordRepeat, 2)) s, gather \(decimal(gather, 3)) s, sweep \(decimal(sweep, 3)) s, all pairs \(decimal(pairs, 3)) s"
    }
}

/// What the snapshot held and the checks found: the same in every iteration.
struct ChecksCounts: Equatable {
    var technicians = 0
    var appointments = 0
    var bookings = 0
    var windows = 0
    var jobs = 0
    var findings = 0
    var byKind: [String: Int] = [:]
    var bySeverity: [String: Int] = [:]
    var perCheck: [String: Int] = [:]
    var peer = OverlapPeers.Result()

    init() {}

    init(snapshot: ScheduleSnapshot, findings: [Finding], perCheck: [String: Int], peer: OverlapPeers.Result) {
        technicians = snapshot.technicians.count
        appointments = snapshot.appointments.count
        bookings = snapshot.bookings.count
        windows = snapshot.windows.count
        jobs = snapshot.jobs.count
        self.findings = findings.count
        for f in findings {
            byKind[f.kind.rawValue, default: 0] += 1
            bySeverity[f.severity.rawValue, default: 0] += 1
        }
        self.perCheck = perCheck
        self.peer = peer
    }

    /// Rows the load reads into the snapshot.
    var rowsLoaded: Int { technicians + appointments + bookings + windows + jobs }
}

/// Double bookings found two ways on the same snapshot, counting only (no findings built): the
/// sweep the check uses, and the naive comparison of every pair of a technician's items.
enum OverlapPeers {
    struct Result: Equatable, Codable {
        /// Items gathered (open appointments and busy windows, over all technicians).
        var items = 0
        /// Overlaps the sweep reports.
        var sweep = 0
        /// Overlapping pairs all-pairs finds, and the pairs it compared.
        var pairs = 0
        var comparisons = 0
    }

    /// Each technician's bookings and windows in the snapshot (both are sorted by technician).
    struct Lists {
        var bookings: [Range<Int>]
        var windows: [Range<Int>]

        init(_ snapshot: ScheduleSnapshot) {
            bookings = Self.ranges(snapshot.technicians.count, snapshot.bookings.map(\.technician))
            windows = Self.ranges(snapshot.technicians.count, snapshot.windows.map(\.technician))
        }

        static func ranges(_ count: Int, _ keys: [Int32]) -> [Range<Int>] {
            var result = [Range<Int>](repeating: 0..<0, count: count)
            var i = 0
            while i < keys.count {
                var j = i
                while j < keys.count, keys[j] == keys[i] { j += 1 }
                if keys[i] >= 0, Int(keys[i]) < count { result[Int(keys[i])] = i..<j }
                i = j
            }
            return result
        }
    }

    /// One thing that takes a technician's time: an open appointment or a busy window.
    struct Item {
        var start: Double
        var end: Double
        var isWindow: Bool
        var isBusyKind: Bool
    }

    /// A technician's items in start order (appointments before windows that start with them),
    /// as the check merges them.
    static func items(_ snapshot: ScheduleSnapshot, _ lists: Lists, technician t: Int, into items: inout [Item]) {
        items.removeAll(keepingCapacity: true)
        var bi = lists.bookings[t].lowerBound
        let bEnd = lists.bookings[t].upperBound
        var wi = lists.windows[t].lowerBound
        let wEnd = lists.windows[t].upperBound
        while bi < bEnd || wi < wEnd {
            if wi < wEnd, snapshot.windows[wi].kind != .busy, snapshot.windows[wi].kind != .nonJobAppointment {
                wi += 1
                continue
            }
            let appointment = bi < bEnd ? snapshot.appointments[Int(snapshot.bookings[bi].appointment)] : nil
            if wi < wEnd, appointment.map({ snapshot.windows[wi].start < $0.start }) ?? true {
                let w = snapshot.windows[wi]
                items.append(
                    Item(
                        start: w.start.timeIntervalSinceReferenceDate, end: w.end.timeIntervalSinceReferenceDate, isWindow: true,
                        isBusyKind: w.kind == .busy))
                wi += 1
            } else if let appointment {
                if appointment.progress == .open, appointment.start < appointment.end {
                    items.append(
                        Item(
                            start: appointment.start.timeIntervalSinceReferenceDate, end: appointment.end.timeIntervalSinceReferenceDate,
                            isWindow: false, isBusyKind: false))
                }
                bi += 1
            }
        }
    }

    /// Whether two overlapping items are a double booking: not two calendar blocks, and not an
    /// appointment and its copy in the technician's calendar.
    @inline(__always)
    static func counts(_ a: Item, _ b: Item) -> Bool {
        if a.isWindow && b.isWindow { return false }
        if a.start == b.start, a.end == b.end, a.isBusyKind || b.isBusyKind { return false }
        return true
    }

    /// Gathering alone: what both methods spend before comparing anything.
    static func gather(_ snapshot: ScheduleSnapshot, _ lists: Lists) -> Int {
        var total = 0
        var list: [Item] = []
        for t in snapshot.technicians.indices {
            items(snapshot, lists, technician: t, into: &list)
            total += list.count
        }
        return total
    }

    /// The check's sweep: keep the item that ends last; whatever starts before it ends overlaps it.
    static func sweep(_ snapshot: ScheduleSnapshot, _ lists: Lists) -> Int {
        var found = 0
        var list: [Item] = []
        for t in snapshot.technicians.indices {
            items(snapshot, lists, technician: t, into: &list)
            guard list.count > 1 else { continue }
            var latest = 0
            for i in 1..<list.count {
                let next = list[i], current = list[latest]
                if next.start < current.end, next.end > current.start, counts(current, next) { found += 1 }
                if next.end > current.end { latest = i }
            }
        }
        return found
    }

    /// The naive peer: every pair of a technician's items.
    static func allPairs(_ snapshot: ScheduleSnapshot, _ lists: Lists) -> (found: Int, comparisons: Int) {
        var found = 0
        var comparisons = 0
        var list: [Item] = []
        for t in snapshot.technicians.indices {
            items(snapshot, lists, technician: t, into: &list)
            let n = list.count
            guard n > 1 else { continue }
            comparisons += n * (n - 1) / 2
            for i in 0..<(n - 1) {
                let a = list[i]
                for j in (i + 1)..<n {
                    let b = list[j]
                    if a.start < b.end, b.start < a.end, counts(a, b) { found += 1 }
                }
            }
        }
        return (found, comparisons)
    }
}

/// The figures of a run: tables for BENCHMARKS.md, or a JSON document.
struct ChecksReport {
    var parameters: ChecksBenchmarkData.Parameters
    var manifest: ChecksBenchmarkData.Manifest
    var reused: Bool
    var cachePath: String
    var fileBytes: Int
    var counts: ChecksCounts
    var results: [ChecksIteration]
    var peerRun: Bool
    var loadAverage: (before: String, after: String)
    var peakRSSMiB: Double

    struct Spread: Codable {
        var min: Double
        var median: Double
        var max: Double
    }

    func spread(_ value: (ChecksIteration) -> Double) -> Spread {
        let sorted = results.map(value).sorted()
        return Spread(min: sorted[0], median: sorted[sorted.count / 2], max: sorted[sorted.count - 1])
    }

    var checkNames: [String] { Checker.all.map { String(describing: type(of: $0)) } }

    struct Line {
        var name: String
        var spread: Spread
        var cpu: Double?
        var items: String
        var perSecond: String
    }

    var lines: [Line] {
        var lines: [Line] = []
        func line(_ name: String, _ value: (ChecksIteration) -> Double, cpu: String?, items: Int?, unit: String) {
            let s = spread(value)
            lines.append(
                Line(
                    name: name, spread: s, cpu: cpu.map { key in spread { $0.cpu[key] ?? 0 }.median },
                    items: items.map { "\(rate(Double($0))) \(unit)" } ?? "",
                    perSecond: items.map { s.median > 0 ? rate(Double($0) / s.median) : "" } ?? ""))
        }
        line("(a) load: `store.scheduleSnapshot`", { $0.load }, cpu: "load", items: counts.rowsLoaded, unit: "rows")
        line("(b) checks: `CheckContext` + `Checker().run`", { $0.checks }, cpu: "checks", items: counts.appointments, unit: "appointments")
        line("    of which `CheckContext.init`", { $0.context }, cpu: nil, items: nil, unit: "")
        line("    of which `Checker.run` (every check, dedupe, sort)", { $0.run }, cpu: nil, items: counts.findings, unit: "findings")
        lines.append(
            Line(
                name: "**(a) + (b)**", spread: spread { $0.loadAndChecks },
                cpu: spread { ($0.cpu["load"] ?? 0) + ($0.cpu["checks"] ?? 0) }.median,
                items: "\(rate(Double(counts.appointments))) appointments",
                perSecond: rate(Double(counts.appointments) / max(spread { $0.loadAndChecks }.median, 1e-9))))
        for name in checkNames {
            line("(c) `\(name)` alone", { $0.perCheck[name] ?? 0 }, cpu: name, items: counts.perCheck[name] ?? 0, unit: "findings")
        }
        line("(d) `recordCheckRun`, first run (all new)", { $0.recordFirst }, cpu: "record_first", items: counts.findings, unit: "findings")
        line("(d) `recordCheckRun`, repeat run (all seen)", { $0.recordRepeat }, cpu: "record_repeat", items: counts.findings, unit: "findings")
        return lines
    }

    func print() {
        let out = { (line: String) in Swift.print(line) }
        let p = parameters
        out("")
        out(
            "Cache: \(cachePath) (\(decimal(Double(fileBytes) / 1_048_576, 0)) MiB), \(reused ? "reused" : "built") (\(decimal(manifest.buildSeconds, 1)) s to build); rows: \(manifest.rows.sorted(by: { $0.key < $1.key }).map { "\($0.key) \(rate(Double($0.value)))" }.joined(separator: ", "))."
        )
        out(
            "Snapshot: \(rate(Double(counts.technicians))) technicians, \(rate(Double(counts.appointments))) appointments, \(rate(Double(counts.bookings))) bookings, \(rate(Double(counts.windows))) windows, \(rate(Double(counts.jobs))) jobs; \(p.days) days from \(p.start); problem rate \(p.problemRate)."
        )
        out(
            "\(results.count) iteration(s); seconds min / median / max. Load average \(loadAverage.before) before, \(loadAverage.after) after; peak RSS \(decimal(peakRSSMiB, 0)) MiB."
        )
        out("")
        out("| phase | min | median | max | CPU s (median) | items | items/s (median) |")
        out("|---|---:|---:|---:|---:|---:|---:|")
        for l in lines {
            out(
                "| \(l.name) | \(decimal(l.spread.min, 3)) | \(decimal(l.spread.median, 3)) | \(decimal(l.spread.max, 3)) | \(l.cpu.map { decimal($0, 3) } ?? "") | \(l.items) | \(l.perSecond) |"
            )
        }
        out("")
        out("Double bookings, counting only (no findings built), same snapshot:")
        out("")
        out("| method | min | median | max | comparisons | double bookings |")
        out("|---|---:|---:|---:|---:|---:|")
        let gather = spread { $0.gather }
        let sweep = spread { $0.sweep }
        out(
            "| gathering each technician's items, no comparing (\(rate(Double(counts.peer.items))) items) | \(decimal(gather.min, 4)) | \(decimal(gather.median, 4)) | \(decimal(gather.max, 4)) | | |"
        )
        out(
            "| sweep per technician (what `DoubleBookingCheck` does), gathering included | \(decimal(sweep.min, 4)) | \(decimal(sweep.median, 4)) | \(decimal(sweep.max, 4)) | \(rate(Double(max(counts.peer.items - counts.technicians, 0)))) | \(counts.peer.sweep) |"
        )
        if peerRun {
            let pairs = spread { $0.pairs }
            out(
                "| peer: all pairs per technician, gathering included | \(decimal(pairs.min, 4)) | \(decimal(pairs.median, 4)) | \(decimal(pairs.max, 4)) | \(rate(Double(counts.peer.comparisons))) | \(counts.peer.pairs) |"
            )
            out("")
            let sweepOnly = sweep.median - gather.median
            let pairsOnly = pairs.median - gather.median
            let alone =
                sweepOnly < 0.0005
                ? "comparing alone: all pairs \(decimal(pairsOnly, 4)) s, the sweep within the noise of gathering (under 0.5 ms)"
                : "\(decimal(pairsOnly / sweepOnly, 0))x comparing alone (\(decimal(pairsOnly, 4)) s against \(decimal(sweepOnly, 4)) s)"
            out("all pairs / sweep (medians): \(decimal(pairs.median / max(sweep.median, 1e-9), 1))x with gathering; \(alone).")
        }
        out("")
        out("Findings by kind (planted problems against what the checks found):")
        out("")
        out("| kind | planted | found |")
        out("|---|---:|---:|")
        let kinds = Set(manifest.planted.keys).union(counts.byKind.keys).sorted {
            (FindingKind(rawValue: $0) ?? .unreadableRecord) < (FindingKind(rawValue: $1) ?? .unreadableRecord)
        }
        for kind in kinds {
            let planted = manifest.planted[kind] ?? 0
            let found = counts.byKind[kind] ?? 0
            out("| \(kind) | \(planted) | \(found)\(planted == found ? "" : " (**differs**)") |")
        }
        out("| **all** | \(manifest.planted.values.reduce(0, +)) | \(counts.findings) |")
        out("")
        out("By severity: \(counts.bySeverity.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }.joined(separator: ", ")).")
        out("Planted, in detail: \(manifest.plantedDetail.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }.joined(separator: ", ")).")
        out("")
        let checks = spread { $0.checks }
        let both = spread { $0.loadAndChecks }
        out(
            "Aim: checks on \(rate(Double(counts.appointments))) appointments for \(rate(Double(counts.technicians))) technicians in under a second. (b) alone: \(decimal(checks.median, 3)) s median, best \(decimal(checks.min, 3)) s (\(checks.median < 1 ? "met" : "missed"), by the median); (a) + (b): \(decimal(both.median, 3)) s median, best \(decimal(both.min, 3)) s (\(both.median < 1 ? "met" : "missed"), by the median)."
        )
    }

    struct Document: Codable {
        var parameters: ChecksBenchmarkData.Parameters
        var cache: String
        var cacheBytes: Int
        var reused: Bool
        var buildSeconds: Double
        var rows: [String: Int]
        var snapshot: [String: Int]
        var phases: [String: Spread]
        /// Median CPU seconds, by phase.
        var cpuMedian: [String: Double]
        var items: [String: String]
        var findings: Int
        var findingsByKind: [String: Int]
        var plantedByKind: [String: Int]
        var plantedDetail: [String: Int]
        var findingsBySeverity: [String: Int]
        var findingsPerCheck: [String: Int]
        var peer: OverlapPeers.Result
        var iterations: [ChecksIteration]
        var loadAverageBefore: String
        var loadAverageAfter: String
        var peakRSSMiB: Double
    }

    func document() -> Document {
        var cpu: [String: Double] = [:]
        for key in Set(results.flatMap { $0.cpu.keys }) { cpu[key] = spread { $0.cpu[key] ?? 0 }.median }
        var phases: [String: Spread] = [
            "load": spread { $0.load }, "context": spread { $0.context }, "run": spread { $0.run }, "checks": spread { $0.checks },
            "load_and_checks": spread { $0.loadAndChecks }, "record_first": spread { $0.recordFirst },
            "record_repeat": spread { $0.recordRepeat }, "gather": spread { $0.gather }, "sweep": spread { $0.sweep },
        ]
        if peerRun { phases["all_pairs"] = spread { $0.pairs } }
        for name in checkNames { phases[name] = spread { $0.perCheck[name] ?? 0 } }
        return Document(
            parameters: parameters, cache: cachePath, cacheBytes: fileBytes, reused: reused, buildSeconds: manifest.buildSeconds,
            rows: manifest.rows,
            snapshot: [
                "technicians": counts.technicians, "appointments": counts.appointments, "bookings": counts.bookings,
                "windows": counts.windows, "jobs": counts.jobs,
            ],
            phases: phases, cpuMedian: cpu, items: Dictionary(uniqueKeysWithValues: lines.map { ($0.name, $0.items) }), findings: counts.findings,
            findingsByKind: counts.byKind, plantedByKind: manifest.planted, plantedDetail: manifest.plantedDetail,
            findingsBySeverity: counts.bySeverity, findingsPerCheck: counts.perCheck, peer: counts.peer, iterations: results,
            loadAverageBefore: loadAverage.before, loadAverageAfter: loadAverage.after, peakRSSMiB: peakRSSMiB)
    }
}
