import Foundation

/// Finds the files under `Tests/FieldSyncICalendarTests/Fixtures/`, which SwiftPM copies into
/// the test bundle as one folder (`resources: [.copy("Fixtures")]`).
///
/// Paths are relative to that folder and keep the layout of the originals:
///
/// ```swift
/// let bytes = try Fixtures.bytes("corpus/icalendar/src/icalendar/tests/calendars/bom_calendar.ics")
/// let all = Fixtures.files(under: "corpus", withExtension: "ics")
/// ```
enum Fixtures {
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "no fixture at Fixtures/\(path)" }
    }

    /// The copied `Fixtures` folder in the test bundle.
    static var root: URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("the test bundle has no Fixtures folder; is `.copy(\"Fixtures\")` still in Package.swift?")
        }
        return url
    }

    static func url(_ path: String) -> URL {
        root.appendingPathComponent(path)
    }

    /// The bytes of a fixture, exactly as stored.
    static func bytes(_ path: String) throws -> [UInt8] {
        let url = url(path)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Missing(path: path) }
        return Array(data)
    }

    /// Every file below `folder` whose name ends in `.ext`, as paths relative to ``root``, sorted.
    static func files(under folder: String, withExtension ext: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: url(folder).path) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix("." + ext) else { continue }
            found.append(folder + "/" + relative)
        }
        return found.sorted()
    }
}

/// Short names for the two corpora, so tests name files the way SOURCES.md does.
enum Corpus {
    /// `collective/icalendar`, `src/icalendar/tests/`.
    static func icalendar(_ path: String) -> String { "corpus/icalendar/src/icalendar/tests/" + path }
    /// `kewisch/ical.js`.
    static func icaljs(_ path: String) -> String { "corpus/ical.js/" + path }
}

/// Inline iCalendar text for tests that need exact bytes rather than a corpus file.
enum ICS {
    /// Lines joined by `ending` (CRLF unless told), with a final line break.
    static func bytes(_ lines: [String], ending: String = "\r\n") -> [UInt8] {
        Array((lines.joined(separator: ending) + ending).utf8)
    }

    /// `lines` inside `BEGIN:VCALENDAR` … `END:VCALENDAR`.
    static func calendar(_ lines: [String], ending: String = "\r\n") -> [UInt8] {
        bytes(["BEGIN:VCALENDAR", "VERSION:2.0"] + lines + ["END:VCALENDAR"], ending: ending)
    }

    /// `lines` inside one VEVENT inside a VCALENDAR.
    static func event(_ lines: [String]) -> [UInt8] {
        calendar(["BEGIN:VEVENT"] + lines + ["END:VEVENT"])
    }
}
