import FieldSyncCore
import Foundation

/// Builders for Housecall Pro records as the API serves them.
enum HCP {
    /// A fixed day: 2026-11-02T00:00:00Z.
    static let day0 = Date(timeIntervalSince1970: 1_793_577_600)

    /// `day0` plus `minutes`, as Housecall Pro writes it.
    static func stamp(_ minutes: Int) -> String { RFC3339.string(day0.addingTimeInterval(Double(minutes) * 60)) }

    static func text(_ object: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func employee(
        _ id: String, first: String? = "Sam", last: String? = "Becker", role: String? = "field tech",
        tags: [String] = [], bookable: Bool? = nil, created: Int = 0, updated: Int? = nil, extra: [String: Any] = [:]
    ) -> FakeRecord {
        var object: [String: Any] = [
            "id": id, "email": "\(id)@example.test", "mobile_number": "555-0100", "created_at": stamp(created), "tags": tags,
            "color_hex": "#ff0000", "company_id": "co_1",
        ]
        if let first { object["first_name"] = first }
        if let last { object["last_name"] = last }
        if let role { object["role"] = role }
        if let bookable { object["permissions"] = ["can_be_booked_online": bookable, "is_admin": role == "admin"] }
        if let updated { object["updated_at"] = stamp(updated) }
        object.merge(extra) { $1 }
        return FakeRecord(id: id, createdAt: stamp(created), updatedAt: stamp(updated ?? created), json: text(object))
    }

    static var customerObject: [String: Any] {
        [
            "id": "cus_1", "first_name": "Ada", "last_name": "Quill", "email": "ada@example.test",
            "mobile_number": NSNull(), "home_number": "555-0111", "work_number": "555-0122", "company": "Quill Ltd",
        ]
    }

    static var addressObject: [String: Any] {
        [
            "id": "adr_1", "type": "service", "street": "12 Elm St", "street_line_2": "Unit 4", "city": "Denver",
            "state": "CO", "zip": "80202", "country": "US",
        ]
    }

    /// A scheduled job of type Furnace Repair, 1 h from `day0` + 1 day, with no appointment items.
    static func job(
        _ id: String, created: Int = 0, updated: Int? = nil, workStatus: String? = "scheduled",
        jobType: String? = "Furnace Repair", businessUnit: String? = nil, schedule: [String: Any]? = nil,
        appointments: [[String: Any]]? = nil, assigned: [String] = ["pro_1"], extra: [String: Any] = [:]
    ) -> FakeRecord {
        var object: [String: Any] = [
            "id": id, "invoice_number": "10\(id.filter(\.isNumber))", "description": "Furnace makes a noise",
            "customer": customerObject, "address": addressObject, "created_at": stamp(created),
            "updated_at": stamp(updated ?? created), "deleted_at": NSNull(),
            "assigned_employees": assigned.map { ["id": $0, "first_name": "Sam", "role": "field tech"] },
            "total_amount": 0, "tags": [],
        ]
        if let workStatus { object["work_status"] = workStatus }
        var fields: [String: Any] = [:]
        if let jobType { fields["job_type"] = ["id": "jt_\(jobType.count)", "name": jobType] }
        if let businessUnit { fields["business_unit"] = ["id": "bu_1", "name": businessUnit] }
        object["job_fields"] = fields
        var plan = schedule ?? [
            "scheduled_start": stamp(24 * 60), "scheduled_end": stamp(25 * 60), "arrival_window": 0,
        ]
        if let appointments { plan["appointments"] = appointments }
        object["schedule"] = plan
        object.merge(extra) { $1 }
        return FakeRecord(id: id, createdAt: stamp(created), updatedAt: stamp(updated ?? created), json: text(object))
    }

    static func customer(_ id: String, created: Int = 0, updated: Int? = nil, addresses: [[String: Any]]) -> FakeRecord {
        var object = customerObject
        object["id"] = id
        object["created_at"] = stamp(created)
        object["updated_at"] = stamp(updated ?? created)
        object["addresses"] = addresses
        return FakeRecord(id: id, createdAt: stamp(created), updatedAt: stamp(updated ?? created), json: text(object))
    }

    static func jobType(_ id: String, _ name: String) -> FakeRecord {
        FakeRecord(id: id, createdAt: stamp(0), updatedAt: stamp(0), json: text(["id": id, "name": name]))
    }

    /// Job types, one employee and one job: the smallest company that exercises every resource.
    static var small: FakeData {
        var data = FakeData()
        data.jobTypes = [jobType("jt_1", "Furnace Repair"), jobType("jt_2", "Drain Clog")]
        data.employees = [employee("pro_1", tags: ["hvac"])]
        data.customers = [customer("cus_1", addresses: [addressObject])]
        data.jobs = [job("job_1")]
        return data
    }
}
