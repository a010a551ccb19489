import Foundation

/// A .NET time span as ServiceTitan serializes durations: `hh:mm:ss`, `d.hh:mm:ss`, either with
/// an optional `.fffffff` fraction; ISO 8601 durations (`PT2H30M`, `P1D`) are accepted too.
enum TimeSpan {
    /// Seconds, or nil when `text` is not a non-negative time span.
    static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("P") { return iso8601(trimmed) }
        let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var days = 0.0
        var hoursText = parts[0]
        if let dot = hoursText.firstIndex(of: ".") {
            guard let d = Int(hoursText[..<dot]), d >= 0 else { return nil }
            days = Double(d)
            hoursText = hoursText[hoursText.index(after: dot)...]
        }
        guard let hours = Int(hoursText), hours >= 0, hours < 24 || days == 0,
            let minutes = Int(parts[1]), (0..<60).contains(minutes),
            let secondsValue = Double(parts[2]), secondsValue >= 0, secondsValue < 60,
            parts[2].first?.isNumber == true
        else { return nil }
        return days * 86_400 + Double(hours) * 3600 + Double(minutes) * 60 + secondsValue
    }

    private static func iso8601(_ text: String) -> Double? {
        var total = 0.0
        var number = ""
        var inTime = false
        var sawComponent = false
        for character in text.dropFirst() {
            switch character {
            case "T":
                guard number.isEmpty else { return nil }
                inTime = true
            case "0"..."9", ".", ",":
                number.append(character == "," ? "." : character)
            default:
                guard let value = Double(number), value >= 0 else { return nil }
                let unit: Double
                switch (character, inTime) {
                case ("W", false): unit = 604_800
                case ("D", false): unit = 86_400
                case ("H", true): unit = 3600
                case ("M", true): unit = 60
                case ("S", true): unit = 1
                default: return nil
                }
                total += value * unit
                number = ""
                sawComponent = true
            }
        }
        return sawComponent && number.isEmpty ? total : nil
    }
}
