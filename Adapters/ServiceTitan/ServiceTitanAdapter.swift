import FieldSyncCore
import Foundation

/// Reads one ServiceTitan tenant: technicians with their skills, zones and home base; shifts,
/// on-call and time off, and non-job appointments as availability; customers, locations and
/// contacts; jobs, appointments and their technician assignments.
///
/// Every request goes through the injected ``HTTPTransport`` and the configuration's
/// ``HTTPRetryPolicy`` (waiting with the injected `sleep`); the access token is fetched once and
/// reused until a minute before it expires (by the injected `now`), and refreshed once on a 401.
///
/// Resources are read in order, each page committed to the sink with the cursors that resume
/// after it:
///
/// | resource | how | cursor keys | emits |
/// |---|---|---|---|
/// | business-units, job-types, zones | list, all pages, `active=Any` | – | nothing (kept for mapping) |
/// | technicians | export | `export/technicians`, `pass/technicians` | technicians (inactive ones with `active = false`) |
/// | customers | export | `export/customers`, `pass/customers` | customers; tombstones |
/// | locations | export | `export/locations`, `pass/locations` | locations; tombstones |
/// | customer-contacts | export | `export/customer-contacts`, `pass/customer-contacts` | contact-only customer updates |
/// | jobs | export | `export/jobs`, `pass/jobs` | jobs; tombstones |
/// | appointments | export | `export/appointments`, `pass/appointments` | appointments (no technicians); tombstones |
/// | appointment-assignments | export | `export/appointment-assignments`, `pass/appointment-assignments` | assignments (inactive = unassigned) |
/// | technician-shifts | list by `modifiedOn` | `list/technician-shifts`, `pass/technician-shifts`, `pass/availability` | windows `shift/<id>`; tombstones |
/// | non-job-appointments | list by `modifiedOn` | `list/non-job-appointments`, `pass/non-job-appointments`, `pass/availability` | windows `non-job/<id>`; tombstones |
///
/// A full pass (first run, ``PullRequest/fullPass``, or an export position the server no longer
/// accepts) ends with a ``Sweep``; availability's sweep covers the horizon and comes once both
/// shifts and non-job appointments were read. A pass cut short is resumed by the next run. A
/// resource that fails is committed as a ``SourceFailure`` and the others are still read; refused
/// credentials end the pull with a ``ServiceTitanError``.
///
/// ```swift
/// let adapter = ServiceTitanAdapter(
///     sourceName: "lakeshore-st", configuration: configuration, mapping: mapping, transport: transport)
/// try await adapter.pull(PullRequest(horizon: horizon, runID: 42), into: sink)
/// ```
public struct ServiceTitanAdapter: SourceAdapter {
    /// `servicetitan`, the provenance of every record this adapter reads.
    public static let backendName = "servicetitan"

    /// Always ``backendName``.
    public var backend: String { Self.backendName }
    /// The configured name of this tenant connection.
    public let sourceName: String
    public let configuration: ServiceTitanConfiguration
    /// The shop's `Mappings/servicetitan.yaml`.
    public let mapping: BackendMapping
    private let client: ServiceTitanClient

    /// - Parameters:
    ///   - sourceName: the configured name of this tenant connection (`lakeshore-st`), also the
    ///     prefix of unlinked technicians' local ids.
    ///   - transport: sends every request, the token request included.
    ///   - sleep: waits between retries (tests pass one that records and returns).
    ///   - now: the clock that decides when the access token must be renewed.
    public init(
        sourceName: String, configuration: ServiceTitanConfiguration, mapping: BackendMapping,
        transport: any HTTPTransport,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.sourceName = sourceName
        self.configuration = configuration
        self.mapping = mapping
        let tokens = TokenProvider(configuration: configuration, transport: transport, sleep: sleep, now: now)
        self.client = ServiceTitanClient(configuration: configuration, transport: transport, tokens: tokens, sleep: sleep)
    }

    /// Reads every resource in order into `sink`, one commit per page (see the type's
    /// documentation). Throws ``ServiceTitanError`` when the credentials are refused, and
    /// rethrows what `sink` throws (``PullInterrupted``) unchanged.
    public func pull(_ request: PullRequest, into sink: any PullSink) async throws {
        var run = PullRun(
            client: client, mapper: RecordMapper(sourceName: sourceName, configuration: configuration, mapping: mapping),
            request: request, sink: sink, pageSize: configuration.effectivePageSize)
        try await run.execute()
    }
}
