import FieldSyncCore
import FieldSyncSandbox
import Foundation
import Testing

/// Runs a real sandbox server on 127.0.0.1 (a free port) for the length of `body`.
func withSandbox<T: Sendable>(
    data: SandboxData = TestData.builtIn, options: SandboxOptions = SandboxOptions(),
    _ body: (SandboxServer, SandboxClient) async throws -> T
) async throws -> T {
    var options = options
    options.port = 0
    let server = SandboxServer(data: data, options: options)
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let task = Task {
        do {
            try await server.run { port in continuation.yield(port) }
        } catch {
            continuation.finish()
            throw error
        }
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else {
        task.cancel()
        throw SandboxTestError("the sandbox did not start")
    }
    do {
        let result = try await body(server, SandboxClient(port: port))
        task.cancel()
        _ = try? await task.value
        return result
    } catch {
        task.cancel()
        _ = try? await task.value
        throw error
    }
}

/// Data sets shared by the tests (built once per process).
enum TestData {
    /// The built-in data set as generated (dated around 2026-11-23, not shifted).
    static let builtIn: SandboxData = BuiltInDataSet.make()

    /// The repository root (tests read only inside the checkout).
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var committedDataDirectory: String {
        repository.appendingPathComponent("Adapters/Sandbox/Data").path
    }
}

extension SandboxOptions {
    /// Options with a test clock and no rate limit (tests that want one set it).
    static func testing(
        clock: TestClock? = nil, _ change: (inout SandboxOptions) throws -> Void = { _ in }
    ) rethrows -> SandboxOptions {
        var options = SandboxOptions()
        options.rateLimit = nil
        if let clock { options.now = clock.reader }
        try change(&options)
        return options
    }
}

extension JSONValue {
    /// The keys of an object (empty for other values).
    var keySet: Set<String> { Set(objectValue?.keys ?? []) }
}
