import FieldSyncChecks
import FieldSyncCore
import FieldSyncStore
import Foundation

@testable import FieldSyncEngine

/// A reconciliation report made by hand for the HTML page's tests, at a Chicago shop on the night
/// of Tuesday 2026-11-24: ServiceTitan compared completely, Housecall Pro read only in part, a
/// calendar feed compared; differences of every kind (one with a personal field, one with a
/// summary trying to inject a script), two bookings the backend changed, one hold overlapped, two
/// new findings and a week of history.
struct ReconcileHTMLFixture {
    let zone = TimeZone(identifier: "America/Chicago")!
    private let calendar: Calendar

    init() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// An instant at a Chicago wall-clock time: `at("2026-11-24 09:00")`.
    func at(_ text: String) -> Date {
        let p = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
        return calendar.date(from: DateComponents(year: p[0], month: p[1], day: p[2], hour: p[3], minute: p[4]))!
    }

    func rfc(_ text: String) -> String { RFC3339.string(at(text)) }

    static let evil = "<script>alert('x')</script> & \"Tom's\" <b>HVAC</b>"
    /// A personal value that must never reach the page, even if it slipped into the report.
    static let secretPhone = "312-555-0199"
    static let secretStreet = "1428 Elm Street"

    func st(_ entity: String, _ id: String, _ change: Drift.Change, _ fields: [FieldChange] = [], technician: String? = nil,
            start: String? = nil, message: String, repaired: Bool = true) -> ReconcileReport.Difference {
        ReconcileReport.Difference(
            source: "lakeshore-st", backend: "servicetitan", entity: entity, id: id, change: change, fields: fields,
            technicianID: technician, start: start.map(at), message: message, repaired: repaired)
    }

    func hcp(_ entity: String, _ id: String, _ change: Drift.Change, _ fields: [FieldChange] = [], start: String? = nil,
             message: String, repaired: Bool = true) -> ReconcileReport.Difference {
        ReconcileReport.Difference(
            source: "lakeshore-hcp", backend: "housecallpro", entity: entity, id: id, change: change, fields: fields,
            technicianID: nil, start: start.map(at), message: message, repaired: repaired)
    }

    func report(_ outcome: ReconcileReport.Outcome = .incomplete) -> ReconcileReport {
        var phone = FieldChange(name: "phone", before: nil, after: nil, isPersonal: true)
        phone.before = "312-555-0100"
        phone.after = Self.secretPhone
        var street = FieldChange(name: "street", before: nil, after: nil, isPersonal: true)
        street.after = Self.secretStreet

        let differences = [
            st("appointment", "880286", .changed,
               [FieldChange(name: "starts_at", before: rfc("2026-11-25 09:00"), after: rfc("2026-11-25 13:00")),
                FieldChange(name: "ends_at", before: rfc("2026-11-25 11:00"), after: rfc("2026-11-25 15:00")),
                FieldChange(name: "technicians", before: "lakeshore-st-10101", after: "lakeshore-st-10142")],
               technician: "lakeshore-st-10142", start: "2026-11-25 13:00",
               message: "ServiceTitan appointment 880286 (Wed Nov 25, 1:00 PM CST) changed in ServiceTitan: starts at …"),
            st("appointment", "880301", .deleted, start: "2026-11-26 08:00",
               message: "ServiceTitan appointment 880301 (Thu Nov 26, 8:00 AM CST) is gone from ServiceTitan (deleted or deactivated); the cache still had it"),
            st("appointment", "880377", .created, start: "2026-11-27 10:00",
               message: "ServiceTitan appointment 880377 (Fri Nov 27, 10:00 AM CST) is new in ServiceTitan; the cache did not have it"),
            st("job", "700412", .changed, [FieldChange(name: "summary", before: "No heat", after: Self.evil),
                                           FieldChange(name: "status", before: "Scheduled", after: "Hold")],
               message: "ServiceTitan job 700412 changed in ServiceTitan: summary No heat → \(Self.evil)"),
            st("customer", "41877", .changed, [phone, street, FieldChange(name: "city", before: "Evanston", after: "Skokie")],
               message: "ServiceTitan customer 41877 changed in ServiceTitan: phone changed; street changed; city Evanston → Skokie"),
            st("technician", "10163", .deleted, technician: "lakeshore-st-10163",
               message: "ServiceTitan technician 10163 is gone from ServiceTitan (deleted or deactivated); the cache still had it",
               repaired: false),
            hcp("appointment", "appt_9f2c41", .changed, [FieldChange(name: "status", before: "scheduled", after: "canceled")],
                start: "2026-11-25 15:00",
                message: "Housecall Pro appointment appt_9f2c41 (Wed Nov 25, 3:00 PM CST) changed in Housecall Pro: status scheduled → canceled"),
            hcp("job", Self.evil, .created, message: "Housecall Pro job \(Self.evil) is new in Housecall Pro; the cache did not have it"),
        ]
        let bookings = [
            ReconcileReport.BookingChange(
                bookingID: "bk_7f3a2c", source: "lakeshore-st", backend: "servicetitan", jobID: "700310", appointmentID: "880310",
                change: .changed,
                fields: [FieldChange(name: "starts_at", before: rfc("2026-11-25 13:00"), after: rfc("2026-11-26 09:00")),
                         FieldChange(name: "technician_id", before: "lakeshore-st-10101", after: "lakeshore-st-10150")],
                message: "booking bk_7f3a2c (ServiceTitan job 700310, appointment 880310) was changed in ServiceTitan: starts at Wed Nov 25, 1:00 PM CST → Thu Nov 26, 9:00 AM CST; technician id lakeshore-st-10101 → lakeshore-st-10150",
                repaired: true),
            ReconcileReport.BookingChange(
                bookingID: "bk_81c0de", source: "lakeshore-hcp", backend: "housecallpro", jobID: "job_55ab", appointmentID: "appt_9f2c41",
                change: .canceled, fields: [],
                message: "booking bk_81c0de (Housecall Pro job job_55ab, appointment appt_9f2c41) was canceled in Housecall Pro; it no longer holds maria-lopez's time",
                repaired: true),
        ]
        let overHold = ReconcileReport.OverHold(
            bookingID: "hold_22e1", holdState: "held", source: "lakeshore-st", technicianID: "lakeshore-st-10142",
            holdStart: at("2026-11-25 13:00"), holdEnd: at("2026-11-25 15:00"), appointmentID: "880355",
            appointmentStart: at("2026-11-25 13:30"), appointmentEnd: at("2026-11-25 14:30"),
            message: "ServiceTitan appointment 880355 puts lakeshore-st-10142 at Wed Nov 25, 1:30 PM CST, over fieldsync's hold hold_22e1 (Wed Nov 25, 1:00 PM CST); the hold was ended",
            repaired: true)

        var summary = ReconcileReport.Summary()
        for d in differences {
            switch d.change {
            case .created: summary.created += 1
            case .changed: summary.changed += 1
            case .deleted: summary.deleted += 1
            }
        }
        summary.bookings = bookings.count
        summary.overHolds = 1
        summary.notRepaired = differences.filter { !$0.repaired }.count
        summary.newFindings = 2
        summary.recordsRead = 18_342

        let sources = [
            ReconcileReport.SourceResult(
                source: "lakeshore-st", backend: "servicetitan", state: .compared,
                compared: ["appointments", "assignments", "availability", "customers", "jobs", "locations", "technicians"],
                notCompared: [], recordsRead: 14_210,
                counts: ["appointments": ["created": 1, "changed": 1, "deleted": 1], "jobs": ["created": 0, "changed": 1, "deleted": 0],
                         "customers": ["created": 0, "changed": 1, "deleted": 0], "technicians": ["created": 0, "changed": 0, "deleted": 1]],
                notes: ["2 appointments without a job were skipped"], durationSeconds: 143.2),
            ReconcileReport.SourceResult(
                source: "lakeshore-hcp", backend: "housecallpro", state: .incomplete, compared: ["customers", "jobs"],
                notCompared: ["appointments: HTTP 503 from Housecall Pro after 5 tries (page 14 of 31)",
                              "mass-delete brake: 212 deletion(s) were held back; if the backend really lost them, run again with --allow-mass-delete"],
                recordsRead: 3_980,
                counts: ["appointments": ["created": 0, "changed": 1, "deleted": 0], "jobs": ["created": 1, "changed": 0, "deleted": 0]],
                notes: [], durationSeconds: 61.0),
            ReconcileReport.SourceResult(
                source: "tech-calendars", backend: "icalendar", state: .compared, compared: ["availability"], notCompared: [],
                recordsRead: 152, counts: [:], notes: [], durationSeconds: 0.4),
        ]

        let doubleBooking = Finding(
            kind: .doubleBooking, severity: .critical,
            message: "Luis Ortega is double-booked: job 700286 · No Heat Wed Nov 25 13:00–15:00 CST overlaps job 700355 · AC Repair Wed Nov 25 13:30–14:30 CST.",
            advice: "Move or reassign one of them, and tell the customer the new arrival window.",
            records: [RecordRef(backend: "servicetitan", sourceName: "lakeshore-st", type: "appointment", id: "880286"),
                      RecordRef(backend: "servicetitan", sourceName: "lakeshore-st", type: "appointment", id: "880355")],
            technicianID: "lakeshore-st-10142", range: TimeRange(start: at("2026-11-25 13:30"), end: at("2026-11-25 14:30")))
        let missing = Finding(
            kind: .missingData, severity: .warning, message: "Job 700412 · \(Self.evil) has no service address.",
            advice: "Add the address in ServiceTitan so the technician can find the house.",
            records: [RecordRef(backend: "servicetitan", sourceName: "lakeshore-st", type: "job", id: "700412")], detail: "address")
        let findings = ReconcileReport.Findings(
            new: [missing, doubleBooking].map {
                CheckReportJSON.FindingJSON(TrackedFinding(finding: $0, firstSeen: at("2026-11-25 03:04"), lastSeen: at("2026-11-25 03:04")), isNew: true)
            },
            open: 14, error: nil)

        let started = at("2026-11-25 03:00")
        func run(_ id: Int64, _ day: String, dry: Bool = false, _ outcome: String, _ c: Int, _ ch: Int, _ d: Int, _ b: Int, _ o: Int)
            -> ReconcileReport.HistoryEntry
        {
            ReconcileReport.HistoryEntry(
                runID: id, startedAt: at(day), dryRun: dry, outcome: outcome, created: c, changed: ch, deleted: d, bookings: b, overHolds: o)
        }
        let history = [
            run(42, "2026-11-25 03:00", "incomplete", summary.created, summary.changed, summary.deleted, 2, 1),
            run(41, "2026-11-24 14:12", dry: true, "drift_found", 1, 3, 0, 0, 0),
            run(40, "2026-11-24 03:00", "repaired", 2, 6, 1, 1, 0),
            run(39, "2026-11-23 03:00", "clean", 0, 0, 0, 0, 0),
            run(38, "2026-11-22 03:00", "repaired", 4, 11, 3, 0, 1),
            run(37, "2026-11-21 03:00", "incomplete", 1, 2, 0, 0, 0),
            run(36, "2026-11-20 03:00", "repaired", 3, 5, 2, 1, 0),
        ]

        var report = ReconcileReport(
            runID: 42, dryRun: outcome == .driftFound, outcome: outcome, startedAt: started, finishedAt: at("2026-11-25 03:04").addingTimeInterval(12),
            horizonStart: at("2026-11-18 00:00"), horizonEnd: at("2027-01-24 00:00"), summary: summary, sources: sources,
            differences: differences, bookings: bookings, overHolds: [overHold], findings: findings, history: history,
            title: "lakeshore & co.yaml", timeZone: "America/Chicago")
        if outcome != .incomplete {
            report.sources = sources.map { var s = $0; s.state = .compared; s.notCompared = []; return s }
            report.differences = differences.map { var d = $0; d.repaired = outcome == .repaired; return d }
            report.summary.notRepaired = outcome == .driftFound ? summary.differences : 0
            report.history[0].outcome = outcome.rawValue
            report.history[0].dryRun = outcome == .driftFound
        }
        if outcome == .clean {
            report.differences = []
            report.bookings = []
            report.overHolds = []
            report.summary = ReconcileReport.Summary()
            report.summary.recordsRead = 18_342
            report.sources = report.sources.map { var s = $0; s.counts = [:]; return s }
            report.history[0] = run(42, "2026-11-25 03:00", "clean", 0, 0, 0, 0, 0)
            report.findings = ReconcileReport.Findings(new: [], open: 12, error: nil)
        }
        return report
    }
}
