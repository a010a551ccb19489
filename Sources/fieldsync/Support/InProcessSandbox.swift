import FieldSyncEngine
import FieldSyncSandbox
import Foundation

/// The sandbox a configuration's `sandbox:` section asks for, served on a free loopback port
/// for as long as one command runs: the README's first command syncs the imitation
/// ServiceTitan and Housecall Pro over real HTTP with nothing else to start.
///
/// The sources reach it through `${FIELDSYNC_SANDBOX_URL}`. When that variable is already set
/// (a sandbox started with `fieldsync sandbox serve`), none is started here.
final class InProcessSandbox: Sendable {
    let url: String
    private let task: Task<Void, any Error>

    private init(url: String, task: Task<Void, any Error>) {
        self.url = url
        self.task = task
    }

    /// Starts the sandbox the settings describe and waits until it listens.
    static func start(_ settings: FieldSyncConfig.SandboxSettings) async throws -> InProcessSandbox {
        let data: SandboxData
        var options = SandboxOptions()
        do {
            data = try SandboxData.load(from: settings.dataDirectory)
            options.faults = try FaultPlan(parsing: settings.faults)
        } catch {
            throw fail("the sandbox could not start: \(error)", .config)
        }
        options.port = 0
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = SandboxServer(data: data, options: options)
        let task = Task {
            defer { continuation.finish() }
            try await server.run { port in continuation.yield(port) }
        }
        for await port in ports {
            return InProcessSandbox(url: "http://127.0.0.1:\(port)", task: task)
        }
        let message: String
        do {
            try await task.value
            message = "it stopped before listening"
        } catch {
            message = "\(error)"
        }
        throw fail("the sandbox could not start: \(message)", .unavailable)
    }

    /// Stops serving.
    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
