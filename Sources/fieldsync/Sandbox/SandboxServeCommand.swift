import ArgumentParser
import Dispatch
import FieldSyncSandbox
import Foundation
import Logging

/// `fieldsync sandbox serve [--data DIR | --seed N …] [--port P] [--write-config FILE] [--fault SPEC]…`
struct SandboxServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the imitation ServiceTitan and Housecall Pro APIs until stopped.",
        discussion: """
            Serves in the foreground until Ctrl-C (SIGINT) or SIGTERM. The first line on standard \
            output says where it listens, so scripts can wait for it:
              fieldsync sandbox: listening on http://127.0.0.1:8089

            ServiceTitan is under /servicetitan (token: POST /servicetitan/connect/token; tenant \
            1000001, client id sandbox-client, secret sandbox-secret, app key sandbox-app-key); \
            Housecall Pro under /housecallpro (Authorization: Token sandbox-hcp-key). The data's \
            dates are moved by whole weeks so its anchor week is the current week (--no-shift \
            keeps them as written).

            Faults (--fault, repeatable): KIND[:key=value,…]
              429          rate limited, with Retry-After (retry-after=S, default 1)
              5xx, 500…599 server error (status=CODE, default 503)
              slow         answer after delay=S seconds (default 2)
              timeout      hold the request hold=S seconds (default 30), then close
                           the connection without answering
              drop         close the connection without answering
              truncate     valid status and headers, body cut mid-JSON
                           (mode=abort: promise the full length, close early)
              expired-token
                           a valid ServiceTitan token gets 401 and is revoked
              bad-cursor   a valid ServiceTitan export continuation token gets 400
              change-between-pages
                           after a list or export page is served, its first
                           record is modified so it comes again later
              lost-reply   handle the request (a write commits), then close the
                           connection without answering (after hold=S, default 0)
            Keys for every kind: vendor=st|hcp, path=TEXT (the path contains it), \
            method=GET, after=N (let N matching requests through first), \
            times=N|all (default 1).

            Examples:
              fieldsync sandbox serve --port 8089 --write-config /tmp/sandbox.yaml
              fieldsync sandbox serve --port 0 --seed 7 --technicians 25 --mess 0.1
              fieldsync sandbox serve --log-requests \\
                  --fault 429:path=export/jobs,after=2,times=3,retry-after=1 \\
                  --fault truncate:vendor=hcp,path=jobs
              fieldsync sandbox serve --jobs 100000 --rate-limit 0   (benchmarks)

            --log-requests prints one JSON object per request to standard error (method, path, \
            query, status, fault, duration); header values such as tokens and keys are never \
            logged.

            Exit codes: 0 stopped by a signal, 1 could not listen, 64 bad options, 65 unreadable \
            data, 66 no data directory.
            """
    )

    @OptionGroup var source: SandboxDataOptions

    @Option(name: .long, help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "P"))
    var port: Int = 8089

    @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "HOST"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp(
        "Write a fieldsync configuration for this sandbox (both sources, real port) to FILE.", valueName: "FILE"))
    var writeConfig: String?

    @Option(name: .long, help: ArgumentHelp(
        "The Mappings folder the written configuration uses. Default: the nearest Mappings folder above the data or the current directory.",
        valueName: "DIR"))
    var mappings: String?

    @Option(name: .long, help: ArgumentHelp("Inject a fault (repeatable); see above.", valueName: "SPEC"))
    var fault: [String] = []

    @Flag(name: .long, help: "Print every request as a JSON line to standard error.")
    var logRequests = false

    @Flag(name: .long, help: "Serve the data's dates as written (do not move them to the current week).")
    var noShift = false

    @Option(name: .long, help: ArgumentHelp("Requests per second per tenant or API key before 429; 0 turns the limit off.", valueName: "N"))
    var rateLimit: Int = 60

    @Option(name: .long, help: ArgumentHelp("Records per ServiceTitan export page.", valueName: "N"))
    var exportBatchSize: Int = 1000

    @Option(name: .long, help: ArgumentHelp("ServiceTitan access-token lifetime (expires_in), in seconds.", valueName: "S"))
    var tokenLifetime: Int = 900

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard rateLimit >= 0 else { throw ValidationError("--rate-limit must be 0 (off) or more") }
        guard exportBatchSize >= 1 else { throw ValidationError("--export-batch-size must be at least 1") }
        guard tokenLifetime >= 1 else { throw ValidationError("--token-lifetime must be at least 1 second") }
    }

    func run() async throws {
        let plan: FaultPlan
        do {
            plan = try FaultPlan(parsing: fault)
        } catch {
            throw ValidationError(error.message)
        }
        let data = try source.load(shift: !noShift)
        var options = SandboxOptions()
        options.host = host
        options.port = port
        options.faults = plan
        options.rateLimit = rateLimit == 0 ? nil : rateLimit
        options.exportBatchSize = exportBatchSize
        options.tokenLifetime = tokenLifetime
        var logger = Logger(label: "fieldsync.sandbox")
        logger.logLevel = .warning
        options.logger = logger
        if logRequests {
            options.onRequest = { entry in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                if let line = try? encoder.encode(entry) {
                    FileHandle.standardError.write(line + Data([0x0A]))
                }
            }
        }
        let configPath = writeConfig.map { URL(fileURLWithPath: $0).standardizedFileURL }
        var mappingsPath: String?
        if configPath != nil {
            mappingsPath = mappings.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
                ?? SandboxConfigWriter.findMappings(from: [source.dataDirectory, FileManager.default.currentDirectoryPath])
            guard mappingsPath != nil else {
                throw fail("no Mappings folder found above the data or the current directory; give --mappings DIR", .noInput)
            }
        }
        let urlHost = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        let server = SandboxServer(data: data, options: options)
        let failure = FailureNote()
        let credentials = options.credentials
        let foundMappings = mappingsPath
        let serving = Task {
            try await server.run { port in
                if let configPath, let mappingsPath = foundMappings {
                    let database = configPath.deletingPathExtension().lastPathComponent + ".sqlite"
                    let yaml = SandboxConfigWriter.yaml(
                        port: port, host: urlHost, credentials: credentials, mappings: mappingsPath,
                        database: database, data: data)
                    do {
                        try yaml.write(to: configPath, atomically: true, encoding: .utf8)
                    } catch {
                        await failure.set("cannot write \(configPath.path): \(error.localizedDescription)")
                    }
                }
                StandardOutput.write("fieldsync sandbox: listening on http://\(urlHost):\(port)\n")
                StandardOutput.write("  ServiceTitan:  http://\(urlHost):\(port)/servicetitan (tenant \(credentials.tenant))\n")
                StandardOutput.write("  Housecall Pro: http://\(urlHost):\(port)/housecallpro\n")
                if let configPath, await failure.message == nil {
                    StandardOutput.write("  configuration: \(configPath.path) (fieldsync sync --config \(configPath.path))\n")
                }
                StandardOutput.write("  \(data.count) records; \(plan.faults.count) fault(s); stop with Ctrl-C\n")
            }
        }
        let signals = SignalForwarder(signals: [SIGINT, SIGTERM]) { serving.cancel() }
        defer { signals.stop() }
        do {
            try await serving.value
        } catch is CancellationError {
        } catch {
            if !serving.isCancelled {
                throw fail("the sandbox could not listen on \(host):\(port): \(error)", .failure)
            }
        }
        if let message = await failure.message { throw fail(message, .failure) }
        StandardError.write("fieldsync sandbox: stopped\n")
    }
}

/// A problem noticed inside the server's callback, reported after it stops.
actor FailureNote {
    private(set) var message: String?
    func set(_ text: String) { message = text }
}

/// Turns SIGINT and SIGTERM into a call, instead of killing the process, so the server can stop.
final class SignalForwarder {
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32], handler: @escaping @Sendable () -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    func stop() {
        for source in sources { source.cancel() }
    }
}
