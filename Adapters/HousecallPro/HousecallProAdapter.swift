import FieldSyncCore
import Foundation

/// Reads one Housecall Pro company: its technicians (employees), customers, jobs and the jobs'
/// appointments.
///
/// Each run reads, in order:
/// 1. **Job types** (`GET /job_fields/job_types`), all pages, kept in memory for mapping. Jobs
///    are not read in a run where job types could not be.
/// 2. **Employees** (`GET /employees`), all pages, every run. The list holds active employees
///    only, so the pass ends with a technicians ``FieldSyncCore/Sweep``: an employee it did not
///    see was deactivated or deleted. Technicians are the employees who take jobs: field
///    techs, anyone bookable online, and anyone linked in
///    ``HousecallProConfiguration/technicianLinks`` (see `EmployeeMapper`).
/// 3. **Customers** (`GET /customers`), a complete pass when one is due (the first run, every
///    ``HousecallProConfiguration/fullPassInterval``, or `request.fullPass`), ending with
///    customer and location sweeps; otherwise skipped, since jobs carry their customer anyway.
/// 4. **Jobs** (`GET /jobs?expand[]=appointments`), incrementally by their `updated_at`
///    high-water mark, or completely when a full pass is due (see `pullJobs(_:into:jobTypes:)` for
///    why this is complete and safe against jobs changing mid-walk).
///
/// Every page is committed on its own with the cursors that resume after it. A record that
/// cannot be read or mapped is rejected with its raw text and the page goes on; a resource that
/// fails after retries is a ``FieldSyncCore/SourceFailure`` and the other resources still run.
/// A refused API key (401) stops the pull with a ``HousecallProError``.
///
/// ```swift
/// let adapter = HousecallProAdapter(
///     sourceName: "frontrange-hcp", configuration: configuration, mapping: mapping, transport: transport)
/// try await adapter.pull(request, into: sink)
/// ```
public struct HousecallProAdapter: SourceAdapter {
    /// `housecallpro`, stored as provenance on every row.
    public let backend = "housecallpro"
    /// The configured name of this connection (`frontrange-hcp`).
    public let sourceName: String
    /// Where and how to read (its description hides the API key).
    public let configuration: HousecallProConfiguration
    /// The shop's `Mappings/housecallpro.yaml`.
    public let mapping: BackendMapping
    let client: HousecallProClient
    let technicianIDs: TechnicianIDResolver

    /// - Parameters:
    ///   - sourceName: The configured name of this connection (`frontrange-hcp`).
    ///   - transport: Sends the HTTP requests (the engine's, or a scripted one in tests).
    ///   - sleep: Waits between retries; injectable so tests need not wait.
    public init(
        sourceName: String, configuration: HousecallProConfiguration, mapping: BackendMapping,
        transport: any HTTPTransport,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.sourceName = sourceName
        self.configuration = configuration
        self.mapping = mapping
        self.client = HousecallProClient(configuration: configuration, transport: transport, sleep: sleep)
        self.technicianIDs = TechnicianIDResolver(sourceName: sourceName, links: configuration.technicianLinks)
    }

    /// Reads job types, employees, customers (when due) and jobs, committing page by page.
    ///
    /// Throws ``HousecallProError`` with code ``HousecallProError/Code/unauthorized`` when the
    /// API key is refused, and rethrows what the sink throws (``FieldSyncCore/PullInterrupted``).
    public func pull(_ request: PullRequest, into sink: any PullSink) async throws {
        let jobTypes = try await pullJobTypes(into: sink)
        try await pullEmployees(request, into: sink)
        try await pullCustomers(request, into: sink)
        switch jobTypes {
        case .success(let catalog):
            try await pullJobs(request, into: sink, jobTypes: catalog)
        case .failure(let error):
            var batch = PullBatch()
            batch.failures = [
                SourceFailure(
                    part: HCPResource.jobs.part,
                    message: "jobs were not read because the job types could not be (\(error.message)); they are read on the next run",
                    isTransient: error.isTransient)
            ]
            try await sink.commit(batch)
        }
    }

    /// The page size for new walks (at least 1).
    var pageSize: Int { max(1, configuration.pageSize) }
}
