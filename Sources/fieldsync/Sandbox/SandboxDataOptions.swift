import ArgumentParser
import FieldSyncCore
import FieldSyncSandbox
import Foundation

/// Where the served data comes from: a directory, or a shop generated from a seed.
struct SandboxDataOptions: ParsableArguments {
    static let builtInPath = "Adapters/Sandbox/Data"

    @Option(name: .long, help: ArgumentHelp(
        "The data directory (servicetitan/*.json, housecallpro/*.json). Default: \(builtInPath) under the current directory.",
        valueName: "DIR"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Generate a shop from this seed instead of reading --data.", valueName: "N"))
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("Generated ServiceTitan technicians (default 10).", valueName: "N"))
    var technicians: Int?

    @Option(name: .long, help: ArgumentHelp("Generated days, from the Monday before the anchor week (default 21).", valueName: "N"))
    var days: Int?

    @Option(name: .long, help: ArgumentHelp("Share of generated jobs planted as messy records, 0 to 1 (default 0.05).", valueName: "F"))
    var mess: Double?

    @Option(name: .long, help: ArgumentHelp("Generate a large data set of about N jobs per vendor, for benchmarks.", valueName: "N"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("The generated data's anchor day (default 2026-11-23).", valueName: "YYYY-MM-DD"))
    var anchor: String?

    /// The choices as plain values.
    var source: SandboxDataSource {
        SandboxDataSource(data: data, seed: seed, technicians: technicians, days: days, mess: mess, jobs: jobs, anchor: anchor)
    }

    func validate() throws { try source.validate() }

    var dataDirectory: String { source.dataDirectory }

    func load(shift: Bool) throws -> SandboxData { try source.load(shift: shift) }
}

/// Where the served data comes from, checked and loaded (shared by `serve` and `generate`).
struct SandboxDataSource {
    static let builtInPath = "Adapters/Sandbox/Data"

    var data: String?
    var seed: UInt64?
    var technicians: Int?
    var days: Int?
    var mess: Double?
    var jobs: Int?
    var anchor: String?

    var generates: Bool { seed != nil || technicians != nil || days != nil || mess != nil || jobs != nil }

    func validate() throws {
        if data != nil && generates {
            throw ValidationError("give either --data DIR or the generator options (--seed, --technicians, --days, --mess, --jobs), not both")
        }
        if let technicians, technicians < 1 { throw ValidationError("--technicians must be at least 1") }
        if let days, days < 1 || days > 3660 { throw ValidationError("--days must be from 1 to 3660") }
        if let mess, !(0...1).contains(mess) { throw ValidationError("--mess must be a share from 0 to 1, like 0.05") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let anchor, anchorDate(anchor) == nil { throw ValidationError("--anchor \(anchor) is not a date like 2026-11-23") }
    }

    func anchorDate(_ text: String) -> LocalDate? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard text.count == 10, parts.count == 3 else { return nil }
        return LocalDate(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The generator the options describe. Without --anchor, data meant to be served current is
    /// generated around this week's Monday (cheaper than shifting it afterwards).
    func generator(current: Bool) -> SandboxGenerator {
        SandboxGenerator(
            seed: seed ?? 1, technicians: technicians ?? 10, days: days ?? 21, messShare: mess ?? 0.05,
            anchor: anchorDay(current: current))
    }

    func anchorDay(current: Bool) -> LocalDate {
        anchor.flatMap(anchorDate) ?? (current ? SandboxGenerator.currentWeekAnchor() : SandboxGenerator.builtInAnchor)
    }

    /// The directory the data is read from (absolute), when not generating.
    var dataDirectory: String {
        URL(fileURLWithPath: data ?? Self.builtInPath).standardizedFileURL.path
    }

    /// The data to serve, or the exit the problem calls for.
    func load(shift: Bool) throws -> SandboxData {
        if let jobs {
            let data = SandboxGenerator.benchmark(jobs: jobs, seed: seed ?? 1, anchor: anchorDay(current: shift))
            return shift ? data.shiftedToCurrentWeek() : data
        }
        if generates {
            let data = generator(current: shift).generate()
            return shift ? data.shiftedToCurrentWeek() : data
        }
        do {
            return try SandboxData.load(from: dataDirectory, shiftToCurrentWeek: shift)
        } catch {
            if error.code == .noSuchDirectory {
                let hint = data == nil ? " (run from the fieldsync checkout, or give --data DIR or --seed N)" : ""
                throw fail(error.message + hint, .noInput)
            }
            throw fail(error.message, .dataError)
        }
    }
}
