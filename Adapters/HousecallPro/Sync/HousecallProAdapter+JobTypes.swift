import FieldSyncCore

extension HousecallProAdapter {
    /// Reads every page of job types into a catalog for mapping jobs; commits one batch with what
    /// it has to say (rejects, a note naming the types the mapping file lacks).
    func pullJobTypes(into sink: any PullSink) async throws -> Result<JobTypeCatalog, HousecallProError> {
        let resource = HCPResource.jobTypes
        var catalog = JobTypeCatalog()
        var batch = PullBatch()
        var names: [String] = []
        var pageNumber = 1
        var records = 0
        while true {
            let fetched = try await fetchPage(
                resource, page: pageNumber, query: pagedQuery([], page: pageNumber, pageSize: pageSize), into: sink)
            let page: HCPPage
            switch fetched {
            case .success(let read): page = read
            case .failure(let error): return .failure(error)
            }
            let decoded = decode(HCPJobType.self, page, resource: resource, pageNumber: pageNumber)
            batch.rejects += decoded.rejects
            for (_, type) in decoded.records {
                if let id = type.id, let name = type.name { catalog.namesByID[id] = name }
                if let name = type.name, !names.contains(name) { names.append(name) }
            }
            records += page.records.count
            await sink.progress(PullProgress(resource: resource.part, pages: pageNumber, records: records, total: page.totalItems))
            if isLastPage(page, number: pageNumber, pageSize: pageSize) { break }
            pageNumber += 1
        }
        let unlisted = names.filter { mapping.jobType(named: $0) == nil }
        if !unlisted.isEmpty {
            let fate: String
            switch mapping.unmappedJobType {
            case .quarantine: fate = "their jobs are quarantined"
            case .useDefault: fate = "their jobs get the default rule"
            }
            batch.notes.append(
                "job types in Housecall Pro that \(mapping.fileDescription) does not list (\(fate)): \(unlisted.sorted().joined(separator: ", "))")
        }
        batch.completeParts.insert(resource.part)
        try await sink.commit(batch)
        return .success(catalog)
    }
}
