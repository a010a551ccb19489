import FieldSyncCore
import FieldSyncSandbox
import Foundation

/// Drift planted in the sandbox behind the cache's back, through ``SandboxServer``'s mutation
/// API, in rounds of disjoint records: each round edits `editedJobs` jobs (their summary), moves
/// `movedAppointments` appointments by 90 minutes, deletes `deletedAppointments` appointments
/// (with their assignments, as the vendor would) and adds `addedJobs` jobs with one appointment
/// each (copies of existing ones, under new ids).
///
/// Every change is one difference a reconciliation must report, so ``Planted/counts`` is exactly
/// what the report's per-kind counts must say (an assignment deleted with its appointment is
/// folded into that appointment's deletion).
struct DriftPlan: Sendable {
    /// What one round planted: differences by kind of record and change, as
    /// ``ReconcileReport/SourceResult/counts`` spells them (zeros left out).
    struct Planted: Sendable, Hashable, Codable {
        var counts: [String: [String: Int]]
        var total: Int { counts.values.reduce(0) { $0 + $1.values.reduce(0, +) } }

        var summary: String {
            counts.sorted { $0.key < $1.key }.map { entity, changes in
                "\(entity) " + changes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            }.joined(separator: "; ")
        }
    }

    let editedJobs: Int
    let movedAppointments: Int
    let deletedAppointments: Int
    let addedJobs: Int
    /// The generated jobs and appointments, in a fixed random order; round `r` takes the `r`th
    /// slice of each.
    private let jobIDs: [String]
    private let appointmentIDs: [String]

    static let rounds = 2

    init(data: SandboxData, percent: Double, seed: UInt64) throws {
        jobIDs = Self.shuffledIDs(data[serviceTitan: .jobs], seed: seed)
        appointmentIDs = Self.shuffledIDs(data[serviceTitan: .appointments], seed: seed &+ 1)
        editedJobs = max(1, Int((Double(jobIDs.count) * percent / 100).rounded()))
        movedAppointments = max(1, editedJobs / 4)
        deletedAppointments = max(1, editedJobs / 10)
        addedJobs = max(1, editedJobs / 10)
        guard Self.rounds * editedJobs <= jobIDs.count,
            Self.rounds * (movedAppointments + deletedAppointments) <= appointmentIDs.count
        else {
            throw BenchError("--drift-percent \(percent) asks for more changed records than \(Self.rounds) disjoint rounds have")
        }
    }

    private static func shuffledIDs(_ records: [SandboxRecord], seed: UInt64) -> [String] {
        var ids = records.compactMap { $0["id"]?.intValue }.map(String.init)
        ids.sort { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
        var random = DriftRandom(seed: seed)
        ids.shuffle(using: &random)
        return ids
    }

    /// What round `round` plants.
    var expected: Planted {
        Planted(counts: [
            RecordEntity.jobs.rawValue: ["changed": editedJobs, "created": addedJobs],
            RecordEntity.appointments.rawValue: [
                "changed": movedAppointments, "deleted": deletedAppointments, "created": addedJobs,
            ],
        ])
    }

    /// Plants round `round` into `server`. Not timed; call it between measurements.
    func plant(round: Int, on server: SandboxServer) async throws -> Planted {
        precondition((0..<Self.rounds).contains(round))
        let jobs = Array(jobIDs[(round * editedJobs)..<((round + 1) * editedJobs)])
        let appointmentSlice = round * (movedAppointments + deletedAppointments)
        let moved = Array(appointmentIDs[appointmentSlice..<(appointmentSlice + movedAppointments)])
        let deleted = Array(
            appointmentIDs[(appointmentSlice + movedAppointments)..<(appointmentSlice + movedAppointments + deletedAppointments)])

        // 1. New jobs, each with one appointment: copies of jobs of this round, read before any
        // of them changes.
        for (index, templateID) in jobs.prefix(addedJobs).enumerated() {
            guard var job = await server.record(.serviceTitan(.jobs), id: templateID),
                let appointmentID = job["firstAppointmentId"]?.intValue,
                var appointment = await server.record(.serviceTitan(.appointments), id: String(appointmentID))
            else { throw BenchError("job \(templateID) or its first appointment is missing from the sandbox") }
            job["id"] = .null
            job["summary"] = .string("Added behind the cache's back (round \(round + 1), \(index + 1))")
            let added = try await server.add(.serviceTitan(.jobs), record: job)
            guard let newJobID = added["id"]?.intValue else { throw BenchError("the sandbox gave the new job no id") }
            appointment["id"] = .null
            appointment["jobId"] = .int(newJobID)
            appointment["appointmentNumber"] = .string("\(newJobID)-1")
            let addedAppointment = try await server.add(.serviceTitan(.appointments), record: appointment)
            guard let newAppointmentID = addedAppointment["id"]?.intValue else {
                throw BenchError("the sandbox gave the new appointment no id")
            }
            try await server.update(
                .serviceTitan(.jobs), id: String(newJobID),
                set: [
                    "jobNumber": .string(String(newJobID)), "appointmentCount": .int(1),
                    "firstAppointmentId": .int(newAppointmentID), "lastAppointmentId": .int(newAppointmentID),
                ])
        }

        // 2. Jobs edited: a new summary.
        for id in jobs {
            try await server.update(
                .serviceTitan(.jobs), id: id, set: ["summary": .string("Edited behind the cache's back (round \(round + 1))")])
        }

        // 3. Appointments moved 90 minutes later (the arrival window with them).
        for id in moved {
            try await server.update(.serviceTitan(.appointments), id: id) { json in
                for key in ["start", "end", "arrivalWindowStart", "arrivalWindowEnd"] {
                    guard let text = json[key]?.stringValue, let instant = RFC3339.parseInstant(text) else { continue }
                    json[key] = .string(RFC3339.string(utc: instant + 90 * 60))
                }
            }
        }

        // 4. Appointments deleted, and their assignments with them.
        let gone = Set(deleted)
        for assignment in await server.records(.serviceTitan(.appointmentAssignments)) {
            guard let appointment = assignment["appointmentId"]?.intValue, gone.contains(String(appointment)),
                let id = assignment["id"]?.intValue
            else { continue }
            try await server.delete(.serviceTitan(.appointmentAssignments), id: String(id))
        }
        for id in deleted {
            try await server.delete(.serviceTitan(.appointments), id: id)
        }
        return expected
    }
}

/// SplitMix64, so the records changed are the same in every run.
private struct DriftRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
