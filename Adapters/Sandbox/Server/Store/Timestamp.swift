import FieldSyncCore

/// Instants in milliseconds since the epoch, read from and written as RFC 3339 text the way each
/// vendor writes them.
enum Timestamp {
    /// Reads `2026-11-23T15:00:00Z`, `…:00.5370000Z`, `…:00+00:00` or a bare date, to the
    /// millisecond. Nil for anything else.
    static func millis(_ text: some StringProtocol) -> Int64? {
        guard let seconds = RFC3339.parseInstant(text) else { return nil }
        let bytes = Array(text.utf8)
        var fraction: Int64 = 0
        if bytes.count > 20, bytes[19] == UInt8(ascii: ".") {
            var scale: Int64 = 100
            var i = 20
            while i < bytes.count, (48...57).contains(bytes[i]) {
                fraction += Int64(bytes[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        return seconds * 1000 + fraction
    }

    /// ServiceTitan's own style for record stamps: `2026-11-20T17:03:12.5370000Z`.
    static func serviceTitan(_ millis: Int64) -> String {
        let seconds = floorDiv(millis, 1000)
        let ms = millis - seconds * 1000
        let base = RFC3339.string(utc: seconds)  // …SSZ
        let digits = String(ms)
        let padded = String(repeating: "0", count: 3 - digits.count) + digits
        return String(base.dropLast()) + "." + padded + "0000Z"
    }

    /// Whole seconds: `2026-11-20T17:03:12Z`.
    static func seconds(_ millis: Int64) -> String {
        RFC3339.string(utc: floorDiv(millis, 1000))
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
