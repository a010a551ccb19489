/// A record as the store keeps it: the JSON it serves, pre-encoded, and what queries need.
struct StoredRecord: Sendable {
    /// The id as text (`10101`, `job_9c1f…`).
    var key: String
    /// ServiceTitan's numeric id; Housecall Pro records use their load order.
    var sortID: Int64
    /// Compact JSON as a list serves it. ServiceTitan jobs and contacts carry no `active` here
    /// (their lists do not have it); exports add it.
    var body: [UInt8]
    /// Housecall Pro jobs without `schedule.appointments` (served unless `expand[]=appointments`).
    var compactBody: [UInt8]?
    var fields: RecordFields
    /// Position in the tenant's change sequence (bumped on every change; exports follow it).
    var seq: Int64
    /// modifiedOn / updated_at and createdOn / created_at, in milliseconds.
    var modified: Int64
    var created: Int64
    /// False once deactivated (ServiceTitan `active: false`; Housecall Pro employees vanish).
    var active: Bool
    /// Deleted records stay for exports (as inactive) but no list or lookup shows them.
    var deleted: Bool
    /// ServiceTitan external data by application GUID (lowercased): `[{key, value}]`.
    var externalData: [String: JSONValue] = [:]

    /// Resources whose list shape has no `active` member although their export has one.
    static func listOmitsActive(_ resource: SandboxResource) -> Bool {
        resource == .serviceTitan(.jobs) || resource == .serviceTitan(.customerContacts)
    }

    /// A stored record from a record of the data set (its compact bytes are reused as the body
    /// when the store would not change them).
    static func make(_ resource: SandboxResource, record: SandboxRecord, seq: Int64, loadIndex: Int64) -> StoredRecord {
        let json = record.value
        var stored = make(resource, json: json, seq: seq, loadIndex: loadIndex, encode: false)
        let unchanged: Bool
        switch resource.vendor {
        case .serviceTitan:
            unchanged = !listOmitsActive(resource) && json["active"]?.boolValue == stored.active
        case .housecallPro:
            unchanged = true
        }
        if unchanged {
            stored.body = record.bytes
            if resource == .housecallPro(.jobs) { stored.compactBody = Self.compact(json) }
        } else {
            stored.refresh(resource, json: json)
        }
        return stored
    }

    /// A stored record from a vendor-shaped JSON object.
    static func make(
        _ resource: SandboxResource, json: JSONValue, seq: Int64, loadIndex: Int64, encode: Bool = true
    ) -> StoredRecord {
        let key: String
        switch json["id"] {
        case .int(let i): key = String(i)
        case .string(let s): key = s
        case .double(let d): key = String(Int64(d))
        default: key = ""
        }
        var record = StoredRecord(
            key: key, sortID: json["id"]?.intValue ?? loadIndex, body: [], compactBody: nil,
            fields: RecordFields(), seq: seq, modified: 0, created: 0, active: true, deleted: false)
        if resource.vendor == .serviceTitan {
            record.active = json["active"]?.boolValue ?? true
        } else if resource == .housecallPro(.jobs) || resource == .housecallPro(.customers) {
            record.deleted = !(json["deleted_at"]?.isNull ?? true)
        }
        if encode {
            record.refresh(resource, json: json)
        } else {
            record.readStamps(resource, json: json)
            record.fields = RecordFields.extract(resource, from: json)
        }
        return record
    }

    mutating func readStamps(_ resource: SandboxResource, json: JSONValue) {
        switch resource.vendor {
        case .serviceTitan:
            modified = json["modifiedOn"]?.stringValue.flatMap { Timestamp.millis($0) } ?? 0
            created = json["createdOn"]?.stringValue.flatMap { Timestamp.millis($0) } ?? modified
        case .housecallPro:
            created = json["created_at"]?.stringValue.flatMap { Timestamp.millis($0) } ?? 0
            modified = json["updated_at"]?.stringValue.flatMap { Timestamp.millis($0) } ?? created
        }
    }

    /// A Housecall Pro job without `schedule.appointments`.
    static func compact(_ json: JSONValue) -> [UInt8] {
        var compact = json
        if var schedule = compact["schedule"], schedule["appointments"] != nil {
            schedule["appointments"] = nil
            compact["schedule"] = schedule
        }
        return JSONWriter.bytes(compact)
    }

    /// Re-encodes the bodies and re-reads fields and stamps after `json` changed.
    mutating func refresh(_ resource: SandboxResource, json: JSONValue) {
        var json = json
        readStamps(resource, json: json)
        if resource.vendor == .serviceTitan {
            json["active"] = Self.listOmitsActive(resource) ? nil : .bool(active && !deleted)
        }
        fields = RecordFields.extract(resource, from: json)
        body = JSONWriter.bytes(json)
        if resource == .housecallPro(.jobs) { compactBody = Self.compact(json) }
    }

    /// The record as JSON, with `active` for resources whose list shape omits it.
    func json(_ resource: SandboxResource) -> JSONValue {
        var value = (try? JSONParser.parse(body)) ?? .null
        if resource.vendor == .serviceTitan, Self.listOmitsActive(resource) {
            value["active"] = .bool(active && !deleted)
        }
        return value
    }

    /// The body an export serves: with `active` (false for deleted records).
    func exportBody(_ resource: SandboxResource) -> [UInt8] {
        guard Self.listOmitsActive(resource), body.last == UInt8(ascii: "}") else { return body }
        var out = body
        out.removeLast()
        out.append(contentsOf: Array((active && !deleted ? #","active":true}"# : #","active":false}"#).utf8))
        return out
    }
}
