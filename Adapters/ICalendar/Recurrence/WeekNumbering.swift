import FieldSyncCore

/// Week numbers as RFC 5545 defines them for BYWEEKNO: weeks start on WKST, and week 1 is the
/// first week with at least four days in the year (ISO 8601 when WKST is Monday).
struct WeekNumbering {
    let weekStart: Weekday

    /// The first day of week 1 of `year`.
    func firstDayOfWeekOne(_ year: Int) -> LocalDate {
        let jan1 = LocalDate(year: year, month: 1, day: 1)!
        let toWeekStart = jan1.weekday.days(until: weekStart)
        return jan1.adding(days: toWeekStart >= 4 ? toWeekStart - 7 : toWeekStart)
    }

    /// The week-numbering year of `date`, its week number (1...53) and how many weeks that year has.
    func week(of date: LocalDate) -> (year: Int, number: Int, weeksInYear: Int) {
        var year = date.year
        let day = date.daysSinceEpoch
        var start = firstDayOfWeekOne(year).daysSinceEpoch
        if day < start {
            year -= 1
            start = firstDayOfWeekOne(year).daysSinceEpoch
        } else {
            let nextStart = firstDayOfWeekOne(year + 1).daysSinceEpoch
            if day >= nextStart {
                year += 1
                start = nextStart
            }
        }
        let weeks = (firstDayOfWeekOne(year + 1).daysSinceEpoch - start) / 7
        return (year, (day - start) / 7 + 1, weeks)
    }
}
