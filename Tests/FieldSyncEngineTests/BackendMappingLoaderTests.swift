import FieldSyncCore
import FieldSyncEngine
import Foundation
import Testing

/// The mapping files a shop edits: the shipped ones load and cover the sandbox's vocabulary,
/// and every mistake says file, line and what was expected.
@Suite("Backend mapping files")
struct BackendMappingLoaderTests {
    static let mappings = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Mappings")

    @Test("the shipped ServiceTitan mapping covers its job types, statuses, shift types and priorities")
    func shippedServiceTitan() throws {
        let mapping = try BackendMappingLoader.load(path: Self.mappings.appendingPathComponent("servicetitan.yaml").path)
        let noHeat = try #require(mapping.jobType(named: "No Heat"))
        #expect(noHeat == .init(jobType: "hvac.no_heat", trade: "hvac", skills: ["hvac", "gas-furnace"], durationMinutes: 120, urgency: .urgent))
        #expect(mapping.jobType(named: "  gas leak ")?.urgency == .emergency)
        #expect(mapping.jobType(named: "Mystery Noise") == nil)
        #expect(mapping.unmappedJobType == .quarantine)
        #expect(mapping.jobStatus("InProgress") == "in_progress")
        #expect(mapping.appointmentStatus("Canceled") == "cancelled")
        #expect(mapping.shiftKind("OnCall") == .onCall)
        #expect(mapping.urgency(priority: "Urgent") == .emergency)
        #expect(mapping.trade(businessUnit: "Plumbing Service") == "plumbing")
        #expect(mapping.skill("Gas Furnace Certified") == "gas-furnace")
        #expect(mapping.skill("Boiler Repair") == "boiler-repair")
    }

    @Test("the shipped Housecall Pro mapping defaults unknown job types instead of quarantining them")
    func shippedHousecallPro() throws {
        let mapping = try BackendMappingLoader.load(path: Self.mappings.appendingPathComponent("housecallpro.yaml").path)
        guard case .useDefault(let rule) = mapping.unmappedJobType else {
            Issue.record("expected a default rule")
            return
        }
        #expect(rule.jobType == "general.service" && rule.durationMinutes == 60)
        #expect(mapping.jobStatus("complete unrated") == "completed")
        #expect(mapping.jobStatus("pro canceled") == "cancelled")
    }

    static func load(_ text: String) throws(ConfigError) -> BackendMapping {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mapping-\(UUID().uuidString).yaml").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try BackendMappingLoader.load(path: path)
    }

    @Test(
        "a mistake names the line and what was expected",
        arguments: [
            ("job_types:\n  No Heat: { job_type: hvac.no_heat, urgncy: urgent }\n", 2, "unknown key \"urgncy\" (did you mean urgency?)"),
            ("job_types:\n  No Heat: { job_type: hvac.no_heat, urgency: asap }\n", 2, "\"asap\" is not an urgency"),
            ("job_types:\n  No Heat: { trade: hvac }\n", 2, "job_type: is required"),
            ("job_types:\n  No Heat: { job_type: x, duration_minutes: 0 }\n", 2, "must be a whole number from 1 to 1440"),
            ("statuses:\n  job:\n    Done: finished\n", 3, "\"finished\" is not a job status"),
            ("shift_types:\n  OnCall: oncall\n", 2, "\"oncall\" is not an availability kind"),
            ("unmapped_job_type: { action: ignore }\n", 1, "\"ignore\" is not an action"),
            ("jobtypes: {}\n", 1, "unknown key \"jobtypes\" (did you mean job_types?)"),
        ] as [(String, Int, String)])
    func mistakes(_ text: String, line: Int, message: String) {
        let error = #expect(throws: ConfigError.self) { try Self.load(text) }
        #expect(error?.line == line, "\(error?.description ?? "")")
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test("a default rule for unmapped job types is read like a job type")
    func defaultRule() throws {
        let mapping = try Self.load("unmapped_job_type: { action: default, job_type: general.service, urgency: routine }\n")
        #expect(mapping.unmappedJobType == .useDefault(.init(jobType: "general.service", urgency: .routine)))
    }
}
