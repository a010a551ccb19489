import Foundation

/// Debian's headless chromium, for the tests of fieldsync's HTML pages (the clean-up report and
/// the reconciliation report): a screenshot of a page opened from disk, and the DOM the browser
/// built from it. The browser runs with a throw-away profile and no network, so a page that
/// loaded anything from elsewhere would show it.
public struct HeadlessChromium: Sendable {
    /// What went wrong running the browser, with the end of its stderr.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let executable: URL

    /// CI must run the browser tests, so a missing browser fails there instead of skipping.
    public static var isCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? ""
        return !value.isEmpty && value != "false" && value != "0"
    }

    public static var isAvailable: Bool { find() != nil }

    /// `chromium` or `chromium-browser`, the first found on PATH.
    public static func find() -> HeadlessChromium? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in ["chromium", "chromium-browser"] {
            for directory in path.split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return HeadlessChromium(executable: candidate) }
            }
        }
        return nil
    }

    /// Saves a `width`×`height` screenshot of `page` to `png`.
    public func screenshot(_ page: URL, to png: URL, width: Int = 1400, height: Int = 1800) throws {
        _ = try run(["--screenshot=\(png.path)", "--window-size=\(width),\(height)", "--hide-scrollbars", page.absoluteString])
    }

    /// The DOM chromium built from `page`, serialized.
    public func dumpDOM(_ page: URL) throws -> String {
        try run(["--dump-dom", page.absoluteString])
    }

    /// Runs chromium headless with a throw-away profile and no network; stops it after `timeout`
    /// seconds. Returns its stdout; chromium's dbus and GPU warnings on stderr are shown only when
    /// it fails.
    private func run(_ arguments: [String], timeout: TimeInterval = 60) throws -> String {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("fieldsync-chromium-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        let outURL = work.appendingPathComponent("stdout"), errURL = work.appendingPathComponent("stderr")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments =
            [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--disable-dev-shm-usage", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--user-data-dir=\(work.appendingPathComponent("profile").path)",
            ] + arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let timedOut = process.isRunning
        if timedOut {
            process.terminate()
            Thread.sleep(forTimeInterval: 2)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = ((try? String(contentsOf: errURL, encoding: .utf8)) ?? "").suffix(2000)
        if timedOut {
            throw Failure(
                description: "\(executable.path) did not finish within \(Int(timeout)) s (\(arguments.first ?? "")); stderr: \(stderr)")
        }
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "\(executable.path) exited with \(process.terminationStatus) (\(arguments.first ?? "")); stderr: \(stderr)")
        }
        return stdout
    }
}
