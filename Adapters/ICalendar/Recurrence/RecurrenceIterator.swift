import FieldSyncCore

/// Generates the wall-clock start times of an RRULE, in order, lazily.
///
/// Works entirely in local wall-clock time (RFC 5545 §3.3.10): the caller resolves each result
/// against the event's zone. The first result is DTSTART itself, which RFC 5545 counts as the
/// first instance even when it does not match the rule; unless DTSTART is already past UNTIL
/// (a deleted series), when there are no results at all. Results strictly increase: a start
/// produced twice (RFC 7529 SKIP=FORWARD) is produced, and counted, once.
///
/// Periods (years, months, weeks, ...) are visited one `INTERVAL` apart. Within a period every
/// candidate day passes the BYxxx filters, gets the times BYHOUR/BYMINUTE/BYSECOND give it, and
/// BYSETPOS picks among the period's sorted results. Without COUNT, periods wholly before
/// `notBefore` are skipped in one jump, so an infinite daily rule from 2009 costs nothing in 2026.
struct RecurrenceIterator: IteratorProtocol {
    private let rule: RecurrenceRule
    private let start: LocalDateTime
    private let isDate: Bool
    private let notAfter: LocalDateTime
    private let isPastUntil: (LocalDateTime) -> Bool
    private let weeks: WeekNumbering

    private let byMonthMask: [Bool]  // index 1...12
    private let byMonthDay: [Int]
    private let byDay: [RecurrenceRule.WeekdayOccurrence]
    private let hours: [Int]
    private let minutes: [Int]
    private let seconds: [Int]
    /// BYMONTH and BYMONTHDAY can never meet (February 30th): nothing follows DTSTART.
    private let neverMatches: Bool

    /// The index of the current period: a year, a month count, a day count of the week start,
    /// a day count, or an hour/minute/second count, depending on the frequency.
    private var period: Int
    private var pending: [LocalDateTime] = []
    private var pendingIndex = 0
    private var emitted = 0
    /// The last start produced: later candidates at or before it are duplicates (SKIP=FORWARD can
    /// move a day onto one the next period also generates) and are neither produced nor counted.
    private var last: LocalDateTime
    private var yieldedStart = false
    private var finished = false
    private var emptyPeriods = 0

    /// - Parameters:
    ///   - notBefore: results before this may be skipped (only when the rule has no COUNT).
    ///   - notAfter: nothing after this is produced; the iterator ends there.
    ///   - startIsInstance: whether `start` is produced (and counted) even when the rule does not
    ///     match it, as RFC 5545 says of an RRULE's DTSTART. False for an EXRULE, which should
    ///     only exclude what it matches.
    ///   - isPastUntil: whether a start is beyond UNTIL (compared as the caller sees fit: as
    ///     instants for zoned series, as dates for all-day ones). When `start` itself is past
    ///     UNTIL nothing at all is produced: producers write such rules for deleted series.
    init(
        rule: RecurrenceRule, start: LocalDateTime, isDate: Bool, notBefore: LocalDateTime?, notAfter: LocalDateTime,
        startIsInstance: Bool = true, isPastUntil: @escaping (LocalDateTime) -> Bool
    ) {
        self.rule = rule
        self.start = start
        self.isDate = isDate
        self.notAfter = notAfter
        self.isPastUntil = isPastUntil
        self.weeks = WeekNumbering(weekStart: rule.weekStart)

        var byMonth = rule.byMonth
        var byMonthDay = rule.byMonthDay
        var byDay = rule.byDay
        // RFC 5545: parts not given are taken from DTSTART.
        if rule.byWeekNo.isEmpty && rule.byYearDay.isEmpty && rule.byMonthDay.isEmpty && rule.byDay.isEmpty {
            switch rule.frequency {
            case .yearly:
                if byMonth.isEmpty { byMonth = [start.date.month] }
                byMonthDay = [start.date.day]
            case .monthly:
                byMonthDay = [start.date.day]
            case .weekly:
                byDay = [.init(weekday: start.date.weekday)]
            default:
                break
            }
        }
        var mask = [Bool](repeating: byMonth.isEmpty, count: 13)
        for m in byMonth { mask[m] = true }
        self.byMonthMask = mask
        self.neverMatches = Self.canNeverMatch(byMonthMask: mask, byMonthDay: byMonthDay, skip: rule.skip)
        self.byMonthDay = byMonthDay
        self.byDay = byDay
        if isDate {
            hours = [0]
            minutes = [0]
            seconds = [0]
        } else {
            hours = rule.frequency <= .hourly ? [] : (rule.byHour.isEmpty ? [start.hour] : rule.byHour.sorted())
            minutes = rule.frequency <= .minutely ? [] : (rule.byMinute.isEmpty ? [start.minute] : rule.byMinute.sorted())
            seconds = rule.frequency == .secondly
                ? [] : (rule.bySecond.isEmpty ? [start.second] : rule.bySecond.map { min($0, 59) }.sorted())
        }

        last = start
        if !startIsInstance {
            // Candidates equal to `start` are then produced only when the rule generates them.
            last = start.adding(seconds: -1)
            yieldedStart = true
            if isPastUntil(start) || neverMatches { finished = true }
        }
        let startPeriod = Self.periodIndex(of: start, frequency: rule.frequency, weeks: weeks)
        let step = Self.periodStep(rule)
        period = startPeriod
        if rule.count == nil, let notBefore, notBefore > start {
            let target = Self.periodIndex(of: notBefore, frequency: rule.frequency, weeks: weeks)
            let steps = (target - startPeriod) / step - 1
            if steps > 0 { period = startPeriod + steps * step }
        }
    }

    mutating func next() -> LocalDateTime? {
        if !yieldedStart {
            yieldedStart = true
            guard start <= notAfter, !isPastUntil(start) else {
                finished = true
                return nil
            }
            emitted = 1
            if let count = rule.count, count <= 1 { finished = true }
            if neverMatches { finished = true }
            return start
        }
        while !finished {
            if pendingIndex < pending.count {
                let candidate = pending[pendingIndex]
                pendingIndex += 1
                if candidate <= last { continue }
                if candidate > notAfter || isPastUntil(candidate) {
                    finished = true
                    return nil
                }
                emitted += 1
                last = candidate
                if let count = rule.count, emitted >= count { finished = true }
                return candidate
            }
            guard let periodStart = Self.periodStart(period, frequency: rule.frequency, weeks: weeks),
                  periodStart <= notAfter
            else {
                finished = true
                return nil
            }
            pending = expand(period: period)
            pendingIndex = 0
            if pending.isEmpty {
                emptyPeriods += 1
                // A rule that can never match (February 30th) must not spin forever.
                if emptyPeriods > 5_000_000 { finished = true }
            } else {
                emptyPeriods = 0
            }
            period = nextPeriod(after: period)
        }
        return nil
    }

    /// Whether no allowed month is long enough for any BYMONTHDAY, even in a leap year. Such a
    /// rule (`BYMONTH=2;BYMONTHDAY=30`, `BYMONTH=4,6;BYMONTHDAY=31`) would otherwise scan every
    /// period up to the horizon and find nothing; RFC 7529 SKIP makes those days real, so it counts.
    private static func canNeverMatch(byMonthMask: [Bool], byMonthDay: [Int], skip: RecurrenceRule.Skip) -> Bool {
        guard !byMonthDay.isEmpty, skip == .omit else { return false }
        return (1...12).allSatisfy { month in
            let longest = LocalDate.daysInMonth(year: 2000, month: month)
            return !byMonthMask[month] || !byMonthDay.contains { abs($0) <= longest }
        }
    }

    // MARK: Periods

    private static func periodIndex(of t: LocalDateTime, frequency: RecurrenceRule.Frequency, weeks: WeekNumbering) -> Int {
        switch frequency {
        case .yearly: return t.date.year
        case .monthly: return t.date.year * 12 + t.date.month - 1
        case .weekly:
            let back = weeks.weekStart.days(until: t.date.weekday)
            return t.date.daysSinceEpoch - back
        case .daily: return t.date.daysSinceEpoch
        case .hourly: return Int(floorDiv(t.secondsSinceEpoch, 3600))
        case .minutely: return Int(floorDiv(t.secondsSinceEpoch, 60))
        case .secondly: return Int(t.secondsSinceEpoch)
        }
    }

    /// How far apart, in period indices, two consecutive periods of the rule are: weeks are
    /// indexed by the day count of their first day, so a week is 7 indices.
    private static func periodStep(_ rule: RecurrenceRule) -> Int {
        rule.frequency == .weekly ? rule.interval * 7 : rule.interval
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    private static func periodStart(_ p: Int, frequency: RecurrenceRule.Frequency, weeks: WeekNumbering) -> LocalDateTime? {
        switch frequency {
        case .yearly:
            guard p <= 9999 else { return nil }
            return LocalDateTime(date: LocalDate(year: p, month: 1, day: 1)!)
        case .monthly:
            let y = p >= 0 ? p / 12 : (p - 11) / 12
            guard y <= 9999 else { return nil }
            return LocalDateTime(date: LocalDate(year: y, month: p - y * 12 + 1, day: 1)!)
        case .weekly, .daily:
            return LocalDateTime(date: LocalDate(daysSinceEpoch: p))
        case .hourly: return LocalDateTime(secondsSinceEpoch: Int64(p) * 3600)
        case .minutely: return LocalDateTime(secondsSinceEpoch: Int64(p) * 60)
        case .secondly: return LocalDateTime(secondsSinceEpoch: Int64(p))
        }
    }

    private func nextPeriod(after p: Int) -> Int {
        let next = p + Self.periodStep(rule)
        // Sub-daily rules: when this day cannot match at all, jump to the next day that might.
        guard rule.frequency <= .hourly,
              let s = Self.periodStart(p, frequency: rule.frequency, weeks: weeks), !dayMatches(s.date)
        else { return next }
        let perDay = rule.frequency == .hourly ? 24 : rule.frequency == .minutely ? 1440 : 86_400
        let nextDayIndex = (s.date.daysSinceEpoch + 1) * perDay
        guard nextDayIndex > next else { return next }
        let steps = (nextDayIndex - p + rule.interval - 1) / rule.interval
        return p + steps * rule.interval
    }

    // MARK: One period

    private func expand(period p: Int) -> [LocalDateTime] {
        var days: [LocalDate] = []
        switch rule.frequency {
        case .yearly:
            let year = p
            if !rule.byWeekNo.isEmpty || !rule.byYearDay.isEmpty {
                var d = LocalDate(year: year, month: 1, day: 1)!
                for _ in 0..<LocalDate.daysInYear(year) {
                    if dayMatches(d) { days.append(d) }
                    d = d.adding(days: 1)
                }
            } else {
                for month in 1...12 where byMonthMask[month] {
                    collectMonth(year: year, month: month, into: &days)
                }
            }
        case .monthly:
            let y = p >= 0 ? p / 12 : (p - 11) / 12
            let month = p - y * 12 + 1
            if byMonthMask[month] { collectMonth(year: y, month: month, into: &days) }
        case .weekly:
            var d = LocalDate(daysSinceEpoch: p)
            for _ in 0..<7 {
                if dayMatches(d) { days.append(d) }
                d = d.adding(days: 1)
            }
        case .daily:
            let d = LocalDate(daysSinceEpoch: p)
            if dayMatches(d) { days.append(d) }
        case .hourly, .minutely, .secondly:
            guard let s = Self.periodStart(p, frequency: rule.frequency, weeks: weeks), dayMatches(s.date) else {
                return []
            }
            if !rule.byHour.isEmpty, !rule.byHour.contains(s.hour) { return [] }
            if rule.frequency <= .minutely, !rule.byMinute.isEmpty, !rule.byMinute.contains(s.minute) { return [] }
            if rule.frequency == .secondly, !rule.bySecond.isEmpty, !rule.bySecond.map({ min($0, 59) }).contains(s.second) {
                return []
            }
            var results: [LocalDateTime] = []
            let hs = [s.hour]
            let ms = rule.frequency <= .minutely ? [s.minute] : minutes
            let ss = rule.frequency == .secondly ? [s.second] : seconds
            for h in hs { for m in ms { for sec in ss { results.append(LocalDateTime(date: s.date, hour: h, minute: m, second: sec)) } } }
            return applySetPos(results)
        }
        var results: [LocalDateTime] = []
        results.reserveCapacity(days.count * hours.count * minutes.count * seconds.count)
        for d in days {
            for h in hours {
                for m in minutes {
                    for s in seconds { results.append(LocalDateTime(date: d, hour: h, minute: m, second: s)) }
                }
            }
        }
        return applySetPos(results)
    }

    /// The matching days of one month, with RFC 7529 SKIP for month days that do not exist.
    private func collectMonth(year: Int, month: Int, into days: inout [LocalDate]) {
        let dim = LocalDate.daysInMonth(year: year, month: month)
        let first = LocalDate(year: year, month: month, day: 1)!
        if byDay.isEmpty, rule.byYearDay.isEmpty, rule.byWeekNo.isEmpty, !byMonthDay.isEmpty {
            // Fast path: only month days select.
            var selected = Set<Int>()
            for md in byMonthDay {
                let day = md > 0 ? md : dim + md + 1
                if day >= 1 && day <= dim {
                    selected.insert(day)
                } else if md > 0, rule.skip != .omit {
                    selected.insert(rule.skip == .backward ? dim : dim + 1)
                }
            }
            for day in selected.sorted() { days.append(first.adding(days: day - 1)) }
            return
        }
        var d = first
        for _ in 0..<dim {
            if dayMatches(d) { days.append(d) }
            d = d.adding(days: 1)
        }
    }

    private func applySetPos(_ candidates: [LocalDateTime]) -> [LocalDateTime] {
        var sorted = candidates
        // SKIP=FORWARD can move a day into the next month, out of order or onto another result.
        if zip(sorted, sorted.dropFirst()).contains(where: { $0 >= $1 }) {
            sorted = Array(Set(sorted)).sorted()
        }
        guard !rule.bySetPos.isEmpty, !sorted.isEmpty else { return sorted }
        var picked = Set<Int>()
        for pos in rule.bySetPos {
            let index = pos > 0 ? pos - 1 : sorted.count + pos
            if index >= 0 && index < sorted.count { picked.insert(index) }
        }
        return picked.sorted().map { sorted[$0] }
    }

    /// Whether a day passes every BYxxx day filter.
    private func dayMatches(_ d: LocalDate) -> Bool {
        guard byMonthMask[d.month] else { return false }
        if !byMonthDay.isEmpty {
            let dim = LocalDate.daysInMonth(year: d.year, month: d.month)
            let negative = d.day - dim - 1
            guard byMonthDay.contains(where: { $0 == d.day || $0 == negative }) else { return false }
        }
        if !rule.byYearDay.isEmpty {
            let yday = d.dayOfYear
            let negative = yday - LocalDate.daysInYear(d.year) - 1
            guard rule.byYearDay.contains(where: { $0 == yday || $0 == negative }) else { return false }
        }
        if !rule.byWeekNo.isEmpty {
            let w = weeks.week(of: d)
            let negative = w.number - w.weeksInYear - 1
            guard rule.byWeekNo.contains(where: { $0 == w.number || $0 == negative }) else { return false }
        }
        if !byDay.isEmpty {
            let weekday = d.weekday
            var matched = false
            for entry in byDay where entry.weekday == weekday {
                guard let n = entry.ordinal, rule.byWeekNo.isEmpty else {
                    matched = true
                    break
                }
                let inMonth = rule.frequency == .monthly || (rule.frequency == .yearly && !rule.byMonth.isEmpty)
                if rule.frequency == .monthly || rule.frequency == .yearly {
                    let (position, total): (Int, Int)
                    if inMonth {
                        position = d.day
                        total = LocalDate.daysInMonth(year: d.year, month: d.month)
                    } else {
                        position = d.dayOfYear
                        total = LocalDate.daysInYear(d.year)
                    }
                    let nth = n > 0 ? (position - 1) / 7 + 1 : -((total - position) / 7 + 1)
                    if nth == n {
                        matched = true
                        break
                    }
                } else {
                    // Positions only mean something in MONTHLY and YEARLY rules.
                    matched = true
                    break
                }
            }
            if !matched { return false }
        }
        return true
    }
}
