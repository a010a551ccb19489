import FieldSyncCore
import FieldSyncStore
import Foundation
import GRDB
import GRDBSQLite
import Logging

/// The cache the checks benchmark runs on: a generated shop written into a real cache file (the
/// schema from ``CacheStore``) with raw prepared `INSERT`s in one transaction.
///
/// The shop has two field-service sources and a calendar source:
/// - `bench-st` (ServiceTitan): four technicians in five, in America/Chicago, America/Denver and
///   America/New_York, with Mon–Fri 08:00–17:00 shifts in their own zone, some on call on
///   Saturday mornings, some on vacation for a few days (time off, no appointments then);
/// - `bench-hcp` (Housecall Pro): the fifth technician, in America/Denver, with no shifts (the
///   rules' business hours apply);
/// - `bench-ical` (iCalendar): a feed for three technicians in ten: evening events, copies of
///   some of their appointments (which are not conflicts), and what the feed read (coverage).
///
/// Every appointment has its own job (customer, location, job type and required skills from the
/// real mapping files, status, address, phone); a technician's appointments do not overlap and
/// lie inside their shifts, 1 to 3 hours each. Then about `problemRate` of the appointments get
/// each kind of problem, every one planted on its own appointment so that each gives exactly one
/// finding; the manifest counts them, and the benchmark compares them with what the checks find.
/// Jobs and appointments are inserted in a shuffled order, as syncs deliver them.
struct ChecksBenchmarkData {
    /// What a cache is built from; an existing cache is reused only when these match.
    struct Parameters: Codable, Equatable {
        /// Bumped whenever the generator changes what it writes.
        var generator = 1
        var appointments: Int
        var technicians: Int
        var days: Int
        var seed: UInt64
        /// The first day, `yyyy-MM-dd` (local in every zone).
        var start: String
        var problemRate: Double
        var schemaVersion = CacheStore.schemaVersion
    }

    /// Written next to the cache once it is complete.
    struct Manifest: Codable {
        var parameters: Parameters
        /// Findings the planted problems should give, by kind (`double_booking`, ...).
        var planted: [String: Int]
        /// What was planted, in more detail (`double_booking.appointment`, `missing_data.phone`, ...).
        var plantedDetail: [String: Int]
        /// Rows per table.
        var rows: [String: Int]
        /// The `never_send` rule the benchmark's rules carry: a technician and a customer they are
        /// booked with.
        var neverSendTechnician: String
        var neverSendSource: String
        var neverSendCustomer: String
        /// The snapshot's `asOf` (the start of the second day, UTC): the first day is in the past.
        var asOf: Date
        var buildSeconds: Double
    }

    static let serviceTitan = "bench-st"
    static let housecallPro = "bench-hcp"
    static let calendar = "bench-ical"
    static let zones = ["America/Chicago", "America/Denver", "America/New_York"]
    static let trades = ["hvac", "plumbing", "electrical"]

    // MARK: Generated records

    private struct Technician {
        var id: String
        var externalID: String
        var name: String
        var hcp: Bool
        var zone: Int
        var trade: Int
        var secondTrade: Int?
        var skills: [String]
        var feed: Bool
        var onCall: Bool
        /// Days (indices) on vacation; empty when none.
        var vacation: Range<Int> = 0..<0
        /// This technician's visits in ``visits``, in start order.
        var visits: Range<Int> = 0..<0
    }

    private enum Status: UInt8 {
        case scheduled, dispatched, done, cancelled
    }

    private struct Visit {
        var tech: Int32
        var day: Int32
        var start: Int64
        var end: Int64
        var customer: Int32
        var location: Int32
        var jobType: Int16
        var status: Status
        var flags: UInt8 = 0

        static let used: UInt8 = 1
        static let noAddress: UInt8 = 2
        static let noPhone: UInt8 = 4
        static let unassigned: UInt8 = 8

        var isOpen: Bool { status == .scheduled || status == .dispatched }
    }

    private struct Window {
        var tech: Int32
        var kind: String
        var start: Int64
        var end: Int64
        /// 0 = ServiceTitan, 2 = the calendar.
        var source: Int
        var externalID: String
        var title: String?
        var allDay = false
    }

    private struct JobType {
        var hcp: Bool
        var vendor: String
        var code: String
        /// Index into ``trades``, or -1.
        var trade: Int
        var skillsJSON: String
        var urgency: String?
    }

    // MARK: Build

    /// Generates the shop and writes it into a fresh cache at `path`. Returns the manifest (the
    /// caller writes it).
    static func build(
        _ parameters: Parameters, serviceTitanMapping: BackendMapping, housecallProMapping: BackendMapping, path: String,
        progress: (String) -> Void
    ) throws -> Manifest {
        let clock = ContinuousClock()
        let started = clock.now
        var generator = Generator(parameters: parameters, st: serviceTitanMapping, hcp: housecallProMapping)
        try generator.generate()
        progress(
            "generated \(generator.visits.count) appointments, \(generator.technicians.count) technicians, \(generator.windows.count) windows in \(decimal((clock.now - started).seconds, 1)) s; writing \(path)"
        )
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        do {
            // The real schema, indexes and migrations.
            _ = try CacheStore.open(path: path, logger: Logger(label: "fieldsync.bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        }
        let rows = try generator.write(path: path)
        return Manifest(
            parameters: parameters, planted: generator.planted, plantedDetail: generator.plantedDetail, rows: rows,
            neverSendTechnician: generator.neverSend.technician, neverSendSource: generator.neverSend.source,
            neverSendCustomer: generator.neverSend.customer, asOf: generator.asOf, buildSeconds: (clock.now - started).seconds)
    }

    // MARK: Generator

    private struct Generator {
        let parameters: Parameters
        let rng: SplitMix
        var jobTypes: [JobType] = []
        /// Job types by source (0 = ServiceTitan, 1 = Housecall Pro) and trade.
        var typesByTrade: [[[Int16]]] = [[[], [], []], [[], [], []]]
        /// Housecall Pro's unmapped job type (kept with the default rule, so its skills are none).
        var unknownType: Int16 = -1
        var technicians: [Technician] = []
        var visits: [Visit] = []
        var windows: [Window] = []
        /// Windows the planted problems add (calendar events and time off inside appointments).
        var plantedWindows: [Window] = []
        /// Technicians whose calendar feed was read completely over the span.
        var coverage: [Int32] = []
        /// Local 08:00 of each day, per zone, in milliseconds since 1970 (UTC).
        var eight: [[Int64]] = []
        /// Local midnight of each day (and the day after the last), per zone.
        var midnight: [[Int64]] = []
        /// Monday = 0 ... Sunday = 6, per day.
        var weekday: [Int] = []
        var planted: [String: Int] = [:]
        var plantedDetail: [String: Int] = [:]
        var neverSend = (technician: "", source: "", customer: "")
        var asOf = Date(timeIntervalSince1970: 0)
        var spanStart: Int64 = 0
        var spanEnd: Int64 = 0

        init(parameters: Parameters, st: BackendMapping, hcp: BackendMapping) {
            self.parameters = parameters
            self.rng = SplitMix(seed: parameters.seed)
            for (isHCP, mapping) in [(false, st), (true, hcp)] {
                for name in mapping.jobTypes.keys.sorted() {
                    let rule = mapping.jobTypes[name]!
                    guard let trade = rule.trade.flatMap({ Self.tradeIndex($0) }) else { continue }
                    typesByTrade[isHCP ? 1 : 0][trade].append(Int16(jobTypes.count))
                    jobTypes.append(
                        JobType(
                            hcp: isHCP, vendor: name, code: rule.jobType, trade: trade, skillsJSON: Self.json(rule.skills),
                            urgency: rule.urgency?.rawValue))
                }
            }
            // The data set's messy Housecall Pro job type, which the mapping does not list.
            unknownType = Int16(jobTypes.count)
            jobTypes.append(JobType(hcp: true, vendor: "Gutter Cleaning", code: "general.service", trade: -1, skillsJSON: "[]", urgency: "routine"))
        }

        static func tradeIndex(_ trade: String) -> Int? { trades.firstIndex(of: trade) }

        static func json(_ values: [String]) -> String {
            "[" + values.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        }

        mutating func generate() throws {
            try makeCalendar()
            guard typesByTrade.allSatisfy({ $0.allSatisfy { !$0.isEmpty } }) else {
                throw BenchError("the mapping files must list job types of every trade (hvac, plumbing, electrical)")
            }
            makeTechnicians()
            try makeVisits()
            plant()
            makeWindows()
        }

        // MARK: Days

        mutating func makeCalendar() throws {
            let parts = parameters.start.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { throw BenchError("--start must be a date like 2026-11-23, not \(parameters.start)") }
            for zone in zones {
                guard let tz = TimeZone(identifier: zone) else { throw BenchError("this system does not know the time zone \(zone)") }
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = tz
                guard let first = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else {
                    throw BenchError("--start \(parameters.start) is not a date")
                }
                var eights: [Int64] = []
                var midnights: [Int64] = []
                for d in 0...parameters.days {
                    guard let day = calendar.date(byAdding: .day, value: d, to: first),
                        let at8 = calendar.date(bySettingHour: 8, minute: 0, second: 0, of: day)
                    else { throw BenchError("cannot compute day \(d) after \(parameters.start) in \(zone)") }
                    midnights.append(Self.millis(day))
                    eights.append(Self.millis(at8))
                }
                if weekday.isEmpty {
                    for d in 0..<parameters.days {
                        let w = calendar.component(.weekday, from: Date(timeIntervalSince1970: Double(midnights[d]) / 1000))
                        weekday.append((w + 5) % 7)  // Sunday = 1 → 6, Monday = 2 → 0
                    }
                }
                eight.append(eights)
                midnight.append(midnights)
            }
            // The first day is in the past when the checks look (its appointments are done).
            let firstUTC = Int64((midnight[0][0] / 86_400_000) * 86_400_000)
            asOf = Date(timeIntervalSince1970: Double(firstUTC + 86_400_000) / 1000)
            spanStart = firstUTC - 86_400_000
            spanEnd = firstUTC + Int64(parameters.days + 2) * 86_400_000
        }

        static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

        var workdays: [Int] { (0..<parameters.days).filter { weekday[$0] < 5 } }

        // MARK: Technicians

        mutating func makeTechnicians() {
            let first = ["Maria", "Dan", "Priya", "Sam", "Alex", "Jordan", "Casey", "Riley", "Morgan", "Taylor", "Jamie", "Chris",
                "Pat", "Lee", "Robin", "Drew", "Avery", "Quinn", "Kai", "Noor"]
            let last = ["Lopez", "Okafor", "Shah", "Becker", "Nguyen", "Kowalski", "Garcia", "Smith", "Haddad", "Ito", "Moreau",
                "Brennan", "Silva", "Novak", "Adeyemi", "Larsen", "Rossi", "Kim", "Fischer", "Walsh"]
            let workdays = self.workdays
            for i in 0..<parameters.technicians {
                let hcp = i % 5 == 4
                let zone = hcp ? 1 : i % 3
                let trade = rng.below(3)
                let secondTrade: Int? = rng.chance(0.1) ? (trade + 1 + rng.below(2)) % 3 : nil
                var skills: [String] = []
                if !rng.chance(0.02) {
                    for t in [trade] + (secondTrade.map { [$0] } ?? []) {
                        for type in typesByTrade[hcp ? 1 : 0][t] {
                            for skill in Self.skills(of: jobTypes[Int(type)]) where !skills.contains(skill) { skills.append(skill) }
                        }
                    }
                }
                var technician = Technician(
                    id: hcp ? "\(housecallPro)-pro_\(String(0x5f00 + i, radix: 16))" : "\(serviceTitan)-\(10_000 + i)",
                    externalID: hcp ? "pro_\(String(0x5f00 + i, radix: 16))" : "\(10_000 + i)",
                    name: "\(first[i % first.count]) \(last[(i / first.count) % last.count])", hcp: hcp, zone: zone, trade: trade,
                    secondTrade: secondTrade, skills: skills, feed: rng.chance(0.3), onCall: !hcp && rng.chance(0.1))
                if !hcp, rng.chance(0.2), workdays.count > 6 {
                    let from = workdays[1 + rng.below(workdays.count - 4)]
                    let length = 1 + rng.below(3)
                    // Consecutive working days (a vacation over a weekend keeps its weekend).
                    var to = from
                    var taken = 0
                    while to < parameters.days, taken < length {
                        if weekday[to] < 5 { taken += 1 }
                        to += 1
                    }
                    technician.vacation = from..<to
                }
                technicians.append(technician)
            }
        }

        static func skills(of type: JobType) -> [String] {
            type.skillsJSON.dropFirst().dropLast().split(separator: ",").map { String($0.dropFirst().dropLast()) }
        }

        // MARK: Appointments

        mutating func makeVisits() throws {
            let n = parameters.appointments
            let t = parameters.technicians
            visits.reserveCapacity(n)
            var nextCustomer: Int32 = 0
            for ti in 0..<t {
                var technician = technicians[ti]
                let saturday = (1..<parameters.days).first { weekday[$0] == 5 && !technician.vacation.contains($0) }
                var count = n / t + (ti < n % t ? 1 : 0)
                var perDay = [Int](repeating: 0, count: parameters.days)
                if technician.onCall, let saturday, count > 0 {
                    perDay[saturday] = 1
                    count -= 1
                }
                let open = workdays.filter { !technician.vacation.contains($0) }
                guard !open.isEmpty else { throw BenchError("--days \(parameters.days) leaves no working day") }
                // A few technicians get one day over the shop's limit of 8 (a max_jobs_per_day finding).
                var busyDay: Int?
                if count >= 9 + open.count, rng.chance(0.01) {
                    let candidates = open.filter { $0 > 0 }
                    if !candidates.isEmpty {
                        busyDay = candidates[rng.below(candidates.count)]
                        perDay[busyDay!] = 9
                        count -= 9
                    }
                }
                let rest = open.filter { $0 != busyDay }
                let base = count / rest.count
                var extra = count % rest.count
                guard base + (extra > 0 ? 1 : 0) <= 8 else {
                    throw BenchError(
                        "\(parameters.appointments) appointments for \(parameters.technicians) technicians over \(parameters.days) days is more than 8 a working day; raise --technicians or --days"
                    )
                }
                for d in rest { perDay[d] = base }
                var order = rest
                rng.shuffle(&order)
                for d in order where extra > 0 {
                    perDay[d] += 1
                    extra -= 1
                }
                let firstVisit = visits.count
                for d in 0..<parameters.days where perDay[d] > 0 {
                    let k = perDay[d]
                    let day = Int32(d)
                    if weekday[d] == 5 {
                        // On call, Saturday 10:00–11:30 (the on-call window is 09:00–13:00).
                        let s = eight[technician.zone][d] + 2 * 3_600_000
                        visits.append(visit(ti, day, s, s + 90 * 60_000, status: d == 0 ? .done : .scheduled))
                        continue
                    }
                    // Durations of 60–180 minutes in quarter hours, squeezed into 540 minutes,
                    // the slack spread as gaps before, between and after.
                    var durations = (0..<k).map { _ in 4 + rng.below(9) }
                    if d == busyDay { durations = Array(repeating: 4, count: k) }
                    while durations.reduce(0, +) > 36, let m = durations.indices.max(by: { durations[$0] < durations[$1] }) {
                        durations[m] -= 1
                    }
                    var gaps = [Int](repeating: 0, count: k + 1)
                    for _ in 0..<(36 - durations.reduce(0, +)) { gaps[rng.below(k + 1)] += 1 }
                    var at = eight[technician.zone][d]
                    for j in 0..<k {
                        at += Int64(gaps[j]) * 15 * 60_000
                        let end = at + Int64(durations[j]) * 15 * 60_000
                        let status: Status =
                            d == 0 ? .done : d == busyDay ? .scheduled : rng.chance(0.01) ? .cancelled : rng.chance(0.2) ? .dispatched : .scheduled
                        var v = visit(ti, day, at, end, status: status)
                        if d == busyDay { v.flags |= Visit.used }
                        visits.append(v)
                        at = end
                    }
                }
                technician.visits = firstVisit..<visits.count
                // Customers: most once; some come back a visit or so later (a follow-up), half of
                // those for the same job type. Never on the same day, so never overlapping.
                for j in technician.visits {
                    let back = j - 7
                    if (j - firstVisit) % 14 >= 7, back >= firstVisit, visits[back].day != visits[j].day {
                        visits[j].customer = visits[back].customer
                        visits[j].location = visits[back].location
                        if rng.chance(0.5) { visits[j].jobType = visits[back].jobType }
                    } else {
                        visits[j].customer = nextCustomer
                        visits[j].location = nextCustomer * 2 + (rng.chance(0.2) ? 1 : 0)
                        nextCustomer += 1
                    }
                }
                if busyDay != nil { plantedDetail["rule_violation.max_jobs_per_day", default: 0] += 1 }
                technicians[ti] = technician
            }
        }

        func visit(_ ti: Int, _ day: Int32, _ start: Int64, _ end: Int64, status: Status) -> Visit {
            let technician = technicians[ti]
            var trade = technician.trade
            if let second = technician.secondTrade, rng.chance(0.2) { trade = second }
            let types = typesByTrade[technician.hcp ? 1 : 0][trade]
            return Visit(
                tech: Int32(ti), day: day, start: start, end: end, customer: 0, location: 0, jobType: types[rng.below(types.count)],
                status: status)
        }

        // MARK: Problems

        /// A random visit meeting `condition`, or nil after many tries.
        func pick(_ condition: (Int) -> Bool) -> Int? {
            for _ in 0..<2000 {
                let i = rng.below(visits.count)
                if condition(i) { return i }
            }
            return nil
        }

        func free(_ i: Int) -> Bool { visits[i].isOpen && visits[i].flags & Visit.used == 0 && visits[i].day > 0 }

        func sameDay(_ i: Int, _ j: Int) -> Bool {
            j >= 0 && j < visits.count && visits[j].tech == visits[i].tech && visits[j].day == visits[i].day
        }

        mutating func use(_ i: Int) { visits[i].flags |= Visit.used }

        mutating func count(_ kind: String, _ detail: String) {
            planted[kind, default: 0] += 1
            plantedDetail["\(kind).\(detail)", default: 0] += 1
        }

        mutating func plant() {
            let p = max(1, Int((Double(parameters.appointments) * parameters.problemRate).rounded()))
            let minute: Int64 = 60_000
            let lastWorkday = workdays.last ?? 0
            planted["rule_violation"] = plantedDetail["rule_violation.max_jobs_per_day"] ?? 0

            // double_booking: an appointment moved to start half an hour into the one before it…
            for _ in 0..<(p / 2) {
                guard let i = pick({ free($0) && sameDay($0, $0 - 1) && free($0 - 1) }) else { break }
                let length = visits[i].end - visits[i].start
                visits[i].start = visits[i - 1].start + 30 * minute
                visits[i].end = visits[i].start + length
                use(i)
                use(i - 1)
                count("double_booking", "appointment")
            }
            // …or a calendar event in the middle of an appointment.
            for _ in 0..<(p - p / 2) {
                guard let i = pick({ free($0) && technicians[Int(visits[$0].tech)].feed }) else { break }
                plantedWindows.append(
                    Window(
                        tech: visits[i].tech, kind: "busy", start: visits[i].start + 15 * minute, end: visits[i].start + 45 * minute,
                        source: 2, externalID: "dentist-\(i)@bench", title: "Dentist"))
                use(i)
                count("double_booking", "calendar")
            }
            // outside_shift: the day's last appointment moved to 17:30 (at most an hour long).
            for _ in 0..<p {
                guard
                    let i = pick({
                        free($0) && !sameDay($0, $0 + 1) && weekday[Int(visits[$0].day)] < 5 && Int(visits[$0].day) < lastWorkday
                    })
                else { break }
                let technician = technicians[Int(visits[i].tech)]
                let length = min(visits[i].end - visits[i].start, 60 * minute)
                visits[i].start = eight[technician.zone][Int(visits[i].day)] + 570 * minute
                visits[i].end = visits[i].start + length
                use(i)
                count("outside_shift", technician.hcp ? "business_hours" : "shift")
            }
            // during_time_off: a half-hour of time off (a doctor's visit) inside an appointment.
            for _ in 0..<p {
                guard let i = pick({ free($0) && !technicians[Int(visits[$0].tech)].hcp }) else { break }
                plantedWindows.append(
                    Window(
                        tech: visits[i].tech, kind: "time_off", start: visits[i].start + 15 * minute,
                        end: visits[i].start + 45 * minute, source: 0, externalID: "TO-\(i)", title: "Doctor"))
                use(i)
                count("during_time_off", "time_off")
            }
            // skill_mismatch: the job is of another trade than the technician's.
            for _ in 0..<p {
                guard
                    let i = pick({
                        let technician = technicians[Int(visits[$0].tech)]
                        return free($0) && !technician.skills.isEmpty && technician.secondTrade == nil
                    })
                else { break }
                let technician = technicians[Int(visits[i].tech)]
                let other = (technician.trade + 1 + rng.below(2)) % 3
                let types = typesByTrade[technician.hcp ? 1 : 0][other]
                visits[i].jobType = types[rng.below(types.count)]
                use(i)
                count("skill_mismatch", "other_trade")
            }
            // unassigned_appointment: the technician link dropped.
            for _ in 0..<p {
                guard let i = pick({ free($0) }) else { break }
                visits[i].flags |= Visit.unassigned
                use(i)
                count("unassigned_appointment", "no_link")
            }
            // invalid_time: a three-minute appointment.
            for _ in 0..<p {
                guard let i = pick({ free($0) }) else { break }
                visits[i].end = visits[i].start + 3 * minute
                use(i)
                count("invalid_time", "duration")
            }
            // duplicate_job: an overlapping appointment of another technician of the same source and
            // trade gets the same customer, location and job type.
            var peers: [[Int]] = Array(repeating: [], count: 6)
            for (ti, technician) in technicians.enumerated() { peers[(technician.hcp ? 3 : 0) + technician.trade].append(ti) }
            var next = [Int](repeating: -1, count: technicians.count)
            for group in peers where group.count > 1 {
                for (k, ti) in group.enumerated() { next[ti] = group[(k + 1) % group.count] }
            }
            for _ in 0..<p {
                var done = false
                for _ in 0..<50 {
                    guard
                        let a = pick({
                            let technician = technicians[Int(visits[$0].tech)]
                            return free($0) && next[Int(visits[$0].tech)] >= 0
                                && jobTypes[Int(visits[$0].jobType)].trade == technician.trade
                        })
                    else { break }
                    let other = technicians[next[Int(visits[a].tech)]]
                    guard
                        let b = other.visits.first(where: {
                            free($0) && visits[$0].day == visits[a].day && visits[$0].start < visits[a].end
                                && visits[a].start < visits[$0].end
                        })
                    else { continue }
                    visits[b].customer = visits[a].customer
                    visits[b].location = visits[a].location
                    visits[b].jobType = visits[a].jobType
                    use(a)
                    use(b)
                    count("duplicate_job", "same_customer_location_type")
                    done = true
                    break
                }
                if !done { break }
            }
            // missing_data: no address, no phone, or (Housecall Pro) a job type the mapping does not list.
            for _ in 0..<(p / 2) {
                guard let i = pick({ free($0) }) else { break }
                visits[i].flags |= Visit.noAddress
                use(i)
                count("missing_data", "address")
            }
            for _ in 0..<(p - p / 2) {
                guard let i = pick({ free($0) }) else { break }
                visits[i].flags |= Visit.noPhone
                use(i)
                count("missing_data", "phone")
            }
            for _ in 0..<max(1, p / 10) {
                guard let i = pick({ free($0) && technicians[Int(visits[$0].tech)].hcp }) else { break }
                visits[i].jobType = unknownType
                use(i)
                count("missing_data", "job_type")
            }
            // never_send: a technician and the customer of one of their open appointments; every open
            // appointment of theirs with that customer is a finding.
            if let i = pick({ free($0) }) {
                let technician = technicians[Int(visits[i].tech)]
                let customer = visits[i].customer
                neverSend = (technician.id, technician.hcp ? housecallPro : serviceTitan, Self.customerID(customer, hcp: technician.hcp))
                for j in technician.visits
                where visits[j].customer == customer && visits[j].isOpen && visits[j].flags & Visit.unassigned == 0 {
                    count("rule_violation", "never_send")
                }
            }
        }

        static func customerID(_ c: Int32, hcp: Bool) -> String { hcp ? "cus_\(c)" : "\(5_000_000 + Int(c))" }
        static func locationID(_ l: Int32, hcp: Bool) -> String { hcp ? "loc_\(l)" : "\(6_000_000 + Int(l))" }

        // MARK: Windows

        mutating func makeWindows() {
            let hour: Int64 = 3_600_000
            for (ti, technician) in technicians.enumerated() {
                let t = Int32(ti)
                let zone = technician.zone
                if !technician.hcp {
                    for d in 0..<parameters.days where !technician.vacation.contains(d) {
                        if weekday[d] < 5 {
                            windows.append(
                                Window(
                                    tech: t, kind: "shift", start: eight[zone][d], end: eight[zone][d] + 9 * hour, source: 0,
                                    externalID: "S\(technician.externalID)-\(d)"))
                        } else if weekday[d] == 5, technician.onCall {
                            windows.append(
                                Window(
                                    tech: t, kind: "on_call", start: eight[zone][d] + hour, end: eight[zone][d] + 5 * hour, source: 0,
                                    externalID: "OC\(technician.externalID)-\(d)"))
                        }
                    }
                    if !technician.vacation.isEmpty {
                        windows.append(
                            Window(
                                tech: t, kind: "time_off", start: midnight[zone][technician.vacation.lowerBound],
                                end: midnight[zone][technician.vacation.upperBound], source: 0,
                                externalID: "V\(technician.externalID)", title: "Vacation", allDay: true))
                    }
                }
                if technician.feed {
                    coverage.append(t)
                    for d in 0..<parameters.days where weekday[d] == 1 || weekday[d] == 3 {
                        windows.append(
                            Window(
                                tech: t, kind: "busy", start: eight[zone][d] + 10 * hour + hour / 2, end: eight[zone][d] + 12 * hour,
                                source: 2, externalID: "soccer-\(technician.externalID)-\(d)@bench", title: "Soccer practice"))
                    }
                    // The technician's own calendar copies some appointments: the same start and end.
                    for i in technician.visits where free(i) && visits[i].flags & Visit.unassigned == 0 && rng.chance(0.1) {
                        windows.append(
                            Window(
                                tech: t, kind: "busy", start: visits[i].start, end: visits[i].end, source: 2,
                                externalID: "copy-\(i)@bench", title: "Service call"))
                    }
                }
            }
            windows.append(contentsOf: plantedWindows)
        }

        // MARK: Writing

        func write(path: String) throws -> [String: Int] {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA cache_size = -262144")
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            var order = Array(0..<Int32(visits.count))
            rng.shuffle(&order)
            let seen = DateText.of(millis: Self.millis(asOf) - 3_600_000)
            var rows: [String: Int] = [:]
            try queue.inDatabase { db in
                try db.inTransaction(.immediate) {
                    rows["technicians"] = try writeTechnicians(db, seen: seen)
                    rows["availability_windows"] = try writeWindows(db, seen: seen)
                    rows["coverage"] = try writeCoverage(db, seen: seen)
                    rows["jobs"] = try writeJobs(db, order: order, seen: seen)
                    let (appointments, links) = try writeAppointments(db, order: order, seen: seen)
                    rows["appointments"] = appointments
                    rows["appointment_technicians"] = links
                    return .commit
                }
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            return rows
        }

        func writeTechnicians(_ db: Database, seen: String) throws -> Int {
            let insert = try FixtureInsert(
                db, "technicians",
                ["id", "name", "skills", "time_zone", "active", "backend", "source", "external_id", "content_hash", "first_seen_at", "last_seen_at"])
            for t in technicians {
                insert.text(1, t.id)
                insert.text(2, t.name)
                insert.text(3, Self.json(t.skills))
                insert.text(4, zones[t.zone])
                insert.int(5, 1)
                insert.text(6, t.hcp ? "housecallpro" : "servicetitan")
                insert.text(7, t.hcp ? housecallPro : serviceTitan)
                insert.text(8, t.externalID)
                insert.text(9, Self.hash(t.id))
                insert.text(10, seen)
                insert.text(11, seen)
                try insert.step()
            }
            return technicians.count
        }

        func writeWindows(_ db: Database, seen: String) throws -> Int {
            let insert = try FixtureInsert(
                db, "availability_windows",
                ["technician_id", "starts_at", "ends_at", "kind", "source_time_zone", "all_day", "title", "status", "backend", "source",
                    "external_id", "content_hash", "first_seen_at", "last_seen_at"])
            for w in windows {
                let technician = technicians[Int(w.tech)]
                insert.text(1, technician.id)
                insert.date(2, w.start)
                insert.date(3, w.end)
                insert.text(4, w.kind)
                insert.text(5, zones[technician.zone])
                insert.int(6, w.allDay ? 1 : 0)
                insert.text(7, w.title)
                insert.text(8, w.source == 2 ? "CONFIRMED" : nil)
                insert.text(9, w.source == 2 ? "icalendar" : "servicetitan")
                insert.text(10, w.source == 2 ? calendar : serviceTitan)
                insert.text(11, w.externalID)
                insert.text(12, Self.hash(w.externalID))
                insert.text(13, seen)
                insert.text(14, seen)
                try insert.step()
            }
            return windows.count
        }

        func writeCoverage(_ db: Database, seen: String) throws -> Int {
            let insert = try FixtureInsert(db, "coverage", ["source", "technician_id", "scope", "range_start", "range_end", "synced_at"])
            for t in coverage {
                insert.text(1, calendar)
                insert.text(2, technicians[Int(t)].id)
                insert.text(3, "")
                insert.date(4, spanStart)
                insert.date(5, spanEnd)
                insert.text(6, seen)
                try insert.step()
            }
            return coverage.count
        }

        static let cities = [("Chicago", "IL", "606"), ("Denver", "CO", "802"), ("New York", "NY", "100")]
        static let streets = ["Main St", "Oak Ave", "Maple Dr", "Lake Shore Dr", "Elm St", "Cedar Ln", "2nd Ave", "Park Pl"]

        func writeJobs(_ db: Database, order: [Int32], seen: String) throws -> Int {
            let insert = try FixtureInsert(
                db, "jobs",
                ["customer_name", "customer_phone", "street", "city", "region", "postal_code", "country", "job_type", "required_skills",
                    "urgency", "status", "backend", "source", "external_id", "content_hash", "first_seen_at", "last_seen_at",
                    "customer_external_id", "location_external_id", "trade", "vendor_job_type", "number"])
            for i in order {
                let v = visits[Int(i)]
                let technician = technicians[Int(v.tech)]
                let type = jobTypes[Int(v.jobType)]
                let hcp = technician.hcp
                let city = Self.cities[technician.zone]
                let id = Self.jobID(Int(i), hcp: hcp)
                insert.text(1, "Customer \(v.customer)")
                insert.text(2, v.flags & Visit.noPhone != 0 ? nil : "+1555\(String(1_000_000 + Int(v.customer) % 9_000_000))")
                if v.flags & Visit.noAddress == 0 {
                    insert.text(3, "\(100 + Int(v.location) % 9_800) \(Self.streets[Int(v.location) % Self.streets.count])")
                    insert.text(4, city.0)
                    insert.text(5, city.1)
                    insert.text(6, city.2 + String(10 + Int(v.location) % 90))
                    insert.text(7, "US")
                } else {
                    for column in Int32(3)...7 { insert.text(column, nil) }
                }
                insert.text(8, type.code)
                insert.text(9, type.skillsJSON)
                insert.text(10, type.urgency)
                insert.text(11, v.status == .done ? "completed" : v.status == .cancelled ? "cancelled" : "scheduled")
                insert.text(12, hcp ? "housecallpro" : "servicetitan")
                insert.text(13, hcp ? housecallPro : serviceTitan)
                insert.text(14, id)
                insert.text(15, Self.hash(id))
                insert.text(16, seen)
                insert.text(17, seen)
                insert.text(18, Self.customerID(v.customer, hcp: hcp))
                insert.text(19, Self.locationID(v.location, hcp: hcp))
                insert.text(20, type.trade >= 0 ? trades[type.trade] : nil)
                insert.text(21, type.vendor)
                insert.text(22, hcp ? nil : id)
                try insert.step()
            }
            return order.count
        }

        func writeAppointments(_ db: Database, order: [Int32], seen: String) throws -> (Int, Int) {
            let insert = try FixtureInsert(
                db, "appointments",
                ["id", "job_external_id", "starts_at", "ends_at", "status", "backend", "source", "external_id", "content_hash",
                    "first_seen_at", "last_seen_at", "assigned_separately"])
            var row: Int64 = 0
            for i in order {
                let v = visits[Int(i)]
                let hcp = technicians[Int(v.tech)].hcp
                let id = hcp ? "appt_\(i)" : "\(40_000_000 + Int(i))"
                row += 1
                insert.int(1, row)
                insert.text(2, Self.jobID(Int(i), hcp: hcp))
                insert.date(3, v.start)
                insert.date(4, v.end)
                let status: String
                switch v.status {
                case .scheduled: status = "scheduled"
                case .dispatched: status = "dispatched"
                case .done: status = "done"
                case .cancelled: status = "cancelled"
                }
                insert.text(5, status)
                insert.text(6, hcp ? "housecallpro" : "servicetitan")
                insert.text(7, hcp ? housecallPro : serviceTitan)
                insert.text(8, id)
                insert.text(9, Self.hash(id))
                insert.text(10, seen)
                insert.text(11, seen)
                insert.int(12, hcp ? 0 : 1)
                try insert.step()
            }
            let link = try FixtureInsert(db, "appointment_technicians", ["appointment_id", "technician_id"])
            var links = 0
            row = 0
            for i in order {
                row += 1
                let v = visits[Int(i)]
                guard v.flags & Visit.unassigned == 0 else { continue }
                link.int(1, row)
                link.text(2, technicians[Int(v.tech)].id)
                try link.step()
                links += 1
            }
            return (order.count, links)
        }

        static func jobID(_ i: Int, hcp: Bool) -> String { hcp ? "job_\(i)" : "\(30_000_000 + i)" }

        /// A stand-in for the content hash a sync computes (16 hex digits, FNV-1a).
        static func hash(_ text: String) -> String {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 {
                h ^= UInt64(byte)
                h = h &* 0x0000_0100_0000_01b3
            }
            let hex = String(h, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
    }
}

/// One prepared `INSERT` stepped with SQLite's own calls (as `RawRows` does).
private struct FixtureInsert {
    let statement: Statement
    let handle: OpaquePointer
    let db: Database

    init(_ db: Database, _ table: String, _ columns: [String]) throws {
        self.db = db
        statement = try db.makeStatement(
            sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
        handle = statement.sqliteStatement
    }

    func text(_ column: Int32, _ value: String?) {
        guard let value else {
            sqlite3_bind_null(handle, column)
            return
        }
        sqlite3_bind_text(handle, column, value, -1, sqliteTransientDestructor)
    }

    func int(_ column: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, column, value)
    }

    /// A time as GRDB stores a `Date`: `yyyy-MM-dd HH:mm:ss.SSS` in UTC.
    func date(_ column: Int32, _ millis: Int64) {
        sqlite3_bind_text(handle, column, DateText.of(millis: millis), -1, sqliteTransientDestructor)
    }

    func step() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}

/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
private let sqliteTransientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)


/// SplitMix64: the same sequence on every platform and Swift version. A class, so the generator's
/// read-only helpers can draw from it.
private final class SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// 0 ..< n.
    func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(UInt64(1) << 53) < p }

    func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) { values.swapAt(i, below(i + 1)) }
    }
}
