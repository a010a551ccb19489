import FieldSyncCore
import Foundation

/// Collects what one page of one resource maps to: records, tombstones, rejects and notes.
///
/// Each record is decoded on its own from its raw bytes; one that cannot be decoded or mapped
/// becomes a ``RejectedRecord`` carrying its text exactly as received, and the page goes on.
struct PageBuilder {
    let sourceName: String
    let resource: STResource
    let page: Int
    var batch = PullBatch()
    private let decoder = JSONDecoder()

    init(sourceName: String, resource: STResource, page: Int) {
        self.sourceName = sourceName
        self.resource = resource
        self.page = page
    }

    /// `raw` decoded as `type`, or nil after rejecting it.
    mutating func decode<Record: Decodable>(_ type: Record.Type, _ raw: RawRecord) -> Record? {
        do {
            return try decoder.decode(type, from: raw.bytes)
        } catch {
            let id = (try? decoder.decode(STIdentity.self, from: raw.bytes))?.id
            reject(raw, id: id?.value, .describing(error))
            return nil
        }
    }

    mutating func reject(_ raw: RawRecord, id: String?, _ reason: RejectReason) {
        batch.rejects.append(
            RejectedRecord(
                backend: ServiceTitanAdapter.backendName, source: sourceName, recordKind: resource.recordKind,
                externalID: id, reason: reason.description, location: "\(resource.name) page \(page)", part: resource.name,
                rawPayload: raw.text, problem: reason.problem))
    }

    mutating func tombstone(_ entity: RecordEntity, _ externalID: String, version: String?) {
        batch.tombstones.append(Tombstone(entity: entity, externalID: externalID, remoteVersion: version))
    }

    mutating func note(_ text: String) {
        batch.notes.append("\(resource.name) page \(page): \(text)")
    }
}
