import FieldSyncCore
import FieldSyncSandbox
import Foundation
import Testing

@Suite("The data generator")
struct GeneratorTests {
    static func instants(_ record: JSONValue, _ start: String, _ end: String) -> (Int64, Int64)? {
        guard let s = record[start]?.stringValue.flatMap({ RFC3339.parseInstant($0) }),
              let e = record[end]?.stringValue.flatMap({ RFC3339.parseInstant($0) })
        else { return nil }
        return (s, e)
    }

    @Test("the same seed gives the same data, byte for byte; another seed does not")
    func deterministic() {
        let a = SandboxGenerator(seed: 42, technicians: 6, days: 14, messShare: 0.1).generate()
        let b = SandboxGenerator(seed: 42, technicians: 6, days: 14, messShare: 0.1).generate()
        let c = SandboxGenerator(seed: 43, technicians: 6, days: 14, messShare: 0.1).generate()
        for resource in SandboxResource.all {
            #expect(a[resource] == b[resource], "\(resource)")
        }
        #expect(a.plantedProblems == b.plantedProblems)
        #expect(a[serviceTitan: .jobs] != c[serviceTitan: .jobs])
    }

    @Test("the linked technicians exist by name in both vendors")
    func linkedTechnicians() {
        let data = SandboxGenerator(seed: 9, technicians: 5, days: 7, messShare: 0).generate()
        #expect(data.technicianID(.serviceTitan, named: "Maria Lopez") == "10101")
        #expect(data.technicianID(.serviceTitan, named: "Dan Okafor") == "10102")
        #expect(data.technicianID(.serviceTitan, named: "Priya Shah") == "10103")
        #expect(data.technicianID(.housecallPro, named: "Sam Becker")?.hasPrefix("pro_") == true)
    }

    @Test("clean data has no double bookings and keeps appointments inside shifts")
    func cleanSchedule() throws {
        let data = SandboxGenerator(seed: 5, technicians: 8, days: 14, messShare: 0).generate()
        #expect(data.plantedProblems.isEmpty)
        let appointments = Dictionary(uniqueKeysWithValues: data[serviceTitan: .appointments].map(\.value).compactMap { a in
            a["id"]?.intValue.map { ($0, a) }
        })
        var byTech: [Int64: [(Int64, Int64)]] = [:]
        for assignment in data[serviceTitan: .appointmentAssignments].map(\.value) {
            guard let tech = assignment["technicianId"]?.intValue, let id = assignment["appointmentId"]?.intValue,
                  let a = appointments[id], a["status"]?.stringValue != "Canceled", let span = Self.instants(a, "start", "end")
            else { continue }
            byTech[tech, default: []].append(span)
        }
        var shifts: [Int64: [(Int64, Int64)]] = [:]
        for shift in data[serviceTitan: .technicianShifts].map(\.value) where shift["shiftType"]?.stringValue != "TimeOff" {
            if let tech = shift["technicianId"]?.intValue, let span = Self.instants(shift, "start", "end") {
                shifts[tech, default: []].append(span)
            }
        }
        for (tech, spans) in byTech {
            let sorted = spans.sorted { $0.0 < $1.0 }
            for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(a.1 <= b.0, "technician \(tech) double-booked") }
            for span in spans {
                #expect(shifts[tech, default: []].contains { $0.0 <= span.0 && span.1 <= $0.1 }, "technician \(tech) outside shifts")
            }
        }
    }

    @Test("a mess share plants every kind of problem, and the data really has them")
    func plantsEveryKind() throws {
        let data = SandboxGenerator(seed: 11, technicians: 8, days: 21, messShare: 0.1).generate()
        for vendor in SandboxVendor.allCases {
            let kinds = Set(data.plantedProblems.filter { $0.vendor == vendor }.map(\.kind))
            #expect(kinds == Set(PlantedProblem.Kind.randomlyPlanted), "\(vendor)")
        }
        let appointments = data[serviceTitan: .appointments].map(\.value)
        func appointment(_ id: String) -> JSONValue? { appointments.first { $0["id"]?.intValue.map(String.init) == id } }
        for problem in data.plantedProblems where problem.vendor == .serviceTitan {
            switch problem.kind {
            case .endBeforeStart:
                let span = try #require(appointment(problem.ids[0]).flatMap { Self.instants($0, "start", "end") })
                #expect(span.1 < span.0)
            case .doubleBooked:
                let a = try #require(appointment(problem.ids[0]).flatMap { Self.instants($0, "start", "end") })
                let b = try #require(appointment(problem.ids[1]).flatMap { Self.instants($0, "start", "end") })
                #expect(a.0 < b.1 && b.0 < a.1)
            case .missingAddress:
                let location = try #require(data[serviceTitan: .locations].map(\.value).first { $0["id"]?.intValue.map(String.init) == problem.ids[0] })
                #expect(location["address"]?["street"]?.stringValue == "")
                #expect(location["address"]?["latitude"] == .null)
            case .unknownJobType:
                let job = try #require(data[serviceTitan: .jobs].map(\.value).first { $0["id"]?.intValue.map(String.init) == problem.ids[0] })
                #expect(job["jobTypeId"]?.intValue == 3012)
            case .duplicateJob:
                let jobs = data[serviceTitan: .jobs].map(\.value)
                let copy = try #require(jobs.first { $0["id"]?.intValue.map(String.init) == problem.ids[0] })
                let original = try #require(jobs.first { $0["id"]?.intValue.map(String.init) == problem.ids[1] })
                for key in ["customerId", "locationId", "jobTypeId"] { #expect(copy[key] == original[key]) }
            case .outsideShift:
                let span = try #require(appointment(problem.ids[0]).flatMap { Self.instants($0, "start", "end") })
                let local = IANAZoneRules(identifier: "America/Chicago").map { $0.local(atInstant: span.0).local.hour }
                #expect((local ?? 0) >= 19)
            default:
                Issue.record("the random mess planted \(problem.kind)")
            }
        }
        let gutter = data[housecallPro: .jobs].map(\.value).filter { $0["job_fields"]?["job_type"]?["name"]?.stringValue == "Gutter Cleaning" }
        #expect(!gutter.isEmpty)
    }

    @Test("every stamp lies before the anchor day")
    func stampsBeforeAnchor() {
        let data = SandboxGenerator(seed: 3, technicians: 4, days: 14, messShare: 0.05).generate()
        let anchor = RFC3339.parseInstant("2026-11-23T07:00:00Z") ?? 0
        for resource in SandboxResource.all {
            for record in data[resource].map(\.value) {
                for key in ["modifiedOn", "createdOn", "updated_at", "created_at"] {
                    guard let text = record[key]?.stringValue else { continue }
                    #expect((RFC3339.parseInstant(text) ?? .max) < anchor, "\(resource) \(key) \(text)")
                }
            }
        }
    }

    @Test("the benchmark mode makes the asked number of jobs")
    func benchmark() {
        let data = SandboxGenerator.benchmark(jobs: 1500, seed: 2)
        #expect(data[serviceTitan: .jobs].count == 1500)
        #expect(data[housecallPro: .jobs].count == 1500)
        #expect(data[serviceTitan: .appointments].count >= 1500)
    }
}
