import FieldSyncCore

extension SandboxStore {
    /// `GET /company/schedule_availability/booking_windows`: windows of `service_duration`
    /// minutes (30 by default) across 08:00–17:00 company time for `show_for_days` days from
    /// `start_date`; a window is available when one of the employees asked about (every
    /// employee who can be booked online, by default) has no appointment overlapping it.
    func hcpBookingWindows(_ q: QueryParameters) throws -> [UInt8] {
        var days = 7
        if let text = q.first("show_for_days") {
            guard let v = Int(text), (1...62).contains(v) else {
                throw VendorError(.housecallPro, 400, "show_for_days must be an integer from 1 to 62")
            }
            days = v
        }
        var duration = 30
        if let text = q.first("service_duration") {
            guard let v = Int(text), v > 0, v <= 720 else {
                throw VendorError(.housecallPro, 400, "service_duration must be a positive integer (minutes)")
            }
            duration = v
        }
        let nowSeconds = Timestamp.floorDiv(nowMillis, 1000)
        var firstDay = hcpZone.local(atInstant: nowSeconds).local.date.adding(days: 1)
        if let text = q.first("start_date") {
            guard let date = SandboxData.parseDate(String(text.prefix(10))) else {
                throw VendorError(.housecallPro, 400, "start_date must look like YYYY-MM-DDTHH:MM:SS")
            }
            firstDay = date
        }
        var employees = q.all("employee_ids").flatMap { $0.split(separator: ",").map(String.init) }
        if employees.isEmpty {
            employees = table(.housecallPro(.employees)).records.filter { record in
                guard record.active else { return false }
                let json = record.json(.housecallPro(.employees))
                return json["permissions"]?["can_be_booked_online"]?.boolValue ?? true
            }.map(\.key)
        }
        // Busy time per employee, from every live job's appointments.
        var busy: [String: [(Int64, Int64)]] = [:]
        for job in table(.housecallPro(.jobs)).records where job.active && !job.deleted {
            let json = job.json(.housecallPro(.jobs))
            for a in json["schedule"]?["appointments"]?.arrayValue ?? [] {
                guard let s = a["start_time"]?.stringValue.flatMap({ Timestamp.millis($0) }),
                      let e = a["end_time"]?.stringValue.flatMap({ Timestamp.millis($0) })
                else { continue }
                for id in a["dispatched_employees_ids"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                    busy[id, default: []].append((s / 1000, e / 1000))
                }
            }
        }
        var windows: [JSONValue] = []
        for d in 0..<days {
            let date = firstDay.adding(days: d)
            var start = hcpZone.instant(for: LocalDateTime(date: date, hour: 8))
            let close = hcpZone.instant(for: LocalDateTime(date: date, hour: 17))
            while start + Int64(duration * 60) <= close {
                let end = start + Int64(duration * 60)
                let free = start > nowSeconds && employees.contains { id in
                    !(busy[id] ?? []).contains { $0.0 < end && start < $0.1 }
                }
                windows.append([
                    "start_time": .string(RFC3339.string(utc: start)), "end_time": .string(RFC3339.string(utc: end)),
                    "available": .bool(free),
                ])
                start = end
            }
        }
        return JSONWriter.bytes([
            "booking_windows": .array(windows), "show_for_days": .int(Int64(days)),
            "start_date": .string(firstDay.description),
        ])
    }
}
