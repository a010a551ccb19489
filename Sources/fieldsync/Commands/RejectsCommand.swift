import ArgumentParser
import FieldSyncCore
import FieldSyncStore
import Foundation

/// `fieldsync rejects`
struct RejectsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejects",
        abstract: "List records a source sent that could not be used, with the reason, so they can be fixed at the source.",
        discussion: """
            Each reject is kept once per distinct payload and counted every time a sync sees \
            it again; it is marked resolved when a complete sync no longer sees it. The raw \
            payload may hold customer details: it is shown only with --payload.
            """
    )

    @OptionGroup var cache: CacheOptions

    @Option(name: .long, help: ArgumentHelp("Only this source.", valueName: "NAME"))
    var source: String?

    @Flag(name: .long, help: "Include resolved rejects.")
    var all = false

    @Flag(name: .long, help: "Show each record's raw payload.")
    var payload = false

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    struct RejectJSON: Encodable {
        var reject: CachedReject
        var includePayload: Bool
        enum CodingKeys: String, CodingKey {
            case id, backend, source, kind, external_id, reason, location, times_seen, first_seen_at, last_seen_at,
                resolved_at, raw_payload
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            let r = reject.record
            try c.encode(reject.id, forKey: .id)
            try c.encode(r.backend, forKey: .backend)
            try c.encode(r.source, forKey: .source)
            try c.encode(r.recordKind, forKey: .kind)
            try c.encode(r.externalID, forKey: .external_id)
            try c.encode(r.reason, forKey: .reason)
            try c.encode(r.location, forKey: .location)
            try c.encode(reject.timesSeen, forKey: .times_seen)
            try c.encode(RFC3339.string(reject.firstSeenAt), forKey: .first_seen_at)
            try c.encode(RFC3339.string(reject.lastSeenAt), forKey: .last_seen_at)
            try c.encode(reject.resolvedAt.map(RFC3339.string), forKey: .resolved_at)
            if includePayload { try c.encode(r.rawPayload, forKey: .raw_payload) }
        }
    }

    func run() async throws {
        let logger = CLILogging.bootstrap(verbose: false)
        let store = try cache.openExistingStore(logger: logger)
        let rejects: [CachedReject]
        do {
            rejects = try store.rejects(source: source, includeResolved: all)
        } catch {
            throw CacheOptions.exit(for: error)
        }
        if json {
            try StandardOutput.writeJSON(rejects.map { RejectJSON(reject: $0, includePayload: payload) })
            return
        }
        if rejects.isEmpty {
            StandardOutput.write(all ? "no rejects\n" : "no open rejects\n")
            return
        }
        var out = ""
        for r in rejects {
            let rec = r.record
            let id = rec.externalID.map { " \"\($0)\"" } ?? ""
            out += "#\(r.id) \(rec.source) \(rec.recordKind)\(id) at \(rec.location ?? "?")"
            out += r.resolvedAt == nil ? "" : " (resolved \(RFC3339.string(r.resolvedAt!)))"
            out += "\n    \(rec.reason)\n    seen \(r.timesSeen) time(s), last \(RFC3339.string(r.lastSeenAt))\n"
            if payload {
                out += rec.rawPayload.split(separator: "\n", omittingEmptySubsequences: false).map { "    | \($0)" }.joined(separator: "\n")
                out += "\n"
            }
        }
        StandardOutput.write(out)
    }
}
