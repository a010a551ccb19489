import FieldSyncCore
import FieldSyncEngine
import FieldSyncICalendar
import FieldSyncStore
import Foundation
import Logging
import Synchronization

/// A scratch folder with a config, feeds and a cache, removed at the end of the test.
final class Workspace: Sendable {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldsync-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func store(logger: Logger = Logger(label: "test")) throws -> CacheStore {
        try CacheStore.open(path: path("cache.sqlite"), logger: logger)
    }
}

/// Logs kept in memory, to check what a run would have written to standard error.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }
    var text: String { all.joined(separator: "\n") }

    func logger() -> Logger {
        var logger = Logger(label: "test") { _ in CapturingHandler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }
}

private struct CapturingHandler: LogHandler {
    let sink: CapturedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = self.metadata.merging(event.metadata ?? [:]) { $1 }
        sink.append("\(event.level) \(event.message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
    }
}

/// iCalendar text builders for tests.
enum Feed {
    /// A VCALENDAR with the given VEVENT bodies, CRLF line endings.
    static func calendar(_ events: [String], extra: String = "") -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fieldsync tests//EN"]
        if !extra.isEmpty { lines.append(extra) }
        for e in events { lines += ["BEGIN:VEVENT"] + e.split(separator: "\n").map(String.init) + ["END:VEVENT"] }
        lines.append("END:VCALENDAR")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func event(uid: String, start: String, end: String, summary: String = "Job", extra: String = "") -> String {
        var s = "UID:\(uid)\nDTSTAMP:20261101T000000Z\nDTSTART;TZID=America/Chicago:\(start)\nDTEND;TZID=America/Chicago:\(end)\nSUMMARY:\(summary)"
        if !extra.isEmpty { s += "\n" + extra }
        return s
    }

    /// Twelve weekday mornings from 2026-11-23 (a Monday) on, one event each.
    static let twelveJobs: [String] = (0..<12).map { i in
        let day = LocalDate(year: 2026, month: 11, day: 23)!.adding(days: i)
        let d = day.basicFormat
        return event(uid: "job-\(i)", start: "\(d)T090000", end: "\(d)T110000", summary: "Job \(i)")
    }
}

extension TimeRange {
    /// 2026-11-22T00:00Z to 2026-12-22T00:00Z.
    static let testHorizon = TimeRange(
        start: RFC3339.parseDate("2026-11-22T00:00:00Z")!, end: RFC3339.parseDate("2026-12-22T00:00:00Z")!)
}

/// A transport that must never be used (file-only tests).
struct NoNetwork: HTTPTransport {
    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        throw HTTPTransportError(url: request.url, message: "no network in this test")
    }
}
