import Foundation

/// A `fieldsync` process left running while a test does other things (`sandbox serve`, or a
/// sync the test kills part-way), with its standard error going to a file the test can read.
final class BackgroundCLI {
    let process = Process()
    let stderrPath: String
    private let stdout = Pipe()

    init(_ arguments: [String], scratch: Scratch, name: String, environment: [String: String] = [:]) throws {
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLI.root
        var env = ProcessInfo.processInfo.environment
        for key in ["FIELDSYNC_DATABASE", "FIELDSYNC_CONFIG", "FIELDSYNC_LOG_LEVEL", "FIELDSYNC_SANDBOX_URL"] {
            env.removeValue(forKey: key)
        }
        for (k, v) in environment { env[k] = v }
        process.environment = env
        stderrPath = scratch.path("\(name).stderr")
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardOutput = stdout
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The first line on standard output (the sandbox says where it listens there).
    func firstLine(timeout: TimeInterval = 30) throws -> String {
        let handle = stdout.fileHandleForReading
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let chunk = handle.readData(ofLength: 1)
            guard let byte = chunk.first else { break }
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        throw CLIError("no first line within \(timeout) s: \(String(decoding: bytes, as: UTF8.self)) \(stderr)")
    }

    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
