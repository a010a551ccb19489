import FieldSyncCore
import FieldSyncSandbox
import Foundation
import Testing

/// The built-in data set is wrong exactly where its planted problems say: a small stand-in for
/// `fieldsync check` over the vendor records (as written, not week-shifted) and the linked
/// technicians' calendar blocks finds every planted problem of the kinds it knows, and nothing
/// else. (The real checker over a synced cache is the lead's test; this one keeps the generator
/// honest without a sync.)
@Suite("The built-in data set's planted problems")
struct PlantedProblemTests {
    struct Finding: Hashable, CustomStringConvertible {
        let kind: PlantedProblem.Kind
        let vendor: SandboxVendor
        /// The appointment, job or customer the finding is about.
        let subject: String
        let detail: String
        var description: String { "\(vendor.rawValue) \(kind.rawValue) \(subject): \(detail)" }
    }

    struct Visit {
        let id: String
        let job: String
        let start: Int64
        let end: Int64
        var people: [String]
    }

    static let chicago = IANAZoneRules(identifier: "America/Chicago")!
    static let denver = IANAZoneRules(identifier: "America/Denver")!
    static let anchor = SandboxGenerator.builtInAnchor

    static func instant(_ value: JSONValue?) -> Int64? { value?.stringValue.flatMap { RFC3339.parseInstant($0) } }

    static func local(_ zone: any ZoneRules, _ date: LocalDate, minute: Int) -> Int64 {
        zone.instant(for: LocalDateTime(date: date.adding(days: minute / 1440), hour: (minute % 1440) / 60, minute: minute % 60))
    }

    /// The calendar blocks of a linked technician on every written day of the data set.
    static func calendar(_ localID: String, zone: any ZoneRules) -> [(Int64, Int64, String)] {
        var out: [(Int64, Int64, String)] = []
        for offset in -7..<28 {
            let date = anchor.adding(days: offset)
            for block in CalendarBlock.builtIn[localID] ?? [] where block.applies(toWritten: date, shifts: BuiltInDataSet.supportedWeekShifts) {
                out.append((local(zone, date, minute: block.startMinute), local(zone, date, minute: block.endMinute), block.event))
            }
        }
        return out
    }

    static func overlaps(_ a: (Int64, Int64), _ b: (Int64, Int64)) -> Bool { a.0 < b.1 && b.0 < a.1 }

    /// Adds the findings every vendor shares: double bookings (with each other and with busy
    /// time), durations, unassigned visits and the per-day limit.
    static func schedule(
        _ visits: [Visit], vendor: SandboxVendor, zone: any ZoneRules, busy: [String: [(Int64, Int64, String)]],
        into findings: inout [Finding]
    ) {
        let from = local(zone, anchor, minute: 0)
        let current = visits.filter { $0.end >= $0.start && $0.start >= from }
        var byPerson: [String: [Visit]] = [:]
        for visit in current {
            let length = visit.end - visit.start
            if length < 300 || length > 16 * 3600 {
                findings.append(Finding(kind: .implausibleDuration, vendor: vendor, subject: visit.id, detail: "\(length) s"))
            }
            if visit.people.isEmpty { findings.append(Finding(kind: .unassigned, vendor: vendor, subject: visit.id, detail: "")) }
            for person in visit.people { byPerson[person, default: []].append(visit) }
        }
        for (person, list) in byPerson {
            let sorted = list.sorted { $0.start < $1.start }
            for (i, a) in sorted.enumerated() {
                for b in sorted[(i + 1)...] where overlaps((a.start, a.end), (b.start, b.end)) {
                    findings.append(Finding(kind: .doubleBooked, vendor: vendor, subject: b.id, detail: "with \(a.id) (\(person))"))
                }
                for block in busy[person] ?? [] where overlaps((a.start, a.end), (block.0, block.1)) {
                    findings.append(Finding(kind: .doubleBooked, vendor: vendor, subject: a.id, detail: "with \(block.2) (\(person))"))
                }
            }
            let days = Dictionary(grouping: sorted) { zone.local(atInstant: $0.start).local.date }
            for (day, list) in days where list.count > 4 {
                findings.append(Finding(kind: .overDailyLimit, vendor: vendor, subject: list.last?.id ?? "", detail: "\(person) \(day)"))
            }
        }
    }

    static func serviceTitan(_ data: SandboxData, into findings: inout [Finding]) {
        let techs = data[serviceTitan: .technicians].map(\.value)
        let skills = Dictionary(uniqueKeysWithValues: techs.compactMap { t in
            t["id"]?.intValue.map { (String($0), Set(t["skills"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])) }
        })
        var typeSkills: [Int64: Set<String>] = [:]
        for type in data[serviceTitan: .jobTypes].map(\.value) {
            var needs = Set(type["skills"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            if needs.contains("Gas Furnace Certified") { needs.insert("HVAC") }  // as Mappings/servicetitan.yaml has it
            if let id = type["id"]?.intValue { typeSkills[id] = needs }
        }
        let jobs = Dictionary(uniqueKeysWithValues: data[serviceTitan: .jobs].map(\.value).compactMap { j in j["id"]?.intValue.map { (String($0), j) } })
        var people: [String: [String]] = [:]
        for a in data[serviceTitan: .appointmentAssignments].map(\.value) where a["active"]?.boolValue != false {
            if let appointment = a["appointmentId"]?.intValue, let tech = a["technicianId"]?.intValue {
                people[String(appointment), default: []].append(String(tech))
            }
        }
        let visits: [Visit] = data[serviceTitan: .appointments].map(\.value).compactMap { a in
            guard a["status"]?.stringValue != "Canceled", let id = a["id"]?.intValue, let job = a["jobId"]?.intValue,
                  let start = instant(a["start"]), let end = instant(a["end"])
            else { return nil }
            return Visit(id: String(id), job: String(job), start: start, end: end, people: people[String(id)] ?? [])
        }
        var hours: [String: [(Int64, Int64)]] = [:]
        var busy: [String: [(Int64, Int64, String)]] = [:]
        var timeOff: [String: [(Int64, Int64, String)]] = [:]
        for shift in data[serviceTitan: .technicianShifts].map(\.value) where shift["active"]?.boolValue != false {
            guard let tech = shift["technicianId"]?.intValue, let start = instant(shift["start"]), let end = instant(shift["end"]) else { continue }
            if shift["shiftType"]?.stringValue == "TimeOff" {
                timeOff[String(tech), default: []].append((start, end, "shift \(shift["id"]?.intValue ?? 0)"))
            } else {
                hours[String(tech), default: []].append((start, end))
            }
        }
        for meeting in data[serviceTitan: .nonJobAppointments].map(\.value) where meeting["active"]?.boolValue == true {
            guard let tech = meeting["technicianId"]?.intValue, let start = instant(meeting["start"]),
                  let duration = meeting["duration"]?.stringValue
            else { continue }
            let parts = duration.split(whereSeparator: { $0 == "." || $0 == ":" }).compactMap { Int64($0) }
            let seconds = parts.count == 4 ? parts[0] * 86_400 + parts[1] * 3600 + parts[2] * 60 + parts[3]
                : parts.count == 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : 0
            busy[String(tech), default: []].append((start, start + seconds, meeting["name"]?.stringValue ?? "non-job"))
        }
        for linked in SandboxGenerator.linkedTechnicians where linked.vendor == .serviceTitan {
            guard let id = data.technicianID(.serviceTitan, named: linked.name) else { continue }
            // Busy time, meetings and time off alike: an appointment in any of them is a finding.
            busy[id, default: []] += calendar(linked.localID, zone: chicago)
        }
        schedule(visits, vendor: .serviceTitan, zone: chicago, busy: busy, into: &findings)
        let from = local(chicago, anchor, minute: 0)
        for visit in visits where visit.end >= visit.start && visit.start >= from {
            for tech in visit.people {
                // Inside the union of the technician's shifts (they touch at the on-call hand-over).
                var end = visit.start
                for shift in (hours[tech] ?? []).sorted(by: { $0.0 < $1.0 }) where shift.0 <= end && shift.1 > end { end = shift.1 }
                if end < visit.end { findings.append(Finding(kind: .outsideShift, vendor: .serviceTitan, subject: visit.id, detail: tech)) }
                for off in timeOff[tech] ?? [] where overlaps((visit.start, visit.end), (off.0, off.1)) {
                    findings.append(Finding(kind: .duringTimeOff, vendor: .serviceTitan, subject: visit.id, detail: off.2))
                }
            }
            let job = jobs[visit.job]
            let needs = job?["jobTypeId"]?.intValue.flatMap { typeSkills[$0] } ?? []
            let have = visit.people.reduce(into: Set<String>()) { $0.formUnion(skills[$1] ?? []) }
            if !visit.people.isEmpty && !have.isEmpty && !needs.isSubset(of: have) {
                findings.append(Finding(kind: .skillMismatch, vendor: .serviceTitan, subject: visit.id, detail: "\(needs.subtracting(have))"))
            }
            if job?["customerId"]?.intValue == BuiltInDataSet.neverSend.customer && visit.people.contains(String(BuiltInDataSet.neverSend.technician)) {
                findings.append(Finding(kind: .neverSend, vendor: .serviceTitan, subject: visit.id, detail: ""))
            }
        }
        // Open jobs need a customer phone.
        var phones = Set<Int64>()
        for contact in data[serviceTitan: .customerContacts].map(\.value) where ["Phone", "MobilePhone"].contains(contact["type"]?.stringValue ?? "") {
            if let customer = contact["customerId"]?.intValue { phones.insert(customer) }
        }
        for job in jobs.values where job["jobStatus"]?.stringValue == "Scheduled" {
            if let customer = job["customerId"]?.intValue, !phones.contains(customer) {
                findings.append(Finding(kind: .missingPhone, vendor: .serviceTitan, subject: String(customer), detail: "job \(job["id"]?.intValue ?? 0)"))
            }
        }
    }

    /// Employee tags each Housecall Pro job type needs, as `Mappings/housecallpro.yaml` has them.
    static let hcpSkills: [String: Set<String>] = [
        "Furnace Repair": ["hvac", "gas-furnace"], "AC Repair": ["hvac"], "Water Heater Install": ["plumbing", "water-heater"],
        "Drain Clog": ["plumbing"], "Electrical Repair": ["electrical"],
    ]

    static func housecallPro(_ data: SandboxData, into findings: inout [Finding]) {
        let tags = Dictionary(uniqueKeysWithValues: data[housecallPro: .employees].map(\.value).compactMap { e in
            e["id"]?.stringValue.map { ($0, Set(e["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [])) }
        })
        var visits: [Visit] = []
        var typeOf: [String: String] = [:]
        for job in data[housecallPro: .jobs].map(\.value) where job["deleted_at"]?.isNull ?? true {
            let status = job["work_status"]?.stringValue ?? ""
            guard let id = job["id"]?.stringValue, !status.contains("canceled") else { continue }
            typeOf[id] = job["job_fields"]?["job_type"]?["name"]?.stringValue
            for visit in job["schedule"]?["appointments"]?.arrayValue ?? [] {
                guard let visitID = visit["id"]?.stringValue, let start = instant(visit["start_time"]), let end = instant(visit["end_time"]) else { continue }
                visits.append(Visit(
                    id: visitID, job: id, start: start, end: end,
                    people: visit["dispatched_employees_ids"]?.arrayValue?.compactMap(\.stringValue) ?? []))
            }
            let customer = job["customer"]
            if status == "scheduled", ["mobile_number", "home_number", "work_number"].allSatisfy({ customer?[$0]?.stringValue?.isEmpty ?? true }) {
                findings.append(Finding(kind: .missingPhone, vendor: .housecallPro, subject: customer?["id"]?.stringValue ?? "", detail: id))
            }
        }
        var busy: [String: [(Int64, Int64, String)]] = [:]
        for linked in SandboxGenerator.linkedTechnicians where linked.vendor == .housecallPro {
            guard let id = data.technicianID(.housecallPro, named: linked.name) else { continue }
            busy[id, default: []] += calendar(linked.localID, zone: denver)
        }
        schedule(visits, vendor: .housecallPro, zone: denver, busy: busy, into: &findings)
        let from = local(denver, anchor, minute: 0)
        for visit in visits where visit.end >= visit.start && visit.start >= from {
            let start = denver.local(atInstant: visit.start).local
            let end = denver.local(atInstant: visit.end).local
            let open = start.date.weekday.rawValue <= 5 && start.date == end.date && start.hour >= 8
                && (end.hour < 17 || (end.hour == 17 && end.minute == 0))
            if !visit.people.isEmpty && !open {
                findings.append(Finding(kind: .outsideShift, vendor: .housecallPro, subject: visit.id, detail: ""))
            }
            let needs = typeOf[visit.job].flatMap { hcpSkills[$0] } ?? []
            let have = visit.people.reduce(into: Set<String>()) { $0.formUnion(tags[$1] ?? []) }
            if !visit.people.isEmpty && !have.isEmpty && !needs.isSubset(of: have) {
                findings.append(Finding(kind: .skillMismatch, vendor: .housecallPro, subject: visit.id, detail: "\(needs.subtracting(have))"))
            }
        }
    }

    /// Whether a planted problem names the finding's record (a Housecall Pro visit by its job too).
    static func plants(_ problem: PlantedProblem, _ finding: Finding, jobOf: [String: String]) -> Bool {
        problem.kind == finding.kind && problem.vendor == finding.vendor
            && (problem.ids.contains(finding.subject) || jobOf[finding.subject].map(problem.ids.contains) == true)
    }

    static let checkedKinds: Set<PlantedProblem.Kind> = [
        .doubleBooked, .outsideShift, .duringTimeOff, .skillMismatch, .implausibleDuration, .missingPhone, .unassigned, .neverSend,
        .overDailyLimit,
    ]

    @Test("every finding is a planted problem, and every planted problem of these kinds is found")
    func exactlyThePlantedProblems() {
        let data = TestData.builtIn
        var findings: [Finding] = []
        Self.serviceTitan(data, into: &findings)
        Self.housecallPro(data, into: &findings)
        var jobOf: [String: String] = [:]
        for job in data[housecallPro: .jobs].map(\.value) {
            for visit in job["schedule"]?["appointments"]?.arrayValue ?? [] {
                if let id = visit["id"]?.stringValue, let job = job["id"]?.stringValue { jobOf[id] = job }
            }
        }
        for appointment in data[serviceTitan: .appointments].map(\.value) {
            if let id = appointment["id"]?.intValue, let job = appointment["jobId"]?.intValue { jobOf[String(id)] = String(job) }
        }
        let planted = data.plantedProblems
        for finding in findings {
            #expect(planted.contains { Self.plants($0, finding, jobOf: jobOf) }, "not planted: \(finding)")
        }
        for problem in planted where Self.checkedKinds.contains(problem.kind) {
            // Planted problems before the anchor day are the checker's business only when synced.
            #expect(findings.contains { Self.plants(problem, $0, jobOf: jobOf) }, "not found: \(problem.kind.rawValue) \(problem.ids)")
        }
    }

    @Test("the hand-planted kinds lie in the week after the anchor week, one of each kind a vendor can have")
    func newKindsNextWeek() throws {
        let planted = TestData.builtIn.plantedProblems
        let handPlanted: [PlantedProblem.Kind] = [.duringTimeOff, .skillMismatch, .implausibleDuration, .missingPhone, .neverSend, .overDailyLimit]
        for kind in handPlanted {
            #expect(planted.contains { $0.kind == kind && $0.vendor == .serviceTitan }, "\(kind)")
            for problem in planted where problem.kind == kind {
                #expect(["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"].contains { problem.detail.contains($0) }, "\(problem.detail)")
            }
        }
        for kind in [PlantedProblem.Kind.skillMismatch, .implausibleDuration, .missingPhone, .unassigned] {
            #expect(planted.contains { $0.kind == kind && $0.vendor == .housecallPro }, "\(kind)")
        }
        // The cross-source double booking names the feed event, which the feed has, every Thursday.
        let crossSource = try #require(planted.first { $0.ids.contains(BuiltInDataSet.schoolPickupEvent) })
        #expect(crossSource.kind == .doubleBooked && crossSource.vendor == .serviceTitan)
        let feed = try String(
            contentsOf: TestData.repository.appendingPathComponent("Adapters/Sandbox/Feeds/maria-lopez-google.ics"), encoding: .utf8)
        #expect(feed.contains("UID:\(BuiltInDataSet.schoolPickupEvent)"))
        #expect(feed.contains("RRULE:FREQ=WEEKLY;BYDAY=TH"))
        // Never-send: no other job of that customer goes to that technician.
        let neverSend = planted.filter { $0.kind == .neverSend }
        #expect(neverSend.count == 1)
    }
}
