import FieldSyncChecks
import FieldSyncCore
import Foundation
import GRDB

/// What recording one check run changed.
public struct FindingsUpdate: Sendable {
    /// The check run's id.
    public var runID: Int64
    /// Every open finding after the run, with its history, in the checker's order.
    public var open: [TrackedFinding]
    /// Findings this run found for the first time (or again after they were resolved).
    public var opened: [TrackedFinding]
    /// Findings this run no longer found.
    public var resolved: [TrackedFinding]
}

/// One check run, for the history (`fieldsync check --history`).
public struct CheckRunRecord: Sendable, Hashable {
    public var id: Int64
    public var checkedAt: Date
    public var open: Int
    public var opened: Int
    public var resolved: Int
    public var bySeverity: [Severity: Int]
    public var byKind: [String: Int]
}

extension CacheStore {
    /// Records the findings of one check run: new ones are opened with `first_seen` = `now`,
    /// ones seen before get `last_seen` = `now` (and reopen if they had been resolved), and open
    /// ones no longer found are resolved at `now`. One write transaction: a crash leaves the
    /// previous run's state.
    ///
    /// Findings resolved more than `keepResolvedDays` ago are dropped, and so are check runs older
    /// than a year, so the history does not grow without end.
    public func recordCheckRun(
        _ findings: [Finding], at now: Date = Date(), duration: Duration = .zero, keepResolvedDays: Int = 90,
        fieldsyncVersion: String
    ) throws(CacheError) -> FindingsUpdate {
        try writeImmediate("cannot record the findings") { db in
            let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
            let byKind = Dictionary(grouping: findings, by: \.kind.rawValue).mapValues(\.count)
            let kindJSON = String(data: (try? JSONEncoder.sorted.encode(byKind)) ?? Data("{}".utf8), encoding: .utf8) ?? "{}"
            try db.execute(
                sql: """
                    INSERT INTO check_runs (checked_at, open, opened, resolved, critical, warning, info, by_kind, duration_ms,
                        host, pid, fieldsync_version)
                    VALUES (?, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    now, findings.count, counts[.critical] ?? 0, counts[.warning] ?? 0, counts[.info] ?? 0, kindJSON,
                    Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000),
                    ProcessInfo.processInfo.hostName, ProcessInfo.processInfo.processIdentifier, fieldsyncVersion,
                ])
            let run = db.lastInsertedRowID

            var known: [String: (firstSeen: Date, resolvedAt: Date?)] = [:]
            let existing = try Row.fetchCursor(db, sql: "SELECT id, first_seen_at, resolved_at FROM findings")
            while let row = try existing.next() { known[row[0]] = (row[1], row[2]) }

            var open: [TrackedFinding] = []
            var opened: [TrackedFinding] = []
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO findings (id, kind, severity, message, advice, detail, technician_id, starts_at, ends_at, records,
                        first_seen_at, last_seen_at, resolved_at, first_check_run_id, last_check_run_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET
                        severity = excluded.severity, message = excluded.message, advice = excluded.advice,
                        starts_at = excluded.starts_at, ends_at = excluded.ends_at, records = excluded.records,
                        first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at,
                        times_reopened = times_reopened + (resolved_at IS NOT NULL), resolved_at = NULL,
                        last_check_run_id = excluded.last_check_run_id
                    """)
            let nowText = DateText.of(now)
            for finding in findings {
                let previous = known[finding.id]
                // A finding that comes back after it was resolved is new again: it counts from now.
                let isNew = previous == nil || previous?.resolvedAt != nil
                let firstSeen = isNew ? now : previous!.firstSeen
                try upsert.execute(arguments: [
                    finding.id, finding.kind.rawValue, finding.severity.rawValue, finding.message, finding.advice, finding.detail,
                    finding.technicianID, finding.range.map { DateText.of($0.start) }, finding.range.map { DateText.of($0.end) },
                    RecordsJSON.encode(finding.records), isNew ? nowText : DateText.of(firstSeen), nowText,
                    run, run,
                ])
                let tracked = TrackedFinding(finding: finding, firstSeen: firstSeen, lastSeen: now)
                open.append(tracked)
                if isNew { opened.append(tracked) }
            }

            // Every finding of this run now has last_check_run_id = run: the rest of the open ones are stale.
            let stale = try Self.findings(db, where: "resolved_at IS NULL AND last_check_run_id IS NOT ?", arguments: [run])
            let resolve = try db.cachedStatement(sql: "UPDATE findings SET resolved_at = ? WHERE id = ?")
            var resolved: [TrackedFinding] = []
            for var r in stale {
                try resolve.execute(arguments: [now, r.finding.id])
                r.resolvedAt = now
                resolved.append(r)
            }
            try db.execute(
                sql: "UPDATE check_runs SET opened = ?, resolved = ? WHERE id = ?", arguments: [opened.count, resolved.count, run])
            try db.execute(
                sql: "DELETE FROM findings WHERE resolved_at < ?",
                arguments: [now.addingTimeInterval(-Double(keepResolvedDays) * 86_400)])
            try db.execute(
                sql: """
                    UPDATE findings SET first_check_run_id = NULL WHERE first_check_run_id IN (SELECT id FROM check_runs WHERE checked_at < ?);
                    UPDATE findings SET last_check_run_id = NULL WHERE last_check_run_id IN (SELECT id FROM check_runs WHERE checked_at < ?);
                    DELETE FROM check_runs WHERE checked_at < ?
                    """,
                arguments: StatementArguments(Array(repeating: now.addingTimeInterval(-366 * 86_400), count: 3)))
            return FindingsUpdate(runID: run, open: open, opened: opened, resolved: resolved)
        }
    }

    /// Findings resolved at or after `since`, latest first.
    public func resolvedFindings(since: Date) throws(CacheError) -> [TrackedFinding] {
        try read("cannot read resolved findings") { db in
            try Self.findings(db, where: "resolved_at >= ? ORDER BY resolved_at DESC, id", arguments: [since])
        }
    }

    /// Open findings as the last check run left them.
    public func openFindings() throws(CacheError) -> [TrackedFinding] {
        try read("cannot read findings") { db in
            try Self.findings(db, where: "resolved_at IS NULL").sorted { Checker.order($0.finding, $1.finding) }
        }
    }

    /// The latest check runs, newest first.
    public func checkRuns(limit: Int = 30) throws(CacheError) -> [CheckRunRecord] {
        try read("cannot read check runs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM check_runs ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                let kinds = (row["by_kind"] as String?).flatMap { try? JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) }
                return CheckRunRecord(
                    id: row["id"], checkedAt: row["checked_at"], open: row["open"], opened: row["opened"], resolved: row["resolved"],
                    bySeverity: [.critical: row["critical"], .warning: row["warning"], .info: row["info"]], byKind: kinds ?? [:])
            }
        }
    }

    private static func findings(_ db: Database, where condition: String, arguments: StatementArguments = []) throws
        -> [TrackedFinding]
    {
        try Row.fetchAll(db, sql: "SELECT * FROM findings WHERE \(condition)", arguments: arguments).compactMap { row in
            guard let kind = FindingKind(rawValue: row["kind"]), let severity = Severity(rawValue: row["severity"]) else {
                return nil
            }
            let start: Date? = row["starts_at"]
            let end: Date? = row["ends_at"]
            var finding = Finding(
                kind: kind, severity: severity, message: row["message"], advice: row["advice"],
                records: decode(row["records"]), detail: row["detail"], technicianID: row["technician_id"],
                range: start.map { TimeRange(start: $0, end: end ?? $0) })
            // The id is kept as recorded (it may have been made with identity records).
            finding.id = row["id"]
            return TrackedFinding(
                finding: finding, firstSeen: row["first_seen_at"], lastSeen: row["last_seen_at"], resolvedAt: row["resolved_at"])
        }
    }

    private static func decode(_ text: String?) -> [RecordRef] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([RecordRef].self, from: Data(text.utf8))) ?? []
    }
}

extension JSONEncoder {
    /// Keys sorted, so stored JSON is stable.
    fileprivate static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

extension CacheStore {
    /// The data's age: the oldest of each source's latest successful sync, or nil when a source
    /// never synced successfully.
    public func lastSuccessfulSync() throws(CacheError) -> Date? {
        try read("cannot read sync runs") { db in
            try Date.fetchOne(
                db,
                sql: """
                    SELECT MIN(finished) FROM (
                        SELECT MAX(finished_at) AS finished FROM sync_runs WHERE state = 'succeeded' GROUP BY source)
                    """)
        }
    }
}

/// A date as GRDB stores it (`yyyy-MM-dd HH:mm:ss.SSS`, UTC), without a `DateFormatter`: for
/// writers of many rows (the findings' history, the benchmarks' generated caches).
public enum DateText {
    public static func of(_ date: Date) -> String {
        of(millis: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Milliseconds since 1970 as stored text.
    public static func of(millis: Int64) -> String {
        let (days, inDay) = millis.quotientAndRemainder(dividingBy: 86_400_000)
        let (z, ms) = inDay < 0 ? (days - 1 + 719_468, inDay + 86_400_000) : (days + 719_468, inDay)
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(23)
        func put(_ value: Int64, _ digits: Int) {
            var divisor: Int64 = 1
            for _ in 1..<digits { divisor *= 10 }
            var v = value
            while divisor > 0 {
                bytes.append(UInt8(48 + (v / divisor) % 10))
                v %= divisor
                divisor /= 10
            }
        }
        put(year, 4); bytes.append(45); put(month, 2); bytes.append(45); put(day, 2); bytes.append(32)
        put(ms / 3_600_000, 2); bytes.append(58); put(ms / 60_000 % 60, 2); bytes.append(58); put(ms / 1000 % 60, 2)
        bytes.append(46); put(ms % 1000, 3)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// `[RecordRef]` as `JSONEncoder` with sorted keys writes it, without a `JSONEncoder`.
private enum RecordsJSON {
    static func encode(_ records: [RecordRef]) -> String {
        var out = "["
        for (i, r) in records.enumerated() {
            if i > 0 { out += "," }
            out += "{\"id\":"; string(r.id, into: &out)
            out += ",\"source\":"; string(r.backend, into: &out)
            out += ",\"source_name\":"; string(r.sourceName, into: &out)
            out += ",\"type\":"; string(r.type, into: &out)
            out += "}"
        }
        return out + "]"
    }

    private static func string(_ text: String, into out: inout String) {
        JSONText.appendString(text, to: &out)
    }
}
