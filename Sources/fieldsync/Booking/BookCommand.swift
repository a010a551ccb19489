import ArgumentParser
import FieldSyncCore
import FieldSyncEngine
import Foundation

/// `fieldsync book --config FILE --technician ID --start T --end T --job-type X --customer-name N …`
struct BookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Book a technician for a slot and write it through to the backend: the same path as POST /v1/bookings.",
        discussion: """
            Holds the time in the cache (refused if it is no longer free), then creates the job, \
            its appointment and the assignment in the technician's backend, exactly once. Give the \
            same --idempotency-key to retry safely.

            Exit codes: 0 booked (or recorded, in shadow mode), 1 refused (slot taken, not \
            bookable, backend refused), 2 held but the write is still owed (fieldsync serve, or \
            fieldsync bookings --recover, finishes it), 64 bad request.

            Example:
              fieldsync book --config shop.yaml --technician maria-lopez \\
                  --start 2026-11-24T09:00:00-06:00 --end 2026-11-24T11:00:00-06:00 --job-type "No Heat" \\
                  --customer-name "Pat Doe" --customer-phone "+1 312 555 0100" \\
                  --street "1418 W Addison St" --city Chicago --state IL --zip 60613
            """
    )

    @OptionGroup var cache: CacheOptions
    @OptionGroup var address: AddressOptions

    @Option(name: .long, help: "The technician's id (from fieldsync slots).") var technician: String
    @Option(name: .long, help: "Start (RFC 3339).") var start: String
    @Option(name: .long, help: "End (RFC 3339).") var end: String
    @Option(name: .long, help: "The shop's job type name or fieldsync's code.") var jobType: String
    @Option(name: .long, help: "The customer's name.") var customerName: String
    @Option(name: .long, help: "The customer's phone.") var customerPhone: String?
    @Option(name: .long, help: "The customer's email.") var customerEmail: String?
    @Option(name: .long, help: "What the customer said.") var summary: String?
    @Option(name: .long, help: "routine, urgent or emergency.") var urgency: String?
    @Option(name: .long, help: "Makes a retry safe (default: a new random key).") var idempotencyKey: String?
    @Flag(name: .long, help: "Shadow mode: record what would be written, write nothing.") var shadow = false
    @Flag(name: .long, help: "Print the answer as the API's JSON.") var json = false

    func run() async throws {
        let logger = CLILogging.bootstrap(verbose: false)
        var level: Urgency?
        if let urgency {
            guard let parsed = Urgency(rawValue: urgency) else { throw ValidationError("--urgency must be routine, urgent or emergency") }
            level = parsed
        }
        guard let place = address.address else { throw ValidationError("give the job's address: --street, --city, --state, --zip") }
        let request = BookingRequest(
            technicianID: technician, start: try parseInstant(start, option: "--start"), end: try parseInstant(end, option: "--end"),
            job: .init(
                jobType: jobType, customer: .init(name: customerName, phone: customerPhone, email: customerEmail), address: place,
                summary: summary, urgency: level))
        let context = try await BookingContext.open(cache, shadow: shadow, logger: logger)
        defer { Task { await context.close() } }
        let answer: BookingAnswer
        do {
            answer = try await context.service.book(request, idempotencyKey: idempotencyKey ?? UUID().uuidString)
        } catch {
            throw report(error, json: json)
        }
        if json {
            StandardOutput.write(APIJSON.string(answer.view) + "\n")
        } else {
            let view = answer.view
            var line = "\(view.bookingID): \(view.status)"
            if let job = view.remote.jobID { line += "; \(view.source) job \(job), appointment \(view.remote.appointmentID ?? "?")" }
            if view.status == "shadowed" { line += "; would have sent \(view.wouldSend?.count ?? 0) request(s), wrote nothing" }
            if let error = view.error { line += "; \(error.code): \(error.message)" }
            StandardOutput.write(line + "\n")
        }
        if answer.status == 202 { throw Exit.partial.code }
    }
}
