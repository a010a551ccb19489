import ArgumentParser
import FieldSyncSandbox
import Foundation

/// `fieldsync sandbox generate --out DIR [--seed N …] [--builtin]`
struct SandboxGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a generated shop as a sandbox data directory.",
        discussion: """
            Writes DIR/servicetitan/*.json, DIR/housecallpro/*.json (each a JSON array of records \
            exactly as the vendor returns them) and DIR/sandbox.json (the anchor date). The same \
            seed and options always write the same files. Serve them with \
            fieldsync sandbox serve --data DIR.

            Examples:
              fieldsync sandbox generate --seed 7 --technicians 25 --days 28 --mess 0.1 --out /tmp/shop
              fieldsync sandbox generate --jobs 100000 --out /tmp/bench-shop
              fieldsync sandbox generate --builtin --out Adapters/Sandbox/Data
                  (the committed data set and its README.md)
            """
    )

    @Option(name: .long, help: ArgumentHelp("The directory to write (created if needed; files in it are replaced).", valueName: "DIR"))
    var out: String

    @Flag(name: .long, help: "Write the built-in data set and its README.md instead of a generated shop.")
    var builtin = false

    @Option(name: .long, help: ArgumentHelp("The seed (default 1).", valueName: "N"))
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("ServiceTitan technicians (default 10).", valueName: "N"))
    var technicians: Int?

    @Option(name: .long, help: ArgumentHelp("Days, from the Monday before the anchor week (default 21).", valueName: "N"))
    var days: Int?

    @Option(name: .long, help: ArgumentHelp("Share of jobs planted as messy records, 0 to 1 (default 0.05).", valueName: "F"))
    var mess: Double?

    @Option(name: .long, help: ArgumentHelp("A large data set of about N jobs per vendor, for benchmarks.", valueName: "N"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("The anchor day (default 2026-11-23).", valueName: "YYYY-MM-DD"))
    var anchor: String?

    func validate() throws {
        if builtin && (seed != nil || technicians != nil || days != nil || mess != nil || jobs != nil || anchor != nil) {
            throw ValidationError("--builtin takes no generator options")
        }
        try options.validate()
    }

    var options: SandboxDataSource {
        SandboxDataSource(seed: seed ?? 1, technicians: technicians, days: days, mess: mess, jobs: jobs, anchor: anchor)
    }

    func run() async throws {
        let data = builtin ? BuiltInDataSet.make() : try options.load(shift: false)
        do {
            try data.write(to: out)
            if builtin {
                try BuiltInDataSet.readme(for: data).write(
                    to: URL(fileURLWithPath: out).appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
            }
        } catch let error as SandboxError {
            throw fail(error.message, .failure)
        } catch {
            throw fail("\(out): cannot write README.md: \(error.localizedDescription)", .failure)
        }
        let st = ServiceTitanResource.allCases.reduce(0) { $0 + data[serviceTitan: $1].count }
        let hcp = HousecallProResource.allCases.reduce(0) { $0 + data[housecallPro: $1].count }
        StandardOutput.write(
            "wrote \(out): \(st) ServiceTitan and \(hcp) Housecall Pro records (\(data[serviceTitan: .jobs].count) + \(data[housecallPro: .jobs].count) jobs), \(data.plantedProblems.count) planted problem(s)\n")
    }
}
