/// Why the sandbox could not load data, parse a fault, start, or apply a change. The message
/// names the file, record or argument and what to do about it; it never holds credentials.
public struct SandboxError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let raw: String
        private init(_ raw: String) { self.raw = raw }

        /// The data directory does not exist or is not a directory.
        public static let noSuchDirectory = Code("noSuchDirectory")
        /// A data file could not be read or written.
        public static let io = Code("io")
        /// A data file is not a JSON array of objects, or a record lacks what the sandbox needs.
        public static let invalidData = Code("invalidData")
        /// A `--fault` specification could not be parsed.
        public static let invalidFault = Code("invalidFault")
        /// The mutation API named a record that does not exist.
        public static let unknownRecord = Code("unknownRecord")
        /// A change asked of the mutation API cannot be applied.
        public static let invalidChange = Code("invalidChange")

        public var description: String { raw }
    }

    /// What kind of problem it is.
    public let code: Code
    /// What went wrong and what to do, for people.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
