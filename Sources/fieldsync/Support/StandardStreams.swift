import Foundation

/// Writing to standard output and error without buffering surprises. A reader that went away
/// (`fieldsync bookings | head`) ends the output quietly instead of crashing the command.
enum StandardError {
    static func write(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }
}

enum StandardOutput {
    static func write(_ text: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    }

    /// Prints a value as pretty, key-sorted JSON followed by a newline.
    static func writeJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        try? FileHandle.standardOutput.write(contentsOf: data)
    }
}
