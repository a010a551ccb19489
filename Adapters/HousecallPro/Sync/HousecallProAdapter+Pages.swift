import FieldSyncCore
import Foundation

extension HousecallProAdapter {
    /// Reads one page; when that fails after retries, commits the resource's failure (with
    /// nothing else, so the saved cursors stay where the last page left them) and returns the
    /// error.
    ///
    /// A refused key (401) is rethrown: nothing more can be read. So are the sink's errors and
    /// cancellation.
    func fetchPage(
        _ resource: HCPResource, page: Int, query: [(name: String, value: String)], into sink: any PullSink
    ) async throws -> Result<HCPPage, HousecallProError> {
        do {
            return .success(try await client.page(resource, page: page, query: query))
        } catch let error as HousecallProError where error.code != .unauthorized {
            var batch = PullBatch()
            batch.failures = [SourceFailure(part: resource.part, message: error.description, isTransient: error.isTransient)]
            try await sink.commit(batch)
            return .failure(error)
        }
    }

    /// `page` and `page_size` after `query`.
    func pagedQuery(_ query: [(name: String, value: String)], page: Int, pageSize: Int) -> [(name: String, value: String)] {
        query + [("page", String(page)), ("page_size", String(pageSize))]
    }

    /// Decodes each record of `page` on its own; the ones that are not JSON objects are rejected
    /// with their raw text.
    func decode<Record: Decodable>(
        _ type: Record.Type, _ page: HCPPage, resource: HCPResource, pageNumber: Int
    ) -> (records: [(raw: HCPRawRecord, record: Record)], rejects: [RejectedRecord]) {
        let decoder = JSONDecoder()
        var records: [(raw: HCPRawRecord, record: Record)] = []
        var rejects: [RejectedRecord] = []
        for raw in page.records {
            let data = Data(raw.bytes)
            if let record = try? decoder.decode(Record.self, from: data) {
                records.append((raw, record))
            } else {
                let isJSON = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil
                let reason =
                    isJSON
                    ? "record \(raw.position) of the page is not a JSON object"
                    : "record \(raw.position) of the page is not valid JSON"
                rejects.append(
                    reject(
                        MappingProblem(recordKind: resource.recordKind, externalID: nil, reason: reason), raw: raw,
                        resource: resource, pageNumber: pageNumber))
            }
        }
        return (records, rejects)
    }

    func reject(_ problem: MappingProblem, raw: HCPRawRecord, resource: HCPResource, pageNumber: Int) -> RejectedRecord {
        RejectedRecord(
            backend: backend, source: sourceName, recordKind: problem.recordKind, externalID: problem.externalID,
            reason: problem.reason, location: "\(resource.part) page \(pageNumber)", part: resource.part,
            rawPayload: raw.text, problem: problem.problem)
    }

    /// Whether `page` (number `pageNumber`) is the last of its list.
    func isLastPage(_ page: HCPPage, number pageNumber: Int, pageSize: Int) -> Bool {
        if page.records.isEmpty { return true }
        if let totalPages = page.totalPages { return pageNumber >= totalPages }
        return page.records.count < pageSize
    }
}
