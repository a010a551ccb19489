/// One record exactly as the vendor returns it in a list (`data[]` for ServiceTitan, the plural
/// key for Housecall Pro), held as compact JSON so that large data sets stay small in memory.
public struct SandboxRecord: Sendable, Hashable {
    /// Compact UTF-8 JSON of one object.
    public let bytes: [UInt8]

    /// A record from a JSON object.
    public init(_ value: JSONValue) {
        self.bytes = JSONWriter.bytes(value)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The record as a JSON value.
    public var value: JSONValue {
        (try? JSONParser.parse(bytes)) ?? .null
    }

    /// A member of the record (`record["id"]`).
    public subscript(key: String) -> JSONValue? { value[key] }
}
