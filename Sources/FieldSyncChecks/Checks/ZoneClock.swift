import Foundation

/// A zone's UTC offsets and short names, looked up once: `CST` and `CDT`, and when the offset
/// changes within a span of time.
///
/// Asking a `TimeZone` for its offset goes through ICU each time; the checks describe tens of
/// thousands of times in a few zones. Within the span given at creation the offsets come from a
/// table of the zone's transitions; outside it, from the zone itself.
struct ZoneClock: Sendable {
    let zone: TimeZone
    private let standard: String?
    private let daylight: String?
    /// The covered span, as seconds since the reference date.
    private let covered: Range<Double>
    /// The start of each period of one offset within the span (the first is the span's start),
    /// with its offset and whether it is daylight time.
    private let starts: [Double]
    private let offsets: [Int]
    private let isDaylight: [Bool]

    /// - Parameter span: where offsets are looked up once; `nil` asks the zone every time.
    init(_ zone: TimeZone, covering span: Range<Date>? = nil) {
        self.zone = zone
        if zone.identifier == "UTC" || zone.identifier == "GMT" {
            (standard, daylight) = ("UTC", "UTC")
        } else {
            let english = Locale(identifier: "en_US")
            standard = zone.localizedName(for: .shortStandard, locale: english)
            daylight = zone.localizedName(for: .shortDaylightSaving, locale: english)
        }
        var starts: [Double] = []
        var offsets: [Int] = []
        var isDaylight: [Bool] = []
        if let span, span.lowerBound.timeIntervalSinceReferenceDate.isFinite, span.upperBound.timeIntervalSinceReferenceDate.isFinite {
            var at = span.lowerBound
            var end = span.upperBound
            while at < span.upperBound {
                starts.append(at.timeIntervalSinceReferenceDate)
                offsets.append(zone.secondsFromGMT(for: at))
                isDaylight.append(zone.isDaylightSavingTime(for: at))
                // None: the last period runs to the end of the span.
                guard let next = zone.nextDaylightSavingTimeTransition(after: at) else { break }
                // An answer that does not move on cannot be trusted: ask the zone from there.
                guard next > at else {
                    end = max(span.lowerBound, at)
                    break
                }
                at = next
            }
            covered = span.lowerBound.timeIntervalSinceReferenceDate..<end.timeIntervalSinceReferenceDate
        } else {
            covered = 0..<0
        }
        self.starts = starts
        self.offsets = offsets
        self.isDaylight = isDaylight
    }

    /// The period containing `date`, when the table covers it.
    private func period(_ date: Date) -> Int? {
        let t = date.timeIntervalSinceReferenceDate
        guard covered.contains(t) else { return nil }
        // The last start at or before t.
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if starts[mid] <= t { low = mid } else { high = mid }
        }
        return low
    }

    /// The zone's offset from UTC at `date`, in seconds.
    func secondsFromGMT(at date: Date) -> Int {
        period(date).map { offsets[$0] } ?? zone.secondsFromGMT(for: date)
    }

    /// `CST` or `CDT` as `date` falls.
    func abbreviation(at date: Date) -> String {
        let daylightTime = period(date).map { isDaylight[$0] } ?? zone.isDaylightSavingTime(for: date)
        return (daylightTime ? daylight : standard) ?? zone.abbreviation(for: date) ?? zone.identifier
    }
}
