import FieldSyncChecks
import FieldSyncCore
import Foundation
import Testing

@Suite("The schedule snapshot's order")
struct ScheduleSnapshotTests {
    @Test("bookings come by technician, then start, then appointment, in whatever order they were read; windows by technician, then start")
    func sortForChecks() {
        var b = SnapshotBuilder()
        let techs = (0..<6).map { b.technician("t\($0)") }
        var generator = SystemRandomNumberGenerator()
        for i in 0..<300 {
            let hour = 7 + Int.random(in: 0..<10, using: &generator)
            let crew = Array(techs.shuffled(using: &generator).prefix(i % 7 == 0 ? 2 : 1))
            b.appointment("a\(i)", "2026-11-\(24 + i % 5) \(hour):00", "2026-11-\(24 + i % 5) \(hour + 1):00", technicians: crew)
        }
        for t in techs { b.window("w\(t)", .shift, "2026-11-25 08:00", "2026-11-25 17:00", technician: t) }
        b.window("early", .timeOff, "2026-11-24 06:00", "2026-11-24 07:00", technician: techs[3])
        var snapshot = b.snapshot
        snapshot.bookings.shuffle(using: &generator)
        snapshot.windows.shuffle(using: &generator)
        let read = snapshot.bookings
        snapshot.sortForChecks()

        let appointments = snapshot.appointments
        let expected = read.sorted {
            ($0.technician, appointments[Int($0.appointment)].start, $0.appointment)
                < ($1.technician, appointments[Int($1.appointment)].start, $1.appointment)
        }
        #expect(snapshot.bookings == expected)
        #expect(snapshot.bookings.count == read.count)
        #expect(snapshot.windows.map(\.technician) == snapshot.windows.map(\.technician).sorted())
        #expect(snapshot.windows.filter { $0.technician == techs[3] }.map(\.externalID) == ["early", "w3"])
    }
}
