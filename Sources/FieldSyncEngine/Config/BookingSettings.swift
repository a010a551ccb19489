import Foundation

/// The booking engine's settings (`booking:`) and the API's (`api:`).
///
/// ```yaml
/// booking:
///   hold_minutes: 5            # how long POST /v1/holds keeps a slot
///   buffer_minutes: 15         # between two jobs, on top of travel
///   average_speed_mph: 25      # travel time between jobs
///   step_minutes: 30           # slot starts on this grid
///   wait_seconds: 20           # how long POST /v1/bookings waits for the backend before answering 202
///   shadow: false              # true: every backend in shadow mode (each source can also say so)
/// api:
///   token: ${FIELDSYNC_API_TOKEN}   # or token_file: /etc/fieldsync/api-token
/// ```
public struct BookingSettings: Sendable, Hashable {
    public var holdMinutes = 5
    public var bufferMinutes: Int?
    public var averageSpeedMph: Double?
    public var stepMinutes: Int?
    public var waitSeconds = 20
    public var shadowAll = false
    /// The bearer token the API requires; the environment variable `FIELDSYNC_API_TOKEN` wins.
    public var apiToken: String?

    public init() {}
}

/// Reads `booking:` and `api:`.
enum BookingSettingsLoader {
    static func load(_ root: ConfigNode) throws(ConfigError) -> BookingSettings {
        var settings = BookingSettings()
        if let node = root.child("booking") {
            try node.requireKeys(["hold_minutes", "buffer_minutes", "average_speed_mph", "step_minutes", "wait_seconds", "shadow"])
            settings.holdMinutes = try node.int("hold_minutes", in: 1...240) ?? settings.holdMinutes
            settings.bufferMinutes = try node.int("buffer_minutes", in: 0...240)
            settings.stepMinutes = try node.int("step_minutes", in: 5...240)
            settings.waitSeconds = try node.int("wait_seconds", in: 0...300) ?? settings.waitSeconds
            if let speed = try node.int("average_speed_mph", in: 1...120) { settings.averageSpeedMph = Double(speed) }
            if let shadow = try node.string("shadow") {
                guard let value = Bool(shadow.lowercased()) else { throw node.error("must be true or false", key: "shadow") }
                settings.shadowAll = value
            }
        }
        if let node = root.child("api") {
            try node.requireKeys(["token", "token_file"])
            if let token = try node.string("token"), !token.isEmpty {
                settings.apiToken = token
            } else if let file = try node.string("token_file") {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw node.error("cannot read the token file", key: "token_file")
                }
                settings.apiToken = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return settings
    }
}
