import FieldSyncCore
import Foundation

/// `double_booking`: a technician in two overlapping appointments, or in an appointment while
/// another source (a calendar feed, a non-job appointment) says they are busy.
///
/// One sweep per technician over their bookings and busy windows in start order, keeping the item
/// that ends last: anything that starts before it ends overlaps it. A calendar block with exactly
/// an appointment's start and end is taken as that appointment mirrored into the calendar, not a
/// second booking.
public struct DoubleBookingCheck: ScheduleCheck {
    public init() {}
    public var kinds: [FindingKind] { [.doubleBooking] }

    private enum Item {
        case appointment(Int32)
        case window(Int)
    }

    public func run(_ context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        let appointments = snapshot.appointments
        let windows = snapshot.windows
        var items: [(start: Date, end: Date, item: Item)] = []
        for t in snapshot.technicians.indices {
            items.removeAll(keepingCapacity: true)
            var bi = context.bookingRanges[t].lowerBound
            let bEnd = context.bookingRanges[t].upperBound
            var wi = context.windowRanges[t].lowerBound
            let wEnd = context.windowRanges[t].upperBound
            // Merge the two start-ordered lists.
            while bi < bEnd || wi < wEnd {
                if wi < wEnd, !Self.isBusy(windows[wi].kind) {
                    wi += 1
                    continue
                }
                let takeWindow: Bool
                if bi >= bEnd {
                    takeWindow = true
                } else if wi >= wEnd {
                    takeWindow = false
                } else {
                    takeWindow = windows[wi].start < appointments[Int(snapshot.bookings[bi].appointment)].start
                }
                if takeWindow {
                    items.append((windows[wi].start, windows[wi].end, .window(wi)))
                    wi += 1
                } else {
                    let a = snapshot.bookings[bi].appointment
                    let appointment = appointments[Int(a)]
                    if appointment.progress == .open, appointment.start < appointment.end {
                        items.append((appointment.start, appointment.end, .appointment(a)))
                    }
                    bi += 1
                }
            }
            guard items.count > 1 else { continue }
            var latest = 0
            for i in 1..<items.count {
                let next = items[i]
                let current = items[latest]
                if next.start < current.end, next.end > current.start {
                    report(current.item, next.item, technician: Int32(t), context: context, into: &findings)
                }
                if next.end > current.end { latest = i }
            }
        }
    }

    private static func isBusy(_ kind: AvailabilityKind) -> Bool {
        kind == .busy || kind == .nonJobAppointment
    }

    private func report(_ first: Item, _ second: Item, technician t: Int32, context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        func range(_ item: Item) -> (Date, Date) {
            switch item {
            case .appointment(let a):
                let x = snapshot.appointments[Int(a)]
                return (x.start, x.end)
            case .window(let w):
                return (snapshot.windows[w].start, snapshot.windows[w].end)
            }
        }
        // Two calendar blocks overlapping is the technician's own business.
        if case .window = first, case .window = second { return }
        let (s1, e1) = range(first), (s2, e2) = range(second)
        if s1 == s2, e1 == e2 {
            // A calendar copy of the appointment.
            if case .window(let w) = first, snapshot.windows[w].kind == .busy { return }
            if case .window(let w) = second, snapshot.windows[w].kind == .busy { return }
        }
        let zone = context.timeZone(technician: t)
        func describe(_ item: Item) -> (text: String, refs: [RecordRef]) {
            let (s, e) = range(item)
            let when = context.when(s, e, in: zone)
            switch item {
            case .appointment(let a):
                return ("\(context.label(appointment: a)) \(when)", context.refs(appointment: a))
            case .window(let w):
                let window = snapshot.windows[w]
                let source = context.source(window.source)
                let what = window.kind == .nonJobAppointment ? "non-job appointment" : "busy time"
                let title = window.title.map { " \"\($0)\"" } ?? ""
                return ("\(what)\(title) from \(source.name) \(when)", [context.ref(window: window)])
            }
        }
        // The one that starts later is the one that was booked into the other: name it first.
        let (later, earlier) = s2 >= s1 ? (second, first) : (first, second)
        let a = describe(later), b = describe(earlier)
        let (ls, le) = range(later), (es, ee) = range(earlier)
        let overlap = TimeRange(start: max(ls, es), end: min(le, ee))
        findings.append(
            Finding(
                kind: .doubleBooking, severity: context.severity(.doubleBooking, .critical),
                message: "\(context.name(technician: t)) is double-booked: \(a.text) overlaps \(b.text).",
                advice: "Move or reassign one of them, and tell the customer the new arrival window.",
                records: a.refs + b.refs + [context.ref(technician: t)], technicianID: snapshot.technicians[Int(t)].id,
                range: overlap))
    }
}
