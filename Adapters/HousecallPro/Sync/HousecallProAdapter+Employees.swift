import FieldSyncCore

extension HousecallProAdapter {
    /// Reads every employee page, oldest first, committing each; the last page carries the
    /// technicians sweep.
    ///
    /// Employees are few, so a pass that dies part-way is simply begun again by the next run (no
    /// cursor): the sweep is only sent by a pass that read every page, and it begins in the run
    /// that sends it. Oldest first (`created_at` ascending) keeps a newly added employee from
    /// pushing others onto pages already read.
    func pullEmployees(_ request: PullRequest, into sink: any PullSink) async throws {
        let resource = HCPResource.employees
        let mapper = EmployeeMapper(
            backend: backend, sourceName: sourceName, mapping: mapping, technicianIDs: technicianIDs,
            timeZone: configuration.timeZone)
        var walk = WalkState(
            mode: .full, nextPage: 1, pageSize: pageSize, sinceRun: request.runID, startedAt: RFC3339.string(request.now))
        var pages = 0
        var records = 0
        var notTechnicians = Set<String>()
        while true {
            let pageNumber = walk.nextPage
            let query = pagedQuery(
                [("sort_by", "created_at"), ("sort_direction", "asc")], page: pageNumber, pageSize: walk.pageSize)
            guard case .success(let page) = try await fetchPage(resource, page: pageNumber, query: query, into: sink) else {
                return
            }
            var batch = PullBatch()
            let decoded = decode(HCPEmployee.self, page, resource: resource, pageNumber: pageNumber)
            batch.rejects = decoded.rejects
            for (raw, employee) in decoded.records {
                switch mapper.map(employee) {
                case .technician(let technician): batch.technicians.append(technician)
                case .notATechnician: notTechnicians.insert(employee.id ?? "")
                case .rejected(let problem):
                    batch.rejects.append(reject(problem, raw: raw, resource: resource, pageNumber: pageNumber))
                }
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
                batch.sweeps = [Sweep(entity: .technicians, sinceRun: walk.sinceRun)]
                batch.completeParts.insert(resource.part)
                if !notTechnicians.isEmpty {
                    let count = notTechnicians.count
                    let who = count == 1 ? "employee is" : "employees are"
                    batch.notes.append(
                        "employees: \(count) \(who) office staff or admins not bookable online and not read as "
                            + "technicians (link one under technicians: to include them)")
                }
            }
            try await sink.commit(batch)
            pages += 1
            records += page.records.count
            await sink.progress(PullProgress(resource: resource.part, pages: pages, records: records, total: page.totalItems))
            if finished { return }
        }
    }
}
