import FieldSyncCore
import Foundation

/// Generates a realistic shop for both vendors from a seed: the same seed and settings give the
/// same data, byte for byte.
///
/// ServiceTitan ("Lakeshore Comfort", Chicago): business units, job types, zones, technicians
/// with skills and home addresses (Maria Lopez, Dan Okafor and Priya Shah first), weekly Normal
/// shifts, an OnCall rotation, time off, non-job appointments (team meetings, truck
/// maintenance, training), customers with locations and contacts, and jobs with appointments and
/// assignments laid into the shifts. Housecall Pro ("Front Range Plumbing & Air", Denver):
/// employees (Sam Becker first) with skill tags, job types, customers, jobs with appointments,
/// and calendar events.
///
/// Days run from the Monday one week before the anchor's week for `days` days. Record stamps
/// (`createdOn`, `modifiedOn`, `updated_at`) all lie before the anchor day. `messShare` of the
/// jobs are then planted as messy records, the kinds in turn (see ``PlantedProblem``).
///
/// ```swift
/// let data = SandboxGenerator(seed: 7, technicians: 12, days: 28, messShare: 0.05).generate()
/// try data.write(to: "/tmp/shop")
/// ```
public struct SandboxGenerator: Sendable {
    /// The seed: the same seed and settings give the same data.
    public var seed: UInt64
    /// ServiceTitan technicians (a former, inactive one is added).
    public var technicians: Int
    /// Days generated, from the Monday one week before the anchor's week.
    public var days: Int
    /// The share of jobs (0…1) added as messy records.
    public var messShare: Double
    /// The day the data is built around (its week becomes the current week when loaded).
    public var anchor: LocalDate
    /// Housecall Pro employees (Sam Becker first).
    public var housecallProEmployees: Int
    /// Average jobs per technician and working day.
    public var jobsPerTechnicianDay: Double = 1.5
    /// Stop after this many jobs per vendor (for large data sets).
    public var maxJobs: Int?

    /// The anchor of the built-in data set: Monday 2026-11-23.
    public static let builtInAnchor = LocalDate(year: 2026, month: 11, day: 23) ?? LocalDate(daysSinceEpoch: 20_415)

    /// The Monday of the week of `now` (UTC dates): the anchor that makes generated data current
    /// without shifting it afterwards.
    public static func currentWeekAnchor(now: Date = Date()) -> LocalDate {
        builtInAnchor.adding(days: WeekShift.weeks(anchor: builtInAnchor, now: now) * 7)
    }

    /// The technicians the sandbox configuration links by name: local fieldsync id → name.
    public static let linkedTechnicians: [(vendor: SandboxVendor, localID: String, name: String)] = [
        (.serviceTitan, "maria-lopez", "Maria Lopez"), (.serviceTitan, "dan-okafor", "Dan Okafor"),
        (.serviceTitan, "priya-shah", "Priya Shah"), (.housecallPro, "sam-becker", "Sam Becker"),
    ]

    public init(
        seed: UInt64 = 1, technicians: Int = 10, days: Int = 21, messShare: Double = 0.05,
        anchor: LocalDate = SandboxGenerator.builtInAnchor, housecallProEmployees: Int? = nil
    ) {
        self.seed = seed
        self.technicians = technicians
        self.days = days
        self.messShare = min(1, max(0, messShare))
        self.anchor = anchor
        self.housecallProEmployees = housecallProEmployees ?? max(4, technicians / 3)
    }

    /// The generated data set.
    public func generate() -> SandboxData {
        var st = makeServiceTitan()
        var hcp = makeHousecallPro()
        st.plantRandomMess(count: messCount(st.jobs.count))
        hcp.plantRandomMess(count: messCount(hcp.jobs.count))
        return assemble(st, hcp)
    }

    func messCount(_ jobs: Int) -> Int {
        messShare > 0 ? Int((Double(jobs) * messShare).rounded(.up)) : 0
    }

    func makeServiceTitan() -> STShopBuilder {
        var st = STShopBuilder(
            seed: seed, technicians: technicians, days: days, anchor: anchor, jobsPerTechnicianDay: jobsPerTechnicianDay,
            maxJobs: maxJobs)
        let expected = maxJobs ?? Int(Double(technicians * days) * 5 / 7 * jobsPerTechnicianDay)
        st.buildCustomers(count: min(60_000, max(8, expected / 2)))
        st.buildJobs()
        return st
    }

    func makeHousecallPro() -> HCPShopBuilder {
        var hcp = HCPShopBuilder(
            seed: seed, employees: housecallProEmployees, days: days, anchor: anchor,
            jobsPerEmployeeDay: jobsPerTechnicianDay, maxJobs: maxJobs)
        let expected = maxJobs ?? Int(Double(housecallProEmployees * days) * 5 / 7 * jobsPerTechnicianDay)
        hcp.buildCustomers(count: min(60_000, max(6, expected / 2)))
        hcp.buildEvents()
        hcp.buildJobs()
        return hcp
    }

    func assemble(_ st: STShopBuilder, _ hcp: HCPShopBuilder) -> SandboxData {
        var data = SandboxData(anchorDate: anchor, plantedProblems: st.problems + hcp.problems)
        for (resource, list) in st.records { data[serviceTitan: resource] = list }
        for (resource, list) in hcp.records { data[housecallPro: resource] = list }
        return data
    }

    /// A large data set for benchmarks: about `jobs` jobs per vendor (with their appointments,
    /// assignments, customers, locations and contacts), generated in one pass.
    public static func benchmark(jobs: Int = 100_000, seed: UInt64 = 1, anchor: LocalDate = builtInAnchor) -> SandboxData {
        let days = 120
        let workdaysPerTechnician = Double(days) * 5 / 7
        var generator = SandboxGenerator(
            seed: seed, technicians: max(3, Int((Double(jobs) / (workdaysPerTechnician * 2.5)).rounded(.up))), days: days,
            messShare: 0, anchor: anchor)
        generator.housecallProEmployees = generator.technicians
        generator.jobsPerTechnicianDay = 3
        generator.maxJobs = jobs
        return generator.generate()
    }
}

extension SandboxData {
    /// The id of the technician (ServiceTitan) or employee (Housecall Pro) with this full name.
    public func technicianID(_ vendor: SandboxVendor, named name: String) -> String? {
        switch vendor {
        case .serviceTitan:
            for record in self[serviceTitan: .technicians] {
                let value = record.value
                if value["name"]?.stringValue == name, let id = value["id"]?.intValue { return String(id) }
            }
        case .housecallPro:
            for record in self[housecallPro: .employees] {
                let value = record.value
                let full = [value["first_name"]?.stringValue, value["last_name"]?.stringValue].compactMap { $0 }.joined(separator: " ")
                if full == name { return value["id"]?.stringValue }
            }
        }
        return nil
    }
}
