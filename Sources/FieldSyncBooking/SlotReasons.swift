import Foundation

/// The words slot search gives for a rank, short enough for a voice agent to read out:
/// `"certified for gas furnaces"`, `"4 miles away"`, `"2 jobs that day"`.
public enum SlotReasons {
    /// How each skill code is said; other codes read "has the X skill".
    public static let skillPhrases: [String: String] = [
        "hvac": "an HVAC technician",
        "gas-furnace": "certified for gas furnaces",
        "plumbing": "a plumber",
        "water-heater": "works on water heaters",
        "electrical": "an electrician",
        "ev-charger": "installs EV chargers",
        "boiler": "works on boilers",
        "refrigeration": "certified for refrigeration",
        "backflow": "certified for backflow testing",
    ]

    /// `gas-furnace` → "certified for gas furnaces"; `duct_cleaning` → "has the duct cleaning skill".
    public static func skill(_ code: String) -> String {
        if let phrase = skillPhrases[code] { return phrase }
        let words = code.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            .replacingOccurrences(of: ".", with: " ")
        return "has the \(words) skill"
    }

    /// "less than a mile away", "1 mile away", "4 miles away".
    public static func distance(_ miles: Double) -> String {
        if miles < 1 { return "less than a mile away" }
        let whole = Int(miles.rounded())
        return whole == 1 ? "1 mile away" : "\(whole) miles away"
    }

    /// "no other jobs that day", "1 job that day", "2 jobs that day".
    public static func workload(_ jobs: Int) -> String {
        switch jobs {
        case 0: "no other jobs that day"
        case 1: "1 job that day"
        default: "\(jobs) jobs that day"
        }
    }

    public static let earliest = "earliest opening"
    public static let preferred = "the customer's preferred technician"

    /// "on call tonight" for a start between 17:00 and 06:00 local time, else "on call".
    public static func onCall(minuteOfDay: Int) -> String {
        minuteOfDay >= 17 * 60 || minuteOfDay < 6 * 60 ? "on call tonight" : "on call"
    }
}
