import Foundation

/// Debian's headless chromium, driven the way the HTML report tests need: a screenshot of a page
/// opened from disk, and the DOM the browser built from it.
struct HTMLReportBrowser {
    /// What went wrong running the browser, with its stderr for the operator.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let executable: URL

    /// CI must run the browser test, so a missing browser fails there instead of skipping.
    static var isCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? ""
        return !value.isEmpty && value != "false" && value != "0"
    }

    static var isAvailable: Bool { find() != nil }

    /// `chromium` or `chromium-browser`, the first found on PATH.
    static func find() -> HTMLReportBrowser? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in ["chromium", "chromium-browser"] {
            for directory in path.split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return HTMLReportBrowser(executable: candidate) }
            }
        }
        return nil
    }

    /// Saves a `width`×`height` screenshot of `page` to `png`.
    func screenshot(_ page: URL, to png: URL, width: Int = 1400, height: Int = 1800) throws {
        _ = try run(["--screenshot=\(png.path)", "--window-size=\(width),\(height)", "--hide-scrollbars", page.absoluteString])
    }

    /// The DOM chromium built from `page`, serialized.
    func dumpDOM(_ page: URL) throws -> String {
        try run(["--dump-dom", page.absoluteString])
    }

    /// Runs chromium headless with a throw-away profile; stops it after `timeout` seconds. Returns
    /// its stdout. chromium's dbus and GPU warnings on stderr are ignored unless it fails.
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
                "--disable-dev-shm-usage", "--user-data-dir=\(work.appendingPathComponent("profile").path)",
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
            throw Failure(description: "\(executable.path) did not finish within \(Int(timeout)) s (\(arguments.first ?? "")); stderr: \(stderr)")
        }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable.path) exited with \(process.terminationStatus) (\(arguments.first ?? "")); stderr: \(stderr)")
        }
        return stdout
    }
}
