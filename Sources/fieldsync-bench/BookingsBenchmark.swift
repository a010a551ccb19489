import ArgumentParser
import FieldSyncBooking
import FieldSyncCore
import FieldSyncEngine
import FieldSyncStore
import Foundation
import Logging

/// `fieldsync-bench bookings`: bookings per second through the local part of the booking path
/// (checks, the hold transaction that re-reads the technician's time, the attempt claim and the
/// confirmation), with a backend that answers at once, on the slot benchmark's cache.
struct BookingsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookings",
        abstract: "Bookings per second through the local part (hold, outbox, confirm) with an instant backend.",
        discussion: """
            Uses the cache `fieldsync-bench slots` builds (500 technicians over 60 days), copied so the \
            original stays clean. Free slots are found with the slot search first; then they are booked \
            one after another, then by --concurrency tasks at once, then 64 requests race for each of 20 \
            slots. The backend is a writer that answers at once, so what is measured is fieldsync's own \
            part: SQLite's write lock serializes the holds.

            Example: swift run -c release fieldsync-bench bookings
            """
    )

    @Option(help: "The folder `fieldsync-bench slots --out` used (default: its default folder).")
    var out: String?

    @Option(help: "Bookings in the sequential run and in the concurrent run.")
    var bookings = 500

    @Option(help: "Tasks booking at once in the concurrent run.")
    var concurrency = 8

    func run() async throws {
        let folder = out.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("fieldsync-bench-slots")
        let source = folder.appendingPathComponent("slots.sqlite")
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw BenchError("no cache at \(source.path): run `fieldsync-bench slots` first (it builds it)")
        }
        let work = folder.appendingPathComponent("bookings.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: work.path + suffix) }
        try FileManager.default.copyItem(at: source, to: work)

        let mappings = ChecksBenchmark.repositoryRoot.appendingPathComponent("Mappings").path
        let configPath = folder.appendingPathComponent("bookings.yaml").path
        try Data(
            """
            database: \(work.path)
            mappings: \(mappings)
            horizon: { past_days: 1, future_days: 60 }
            sources:
              - { name: \(ChecksBenchmarkData.serviceTitan), type: servicetitan, api_url: http://127.0.0.1:9, auth_url: http://127.0.0.1:9/t,
                  tenant: "1", client_id: c, client_secret: s, app_key: k, time_zone: America/Chicago, booking: { campaign_id: 1 } }
              - { name: \(ChecksBenchmarkData.housecallPro), type: housecallpro, api_url: http://127.0.0.1:9, api_key: k,
                  time_zone: America/Denver }
            """.utf8
        ).write(to: URL(fileURLWithPath: configPath))
        var config = try FieldSyncConfig.load(path: configPath)
        config.booking.waitSeconds = 0
        let logger = Logger(label: "fieldsync.bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try CacheStore.open(path: work.path, logger: logger)
        let manifest = try JSONDecoder().decode(
            ChecksBenchmarkData.Manifest.self, from: Data(contentsOf: folder.appendingPathComponent("slots-manifest.json")))
        // As the slot benchmark: 07:00 UTC on the schedule's second day, with the schedule ahead.
        let now = manifest.asOf.addingTimeInterval(7 * 3600)
        let writers: [String: any BookingWriter] = [
            ChecksBenchmarkData.serviceTitan: InstantWriter(sourceName: ChecksBenchmarkData.serviceTitan),
            ChecksBenchmarkData.housecallPro: InstantWriter(sourceName: ChecksBenchmarkData.housecallPro),
        ]
        let service = try BookingService(config: config, store: store, writers: writers, logger: logger, now: { now })

        // Free slots, one per technician-day, from the search itself.
        print("finding free slots …")
        let index = try store.scheduleIndex(in: TimeRange(start: now, end: now.addingTimeInterval(30 * 86_400)), now: now)
        var candidates: [BookingRequest] = []
        let need = bookings * 2 + 20
        var day = 0
        while candidates.count < need, day < 28 {
            for technician in index.technicians where candidates.count < need {
                guard let skill = technician.skills.first else { continue }
                guard let jobType = Self.jobType(for: skill) else { continue }
                let from = now.addingTimeInterval(Double(day) * 86_400)
                var request = SlotSearchRequest(
                    jobType: jobType, urgency: .routine, from: from, to: from.addingTimeInterval(86_400), technicianID: technician.id, limit: 1)
                request.address = technician.homeBase.map(APIAddress.init)
                guard let slot = try? await service.searchSlots(request).slots.first(where: { $0.technicianID == technician.id })
                else { continue }
                candidates.append(
                    BookingRequest(
                        technicianID: slot.technicianID, start: slot.start, end: slot.end,
                        job: .init(
                            jobType: jobType, customer: .init(name: "Bench \(candidates.count)", phone: "+1 312 555 \(candidates.count % 10_000)"),
                            address: request.address ?? APIAddress(zip: "60601"), summary: "bench", urgency: .routine)))
            }
            day += 1
        }
        guard candidates.count >= need else { throw BenchError("only \(candidates.count) free slots found, need \(need)") }
        print("\(candidates.count) free slots")

        let clock = ContinuousClock()
        // 1. One after another.
        var latencies: [Double] = []
        var outcomes: [String: Int] = [:]
        let t0 = clock.now
        for (i, request) in candidates.prefix(bookings).enumerated() {
            let t = clock.now
            outcomes[await Self.outcome(service, request, key: "seq-\(i)"), default: 0] += 1
            latencies.append((clock.now - t).seconds)
        }
        let sequential = (clock.now - t0).seconds
        print(Self.report("sequential", count: bookings, seconds: sequential, latencies: latencies, outcomes: outcomes))

        // 2. Concurrently, on other slots.
        let batch = Array(candidates.dropFirst(bookings).prefix(bookings))
        let tasks = concurrency
        let t1 = clock.now
        let concurrent = await withTaskGroup(of: [(String, Double)].self) { group in
            for lane in 0..<tasks {
                group.addTask {
                    var results: [(String, Double)] = []
                    for i in stride(from: lane, to: batch.count, by: tasks) {
                        let t = ContinuousClock.now
                        let outcome = await Self.outcome(service, batch[i], key: "con-\(i)")
                        results.append((outcome, (ContinuousClock.now - t).seconds))
                    }
                    return results
                }
            }
            var all: [(String, Double)] = []
            for await part in group { all += part }
            return all
        }
        let concurrentSeconds = (clock.now - t1).seconds
        print(
            Self.report(
                "\(tasks) at once", count: batch.count, seconds: concurrentSeconds, latencies: concurrent.map(\.1),
                outcomes: Dictionary(grouping: concurrent, by: \.0).mapValues(\.count)))

        // 3. 64 requests racing for each of 20 slots.
        var raceLatencies: [Double] = []
        var winners: [Int] = []
        let t2 = clock.now
        for (round, request) in candidates.suffix(20).enumerated() {
            let results = await withTaskGroup(of: (String, Double).self) { group in
                for i in 0..<64 {
                    group.addTask {
                        var r = request
                        r.job.customer.name = "Racer \(i)"
                        let t = ContinuousClock.now
                        let outcome = await Self.outcome(service, r, key: "race-\(round)-\(i)")
                        return (outcome, (ContinuousClock.now - t).seconds)
                    }
                }
                var all: [(String, Double)] = []
                for await result in group { all.append(result) }
                return all
            }
            winners.append(results.filter { $0.0 == "confirmed" }.count)
            raceLatencies += results.map(\.1)
        }
        let raceSeconds = (clock.now - t2).seconds
        print(
            Self.report(
                "64 racing for one slot ×20", count: 64 * 20, seconds: raceSeconds, latencies: raceLatencies,
                outcomes: ["rounds with exactly one winner": winners.filter { $0 == 1 }.count]))
    }

    static func outcome(_ service: BookingService, _ request: BookingRequest, key: String) async -> String {
        do {
            return try await service.book(request, idempotencyKey: key).view.status
        } catch {
            return error.code
        }
    }

    /// A job type whose skills start with `skill`, for the technician's trade.
    static func jobType(for skill: String) -> String? {
        switch skill {
        case "hvac": "AC Tune-Up"
        case "plumbing": "Drain Cleaning"
        case "electrical": "Outlet Repair"
        default: nil
        }
    }

    static func report(_ name: String, count: Int, seconds: Double, latencies: [Double], outcomes: [String: Int]) -> String {
        let sorted = latencies.sorted()
        func p(_ q: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1)] }
        let rate = Double(count) / max(seconds, 1e-9)
        let kinds = outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "\(name): \(count) in \(String(format: "%.2f", seconds)) s = \(Int(rate.rounded())) bookings/s; latency p50 \(String(format: "%.2f", p(0.5) * 1000)) ms, p99 \(String(format: "%.2f", p(0.99) * 1000)) ms, max \(String(format: "%.2f", (sorted.last ?? 0) * 1000)) ms; \(kinds)"
    }
}

/// A backend that accepts every booking at once: the benchmark measures fieldsync's part.
struct InstantWriter: BookingWriter {
    let sourceName: String
    var backend: String { "servicetitan" }

    func plan(_ intent: BookingIntent) async throws(BookingWriteError) -> [PlannedWrite] { [] }

    func find(_ intent: BookingIntent) async throws(BookingWriteError) -> RemoteBooking? { nil }

    func create(_ intent: BookingIntent) async throws(BookingWriteError) -> RemoteBooking {
        RemoteBooking(
            jobID: "J-\(intent.bookingID)", appointmentID: "A-\(intent.bookingID)", customerID: nil, locationID: nil,
            technicianExternalIDs: [intent.technicianExternalID], start: intent.start, end: intent.end, jobNumber: nil)
    }

    func busyTimes(technicianExternalID: String, in range: TimeRange) async throws(BookingWriteError) -> [TimeRange] { [] }
}
