/// Whether a booking is written to the backend or only recorded (shadow mode, per backend).
public enum BookingMode: String, Sendable, Hashable, Codable {
    case live
    case shadow
}
