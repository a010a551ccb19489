import FieldSyncCore

extension HousecallProAdapter {
    /// Reads every customer page when a complete pass is due or under way, committing each with
    /// the cursor that resumes after it; the last page carries the customer and location sweeps.
    /// Otherwise reads nothing: jobs carry their customer, so customers need not be read often.
    ///
    /// Oldest first (`created_at` ascending): editing a customer does not move it, and a new one
    /// joins at the end, so the pass sees every customer that exists throughout it (see
    /// ``WalkState/stepBack(afterReading:totalItems:)`` for customers removed meanwhile).
    func pullCustomers(_ request: PullRequest, into sink: any PullSink) async throws {
        let resource = HCPResource.customers
        let saved = WalkState.restore(request.cursors[HousecallProCursorKey.customersWalk])
        let reason = FullPassReason.check(
            lastBegan: request.cursors[HousecallProCursorKey.customersFullPass], request: request,
            interval: configuration.fullPassInterval)
        var walk: WalkState
        if let reason, reason == .requested || saved == nil {
            walk = WalkState(
                mode: .full, nextPage: 1, pageSize: pageSize, sinceRun: request.runID, startedAt: RFC3339.string(request.now))
        } else if let saved {
            walk = saved
        } else {
            return
        }
        let mapper = CustomerMapper(backend: backend, sourceName: sourceName)
        var pages = 0
        var records = 0
        while true {
            let pageNumber = walk.nextPage
            let query = pagedQuery(
                [("sort_by", "created_at"), ("sort_direction", "asc")], page: pageNumber, pageSize: walk.pageSize)
            guard case .success(let page) = try await fetchPage(resource, page: pageNumber, query: query, into: sink) else {
                return
            }
            var batch = PullBatch()
            let decoded = decode(HCPCustomer.self, page, resource: resource, pageNumber: pageNumber)
            batch.rejects = decoded.rejects
            for (raw, customer) in decoded.records {
                let outcome = mapper.map(customer)
                if let record = outcome.customer { batch.customers.append(record) }
                batch.locations += outcome.locations
                batch.rejects += outcome.problems.map { reject($0, raw: raw, resource: resource, pageNumber: pageNumber) }
            }
            let finished: Bool
            if let back = walk.stepBack(afterReading: pageNumber, totalItems: page.totalItems) {
                walk.nextPage = back
                finished = false
            } else {
                walk.nextPage = pageNumber + 1
                finished = isLastPage(page, number: pageNumber, pageSize: walk.pageSize)
            }
            if finished {
                batch.sweeps = [
                    Sweep(entity: .customers, sinceRun: walk.sinceRun), Sweep(entity: .locations, sinceRun: walk.sinceRun),
                ]
                batch.completeParts.insert(resource.part)
                batch.cursors = [
                    WalkState.finished(key: HousecallProCursorKey.customersWalk),
                    SourceCursor(key: HousecallProCursorKey.customersFullPass, value: walk.startedAt),
                ]
            } else {
                batch.cursors = [walk.cursor(key: HousecallProCursorKey.customersWalk)]
            }
            try await sink.commit(batch)
            pages += 1
            records += page.records.count
            await sink.progress(PullProgress(resource: resource.part, pages: pages, records: records, total: page.totalItems))
            if finished { return }
        }
    }
}
