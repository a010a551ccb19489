/// Changes made "behind fieldsync's back", for tests: every one stamps the record with a new
/// `modifiedOn` / `updated_at` and moves the ServiceTitan change sequence, as the vendor would.
extension SandboxStore {
    private func translate<T>(_ resource: SandboxResource, _ id: String, _ body: () throws -> T) throws(SandboxError) -> T {
        guard stored(resource, id) != nil else {
            throw SandboxError(.unknownRecord, "\(resource) has no record with id \(id)")
        }
        do {
            return try body()
        } catch let error as VendorError {
            throw SandboxError(.invalidChange, "\(resource) \(id): \(error.title)")
        } catch {
            throw SandboxError(.invalidChange, "\(resource) \(id): \(error)")
        }
    }

    func current(_ resource: SandboxResource, id: String) -> JSONValue? {
        stored(resource, id).map { $0.json(resource) }
    }

    func all(_ resource: SandboxResource, includeDeleted: Bool) -> [JSONValue] {
        table(resource).records.filter { includeDeleted || !$0.deleted }.map { $0.json(resource) }
    }

    func update(_ resource: SandboxResource, id: String, change: (inout JSONValue) -> Void) throws(SandboxError) -> JSONValue {
        try translate(resource, id) {
            let record = try rewrite(resource, key: id) { json in
                let key = json["id"]
                change(&json)
                json["id"] = key
            }
            return record.json(resource)
        }
    }

    func deactivate(_ resource: SandboxResource, id: String) throws(SandboxError) {
        try translate(resource, id) {
            switch resource {
            case .serviceTitan, .housecallPro(.employees):
                try rewrite(resource, key: id, active: false, bump: resource.vendor == .serviceTitan)
            case .housecallPro:
                try deleteNow(resource, id: id)
            }
        }
    }

    func delete(_ resource: SandboxResource, id: String) throws(SandboxError) {
        try translate(resource, id) { try deleteNow(resource, id: id) }
    }

    private func deleteNow(_ resource: SandboxResource, id: String) throws {
        switch resource {
        case .serviceTitan:
            try rewrite(resource, key: id, active: false, deleted: true)
        case .housecallPro(.jobs):
            let stamp = Timestamp.seconds(nextStamp(.housecallPro) + 1000)
            try rewrite(resource, key: id, deleted: true) { $0["deleted_at"] = .string(stamp) }
        case .housecallPro(.employees), .housecallPro(.jobTypes):
            try rewrite(resource, key: id, active: false, deleted: true, bump: false)
        case .housecallPro:
            try rewrite(resource, key: id, deleted: true)
        }
    }

    func touch(_ resource: SandboxResource, id: String) throws(SandboxError) {
        _ = try translate(resource, id) { try rewrite(resource, key: id) }
    }

    func add(_ resource: SandboxResource, record: JSONValue) throws(SandboxError) -> JSONValue {
        guard case .object = record else { throw SandboxError(.invalidChange, "\(resource): a new record must be a JSON object") }
        var json = record
        if json["id"] == nil || json["id"]?.isNull == true {
            switch resource {
            case .serviceTitan(let r): json["id"] = .int(newID(r))
            case .housecallPro(let r):
                let prefix = switch r {
                case .employees: "pro"
                case .jobs: "job"
                case .customers: "cus"
                case .jobTypes: "jbt"
                case .events: "evt"
                }
                json["id"] = .string(newKey(prefix: prefix))
            }
        }
        let key = json["id"]?.intValue.map(String.init) ?? json["id"]?.stringValue ?? ""
        guard stored(resource, key) == nil else {
            throw SandboxError(.invalidChange, "\(resource) already has a record with id \(key)")
        }
        if case .serviceTitan(let r) = resource, let id = json["id"]?.intValue, id >= (nextNumericID[r] ?? 0) {
            nextNumericID[r] = id + 1
        }
        return insert(resource, json).json(resource)
    }

    func invalidateExportTokens() {
        exportEpoch += 1
    }
}
