import ArgumentParser
import FieldSyncCore
import FieldSyncEngine
import Foundation

/// `fieldsync slots --config FILE --job-type "No Heat" --zip 60613`
struct SlotsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slots",
        abstract: "Find ranked slots for a job from the cache: the same search as POST /v1/slots/search.",
        discussion: """
            Examples:
              fieldsync slots --config shop.yaml --job-type "No Heat" --zip 60613 --urgency urgent
              fieldsync slots --config shop.yaml --job-type "Gas Leak" --street "1418 W Addison St" \\
                  --city Chicago --state IL --zip 60613 --urgency emergency --json
            """
    )

    @OptionGroup var cache: CacheOptions
    @OptionGroup var address: AddressOptions

    @Option(name: .long, help: "The shop's job type name (as in its field-service tool) or fieldsync's code.")
    var jobType: String

    @Option(name: .long, help: "routine, urgent or emergency (default: the job type's).")
    var urgency: String?

    @Option(name: .long, help: "Search from (RFC 3339; default now).") var from: String?
    @Option(name: .long, help: "Search until (RFC 3339; default a week after --from).") var to: String?
    @Option(name: .long, help: "The customer's preferred technician id.") var technician: String?
    @Option(name: .long, help: "At most this many slots.") var limit: Int = 10
    @Flag(name: .long, help: "Print the answer as the API's JSON.") var json = false

    func run() async throws {
        let logger = CLILogging.bootstrap(verbose: false)
        var level: Urgency?
        if let urgency {
            guard let parsed = Urgency(rawValue: urgency) else {
                throw ValidationError("--urgency must be routine, urgent or emergency")
            }
            level = parsed
        }
        let request = SlotSearchRequest(
            jobType: jobType, address: address.address, urgency: level,
            from: try from.map { try parseInstant($0, option: "--from") }, to: try to.map { try parseInstant($0, option: "--to") },
            technicianID: technician, limit: limit)
        let context = try await BookingContext.open(cache, shadow: false, logger: logger)
        defer { Task { await context.close() } }
        let answer: SlotSearchAnswer
        do {
            answer = try await context.service.searchSlots(request)
        } catch {
            throw report(error, json: json)
        }
        if json {
            StandardOutput.write(APIJSON.string(answer) + "\n")
            return
        }
        StandardOutput.write(
            "\(answer.jobType.name) (\(answer.jobType.code), \(answer.jobType.durationMinutes) min, \(answer.urgency)); data as of \(answer.asOf.map(RFC3339.string) ?? "never synced")\n")
        if answer.slots.isEmpty { StandardOutput.write("no free slot between \(RFC3339.string(answer.from)) and \(RFC3339.string(answer.to))\n") }
        for (i, slot) in answer.slots.enumerated() {
            StandardOutput.write("\(i + 1). \(SlotText.line(slot))\n")
        }
    }
}
