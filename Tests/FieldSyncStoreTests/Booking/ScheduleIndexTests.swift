import FieldSyncBooking
import FieldSyncChecks
import FieldSyncCore
import FieldSyncStore
import Foundation
import GRDB
import Testing

/// The schedule index and the blocking holds, read from a real cache file.
@Suite("Reading the schedule index from the cache")
struct ScheduleIndexTests {
    /// Monday 2026-11-23, 08:00 in Chicago.
    static let monday8 = Date(timeIntervalSince1970: 1_795_442_400)
    static let now = monday8.addingTimeInterval(-3600)

    static func at(_ hours: Double) -> String { DateText.of(monday8.addingTimeInterval(hours * 3600)) }

    /// A cache with two technicians, their windows, jobs, appointments in every state, and bookings
    /// in every state.
    static func cache() throws -> (TemporaryCache, CacheStore) {
        let temporary = try TemporaryCache()
        let store = try temporary.open()
        let queue = try DatabaseQueue(path: store.path)
        let seen = at(-48)
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sync_runs (invocation_id, source, backend, state, started_at, finished_at, horizon_start, horizon_end, host, pid, fieldsync_version)
                    VALUES ('i1', 'shop', 'servicetitan', 'succeeded', ?, ?, ?, ?, 'h', 1, 't'),
                           ('i2', 'shop', 'servicetitan', 'failed', ?, ?, ?, ?, 'h', 1, 't');
                    """, arguments: [at(-3), at(-2), at(-24), at(24 * 30), at(-1), at(-1), at(-24), at(24 * 30)])
            for (id, lat, postal, zone) in [("shop-1", 41.8781, "60601", "America/Chicago"), ("shop-2", 41.95, "60657", "America/Chicago")] {
                try db.execute(
                    sql: """
                        INSERT INTO technicians (id, name, skills, home_postal_code, home_latitude, home_longitude, time_zone, daily_capacity,
                            backend, source, external_id, content_hash, first_seen_at, last_seen_at)
                        VALUES (?, ?, '["hvac","gas-furnace"]', ?, ?, -87.63, ?, 4, 'servicetitan', 'shop', ?, 'x', ?, ?)
                        """, arguments: [id, "Tech \(id)", postal, lat, zone, id, seen, seen])
            }
            func window(_ tech: String, _ kind: String, _ from: Double, _ to: Double, status: String? = nil, _ external: String) throws {
                try db.execute(
                    sql: """
                        INSERT INTO availability_windows (technician_id, starts_at, ends_at, kind, status, backend, source, external_id,
                            content_hash, first_seen_at, last_seen_at)
                        VALUES (?, ?, ?, ?, ?, 'servicetitan', 'shop', ?, 'x', ?, ?)
                        """, arguments: [tech, at(from), at(to), kind, status, external, seen, seen])
            }
            try window("shop-1", "shift", 0, 9, "s1")
            try window("shop-1", "on_call", 9, 14, "oc1")
            try window("shop-1", "time_off", 24, 33, "to1")
            try window("shop-1", "busy", 2, 3, "b1")
            try window("shop-1", "busy", 4, 5, status: "CANCELLED", "b2")
            try window("shop-1", "non_job_appointment", 6, 6.5, "n1")
            try window("shop-1", "shift", -24 * 20, -24 * 20 + 9, "old")  // long before the range: not read
            func job(_ external: String, lat: Double?, deleted: Bool = false, status: String = "scheduled") throws {
                try db.execute(
                    sql: """
                        INSERT INTO jobs (external_id, postal_code, latitude, longitude, job_type, status, backend, source, content_hash,
                            first_seen_at, last_seen_at, deleted_at)
                        VALUES (?, '60614', ?, -87.65, 'hvac.no_heat', ?, 'servicetitan', 'shop', 'x', ?, ?, ?)
                        """, arguments: [external, lat, status, seen, seen, deleted ? seen : nil])
            }
            try job("j1", lat: 41.92)
            try job("j2", lat: 41.93)
            try job("j3", lat: 41.94)
            try job("j4", lat: 41.95, deleted: true)
            var row: Int64 = 0
            func appointment(_ external: String, job: String, _ from: Double, _ to: Double, status: String = "scheduled", deleted: Bool = false)
                throws
            {
                row += 1
                try db.execute(
                    sql: """
                        INSERT INTO appointments (id, job_external_id, starts_at, ends_at, status, backend, source, external_id,
                            content_hash, first_seen_at, last_seen_at, deleted_at)
                        VALUES (?, ?, ?, ?, ?, 'servicetitan', 'shop', ?, 'x', ?, ?, ?)
                        """, arguments: [row, job, at(from), at(to), status, external, seen, seen, deleted ? seen : nil])
                try db.execute(
                    sql: "INSERT INTO appointment_technicians (appointment_id, technician_id) VALUES (?, 'shop-1')", arguments: [row])
            }
            try appointment("a1", job: "j1", 0, 2)
            try appointment("a2", job: "j2", 3, 4, status: "cancelled")
            try appointment("a3", job: "j3", 4, 5, deleted: true)
            try appointment("a4", job: "j4", 7, 8)  // its job was deleted: still blocks, place unknown
            try db.execute(
                sql: """
                    INSERT INTO customers (name, postal_code, latitude, longitude, backend, source, external_id, content_hash, first_seen_at, last_seen_at)
                    VALUES ('C', '60614', 41.92, -87.65, 'servicetitan', 'shop', 'c1', 'x', ?, ?),
                           ('D', '60614', 41.93, -87.66, 'servicetitan', 'shop', 'c2', 'x', ?, ?)
                    """, arguments: [seen, seen, seen, seen])
            func booking(_ id: String, _ state: String, tech: String = "shop-2", _ from: Double, expires: Double, remote: String? = nil)
                throws
            {
                let intent = """
                    {"bookingID": "\(id)", "address": {"street": "1 Main St", "postalCode": "60614", "latitude": "41.92", "longitude": -87.65, "extra": true}}
                    """
                try db.execute(
                    sql: """
                        INSERT INTO bookings (id, idempotency_key, request_hash, source, backend, technician_id, starts_at, ends_at, state,
                            mode, intent, hold_expires_at, remote_appointment_id, created_at, updated_at)
                        VALUES (?, ?, 'h', 'shop', 'servicetitan', ?, ?, ?, ?, 'live', ?, ?, ?, ?, ?)
                        """,
                    arguments: [id, "key-\(id)", tech, at(from), at(from + 1), state, intent, DateText.of(now.addingTimeInterval(expires * 60)), remote, seen, seen])
            }
            try booking("held", "held", 0, expires: 10)
            try booking("held-expired", "held", 1, expires: -10)
            try booking("writing", "writing", 2, expires: -10)
            try booking("shadowed", "shadowed", 3, expires: 10)
            try booking("shadowed-expired", "shadowed", 4, expires: -10)
            try booking("confirmed", "confirmed", 5, expires: -10, remote: "r-unsynced")
            try booking("confirmed-synced", "confirmed", tech: "shop-1", 6, expires: -10, remote: "a1")
            // Its appointment is cached, but linked to another technician (assignments not synced yet).
            try booking("confirmed-unlinked", "confirmed", 9, expires: -10, remote: "a1")
            try booking("released", "released", 7, expires: 10)
            try booking("failed", "failed", 8, expires: 10)
        }
        return (temporary, store)
    }

    static let range = TimeRange(start: monday8.addingTimeInterval(-3600), end: monday8.addingTimeInterval(14 * 86_400))

    @Test("technicians, windows by kind, appointments with their job's place; cancelled and deleted rows left out")
    func index() throws {
        let (temporary, store) = try Self.cache()
        _ = temporary
        let index = try store.scheduleIndex(in: Self.range, now: Self.now)
        #expect(index.technicians.map(\.id) == ["shop-1", "shop-2"])
        let tech = try #require(index.technician(id: "shop-1"))
        #expect(tech.skills == ["hvac", "gas-furnace"])
        #expect(tech.homeBase?.latitude == 41.8781)
        #expect(tech.timeZone == "America/Chicago")
        #expect(tech.dailyCapacity == 4)
        #expect(tech.usesShifts)
        #expect(tech.shifts == [TimeRange(start: Self.monday8, end: Self.monday8.addingTimeInterval(9 * 3600))])
        #expect(tech.onCall.count == 1)
        #expect(tech.timeOff.count == 1)
        #expect(tech.busy.count == 2)  // the busy event and the non-job appointment; the cancelled event is left out
        #expect(tech.appointments.map(\.appointmentID) == ["shop:a1", "shop:a4"])
        #expect(tech.appointments.first?.location?.latitude == 41.92)
        #expect(tech.appointments.first?.jobType == "hvac.no_heat")
        #expect(tech.appointments.last?.location == nil)
        #expect(index.technician(id: "shop-2")?.usesShifts == false)
        #expect(index.asOf == Date(timeIntervalSince1970: (Self.monday8.timeIntervalSince1970 - 2 * 3600)))
        let centroid = try #require(index.postalCentroids["60614"])
        #expect(abs(centroid.latitude - 41.925) < 1e-9)
    }

    @Test("holds: live holds until they expire, writing always, shadowed until expiry, confirmed until its appointment is synced and linked to the technician")
    func holds() throws {
        let (temporary, store) = try Self.cache()
        _ = temporary
        let holds = try store.blockingHolds(in: Self.range, now: Self.now)
        #expect(Set(holds.map(\.bookingID)) == ["held", "writing", "shadowed", "confirmed", "confirmed-unlinked"])
        let held = try #require(holds.first { $0.bookingID == "held" })
        #expect(held.technicianID == "shop-2")
        #expect(held.location?.latitude == 41.92)
        #expect(held.location?.postalCode == "60614")
        #expect(held.range == TimeRange(start: Self.monday8, end: Self.monday8.addingTimeInterval(3600)))
    }

    @Test("inside a caller's transaction, limited to one technician, the same rows")
    func oneTechnician() throws {
        let (temporary, store) = try Self.cache()
        _ = temporary
        let queue = try DatabaseQueue(path: store.path)
        let (index, holds) = try queue.read { db in
            (
                try CacheStore.scheduleIndex(db, in: Self.range, technicianIDs: ["shop-1"], now: Self.now),
                try CacheStore.blockingHolds(db, in: Self.range, technicianIDs: ["shop-2"], now: Self.now)
            )
        }
        #expect(index.technicians.map(\.id) == ["shop-1"])
        #expect(index.technician(id: "shop-1")?.appointments.count == 2)
        #expect(holds.count == 5)
    }

    @Test("search on the loaded index: offers no held, busy or booked time, and conflict names what is in the way")
    func searchOnTheCache() throws {
        let (temporary, store) = try Self.cache()
        _ = temporary
        let index = try store.scheduleIndex(in: Self.range, now: Self.now)
        let holds = try store.blockingHolds(in: Self.range, now: Self.now)
        let query = SlotQuery(
            jobType: "hvac.no_heat", requiredSkills: ["hvac"], duration: .seconds(3600),
            location: Location(postalCode: "60614"), urgency: .routine,
            window: TimeRange(start: Self.monday8, end: Self.monday8.addingTimeInterval(9 * 3600)), technicianIDs: ["shop-1"],
            now: Self.now)
        let slots = SlotSearch.search(query, in: index, holds: holds, rules: CheckRules(), policy: SlotPolicy())
        #expect(!slots.isEmpty)
        for slot in slots {
            let range = TimeRange(start: slot.start, end: slot.end)
            #expect(!index.technician(id: "shop-1")!.busy.contains { $0.overlaps(range) })
            #expect(!index.technician(id: "shop-1")!.appointments.contains { $0.range.overlaps(range) })
        }
        // The cancelled and the deleted appointments (hours 3–5) do not block.
        #expect(
            SlotSearch.conflict(
                technicianID: "shop-1", start: Self.monday8.addingTimeInterval(3.5 * 3600),
                end: Self.monday8.addingTimeInterval(4.5 * 3600), query: query, in: index, holds: holds, rules: CheckRules(),
                policy: SlotPolicy()) == nil)
        #expect(
            SlotSearch.conflict(
                technicianID: "shop-1", start: Self.monday8.addingTimeInterval(1 * 3600),
                end: Self.monday8.addingTimeInterval(2 * 3600), query: query, in: index, holds: holds, rules: CheckRules(),
                policy: SlotPolicy())?.code == "overlaps_appointment")
        #expect(
            SlotSearch.conflict(
                technicianID: "shop-2", start: Self.monday8.addingTimeInterval(0.5 * 3600),
                end: Self.monday8.addingTimeInterval(1.5 * 3600), query: query, in: index, holds: holds, rules: CheckRules(),
                policy: SlotPolicy())?.code == "overlaps_hold")
    }
}
