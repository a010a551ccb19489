import ArgumentParser
import FieldSyncCore
import FieldSyncEngine
import FieldSyncStore
import Foundation
import Logging

/// What `slots` and `book` share: the configuration, the sandbox, the cache and the service.
struct BookingContext {
    let config: FieldSyncConfig
    let store: CacheStore
    let service: BookingService
    let sandbox: InProcessSandbox?

    static func open(_ cache: CacheOptions, shadow: Bool, logger: Logger) async throws -> BookingContext {
        let sandbox = try await cache.startSandboxIfConfigured()
        do {
            var config = try cache.loadConfig(sandboxURL: sandbox?.url)
            if shadow { config.booking.shadowAll = true }
            let path = try cache.databasePath(config: config)
            guard FileManager.default.fileExists(atPath: path) else {
                throw fail("\(path): no cache yet; run fieldsync sync first", .noInput)
            }
            let store = try cache.openStore(path: path, logger: logger)
            let service: BookingService
            do {
                service = try BookingService(config: config, store: store, transport: URLSessionTransport(), logger: logger)
            } catch {
                throw fail(error.description, .config)
            }
            return BookingContext(config: config, store: store, service: service, sandbox: sandbox)
        } catch {
            await sandbox?.stop()
            throw error
        }
    }

    func close() async {
        await sandbox?.stop()
    }
}

/// Parses `--from`/`--to`/`--start`/`--end`: RFC 3339 with an offset.
func parseInstant(_ text: String, option: String) throws -> Date {
    guard let date = RFC3339.parseDate(text) else {
        throw ValidationError("\(option) \"\(text)\" is not an RFC 3339 time with an offset, e.g. 2026-11-24T09:00:00-06:00")
    }
    return date
}

/// Prints a booking failure (as JSON with --json) and returns the exit code: 1 for a slot that
/// is gone or a refusal, 64 for a bad request, 75 when the cache is busy.
func report(_ failure: BookingFailure, json: Bool) -> ExitCode {
    if json {
        StandardOutput.write(failure.body + "\n")
    } else {
        StandardError.write("fieldsync: \(failure.code): \(failure.message)\n")
        if let alternatives = failure.alternatives, !alternatives.isEmpty {
            StandardError.write("other slots:\n")
            for slot in alternatives { StandardError.write("  \(SlotText.line(slot))\n") }
        }
    }
    switch failure.status {
    case 400: return Exit.usage.code
    case 503: return Exit.busy.code
    default: return Exit.failure.code
    }
}

/// One slot in a line: who, when, why.
enum SlotText {
    static func line(_ slot: SlotSearchAnswer.Slot) -> String {
        "\(slot.technicianName) (\(slot.technicianID))  \(RFC3339.string(slot.start)) – \(RFC3339.string(slot.end))  \(slot.reasons.joined(separator: "; "))"
    }
}
