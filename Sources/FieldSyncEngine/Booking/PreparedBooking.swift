import FieldSyncBooking
import FieldSyncCore
import FieldSyncStore
import Foundation
import GRDB

/// A booking request checked and resolved against the configuration and the cache, ready for the
/// hold transaction.
struct PreparedBooking: Sendable {
    var new: NewBooking
    var intent: BookingIntent
    var query: SlotQuery
    var technician: TechnicianOrigin
}

extension BookingService {
    /// Checks the request and resolves the job type, the technician's backend and the intent.
    func prepare(_ request: BookingRequest, key: String, now: Date) throws(BookingFailure) -> PreparedBooking {
        guard request.end > request.start else { throw .invalid("\"end\" must be after \"start\"") }
        guard request.end.timeIntervalSince(request.start) <= 16 * 3600 else {
            throw .invalid("a booking lasts at most 16 hours")
        }
        guard request.start > now.addingTimeInterval(-60) else {
            throw .invalid("\"start\" (\(RFC3339.string(request.start))) is in the past")
        }
        let name = request.job.customer.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .invalid("job.customer.name is required") }
        guard let entry = catalog.resolve(request.job.jobType) else { throw unknownJobType(request.job.jobType) }
        let technician: TechnicianOrigin
        do {
            guard let found = try store.technicianOrigin(id: request.technicianID), found.active else {
                throw BookingFailure(
                    "unknown_technician", "no active technician \"\(request.technicianID)\" in the cache; search slots for ids",
                    status: 422)
            }
            technician = found
        } catch let failure as BookingFailure {
            throw failure
        } catch {
            throw BookingFailure("cache_unavailable", "cannot read the cache: \(error)", status: 503)
        }
        guard writers[technician.source] != nil else {
            throw BookingFailure(
                "not_bookable",
                "\(technician.name) comes from \(technician.source), which fieldsync cannot book into (only ServiceTitan and Housecall Pro sources)",
                status: 409)
        }
        guard let vendorName = entry.vendorNames[technician.source] else {
            throw BookingFailure(
                "not_bookable",
                "\(technician.source) has no job type mapped to \(entry.code) (\(request.job.jobType)); add it to its mapping file",
                status: 409)
        }
        let urgency = request.job.urgency ?? entry.urgency ?? .routine
        let arrivalMinutes = policy.arrivalWindowMinutes[urgency] ?? 60
        let arrivalEnd = min(request.end, request.start.addingTimeInterval(Double(arrivalMinutes * 60)))
        let id = "bk_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased()
        let intent = BookingIntent(
            bookingID: id, technicianExternalID: technician.externalID, start: request.start, end: request.end,
            arrivalStart: request.start, arrivalEnd: arrivalEnd, vendorJobType: vendorName,
            customer: BookingCustomer(name: name, phone: request.job.customer.phone, email: request.job.customer.email),
            address: request.job.address.location, summary: request.job.summary, urgency: urgency,
            timeZone: zone(of: technician.source))
        var query = SlotQuery(
            jobType: entry.code, requiredSkills: entry.skills, duration: .seconds(Int(request.end.timeIntervalSince(request.start))),
            location: request.job.address.location, urgency: urgency,
            window: TimeRange(start: request.start, end: request.end), preferredTechnicianID: request.technicianID,
            technicianIDs: [technician.id], limit: 5, now: now)
        if let phone = request.job.customer.phone, let customer = try? store.customers(phone: phone).first {
            query.customerSource = customer.source
            query.customerID = customer.externalID
        }
        let mode: BookingMode = isShadow(technician.source) ? .shadow : .live
        let new = NewBooking(
            id: id, idempotencyKey: key, requestHash: request.digest, source: technician.source, backend: technician.backend,
            technicianID: technician.id, start: request.start, end: request.end, state: .writing, mode: mode,
            intent: APIJSON.string(intent), holdExpiresAt: now.addingTimeInterval(Double(config.booking.holdMinutes * 60)))
        return PreparedBooking(new: new, intent: intent, query: query, technician: technician)
    }

    /// The source's zone, for the backend's local dates.
    func zone(of source: String) -> String? {
        CheckService(config: config, store: store, logger: logger).sourceZones[source]
    }

    /// The re-check inside the hold transaction: the technician's schedule read in the same
    /// transaction, judged by the same rules as the search.
    func conflict(_ db: GRDB.Database, prepared: PreparedBooking, now: Date) throws -> SlotConflict? {
        let around = TimeRange(
            start: prepared.new.start.addingTimeInterval(-86_400), end: prepared.new.end.addingTimeInterval(86_400))
        let ids: Set<String> = [prepared.technician.id]
        // Only the centroid of the job's postal code, and only when its coordinates are unknown:
        // the write lock is held.
        let location = prepared.query.location
        let postal: Set<String> = location?.latitude == nil ? Set([location?.postalCode].compactMap { $0 }) : []
        let index = try CacheStore.scheduleIndex(db, in: around, technicianIDs: ids, now: now, postalCodes: postal)
        let holds = try CacheStore.blockingHolds(db, in: around, technicianIDs: ids, now: now)
        return SlotSearch.conflict(
            technicianID: prepared.technician.id, start: prepared.new.start, end: prepared.new.end, query: prepared.query,
            in: index, holds: holds, rules: rules, policy: policy)
    }

    /// The failure for a slot that was not free, with other slots for the same job.
    func slotFailure(_ conflict: SlotConflict, prepared: PreparedBooking, bookingID: String) async -> BookingFailure {
        let code = Self.apiCode(for: conflict)
        return BookingFailure(
            code, conflict.message, status: 409, alternatives: await alternatives(prepared), bookingID: bookingID)
    }

    /// Up to five other slots for the job, from the requested time on.
    func alternatives(_ prepared: PreparedBooking) async -> [SlotSearchAnswer.Slot] {
        let request = SlotSearchRequest(
            jobType: prepared.query.jobType, address: APIAddress(prepared.intent.address), urgency: prepared.query.urgency,
            from: max(now(), prepared.new.start.addingTimeInterval(-2 * 3600)),
            to: prepared.new.start.addingTimeInterval(3 * 86_400), technicianID: prepared.technician.id, limit: 5,
            customerPhone: prepared.intent.customer.phone)
        let asked = TimeRange(start: prepared.new.start, end: prepared.new.end)
        return ((try? await searchSlots(request).slots) ?? []).filter {
            !($0.technicianID == prepared.technician.id && TimeRange(start: $0.start, end: $0.end).overlaps(asked))
        }
    }
}
