import ArgumentParser

/// The exit codes `fieldsync` documents in `--help` (sysexits.h numbers where one fits).
enum Exit: Int32 {
    case success = 0
    case failure = 1
    case partial = 2
    case rejects = 3
    case usage = 64
    case dataError = 65
    case noInput = 66
    case unavailable = 69
    case busy = 75
    case config = 78
    case newerSchema = 79

    var code: ExitCode { ExitCode(rawValue) }
}

/// Writes `fieldsync: error: <message>` to standard error and returns the exit code to throw.
func fail(_ message: String, _ exit: Exit) -> ExitCode {
    StandardError.write("fieldsync: error: \(message)\n")
    return exit.code
}
