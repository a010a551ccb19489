/// Why a technician cannot take a slot: a code a program acts on and a message a person reads.
///
/// Codes: `unknown_technician`, `in_the_past`, `missing_skill`, `never_send`, `too_far`,
/// `not_synced`, `outside_shift`, `outside_business_hours`, `time_off`, `busy`,
/// `overlaps_appointment`, `overlaps_hold`, `travel`, `over_daily_capacity`.
public struct SlotConflict: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
