import ArgumentParser
import FieldSyncCore
import FieldSyncEngine
import FieldSyncStore
import Foundation

/// `fieldsync bookings [--id ID] [--status S] [--recover]`
struct BookingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookings",
        abstract: "List bookings, show one with its trail, or finish the writes still owed.",
        discussion: """
            Examples:
              fieldsync bookings --config shop.yaml
              fieldsync bookings --config shop.yaml --id bk_3f1c… --json
              fieldsync bookings --config shop.yaml --recover     # what fieldsync serve does on start
            """
    )

    @OptionGroup var cache: CacheOptions
    @Option(name: .long, help: "Show this booking, with its trail.") var id: String?
    @Option(name: .long, help: "Only these statuses (comma-separated).") var status: String?
    @Flag(name: .long, help: "Finish every booking whose write is owed (after a crash, or when no server runs).") var recover = false
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() async throws {
        let logger = CLILogging.bootstrap(verbose: false)
        let context = try await BookingContext.open(cache, shadow: false, logger: logger)
        defer { Task { await context.close() } }
        if recover {
            let pass = await OutboxWorker(service: context.service).runOnce(recovering: true)
            StandardOutput.write(
                "owed writes: \(pass.attempted) attempted, \(pass.confirmed) confirmed, \(pass.failed) failed, \(pass.shadowed) shadowed, \(pass.stillOwed) still owed; \(pass.expiredHolds) holds expired\n")
            if pass.stillOwed > 0 { throw Exit.partial.code }
            return
        }
        if let id {
            let view: BookingView
            do { view = try context.service.booking(id: id) } catch { throw report(error, json: json) }
            if json { StandardOutput.write(APIJSON.string(view) + "\n"); return }
            StandardOutput.write("\(view.bookingID)  \(view.status)  \(view.technicianID)  \(RFC3339.string(view.start)) – \(RFC3339.string(view.end))  \(view.source)\n")
            for event in view.events ?? [] { StandardOutput.write("  \(RFC3339.string(event.at))  \(event.status)  \(event.detail)\n") }
            return
        }
        var states: [BookingState] = []
        for name in (status ?? "").split(separator: ",") {
            guard let state = BookingState(rawValue: String(name)) else { throw ValidationError("unknown status \(name)") }
            states.append(state)
        }
        let views: [BookingView]
        do { views = try context.service.recentBookings(states: states, limit: 100) } catch { throw report(error, json: json) }
        if json { StandardOutput.write(APIJSON.string(["bookings": views]) + "\n"); return }
        if views.isEmpty { StandardOutput.write("no bookings\n") }
        for view in views {
            StandardOutput.write(
                "\(view.bookingID)  \(view.status.padding(toLength: 9, withPad: " ", startingAt: 0))  \(view.technicianID)  \(RFC3339.string(view.start))  \(view.source)  \(view.remote.jobID.map { "job " + $0 } ?? "")\n")
        }
    }
}
