import FieldSyncCore
import Foundation
import GRDB

extension CacheStore {
    /// Writes one adapter batch into the cache in a single `BEGIN IMMEDIATE` transaction: either
    /// all of it lands or none of it does.
    ///
    /// - Technicians and windows are upserted by their source and external id; rows whose
    ///   content did not change only get their `last_seen_at` moved.
    /// - Inside each ``AvailabilityCoverage``, cached windows the batch no longer has are removed,
    ///   unless the ``MassDeleteBrake`` holds, or they belong to a record quarantined this time.
    /// - Rejects are recorded once per distinct payload and counted each time they are seen;
    ///   when `resolveMissingRejects` is true (the source was read completely), open rejects
    ///   this run did not see are marked resolved; otherwise only those of the parts the batch
    ///   read completely.
    /// - The batch's ``SourceInventory``, when given, removes windows of feeds and technicians no
    ///   longer configured; windows that ended before `retentionCutoff` are pruned.
    /// - Each coverage is recorded, so availability knows what it knows and since when.
    /// - Customers, locations, jobs, appointments and assignments are upserted likewise; a job's
    ///   customer details and address come from the cached customer and location it names.
    /// - ``PullBatch/tombstones`` deactivate technicians, remove windows, and mark jobs,
    ///   appointments, customers and locations deleted; ``PullBatch/sweeps`` do the same to rows
    ///   of their kind that the pass did not see. With `deferDeletions` (paged sources) they are
    ///   queued instead, for ``applyPendingDeletions(source:budget:now:)`` at the end of the run.
    ///
    /// `inspect`, when given, runs first inside the same transaction, so it sees the cache exactly
    /// as the batch finds it (a reconciliation compares there).
    public func apply(
        _ batch: PullBatch, run: Int64, backend: String, source: String, resolveMissingRejects: Bool,
        brake: MassDeleteBrake = MassDeleteBrake(), deferDeletions: Bool = false, retentionCutoff: Date? = nil,
        now: Date, inspect: ((Database) throws -> Void)? = nil
    ) throws(CacheError) -> ApplyResult {
        try writeImmediate("cannot write the sync results of \(source)") { db in
            try inspect?(db)
            var result = ApplyResult()
            result.pages = 1
            try Self.applyTechnicians(batch.technicians, run: run, source: source, now: now, db: db, result: &result)
            var rejects = batch.rejects
            try Self.applyWindows(
                batch, run: run, source: source, brake: brake, now: now, db: db, result: &result, rejects: &rejects)
            try Self.applyCustomers(batch.customers, run: run, source: source, now: now, db: db, result: &result)
            try Self.applyLocations(batch.locations, run: run, source: source, now: now, db: db, result: &result)
            let writtenJobs = try Self.applyJobs(batch.jobs, run: run, source: source, now: now, db: db, result: &result)
            try Self.applyAppointments(batch.appointments, run: run, source: source, now: now, db: db, result: &result)
            try Self.applyAssignments(batch.assignments, run: run, source: source, now: now, db: db, result: &result)

            try Self.fillJobDetails(writtenJobs, source: source, db: db)
            try Self.cancelPendingDeletions(revivedBy: batch, source: source, db: db)
            var deletions = batch
            deletions.tombstones += try Self.droppedAppointments(batch, source: source, db: db)
            if deferDeletions {
                try Self.queueDeletions(deletions, run: run, source: source, now: now, db: db)
            } else {
                try Self.applyDeletions(
                    tombstones: deletions.tombstones, sweeps: deletions.sweeps, budget: nil, source: source, now: now, db: db,
                    result: &result)
            }
            try Self.applyRejects(
                rejects, completeParts: batch.completeParts, run: run, source: source,
                resolveMissing: resolveMissingRejects, now: now, db: db, result: &result)
            if batch.coverage.isEmpty && batch.inventory == nil {
                try Self.resolveRejects(storedBy: batch, rejectedNow: rejects, source: source, now: now, db: db, result: &result)
            }
            if let retentionCutoff {
                try Self.prune(source: source, before: retentionCutoff, db: db, result: &result)
            }
            try Self.saveCursors(batch.cursors, source: source, run: run, now: now, db: db)
            return result
        }
    }

    // MARK: Technicians

    private static func applyTechnicians(
        _ technicians: [Technician], run: Int64, source: String, now: Date, db: Database, result: inout ApplyResult
    ) throws {
        for t in technicians {
            result.technicians += 1
            result.count(.technicians, \.pulled)
            let hash = t.contentHash
            if let existing = try Row.fetchOne(
                db, sql: "SELECT source, content_hash, active FROM technicians WHERE id = ?", arguments: [t.id])
            {
                let owner: String = existing["source"]
                let ownerActive: Bool = existing["active"]
                if owner != t.source.source {
                    guard !ownerActive else {
                        result.notes.append(
                            "technician \(t.id) is defined by source \(owner); \(t.source.source)'s details for it were not applied")
                        continue
                    }
                    // The owner no longer lists this technician (removed or forgotten): the
                    // source that does takes it over.
                    try db.execute(
                        sql: "UPDATE technicians SET backend = ?, source = ?, content_hash = '' WHERE id = ?",
                        arguments: [t.source.backend, t.source.source, t.id])
                    result.notes.append("technician \(t.id) now comes from source \(t.source.source) (was \(owner))")
                }
                if owner == t.source.source, existing["content_hash"] as String == hash {
                    result.count(.technicians, \.unchanged)
                    try db.execute(
                        sql: "UPDATE technicians SET last_seen_at = ?, last_sync_run_id = MAX(COALESCE(last_sync_run_id, 0), ?) WHERE id = ?",
                        arguments: [now, run, t.id])
                } else {
                    if ownerActive && !t.active {
                        result.count(.technicians, \.deleted)
                    } else {
                        result.count(.technicians, \.updated)
                    }
                    try db.execute(
                        sql: """
                            UPDATE technicians SET name = ?, phone = ?, email = ?, skills = ?, home_street = ?, home_city = ?,
                                home_region = ?, home_postal_code = ?, home_country = ?, home_latitude = ?, home_longitude = ?,
                                time_zone = ?, active = ?, daily_capacity = ?, zones = ?, external_id = ?, remote_version = ?,
                                content_hash = ?, last_seen_at = ?, last_sync_run_id = MAX(COALESCE(last_sync_run_id, 0), ?)
                            WHERE id = ?
                            """,
                        arguments: technicianArguments(t) + [t.source.externalID, t.source.remoteVersion, hash, now, run, t.id])
                }
            } else {
                result.count(.technicians, \.created)
                try db.execute(
                    sql: """
                        INSERT INTO technicians (name, phone, email, skills, home_street, home_city, home_region,
                            home_postal_code, home_country, home_latitude, home_longitude, time_zone, active, daily_capacity,
                            zones, id, backend, source, external_id, remote_version, content_hash, first_seen_at,
                            last_seen_at, last_sync_run_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: technicianArguments(t)
                        + [
                            t.id, t.source.backend, t.source.source, t.source.externalID, t.source.remoteVersion, hash,
                            now, now, run,
                        ])
                try linkAssignments(technicianID: t.id, db: db)
            }
        }
    }

    private static func technicianArguments(_ t: Technician) -> StatementArguments {
        [
            t.name, t.phone, t.email, JSONList.encode(t.skills), t.homeBase?.street, t.homeBase?.city,
            t.homeBase?.region, t.homeBase?.postalCode, t.homeBase?.country, t.homeBase?.latitude,
            t.homeBase?.longitude, t.timeZone, t.active, t.dailyCapacity, JSONList.encode(t.zones),
        ]
    }

    // MARK: Availability

    private struct CachedRow {
        var rowID: Int64
        var hash: String
        var start: Date
        var end: Date

        func isInside(_ range: TimeRange) -> Bool {
            start == end ? range.start <= start && start < range.end : start < range.end && range.start < end
        }
    }

    private static func applyWindows(
        _ batch: PullBatch, run: Int64, source: String, brake: MassDeleteBrake, now: Date, db: Database,
        result: inout ApplyResult, rejects: inout [RejectedRecord]
    ) throws {
        let byTechnician = Dictionary(grouping: batch.availability, by: \.technicianID)
        let technicianIDs = Set(byTechnician.keys).union(batch.coverage.map(\.technicianID))
        for technicianID in technicianIDs.sorted() {
            let windows = byTechnician[technicianID] ?? []
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM technicians WHERE id = ?", arguments: [technicianID]) == true
            else {
                guard batch.coverage.isEmpty && batch.inventory == nil else {
                    // A calendar feed is read whole every run: its windows come again.
                    result.notes.append("\(windows.count) window(s) for unknown technician \(technicianID) were not stored")
                    continue
                }
                // A paged source may not send these again: keep them as rejects, not as a note.
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                encoder.dateEncodingStrategy = .iso8601
                for window in windows {
                    let payload = (try? encoder.encode(window)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                    rejects.append(
                        RejectedRecord(
                            backend: window.source.backend, source: source, recordKind: "availability",
                            externalID: window.source.externalID,
                            reason: "technician \(technicianID) is not in the cache (their record was not read yet, or failed); a full sync (fieldsync sync --full) reads this window again once they are",
                            part: "availability", rawPayload: payload))
                }
                continue
            }
            var cached: [String: CachedRow] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT id, external_id, content_hash, starts_at, ends_at FROM availability_windows
                    WHERE source = ? AND technician_id = ?
                    """, arguments: [source, technicianID])
            {
                cached[row["external_id"]] = CachedRow(
                    rowID: row["id"], hash: row["content_hash"], start: row["starts_at"], end: row["ends_at"])
            }
            var seen = Set<String>()
            var inserted: [AvailabilityWindow] = []
            var unchangedIDs: [Int64] = []
            for w in windows {
                guard seen.insert(w.source.externalID).inserted else { continue }
                result.fetched += 1
                result.count(.availability, \.pulled)
                let hash = w.contentHash
                if let existing = cached[w.source.externalID] {
                    if existing.hash == hash {
                        result.unchanged += 1
                        result.count(.availability, \.unchanged)
                        unchangedIDs.append(existing.rowID)
                    } else {
                        result.updated += 1
                        result.count(.availability, \.updated)
                        try db.execute(
                            sql: """
                                UPDATE availability_windows SET starts_at = ?, ends_at = ?, kind = ?, source_time_zone = ?,
                                    all_day = ?, title = ?, status = ?, remote_version = ?, content_hash = ?, last_seen_at = ?,
                                    last_sync_run_id = MAX(COALESCE(last_sync_run_id, 0), ?)
                                WHERE id = ?
                                """,
                            arguments: [
                                w.range.start, w.range.end, w.kind.rawValue, w.sourceTimeZone, w.allDay, w.title, w.status,
                                w.source.remoteVersion, hash, now, run, existing.rowID,
                            ])
                    }
                } else {
                    result.inserted += 1
                    result.count(.availability, \.created)
                    inserted.append(w)
                    try db.execute(
                        sql: """
                            INSERT INTO availability_windows (technician_id, starts_at, ends_at, kind, source_time_zone, all_day,
                                title, status, backend, source, external_id, remote_version, content_hash, first_seen_at,
                                last_seen_at, last_sync_run_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            technicianID, w.range.start, w.range.end, w.kind.rawValue, w.sourceTimeZone, w.allDay, w.title,
                            w.status, w.source.backend, source, w.source.externalID, w.source.remoteVersion, hash, now, now,
                            run,
                        ])
                }
            }
            try touch(table: "availability_windows", ids: unchangedIDs, run: run, now: now, db: db)

            // Removals inside what the batch covered completely.
            for coverage in batch.coverage where coverage.technicianID == technicianID {
                let inRange = cached.filter { key, c in coverage.scopes(externalID: key) && c.isInside(coverage.range) }
                let gone = inRange.filter { key, _ in !seen.contains(key) && !coverage.retains(externalID: key) }
                let added = inserted.filter {
                    coverage.scopes(externalID: $0.source.externalID)
                        && CachedRow(rowID: 0, hash: "", start: $0.range.start, end: $0.range.end).isInside(coverage.range)
                }.count
                try db.execute(
                    sql: """
                        INSERT INTO coverage (source, technician_id, scope, range_start, range_end, synced_at, sync_run_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (source, technician_id, scope) DO UPDATE SET range_start = excluded.range_start,
                            range_end = excluded.range_end, synced_at = excluded.synced_at, sync_run_id = excluded.sync_run_id
                        """,
                    arguments: [
                        source, technicianID, coverage.externalIDPrefix ?? "", coverage.range.start, coverage.range.end, now, run,
                    ])
                guard !gone.isEmpty else { continue }
                if brake.holds(removing: gone.count, of: inRange.count, adding: added) {
                    result.heldBack += gone.count
                    result.notes.append(
                        "mass-delete brake: \(gone.count) of \(inRange.count) cached windows of \(technicianID) from \(coverage.externalIDPrefix ?? source) would be removed and only \(added) added; none were removed. If the calendar really emptied, run again with --allow-mass-delete."
                    )
                    continue
                }
                try delete(gone.values.map(\.rowID), db: db)
                result.removed += gone.count
                result.count(.availability, \.deleted, by: gone.count)
            }
        }
        if let inventory = batch.inventory {
            try applyInventory(inventory, source: source, brake: brake, db: db, result: &result)
        }
    }

    /// Removes windows of feeds and technicians no longer configured, and marks such technicians
    /// inactive (they keep their history).
    private static func applyInventory(
        _ inventory: SourceInventory, source: String, brake: MassDeleteBrake, db: Database, result: inout ApplyResult
    ) throws {
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, technician_id, external_id FROM availability_windows WHERE source = ?", arguments: [source])
        let orphans = rows.filter { !inventory.holds(technicianID: $0["technician_id"], externalID: $0["external_id"]) }
        if !orphans.isEmpty {
            if brake.holds(removing: orphans.count, of: rows.count) {
                result.heldBack += orphans.count
                result.notes.append(
                    "mass-delete brake: \(orphans.count) of \(rows.count) cached windows of \(source) belong to feeds or technicians no longer configured; none were removed. If that is intended, run again with --allow-mass-delete."
                )
            } else {
                try delete(orphans.map { $0["id"] as Int64 }, db: db)
                result.removed += orphans.count
                result.count(.availability, \.deleted, by: orphans.count)
                result.notes.append("\(orphans.count) window(s) of feeds or technicians no longer configured were removed")
            }
        }
        let owned = try String.fetchAll(db, sql: "SELECT id FROM technicians WHERE source = ? AND active = 1", arguments: [source])
        for id in owned where !inventory.technicianIDs.contains(id) {
            try db.execute(sql: "UPDATE technicians SET active = 0 WHERE id = ?", arguments: [id])
            result.notes.append("technician \(id) is no longer in \(source)'s configuration and was marked inactive")
        }
        // Defined here before, only referred to now: the source that defines them takes over at
        // its next sync (it may only take over a technician its owner no longer lists).
        for id in owned where inventory.referencedTechnicianIDs.contains(id) {
            try db.execute(sql: "UPDATE technicians SET active = 0, content_hash = '' WHERE id = ?", arguments: [id])
            result.notes.append(
                "technician \(id) is now defined by another source, which takes them over when it next sends them (fieldsync sync --full makes it send everything); \(source) only adds their calendar")
        }
    }

    /// Records that a run of a paged source read it completely up to now: its technicians'
    /// schedules are known over `range` (availability reports time outside every coverage as
    /// unknown, never free).
    public func recordCoverage(source: String, range: TimeRange, run: Int64, now: Date) throws(CacheError) {
        try writeImmediate("cannot record what \(source) covered") { db in
            try db.execute(
                sql: """
                    INSERT INTO coverage (source, technician_id, scope, range_start, range_end, synced_at, sync_run_id)
                    SELECT ?, id, '', ?, ?, ?, ? FROM technicians WHERE source = ? AND active = 1
                    ON CONFLICT (source, technician_id, scope) DO UPDATE SET range_start = excluded.range_start,
                        range_end = excluded.range_end, synced_at = excluded.synced_at, sync_run_id = excluded.sync_run_id
                    """, arguments: [source, range.start, range.end, now, run, source])
        }
    }

    /// Removes windows of `source` that ended before `cutoff`; returns how many.
    public func prune(source: String, before cutoff: Date) throws(CacheError) -> Int {
        try writeImmediate("cannot prune old windows of \(source)") { db in
            var result = ApplyResult()
            try Self.prune(source: source, before: cutoff, db: db, result: &result)
            return result.pruned
        }
    }

    /// Removes windows that ended before `cutoff`: the cache keeps recent history, not all of it.
    static func prune(source: String, before cutoff: Date, db: Database, result: inout ApplyResult) throws {
        try db.execute(
            sql: "DELETE FROM availability_windows WHERE source = ? AND ends_at < ?", arguments: [source, cutoff])
        result.pruned += db.changesCount
    }

    /// Marks rows of `table` (by row id) as seen by `run` now, 500 to a statement: most records a
    /// pass reads are unchanged, and one statement per record was a large share of a full pass.
    static func touch(table: String, ids: [Int64], run: Int64, now: Date, db: Database) throws {
        guard !ids.isEmpty else { return }
        let stamp = now.databaseValue
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let slice = ids[chunk..<min(chunk + 500, ids.count)]
            try db.execute(
                cached: """
                    UPDATE \(table) SET last_seen_at = ?, last_sync_run_id = MAX(COALESCE(last_sync_run_id, 0), ?)
                    WHERE id IN (\(placeholders(slice.count)))
                    """,
                arguments: StatementArguments([stamp, run] as [any DatabaseValueConvertible]) + StatementArguments(Array(slice)))
        }
    }

    private static func delete(_ ids: [Int64], db: Database) throws {
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[chunk..<min(chunk + 500, ids.count)])
            try db.execute(
                sql: "DELETE FROM availability_windows WHERE id IN (\(placeholders(slice.count)))",
                arguments: StatementArguments(slice))
        }
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }

    // MARK: Rejects

    private static func applyRejects(
        _ rejects: [RejectedRecord], completeParts: Set<String>, run: Int64, source: String, resolveMissing: Bool, now: Date,
        db: Database, result: inout ApplyResult
    ) throws {
        for r in rejects {
            result.rejected += 1
            result.count(RecordEntity(recordKind: r.recordKind), \.rejected)
            let fingerprint = ContentHash.of([r.recordKind, r.externalID, r.reason, r.rawPayload])
            try db.execute(
                sql: """
                    INSERT INTO rejects (backend, source, record_kind, external_id, reason, location, part, raw_payload,
                        fingerprint, first_seen_at, last_seen_at, first_sync_run_id, last_sync_run_id, problem)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (source, fingerprint) DO UPDATE SET
                        times_seen = times_seen + (last_sync_run_id IS NOT excluded.last_sync_run_id),
                        last_seen_at = excluded.last_seen_at, last_sync_run_id = excluded.last_sync_run_id,
                        location = excluded.location, resolved_at = NULL, problem = excluded.problem
                    """,
                arguments: [
                    r.backend, source, r.recordKind, r.externalID, r.reason, r.location, r.part, r.rawPayload, fingerprint,
                    now, now, run, run, r.problem?.rawValue,
                ])
        }
        let unseen = "resolved_at IS NULL AND (last_sync_run_id IS NULL OR last_sync_run_id != ?)"
        if resolveMissing {
            try db.execute(
                sql: "UPDATE rejects SET resolved_at = ? WHERE source = ? AND \(unseen)", arguments: [now, source, run])
            result.rejectsResolved += db.changesCount
        } else {
            // One failing feed must not keep the others' fixed records open forever.
            for part in completeParts.sorted() {
                try db.execute(
                    sql: "UPDATE rejects SET resolved_at = ? WHERE source = ? AND part = ? AND \(unseen)",
                    arguments: [now, source, part, run])
                result.rejectsResolved += db.changesCount
            }
        }
    }
}
