import ArgumentParser
import FieldSyncBooking
import FieldSyncChecks
import FieldSyncCore
import FieldSyncEngine
import FieldSyncStore
import Foundation
import GRDB
import Logging

/// `fieldsync-bench slots`: slot search on a generated shop of 500 technicians over 60 days,
/// against the same search reading the schedule from SQLite per request.
struct SlotsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slots",
        abstract: "Time slot search on a generated cache: p50/p99/max per query, the index build, and a read-per-request peer.",
        discussion: """
            Builds (or reuses) a real cache file with the checks benchmark's generator (shifts, on-call \
            Saturdays, vacations, a Housecall Pro fifth of the shop without shifts, calendar busy time, \
            3–5 appointments a working day per technician), then gives every technician a home base and \
            every job a place in its city (Chicago, Denver, New York) with raw SQL.

            Then it builds the schedule index once (timed) and runs --queries varied searches against it \
            (job types from the mapping files, places with coordinates or a postal code only, every \
            urgency, 1–7 day windows across the span, some preferred technicians, a few hundred holds), \
            and runs the first --peer-queries again, each reading the schedule of its window from SQLite \
            first, as a server without the index would.

            Example: swift run -c release fieldsync-bench slots
            """
    )

    @Option(help: "Technicians.")
    var technicians = 500

    @Option(help: "Days the schedule spans.")
    var days = 60

    @Option(help: "Appointments a working day per technician, on average.")
    var perDay = 3

    @Option(help: "Searches against the in-memory index.")
    var queries = 5000

    @Option(help: "Searches of the peer (schedule read from SQLite per request).")
    var peerQueries = 300

    @Option(help: "Folder for the cache (default: a folder in the temporary directory). A cache built with the same parameters is reused.")
    var out: String?

    @Option(help: "The first day of the schedule (yyyy-MM-dd, a Monday).")
    var start = "2026-11-23"

    @Option(help: "The seed of the generator and of the queries.")
    var seed: UInt64 = 7

    @Option(help: "The folder with servicetitan.yaml and housecallpro.yaml (default: the repository's Mappings).")
    var mappings: String?

    @Flag(help: "Rebuild the cache even when one with the same parameters exists.")
    var rebuild = false

    func validate() throws {
        guard technicians >= 10, days >= 7, queries >= 100, perDay >= 1, perDay <= 7 else {
            throw ValidationError("--technicians ≥ 10, --days ≥ 7, --queries ≥ 100, --per-day 1…7")
        }
    }

    static let cities: [(name: String, zone: String, lat: Double, lon: Double, postal: String)] = [
        ("Chicago", "America/Chicago", 41.8781, -87.6298, "606"),
        ("Denver", "America/Denver", 39.7392, -104.9903, "802"),
        ("New York", "America/New_York", 40.7128, -74.0060, "100"),
    ]

    func run() async throws {
        let folder = out.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("fieldsync-bench-slots")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cachePath = folder.appendingPathComponent("slots.sqlite").path
        let markerURL = folder.appendingPathComponent("slots-manifest.json")
        let mappingFolder = mappings.map { URL(fileURLWithPath: $0) } ?? ChecksBenchmark.repositoryRoot.appendingPathComponent("Mappings")
        let stMapping = try BackendMappingLoader.load(path: mappingFolder.appendingPathComponent("servicetitan.yaml").path)
        let hcpMapping = try BackendMappingLoader.load(path: mappingFolder.appendingPathComponent("housecallpro.yaml").path)

        // 1. The cache.
        let workdays = (days * 5 + 6) / 7
        let parameters = ChecksBenchmarkData.Parameters(
            appointments: technicians * workdays * perDay, technicians: technicians, days: days, seed: seed, start: start,
            problemRate: 0.002)
        var manifest: ChecksBenchmarkData.Manifest
        if !rebuild, FileManager.default.fileExists(atPath: cachePath), let data = try? Data(contentsOf: markerURL),
            let existing = try? JSONDecoder().decode(ChecksBenchmarkData.Manifest.self, from: data), existing.parameters == parameters
        {
            manifest = existing
            print("reusing \(cachePath)")
        } else {
            try? FileManager.default.removeItem(at: markerURL)
            print("building \(cachePath) …")
            manifest = try ChecksBenchmarkData.build(
                parameters, serviceTitanMapping: stMapping, housecallProMapping: hcpMapping, path: cachePath, progress: { print($0) })
            try Self.placeEverything(path: cachePath)
            try JSONEncoder().encode(manifest).write(to: markerURL)
        }
        let rows = manifest.rows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("cache: \(rows)")

        let logger = Logger(label: "fieldsync.bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try CacheStore.open(path: cachePath, logger: logger)
        let span = TimeRange(start: manifest.asOf.addingTimeInterval(-86_400), end: manifest.asOf.addingTimeInterval(Double(days) * 86_400))
        let now = manifest.asOf.addingTimeInterval(7 * 3600)  // 07:00 UTC on the second day

        var rules = CheckRules()
        rules.businessHours[ChecksBenchmarkData.housecallPro] = CheckRules.BusinessHours(
            timeZone: "America/Denver", days: [.monday, .tuesday, .wednesday, .thursday, .friday], opensAt: 8 * 60, closesAt: 17 * 60)
        rules.maxJobsPerDay = 6
        let policy = SlotPolicy()
        let clock = ContinuousClock()

        // 2. The index, built from the cache (timed three times).
        var buildTimes: [Double] = []
        var index: ScheduleIndex?
        for _ in 0..<3 {
            let t0 = clock.now
            index = try store.scheduleIndex(in: span, now: now)
            buildTimes.append((clock.now - t0).seconds)
        }
        guard let index else { throw BenchError("no index") }
        let visits = index.technicians.reduce(0) { $0 + $1.appointments.count }
        let windows = index.technicians.reduce(0) { $0 + $1.shifts.count + $1.onCall.count + $1.timeOff.count + $1.busy.count }
        print(
            "index: \(index.technicians.count) technicians, \(visits) appointments, \(windows) windows, \(index.postalCentroids.count) postal centroids; built in \(Self.ms(buildTimes.sorted()[1])) ms (median of 3)"
        )

        // 3. The queries.
        var random = QueryRandom(state: seed &* 31 &+ 1)
        let jobTypes = (stMapping.jobTypes.values.map { $0 } + hcpMapping.jobTypes.values.map { $0 })
            .sorted { $0.jobType < $1.jobType }
        let techIDs = index.technicians.map(\.id)
        var holds: [BlockingHold] = []
        for i in 0..<400 {
            let tech = techIDs[random.below(techIDs.count)]
            let day = Double(1 + random.below(days - 2))
            let start = span.start.addingTimeInterval(day * 86_400 + Double(15 + random.below(8)) * 3600)
            holds.append(
                BlockingHold(
                    bookingID: "bench-\(i)", technicianID: tech, range: TimeRange(start: start, end: start.addingTimeInterval(5400)),
                    location: nil))
        }
        var list: [SlotQuery] = []
        let postalCodes = index.postalCentroids.keys.sorted()
        for _ in 0..<queries {
            let type = jobTypes[random.below(jobTypes.count)]
            let city = Self.cities[random.below(10) < 6 ? 0 : random.below(3)]
            let location: Location
            if random.below(100) < 15, !postalCodes.isEmpty {
                location = Location(postalCode: postalCodes[random.below(postalCodes.count)])
            } else {
                location = Location(
                    latitude: city.lat + (Double(random.below(1000)) / 1000 - 0.5) * 0.25,
                    longitude: city.lon + (Double(random.below(1000)) / 1000 - 0.5) * 0.3)
            }
            let roll = random.below(100)
            let urgency: Urgency = roll < 15 ? .emergency : roll < 50 ? .urgent : .routine
            let queryNow = now.addingTimeInterval(Double(random.below(days - 9)) * 86_400 + Double(random.below(14 * 4)) * 900)
            let length = urgency == .emergency ? 1 : 1 + random.below(7)
            list.append(
                SlotQuery(
                    jobType: type.jobType, requiredSkills: type.skills, duration: .seconds((type.durationMinutes ?? 90) * 60),
                    location: location, urgency: urgency,
                    window: TimeRange(start: queryNow, end: queryNow.addingTimeInterval(Double(length) * 86_400)),
                    preferredTechnicianID: random.below(10) == 0 ? techIDs[random.below(techIDs.count)] : nil, limit: 10,
                    now: queryNow))
        }

        // 4. Searches against the index (after a warm-up).
        for q in list.prefix(100) { _ = SlotSearch.search(q, in: index, holds: holds, rules: rules, policy: policy) }
        var times: [Double] = []
        times.reserveCapacity(list.count)
        var offered = 0, empty = 0
        var byUrgency: [Urgency: [Double]] = [:]
        for q in list {
            let t0 = clock.now
            let slots = SlotSearch.search(q, in: index, holds: holds, rules: rules, policy: policy)
            let elapsed = (clock.now - t0).seconds
            times.append(elapsed)
            byUrgency[q.urgency, default: []].append(elapsed)
            offered += slots.count
            if slots.isEmpty { empty += 1 }
        }
        // Every offer passes the hold re-check (a sample).
        var rechecked = 0
        for q in list.prefix(200) {
            for slot in SlotSearch.search(q, in: index, holds: holds, rules: rules, policy: policy) {
                if let conflict = SlotSearch.conflict(
                    technicianID: slot.technicianID, start: slot.start, end: slot.end, query: q, in: index, holds: holds, rules: rules,
                    policy: policy)
                {
                    throw BenchError("an offered slot has a conflict: \(slot.technicianID) \(slot.start): \(conflict)")
                }
                rechecked += 1
            }
        }

        // 5. The peer: the same searches, reading the window's schedule from SQLite per request.
        var peerTimes: [Double] = []
        for q in list.prefix(peerQueries) {
            let t0 = clock.now
            let around = TimeRange(start: q.window.start.addingTimeInterval(-86_400), end: q.window.end.addingTimeInterval(86_400))
            let perRequest = try store.scheduleIndex(in: around, now: q.now)
            _ = SlotSearch.search(q, in: perRequest, holds: holds, rules: rules, policy: policy)
            peerTimes.append((clock.now - t0).seconds)
        }

        func line(_ name: String, _ values: [Double]) -> String {
            let s = values.sorted()
            func p(_ q: Double) -> Double { s[min(s.count - 1, Int((Double(s.count) * q).rounded(.up)) - 1)] }
            return "\(name.padding(toLength: 34, withPad: " ", startingAt: 0)) n=\(s.count)  p50 \(Self.ms(p(0.5))) ms  p90 \(Self.ms(p(0.9))) ms  p99 \(Self.ms(p(0.99))) ms  max \(Self.ms(s.last ?? 0)) ms"
        }
        print("")
        print(line("search (index in memory)", times))
        for urgency in Urgency.allCases { if let values = byUrgency[urgency] { print(line("  \(urgency.rawValue)", values)) } }
        print(line("peer: read from SQLite + search", peerTimes))
        print(
            "offers: \(decimal(Double(offered) / Double(list.count), 1)) per query, \(empty) queries with none; \(rechecked) offers re-checked with conflict(), all free"
        )
        print("index build: \(buildTimes.map { Self.ms($0) }.joined(separator: ", ")) ms")
    }

    static func ms(_ seconds: Double) -> String { decimal(seconds * 1000, seconds < 0.01 ? 3 : 1) }

    /// Gives technicians a home base and jobs a place in their city, with raw SQL, and records a
    /// centroid per postal code (as customers) for postal-code-only queries.
    static func placeEverything(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.write { db in
            for city in cities {
                try db.execute(
                    sql: """
                        UPDATE technicians SET
                            home_latitude = ? + ((rowid * 7919) % 1000 / 1000.0 - 0.5) * 0.25,
                            home_longitude = ? + ((rowid * 104729) % 1000 / 1000.0 - 0.5) * 0.3,
                            home_postal_code = ? || printf('%02d', 10 + rowid % 90), home_city = ?
                        WHERE time_zone = ?
                        """, arguments: [city.lat, city.lon, city.postal, city.name, city.zone])
                try db.execute(
                    sql: """
                        UPDATE jobs SET
                            latitude = ? + ((id * 7919) % 1000 / 1000.0 - 0.5) * 0.25,
                            longitude = ? + ((id * 104729) % 1000 / 1000.0 - 0.5) * 0.3
                        WHERE city = ?
                        """, arguments: [city.lat, city.lon, city.name])
            }
            try db.execute(
                sql: """
                    INSERT INTO customers (name, postal_code, latitude, longitude, backend, source, external_id, content_hash,
                        first_seen_at, last_seen_at)
                    SELECT 'centroid ' || postal_code, postal_code, AVG(latitude), AVG(longitude), 'servicetitan', 'bench-places',
                        postal_code, 'x', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000'
                    FROM jobs WHERE postal_code IS NOT NULL AND latitude IS NOT NULL GROUP BY postal_code
                    """)
        }
    }
}

/// SplitMix64, for the queries (the same list on every run).
private struct QueryRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}
