import FieldSyncCore
import Foundation

/// What is remembered about a fetched feed between runs: validators for conditional requests
/// and a copy of the body, so a `304 Not Modified` can still be expanded over a new horizon.
struct FeedCursor: Codable, Hashable, Sendable {
    var etag: String?
    var lastModified: String?
    /// Which URL these validators belong to (a hash, never the URL itself).
    var locationHash: String
    var bodyHash: String

    static func key(feed: String) -> String { "feed:\(feed)" }

    func sourceCursor(feed: String, body: [UInt8]) -> SourceCursor {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let value = (try? String(data: encoder.encode(self), encoding: .utf8)) ?? "{}"
        return SourceCursor(key: Self.key(feed: feed), value: value, payload: body)
    }

    /// The saved cursor for `feed`, when it belongs to the same location and still has its body.
    static func restore(_ cursor: SourceCursor?, locationHash: String) -> (FeedCursor, [UInt8])? {
        guard let cursor, let body = cursor.payload, let data = cursor.value.data(using: .utf8),
              let decoded = try? JSONDecoder().decode(FeedCursor.self, from: data),
              decoded.locationHash == locationHash
        else { return nil }
        return (decoded, body)
    }
}
