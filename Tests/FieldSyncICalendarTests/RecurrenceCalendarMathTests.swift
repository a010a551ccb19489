import FieldSyncCore
import Foundation
import PropertyBased
import Testing

/// The day arithmetic recurrence runs on (`LocalDate`, `LocalDateTime`), checked against
/// Foundation's Gregorian calendar over ±250 years.
@Suite("Calendar arithmetic under recurrence")
struct RecurrenceCalendarMathTests {
    static var gregorian: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    @Test("day counts, weekdays and days of the year agree with Foundation")
    func dayCounts() async {
        await propertyCheck(count: 500, input: Gen.int(in: -100_000...100_000)) { days in
            let date = LocalDate(daysSinceEpoch: days)
            let parts = Self.gregorian.dateComponents(
                [.year, .month, .day, .weekday, .dayOfYear], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            #expect(date.year == parts.year && date.month == parts.month && date.day == parts.day, "\(date)")
            #expect(date.daysSinceEpoch == days)
            // Foundation numbers Sunday 1 … Saturday 7.
            #expect(date.weekday.rawValue % 7 + 1 == parts.weekday, "\(date)")
            #expect(date.dayOfYear == parts.dayOfYear, "\(date)")
        }
    }

    @Test("adding months skips days that do not exist instead of clamping them")
    func addingMonths() async {
        await propertyCheck(count: 300, input: Gen.int(in: -50_000...50_000), Gen.int(in: -40...40)) { days, months in
            let date = LocalDate(daysSinceEpoch: days)
            let moved = date.adding(months: months)
            let total = date.year * 12 + date.month - 1 + months
            let year = Int((Double(total) / 12).rounded(.down))
            let month = total - year * 12 + 1
            if date.day <= LocalDate.daysInMonth(year: year, month: month) {
                #expect(moved == LocalDate(year: year, month: month, day: date.day), "\(date) + \(months) months")
            } else {
                #expect(moved == nil, "\(date) + \(months) months")
            }
        }
    }

    @Test("wall-clock seconds round-trip, also before 1970")
    func secondsRoundTrip() async {
        await propertyCheck(count: 500, input: Gen.int64(in: -8_000_000_000...8_000_000_000)) { seconds in
            let local = LocalDateTime(secondsSinceEpoch: seconds)
            #expect(local.secondsSinceEpoch == seconds)
            #expect((0...23).contains(local.hour) && (0...59).contains(local.minute) && (0...59).contains(local.second))
            #expect(RFC3339.parseInstant(local.description + "Z") == seconds)
        }
    }
}
