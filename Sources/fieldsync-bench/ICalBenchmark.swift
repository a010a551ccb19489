import ArgumentParser
import FieldSyncCore
import FieldSyncICalendar
import Foundation

/// Parse + expand a large real feed with fieldsync and with Python's icalendar +
/// recurring-ical-events (installed into a throwaway venv), and print the ratio.
struct ICalBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ical",
        abstract: "Parse and expand real iCalendar feeds; compare with python icalendar + recurring-ical-events.",
        discussion: """
            Each iteration reads the file, parses it, reads its events (time zones resolved) \
            and expands every occurrence in the window. The Python peer does the same with \
            icalendar.Calendar.from_ical and recurring_ical_events.of(cal).between(from, to). \
            Both must find the same number of occurrences, or the comparison is refused.
            """
    )

    @Option(help: "Iterations per case (the minimum and median are reported).")
    var iterations = 10

    @Option(help: "Where to create the Python venv (created once, reused).")
    var venv = FileManager.default.temporaryDirectory.appendingPathComponent("fieldsync-bench-venv").path

    @Flag(help: "Skip the Python peer.")
    var noPeer = false

    struct Case {
        var name: String
        var file: String
        var from: String
        var to: String
    }

    static var root: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent() }

    var cases: [Case] {
        let feeds = Self.root.appendingPathComponent("Feeds")
        return [
            Case(
                name: "mathBirthdays.ics (399 KB, 1,321 yearly series)",
                // The feed's all-day events are days in its own zone (X-WR-TIMEZONE:Canada/Saskatchewan,
                // UTC-6), so the window starts at midnight there. From UTC midnight fieldsync also counts
                // the three Dec 31 birthdays still running in Saskatchewan, which the peer, comparing
                // dates rather than instants, leaves out; the counts must match to compare times.
                file: feeds.appendingPathComponent("mathBirthdays.ics").path, from: "2026-01-01T06:00:00Z",
                to: "2027-01-01T00:00:00Z"),
            Case(
                name: "THFC.ics (68 KB, 114 events with TZIDs)", file: feeds.appendingPathComponent("THFC.ics").path,
                from: "2003-08-01T00:00:00Z", to: "2004-08-01T00:00:00Z"),
        ]
    }

    struct Timing {
        var parse: [Double] = []
        var expand: [Double] = []
        var total: [Double] = []
        var occurrences = 0

        static func summary(_ values: [Double]) -> (min: Double, median: Double) {
            let s = values.sorted()
            return (s.first ?? 0, s.isEmpty ? 0 : s[s.count / 2])
        }
    }

    func run() async throws {
        let catalog = ZoneCatalog()
        var rows: [String] = []
        var peerVersion = "not run"
        var python: String?
        if !noPeer {
            python = try setupPeer()
        }
        for c in cases {
            let ours = try measure(c, catalog: catalog)
            var line = "| \(c.name) | \(ours.occurrences) | \(Self.ms(Timing.summary(ours.parse).median)) | \(Self.ms(Timing.summary(ours.expand).median)) | \(Self.ms(Timing.summary(ours.total).median))"
            if let python {
                let peer = try runPeer(python: python, c)
                peerVersion = peer.version
                guard peer.occurrences == ours.occurrences else {
                    throw ValidationError(
                        "\(c.name): fieldsync found \(ours.occurrences) occurrences, the peer \(peer.occurrences); not comparable")
                }
                let ratio = peer.totalMedian / Timing.summary(ours.total).median
                line += " | \(Self.ms(peer.parseMedian)) | \(Self.ms(peer.expandMedian)) | \(Self.ms(peer.totalMedian)) | **\(String(format: "%.1f", ratio))x** |"
            } else {
                line += " | - | - | - | - |"
            }
            rows.append(line)
            print("measured: \(c.name)")
        }
        print("")
        print("Medians of \(iterations) iterations, milliseconds. Peer: \(peerVersion).")
        print("")
        print("| feed | occurrences | fieldsync parse | fieldsync expand | fieldsync total | peer parse | peer expand | peer total | peer / fieldsync |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        rows.forEach { print($0) }
    }

    func measure(_ c: Case, catalog: ZoneCatalog) throws -> Timing {
        guard let from = RFC3339.parseInstant(c.from), let to = RFC3339.parseInstant(c.to) else {
            throw ValidationError("bad window for \(c.name)")
        }
        var timing = Timing()
        let clock = ContinuousClock()
        // One warm-up iteration (zone tables, page cache), then the measured ones.
        for i in 0...iterations {
            let start = clock.now
            guard let data = FileManager.default.contents(atPath: c.file) else {
                throw ValidationError("cannot read \(c.file)")
            }
            let document = ICalParser().parse(Array(data))
            let calendar = ICalendarReader(catalog: catalog).read(document)
            let parsed = clock.now
            let occurrences = OccurrenceExpander(floatingZone: calendar.floatingZone).occurrences(in: calendar, from: from, to: to)
            let end = clock.now
            if i == 0 { continue }
            timing.parse.append(Self.seconds(parsed - start))
            timing.expand.append(Self.seconds(end - parsed))
            timing.total.append(Self.seconds(end - start))
            timing.occurrences = occurrences.count
        }
        return timing
    }

    struct PeerResult {
        var version: String
        var occurrences: Int
        var parseMedian: Double
        var expandMedian: Double
        var totalMedian: Double
    }

    func setupPeer() throws -> String {
        let script = Self.root.appendingPathComponent("Peers/setup_peer.sh").path
        let output = try Self.run("/bin/bash", [script, venv])
        guard let python = output.split(separator: "\n").last.map(String.init), !python.isEmpty else {
            throw ValidationError("setup_peer.sh printed no python path")
        }
        return python
    }

    func runPeer(python: String, _ c: Case) throws -> PeerResult {
        let script = Self.root.appendingPathComponent("Peers/python_peer.py").path
        let output = try Self.run(
            python, [script, "--file", c.file, "--from", c.from, "--to", c.to, "--iterations", String(iterations)])
        guard let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
              let occurrences = object["occurrences"] as? Int,
              let parse = (object["parse_ms"] as? [String: Any])?["median"] as? Double,
              let expand = (object["expand_ms"] as? [String: Any])?["median"] as? Double,
              let total = (object["total_ms"] as? [String: Any])?["median"] as? Double
        else { throw ValidationError("the peer's output could not be read: \(output.prefix(200))") }
        return PeerResult(
            version: (object["peer"] as? String ?? "?") + ", Python " + (object["python"] as? String ?? "?"),
            occurrences: occurrences, parseMedian: parse / 1000, expandMedian: expand / 1000, totalMedian: total / 1000)
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("\(executable) \(arguments.first ?? "") exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func ms(_ seconds: Double) -> String {
        String(format: seconds < 0.01 ? "%.2f" : "%.1f", seconds * 1000)
    }
}
