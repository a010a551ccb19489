import Foundation

/// The time axis of the report's timeline: whole local days side by side, each showing the same
/// wall-clock hours (the working day the data needs, 07:00–19:00 at least), mapped to percentages
/// of the track so the page is laid out without a script.
///
/// Each day's window is found with the calendar of the timeline's zone, so a day that gains or
/// loses an hour to daylight saving still starts at its own local midnight and 09:00 sits at the
/// same place in every day's column. A day with no appointment or busy block on any row (often a
/// weekend) is drawn narrower, leaving the room to the days with work.
struct TimelineAxis {
    struct Day {
        /// Local midnight.
        let midnight: Date
        /// The first and last instants shown of this day (the hour window, as the wall clock reads it).
        let windowStart: Date
        let windowEnd: Date
        /// `Mon Nov 23`.
        let label: String
        let isWeekend: Bool
        /// Nothing is booked this day: its column is narrower.
        let isQuiet: Bool
        /// Where its column starts and how wide it is, in percent of the track.
        let left: Double
        let width: Double
    }

    struct Tick {
        let position: Double
        let hour: Int
        /// Labelled (and drawn stronger).
        let major: Bool
    }

    /// The most days one timeline shows; a longer span is cut at this many.
    static let maximumDays = 31
    /// How wide a day with nothing booked is, against a day with work.
    static let quietDayWeight = 0.4

    let days: [Day]
    /// The wall-clock hours shown every day, `firstHour..<lastHour` (lastHour up to 24).
    let firstHour: Int
    let lastHour: Int
    private let calendar: Calendar

    init(timeline: Timeline, zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
        let hours = Self.hours(of: timeline, calendar: calendar)
        firstHour = hours.lowerBound
        lastHour = hours.upperBound
        var windows: [(midnight: Date, start: Date, end: Date, parts: DateComponents)] = []
        var midnight = calendar.startOfDay(for: timeline.start)
        while midnight < timeline.end || windows.isEmpty, windows.count < Self.maximumDays {
            guard let next = calendar.date(byAdding: .day, value: 1, to: midnight).map({ calendar.startOfDay(for: $0) }),
                next > midnight
            else { break }
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: midnight)
            let windowStart = Self.wallClock(parts, hour: hours.lowerBound, calendar: calendar) ?? midnight
            let windowEnd = hours.upperBound >= 24 ? next : (Self.wallClock(parts, hour: hours.upperBound, calendar: calendar) ?? next)
            windows.append((midnight, windowStart, max(windowEnd, windowStart), parts))
            midnight = next
        }
        let booked = timeline.rows.flatMap { $0.items.filter { TimelineLanes.isStacked($0.kind) } }
        let quiet = windows.map { w in !booked.contains { $0.start < w.end && max($0.end, $0.start.addingTimeInterval(1)) > w.start } }
        let weights = quiet.map { $0 && quiet.contains(false) ? Self.quietDayWeight : 1 }
        let total = weights.reduce(0, +)
        var days: [Day] = []
        var left = 0.0
        for (i, w) in windows.enumerated() {
            let width = weights[i] / total * 100
            days.append(
                Day(
                    midnight: w.midnight, windowStart: w.start, windowEnd: w.end, label: TimeText.day(w.parts),
                    isWeekend: w.parts.weekday == 1 || w.parts.weekday == 7, isQuiet: weights[i] < 1, left: left, width: width))
            left += width
        }
        self.days = days
    }

    /// Where an instant sits across the track, 0–100. Night hours outside the window fold onto the
    /// edge of the nearest day.
    func position(_ instant: Date) -> Double {
        for day in days {
            if instant <= day.windowStart { return day.left }
            if instant < day.windowEnd {
                let length = day.windowEnd.timeIntervalSince(day.windowStart)
                let fraction = length > 0 ? instant.timeIntervalSince(day.windowStart) / length : 0
                return day.left + fraction * day.width
            }
        }
        return days.isEmpty ? 0 : 100
    }

    /// The visible pieces of `start..<end`, one per day it shows in, as (left, width) percentages.
    /// An instant (end not after start) is one piece of width 0 at its start, when its day shows it.
    func segments(from start: Date, to end: Date) -> [(left: Double, width: Double)] {
        if end <= start {
            guard days.contains(where: { $0.windowStart <= start && start <= $0.windowEnd }) else { return [] }
            return [(position(start), 0)]
        }
        var pieces: [(left: Double, width: Double)] = []
        for day in days where start < day.windowEnd && end > day.windowStart {
            let left = position(max(start, day.windowStart))
            let right = position(min(end, day.windowEnd))
            if right > left { pieces.append((left, right - left)) }
        }
        return pieces
    }

    /// Hour lines for every day, the first at the day's edge. On a track `trackWidth` px wide, the
    /// labelled ones are every 1, 2, 3, 4, 6 or 12 hours from the window's first hour, the fewest
    /// that keep labels `gap` px apart; none in the last stretch of a day, next to the following
    /// day's first label.
    func ticks(trackWidth: Double, gap: Double) -> [Tick] {
        var ticks: [Tick] = []
        let hours = Double(max(1, lastHour - firstHour))
        for day in days {
            let pxPerHour = day.width / 100 * trackWidth / hours
            let every = [1, 2, 3, 4, 6, 12].first { Double($0) * pxPerHour >= gap } ?? 24
            let parts = calendar.dateComponents([.year, .month, .day], from: day.midnight)
            for hour in firstHour..<lastHour {
                guard let instant = hour == firstHour ? day.windowStart : Self.wallClock(parts, hour: hour, calendar: calendar),
                    instant >= day.windowStart, instant < day.windowEnd
                else { continue }
                let labelled = (hour - firstHour) % every == 0 && Double(lastHour - hour) * pxPerHour >= gap
                ticks.append(Tick(position: position(instant), hour: hour, major: labelled))
            }
        }
        return ticks
    }

    /// The hours every day shows: 07–19, widened to the whole hours the appointments and shifts
    /// need, and to 0–24 when an appointment runs past midnight. Busy blocks, time off and on-call
    /// windows (often all day or overnight), overnight shifts and appointments longer than a
    /// working day (already an impossible time) do not widen it: they are cut at the window's edges.
    private static func hours(of timeline: Timeline, calendar: Calendar) -> Range<Int> {
        var first = 7
        var last = 19
        for row in timeline.rows {
            for item in row.items where item.kind == .appointment || item.kind == .shift {
                guard item.end >= item.start, item.end.timeIntervalSince(item.start) <= Self.longestWorkingDay,
                    item.end > timeline.start, item.start < timeline.end
                else { continue }
                let a = calendar.dateComponents([.year, .month, .day, .hour], from: item.start)
                // The last instant the item covers, so one ending at midnight stays on its day.
                let b = calendar.dateComponents([.year, .month, .day, .hour], from: max(item.start, item.end.addingTimeInterval(-1)))
                if a.year != b.year || a.month != b.month || a.day != b.day {
                    if item.kind == .appointment { return 0..<24 }
                    continue
                }
                first = min(first, a.hour ?? first)
                last = max(last, (b.hour ?? last - 1) + 1)
            }
        }
        return max(0, first)..<min(24, last)
    }

    /// Longer appointments and shifts do not widen the hours shown.
    private static let longestWorkingDay: TimeInterval = 16 * 3600

    private static func wallClock(_ day: DateComponents, hour: Int, calendar: Calendar) -> Date? {
        var wall = DateComponents()
        wall.year = day.year
        wall.month = day.month
        wall.day = day.day
        wall.hour = hour
        return calendar.date(from: wall)
    }
}
