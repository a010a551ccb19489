import FieldSyncCore
import Foundation

/// A point on the earth, in degrees.
public struct Coordinate: Sendable, Hashable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The coordinate of a location that has both parts.
    public init?(_ location: Location?) {
        guard let latitude = location?.latitude, let longitude = location?.longitude, latitude.isFinite, longitude.isFinite
        else { return nil }
        self.init(latitude: latitude, longitude: longitude)
    }

    /// Great-circle miles to `other` (haversine, mean earth radius 3,958.8 miles).
    public func miles(to other: Coordinate) -> Double {
        let rad = Double.pi / 180
        let dLat = (other.latitude - latitude) * rad
        let dLon = (other.longitude - longitude) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(latitude * rad) * cos(other.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 3958.8 * asin(min(1, sqrt(a)))
    }

    /// The key postal codes are looked up by: trimmed, upper-cased, US ZIP+4 cut to five digits.
    public static func postalKey(_ code: String?) -> String? {
        guard let code else { return nil }
        let trimmed = code.trimmingCharacters(in: .whitespaces).uppercased()
        guard !trimmed.isEmpty else { return nil }
        if trimmed.count > 5, trimmed.prefix(5).allSatisfy(\.isNumber) { return String(trimmed.prefix(5)) }
        return trimmed
    }
}
