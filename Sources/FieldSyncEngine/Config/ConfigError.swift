/// A configuration or mapping file that cannot be used, naming the file, the line and the key.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    /// Where in the document: `sources[0].feeds[2].url`.
    public var keyPath: String?
    public var message: String

    public init(file: String, line: Int? = nil, keyPath: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let keyPath, !keyPath.isEmpty { s += "\(keyPath): " }
        return s + message
    }
}
