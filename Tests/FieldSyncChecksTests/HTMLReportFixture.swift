import FieldSyncChecks
import FieldSyncCore
import Foundation

/// Hand-made check reports for the HTML report tests, written at wall-clock times in the shop's
/// zone: `at("2026-11-24 09:00")`.
struct HTMLReportFixture {
    let zone: TimeZone
    private let calendar: Calendar

    init(zone: String = "America/Chicago") {
        self.zone = TimeZone(identifier: zone)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.zone
        self.calendar = calendar
    }

    /// An instant at a local wall-clock time.
    func at(_ text: String) -> Date {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
    }

    func st(_ type: String, _ id: String) -> RecordRef {
        RecordRef(backend: "servicetitan", sourceName: "lakeshore-st", type: type, id: id)
    }

    func calendarEvent(_ id: String) -> RecordRef {
        RecordRef(backend: "icalendar", sourceName: "tech-calendars", type: "event", id: id)
    }

    func item(_ kind: Timeline.ItemKind, _ from: String, _ to: String, _ label: String, _ findings: [Finding] = []) -> Timeline.Item {
        Timeline.Item(
            kind: kind, start: at(from), end: at(to), label: label, findingIDs: findings.map(\.id),
            severity: findings.map(\.severity).max())
    }

    /// Weekday shifts 08:00–17:00 over the week of Monday 2026-11-23, skipping `except` (day numbers).
    func shifts(except: Set<Int> = []) -> [Timeline.Item] {
        (23...27).filter { !except.contains($0) }.map { item(.shift, "2026-11-\($0) 08:00", "2026-11-\($0) 17:00", "Shift") }
    }

    func tracked(_ finding: Finding, firstSeen: String, lastSeen: String = "2026-11-24 07:30", resolved: String? = nil) -> TrackedFinding {
        TrackedFinding(finding: finding, firstSeen: at(firstSeen), lastSeen: at(lastSeen), resolvedAt: resolved.map(at))
    }

    /// The week of Monday 2026-11-23 at a Chicago shop, six technicians, with a problem of every
    /// kind: two double-bookings (one against a calendar block), work outside a shift and during
    /// time off, a skill mismatch, an impossible time, an unassigned appointment, a duplicate job,
    /// missing data and a broken shop rule; two findings resolved since yesterday.
    func messyWeek() -> CheckReport {
        let maria = "maria-lopez", dan = "dan-okafor", priya = "priya-shah"
        let luis = "lakeshore-st-10142", grace = "lakeshore-st-10150", tom = "lakeshore-st-10163"
        func span(_ a: String, _ b: String) -> TimeRange { TimeRange(start: at(a), end: at(b)) }

        let doubleBooked = Finding(
            kind: .doubleBooking, severity: .critical,
            message:
                "Maria Lopez is double-booked: job 700286 · No Heat Tue Nov 24 09:00–11:00 CST overlaps job 700291 · Furnace Maintenance Tue Nov 24 10:00–12:00 CST.",
            advice: "Move or reassign one of them, and tell the customer the new arrival window.",
            records: [st("appointment", "880286"), st("appointment", "880291"), st("technician", "10101")], technicianID: maria,
            range: span("2026-11-24 10:00", "2026-11-24 11:00"))
        let busyClash = Finding(
            kind: .doubleBooking, severity: .critical,
            message:
                "Dan Okafor is double-booked: job 700310 · AC Tune-Up Wed Nov 25 13:00–15:00 CST overlaps a busy block “Dentist” Wed Nov 25 14:00–15:30 CST from tech-calendars.",
            advice: "Move or reassign one of them, and tell the customer the new arrival window.",
            records: [st("appointment", "880310"), calendarEvent("dan-dentist@calendar"), st("technician", "10102")], technicianID: dan,
            range: span("2026-11-25 14:00", "2026-11-25 15:00"))
        let timeOff = Finding(
            kind: .duringTimeOff, severity: .critical,
            message:
                "Priya Shah has job 700322 · Water Heater Repair Fri Nov 27 10:00–12:00 CST during time off “Vacation” (Thu Nov 26 00:00 – Sat Nov 28 00:00 CST, from lakeshore-st).",
            advice: "Reassign it to another technician or move it after Priya Shah is back; if the time off was cancelled, remove it at its source.",
            records: [st("appointment", "880322"), st("time_off", "55031"), st("technician", "10103")], technicianID: priya,
            range: span("2026-11-27 10:00", "2026-11-27 12:00"))
        let lateJob = Finding(
            kind: .outsideShift, severity: .warning,
            message: "Luis Ortega has job 700340 · Drain Cleaning Mon Nov 23 17:30–19:30 CST, after his shift ends at 17:00.",
            advice: "Move it into a shift, add an on-call or extra shift for Luis Ortega in the scheduling tool, or reassign it.",
            records: [st("appointment", "880340"), st("technician", "10142")], technicianID: luis,
            range: span("2026-11-23 17:30", "2026-11-23 19:30"))
        let skills = Finding(
            kind: .skillMismatch, severity: .warning,
            message:
                "Grace Kim is on job 700351 · Gas Leak Tue Nov 24 13:00–15:00 CST, but Gas Leak needs the skill Gas Furnace Certified, which they do not have.",
            advice: "Reassign it to a technician with Gas Furnace Certified; if Grace Kim is qualified, add the skill in the scheduling tool.",
            records: [st("appointment", "880351"), st("job", "700351"), st("technician", "10150")], technicianID: grace,
            range: span("2026-11-24 13:00", "2026-11-24 15:00"))
        let impossible = Finding(
            kind: .invalidTime, severity: .warning,
            message: "Job 700366 · Outlet Repair Wed Nov 25 11:00–09:00 CST ends before it starts.",
            advice: "Correct its start and end in the scheduling tool; a visit over several days is better booked as one appointment per day.",
            records: [st("appointment", "880366")], detail: "ends_before_start", technicianID: grace,
            range: span("2026-11-25 11:00", "2026-11-25 11:00"))
        let unassigned = Finding(
            kind: .unassignedAppointment, severity: .warning,
            message: "Job 700360 · No Cooling Wed Nov 25 08:00–10:00 CST has no technician.",
            advice: "Assign a technician with HVAC before the arrival window, or reschedule it with the customer.",
            records: [st("appointment", "880360"), st("job", "700360")], range: span("2026-11-25 08:00", "2026-11-25 10:00"))
        let duplicate = Finding(
            kind: .duplicateJob, severity: .warning,
            message:
                "Job 700381 · Drain Cleaning (Thu Nov 26 09:00–11:00 CST) looks like a repeat of job 700380 · Drain Cleaning (Thu Nov 26 09:30–11:30 CST): same customer, same address, same job type, overlapping times.",
            advice: "If it is the same call, cancel the repeat in servicetitan; if the customer really needs two visits, move one so they do not overlap.",
            records: [st("job", "700381"), st("job", "700380"), st("customer", "42017"), st("location", "42018")],
            range: span("2026-11-26 09:00", "2026-11-26 11:30"))
        let noPhone = Finding(
            kind: .missingData, severity: .info,
            message: "Job 700372 · Furnace Maintenance has no phone number for the customer, so the visit cannot be confirmed by SMS or call.",
            advice: "Add a phone number to the customer in servicetitan.",
            records: [st("customer", "42031"), st("job", "700372")], detail: "phone")
        let tooMany = Finding(
            kind: .ruleViolation, severity: .info,
            message: "Tom Brennan has 6 appointments on Mon Nov 23, more than the shop's limit of 5 a day.",
            advice: "Move or reassign 1 of them to keep Tom Brennan's day within 5.",
            records: [st("technician", "10163")] + (1...6).map { st("appointment", "88040\($0)") }, detail: "max_jobs_per_day",
            technicianID: tom)

        let rows: [Timeline.Row] = [
            Timeline.Row(
                technicianID: maria, name: "Maria Lopez", source: "lakeshore-st",
                items: shifts() + [
                    item(.appointment, "2026-11-23 08:30", "2026-11-23 10:00", "Job 700280 · AC Tune-Up"),
                    item(.appointment, "2026-11-23 13:00", "2026-11-23 15:30", "Job 700281 · Furnace Maintenance"),
                    item(.appointment, "2026-11-24 09:00", "2026-11-24 11:00", "Job 700286 · No Heat", [doubleBooked]),
                    item(.appointment, "2026-11-24 10:00", "2026-11-24 12:00", "Job 700291 · Furnace Maintenance", [doubleBooked]),
                    item(.appointment, "2026-11-24 14:00", "2026-11-24 16:00", "Job 700293 · No Heat"),
                    item(.appointment, "2026-11-25 10:00", "2026-11-25 12:00", "Job 700296 · AC Tune-Up"),
                    item(.appointment, "2026-11-27 09:00", "2026-11-27 11:30", "Job 700299 · No Heat"),
                ]),
            Timeline.Row(
                technicianID: dan, name: "Dan Okafor", source: "lakeshore-st",
                items: shifts() + [
                    item(.appointment, "2026-11-23 09:00", "2026-11-23 11:00", "Job 700301 · Panel Upgrade"),
                    item(.appointment, "2026-11-24 08:00", "2026-11-24 12:00", "Job 700305 · EV Charger Install"),
                    item(.appointment, "2026-11-25 09:00", "2026-11-25 11:00", "Job 700308 · Outlet Repair"),
                    item(.appointment, "2026-11-25 13:00", "2026-11-25 15:00", "Job 700310 · AC Tune-Up", [busyClash]),
                    item(.busy, "2026-11-25 14:00", "2026-11-25 15:30", "Dentist", [busyClash]),
                    item(.nonJobAppointment, "2026-11-27 08:00", "2026-11-27 09:00", "Team meeting"),
                ]),
            Timeline.Row(
                technicianID: priya, name: "Priya Shah", source: "lakeshore-st",
                items: shifts(except: [26, 27]) + [
                    item(.appointment, "2026-11-23 10:00", "2026-11-23 12:00", "Job 700315 · Water Heater Repair"),
                    item(.appointment, "2026-11-24 13:00", "2026-11-24 14:30", "Job 700318 · Burst Pipe"),
                    item(.timeOff, "2026-11-26 00:00", "2026-11-28 00:00", "Vacation", [timeOff]),
                    item(.appointment, "2026-11-27 10:00", "2026-11-27 12:00", "Job 700322 · Water Heater Repair", [timeOff]),
                ]),
            Timeline.Row(
                technicianID: luis, name: "Luis Ortega", source: "lakeshore-st",
                items: shifts() + [
                    item(.appointment, "2026-11-23 14:00", "2026-11-23 16:00", "Job 700338 · Drain Cleaning"),
                    item(.appointment, "2026-11-23 17:30", "2026-11-23 19:30", "Job 700340 · Drain Cleaning", [lateJob]),
                    item(.appointment, "2026-11-25 08:30", "2026-11-25 10:30", "Job 700344 · Burst Pipe"),
                    item(.onCall, "2026-11-28 08:00", "2026-11-28 18:00", "On call"),
                ]),
            Timeline.Row(
                technicianID: grace, name: "Grace Kim", source: "lakeshore-st",
                items: shifts() + [
                    item(.appointment, "2026-11-24 13:00", "2026-11-24 15:00", "Job 700351 · Gas Leak", [skills]),
                    item(.appointment, "2026-11-25 11:00", "2026-11-25 11:00", "Job 700366 · Outlet Repair", [impossible]),
                    item(.appointment, "2026-11-26 13:00", "2026-11-26 15:00", "Job 700368 · Panel Upgrade"),
                ]),
            Timeline.Row(
                technicianID: tom, name: "Tom Brennan", source: "lakeshore-st",
                items: shifts() + (0..<6).map { i in
                    item(
                        .appointment, "2026-11-23 \(8 + i * 1 + i / 2):00", "2026-11-23 \(8 + i * 1 + i / 2):50",
                        "Job 70040\(i + 1) · Drain Cleaning", [tooMany])
                } + [item(.appointment, "2026-11-26 09:00", "2026-11-26 11:00", "Job 700380 · Drain Cleaning")]),
        ]
        let timeline = Timeline(start: at("2026-11-23 00:00"), end: at("2026-11-30 00:00"), timeZone: zone.identifier, rows: rows)

        let resolvedOverlap = Finding(
            kind: .doubleBooking, severity: .critical,
            message: "Dan Okafor was double-booked on Mon Nov 23 09:00–11:00 CST (job 700301 and job 700302).",
            advice: "Move or reassign one of them.", records: [st("appointment", "880301"), st("appointment", "880302")],
            technicianID: dan)
        let resolvedAddress = Finding(
            kind: .missingData, severity: .warning, message: "Job 700277 · No Heat has no service address.",
            advice: "Add the address.", records: [st("location", "42001"), st("job", "700277")], detail: "address")

        return CheckReport(
            checkedAt: at("2026-11-24 07:30"), dataAsOf: at("2026-11-24 07:12"), since: at("2026-11-23 07:30"),
            findings: [
                tracked(doubleBooked, firstSeen: "2026-11-23 16:10"),
                tracked(busyClash, firstSeen: "2026-11-24 07:30"),
                tracked(timeOff, firstSeen: "2026-11-20 07:30"),
                tracked(lateJob, firstSeen: "2026-11-21 07:30"),
                tracked(skills, firstSeen: "2026-11-24 07:30"),
                tracked(impossible, firstSeen: "2026-11-19 07:30"),
                tracked(unassigned, firstSeen: "2026-11-23 12:00"),
                tracked(duplicate, firstSeen: "2026-11-22 07:30"),
                tracked(noPhone, firstSeen: "2026-11-16 07:30"),
                tracked(tooMany, firstSeen: "2026-11-22 07:30"),
            ],
            resolved: [
                tracked(resolvedOverlap, firstSeen: "2026-11-20 07:30", lastSeen: "2026-11-23 07:30", resolved: "2026-11-24 07:30"),
                tracked(resolvedAddress, firstSeen: "2026-11-18 07:30", lastSeen: "2026-11-23 16:10", resolved: "2026-11-23 16:10"),
            ],
            timeline: timeline, title: "Lakeshore Comfort")
    }
}
