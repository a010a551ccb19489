import Foundation
import Logging

/// Logging for the command-line tool: standard error, level from `--verbose` or
/// `FIELDSYNC_LOG_LEVEL` (trace, debug, info, notice, warning, error, critical).
enum CLILogging {
    static func bootstrap(verbose: Bool) -> Logger {
        let environment = ProcessInfo.processInfo.environment["FIELDSYNC_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        let level = environment ?? (verbose ? .info : .warning)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "fieldsync")
    }
}
