import Foundation

/// One row of `sync_runs`: one source synced by one `fieldsync sync` invocation.
public struct SyncRunRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var invocationID: String
    public var kind: String
    public var source: String
    public var backend: String
    public var state: SyncRunState
    public var startedAt: Date
    public var finishedAt: Date?
    public var horizonStart: Date
    public var horizonEnd: Date
    public var counts: ApplyResult
    public var error: String?
    public var failures: [String]
    public var notes: [String]
    public var host: String
    public var pid: Int32
    public var fieldsyncVersion: String
}
